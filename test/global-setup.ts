/**
 * Vitest global setup: make sure dist/ matches the sources before any test spawns `node bin/piilint.js` or the
 * language server. `npm test` already builds in `pretest`; this covers `npx vitest run` after an edit.
 * A build is started only when a source, tsconfig.json or package.json is newer than dist/.tsbuildinfo, so an
 * up-to-date tree costs a few file stats. A failed type check does not stop the tests as long as the CLI was
 * emitted (tsc still emits): the spawned tests then show what is broken at run time.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_INFO = path.join(ROOT, 'dist', '.tsbuildinfo');
const CLI_ENTRY = path.join(ROOT, 'dist', 'server', 'src', 'cli', 'main.js');
const SOURCE_FOLDERS = ['server/src', 'rules', 'client/src'];
const SOURCE_FILES = ['tsconfig.json', 'package.json'];

export default function setup(): void {
  if (!isStale()) {
    return;
  }
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '');
    if (!fs.existsSync(CLI_ENTRY)) {
      throw new Error(`test/global-setup: \`tsc -b\` failed and emitted no CLI:\n${output}`);
    }
    process.stderr.write(`test/global-setup: \`tsc -b\` reported errors; testing what it emitted.\n${output}\n`);
  }
}

function isStale(): boolean {
  const builtAt = mtimeOf(BUILD_INFO);
  if (builtAt === undefined || !fs.existsSync(CLI_ENTRY)) {
    return true;
  }
  const files = [
    ...SOURCE_FILES.map((file) => path.join(ROOT, file)),
    ...SOURCE_FOLDERS.flatMap((folder) => listFiles(path.join(ROOT, folder))),
  ];
  return files.some((file) => (mtimeOf(file) ?? 0) > builtAt);
}

function listFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) {
    return [];
  }
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

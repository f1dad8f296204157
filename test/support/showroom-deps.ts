/**
 * Test support: the real type declarations of the libraries the example and the fixtures use (NestJS, Prisma,
 * OpenCV, face-api.js, winston, mqtt, axios…), so that a fix that writes wrong code shows as a type error (#18).
 * They are the showroom's own dependencies, installed once per package.json into the system's temp folder
 * (`npm install --ignore-scripts`: nothing of theirs runs, no native build), with the Prisma client generated from
 * the showroom's schema without engines (`prisma generate --no-engine`; the engines are not needed for types and
 * their download host is not the npm registry). Later runs reuse the folder.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SHOWROOM = path.join(__dirname, '..', '..', 'examples', 'showroom');
const DONE_MARKER = '.piilint-deps-ready';

/** The `node_modules` folder with the showroom's dependencies; installs them when missing. */
export function ensureShowroomDependencies(): string {
  const manifest = fs.readFileSync(path.join(SHOWROOM, 'package.json'), 'utf8');
  const schema = fs.readFileSync(path.join(SHOWROOM, 'prisma', 'schema.prisma'), 'utf8');
  const key = createHash('sha256').update(manifest).update(schema).digest('hex').slice(0, 12);
  const folder = path.join(os.tmpdir(), `piilint-showroom-deps-${key}`);
  const nodeModules = path.join(folder, 'node_modules');
  if (fs.existsSync(path.join(folder, DONE_MARKER))) return nodeModules;
  fs.mkdirSync(path.join(folder, 'prisma'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), manifest);
  fs.writeFileSync(path.join(folder, 'prisma', 'schema.prisma'), schema);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, stdio: 'pipe', timeout: 600_000 });
  } catch (error) {
    throw new Error(
      `Could not install the showroom's dependencies into ${folder} (npm install --ignore-scripts): ${String((error as { stderr?: Buffer }).stderr ?? error)}. ` +
        'The fix-compile test needs the npm registry once; later runs reuse the folder.',
    );
  }
  // Prisma's CLI looks for its engines before it generates; an empty stand-in satisfies the check, and
  // `--no-engine` generates a client that needs none.
  const standIn = path.join(folder, 'no-engine');
  fs.writeFileSync(standIn, '');
  fs.chmodSync(standIn, 0o755);
  execFileSync(process.execPath, [path.join(nodeModules, 'prisma', 'build', 'index.js'), 'generate', '--no-engine'], {
    cwd: folder,
    stdio: 'pipe',
    timeout: 300_000,
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: standIn,
      PRISMA_QUERY_ENGINE_LIBRARY: standIn,
      PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  fs.writeFileSync(path.join(folder, DONE_MARKER), new Date().toISOString());
  return nodeModules;
}

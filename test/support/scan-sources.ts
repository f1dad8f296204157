/**
 * Test support: writes a small project to a temporary folder and scans it with the given rules.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../server/src/engine/scan';
import type { AnyRule } from '../../server/src/engine/rule-api';
import type { ScanResult } from '../../server/src/engine/scan-types';

export function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-test-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export async function scanSources(files: Record<string, string>, rules: readonly AnyRule[], config?: object): Promise<ScanResult & { root: string }> {
  const all = config ? { ...files, 'piilint.config.json': JSON.stringify(config) } : files;
  const root = writeProject(all);
  const result = await scan({ cwd: root, paths: [], rules });
  return { ...result, root };
}

/** The findings of one rule in a small project scanned with every rule, as sorted `file:line rule` lines. */
export async function ruleFindingLines(files: Record<string, string>, rule: string): Promise<string[]> {
  const { allRules } = await import('../../rules/index');
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${rule}`)).sort();
}

/** The files of a fixture folder, by path relative to it with forward slashes. */
export function readFixtureFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(root, file).split(path.sep).join('/')] = fs.readFileSync(file, 'utf8');
  }
  return files;
}

export type SourcesScan = ScanResult & { root: string };

export interface FixtureScan {
  readonly files: Record<string, string>;
  readonly result: SourcesScan;
}

/**
 * Scans fixture folders under `fixtures` with `rules`, each folder (and config) once per test file: the cases that
 * share a fixture share its scan.
 */
export function fixtureScanner(fixtures: string, rules: readonly AnyRule[]): (name: string, config?: object) => Promise<FixtureScan> {
  const scans = new Map<string, Promise<FixtureScan>>();
  return (name, config) => {
    const key = `${name}\u0000${JSON.stringify(config ?? null)}`;
    let scanned = scans.get(key);
    if (!scanned) {
      const files = readFixtureFiles(path.join(fixtures, name));
      scanned = scanSources(files, rules, config).then((result) => ({ files, result }));
      scans.set(key, scanned);
    }
    return scanned;
  };
}

/** A file of a scanned project, relative to its root with forward slashes. */
export function relativeToScan(result: { readonly root: string }, file: string): string {
  return path.relative(result.root, file).split(path.sep).join('/');
}

/** `file:line ruleId` for each finding, relative to the project root: compact to assert on. */
export function findingLines(result: ScanResult & { root: string }): string[] {
  return result.findings.map((finding) => `${path.relative(result.root, finding.range.file)}:${finding.range.line} ${finding.ruleId}`);
}

/** Lines marked `// expect: <rule-id>` in the given sources, in the same format as findingLines. */
export function expectedLines(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(/\/\/ expect: ([a-z-]+(?:, *[a-z-]+)*)/g)) {
        for (const rule of match[1]!.split(/, */)) out.push(`${name}:${index + 1} ${rule}`);
      }
    });
  }
  return out.sort();
}

/**
 * A warm `--cache` run where no file changed (issue #19 §5): it reports what the cold run reported, and it should not
 * need TypeScript at all. Whether TypeScript is loaded is told by a `--require` hook (test/support/typescript-load-
 * hook.cjs) that logs the first require of typescript, ts-morph or @ts-morph/common to a file.
 *
 * Known gap: the CLI still loads TypeScript on a warm run. The engine modules it imports at startup import ts-morph,
 * and the unchanged path itself reads the tsconfig with TypeScript (for the cache key), parses files for their
 * suppression comments and describes findings from drafts with it. That case is an expected failure (`it.fails`),
 * so it is kept and the suite says when the gap is closed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempFolder, piilint, type Spawned } from './git-project';

const ROOT = path.join(__dirname, '..', '..');
const SHOWROOM = path.join(ROOT, 'examples', 'showroom');
const HOOK = path.join(ROOT, 'test', 'support', 'typescript-load-hook.cjs');

let project: string;
let logFile: string;
let cold: Spawned;
let warm: Spawned;

beforeAll(() => {
  project = makeTempFolder('piilint-cache-no-ts-');
  fs.cpSync(SHOWROOM, project, { recursive: true });
  logFile = path.join(project, '..', `${path.basename(project)}-typescript.log`);
  cold = piilint(['--format', 'json', '--cache'], project);
  warm = piilint(['--format', 'json', '--cache', '--debug'], project, { NODE_OPTIONS: `--require ${HOOK}`, PIILINT_TYPESCRIPT_LOAD_LOG: logFile });
});

afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(logFile, { force: true });
});

/** The findings and notices of a JSON report, without what differs between two runs. */
function findingsOf(run: Spawned): unknown {
  if (run.status !== 0 && run.status !== 1) throw new Error(`piilint failed (exit ${run.status}):\n${run.stderr}`);
  const json = JSON.parse(run.stdout) as Record<string, unknown>;
  return { exit: run.status, summary: json.summary, findings: json.findings, notices: json.notices };
}

describe('a warm --cache run with no file changed', () => {
  it('is taken whole from the cache and reports what the cold run reported', () => {
    expect(/piilint debug: cache: (.*)/.exec(warm.stderr)?.[1]).toMatch(/^nothing changed; 17 files from the cache, 0 analysed /);
    expect(findingsOf(warm)).toEqual(findingsOf(cold));
    expect((findingsOf(cold) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  // Known gap (issue #19 §5): see the header.
  it.fails('never loads TypeScript', () => {
    expect(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '').toBe('');
  });
});

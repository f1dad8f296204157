/**
 * Replays every folder of test/fixtures/regressions/ (see its README) through the spawned CLI, on a temporary copy:
 * the scan must finish with the good file's finding reported and no internal error (a run is killed as hung after
 * HANG_GUARD_MS; `budgetMs` is checked by `npm run bench:budgets`, not here, issue #19 §4),
 * and where `fix` is checked, `--fix` must leave parsable code and a second `--fix` must change nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FINDING, HANG_GUARD_MS, ROOT, TempRoot, findingKeys, parseReport, runPiilint } from './support/cli';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'regressions');

interface Regression {
  readonly description: string;
  readonly foundBy: string;
  readonly checks: readonly ('scan' | 'fix')[];
  /**
   * Set while the bug is still open: the case runs as an expected failure (`it.fails`), so it is kept and the suite
   * says when a fix makes it pass. The text says what is missing.
   */
  readonly knownGap?: string;
  /** For inputs that once hung: the scan must finish within this many milliseconds (bench/budgets.js checks it). */
  readonly budgetMs?: number;
}

const cases = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(FIXTURES, entry.name, 'regression.json')))
  .map((entry) => ({ name: entry.name, ...(JSON.parse(fs.readFileSync(path.join(FIXTURES, entry.name, 'regression.json'), 'utf8')) as Regression) }))
  .sort((a, b) => a.name.localeCompare(b.name));

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-regressions-');
});

afterAll(() => {
  temp.dispose();
});

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[mc]?[jt]sx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function syntaxErrors(file: string): string[] {
  const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), { fileName: file, reportDiagnostics: true, compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve } });
  return (output.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

describe('regression fixtures', () => {
  it('has at least one fixture, each with a description and known checks', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const regression of cases) {
      expect(regression.description.length, regression.name).toBeGreaterThan(20);
      expect(regression.checks.length, regression.name).toBeGreaterThan(0);
      expect(regression.checks.every((check) => check === 'scan' || check === 'fix'), regression.name).toBe(true);
    }
  });

  const fixed = cases.filter((regression) => !regression.knownGap);
  const open = cases.filter((regression) => regression.knownGap);
  it.each(fixed)('$name', (regression) => check(regression));
  if (open.length) it.fails.each(open)('$name (known gap: $knownGap)', (regression) => check(regression));

  function check(regression: (typeof cases)[number]): void {
    const folder = path.join(temp.path, regression.name);
    fs.cpSync(path.join(FIXTURES, regression.name), folder, { recursive: true });
    const context = `${regression.name}: ${regression.description}`;

    const run = runPiilint(['--format', 'json'], folder, { timeoutMs: HANG_GUARD_MS });
    expect(run.signal, `killed as hung after ${run.ms} ms (${context})`).toBeNull();
    expect(run.stderr, context).not.toContain('internal error');
    expect([0, 1], context).toContain(run.status);
    if (fs.existsSync(path.join(folder, 'src', 'good.ts'))) expect(findingKeys(parseReport(run)), context).toContain(GOOD_FINDING);

    if (regression.checks.includes('fix')) {
      const before = new Map(sourceFiles(folder).map((file) => [file, syntaxErrors(file).length]));
      runPiilint(['--fix'], folder);
      for (const file of sourceFiles(folder)) {
        if (before.get(file) === 0) expect(syntaxErrors(file), `${path.relative(folder, file)} after --fix (${context})`).toEqual([]);
      }
      const second = runPiilint(['--fix'], folder);
      expect(second.stderr, context).toContain('piilint: applied 0 fixes in 0 files.');
    }
  }
});

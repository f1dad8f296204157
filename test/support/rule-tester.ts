/**
 * The shared rule tester: a fixture project is a small, real-looking codebase under test/fixtures/<rule>/<project>/,
 * scanned once with every rule, as users run piilint. Each case names one file. An invalid case marks its one sink
 * line with `// expect: <rule-id>` and gives the message id and what the message must say; a valid case (a safe twin
 * or a look-alike) has no marker and must have no finding of the rule. Every marked file must be a listed case, so a
 * fixture cannot hold an expectation nothing checks.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import type { Finding } from '../../server/src/engine/findings/finding';
import { expectedLines, findingLines, fixtureScanner, relativeToScan } from './scan-sources';

export interface FixtureCase {
  /** File of the case, relative to its project. */
  readonly file: string;
  /** Message id of the one finding of an invalid case; absent for a valid case. */
  readonly messageId?: string;
  /** Texts the message must contain (why the value is the data, the sink, the field). */
  readonly message?: readonly string[];
}

/** Declares one `describe` per project: a test per case, and one that every marked file is a case. */
export function describeFixtureProjects(rule: string, projects: Readonly<Record<string, readonly FixtureCase[]>>, config?: object): void {
  const fixtures = path.join(__dirname, '..', 'fixtures', rule);
  const scan = fixtureScanner(fixtures, allRules);
  const linesIn = (lines: readonly string[], file: string) => lines.filter((line) => line.startsWith(`${file}:`) && line.endsWith(` ${rule}`)).sort();
  for (const [project, cases] of Object.entries(projects)) {
    describe(project, () => {
      it('lists every file with a marker as a case, and finds nothing outside the listed cases', async () => {
        const { files, result } = await scan(project, config);
        const listed = new Set(cases.map((testCase) => testCase.file));
        const marked = expectedLines(files).filter((line) => line.endsWith(` ${rule}`)).map((line) => line.slice(0, line.lastIndexOf(':')));
        expect(marked.filter((file) => !listed.has(file)), 'marked files that are no case').toEqual([]);
        const found = findingLines(result).filter((line) => line.endsWith(` ${rule}`)).map((line) => line.slice(0, line.lastIndexOf(':')));
        expect(found.filter((file) => !listed.has(file)), 'findings outside the cases').toEqual([]);
      });
      for (const testCase of cases) {
        it(`${testCase.file}: ${testCase.messageId ? `invalid (${testCase.messageId})` : 'valid'}`, async () => {
          const { files, result } = await scan(project, config);
          expect(files[testCase.file], `${testCase.file} exists in ${project}`).toBeDefined();
          const expected = linesIn(expectedLines(files), testCase.file);
          expect(expected.length, 'a case file marks one sink (invalid) or none (valid)').toBe(testCase.messageId ? 1 : 0);
          expect(linesIn(findingLines(result), testCase.file)).toEqual(expected);
          if (testCase.messageId === undefined) return;
          const finding = result.findings.find(
            (candidate: Finding) => candidate.ruleId === rule && relativeToScan(result, candidate.range.file) === testCase.file,
          );
          expect(finding?.messageId).toBe(testCase.messageId);
          for (const text of testCase.message ?? []) expect(finding?.message).toContain(text);
        });
      }
    });
  }
}

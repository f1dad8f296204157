/**
 * The case tester every rule's tests use, in the manner of ESLint's and typescript-eslint's `RuleTester`: a case is
 * a small project, the findings it must give (file, line and message id, typed by the rule), and for each fix the
 * finding offers, in order, its title and the exact text of every file the fix changes. The tester also checks
 * that each fix leaves code that parses and that a fresh scan of the fixed project no longer reports the finding
 * (a suppression fix is checked for a suppression of its own, since its placeholder is no reason; #18).
 */
import { ts } from 'ts-morph';
import { expect, it } from 'vitest';
import type { Finding, Fix } from '../../server/src/engine/findings/finding';
import type { AnyRule, Locale } from '../../server/src/engine/rule-api';
import { relativeToScan, scanSources, type SourcesScan } from './scan-sources';

export interface ExpectedFinding<MessageId extends string> {
  readonly file: string;
  readonly line: number;
  readonly messageId: MessageId;
}

export interface ExpectedFix {
  readonly title: string;
  /** The files the fix changes, with their whole text after it. */
  readonly output: Readonly<Record<string, string>>;
}

export interface RuleTesterInvalidCase<MessageId extends string> {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly config?: object;
  readonly locale?: Locale;
  readonly findings: readonly ExpectedFinding<MessageId>[];
  /** Every fix the first finding offers, in order. */
  readonly fixes: readonly ExpectedFix[];
  /** Fixes the first finding lists as not offered here, with the reason. */
  readonly fixesNotOffered?: readonly { readonly title: string; readonly notOffered: string }[];
}

export interface RuleTesterValidCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly config?: object;
}

/** Applies a fix's edits (offsets into the analysed texts); returns the texts of the files it changes. */
export function applyFixToFiles(result: SourcesScan, files: Readonly<Record<string, string>>, fix: Fix): Record<string, string> {
  const changed: Record<string, string> = {};
  const byFile = new Map<string, Fix['edits'][number][]>();
  for (const edit of fix.edits) {
    const name = relativeToScan(result, edit.file);
    byFile.set(name, [...(byFile.get(name) ?? []), edit]);
  }
  for (const [name, edits] of byFile) {
    let text = files[name];
    if (text === undefined) throw new Error(`the fix edits ${name}, which is not in the project`);
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    changed[name] = text;
  }
  return changed;
}

function parseErrors(name: string, text: string): string[] {
  const tree = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, /\.[cm]?js$/.test(name) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const diagnostics = (tree as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((diagnostic) => `${name}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
}

function isSuppressionFix(fix: Fix): boolean {
  return fix.edits.some((edit) => edit.newText.includes('piilint-disable'));
}

function ruleFindings(result: SourcesScan, ruleId: string): Finding[] {
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

async function scanCase(rule: AnyRule, files: Readonly<Record<string, string>>, config?: object, locale?: Locale): Promise<SourcesScan> {
  const withLocale = locale ? { ...(config ?? {}), locale } : config;
  const result = await scanSources({ ...files }, [rule], withLocale);
  expect(result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.message), 'the case parses').toEqual([]);
  return result;
}

/** Registers one vitest test per case. */
export function runRuleTester<MessageId extends string>(
  rule: AnyRule & { readonly messages: Readonly<Record<MessageId, unknown>> },
  cases: { readonly valid: readonly RuleTesterValidCase[]; readonly invalid: readonly RuleTesterInvalidCase<MessageId>[] },
): void {
  const ruleId = rule.meta.id;
  for (const testCase of cases.valid) {
    it(`valid: ${testCase.name}`, async () => {
      const result = await scanCase(rule, testCase.files, testCase.config);
      expect(ruleFindings(result, ruleId).map((finding) => `${relativeToScan(result, finding.range.file)}:${finding.range.line} ${finding.messageId}`)).toEqual([]);
    });
  }
  for (const testCase of cases.invalid) {
    it(`invalid: ${testCase.name}`, async () => {
      const result = await scanCase(rule, testCase.files, testCase.config, testCase.locale);
      const findings = ruleFindings(result, ruleId);
      expect(findings.map((finding) => ({ file: relativeToScan(result, finding.range.file), line: finding.range.line, messageId: finding.messageId }))).toEqual(
        testCase.findings.map(({ file, line, messageId }) => ({ file, line, messageId })),
      );
      const first = findings[0];
      if (!first) return;
      expect(first.fixes.map((fix) => fix.title)).toEqual(testCase.fixes.map((fix) => fix.title));
      expect(first.fixesNotOffered ?? []).toEqual(testCase.fixesNotOffered ?? []);
      for (const [index, fix] of first.fixes.entries()) {
        const output = applyFixToFiles(result, testCase.files, fix);
        expect(output, `output of "${fix.title}"`).toEqual(testCase.fixes[index]!.output);
        for (const [name, text] of Object.entries(output)) expect(parseErrors(name, text)).toEqual([]);
        const fixed = await scanCase(rule, { ...testCase.files, ...output }, testCase.config, testCase.locale);
        const stillReported = ruleFindings(fixed, ruleId).filter(
          (finding) => !finding.suppression && relativeToScan(fixed, finding.range.file) === relativeToScan(result, first.range.file) && finding.messageId === first.messageId,
        );
        if (isSuppressionFix(fix)) {
          // The placeholder is not a reason: the fixed file reports that, until the user writes one.
          expect(fixed.findings.map((finding) => finding.ruleId)).toContain('invalid-suppression');
        } else {
          expect(stillReported.map((finding) => finding.range.line), `"${fix.title}" removes the finding`).toEqual([]);
        }
      }
    });
  }
}

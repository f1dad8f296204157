/**
 * GitLab Code Quality report (`--format gitlab`, `artifacts:reports:codequality`): a JSON array of issues in the
 * subset of the Code Climate format that GitLab documents
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): `description`, `check_name`,
 * `fingerprint`, `severity` (`info`, `minor`, `major`, `critical`, `blocker`) and `location.path` with
 * `location.lines.begin`. GitLab shows them in the merge request widget and the diff, on every tier.
 * Invariant: one issue per unsuppressed finding, with piilint's stable fingerprint (GitLab compares the issues of
 * the merge request's pipeline with the target branch's by fingerprint); paths relative to the folder piilint ran
 * in (the project root in CI), with forward slashes.
 */
import type { Finding, Severity } from '../../engine/findings/finding';
import type { Locale } from '../../engine/rule-api';
import type { ScanResult } from '../../engine/scan-types';
import type { Formatter, FormatterContext } from './formatter-types';
import { describePath } from './stylish';
import { toReportPath } from './report-paths';

export interface CodeQualityIssue {
  readonly type: 'issue';
  readonly check_name: string;
  readonly description: string;
  readonly content: { readonly body: string };
  readonly categories: readonly string[];
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly fingerprint: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

export const formatGitlab: Formatter = (result: ScanResult, context: FormatterContext): string =>
  `${JSON.stringify(toCodeQuality(result, context), null, 2)}\n`;

export function toCodeQuality(result: ScanResult, context: FormatterContext): CodeQualityIssue[] {
  return result.findings.filter((finding) => finding.suppression === undefined).map((finding) => toIssue(finding, context, result.locale));
}

function toIssue(finding: Finding, context: FormatterContext, locale: Locale): CodeQualityIssue {
  const body = [finding.message];
  if (finding.path.length > 0) body.push(`↳ ${describePath(finding.path, finding.range.file, context.cwd, locale)}`);
  if (finding.detail !== undefined) body.push(finding.detail);
  return {
    type: 'issue',
    check_name: finding.ruleId,
    description: finding.message,
    content: { body: body.join('\n\n') },
    categories: ['Security'],
    severity: SEVERITY[finding.severity],
    fingerprint: finding.fingerprint,
    location: { path: toReportPath(context.cwd, finding.range.file), lines: { begin: finding.range.line, end: finding.range.endLine } },
  };
}

/** piilint's errors block a merge by default, so they are GitLab's `critical`; warnings `major`; infos `info`. */
const SEVERITY: Readonly<Record<Severity, CodeQualityIssue['severity']>> = { error: 'critical', warning: 'major', info: 'info' };

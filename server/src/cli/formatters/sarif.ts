/**
 * SARIF 2.1.0 report (`--format sarif`) for GitHub code scanning and other SARIF viewers.
 * Input: a scan result, the folder it ran in and piilint's version. Output: one SARIF log with one run.
 * Invariant: the log validates against the SARIF 2.1.0 schema (test/cli/sarif-schema.test.ts); locations are
 * relative to `%SRCROOT%`, which `run.originalUriBaseIds` maps to the folder piilint ran in, so the log does not
 * depend on where the checkout lives; regions use 1-based UTF-16 columns (`columnKind`) with an exclusive end
 * column, exactly as `Finding` does.
 */
import type {
  Location,
  Log,
  Notification,
  ReportingDescriptor,
  Result,
  ThreadFlowLocation,
} from 'sarif';
import type { BaselineMatch } from '../../engine/findings/baseline';
import type { Finding, FlowStep, Notice, Severity, SourceRange } from '../../engine/findings/finding';
import { ENGINE_RULES } from '../../engine/findings/engine-rules';
import type { AnyRule, Locale } from '../../engine/rule-api';
import type { ScanResult } from '../../engine/scan-types';
import type { BaselineSummary, Formatter, FormatterContext } from './formatter-types';
import { toJsonBaselineEntry } from './json';
import { SRCROOT, toArtifactLocation, toBaseUri } from './report-paths';
import { isRunComplete } from './run-health';
import { plainText } from '../../engine/findings/localize-reach';
import { noticeMessage } from '../../i18n/notice-text';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/piilint/piilint';
/** Key of `partialFingerprints`; bump the version if `Finding.fingerprint` ever changes meaning. */
export const FINGERPRINT_KEY = 'piilint/v1';

const ENGINE_RULE_IDS = new Set(ENGINE_RULES.map((rule) => rule.meta.id));

export const formatSarif: Formatter = (result: ScanResult, context: FormatterContext): string =>
  `${JSON.stringify(toSarifLog(result, context), null, 2)}\n`;

export function toSarifLog(result: ScanResult, context: FormatterContext): Log {
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.meta.id, index]));
  const location = (range: SourceRange, message?: string): Location => ({
    physicalLocation: {
      artifactLocation: toArtifactLocation(context.cwd, range.file),
      region: {
        startLine: range.line,
        startColumn: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
      },
    },
    ...(message === undefined ? {} : { message: { text: message } }),
  });

  const toResult = (finding: Finding): Result => {
    const index = ruleIndex.get(finding.ruleId);
    const sarifResult: Result = {
      ruleId: finding.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: toLevel(finding.severity),
      message: { text: finding.message },
      locations: [location(finding.range)],
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      ...(finding.detail === undefined ? {} : { properties: { [DETAIL_PROPERTY]: finding.detail } }),
    };
    if (finding.path.length > 0) {
      sarifResult.codeFlows = [
        {
          threadFlows: [
            {
              locations: finding.path.map(
                (step): ThreadFlowLocation => ({
                  location: location(step.range, step.message),
                  kinds: flowKinds(step),
                  importance: step.kind === 'source' || step.kind === 'sink' ? 'essential' : 'important',
                }),
              ),
            },
          ],
        },
      ];
    }
    if (finding.suppression !== undefined) {
      sarifResult.suppressions = [
        {
          kind: 'inSource',
          justification: finding.suppression.justification,
          location: location(finding.suppression.range),
        },
      ];
    }
    return sarifResult;
  };

  const results: Result[] =
    context.baseline === undefined ? result.findings.map(toResult) : toBaselineResults(result.findings, context.baseline, toResult);

  const notifications: Notification[] = result.notices.map((notice) => ({
    level: toNotificationLevel(notice.level),
    message: { text: noticeMessage(notice, result.locale) },
    descriptor: { id: notice.code },
    ...(notice.file === undefined
      ? {}
      : { locations: [{ physicalLocation: { artifactLocation: toArtifactLocation(context.cwd, notice.file) } }] }),
  }));

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'piilint',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: result.rules.map((rule) => toRuleDescriptor(rule, result.locale)),
          },
        },
        invocations: [
          {
            executionSuccessful: isRunComplete(result.notices),
            toolExecutionNotifications: notifications,
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: toBaseUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        ...runProperties(result, context),
      },
    ],
  };
}

/** Keys of piilint's entries in SARIF property bags (`run.properties`, `result.properties`). */
export const BASELINE_PROPERTY = 'piilint/baseline';
export const CHANGED_SINCE_PROPERTY = 'piilint/changedSince';
export const BASELINE_ENTRY_PROPERTY = 'piilint/baselineEntry';
/** `result.properties`: why the finding matters and what to do (the message says only what reaches where). */
export const DETAIL_PROPERTY = 'piilint/detail';

/**
 * With a baseline, every result says how it compares (SARIF 2.1.0 §3.27.24 `baselineState`): `new` for a finding
 * the baseline does not accept, `unchanged` for one it does. An accepted finding also carries an external, accepted
 * suppression (§3.35), so viewers that honour suppressions (GitLab, the SARIF viewers) show it as suppressed rather
 * than open. Entries that match nothing (`absent`) are not results: piilint has no current location for them; they
 * are listed in `run.properties["piilint/baseline"].stale`.
 */
function toBaselineResults(findings: readonly Finding[], baseline: BaselineSummary, toResult: (finding: Finding) => Result): Result[] {
  const rows: { finding: Finding; match?: BaselineMatch }[] = [
    ...findings.map((finding) => ({ finding })),
    ...baseline.matched.map((match) => ({ finding: match.finding, match })),
  ];
  rows.sort((a, b) => compareFindings(a.finding, b.finding));
  return rows.map(({ finding, match }) => {
    const sarifResult = toResult(finding);
    if (match === undefined) {
      return { ...sarifResult, baselineState: 'new' };
    }
    return {
      ...sarifResult,
      baselineState: 'unchanged',
      suppressions: [
        ...(sarifResult.suppressions ?? []),
        {
          kind: 'external',
          status: 'accepted',
          justification: match.entry.reason ?? `Accepted in the baseline ${baseline.file}.`,
        },
      ],
      properties: { ...sarifResult.properties, [BASELINE_ENTRY_PROPERTY]: match.entry.fingerprint },
    };
  });
}

function runProperties(result: ScanResult, context: FormatterContext): { properties?: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  if (context.baseline !== undefined) {
    properties[BASELINE_PROPERTY] = {
      file: context.baseline.file,
      matched: context.baseline.matched.length,
      new: result.findings.filter((finding) => finding.suppression === undefined).length,
      stale: context.baseline.stale.map(toJsonBaselineEntry),
    };
  }
  if (context.changedSince !== undefined) {
    properties[CHANGED_SINCE_PROPERTY] = {
      ref: context.changedSince.ref,
      commit: context.changedSince.commit,
      filesChanged: context.changedSince.filesChanged,
      outside: context.changedSince.outsideCount,
    };
  }
  return Object.keys(properties).length === 0 ? {} : { properties };
}

/** Report order, as the engine sorts findings: by file, then offset, then rule. */
function compareFindings(a: Finding, b: Finding): number {
  const byFile = a.range.file < b.range.file ? -1 : a.range.file > b.range.file ? 1 : 0;
  return byFile || a.range.offset - b.range.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export function ruleHelpUri(ruleId: string): string {
  return ENGINE_RULE_IDS.has(ruleId)
    ? `${INFORMATION_URI}/blob/main/docs/cli.md`
    : `${INFORMATION_URI}/blob/main/rules/${ruleId}/README.md`;
}

function toRuleDescriptor(rule: AnyRule, locale: Locale): ReportingDescriptor {
  const { meta } = rule;
  const description = meta.description[locale];
  const legalBasis = meta.legalBasis[locale];
  const helpUri = ruleHelpUri(meta.id);
  // What to do, as the rule's main message explains it (the first message id is the plain case).
  const mainMessageId = Object.keys(rule.messages)[0];
  const whatToDo = mainMessageId === undefined ? undefined : rule.details?.[mainMessageId]?.[locale];
  const guidance = whatToDo === undefined ? '' : plainText(whatToDo.replace(/\{\{\s*\w+\s*\}\}/g, '…'));
  // GitHub shows `security-severity` only for rules tagged `security`; engine pseudo-rules have no score.
  const isScored = meta.securitySeverity > 0;
  const tags = isScored && !meta.tags.includes('security') ? [...meta.tags, 'security'] : [...meta.tags];
  return {
    id: meta.id,
    name: toPascalCase(meta.id),
    shortDescription: { text: description },
    fullDescription: { text: `${description} ${legalBasis}` },
    help: {
      text: [legalBasis, guidance, helpUri].filter((part) => part !== '').join('\n\n'),
      markdown: [legalBasis, guidance, `[${meta.id}](${helpUri})`].filter((part) => part !== '').join('\n\n'),
    },
    helpUri,
    defaultConfiguration: { level: toLevel(meta.defaultSeverity) },
    properties: {
      ...(isScored ? { 'security-severity': meta.securitySeverity.toFixed(1) } : {}),
      precision: meta.precision,
      tags,
    },
  };
}

function toLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

function toNotificationLevel(level: Notice['level']): 'error' | 'warning' | 'note' {
  return level === 'info' ? 'note' : level;
}

/**
 * SARIF `threadFlowLocation.kinds`: the well-known `call`/`return` where they apply, `taint` on every step, and
 * piilint's own `source`/`sink` on the ends (the kinds list is open to tool-defined values).
 */
function flowKinds(step: FlowStep): string[] {
  switch (step.kind) {
    case 'source':
      return ['source', 'taint'];
    case 'sink':
      return ['sink', 'taint'];
    case 'call':
      return ['call', 'taint'];
    case 'return':
      return ['return', 'taint'];
    case 'step':
      return ['taint'];
  }
}

function toPascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

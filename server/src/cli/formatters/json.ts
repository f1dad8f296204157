/**
 * The machine-readable report (`--format json`). Its shape is documented in docs/cli.md and versioned by
 * `schemaVersion`: fields may be added in a minor release, never renamed or removed without a new version.
 * Every field is always present (`null` rather than missing), so consumers need no existence checks.
 * Paths are relative to `cwd` with forward slashes; positions are 1-based, columns count UTF-16 code units and
 * `endColumn` is just past the last character.
 */
import type { Finding, FlowStep, Notice, Severity } from '../../engine/findings/finding';
import type { Locale } from '../../engine/rule-api';
import type { RunStats, ScanResult } from '../../engine/scan-types';
import type { BaselineEntry } from '../../engine/findings/baseline';
import { countFindings, hasSafeFix, type FindingCounts } from './count-findings';
import type { BaselineSummary, ChangedSinceSummary, Formatter, FormatterContext } from './formatter-types';
import { toReportPath } from './report-paths';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonReport {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  readonly tool: { readonly name: 'piilint'; readonly version: string };
  /** Absolute folder the paths are relative to. */
  readonly cwd: string;
  readonly locale: Locale;
  /** Counts over the reported findings; suppressed ones count only in `suppressedCount`. */
  readonly summary: FindingCounts;
  readonly findings: readonly JsonFinding[];
  readonly notices: readonly JsonNotice[];
  readonly stats: RunStats;
  /** With `--baseline`: what the baseline accepted, and its entries that no longer match; else `null`. */
  readonly baseline: JsonBaseline | null;
  /** With `--changed-since`: the ref and how many findings were left out; else `null`. */
  readonly changedSince: JsonChangedSince | null;
}

export interface JsonBaseline {
  /** The baseline file as given. */
  readonly file: string;
  /** Findings the baseline accepts (left out of `findings`). */
  readonly matched: number;
  /** Unsuppressed findings in `findings`: the ones the baseline does not accept. */
  readonly new: number;
  /** Entries that match no finding any more: remove them with `piilint baseline prune`. */
  readonly stale: readonly JsonBaselineEntry[];
}

export interface JsonBaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly function: string;
  readonly snippet: string;
  readonly reason: string | null;
  readonly author: string | null;
}

export interface JsonChangedSince {
  readonly ref: string;
  readonly commit: string;
  readonly filesChanged: number;
  /** Findings left out because none of their lines (sink, source, path) changed. */
  readonly outside: number;
}

export interface JsonPosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface JsonFinding extends JsonPosition {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly messageId: string;
  /** One sentence: what reaches where. */
  readonly message: string;
  /** Why it matters (the legal basis) and what to do; `null` when the rule gives none. */
  readonly detail: string | null;
  /** Source first, sink last; empty for findings without a flow. */
  readonly path: readonly JsonFlowStep[];
  /** The whole call that logs, stores or sends, of which the finding's position is the argument; `null` without a flow. */
  readonly sinkCall: JsonPosition | null;
  readonly fingerprint: string;
  /** Set when an inline comment suppresses the finding; it then does not affect the exit code. */
  readonly suppression: JsonSuppression | null;
  /** Whether `--fix` would fix it (it has a safe fix). */
  readonly isFixable: boolean;
  readonly data: Readonly<Record<string, string>>;
}

export interface JsonFlowStep extends JsonPosition {
  readonly kind: FlowStep['kind'];
  readonly message: string;
}

export interface JsonSuppression {
  readonly kind: 'inSource';
  readonly justification: string;
  /** Where the suppression comment is. */
  readonly line: number;
  readonly column: number;
}

export interface JsonNotice {
  readonly level: Notice['level'];
  readonly code: Notice['code'];
  readonly message: string;
  readonly file: string | null;
}

export const formatJson: Formatter = (result: ScanResult, context: FormatterContext): string =>
  `${JSON.stringify(toJsonReport(result, context), null, 2)}\n`;

export function toJsonReport(result: ScanResult, context: FormatterContext): JsonReport {
  const position = (range: Finding['range']): JsonPosition => ({
    file: toReportPath(context.cwd, range.file),
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
  });
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'piilint', version: context.toolVersion },
    cwd: context.cwd,
    locale: result.locale,
    summary: countFindings(result.findings),
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      messageId: finding.messageId,
      message: finding.message,
      detail: finding.detail ?? null,
      ...position(finding.range),
      path: finding.path.map((step) => ({ kind: step.kind, message: step.message, ...position(step.range) })),
      sinkCall: finding.sinkCall ? position(finding.sinkCall) : null,
      fingerprint: finding.fingerprint,
      suppression:
        finding.suppression === undefined
          ? null
          : {
              kind: finding.suppression.kind,
              justification: finding.suppression.justification,
              line: finding.suppression.range.line,
              column: finding.suppression.range.column,
            },
      isFixable: hasSafeFix(finding),
      data: finding.data,
    })),
    notices: result.notices.map((notice) => ({
      level: notice.level,
      code: notice.code,
      message: notice.message,
      file: notice.file === undefined ? null : toReportPath(context.cwd, notice.file),
    })),
    stats: result.stats.cache === undefined ? result.stats : { ...result.stats, cache: result.stats.cache.map((cache) => ({ ...cache, file: toReportPath(context.cwd, cache.file) })) },
    baseline: context.baseline === undefined ? null : toJsonBaseline(context.baseline, result.findings),
    changedSince: context.changedSince === undefined ? null : toJsonChangedSince(context.changedSince),
  };
}

function toJsonBaseline(baseline: BaselineSummary, findings: readonly Finding[]): JsonBaseline {
  return {
    file: baseline.file,
    matched: baseline.matched.length,
    new: findings.filter((finding) => finding.suppression === undefined).length,
    stale: baseline.stale.map(toJsonBaselineEntry),
  };
}

export function toJsonBaselineEntry(entry: BaselineEntry): JsonBaselineEntry {
  return {
    fingerprint: entry.fingerprint,
    ruleId: entry.ruleId,
    file: entry.file,
    line: entry.line,
    function: entry.function,
    snippet: entry.snippet,
    reason: entry.reason ?? null,
    author: entry.author ?? null,
  };
}

function toJsonChangedSince(changed: ChangedSinceSummary): JsonChangedSince {
  return { ref: changed.ref, commit: changed.commit, filesChanged: changed.filesChanged, outside: changed.outsideCount };
}

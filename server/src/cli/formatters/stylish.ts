/**
 * The default, human-readable report: findings grouped by file, one line each
 * (`file:line:col  severity  message  rule-id`, so terminals and editors can open the location), then the flow
 * from the source to the sink on an indented line, then a summary. Suppressed findings are not shown (the JSON
 * and SARIF reports keep them). Notices are not part of the report: the CLI prints them on stderr.
 * An empty report is empty, as ESLint's is, so a clean CI log stays quiet. With `--baseline`, baseline entries that
 * no longer match are listed even then, because removing them is the user's next step; with `--baseline` or
 * `--changed-since`, a report with findings says how many were left out and why.
 */
import picocolors from 'picocolors';
import type { Finding, FlowStep, Severity } from '../../engine/findings/finding';
import type { Locale } from '../../engine/rule-api';
import type { ScanResult } from '../../engine/scan-types';
import { countFindings, type FindingCounts } from './count-findings';
import type { BaselineSummary, ChangedSinceSummary, Formatter, FormatterContext } from './formatter-types';
import { escapeForTerminal } from './escape-terminal';
import { toReportPath } from './report-paths';
import { cliText } from '../../i18n/cli-text';

/** Flows longer than this show their first and last steps only; the JSON and SARIF reports keep every step. */
const MAX_PATH_STEPS = 5;

export const formatStylish: Formatter = (result: ScanResult, context: FormatterContext): string => {
  const colors = picocolors.createColors(context.isColored);
  const visible = result.findings.filter((finding) => finding.suppression === undefined);
  const lines: string[] = [];
  if (visible.length > 0) {
    lines.push(...describeFindings(visible, context, colors, result.locale));
    const counts = countFindings(visible);
    const summary = `✖ ${describeCounts(counts, result.locale)}`;
    lines.push('', counts.errorCount > 0 ? colors.bold(colors.red(summary)) : colors.bold(colors.yellow(summary)));
    if (counts.fixableCount > 0) {
      lines.push(colors.dim(`  ${describeFixable(counts.fixableCount, result.locale)}`));
    }
    if (context.baseline !== undefined && context.baseline.matched.length > 0) {
      lines.push(colors.dim(`  ${describeAccepted(context.baseline, result.locale)}`));
    }
    if (context.changedSince !== undefined && context.changedSince.outsideCount > 0) {
      lines.push(colors.dim(`  ${describeOutside(context.changedSince, result.locale)}`));
    }
  }
  if (context.baseline !== undefined && context.baseline.stale.length > 0) {
    lines.push('', colors.yellow(describeStale(context.baseline, result.locale)));
    for (const entry of context.baseline.stale) {
      lines.push(`  ${colors.dim(escapeForTerminal(`${entry.file}:${entry.line}`))}  ${escapeForTerminal(entry.ruleId)}  ${escapeForTerminal(entry.snippet)}  ${colors.dim(escapeForTerminal(entry.fingerprint))}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

function describeFindings(visible: readonly Finding[], context: FormatterContext, colors: ReturnType<typeof picocolors.createColors>, locale: Locale): string[] {
  const severityNames = cliText(locale).severity;
  const byFile = new Map<string, Finding[]>();
  for (const finding of visible) {
    // Names and messages come from the workspace: escaped, so they cannot clear the screen or forge a line (#21).
    const file = escapeForTerminal(toReportPath(context.cwd, finding.range.file));
    const list = byFile.get(file) ?? [];
    list.push(finding);
    byFile.set(file, list);
  }

  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const findings = (byFile.get(file) ?? []).sort(
      (a, b) => a.range.line - b.range.line || a.range.column - b.range.column || a.ruleId.localeCompare(b.ruleId),
    );
    const locations = findings.map((finding) => `${file}:${finding.range.line}:${finding.range.column}`);
    const locationWidth = Math.max(...locations.map((location) => location.length));
    // Display width: a CJK character takes two columns.
    const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u1100-\uffff]/.test(char) ? 2 : 1), 0);
    const severityWidth = Math.max(...findings.map((finding) => width(severityNames[finding.severity])));

    lines.push('', colors.underline(file));
    findings.forEach((finding, index) => {
      const location = (locations[index] ?? '').padEnd(locationWidth);
      const name = severityNames[finding.severity];
      const severity = colorSeverity(colors, finding.severity, name + ' '.repeat(severityWidth - width(name)));
      lines.push(`  ${colors.dim(location)}  ${severity}  ${escapeForTerminal(finding.message)}  ${colors.dim(escapeForTerminal(finding.ruleId))}`);
      if (finding.path.length > 0) {
        lines.push(`    ${colors.dim(`↳ ${escapeForTerminal(describePath(finding.path, finding.range.file, context.cwd, locale))}`)}`);
      }
    });
  }
  return lines;
}

function describeAccepted(baseline: BaselineSummary, locale: Locale): string {
  const count = baseline.matched.length;
  return locale === 'zh-CN'
    ? `另有 ${count} 个问题已列入基线 ${baseline.file}，未显示。`
    : `${plural(count, 'more finding')} accepted in the baseline ${baseline.file} ${count === 1 ? 'is' : 'are'} not shown.`;
}

function describeOutside(changed: ChangedSinceSummary, locale: Locale): string {
  const count = changed.outsideCount;
  return locale === 'zh-CN'
    ? `另有 ${count} 个问题不涉及自 ${changed.ref} 以来修改的行，未显示。`
    : `${plural(count, 'more finding')} on lines not changed since ${changed.ref} ${count === 1 ? 'is' : 'are'} not shown.`;
}

function describeStale(baseline: BaselineSummary, locale: Locale): string {
  const count = baseline.stale.length;
  return locale === 'zh-CN'
    ? `基线 ${baseline.file} 中有 ${count} 个条目已不再匹配任何问题（已修复或代码已改变）。用 \`piilint baseline prune --baseline ${baseline.file}\` 删除：`
    : `${plural(count, 'entry', 'entries')} in the baseline ${baseline.file} no longer ${count === 1 ? 'matches' : 'match'} a finding (fixed, or the code changed). Remove ${count === 1 ? 'it' : 'them'} with \`piilint baseline prune --baseline ${baseline.file}\`:`;
}

/** `8:17 face descriptor from face-api.js → 10:9 assigned to template → 12:5 passed to saveTemplate`. */
export function describePath(steps: readonly FlowStep[], sinkFile: string, cwd: string, locale: Locale = 'en'): string {
  const describe = (step: FlowStep) => {
    const where = step.range.file === sinkFile ? '' : `${toReportPath(cwd, step.range.file)}:`;
    return `${where}${step.range.line}:${step.range.column} ${step.message}`;
  };
  if (steps.length <= MAX_PATH_STEPS) {
    return steps.map(describe).join(' → ');
  }
  const head = steps.slice(0, 2).map(describe);
  const tail = steps.slice(-2).map(describe);
  return [...head, locale === 'zh-CN' ? `… 另有 ${steps.length - 4} 步 …` : `… ${steps.length - 4} more …`, ...tail].join(' → ');
}

export function describeCounts(counts: FindingCounts, locale: Locale): string {
  const total = counts.errorCount + counts.warningCount + counts.infoCount;
  if (locale === 'zh-CN') {
    const parts = [`${counts.errorCount} 个错误`, `${counts.warningCount} 个警告`];
    if (counts.infoCount > 0) {
      parts.push(`${counts.infoCount} 个提示`);
    }
    return `${total} 个问题（${parts.join('，')}）`;
  }
  const parts = [plural(counts.errorCount, 'error'), plural(counts.warningCount, 'warning')];
  if (counts.infoCount > 0) {
    parts.push(`${counts.infoCount} info`);
  }
  return `${plural(total, 'problem')} (${parts.join(', ')})`;
}

function describeFixable(count: number, locale: Locale): string {
  return locale === 'zh-CN'
    ? `其中 ${count} 个可用 \`piilint --fix\` 自动修复。`
    : `${count} of them can be fixed automatically with \`piilint --fix\`.`;
}

function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}

function colorSeverity(colors: ReturnType<typeof picocolors.createColors>, severity: Severity, text: string): string {
  switch (severity) {
    case 'error':
      return colors.red(text);
    case 'warning':
      return colors.yellow(text);
    case 'info':
      return colors.blue(text);
  }
}

/**
 * GitHub Actions workflow commands (`--format github`): one `::error`, `::warning` or `::notice` line per
 * unsuppressed finding, which the runner turns into an annotation on the file and line of the pull request
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message).
 * Syntax: `::error file={path},line={n},endLine={n},col={n},endColumn={n},title={title}::{message}`.
 * Invariant: nothing from the workspace can forge a command. File names and messages are first made printable as
 * the stylish report does (control characters shown as `\n`, `\x1b`…, issue #21), then escaped as the runner's
 * own toolkit escapes them (`%` `\r` `\n` in the message; also `:` and `,` in properties), so every finding is
 * exactly one line, and a name such as `a.ts,line=1::x` or `%0A::set-env` stays inside its property.
 */
import type { Finding, Notice } from '../../engine/findings/finding';
import type { ScanResult } from '../../engine/scan-types';
import { cliText } from '../../i18n/cli-text';
import { escapeForTerminal } from './escape-terminal';
import type { Formatter, FormatterContext } from './formatter-types';
import { describePath } from './stylish';
import { toReportPath } from './report-paths';

export const formatGithub: Formatter = (result: ScanResult, context: FormatterContext): string => {
  const lines: string[] = [];
  for (const finding of result.findings) {
    if (finding.suppression !== undefined) continue;
    lines.push(findingCommand(finding, result, context));
  }
  for (const notice of result.notices) {
    if (notice.level === 'info') continue;
    lines.push(noticeCommand(notice, result, context));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

function findingCommand(finding: Finding, result: ScanResult, context: FormatterContext): string {
  const level = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
  const range = finding.range;
  const properties = [
    `file=${escapeProperty(toReportPath(context.cwd, range.file))}`,
    `line=${range.line}`,
    `endLine=${range.endLine}`,
    // GitHub takes columns only on one-line annotations.
    ...(range.line === range.endLine ? [`col=${range.column}`, `endColumn=${range.endColumn}`] : []),
    `title=${escapeProperty(`piilint(${finding.ruleId})`)}`,
  ];
  const text = [finding.message];
  if (finding.path.length > 0) text.push(`↳ ${describePath(finding.path, range.file, context.cwd, result.locale)}`);
  if (finding.detail !== undefined) text.push(finding.detail);
  return `::${level} ${properties.join(',')}::${escapeData(text.map((part) => escapeForTerminal(part)).join('\n'))}`;
}

function noticeCommand(notice: Notice, result: ScanResult, context: FormatterContext): string {
  const level = notice.level === 'error' ? 'error' : 'warning';
  const properties = [
    ...(notice.file === undefined ? [] : [`file=${escapeProperty(toReportPath(context.cwd, notice.file))}`]),
    `title=${escapeProperty(`piilint: ${cliText(result.locale).noticeTitle(notice.code)}`)}`,
  ];
  return `::${level} ${properties.join(',')}::${escapeData(escapeForTerminal(notice.message))}`;
}

/** The message of a command, as @actions/core's `escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value, as @actions/core's `escapeProperty`, after the terminal escaping of names. */
export function escapeProperty(text: string): string {
  return escapeData(escapeForTerminal(text)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

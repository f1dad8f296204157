/**
 * The CI formats, checked against what their consumers document:
 * - `--format gitlab` against GitLab's Code Quality report format
 *   (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array of objects with
 *   `description`, `check_name`, `fingerprint` (unique), `severity` (one of info, minor, major, critical, blocker),
 *   `location.path` (relative, no `./`) and `location.lines.begin` (or `location.positions.begin.line`). The schema
 *   below states exactly those fields; GitLab ignores the others.
 * - `--format github` against GitHub's workflow command syntax
 *   (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message):
 *   `::error file={name},line={line},endLine={endLine},col={col},endColumn={endColumn},title={title}::{message}`,
 *   one command per line, parsed here as the runner parses it (split at the first `::` after the properties,
 *   properties at `,` and `=`, then `%0A`, `%0D`, `%25`, `%3A`, `%2C` decoded).
 */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/findings/finding';
import { formatGithub } from '../../server/src/cli/formatters/github';
import { formatGitlab } from '../../server/src/cli/formatters/gitlab';
import { BIOMETRIC_FINDING, CONTEXT, ID_NUMBER_FINDING, PARSE_ERROR_FINDING, SUPPRESSED_FINDING, range, sampleResult } from './sample-result';

const GITLAB_CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^(\\./|/)' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
          positions: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'object', required: ['line'], properties: { line: { type: 'integer', minimum: 1 } } } },
          },
        },
        anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
      },
    },
  },
} as const;

const validateCodeQuality = new Ajv({ allErrors: true }).compile(GITLAB_CODE_QUALITY_SCHEMA);

const DETAILED: Finding = {
  ...ID_NUMBER_FINDING,
  severity: 'error',
  message: "An identifying number (ID-document number, name 'idCardNo') reaches console unmasked.",
  detail: 'Logs are copied widely (PIPL 51, Civil Code 1034, Resident Identity Card Law 19). Mask it first.',
};

describe('--format gitlab (Code Quality)', () => {
  it('is valid against the fields GitLab documents, one issue per unsuppressed finding, fingerprints unique', () => {
    const report: unknown = JSON.parse(formatGitlab(sampleResult(), CONTEXT));
    expect(validateCodeQuality(report), JSON.stringify(validateCodeQuality.errors)).toBe(true);
    const issues = report as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.map((issue) => [issue.check_name, issue.severity, issue.location.path, issue.location.lines.begin])).toEqual([
      ['no-unconsented-biometric-storage', 'critical', 'src/kiosk/enroll.ts', 14],
      ['no-id-number-logging', 'major', 'src/crm/customer-log.ts', 27],
      ['parse-error', 'critical', 'src/展厅 files/a b.ts', 3],
    ]);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
  });

  it('puts the path and the detail in the body, and keeps the description to the one-sentence message', () => {
    const [issue] = JSON.parse(formatGitlab(sampleResult({ findings: [DETAILED] }), CONTEXT)) as { description: string; content: { body: string } }[];
    expect(issue!.description).toBe(DETAILED.message);
    expect(issue!.content.body).toBe(
      `${DETAILED.message}\n\n↳ src/crm/customer.ts:4:3 name \`idCardNo\` → 20:10 passed to describeCustomer → 22:3 returned from describeCustomer → 27:3 logged by console.info\n\n${DETAILED.detail}`,
    );
  });

  it('is an empty array when nothing is reported, so that GitLab clears the widget', () => {
    expect(formatGitlab(sampleResult({ findings: [SUPPRESSED_FINDING] }), CONTEXT)).toBe('[]\n');
  });
});

interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

/** A workflow command line as the Actions runner reads it. */
function parseCommand(line: string): WorkflowCommand {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((part) => part.length > 0)) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  return { command: match[1]!, properties, message: unescape(match[3]!) };
}

describe('--format github (workflow commands)', () => {
  it('writes one annotation per unsuppressed finding and per warning notice, with file, lines, columns and title', () => {
    const lines = formatGithub(sampleResult(), CONTEXT).trimEnd().split('\n');
    const commands = lines.map(parseCommand);
    expect(commands.map((command) => [command.command, command.properties.file, command.properties.line, command.properties.title])).toEqual([
      ['error', 'src/kiosk/enroll.ts', '14', 'piilint(no-unconsented-biometric-storage)'],
      ['warning', 'src/crm/customer-log.ts', '27', 'piilint(no-id-number-logging)'],
      ['error', 'src/展厅 files/a b.ts', '3', 'piilint(parse-error)'],
      ['warning', 'public/vendor.min.js', undefined, 'piilint: file too large'],
    ]);
    expect(commands[0]!.properties).toMatchObject({ line: '14', endLine: '14', col: '5', endColumn: '37' });
  });

  it('carries the message, the path and the detail in the annotation text', () => {
    const [command] = formatGithub(sampleResult({ findings: [DETAILED], notices: [] }), CONTEXT).trimEnd().split('\n').map(parseCommand);
    expect(command!.message.split('\n')).toEqual([
      DETAILED.message,
      '↳ src/crm/customer.ts:4:3 name `idCardNo` → 20:10 passed to describeCustomer → 22:3 returned from describeCustomer → 27:3 logged by console.info',
      DETAILED.detail,
    ]);
  });

  it('cannot be made to forge a command or a property by a file name or a message from the workspace', () => {
    const hostile: Finding = {
      ...BIOMETRIC_FINDING,
      message: 'stored 100% %0A::set-env name=X::1\n::add-mask::secret\r\u001b[2J',
      range: range('src/a.ts,line=1::x%0A::error ::y.ts', 3, 1, 5),
      path: [],
    };
    const text = formatGithub(sampleResult({ findings: [hostile, PARSE_ERROR_FINDING], notices: [] }), CONTEXT);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const command = parseCommand(lines[0]!);
    expect(command.command).toBe('error');
    expect(command.properties.file).toBe('src/a.ts,line=1::x%0A::error ::y.ts');
    expect(command.properties.line).toBe('3');
    expect(command.message).toContain('stored 100% %0A::set-env name=X::1');
    expect(command.message).not.toMatch(/[\r\u001b]/);
    expect(command.message.split('\n').every((part) => !part.startsWith('::'))).toBe(true);
  });

  it('prints nothing when nothing is reported', () => {
    expect(formatGithub(sampleResult({ findings: [SUPPRESSED_FINDING], notices: [] }), CONTEXT)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding, SourceRange } from '../../server/src/engine/findings/finding';
import {
  applySuppressions,
  parseSuppressionDirectives,
  type ApplySuppressionsInput,
} from '../../server/src/engine/findings/suppressions';

const FILE = '/projects/showroom/src/crm/customer-log.ts';
const KNOWN = new Set([
  'no-unconsented-biometric-storage',
  'no-id-number-logging',
  'no-unanonymized-camera-egress',
  'parse-error',
  'invalid-suppression',
  'unused-suppression',
]);

/** A finding of `ruleId` whose sink starts at the first occurrence of `marker` in `text`. */
function findingAt(text: string, marker: string, ruleId = 'no-id-number-logging'): Finding {
  const offset = text.indexOf(marker);
  if (offset < 0) {
    throw new Error(`marker ${marker} not in text`);
  }
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const range: SourceRange = { file: FILE, line, column, endLine: line, endColumn: column + marker.length, offset, length: marker.length };
  return {
    ruleId,
    severity: 'error',
    messageId: 'idNumberLogged',
    message: 'ID number logged.',
    range,
    path: [],
    fingerprint: `fp-${offset}`,
    fixes: [],
    data: {},
  };
}

function run(text: string, findings: Finding[], extra: Partial<ApplySuppressionsInput> = {}) {
  return applySuppressions({
    file: FILE,
    text,
    findings,
    knownRuleIds: KNOWN,
    makeEngineFinding: (ruleId, messageId, data, range) => ({
      ruleId,
      severity: 'warning',
      messageId,
      message: `${messageId} ${JSON.stringify(data)}`,
      range,
      path: [],
      fingerprint: `engine-${range.offset}`,
      fixes: [],
      data,
    }),
    ...extra,
  });
}

const engineFindings = (results: Finding[]) =>
  results.filter((finding) => finding.ruleId === 'invalid-suppression' || finding.ruleId === 'unused-suppression');

describe('piilint-disable-next-line', () => {
  const text = [
    'export function logCustomer(customer: Customer) {',
    '  // piilint-disable-next-line no-id-number-logging -- the audit log is encrypted and kept for 30 days (PIPL Art. 51)',
    '  auditLog.info(customer.idCardNo);',
    '  console.info(customer.idCardNo);',
    '}',
  ].join('\n');

  it('suppresses a finding whose sink starts on the next line, with the reason as justification', () => {
    const suppressed = findingAt(text, 'auditLog.info');
    const results = run(text, [suppressed]);
    expect(results).toHaveLength(1);
    expect(results[0]!.suppression).toMatchObject({
      kind: 'inSource',
      justification: 'the audit log is encrypted and kept for 30 days (PIPL Art. 51)',
      range: { line: 2, column: 3 },
    });
  });

  it('does not suppress a finding two lines below, or of another rule', () => {
    const later = findingAt(text, 'console.info');
    const otherRule = findingAt(text, 'auditLog.info', 'no-unconsented-biometric-storage');
    const results = run(text, [later, otherRule]);
    expect(results[0]!.suppression).toBeUndefined();
    expect(results[1]!.suppression).toBeUndefined();
    // Nothing was suppressed, so the directive is reported as unused, at the rule id.
    expect(engineFindings(results)).toEqual([
      expect.objectContaining({
        ruleId: 'unused-suppression',
        messageId: 'unusedSuppression',
        data: { ruleId: 'no-id-number-logging' },
        range: expect.objectContaining({ line: 2, column: 32, length: 'no-id-number-logging'.length }),
      }),
    ]);
  });

  it('accepts several rule ids separated by commas and a block comment', () => {
    const source = [
      '/* piilint-disable-next-line no-id-number-logging, no-unanonymized-camera-egress -- frames and IDs are masked by the gateway */',
      'upload(frame, customer.idCardNo);',
    ].join('\n');
    const results = run(source, [
      findingAt(source, 'upload', 'no-id-number-logging'),
      findingAt(source, 'upload', 'no-unanonymized-camera-egress'),
    ]);
    expect(results.map((finding) => finding.suppression?.justification)).toEqual([
      'frames and IDs are masked by the gateway',
      'frames and IDs are masked by the gateway',
    ]);
    expect(engineFindings(results)).toEqual([]);
  });
});

describe('piilint-disable … piilint-enable', () => {
  it('suppresses from the comment to the matching enable', () => {
    const text = [
      '/* piilint-disable no-id-number-logging -- legacy dealer export, removed in ticket CRM-1142 */',
      'log(a.idCardNo);',
      'log(b.idCardNo);',
      '/* piilint-enable no-id-number-logging */',
      'log(c.idCardNo);',
    ].join('\n');
    const results = run(text, [findingAt(text, 'log(a'), findingAt(text, 'log(b'), findingAt(text, 'log(c')]);
    expect(results.map((finding) => finding.suppression !== undefined)).toEqual([true, true, false]);
    expect(results[0]!.suppression?.justification).toBe('legacy dealer export, removed in ticket CRM-1142');
  });

  it('runs to the end of the file without an enable, and an enable without ids ends every block', () => {
    const text = [
      '/* piilint-disable no-id-number-logging -- reviewed by the DPO on 2024-03-01 */',
      'log(a.idCardNo);',
      '/* piilint-disable no-unanonymized-camera-egress -- test fixture frames are synthetic */',
      'send(frame);',
      '/* piilint-enable */',
      'send(frame2);',
    ].join('\n');
    const results = run(text, [
      findingAt(text, 'log(a'),
      findingAt(text, 'send(frame)', 'no-unanonymized-camera-egress'),
      findingAt(text, 'send(frame2)', 'no-unanonymized-camera-egress'),
    ]);
    expect(results.map((finding) => finding.suppression !== undefined)).toEqual([true, true, false]);

    const openEnded = ['/* piilint-disable no-id-number-logging -- generated code */', 'a();', 'b();', 'log(x.idCardNo);'].join('\n');
    expect(run(openEnded, [findingAt(openEnded, 'log(x')])[0]!.suppression?.justification).toBe('generated code');
  });

  it('keeps the reason of a multi-line block comment without its layout stars', () => {
    const text = [
      '/*',
      ' * piilint-disable no-id-number-logging -- the kiosk prints the ID on the receipt',
      ' *   at the customer\'s request',
      ' */',
      'print(id);',
    ].join('\n');
    const results = run(text, [findingAt(text, 'print(id)')]);
    expect(results[0]!.suppression?.justification).toBe("the kiosk prints the ID on the receipt at the customer's request");
  });
});

describe('invalid suppressions', () => {
  it('does not let a suppression without a reason suppress, and reports missingReason', () => {
    const text = ['// piilint-disable-next-line no-id-number-logging', 'log(customer.idCardNo);'].join('\n');
    const results = run(text, [findingAt(text, 'log(')]);
    expect(results[0]!.suppression).toBeUndefined();
    expect(engineFindings(results)).toEqual([
      expect.objectContaining({
        ruleId: 'invalid-suppression',
        messageId: 'missingReason',
        data: { ruleId: 'no-id-number-logging' },
        range: expect.objectContaining({ line: 1, column: 1, offset: 0 }),
      }),
    ]);
  });

  it('treats an empty reason after -- as missing', () => {
    const text = ['// piilint-disable-next-line no-id-number-logging --   ', 'log(customer.idCardNo);'].join('\n');
    const results = run(text, [findingAt(text, 'log(')]);
    expect(results[0]!.suppression).toBeUndefined();
    expect(engineFindings(results).map((finding) => finding.messageId)).toEqual(['missingReason']);
  });

  it('reports an unknown rule id with the known ids, and still honours the known one', () => {
    const text = ['// piilint-disable-next-line no-id-logging, no-id-number-logging -- masked upstream', 'log(id);'].join('\n');
    const results = run(text, [findingAt(text, 'log(id)')]);
    expect(results[0]!.suppression?.justification).toBe('masked upstream');
    expect(engineFindings(results)).toEqual([
      expect.objectContaining({
        ruleId: 'invalid-suppression',
        messageId: 'unknownRule',
        data: { ruleId: 'no-id-logging', known: [...KNOWN].sort().join(', ') },
        range: expect.objectContaining({ line: 1, column: 30, length: 'no-id-logging'.length }),
      }),
    ]);
  });

  it('does not accept a blanket suppression without rule ids', () => {
    const text = ['// piilint-disable-next-line -- everything here is fine', 'log(id);'].join('\n');
    const results = run(text, [findingAt(text, 'log(')]);
    expect(results[0]!.suppression).toBeUndefined();
    expect(engineFindings(results)).toEqual([
      expect.objectContaining({ messageId: 'unknownRule', data: expect.objectContaining({ ruleId: '(none)' }) }),
    ]);
  });

  it('does not report a directive for a rule that did not run as unused', () => {
    const text = ['// piilint-disable-next-line no-id-number-logging -- off in this package anyway', 'log(id);'].join('\n');
    const results = run(text, [], { activeRuleIds: new Set(['no-unconsented-biometric-storage']) });
    expect(engineFindings(results)).toEqual([]);
  });
});

describe('only real comments count', () => {
  it('ignores directives inside strings, templates, regular expressions and JSX text', () => {
    const text = [
      "const a = '// piilint-disable-next-line no-id-number-logging -- in a string';",
      'log(a.idCardNo);',
      'const b = `${x} // piilint-disable-next-line no-id-number-logging -- in a template`;',
      'log(b.idCardNo);',
      'const c = /\\/\\/ piilint-disable-next-line no-id-number-logging -- in a regexp/;',
      'log(c.idCardNo);',
      'const d = <p>// piilint-disable-next-line no-id-number-logging -- in JSX text</p>;',
      'log(d.idCardNo);',
      "const e = '/* piilint-disable no-id-number-logging -- in a string */';",
      'log(e.idCardNo);',
    ].join('\n');
    const tsx = FILE.replace(/\.ts$/, '.tsx');
    expect(parseSuppressionDirectives(tsx, text)).toEqual([]);
    const findings = ['log(a', 'log(b', 'log(c', 'log(d', 'log(e'].map((marker) => ({
      ...findingAt(text, marker),
      range: { ...findingAt(text, marker).range, file: tsx },
    }));
    const results = run(text, findings, { file: tsx });
    expect(results.every((finding) => finding.suppression === undefined)).toBe(true);
    expect(engineFindings(results)).toEqual([]);
  });

  it('finds directives in JSX expression comments, after code on the same line and at the end of the file', () => {
    const text = [
      'const view = (',
      '  <div>',
      '    {/* piilint-disable-next-line no-unanonymized-camera-egress -- preview stays on the head unit */}',
      '    <CameraPreview stream={cabin} />',
      '  </div>',
      ');',
      'send(frame); // piilint-disable-next-line no-id-number-logging -- masked by maskIdNumber above',
      'log(masked);',
      '// piilint-disable-next-line no-id-number-logging -- trailing',
    ].join('\n');
    const tsx = FILE.replace(/\.ts$/, '.tsx');
    const kinds = parseSuppressionDirectives(tsx, text).map((directive) => [directive.kind, directive.range.line]);
    expect(kinds).toEqual([
      ['disable-next-line', 3],
      ['disable-next-line', 7],
      ['disable-next-line', 9],
    ]);
  });

  it('ignores comments that merely mention piilint', () => {
    const text = '// TODO: add piilint-disable-next-line here once CRM-77 lands\nlog(id);';
    expect(parseSuppressionDirectives(FILE, text)).toEqual([]);
    expect(run(text, [findingAt(text, 'log(')])[0]!.suppression).toBeUndefined();
  });
});

describe('pass-through', () => {
  it('returns the findings unchanged (same order) when the file has no directive', () => {
    const text = 'log(a.idCardNo);\nlog(b.idCardNo);';
    const findings = [findingAt(text, 'log(b'), findingAt(text, 'log(a')];
    expect(run(text, findings)).toEqual(findings);
  });

  it('leaves findings of other files alone', () => {
    const text = '// piilint-disable-next-line no-id-number-logging -- reviewed\nlog(a.idCardNo);';
    const elsewhere = { ...findingAt(text, 'log('), range: { ...findingAt(text, 'log(').range, file: '/projects/other.ts' } };
    const results = run(text, [elsewhere]);
    expect(results[0]!.suppression).toBeUndefined();
    expect(engineFindings(results).map((finding) => finding.ruleId)).toEqual(['unused-suppression']);
  });
});

describe('placeholders, same-line directives and unknown directives (issue #18)', () => {
  it('a placeholder reason is no reason: the finding stays, next to invalid-suppression', () => {
    for (const reason of ['<reason>', '<理由>', 'TODO']) {
      const text = [
        'export function logTradeIn(plateNo: string) {',
        `  // piilint-disable-next-line no-id-number-logging -- ${reason}`,
        '  logger.info(`trade-in ${plateNo}`);',
        '}',
      ].join('\n');
      const results = run(text, [findingAt(text, 'logger.info')]);
      expect(results[0]!.suppression).toBeUndefined();
      expect(engineFindings(results).map((finding) => [finding.messageId, finding.data])).toEqual([
        ['placeholderReason', { ruleId: 'no-id-number-logging', reason }],
      ]);
    }
  });

  it('piilint-disable-line suppresses a finding on its own line, and only there', () => {
    const text = [
      'export function logVin(vin: string) {',
      '  telemetry.track(vin); // piilint-disable-line no-id-number-logging -- the fleet VIN, not a private owner\'s',
      '  console.info(vin);',
      '}',
    ].join('\n');
    const results = run(text, [findingAt(text, 'telemetry.track'), findingAt(text, 'console.info')]);
    expect(results[0]!.suppression).toMatchObject({ kind: 'inSource', justification: "the fleet VIN, not a private owner's" });
    expect(results[1]!.suppression).toBeUndefined();
    expect(engineFindings(results)).toEqual([]);
  });

  it('an unknown directive is reported and suppresses nothing', () => {
    const text = [
      '// piilint-disable-file no-id-number-logging -- legacy CRM export',
      'export function exportCustomer(customer: Customer) {',
      '  console.info(customer.idCardNo);',
      '}',
    ].join('\n');
    const results = run(text, [findingAt(text, 'console.info')]);
    expect(results[0]!.suppression).toBeUndefined();
    expect(engineFindings(results).map((finding) => [finding.messageId, finding.data, finding.range.line])).toEqual([
      ['unknownDirective', { directive: 'piilint-disable-file' }, 1],
    ]);
  });
});

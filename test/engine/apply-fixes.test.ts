import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, Fix, TextEdit } from '../../server/src/engine/findings/finding';
import {
  applyEdits,
  applyFixes,
  chooseSafeFixes,
  hasOverlap,
  sha256,
  type AnalysedContent,
} from '../../server/src/engine/fixes/apply-fixes';

const ENROLL = [
  "import { saveTemplate } from './template-store';",
  '',
  'export async function enroll(customerId: string, descriptor: Float32Array) {',
  '  await saveTemplate(customerId, descriptor);',
  '}',
  '',
].join('\n');

const CONSENT_CHECK = 'if (!(await hasBiometricConsent(customerId))) return;\n  ';

let folder: string;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-fix-'));
});

afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function write(name: string, text: string | Buffer): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  return file;
}

function insertBefore(file: string, text: string, marker: string, newText: string): TextEdit {
  const offset = text.indexOf(marker);
  expect(offset).toBeGreaterThanOrEqual(0);
  return { file, start: offset, end: offset, newText };
}

function fix(edits: TextEdit[], overrides: Partial<Fix> = {}): Fix {
  return { title: 'Check consent before storing', isSafe: true, edits, ...overrides };
}

function finding(file: string, text: string, marker: string, fixes: Fix[], overrides: Partial<Finding> = {}): Finding {
  const offset = text.indexOf(marker);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return {
    ruleId: 'no-unconsented-biometric-storage',
    severity: 'error',
    messageId: 'storedWithoutConsent',
    message: 'Face template stored without consent.',
    range: { file, line, column, endLine: line, endColumn: column + marker.length, offset, length: marker.length },
    path: [],
    fingerprint: `fp-${offset}`,
    fixes,
    data: {},
    ...overrides,
  };
}

const byText = (texts: Record<string, string>) => (file: string): AnalysedContent | undefined =>
  texts[file] === undefined ? undefined : { text: texts[file]! };

describe('applyFixes', () => {
  it('applies a safe fix through a temporary file renamed over the original, keeping the mode', async () => {
    const file = write('enroll.ts', ENROLL);
    fs.chmodSync(file, 0o640);
    const inodeBefore = fs.statSync(file).ino;
    const edit = insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK);

    const summary = await applyFixes({
      findings: [finding(file, ENROLL, 'await saveTemplate', [fix([edit])])],
      analysedContent: byText({ [file]: ENROLL }),
    });

    expect(summary).toMatchObject({ filesFixed: [file], fixesApplied: 1, fixesSkippedOverlap: 0, conflicts: [] });
    const fixed = fs.readFileSync(file, 'utf8');
    expect(fixed).toBe(ENROLL.replace('await saveTemplate', `${CONSENT_CHECK}await saveTemplate`));
    expect(summary.newTexts.get(file)).toBe(fixed);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    // A rename replaces the directory entry: a new inode, and no temporary file left behind.
    expect(fs.statSync(file).ino).not.toBe(inodeBefore);
    expect(fs.readdirSync(folder)).toEqual(['enroll.ts']);
  });

  it('refuses a file that changed on disk since it was analysed, and leaves it untouched', async () => {
    const file = write('enroll.ts', ENROLL);
    const edited = ENROLL.replace('export async', '// edited in the editor meanwhile\nexport async');
    fs.writeFileSync(file, edited);

    const summary = await applyFixes({
      findings: [finding(file, ENROLL, 'await saveTemplate', [fix([insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK)])])],
      analysedContent: byText({ [file]: ENROLL }),
    });

    expect(summary.fixesApplied).toBe(0);
    expect(summary.filesFixed).toEqual([]);
    expect(summary.conflicts).toEqual([expect.objectContaining({ file, reason: 'changed-on-disk', fixes: 1 })]);
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
  });

  it('compares a SHA-256 baseline too', async () => {
    const file = write('enroll.ts', ENROLL);
    const edit = insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK);
    const findings = [finding(file, ENROLL, 'await saveTemplate', [fix([edit])])];

    const stale = await applyFixes({ findings, analysedContent: () => ({ sha256: sha256(`${ENROLL} `) }) });
    expect(stale.conflicts.map((conflict) => conflict.reason)).toEqual(['changed-on-disk']);
    expect(fs.readFileSync(file, 'utf8')).toBe(ENROLL);

    const fresh = await applyFixes({ findings, analysedContent: () => ({ sha256: sha256(ENROLL) }) });
    expect(fresh.fixesApplied).toBe(1);
  });

  it('with a time baseline, refuses a file modified later or whose findings moved', async () => {
    const file = write('enroll.ts', ENROLL);
    const edit = insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK);
    const findings = [finding(file, ENROLL, 'await saveTemplate', [fix([edit])])];
    const modifiedAt = fs.statSync(file).mtimeMs;

    const later = await applyFixes({ findings, analysedContent: () => ({ unmodifiedSince: modifiedAt - 1000 }) });
    expect(later.conflicts.map((conflict) => conflict.reason)).toEqual(['changed-on-disk']);

    // Same length, old time stamp, but the finding's offset no longer falls on its line and column.
    const moved = `\n${ENROLL.slice(0, -1)}`;
    fs.writeFileSync(file, moved);
    fs.utimesSync(file, new Date(modifiedAt - 60_000), new Date(modifiedAt - 60_000));
    const shifted = await applyFixes({ findings, analysedContent: () => ({ unmodifiedSince: modifiedAt }) });
    expect(shifted.conflicts.map((conflict) => conflict.reason)).toEqual(['changed-on-disk']);
    expect(fs.readFileSync(file, 'utf8')).toBe(moved);

    fs.writeFileSync(file, ENROLL);
    fs.utimesSync(file, new Date(modifiedAt - 60_000), new Date(modifiedAt - 60_000));
    const unchanged = await applyFixes({ findings, analysedContent: () => ({ unmodifiedSince: modifiedAt }) });
    expect(unchanged.fixesApplied).toBe(1);
  });

  it('drops a fix that overlaps one chosen before it (the first wins) and counts it', async () => {
    const file = write('enroll.ts', ENROLL);
    const first = fix([insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK)]);
    const samePoint = fix([insertBefore(file, ENROLL, 'await saveTemplate', '/* other */ ')]);
    const start = ENROLL.indexOf('descriptor);');
    const replacement = fix([{ file, start, end: start + 'descriptor'.length, newText: 'maskTemplate(descriptor)' }]);
    const overlapping = fix([{ file, start: start + 2, end: start + 6, newText: 'X' }]);

    const summary = await applyFixes({
      findings: [
        finding(file, ENROLL, 'await saveTemplate', [first]),
        finding(file, ENROLL, 'saveTemplate(', [samePoint]),
        finding(file, ENROLL, 'descriptor);', [replacement]),
        finding(file, ENROLL, 'scriptor);', [overlapping]),
      ],
      analysedContent: byText({ [file]: ENROLL }),
    });

    expect(summary).toMatchObject({ fixesApplied: 2, fixesSkippedOverlap: 2, conflicts: [] });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      ENROLL.replace('await saveTemplate(customerId, descriptor)', `${CONSENT_CHECK}await saveTemplate(customerId, maskTemplate(descriptor))`),
    );
  });

  it('is idempotent: the same fixes against the old analysis are refused, so nothing is inserted twice', async () => {
    const file = write('enroll.ts', ENROLL);
    const request = {
      findings: [finding(file, ENROLL, 'await saveTemplate', [fix([insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK)])])],
      analysedContent: byText({ [file]: ENROLL }),
    };
    await applyFixes(request);
    const once = fs.readFileSync(file, 'utf8');

    const again = await applyFixes(request);
    expect(again.fixesApplied).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(once);

    const nothingLeft = await applyFixes({ findings: [], analysedContent: byText({ [file]: once }) });
    expect(nothingLeft).toMatchObject({ filesFixed: [], fixesApplied: 0, conflicts: [] });
    expect(fs.readFileSync(file, 'utf8')).toBe(once);
  });

  it('applies only safe fixes of unsuppressed findings, preferring the preferred one', async () => {
    const file = write('enroll.ts', ENROLL);
    const unsafe = fix([insertBefore(file, ENROLL, 'await saveTemplate', '/* unsafe */ ')], { isSafe: false });
    const plain = fix([insertBefore(file, ENROLL, 'await saveTemplate', '/* plain */ ')]);
    const preferred = fix([insertBefore(file, ENROLL, 'await saveTemplate', '/* preferred */ ')], { isPreferred: true });
    const suppressedFinding = finding(file, ENROLL, 'export async', [fix([insertBefore(file, ENROLL, 'export async', '/* no */ ')])], {
      suppression: {
        kind: 'inSource',
        justification: 'consent is checked by the kiosk firmware',
        range: { file, line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, length: 1 },
      },
    });

    const findings = [finding(file, ENROLL, 'await saveTemplate', [unsafe, plain, preferred]), suppressedFinding];
    expect(chooseSafeFixes(findings).map((candidate) => candidate.fix)).toEqual([preferred]);

    const summary = await applyFixes({ findings, analysedContent: byText({ [file]: ENROLL }) });
    expect(summary.fixesApplied).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe(ENROLL.replace('await saveTemplate', '/* preferred */ await saveTemplate'));
  });

  it('applies a fix spanning two files whole, or not at all when one of them changed', async () => {
    const enroll = write('enroll.ts', ENROLL);
    const consentText = 'export async function hasBiometricConsent(id: string) {\n  return consents.has(id);\n}\n';
    const consent = write('consent.ts', consentText);
    const twoFiles = fix([
      insertBefore(enroll, ENROLL, "import { saveTemplate }", "import { hasBiometricConsent } from './consent';\n"),
      insertBefore(consent, consentText, 'export async', '// used by enroll.ts\n'),
    ]);
    const findings = [finding(enroll, ENROLL, 'await saveTemplate', [twoFiles])];

    fs.writeFileSync(consent, `${consentText}// edited\n`);
    const blocked = await applyFixes({ findings, analysedContent: byText({ [enroll]: ENROLL, [consent]: consentText }) });
    expect(blocked.fixesApplied).toBe(0);
    expect(blocked.conflicts).toEqual([expect.objectContaining({ file: consent, reason: 'changed-on-disk', fixes: 1 })]);
    expect(fs.readFileSync(enroll, 'utf8')).toBe(ENROLL);

    fs.writeFileSync(consent, consentText);
    const applied = await applyFixes({ findings, analysedContent: byText({ [enroll]: ENROLL, [consent]: consentText }) });
    expect(applied).toMatchObject({ fixesApplied: 1, filesFixed: [consent, enroll].sort() });
  });

  it('keeps a byte order mark and CRLF line endings', async () => {
    const crlf = ENROLL.replace(/\n/g, '\r\n');
    const file = write('enroll.ts', Buffer.from(`\uFEFF${crlf}`, 'utf8'));
    const edit = insertBefore(file, crlf, 'await saveTemplate', 'if (!(await hasBiometricConsent(customerId))) return;\r\n  ');

    const summary = await applyFixes({
      findings: [finding(file, crlf, 'await saveTemplate', [fix([edit])])],
      analysedContent: byText({ [file]: crlf }),
    });

    expect(summary.fixesApplied).toBe(1);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(`\uFEFF${crlf.replace('await saveTemplate', `${edit.newText}await saveTemplate`)}`);
  });

  it('writes a UTF-16 file back in UTF-16 with its byte order mark', async () => {
    const text = `// 展厅人脸登记\n${ENROLL}`;
    const file = write('enroll.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const edit = insertBefore(file, text, 'await saveTemplate', CONSENT_CHECK);

    const summary = await applyFixes({
      findings: [finding(file, text, 'await saveTemplate', [fix([edit])])],
      analysedContent: byText({ [file]: text }),
    });

    expect(summary.fixesApplied).toBe(1);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(text.replace('await saveTemplate', `${CONSENT_CHECK}await saveTemplate`));
  });

  it('never rewrites a file with bytes that are not valid UTF-8', async () => {
    // A comment saved in GBK by an old editor: the engine analysed it with U+FFFD in place of those bytes.
    const gbkComment = Buffer.from([0x2f, 0x2f, 0x20, 0xd5, 0xb9, 0xcc, 0xfc, 0x0a]);
    const original = Buffer.concat([gbkComment, Buffer.from(ENROLL, 'utf8')]);
    const file = write('enroll.ts', original);
    const analysed = new TextDecoder('utf-8').decode(original);
    const edit = insertBefore(file, analysed, 'await saveTemplate', CONSENT_CHECK);

    const summary = await applyFixes({
      findings: [finding(file, analysed, 'await saveTemplate', [fix([edit])])],
      analysedContent: byText({ [file]: analysed }),
    });

    expect(summary.conflicts).toEqual([expect.objectContaining({ file, reason: 'invalid-encoding', fixes: 1 })]);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
  });

  it('reports a file it has no baseline for, edits outside the file, and does not write on a dry run', async () => {
    const file = write('enroll.ts', ENROLL);
    const unknown = await applyFixes({
      findings: [finding(file, ENROLL, 'await saveTemplate', [fix([insertBefore(file, ENROLL, 'await', 'x')])])],
      analysedContent: () => undefined,
    });
    expect(unknown.conflicts.map((conflict) => conflict.reason)).toEqual(['unknown-baseline']);

    const outside = await applyFixes({
      findings: [finding(file, ENROLL, 'await saveTemplate', [fix([{ file, start: ENROLL.length + 5, end: ENROLL.length + 6, newText: '' }])])],
      analysedContent: byText({ [file]: ENROLL }),
    });
    expect(outside.conflicts.map((conflict) => conflict.reason)).toEqual(['invalid-edit']);

    const dry = await applyFixes({
      findings: [finding(file, ENROLL, 'await saveTemplate', [fix([insertBefore(file, ENROLL, 'await saveTemplate', CONSENT_CHECK)])])],
      analysedContent: byText({ [file]: ENROLL }),
      isDryRun: true,
    });
    expect(dry.filesFixed).toEqual([file]);
    expect(dry.newTexts.get(file)).toContain('hasBiometricConsent');
    expect(fs.readFileSync(file, 'utf8')).toBe(ENROLL);
  });
});

describe('edit helpers', () => {
  const edit = (start: number, end: number, newText = ''): TextEdit => ({ file: 'a.ts', start, end, newText });

  it('applies edits from the end so earlier offsets stay valid', () => {
    expect(applyEdits('0123456789', [edit(1, 3, 'ab'), edit(8, 8, '!'), edit(5, 6)])).toBe('0ab3467!89');
  });

  it('treats touching replacements as independent and insertions at an edge as overlapping', () => {
    expect(hasOverlap([edit(0, 5, 'x')], [edit(5, 8, 'y')])).toBe(false);
    expect(hasOverlap([edit(0, 5, 'x')], [edit(4, 8, 'y')])).toBe(true);
    expect(hasOverlap([edit(5, 5, 'x')], [edit(5, 8, 'y')])).toBe(true);
    expect(hasOverlap([edit(3, 3, 'x')], [edit(3, 3, 'y')])).toBe(true);
    expect(hasOverlap([edit(3, 3, 'x')], [{ ...edit(3, 3, 'y'), file: 'b.ts' }])).toBe(false);
  });
});

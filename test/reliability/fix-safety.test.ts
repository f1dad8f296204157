/**
 * `--fix` never loses data (issue #11; docs/security.md, docs/cli.md "--fix"). Through the spawned CLI:
 * - every fixed file is replaced by a rename from a temporary file in its own folder, never written in place
 *   (support/fs-hook.cjs logs every write-opening and rename), and keeps its mode, owner, encoding, BOM and line
 *   endings;
 * - a file changed or deleted on disk after the scan read it is neither overwritten nor resurrected (the change is
 *   forced at the exact moment with the same hook);
 * - SIGKILL at random moments during `--fix` over a project with many fixable files leaves every file either
 *   exactly as it was or exactly as a complete run writes it, never a mix;
 * - a second `--fix` changes nothing, and the fixed code parses (and type-checks no worse than before).
 * The kill test prints its seed and how many kills landed before, during and after the writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FILE, ROOT, TempRoot, parseReport, runPiilint, startPiilint } from './support/cli';

const FS_HOOK = fileURLToPath(new URL('./support/fs-hook.cjs', import.meta.url));

interface FsRecord {
  readonly op?: 'open-write' | 'write' | 'rename' | 'chmod' | 'chown';
  readonly race?: string;
  readonly file: string;
  readonly from?: string;
}

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-fix-safety-');
});

afterAll(() => {
  temp.dispose();
});

function readRecords(file: string): FsRecord[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FsRecord);
}

/** A logged ID number, in a file of its own with a distinct function name. */
function fixableFile(index: number): string {
  return GOOD_FILE.replace('logVisit', `logVisit${index}`);
}

function listFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function snapshot(folder: string): Map<string, Buffer> {
  return new Map(listFiles(folder).map((file) => [file, fs.readFileSync(path.join(folder, file))]));
}

/** Syntax errors TypeScript finds in a file (no type checking). */
function syntaxErrors(file: string, text: string): string[] {
  const output = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve, allowJs: true } });
  return (output.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

/** Strict type errors in a self-contained project (ES2022 lib, no other types; globals come from its own .d.ts). */
function typeErrors(folder: string): string[] {
  const files = listFiles(folder)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
  const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(folder, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

// ---------------------------------------------------------------------------------------------------------------
describe('how --fix writes', () => {
  it('replaces each fixed file by a rename from a temporary file in the same folder, keeping mode, owner, encoding and line endings', () => {
    const header = '// 展厅访客登记\n';
    const folder = temp.project('atomic', {
      'src/plain.ts': fixableFile(1),
      'src/crlf.ts': fixableFile(2).split('\n').join('\r\n'),
      'src/bom.ts': `\uFEFF${fixableFile(3)}`,
      'src/utf16.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header + fixableFile(4), 'utf16le')]),
      'src/nested/deep/private.ts': fixableFile(5),
      'src/clean.ts': 'export const greeting = "welcome";\n',
    });
    const modes: Record<string, number> = { 'src/plain.ts': 0o640, 'src/crlf.ts': 0o755, 'src/bom.ts': 0o600, 'src/utf16.ts': 0o664, 'src/nested/deep/private.ts': 0o400 };
    for (const [file, mode] of Object.entries(modes)) fs.chmodSync(path.join(folder, file), mode);
    const owners = Object.fromEntries(Object.keys(modes).map((file) => [file, fs.statSync(path.join(folder, file))]));
    const before = snapshot(folder);
    const log = path.join(temp.path, 'atomic.log');

    const run = runPiilint(['--fix'], folder, { nodeArgs: ['--require', FS_HOOK], env: { PIILINT_FS_LOG: log } });
    expect(run.stderr).toContain('piilint: applied 5 fixes in 5 files.');
    expect(run.status).toBe(0);

    const records = readRecords(log);
    for (const file of Object.keys(modes)) {
      const absolute = path.join(folder, file);
      const renames = records.filter((record) => record.op === 'rename' && record.file === absolute);
      expect(renames, `${file} was replaced by exactly one rename`).toHaveLength(1);
      const from = renames[0]!.from!;
      expect(path.dirname(from)).toBe(path.dirname(absolute));
      expect(from).not.toBe(absolute);
      // Never opened for writing in place, so a crash cannot leave it half-written.
      expect(records.filter((record) => record.op !== 'rename' && record.file === absolute)).toEqual([]);
      const stats = fs.statSync(absolute);
      expect((stats.mode & 0o777).toString(8)).toBe(modes[file]!.toString(8));
      expect([stats.uid, stats.gid]).toEqual([owners[file]!.uid, owners[file]!.gid]);
      expect(fs.readFileSync(absolute).equals(before.get(file)!)).toBe(false);
    }
    // No temporary file is left behind, and the untouched file is untouched.
    expect(listFiles(folder)).toEqual([...before.keys()]);
    expect(fs.readFileSync(path.join(folder, 'src/clean.ts')).equals(before.get('src/clean.ts')!)).toBe(true);

    const crlf = fs.readFileSync(path.join(folder, 'src/crlf.ts'), 'utf8');
    expect(crlf.split('\r\n')).toHaveLength(fixableFile(2).split('\n').length);
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    expect(fs.readFileSync(path.join(folder, 'src/bom.ts')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const utf16 = fs.readFileSync(path.join(folder, 'src/utf16.ts'));
    expect(utf16.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const utf16Text = utf16.subarray(2).toString('utf16le');
    expect(utf16Text.startsWith(header)).toBe(true);
    expect(syntaxErrors('utf16.ts', utf16Text)).toEqual([]);
  });

  it('never rewrites a file whose bytes are not valid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('// '), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from(`\n${fixableFile(1)}`)]);
    const folder = temp.project('gbk', { 'src/gbk.ts': bytes });
    const run = runPiilint(['--fix'], folder);
    expect(run.stderr).toContain('(invalid-encoding)');
    expect(fs.readFileSync(path.join(folder, 'src/gbk.ts')).equals(bytes)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('files that change during --fix', () => {
  const cases = [
    { action: 'edit', when: 'fix-read', says: 'the file changed on disk after piilint analysed it' },
    { action: 'edit', when: 'fix-write', says: 'the file changed on disk while piilint was fixing it' },
    { action: 'delete', when: 'fix-read', says: '(unreadable)' },
    { action: 'delete', when: 'fix-write', says: 'src/victim.ts' },
  ];
  it.each(cases)('$action at $when: left alone and reported', ({ action, when, says }) => {
    const name = `changed-${action}-${when}`;
    const folder = temp.project(name, { 'src/victim.ts': fixableFile(1), 'src/other.ts': fixableFile(2) });
    const victim = path.join(folder, 'src', 'victim.ts');
    const log = path.join(temp.path, `${name}.log`);
    const run = runPiilint(['--fix'], folder, {
      nodeArgs: ['--require', FS_HOOK],
      env: { PIILINT_FS_LOG: log, PIILINT_RACE_TARGET: victim, PIILINT_RACE_ACTION: action, PIILINT_RACE_WHEN: when },
    });
    const records = readRecords(log);
    expect(records.some((record) => record.race === action)).toBe(true);
    expect(run.stderr).toContain('piilint: applied 1 fix in 1 file.');
    expect(run.stderr).toMatch(/not fixed: src\/victim\.ts: /);
    expect(run.stderr).toContain(says);
    // Nothing was written to the victim: the other file was fixed normally.
    expect(records.filter((record) => record.op !== undefined && record.file === victim)).toEqual([]);
    if (action === 'edit') {
      expect(fs.readFileSync(victim, 'utf8')).toBe(`${fixableFile(1)}\n// edited by someone else while piilint was running\n`);
    } else {
      expect(fs.existsSync(victim)).toBe(false);
    }
    expect(fs.readFileSync(path.join(folder, 'src', 'other.ts'), 'utf8')).not.toBe(fixableFile(2));
    expect(listFiles(folder)).toEqual(action === 'edit' ? ['src/other.ts', 'src/victim.ts'] : ['src/other.ts']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('SIGKILL during --fix', () => {
  it('leaves every file either entirely old or entirely new, never a mix', async () => {
    const fileCount = 150;
    const iterations = 12;
    const seed = Number(process.env.PIILINT_KILL_SEED ?? Date.now() % 1_000_000);
    let state = seed;
    const random = () => {
      // mulberry32: reproducible from the printed seed.
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const files: Record<string, string> = {};
    for (let index = 0; index < fileCount; index++) files[`src/visit-${String(index).padStart(3, '0')}.ts`] = fixableFile(index);

    // What a complete run writes, from an identical copy.
    const reference = temp.project('kill-reference', files);
    const started = Date.now();
    const complete = runPiilint(['--fix'], reference);
    const completeMs = Date.now() - started;
    expect(complete.stderr).toContain(`piilint: applied ${fileCount} fixes in ${fileCount} files.`);
    const fixed = new Map(Object.keys(files).map((file) => [file, fs.readFileSync(path.join(reference, file), 'utf8')]));

    const folder = temp.project('kill', files);
    const outcomes: { strategy: string; delayMs: number; newFiles: number; leftovers: number; exit: string }[] = [];
    for (let iteration = 0; iteration < iterations; iteration++) {
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), text);
      for (const file of listFiles(folder)) if (!(file in files)) fs.rmSync(path.join(folder, file));

      // Half the kills land at a random moment of the whole run; the other half just after the first write starts.
      const isTimed = iteration % 2 === 0;
      const delayMs = Math.round(isTimed ? random() * completeMs * 1.1 : random() * 40);
      const child = startPiilint(['--fix'], folder);
      const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
      let watcher: fs.FSWatcher | undefined;
      if (isTimed) {
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      } else {
        watcher = fs.watch(path.join(folder, 'src'), () => {
          watcher?.close();
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        });
      }
      const exit = await exited;
      watcher?.close();

      let newFiles = 0;
      for (const [file, oldText] of Object.entries(files)) {
        const now = fs.readFileSync(path.join(folder, file), 'utf8');
        const newText = fixed.get(file)!;
        expect([oldText, newText], `${file} after a kill at ${delayMs} ms (${isTimed ? 'timed' : 'after first write'}, seed ${seed})`).toContain(now);
        if (now === newText) newFiles++;
      }
      const leftovers = listFiles(folder).filter((file) => !(file in files));
      // A temporary file left by a kill never has a source extension, so the next scan cannot pick it up.
      for (const leftover of leftovers) expect(leftover).toMatch(/\.ts\.\d+$/);
      outcomes.push({ strategy: isTimed ? 'timed' : 'after-first-write', delayMs, newFiles, leftovers: leftovers.length, exit });
    }

    const partial = outcomes.filter((outcome) => outcome.newFiles > 0 && outcome.newFiles < fileCount).length;
    console.info(
      `[fix-safety] kill test, seed ${seed}, ${fileCount} files, complete run ${completeMs} ms: ` +
        `${outcomes.filter((outcome) => outcome.newFiles === 0).length} kills before any write, ${partial} during the writes, ` +
        `${outcomes.filter((outcome) => outcome.newFiles === fileCount).length} after; leftover temp files ${outcomes.map((outcome) => outcome.leftovers).join(',')}`,
    );
    // The test only proves something if some kills landed while files were being replaced.
    expect(partial).toBeGreaterThan(0);

    // After all that, a complete run finishes the job and a second one has nothing left to do.
    for (const file of listFiles(folder)) if (!(file in files)) fs.rmSync(path.join(folder, file));
    runPiilint(['--fix'], folder);
    for (const [file, newText] of fixed) expect(fs.readFileSync(path.join(folder, file), 'utf8')).toBe(newText);
    expect(runPiilint(['--fix'], folder).stderr).toContain('piilint: applied 0 fixes in 0 files.');
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------------------------
describe('fixed code', () => {
  it('is stable: a second --fix changes nothing, in the showroom example and a mixed project', () => {
    const showroom = path.join(temp.path, 'showroom');
    fs.cpSync(path.join(ROOT, 'examples', 'showroom'), showroom, { recursive: true });
    const mixed = temp.project('mixed', {
      'src/kiosk.tsx': [
        "import * as faceapi from 'face-api.js';",
        "import { writeFile } from 'node:fs/promises';",
        'export async function enrol(img: HTMLImageElement, customerId: string) {',
        '  const face = await faceapi.detectSingleFace(img).withFaceLandmarks().withFaceDescriptor();',
        "  await writeFile(`/data/faces/${customerId}.bin`, face.descriptor);",
        '  return <div data-id={customerId}>enrolled</div>;',
        '}',
        '',
      ].join('\n'),
      'src/gateway.ts': [
        "import mqtt from 'mqtt';",
        "import cv from '@u4/opencv4nodejs';",
        "const client = mqtt.connect('mqtts://cloud.example.com');",
        'export function publishFrame() {',
        '  const frame = new cv.VideoCapture(0).read();',
        "  client.publish('dealer/frames', frame.getData());",
        '}',
        '',
      ].join('\n'),
      'src/crm.js': [
        'exports.audit = function audit(customer, logger) {',
        "  logger.info('customer', customer.idCardNo, { vin: customer.vin, tripId: customer.tripId });",
        '  console.log(`sfzh=${customer.sfzh}`);',
        '};',
        '',
      ].join('\n'),
      'src/suppressed.ts': [
        'export function keep(customer: { idCardNo: string }) {',
        '  // piilint-disable-next-line no-id-number-logging -- the audit log is encrypted at rest',
        '  console.log(customer.idCardNo);',
        '}',
        '',
      ].join('\n'),
    });
    for (const folder of [showroom, mixed]) {
      const first = runPiilint(['--fix', '--format', 'json'], folder);
      expect(first.stderr).toMatch(/piilint: applied [1-9]\d* fix(es)? in \d+ files?\./);
      const afterFirst = snapshot(folder);
      for (const [file, bytes] of afterFirst) {
        if (/\.(ts|tsx|js)$/.test(file)) expect(syntaxErrors(file, bytes.toString('utf8')), file).toEqual([]);
      }
      expect(parseReport(first).findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
      const second = runPiilint(['--fix'], folder);
      expect(second.stderr).toContain('piilint: applied 0 fixes in 0 files.');
      const afterSecond = snapshot(folder);
      expect([...afterSecond.keys()]).toEqual([...afterFirst.keys()]);
      for (const [file, bytes] of afterSecond) expect(bytes.equals(afterFirst.get(file)!), file).toBe(true);
    }
  });

  // Product bug (reported to the lead): a logged object literal with two ID fields is one finding (one per sink
  // argument), and its fix masks the first field only: `{ vin: customer.vin, plateNo: customer.plateNo }` becomes
  // `{ vin: <masked>, plateNo: customer.plateNo }`, the rescan reports plateNo, and a second --fix changes the file
  // again, against docs/cli.md ("a second --fix run changes nothing").
  it('masks every ID field of a logged object in one run, so a second --fix changes nothing', () => {
    const folder = temp.project('two-fields', {
      'src/crm.js': [
        'exports.audit = function audit(customer, logger) {',
        "  logger.info('trade-in', { vin: customer.vin, plateNo: customer.plateNo, tripId: customer.tripId });",
        '};',
        '',
      ].join('\n'),
    });
    const first = runPiilint(['--fix'], folder);
    // One fix per field, applied in passes within the same run (as ESLint does).
    expect(first.stderr).toContain('piilint: applied 2 fixes in 1 file.');
    const afterFirst = fs.readFileSync(path.join(folder, 'src', 'crm.js'), 'utf8');
    expect(afterFirst).not.toContain('vin: customer.vin');
    expect(afterFirst).not.toContain('plateNo: customer.plateNo');
    const second = runPiilint(['--fix'], folder);
    expect(fs.readFileSync(path.join(folder, 'src', 'crm.js'), 'utf8')).toBe(afterFirst);
    expect(second.stderr).toContain('piilint: applied 0 fixes in 0 files.');
  });

  // The mask fix keeps types and behaviour for missing values: `${c.driverLicenseNo ?? 'missing'}` becomes
  // `${c.driverLicenseNo != null ? maskIdNumber(c.driverLicenseNo) : 'missing'}` (the helper takes a string), and a
  // nullable value logged as it is gets the inline mask, which takes null.
  it('introduces no new type errors', () => {
    const folder = temp.project('types', {
      'src/masking.ts': [
        'export function maskIdNumber(idNumber: string): string {',
        '  const value = idNumber.trim();',
        "  return value.length <= 4 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;",
        '}',
        '',
      ].join('\n'),
      // piilint never reads declaration files, so `console` stays the global it models.
      'src/globals.d.ts': 'declare var console: { info(...args: unknown[]): void };\n',
      'src/visits.ts': [
        "import { maskIdNumber } from './masking';",
        '',
        'interface Customer {',
        '  id: string;',
        '  idCardNo: string;',
        '  driverLicenseNo: string | null;',
        '  vin?: string;',
        '}',
        '',
        'export function logVisit(customer: Customer): void {',
        "  console.info('visit', customer.id, maskIdNumber(customer.idCardNo));",
        "  console.info(`licence ${customer.driverLicenseNo ?? 'missing'}`);",
        '  console.info(customer.idCardNo);',
        "  console.info('trade-in', customer.vin || 'none');",
        '  console.info(customer.vin);',
        '}',
        '',
      ].join('\n'),
    });
    const before = typeErrors(folder);
    const run = runPiilint(['--fix'], folder);
    expect(run.stderr).toContain('piilint: applied 4 fixes in 1 file.');
    expect(typeErrors(folder).filter((error) => !before.includes(error))).toEqual([]);
    const fixed = fs.readFileSync(path.join(folder, 'src', 'visits.ts'), 'utf8');
    expect(fixed).toContain("console.info(`licence ${customer.driverLicenseNo != null ? maskIdNumber(customer.driverLicenseNo) : 'missing'}`);");
    expect(fixed).toContain('  console.info(maskIdNumber(customer.idCardNo));');
    expect(fixed).toContain("console.info('trade-in', customer.vin ? maskIdNumber(customer.vin) : 'none');");
    expect(fixed).toContain("  console.info(`****${String(customer.vin ?? '').slice(-4)}`);");
    const again = runPiilint(['--fix'], folder);
    expect(again.stderr).toContain('piilint: applied 0 fixes in 0 files.');
    expect(parseReport(runPiilint(['--format', 'json'], folder)).findings).toEqual([]);
  });
});

/**
 * Bad input, through the spawned CLI (issue #11). Each case puts a bad file, folder or config next to
 * `src/good.ts`, whose known violation (an ID number logged unmasked, line 3 column 25) must still be reported: a
 * bad file is a notice or a `parse-error` finding, never the end of the scan. User errors (a bad config) are exit
 * code 2 with one line. Big inputs (50 MB, 1 MB minified, 100,000 findings) are generated at test time in a temp
 * folder and never committed; their times and peak memory are printed on the test's console (`--debug` output).
 * Races between discovery and reading are forced with support/fs-hook.cjs (see its header).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GOOD_FILE,
  GOOD_FINDING,
  HANG_GUARD_MS,
  TempRoot,
  findingKeys,
  isRoot,
  parseReport,
  runPiilint,
  unprivilegedUser,
  type CliRun,
  type JsonReport,
} from './support/cli';
import { minifiedBundle, redeclarations } from '../../bench/lib/hostile-inputs';

const FS_HOOK = fileURLToPath(new URL('./support/fs-hook.cjs', import.meta.url));
const MIB = 1024 * 1024;

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-bad-input-');
});

afterAll(() => {
  temp.dispose();
});

/** A project with the good file and the given extra files. */
function withGood(name: string, files: Record<string, string | Uint8Array> = {}): string {
  return temp.project(name, { 'src/good.ts': GOOD_FILE, ...files });
}

function json(folder: string, extraArgs: readonly string[] = [], options: Parameters<typeof runPiilint>[2] = {}): { run: CliRun; report: JsonReport } {
  const run = runPiilint(['--format', 'json', ...extraArgs], folder, options);
  return { run, report: parseReport(run) };
}

/** `code file` per notice (the JSON report gives files relative to the current folder). */
function noticeKeys(report: JsonReport): string[] {
  return report.notices.map((notice) => `${notice.code} ${notice.file ?? ''}`);
}

/** The scan was not cut short: the good file's finding is there and the exit code is "findings", not "error". */
function expectScanIntact(run: CliRun, report: JsonReport): void {
  expect(run.status, run.stderr).toBe(1);
  expect(findingKeys(report)).toContain(GOOD_FINDING);
  expect(run.stderr).not.toContain('internal error');
}

/** Timings and peak memory from `--debug`, for the console. */
function debugFigures(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((line) => /piilint debug: (timings|memory|files)/.test(line));
  return `${lines.map((line) => line.replace('piilint debug: ', '')).join('; ')}; wall ${run.ms} ms`;
}

function peakMiB(run: CliRun): number {
  const match = /peak resident[^\d]*(\d+)|(\d+) MiB peak resident/.exec(run.stderr);
  return Number(match?.[1] ?? match?.[2] ?? Number.NaN);
}

// ---------------------------------------------------------------------------------------------------------------
describe('syntax errors', () => {
  const broken: Record<string, { text: string; line: number }> = {
    'src/broken/unclosed-brace.ts': { text: 'export function enroll() {\n  return 1;\n', line: 3 },
    'src/broken/unclosed-paren.ts': { text: 'export function enroll(customerId: string {\n  return customerId;\n}\n', line: 1 },
    'src/broken/unclosed-string.ts': { text: "export const dealer = 'Shanghai Pudong;\n", line: 1 },
    'src/broken/unclosed-template.ts': { text: 'export const plate = `沪A${visit.plate\n', line: 2 },
    'src/broken/unclosed-comment.ts': { text: '/* the kiosk config\nexport const a = 1;\n', line: 3 },
    'src/broken/unclosed-regex.ts': { text: 'export const idPattern = /^\\d{17;\n', line: 1 },
    'src/broken/stray-operator.ts': { text: 'export const total = 1 +;\n', line: 1 },
    'src/broken/bad-jsx.tsx': { text: 'export const Card = () => <div><span>{name}</div>;\n', line: 1 },
    'src/broken/reserved-word.ts': { text: 'export const class = 1;\n', line: 1 },
    'src/broken/merge-conflict.ts': { text: '<<<<<<< HEAD\nexport const a = 1;\n=======\nexport const a = 2;\n>>>>>>> feature\n', line: 1 },
    'src/broken/half-typed-arrow.ts': { text: 'export const upload = async (frame) => {\n  await fetch(\n', line: 3 },
    'src/broken/bad-generic.ts': { text: 'export function f<T extends>(x: T) {}\n', line: 1 },
    'src/broken/garbage.js': { text: '@#$%^&*\n', line: 1 },
    'src/broken/bad-decorator.ts': { text: '@\nclass Kiosk {}\n', line: 2 },
    'src/broken/unterminated-class.mts': { text: 'export class Gateway {\n  upload(frame: Buffer) {\n', line: 3 },
    'src/broken/bad-cjs.cjs': { text: 'module.exports = function () {\n  return {\n};\n', line: 4 },
  };

  it('reports each unparsable file as one parse-error finding at the error, and still checks the others', () => {
    const folder = withGood('syntax', Object.fromEntries(Object.entries(broken).map(([file, { text }]) => [file, text])));
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    const parseErrors = report.findings.filter((finding) => finding.ruleId === 'parse-error');
    expect(parseErrors.map((finding) => `${finding.file}:${finding.line}`).sort()).toEqual(
      Object.entries(broken)
        .map(([file, { line }]) => `${file}:${line}`)
        .sort(),
    );
    for (const finding of parseErrors) {
      expect(finding.severity).toBe('error');
      expect(finding.message).toMatch(/^Cannot parse this file: [^\n]+\.$/);
      expect(finding.detail).toBe('piilint skipped the file, so privacy problems in it are not reported. Fix the syntax error and run again.');
    }
  });

  // Product bug (reported to the lead): the parser's message already ends with a full stop, and the template adds
  // another one: "Cannot parse this file: '}' expected.. piilint skipped it". The same happens in tsconfig notices.
  it('words the parse-error message without a doubled full stop', () => {
    const folder = withGood('syntax-wording', { 'src/broken.ts': 'export function enroll() {\n' });
    const { report } = json(folder);
    const parseError = report.findings.find((finding) => finding.ruleId === 'parse-error');
    expect(parseError?.message).toBeDefined();
    expect(parseError?.message).not.toContain('..');
  });

  it('analyses empty files, a lone BOM and control characters without a finding or a notice', () => {
    const folder = withGood('syntax-empty', {
      'src/empty.ts': '',
      'src/only-bom.ts': '\uFEFF',
      'src/only-comment.js': '// nothing here\n',
      'src/bell.ts': "export const bell = '\u0007';\n",
    });
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    expect(report.findings).toHaveLength(1);
    expect(report.notices).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('huge files', () => {
  it('skips a 50 MB file with a file-too-large notice, without reading it, and checks the rest', () => {
    const folder = withGood('huge');
    const line = "export const padding = 'camera gateway build artefact, generated, do not edit';\n";
    const huge = path.join(folder, 'src', 'generated', 'huge.ts');
    fs.mkdirSync(path.dirname(huge), { recursive: true });
    const block = line.repeat(Math.ceil(MIB / line.length));
    const descriptor = fs.openSync(huge, 'w');
    for (let written = 0; written < 50 * MIB; written += block.length) fs.writeSync(descriptor, block);
    fs.closeSync(descriptor);
    const size = fs.statSync(huge).size;
    expect(size).toBeGreaterThanOrEqual(50 * MIB);

    const { run, report } = json(folder, ['--debug']);
    console.info(`[bad-input] 50 MB file (${size} bytes), default maxFileSize: ${debugFigures(run)}`);
    expectScanIntact(run, report);
    expect(noticeKeys(report)).toEqual(['file-too-large src/generated/huge.ts']);
    expect(run.stderr).toMatch(/piilint warning: src\/generated\/huge\.ts: Skipped .*huge\.ts: it is 50\.\d MiB \([\d,]+ bytes\), larger than the 2 MiB \(2,097,152 bytes\) limit.*Raise `maxFileSize`.* \(file-too-large\)/);
    // Skipped by size alone: the file is never read into memory.
    expect(peakMiB(run)).toBeLessThan(400);
    // Raising maxFileSize to let the 50 MB file in was measured by hand (docs/security.md): it did not finish in
    // five minutes, so this test asserts the notice only.
  });

  // Its wall time is measured by `npm run bench:budgets` (bench/budgets.js), not here (issue #19 §4).
  it('analyses a 1 MB single-line minified bundle (or skips it with a notice)', () => {
    const bundle = minifiedBundle(MIB);
    expect(bundle.includes('\n')).toBe(false);
    const folder = withGood('minified', { 'public/vendor.min.js': bundle });
    const { run, report } = json(folder, ['--debug']);
    console.info(`[bad-input] 1 MB minified bundle (${bundle.length} bytes, one line): ${debugFigures(run)}`);
    expectScanIntact(run, report);
    const isSkipped = report.notices.some((notice) => notice.file === 'public/vendor.min.js');
    expect(isSkipped || run.stderr.includes('files: 2 discovered, 2 analysed, 0 skipped')).toBe(true);
    // Closures inside the module table exceed the inline-depth budget, which must be said, not silent.
    expect(report.notices.filter((notice) => notice.file === undefined || notice.file === null).map((notice) => notice.code)).toEqual(
      expect.arrayContaining(['budget-exceeded']),
    );
  });

  // Time grows with the square of the number of declarations of one name in a scope: TypeScript's binder appends
  // each one to the symbol's declarations with `appendIfUnique` (declareSymbol → addDeclarationToSymbol). Measured on
  // 2 cores: 40,000 `var x=1;` lines (360 KB) 4.6 s, 80,000 (720 KB) 24 s. Binding runs right after parsing, under
  // the per-file parse budget (project/build-project.ts), so the file is given up on after 5 s with a clear finding.
  // How long the whole run takes is measured by `npm run bench:budgets`; here the kill only catches a hang.
  it('gives up on a 720 KB file of 80,000 redeclarations of one variable at the per-file budget, with a parse-error', () => {
    const folder = withGood('redeclarations', { 'public/legacy/counters.js': redeclarations(80_000) });
    const run = runPiilint(['--format', 'json', '--debug'], folder, { timeoutMs: HANG_GUARD_MS });
    console.info(`[bad-input] 80,000 redeclarations (720 KB): ${run.signal ? `killed after ${run.ms} ms` : debugFigures(run)}`);
    expect(run.signal, 'hung on 80,000 redeclarations').toBeNull();
    const report = parseReport(run);
    expectScanIntact(run, report);
    const gaveUp = report.findings.filter((finding) => finding.file === 'public/legacy/counters.js');
    expect(gaveUp.map((finding) => [finding.ruleId, finding.messageId, finding.line, finding.severity])).toEqual([['parse-error', 'parseBudget', 1, 'error']]);
    expect(gaveUp[0]!.message).toBe('piilint gave up on this file: TypeScript did not parse it within 5 s.');
    expect(gaveUp[0]!.detail).toMatch(/^Some malformed code makes the parser backtrack .*add it to "ignore" in piilint\.config\.json if it is generated\.$/);
  });

  it('completes a file with 100,000 findings and reports every one', () => {
    const count = 100_000;
    const lines = ['interface Customer { idCardNo: string }', 'export function dumpAll(customer: Customer): void {'];
    for (let index = 0; index < count; index++) lines.push('  console.log(customer.idCardNo);');
    lines.push('}', '');
    const folder = withGood('many-findings', {
      'src/audit/dump.ts': lines.join('\n'),
      'piilint.config.json': JSON.stringify({ maxFileSize: 16 * MIB }),
    });
    const output = path.join(temp.path, 'many-findings.json');
    const run = runPiilint(['--format', 'json', '--output', output, '--debug'], folder, { timeoutMs: 280_000 });
    console.info(`[bad-input] ${count} findings in one file: ${debugFigures(run)}; report ${fs.statSync(output).size} bytes`);
    expect(run.status, run.stderr.slice(0, 2000)).toBe(1);
    // The summary sits at the top of the report; reading 100 MB of JSON back is not what is tested here.
    const head = readHead(output, 4096);
    expect(head).toMatch(new RegExp(`"errorCount": ${count + 1},`));
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------------------------
describe('binary files and encodings', () => {
  it('skips binary files with a .ts name with a binary-file notice', () => {
    const transportStream = Buffer.alloc(188 * 40);
    for (let packet = 0; packet < 40; packet++) transportStream.writeUInt8(0x47, packet * 188);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR')]);
    const noisy = Buffer.alloc(4096);
    for (let index = 0; index < noisy.length; index++) noisy[index] = 1 + ((index * 7) % 30);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    const folder = withGood('binary', {
      'public/hls/segment-000.ts': transportStream,
      'src/logo.ts': png,
      'src/noise.ts': noisy,
      'src/native.js': elf,
    });
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    expect(report.findings).toHaveLength(1);
    expect(noticeKeys(report).sort()).toEqual(
      ['binary-file public/hls/segment-000.ts', 'binary-file src/logo.ts', 'binary-file src/native.js', 'binary-file src/noise.ts'].sort(),
    );
    expect(run.stderr).toContain('it is binary, not source text');
  });

  it('reports findings at the right line and column in UTF-16 (LE and BE), UTF-8 with BOM and invalid UTF-8 files', () => {
    const header = '// 展厅访客登记 — showroom visitor log\n';
    const text = header + GOOD_FILE;
    const folder = withGood('encodings', {
      'src/utf16le.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'src/utf16be.ts': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      'src/utf8-bom.ts': `\uFEFF${text}`,
      // A comment saved in GBK ("你好") inside a UTF-8 file, and a stray 0xFF.
      'src/invalid-utf8.ts': Buffer.concat([Buffer.from('// '), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xff]), Buffer.from(`\n${GOOD_FILE}`)]),
    });
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    expect(findingKeys(report).sort()).toEqual(
      [GOOD_FINDING, ...['invalid-utf8', 'utf16be', 'utf16le', 'utf8-bom'].map((name) => `src/${name}.ts:4:25 no-id-number-logging`)].sort(),
    );
    for (const finding of report.findings) {
      expect([finding.endLine, finding.endColumn]).toEqual([finding.line, 42]);
    }
  });

  it('reports findings at the right line and column with CRLF, CR and mixed line endings', () => {
    const folder = withGood('line-endings', {
      'src/crlf.ts': `// dealer CRM\r\n${GOOD_FILE.split('\n').join('\r\n')}`,
      'src/cr.ts': `// dealer CRM\r${GOOD_FILE.split('\n').join('\r')}`,
      'src/mixed.ts': `// a\r\n// b\n// c\r${GOOD_FILE.split('\n').join('\r\n')}`,
      'src/tabs.ts': GOOD_FILE.replace("  console.info('visit', ", "\t\tconsole.info('visit',\t"),
    });
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    expect(findingKeys(report).sort()).toEqual(
      [
        GOOD_FINDING,
        'src/cr.ts:4:25 no-id-number-logging',
        'src/crlf.ts:4:25 no-id-number-logging',
        'src/mixed.ts:6:25 no-id-number-logging',
        // Columns count UTF-16 code units, so a tab is one column.
        'src/tabs.ts:3:25 no-id-number-logging',
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('deeply nested code (stack depth)', () => {
  const depth = 5_000;
  const shapes: Record<string, string> = {
    parentheses: `export const v = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`,
    'binary expressions': `const part = 'x';\nexport const sql = ${Array.from({ length: depth }, () => 'part').join(' + ')};\n`,
    'nested calls': `declare function wrap(value: unknown): unknown;\nexport const c = ${'wrap('.repeat(depth)}1${')'.repeat(depth)};\n`,
    'nested if blocks': `export function deep(x: number): number {\n${'if (x) {\n'.repeat(depth)}x++;\n${'}\n'.repeat(depth)}return x;\n}\n`,
    'nested arrow functions': `export const curry = ${'() => '.repeat(depth)}1;\n`,
    'nested object literals': `export const tree = ${'{ child: '.repeat(depth)}null${' }'.repeat(depth)};\n`,
    'nested arrays': `export const nested = ${'['.repeat(depth)}${']'.repeat(depth)};\n`,
  };

  // Product bug (reported to the lead): each of these ends the whole run with "internal error: Maximum call stack
  // size exceeded" (exit 2, no report), from the TypeScript parser or binder via build-project.ts, or from the
  // recursive walk in dataflow/program-analysis.ts (binary expressions). Expected: the deep file becomes a
  // parse-error finding or a notice, and the other files are still reported.
  it.each(Object.entries(shapes))('survives %s, 5,000 levels deep', (shape, text) => {
    const folder = withGood(`deep-${shape.replace(/\s+/g, '-')}`, { 'src/deep.ts': text });
    const { run, report } = json(folder);
    // A parse-error finding, a notice or a plain analysis are all fine for the deep file itself.
    expectScanIntact(run, report);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('links, special files and permissions', () => {
  it('reports broken symlinks and symlink loops as notices and checks the rest', () => {
    const folder = withGood('links', { 'src/loop/.keep': '' });
    fs.symlinkSync('nowhere.ts', path.join(folder, 'src', 'broken.ts'));
    fs.symlinkSync('../missing-folder', path.join(folder, 'src', 'broken-folder'));
    fs.symlinkSync('../..', path.join(folder, 'src', 'loop', 'up'));
    fs.symlinkSync('.', path.join(folder, 'src', 'self'));
    fs.symlinkSync('b-link', path.join(folder, 'src', 'a-link.ts'));
    fs.symlinkSync('a-link.ts', path.join(folder, 'src', 'b-link'));
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    expect(report.findings).toHaveLength(1);
    expect(noticeKeys(report).sort()).toEqual(
      [
        'broken-symlink src/broken.ts',
        'broken-symlink src/broken-folder',
        'symlink-loop src/a-link.ts',
        'symlink-loop src/b-link',
        'symlink-loop src/loop/up',
        'symlink-loop src/self',
      ].sort(),
    );
    expect(run.stderr).toContain('which does not exist. Fix or remove the link. (broken-symlink)');
  });

  it('never opens a FIFO or a device found while walking a folder', () => {
    const folder = withGood('special-walk');
    const hasFifo = makeFifo(path.join(folder, 'src', 'pipe.ts'));
    fs.symlinkSync('pipe.ts', path.join(folder, 'src', 'pipe-link.ts'));
    fs.symlinkSync('/dev/zero', path.join(folder, 'src', 'zero.ts'));
    const run = runPiilint(['--format', 'json', 'src'], folder, { timeoutMs: HANG_GUARD_MS });
    expect(run.signal, 'piilint hung on a special file').toBeNull();
    expectScanIntact(run, parseReport(run));
    expect(hasFifo || !fs.existsSync(path.join(folder, 'src', 'pipe.ts'))).toBe(true);
  });

  // Product bug (reported to the lead): a glob that matches a symlink to a FIFO (`src/*.ts` with
  // `pipe-link.ts -> pipe.ts`) hangs forever: expand-glob.ts keeps it (tinyglobby follows the link and only
  // excludes folders), then inspect-file.ts opens it with `fs.openSync(file, 'r')`, which blocks until a writer
  // appears. Expected: special files are skipped without being opened, as the folder walk does.
  it('never opens a FIFO matched by a glob through a symlink', () => {
    const folder = withGood('special-glob');
    if (!makeFifo(path.join(folder, 'src', 'pipe.ts'))) return;
    fs.symlinkSync('pipe.ts', path.join(folder, 'src', 'pipe-link.ts'));
    const run = runPiilint(['--format', 'json', 'src/*.ts'], folder, { timeoutMs: HANG_GUARD_MS });
    expect(run.signal, 'piilint hung opening src/pipe-link.ts (a FIFO)').toBeNull();
    expectScanIntact(run, parseReport(run));
  });

  it('reports unreadable files and folders as notices (as root: as an unprivileged user, or reads them)', () => {
    const folder = withGood('unreadable', {
      'src/locked/kiosk.ts': GOOD_FILE,
      'src/secret.ts': GOOD_FILE,
    });
    fs.chmodSync(path.join(folder, 'src', 'secret.ts'), 0o000);
    fs.chmodSync(path.join(folder, 'src', 'locked'), 0o000);
    const user = unprivilegedUser();
    if (isRoot && user === undefined) {
      // Root reads everything and no other user can run this checkout: the files are simply checked.
      const { run, report } = json(folder);
      expectScanIntact(run, report);
      expect(findingKeys(report).sort()).toEqual([GOOD_FINDING, 'src/locked/kiosk.ts:3:25 no-id-number-logging', 'src/secret.ts:3:25 no-id-number-logging'].sort());
      return;
    }
    const { run, report } = json(folder, [], user === undefined ? {} : { uid: user, gid: user });
    expectScanIntact(run, report);
    expect(findingKeys(report)).toEqual([GOOD_FINDING]);
    expect(noticeKeys(report).sort()).toEqual(['unreadable-file src/locked', 'unreadable-file src/secret.ts']);
    expect(run.stderr).toContain('Cannot read the file');
    expect(run.stderr).toContain('(EACCES)');
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('files that change between discovery and reading', () => {
  // support/fs-hook.cjs changes src/victim.ts at the moment the engine reads it, after discovery listed and
  // inspected it: the CLI cannot be raced reliably from outside, so the race is forced from inside.
  const cases: { action: string; when: string; expected: string }[] = [
    { action: 'delete', when: 'read', expected: 'file-vanished' },
    { action: 'delete', when: 'read-bytes', expected: 'file-vanished' },
    { action: 'binary', when: 'read', expected: 'binary-file' },
    { action: 'folder', when: 'read', expected: 'file-vanished' },
    { action: 'grow', when: 'read', expected: 'file-too-large' },
    { action: 'edit', when: 'read', expected: 'analysed' },
  ];
  it.each(cases)('$action at $when: $expected', ({ action, when, expected }) => {
    const name = `race-${action}-${when}`;
    const folder = withGood(name, { 'src/victim.ts': GOOD_FILE });
    const log = path.join(temp.path, `${name}.log`);
    const victim = path.join(folder, 'src', 'victim.ts');
    const { run, report } = json(folder, [], {
      nodeArgs: ['--require', FS_HOOK],
      env: { PIILINT_RACE_TARGET: victim, PIILINT_RACE_ACTION: action, PIILINT_RACE_WHEN: when, PIILINT_RACE_LOG: log },
    });
    expect(fs.readFileSync(log, 'utf8')).toContain(`"race":"${action}"`);
    expectScanIntact(run, report);
    if (expected === 'analysed') {
      expect(findingKeys(report)).toContain('src/victim.ts:3:25 no-id-number-logging');
      expect(report.notices).toEqual([]);
    } else {
      expect(findingKeys(report)).toEqual([GOOD_FINDING]);
      expect(noticeKeys(report)).toEqual([`${expected} src/victim.ts`]);
    }
  });

  it('a folder swapped in between stat and read is not reported as a permission problem', () => {
    const folder = withGood('race-folder-read-bytes', { 'src/victim.ts': GOOD_FILE });
    const victim = path.join(folder, 'src', 'victim.ts');
    const { run, report } = json(folder, [], {
      nodeArgs: ['--require', FS_HOOK],
      env: { PIILINT_RACE_TARGET: victim, PIILINT_RACE_ACTION: 'folder', PIILINT_RACE_WHEN: 'read-bytes', PIILINT_RACE_LOG: path.join(temp.path, 'race-folder-read-bytes.log') },
    });
    expectScanIntact(run, report);
    const notice = report.notices.find((candidate) => candidate.file === 'src/victim.ts');
    expect(notice).toBeDefined();
    // Minor product bug (reported): today this is `unreadable-file ... (EISDIR) ... Give your user read permission`.
    expect(notice?.message).not.toContain('chmod');
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('projects and configs', () => {
  it('exits 0 with an empty report for an empty project, in every format', () => {
    const folder = temp.project('empty', { 'README.md': '# nothing to check\n', 'assets/logo.svg': '<svg/>' });
    const stylish = runPiilint([], folder);
    expect(stylish).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const { run, report } = json(folder);
    expect(run.status).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.notices).toEqual([]);
    const sarif = runPiilint(['--format', 'sarif'], folder);
    expect(sarif.status).toBe(0);
    expect((JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toEqual([]);
    const bare = temp.project('bare', {});
    expect(runPiilint([], bare)).toMatchObject({ status: 0, stdout: '' });
  });

  const tsconfigs: Record<string, { files: Record<string, string>; notice: RegExp }> = {
    'a syntax error': {
      files: { 'tsconfig.json': '{ "compilerOptions": { "strict": true, }, oops }' },
      notice: /^piilint warning: tsconfig\.json: .*tsconfig\.json: .+piilint goes on with default compiler options.* \(tsconfig-error\)$/m,
    },
    'an extends that points nowhere': {
      files: { 'tsconfig.json': JSON.stringify({ extends: './config/tsconfig.base.json', compilerOptions: {} }) },
      notice: /^piilint warning: tsconfig\.json: .*Cannot read file .*tsconfig\.base\.json.* \(tsconfig-error\)$/m,
    },
    'an extends into a missing package': {
      files: { 'tsconfig.json': JSON.stringify({ extends: '@dealer/tsconfig/base.json' }) },
      notice: /^piilint warning: tsconfig\.json: .*@dealer\/tsconfig\/base\.json.* \(tsconfig-error\)$/m,
    },
    'circular project references': {
      files: {
        'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './packages/kiosk' }] }),
        'packages/kiosk/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, references: [{ path: '../gateway' }] }),
        'packages/gateway/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, references: [{ path: '../kiosk' }] }),
      },
      notice: /^piilint warning: .*tsconfig\.json: .*project references form a cycle.* \(tsconfig-error\)$/m,
    },
    'a self-extending config': {
      files: { 'tsconfig.json': JSON.stringify({ extends: './tsconfig.json' }) },
      notice: /\(tsconfig-error\)$/m,
    },
  };
  it.each(Object.entries(tsconfigs))('goes on with default options for a tsconfig with %s', (name, { files, notice }) => {
    const folder = withGood(`tsconfig-${name.replace(/\W+/g, '-')}`, files);
    const { run, report } = json(folder);
    expectScanIntact(run, report);
    expect(run.stderr).toMatch(notice);
    expect(report.notices.every((entry) => entry.code === 'tsconfig-error')).toBe(true);
  });

  const badConfigs: Record<string, { config: string; says: RegExp }> = {
    'a string where a number belongs': { config: '{ "maxFileSize": "2MB" }', says: /\/maxFileSize is "2MB" \(a string\), but must be an integer ≥ 1/ },
    'a negative size': { config: '{ "maxFileSize": -1 }', says: /\/maxFileSize is -1, but must be ≥ 1/ },
    'a string where a list belongs': { config: '{ "ignore": "dist" }', says: /\/ignore is "dist" \(a string\), but must be a list of strings/ },
    'a number as a severity': { config: '{ "rules": { "no-id-number-logging": 2 } }', says: /\/rules\/no-id-number-logging is 2, but must be one of "error"/ },
    'an unknown rule id': { config: '{ "rules": { "no-id-number-loging": "error" } }', says: /unknown rule "no-id-number-loging" at \/rules\/no-id-number-loging\. Did you mean "no-id-number-logging"\?/ },
    'an unknown rule id in models': { config: '{ "models": { "no-such-rule": { "sinks": [] } } }', says: /no-such-rule/ },
    'an unknown top-level key': { config: '{ "rulez": {} }', says: /unknown key "rulez" at \/rulez\. Did you mean "rules"\?/ },
    'an unknown option': { config: '{ "rules": { "no-id-number-logging": { "severity": "error", "options": { "maskFunction": [] } } } }', says: /unknown key "maskFunction"/ },
    'a model with a wrong type': { config: '{ "models": { "no-id-number-logging": { "sinks": [{ "module": 5 }] } } }', says: /\/models\/no-id-number-logging\/sinks\/0\/module is 5/ },
    'a model regex that does not compile': {
      config: '{ "models": { "no-id-number-logging": { "sinks": [{ "receiverName": "(", "methods": "info", "description": "x" }] } } }',
      says: /receiverName/,
    },
    'an array at the top level': { config: '[]', says: /the top level is an array/ },
    'invalid JSON': { config: '{ "rules": ', says: /invalid JSON/ },
    'an empty file': { config: '', says: /the config file is empty/ },
  };
  it.each(Object.entries(badConfigs))('exits 2 with one line for a config with %s', (name, { config, says }) => {
    const folder = withGood(`config-${name.replace(/\W+/g, '-')}`, { 'piilint.config.json': config });
    const run = runPiilint([], folder);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^piilint: .*piilint\.config\.json/);
    expect(run.stderr).toMatch(says);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

// ---------------------------------------------------------------------------------------------------------------

function readHead(file: string, bytes: number): string {
  const descriptor = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(descriptor, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(descriptor);
  }
}

function makeFifo(file: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return spawnSync('mkfifo', [file]).status === 0;
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputPathError } from '../../server/src/engine/errors';
import type { Notice } from '../../server/src/engine/findings/finding';
import { discoverFiles, readSourceFile } from '../../server/src/engine/files';
import { inspectFile } from '../../server/src/engine/files/inspect-file';

const isRoot = process.getuid?.() === 0;
const temporaryFolders: string[] = [];

afterAll(() => {
  for (const folder of temporaryFolders) {
    makeWritable(folder);
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

/** A fresh folder holding the given files (relative path → text or bytes). */
function project(files: Record<string, string | Uint8Array>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-files-')));
  temporaryFolders.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

function makeWritable(folder: string): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink()) fs.chmodSync(full, 0o755);
  }
}

async function discover(cwd: string, paths: string[] = [], extra: { ignore?: string[]; maxFileSize?: number } = {}) {
  const result = await discoverFiles({
    cwd,
    paths,
    ignore: extra.ignore ?? [],
    ignoreBaseDir: cwd,
    maxFileSize: extra.maxFileSize ?? 2 * 1024 * 1024,
  });
  return { ...result, relative: result.files.map((file) => path.relative(cwd, file).split(path.sep).join('/')) };
}

function noticeCodes(notices: readonly Notice[], root: string): string[] {
  return notices.map((notice) => `${notice.code} ${path.relative(root, notice.file ?? '').split(path.sep).join('/')}`);
}

const CUSTOMER_LOGGER = `export function logCustomer(idCardNo: string) { console.log('customer', idCardNo); }\n`;

describe('discoverFiles: extensions and built-in skips', () => {
  it('finds every TypeScript and JavaScript extension, sorted and absolute, and no declaration files', async () => {
    const root = project({
      'src/crm/customer.ts': CUSTOMER_LOGGER,
      'src/crm/CustomerCard.tsx': 'export const CustomerCard = () => null;\n',
      'src/gateway/upload.mts': 'export {};\n',
      'src/gateway/legacy.cts': 'export {};\n',
      'src/kiosk/enrol.js': 'module.exports = {};\n',
      'src/kiosk/Enrol.jsx': 'export default null;\n',
      'src/kiosk/camera.mjs': 'export {};\n',
      'src/kiosk/camera.cjs': 'module.exports = {};\n',
      'src/types/customer.d.ts': 'export interface Customer { idCardNo: string }\n',
      'src/types/module.d.mts': 'export {};\n',
      'src/types/module.d.cts': 'export {};\n',
      'src/readme.md': '# CRM\n',
      'src/data.json': '{}\n',
    });
    const { files, relative, notices } = await discover(root);
    expect(relative).toEqual([
      'src/crm/CustomerCard.tsx',
      'src/crm/customer.ts',
      'src/gateway/legacy.cts',
      'src/gateway/upload.mts',
      'src/kiosk/Enrol.jsx',
      'src/kiosk/camera.cjs',
      'src/kiosk/camera.mjs',
      'src/kiosk/enrol.js',
    ]);
    expect(files.every((file) => path.isAbsolute(file))).toBe(true);
    expect(notices).toEqual([]);
  });

  it('skips node_modules, .git and build output folders at any depth', async () => {
    const root = project({
      'src/index.ts': CUSTOMER_LOGGER,
      'node_modules/winston/index.js': 'module.exports = {};\n',
      'packages/app/node_modules/pino/index.js': 'module.exports = {};\n',
      '.git/hooks/pre-commit.js': '\n',
      ...Object.fromEntries(
        ['dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.turbo', '.cache', '.vercel'].map((folder) => [
          `packages/app/${folder}/bundle.js`,
          CUSTOMER_LOGGER,
        ]),
      ),
      'packages/app/src/main.ts': 'export {};\n',
    });
    const { relative } = await discover(root);
    expect(relative).toEqual(['packages/app/src/main.ts', 'src/index.ts']);
  });

  it('scans a build folder or file named on the command line, but not the skipped folders inside it', async () => {
    const root = project({
      'dist/bundle.js': CUSTOMER_LOGGER,
      'dist/node_modules/dep/index.js': '\n',
      'build/server.js': CUSTOMER_LOGGER,
    });
    expect((await discover(root, ['dist'])).relative).toEqual(['dist/bundle.js']);
    expect((await discover(root, ['build/server.js'])).relative).toEqual(['build/server.js']);
    expect((await discover(root, ['dist/**/*.js'])).relative).toEqual(['dist/bundle.js']);
  });

  it('de-duplicates overlapping inputs and keeps Next.js bracket routes as plain paths', async () => {
    const root = project({ 'app/[customerId]/page.tsx': 'export default null;\n', 'app/layout.tsx': '\n' });
    const { relative } = await discover(root, ['app', 'app/[customerId]/page.tsx', './app/layout.tsx']);
    expect(relative).toEqual(['app/[customerId]/page.tsx', 'app/layout.tsx']);
  });
});

describe('discoverFiles: .gitignore and config ignore', () => {
  it('applies root and nested .gitignore files relative to their own folders, deeper files overriding', async () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.local.ts\n/scratch.ts\n',
      'src/index.ts': '\n',
      'src/dev.local.ts': '\n',
      'src/scratch.ts': '\n',
      'scratch.ts': '\n',
      'generated/api-client.ts': '\n',
      'packages/crm/.gitignore': 'tmp/\n!keep.local.ts\n',
      'packages/crm/keep.local.ts': '\n',
      'packages/crm/other.local.ts': '\n',
      'packages/crm/tmp/debug.ts': '\n',
      'packages/gateway/tmp/upload.ts': '\n',
    });
    const { relative } = await discover(root);
    expect(relative).toEqual([
      'packages/crm/keep.local.ts',
      'packages/gateway/tmp/upload.ts',
      'src/index.ts',
      'src/scratch.ts',
    ]);
  });

  it('applies .gitignore files between the git root and a scanned subfolder, and .git/info/exclude', async () => {
    const root = project({
      '.git/info/exclude': 'secrets.ts\n',
      '.gitignore': '*.local.ts\n',
      'packages/crm/src/customer.ts': CUSTOMER_LOGGER,
      'packages/crm/src/customer.local.ts': '\n',
      'packages/crm/src/secrets.ts': '\n',
    });
    const { relative } = await discover(path.join(root, 'packages/crm'));
    expect(relative).toEqual(['src/customer.ts']);
  });

  it('walks a gitignored folder named on the command line, still honouring .gitignore files inside it', async () => {
    const root = project({
      '.git/HEAD': '\n',
      '.gitignore': 'generated/\n',
      'generated/client.ts': '\n',
      'generated/.gitignore': 'cache/\n',
      'generated/cache/old.ts': '\n',
    });
    expect((await discover(root)).relative).toEqual([]);
    expect((await discover(root, ['generated'])).relative).toEqual(['generated/client.ts']);
  });

  it('applies config ignore globs relative to the config folder, also to explicitly named files', async () => {
    const root = project({
      'piilint.config.json': '{}\n',
      'web/src/customer.ts': CUSTOMER_LOGGER,
      'web/src/customer.fixture.ts': '\n',
      'web/legacy/old-crm.js': '\n',
      'legacy/keep.ts': '\n',
    });
    const options = { ignore: ['./web/legacy/', '**/*.fixture.ts'] };
    const fromRoot = await discoverFiles({ cwd: path.join(root, 'web'), paths: [], ignoreBaseDir: root, maxFileSize: 1e6, ...options });
    expect(fromRoot.files).toEqual([path.join(root, 'web/src/customer.ts')]);
    const explicit = await discoverFiles({
      cwd: root,
      paths: ['web/src/customer.fixture.ts', 'web/legacy', 'legacy'],
      ignoreBaseDir: root,
      maxFileSize: 1e6,
      ...options,
    });
    expect(explicit.files).toEqual([path.join(root, 'legacy/keep.ts')]);
  });
});

describe('discoverFiles: inputs', () => {
  it('expands globs relative to cwd', async () => {
    const root = project({ 'src/crm/a.ts': '\n', 'src/crm/b.js': '\n', 'src/gateway/c.ts': '\n', 'test/a.test.ts': '\n' });
    expect((await discover(root, ['src/**/*.ts'])).relative).toEqual(['src/crm/a.ts', 'src/gateway/c.ts']);
    expect((await discover(path.join(root, 'src'), ['crm/*'])).relative).toEqual(['crm/a.ts', 'crm/b.js']);
  });

  it('throws InputPathError with the cwd and what to do for a missing path', async () => {
    const root = project({ 'src/a.ts': '\n' });
    const attempt = discover(root, ['src', 'scr/customer.ts']);
    await expect(attempt).rejects.toBeInstanceOf(InputPathError);
    await expect(attempt).rejects.toThrow(
      `No such file or folder: scr/customer.ts (looked in ${root}). Pass an existing path or a glob such as 'src/**/*.ts'.`,
    );
  });

  it('throws InputPathError for a glob that matches nothing, but not for one whose matches are all ignored', async () => {
    const root = project({ '.gitignore': 'gen/\n', 'src/a.ts': '\n', 'gen/b.ts': '\n' });
    const attempt = discover(root, ['lib/**/*.ts']);
    await expect(attempt).rejects.toBeInstanceOf(InputPathError);
    await expect(attempt).rejects.toThrow(/No files match the glob 'lib\/\*\*\/\*\.ts'/);
    expect((await discover(root, ['**/b.ts'])).files).toEqual([]);
  });

  it('uses cwd when no paths are given', async () => {
    const root = project({ 'index.js': '\n' });
    expect((await discover(root, [])).relative).toEqual(['index.js']);
  });
});

describe('discoverFiles: files that cannot be analysed', () => {
  it('skips a file larger than maxFileSize with a notice naming both sizes and the config key', async () => {
    const root = project({ 'src/small.ts': 'export {};\n', 'src/vendor/huge-bundle.js': 'x'.repeat(3000) });
    const { relative, notices } = await discover(root, [], { maxFileSize: 2048 });
    expect(relative).toEqual(['src/small.ts']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ code: 'file-too-large', level: 'warning', file: path.join(root, 'src/vendor/huge-bundle.js') });
    expect(notices[0]?.message).toContain('2.9 KiB (3,000 bytes)');
    expect(notices[0]?.message).toContain('2 KiB (2,048 bytes) limit');
    expect(notices[0]?.message).toContain('`maxFileSize`');
  });

  it('skips a binary file with a .ts name (an MPEG-TS video segment) but keeps UTF-16 and BOM files', async () => {
    const segment = new Uint8Array(400).fill(0x47);
    segment[1] = 0x00;
    const root = project({
      'recordings/segment-0001.ts': segment,
      'src/utf16.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export const plateNo = "沪A12345";\n', 'utf16le')]),
      'src/bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('export {};\n')]),
    });
    const { relative, notices } = await discover(root);
    expect(relative).toEqual(['src/bom.ts', 'src/utf16.ts']);
    expect(noticeCodes(notices, root)).toEqual(['binary-file recordings/segment-0001.ts']);
  });

  it('reports a broken symlink and a symlink loop, and terminates', async () => {
    const root = project({ 'src/customer.ts': CUSTOMER_LOGGER, 'src/nested/deeper/leaf.ts': '\n' });
    fs.symlinkSync(path.join(root, 'src/deleted.ts'), path.join(root, 'src/broken.ts'));
    fs.symlinkSync('../..', path.join(root, 'src/nested/deeper/back-to-src'));
    fs.symlinkSync('self-loop', path.join(root, 'src/self-loop'));
    const { relative, notices } = await discover(root);
    expect(relative).toEqual(['src/customer.ts', 'src/nested/deeper/leaf.ts']);
    expect(noticeCodes(notices, root)).toEqual([
      'broken-symlink src/broken.ts',
      'symlink-loop src/nested/deeper/back-to-src',
      'symlink-loop src/self-loop',
    ]);
    expect(notices[0]?.message).toContain(path.join(root, 'src/deleted.ts'));
  });

  it('analyses a symlinked file or folder once, by its direct path', async () => {
    const root = project({ 'src/shared/mask.ts': 'export const mask = (s: string) => s;\n', 'vendor/sdk/face.ts': '\n' });
    fs.symlinkSync('shared/mask.ts', path.join(root, 'src/mask-link.ts'));
    fs.mkdirSync(path.join(root, 'src/kiosk'));
    fs.symlinkSync('../shared', path.join(root, 'src/kiosk/shared-link'));
    fs.symlinkSync('../vendor/sdk', path.join(root, 'src/sdk'));
    const { relative, notices } = await discover(root, ['src']);
    // vendor/ is outside the scanned folder, so its file is reached only through the link.
    expect(relative).toEqual(['src/sdk/face.ts', 'src/shared/mask.ts']);
    expect(notices).toEqual([]);
  });

  it('reports an unreadable file and folder (as root, which reads anything, analyses them instead)', async () => {
    const root = project({ 'src/ok.ts': '\n', 'src/locked.ts': CUSTOMER_LOGGER, 'src/private/inner.ts': '\n' });
    fs.chmodSync(path.join(root, 'src/locked.ts'), 0o000);
    fs.chmodSync(path.join(root, 'src/private'), 0o000);
    const { relative, notices } = await discover(root);
    if (isRoot) {
      expect(relative).toEqual(['src/locked.ts', 'src/ok.ts', 'src/private/inner.ts']);
      expect(notices).toEqual([]);
    } else {
      expect(relative).toEqual(['src/ok.ts']);
      expect(noticeCodes(notices, root)).toEqual(['unreadable-file src/locked.ts', 'unreadable-file src/private']);
      expect(notices[0]?.message).toContain('EACCES');
    }
  });

  it('reports a file that vanished between listing and inspection', async () => {
    const root = project({ 'src/gone.ts': '\n' });
    const file = path.join(root, 'src/gone.ts');
    fs.rmSync(file);
    const inspection = inspectFile(file, 1e6);
    expect(inspection).toMatchObject({ kind: 'skipped', notice: { code: 'file-vanished', file } });
  });
});

describe('readSourceFile', () => {
  const bytesFile = (name: string, bytes: Uint8Array | string): string => path.join(project({ [name]: bytes }), name);

  it('reads UTF-8 and strips a BOM', () => {
    const file = bytesFile('a.ts', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('const 身份证号 = x;\n')]));
    expect(readSourceFile(file)).toEqual({ text: 'const 身份证号 = x;\n', encoding: 'utf-8-bom', hasInvalidBytes: false });
  });

  it('decodes UTF-16 LE and BE by their BOM', () => {
    const text = 'export const cph = "京A12345";\n';
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bigEndian = Buffer.from(littleEndian);
    bigEndian.swap16();
    expect(readSourceFile(bytesFile('le.ts', littleEndian))).toEqual({ text, encoding: 'utf-16le', hasInvalidBytes: false });
    expect(readSourceFile(bytesFile('be.ts', bigEndian))).toEqual({ text, encoding: 'utf-16be', hasInvalidBytes: false });
  });

  it('replaces invalid UTF-8 (a GBK comment) with U+FFFD and still returns the text', () => {
    const gbkComment = Buffer.from([0x2f, 0x2f, 0x20, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0x0a]);
    const file = bytesFile('gbk.js', Buffer.concat([gbkComment, Buffer.from('log(idCardNo);\n')]));
    const result = readSourceFile(file);
    expect(result).toMatchObject({ encoding: 'utf-8', hasInvalidBytes: true });
    expect('text' in result && result.text.endsWith('log(idCardNo);\n')).toBe(true);
    expect('text' in result && result.text.includes('\uFFFD')).toBe(true);
  });

  it('returns notices for a deleted, binary or oversized file instead of throwing', () => {
    const deleted = bytesFile('deleted.ts', 'export {};\n');
    fs.rmSync(deleted);
    expect(readSourceFile(deleted)).toMatchObject({ notice: { code: 'file-vanished', file: deleted } });
    expect(readSourceFile(bytesFile('video.ts', new Uint8Array([0x47, 0x00, 0x11])))).toMatchObject({ notice: { code: 'binary-file' } });
    expect(readSourceFile(bytesFile('big.ts', 'x'.repeat(100)), { maxFileSize: 10 })).toMatchObject({
      notice: { code: 'file-too-large' },
    });
  });
});

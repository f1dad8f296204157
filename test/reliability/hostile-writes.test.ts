/**
 * Issue #21, attacks 6 and 7: `--fix` writes only inside the workspace and respects permissions.
 * - A committed symlink `src/link.ts → ../../outside/x.ts` was read, reported and rewritten: it is still reported,
 *   never written (`outside-workspace`), and nothing appears in or changes under `outside/`.
 * - A 0444 file was rewritten; a file owned by someone else changed owner. Both are now `not fixed: … (read-only)`,
 *   with bytes, mode and owner as they were.
 * - A temporary file a killed `--fix` left behind is removed by the next `--fix`; a look-alike that is older than
 *   its original, or a symlink, is not.
 * The projects are made at run time: symlinks, modes and owners do not survive every checkout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FILE, TempRoot, findingKeys, isRoot, parseReport, runPiilint, unprivilegedUser } from './support/cli';

const KILL_AFTER_MS = 60_000;

let temp: TempRoot;
let count = 0;

beforeAll(() => {
  temp = new TempRoot('piilint-hostile-writes-');
});

afterAll(() => {
  temp.dispose();
});

function fix(folder: string, uid?: number) {
  const run = runPiilint(['--fix'], folder, { timeoutMs: KILL_AFTER_MS, ...(uid === undefined ? {} : { uid }) });
  expect(run.signal).toBeNull();
  return run;
}

function report(folder: string) {
  return parseReport(runPiilint(['--format', 'json'], folder, { timeoutMs: KILL_AFTER_MS }));
}

/** Every file under `folder` with its bytes, mode, owner and modification time. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const stats = fs.lstatSync(file);
    out[path.relative(folder, file)] = `${stats.mode.toString(8)} ${stats.uid}:${stats.gid} ${stats.mtimeMs} ${stats.isFile() ? fs.readFileSync(file, 'base64') : ''}`;
  }
  return out;
}

describe('symlinks out of the workspace', () => {
  it.each([
    ['a file link', (root: string) => fs.symlinkSync('../../outside/x.ts', path.join(root, 'ws', 'src', 'link.ts')), 'src/link.ts'],
    ['a folder link (variant)', (root: string) => fs.symlinkSync('../../outside', path.join(root, 'ws', 'src', 'vendor')), 'src/vendor/x.ts'],
  ])('%s is reported but never written', (_kind, makeLink, linked) => {
    const root = temp.project(`link-${++count}`, { 'outside/x.ts': GOOD_FILE, 'ws/src/good.ts': GOOD_FILE });
    makeLink(root);
    const outside = path.join(root, 'outside');
    const before = snapshot(outside);
    const workspace = path.join(root, 'ws');

    expect(findingKeys(report(workspace))).toContain(`${linked}:3:25 no-id-number-logging`);
    const run = fix(workspace);
    expect(run.stderr).toContain(`piilint: not fixed: ${linked}: the file is a link to ${path.join(outside, 'x.ts')}, outside the scanned folders`);
    expect(run.stderr).toContain('(outside-workspace)');
    // The link's finding is still there; the file inside the workspace was fixed.
    expect(findingKeys(report(workspace))).toEqual([`${linked}:3:25 no-id-number-logging`]);
    expect(snapshot(outside)).toEqual(before);
  });
});

describe('permissions', () => {
  // The user's own read-only file in the user's own folder: a rename over it needs no write permission on the
  // file, which is how it was rewritten before. Root may write any file (fix-safety.test.ts fixes a 0400 file as
  // root and checks its mode is kept); without another user to run as, that is what is checked here.
  it.each(['0444', '0400', '0555'])('a file with mode %s is not fixed: read-only, and keeps its bytes and mode', (octal) => {
    const mode = Number.parseInt(octal, 8);
    const folder = temp.project(`mode-${octal}`, { 'src/good.ts': GOOD_FILE, 'src/locked.ts': GOOD_FILE });
    const locked = path.join(folder, 'src', 'locked.ts');
    const user = unprivilegedUser();
    if (user !== undefined) for (const entry of [folder, path.join(folder, 'src'), path.join(folder, 'src', 'good.ts'), locked]) fs.chownSync(entry, user, user);
    fs.chmodSync(locked, mode);
    const before = snapshot(path.join(folder, 'src'))['locked.ts'];
    const run = fix(folder, user);
    if (user === undefined) {
      expect(isRoot).toBe(true);
      expect((fs.statSync(locked).mode & 0o7777).toString(8)).toBe(octal.slice(1));
      return;
    }
    expect(run.stderr).toMatch(/piilint: not fixed: src\/locked\.ts: the file is read-only .*\(read-only\)\./);
    expect(snapshot(path.join(folder, 'src'))['locked.ts']).toBe(before);
    expect(fs.readFileSync(path.join(folder, 'src', 'good.ts'), 'utf8')).not.toBe(GOOD_FILE);
  });

  it('a file owned by another user keeps its owner: not fixed by an unprivileged user, or fixed by root with its owner kept', () => {
    const folder = temp.project('owner', { 'src/good.ts': GOOD_FILE, 'src/theirs.ts': GOOD_FILE });
    const theirs = path.join(folder, 'src', 'theirs.ts');
    const user = unprivilegedUser();
    if (user !== undefined) {
      // root owns theirs.ts, writable by everyone (0666); the unprivileged user owns the folder and could rename
      // over it, which would make the file theirs.
      for (const entry of [folder, path.join(folder, 'src'), path.join(folder, 'src', 'good.ts')]) fs.chownSync(entry, user, user);
      fs.chmodSync(theirs, 0o666);
      const before = snapshot(path.join(folder, 'src'))['theirs.ts'];
      const run = fix(folder, user);
      expect(run.stderr).toContain('piilint: not fixed: src/theirs.ts: the file belongs to another user (uid 0)');
      expect(snapshot(path.join(folder, 'src'))['theirs.ts']).toBe(before);
      expect(fs.readFileSync(path.join(folder, 'src', 'good.ts'), 'utf8')).not.toBe(GOOD_FILE);
    } else {
      // No other user can run the checkout here: root's fix must keep the owner it finds.
      expect(isRoot).toBe(true);
      fs.chownSync(theirs, 65_534, 65_534);
      fix(folder);
      expect(fs.statSync(theirs).uid).toBe(65_534);
      expect(fs.readFileSync(theirs, 'utf8')).not.toBe(GOOD_FILE);
    }
  });
});

describe('temporary files of a killed --fix', () => {
  it('are removed by the next --fix; look-alikes are left alone', () => {
    const folder = temp.project('leftovers', { 'src/good.ts': GOOD_FILE, 'src/notes.ts': 'export const notes = 1;\n' });
    const src = path.join(folder, 'src');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(src, 'good.ts'), hourAgo, hourAgo);
    fs.writeFileSync(path.join(src, 'good.ts.3735928559'), 'interface Customer {');
    // A backup older than its original, a symlink with a temporary name, a number past 32 bits: not ours.
    fs.writeFileSync(path.join(src, 'notes.ts.20240101'), 'old notes');
    fs.utimesSync(path.join(src, 'notes.ts.20240101'), new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    fs.symlinkSync('good.ts', path.join(src, 'good.ts.42'));
    fs.writeFileSync(path.join(src, 'good.ts.99999999999'), 'not a temporary name');

    const run = fix(folder);
    expect(run.stderr).toContain('piilint: removed 1 temporary file left by an interrupted --fix: src/good.ts.3735928559.');
    expect(fs.readdirSync(src).sort()).toEqual(['good.ts', 'good.ts.42', 'good.ts.99999999999', 'notes.ts', 'notes.ts.20240101']);
    // A plain scan never removes anything.
    fs.writeFileSync(path.join(src, 'good.ts.1234'), 'x');
    runPiilint([], folder, { timeoutMs: KILL_AFTER_MS });
    expect(fs.existsSync(path.join(src, 'good.ts.1234'))).toBe(true);
  });
});

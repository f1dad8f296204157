/**
 * The git CLI, for `--changed-since REF`: where the repository is, which commit a ref names, and which lines of which
 * files changed since it (the working tree against the ref: committed, staged and unstaged changes, plus untracked
 * files that are not ignored).
 * git runs through `execFile` with an argument list, never a shell, so a ref or a path is never interpreted.
 * Every failure is a `GitError` (a user error: exit code 2) that says what happened, where, and what to do.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PiilintError } from '../engine/errors';
import { parseUnifiedDiff, type FileChanges } from '../engine/findings/changed-lines';

export class GitError extends PiilintError {
  readonly code = 'git-error';
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export interface ChangedFiles {
  /** Top folder of the repository (real path). */
  readonly root: string;
  /** Full commit id the ref named. */
  readonly commit: string;
  /** Changed lines by real absolute path. */
  readonly changes: ReadonlyMap<string, FileChanges>;
}

interface GitRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Diffs of large repositories are large; this bounds memory, not correctness (an overflow is an error). */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'diff.external=', '-c', 'core.hooksPath=/dev/null', '-c', 'filter.lfs.process=', '-c', 'core.attributesFile=/dev/null'];

/**
 * `-c filter.<name>.clean=` and friends for every filter the repository configures: reading the config runs
 * nothing, and an empty command is no filter, so `git diff` compares the files as they are.
 */
async function filterOverrides(root: string): Promise<string[]> {
  const listed = await runGit(['config', '--name-only', '--get-regexp', '^filter\\..*\\.(clean|smudge|process)$'], root);
  if (listed.code !== 0) return [];
  return listed.stdout
    .split('\n')
    .map((key) => key.trim())
    .filter((key) => key.length > 0)
    .flatMap((key) => ['-c', `${key}=`]);
}

function runGit(args: readonly string[], cwd: string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      // The scanned repository's config must not run anything: no fsmonitor hook, no external diff or textconv
      // driver, no clean/smudge filter (those are commands from .git/config, run by plain `git diff`).
      [...SAFE_CONFIG, ...args],
      { cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, env: { ...process.env, LC_ALL: 'C', GIT_PAGER: 'cat' } },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(new GitError('--changed-since needs the git command, which is not installed or not on PATH. Install git, or run without --changed-since.'));
        } else if (typeof code === 'number') {
          resolve({ code, stdout, stderr });
        } else {
          reject(new GitError(`git ${args[0] ?? ''} failed in ${cwd}: ${error.message.split('\n')[0] ?? ''}`));
        }
      },
    );
  });
}

/** The lines changed since `ref` in the repository that contains `cwd`. */
export async function changedFilesSince(ref: string, cwd: string): Promise<ChangedFiles> {
  if (ref.startsWith('-') || ref.trim() === '') {
    throw new GitError(`"${ref}" is not a git ref. Give a branch, tag or commit to --changed-since, such as origin/main.`);
  }
  const top = await runGit(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) {
    throw new GitError(
      `--changed-since needs a git repository, and ${cwd} is not inside one (git: ${firstLine(top.stderr)}). Run piilint in the repository's checkout, or drop --changed-since to check everything.`,
    );
  }
  const root = realPath(top.stdout.trim());
  const verified = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root);
  if (verified.code !== 0) {
    throw new GitError(
      `Unknown git ref "${ref}" in ${root}. Check the spelling, or fetch it first: CI checkouts are often shallow (git fetch origin main; in GitHub Actions, actions/checkout with fetch-depth: 0).`,
    );
  }
  const commit = verified.stdout.trim();
  const noFilters = await filterOverrides(root);
  const diff = await runGit(
    [
      ...noFilters,
      '-c',
      'core.quotePath=false',
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--unified=0',
      '--find-renames',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      commit,
      '--',
    ],
    root,
  );
  if (diff.code !== 0) {
    throw new GitError(`git diff ${ref} failed in ${root}: ${firstLine(diff.stderr)}. Check that the ref and the working tree are readable.`);
  }
  const untracked = await runGit(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (untracked.code !== 0) {
    throw new GitError(`git ls-files failed in ${root}: ${firstLine(untracked.stderr)}.`);
  }

  const changes = new Map<string, FileChanges>();
  for (const [relative, fileChanges] of parseUnifiedDiff(diff.stdout)) {
    changes.set(path.join(root, ...relative.split('/')), fileChanges);
  }
  for (const relative of untracked.stdout.split('\0')) {
    if (relative !== '') changes.set(path.join(root, ...relative.split('/')), 'all');
  }
  return { root, commit, changes };
}

/** The real path of a file, or the resolved path when it does not exist; for comparing paths across symlinks. */
export function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'no message';
}

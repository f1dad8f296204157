#!/usr/bin/env node
// Makes the field checkouts of eval/repos.json: <field>/<owner>+<name>/ holding the pinned commit's files, and
// <field>/<owner>+<name>.commit naming it. From local git mirrors (--mirror DIR, one folder per <owner>+<name>
// holding a bare repository or a clone) or from GitHub (--clone). Nothing here is committed to piilint.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const evalDir = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `Usage: node eval/checkout.mjs (--mirror <dir> | --clone) [--field <dir>] [--force]`;

function git(args, options = {}) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
}

function gitDirIn(folder) {
  for (const candidate of [path.join(folder, 'repo', '.git'), path.join(folder, 'repo'), path.join(folder, '.git'), folder]) {
    try {
      git(['--git-dir', candidate, 'rev-parse', '--git-dir']);
      return candidate;
    } catch {
      // not a git directory; try the next
    }
  }
  return null;
}

/**
 * Paths of the commit whose blobs the mirror lacks (snapshots leave out files of 4 MiB and more): model weights,
 * videos and other data, never the code the evaluation scans. They are left out of the checkout.
 */
function missingBlobs(gitDir, commit) {
  const entries = git(['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit]).split('\0').filter(Boolean);
  const blobs = entries.map((entry) => entry.split('\t')).map(([meta, file]) => ({ sha: meta.split(' ')[2], type: meta.split(' ')[1], file })).filter((e) => e.type === 'blob');
  const checked = git(['--git-dir', gitDir, 'cat-file', '--batch-check'], { input: blobs.map((b) => b.sha).join('\n') + '\n', stdio: ['pipe', 'pipe', 'pipe'] }).split('\n');
  return blobs.filter((_, i) => checked[i]?.endsWith(' missing')).map((b) => b.file);
}

function extract(gitDir, commit, dest) {
  const tmp = `${dest}.part`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const missing = missingBlobs(gitDir, commit);
  if (missing.length) process.stderr.write(`  ${missing.length} large files absent from the mirror are left out (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})\n`);
  const excludes = missing.map((file) => `:(exclude,literal)${file}`);
  // Streamed from git into tar: a snapshot may be far larger than any buffer.
  execFileSync('bash', ['-c', 'set -o pipefail; dir=$1 commit=$2 out=$3; shift 3; git --git-dir "$dir" archive --format=tar "$commit" -- . "$@" | tar -x -C "$out"', 'bash', gitDir, commit, tmp, ...excludes], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
  fs.writeFileSync(`${dest}.commit`, `${commit}\n`);
}

function main() {
  const { values } = parseArgs({
    options: {
      mirror: { type: 'string' },
      clone: { type: 'boolean', default: false },
      field: { type: 'string', default: path.join(evalDir, '..', '..', 'field') },
      force: { type: 'boolean', default: false },
    },
  });
  if (!values.mirror === !values.clone) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const field = path.resolve(values.field);
  fs.mkdirSync(field, { recursive: true });
  const { repos } = JSON.parse(fs.readFileSync(path.join(evalDir, 'repos.json'), 'utf8'));
  let missing = 0;
  for (const { repo, commit } of repos) {
    const key = repo.replace('/', '+');
    const dest = path.join(field, key);
    const marker = `${dest}.commit`;
    if (!values.force && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === commit) {
      process.stderr.write(`${repo}: present at ${commit.slice(0, 12)}\n`);
      continue;
    }
    try {
      let gitDir;
      if (values.mirror) {
        gitDir = gitDirIn(path.join(values.mirror, key));
        if (!gitDir) throw new Error(`no git mirror in ${path.join(values.mirror, key)}`);
      } else {
        gitDir = path.join(field, `${key}.git`);
        if (!fs.existsSync(gitDir)) git(['clone', '--bare', '--filter=blob:none', `https://github.com/${repo}.git`, gitDir], { stdio: 'inherit' });
        git(['--git-dir', gitDir, 'fetch', 'origin', commit]);
      }
      extract(gitDir, commit, dest);
      process.stderr.write(`${repo}: checked out ${commit.slice(0, 12)} into ${dest}\n`);
    } catch (error) {
      missing += 1;
      process.stderr.write(`${repo}: not checked out: ${String(error.message).split('\n')[0]}\n`);
    }
  }
  return missing ? 1 : 0;
}

process.exitCode = main();

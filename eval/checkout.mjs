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
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...options });
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

function extract(gitDir, commit, dest) {
  const tmp = `${dest}.part`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const tar = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit], { maxBuffer: 1 << 31 });
  execFileSync('tar', ['-x', '-C', tmp], { input: tar });
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

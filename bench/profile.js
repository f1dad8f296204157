#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Where piilint's time goes (issue #9): runs one full CLI scan under `node --cpu-prof` and summarises the
 * .cpuprofile by self time, per file and per function. Or summarises an existing profile with --profile.
 *
 *   node bench/profile.js [--project bench/.work/gen-2000] [--top 20] [--profile FILE] [--out FILE]
 *
 * Input: a project folder (generated with bench/generate.js first) or a .cpuprofile. Output: a table on stdout
 * and, with --out, the same as JSON. Self time is what a function spent in its own code, not in its callees.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');

/** @param {string} url */
function shortFile(url) {
  if (url === '') return '(native or VM)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) return file.slice(nm + '/node_modules/'.length);
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file;
}

/** @param {string} profileFile */
function summariseProfile(profileFile, top = 20) {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const selfUs = new Map();
  const samples = /** @type {number[]} */ (profile.samples);
  const deltas = /** @type {number[]} */ (profile.timeDeltas);
  // timeDeltas[i] is the time between sample i-1 and sample i; it is charged to the sample that ends it.
  for (let i = 0; i < samples.length; i += 1) {
    const id = /** @type {number} */ (samples[i]);
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  let totalUs = 0;
  for (const us of selfUs.values()) totalUs += us;
  /** @type {Map<string, { file: string, fn: string, line: number, us: number }>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byFile = new Map();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame ?? {};
    const file = shortFile(String(frame.url ?? ''));
    const fn = String(frame.functionName || '(anonymous)');
    const line = Number(frame.lineNumber ?? -1) + 1;
    const key = `${file}\u0000${fn}\u0000${line}`;
    const entry = byFunction.get(key) ?? { file, fn, line, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const pct = (/** @type {number} */ us) => Math.round((us / totalUs) * 1000) / 10;
  const files = [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([file, us]) => ({ file, ms: Math.round(us / 1000), percent: pct(us) }));
  const functions = [...byFunction.values()].sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ function: f.fn, file: f.file, line: f.line, ms: Math.round(f.us / 1000), percent: pct(f.us) }));
  return { profile: profileFile, totalMs: Math.round(totalUs / 1000), files, functions };
}

/** @param {ReturnType<typeof summariseProfile>} s */
function render(s) {
  const lines = [`CPU profile ${path.relative(process.cwd(), s.profile)}: ${(s.totalMs / 1000).toFixed(1)} s sampled`, '', 'Self time by file:'];
  for (const f of s.files) lines.push(`  ${String(f.percent).padStart(5)} %  ${String(f.ms).padStart(7)} ms  ${f.file}`);
  lines.push('', 'Self time by function:');
  for (const f of s.functions) lines.push(`  ${String(f.percent).padStart(5)} %  ${String(f.ms).padStart(7)} ms  ${f.function}  (${f.file}:${f.line})`);
  return `${lines.join('\n')}\n`;
}

function main() {
  const { values } = parseArgs({
    options: {
      project: { type: 'string', default: path.join(__dirname, '.work', 'gen-2000') },
      profile: { type: 'string' },
      top: { type: 'string', default: '20' },
      out: { type: 'string' },
    },
  });
  let profileFile = values.profile;
  if (profileFile === undefined) {
    const project = path.resolve(String(values.project));
    if (!fs.existsSync(project)) {
      process.stderr.write(`bench/profile: ${project} does not exist; generate it first: node bench/generate.js --sizes 2000\n`);
      return 2;
    }
    const dir = path.join(__dirname, '.work', 'prof');
    fs.mkdirSync(dir, { recursive: true });
    const before = new Set(fs.readdirSync(dir));
    const scan = fs.existsSync(path.join(project, 'src')) ? 'src' : '.';
    const result = spawnSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', dir, path.join(ROOT, 'bin', 'piilint.js'), scan, '--format', 'sarif', '-o', path.join(dir, 'scan.sarif'), '--debug'],
      { cwd: project, encoding: 'utf8' },
    );
    process.stderr.write(result.stderr);
    if (result.status !== 0 && result.status !== 1) {
      process.stderr.write(`bench/profile: piilint exited with ${result.status}\n`);
      return 2;
    }
    const created = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
    if (created.length === 0) {
      process.stderr.write('bench/profile: node wrote no .cpuprofile\n');
      return 2;
    }
    profileFile = path.join(dir, /** @type {string} */ (created[0]));
  }
  const summary = summariseProfile(profileFile, Number(values.top));
  process.stdout.write(render(summary));
  if (values.out !== undefined) fs.writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

process.exitCode = main();

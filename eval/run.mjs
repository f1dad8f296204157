#!/usr/bin/env node
// The field evaluation: scans every blind corpus and every field checkout present, matches the findings to the
// committed labels, prints the figures and writes eval/results/latest.json. See eval/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LabelError, loadCorpusUnits, loadFieldUnits, RULES } from './lib/labels.mjs';
import { scanUnit } from './lib/scan.mjs';
import { matchUnit } from './lib/score.mjs';
import { compareWithBaseline, corpusFigures, renderReport, summarise } from './lib/report.mjs';

const evalDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(evalDir);

const USAGE = `Usage: npm run eval -- [options]

  --field <dir>         where the field checkouts are (default ../field, beside this repository)
  --labels <dir>        the folder with repos.json, labels/, corpora/ and results/ (default eval/)
  --corpora-only        scan the blind corpora only
  --only <text>         scan only the units whose name contains <text>
  --jobs <n>            scans run at once (default: the number of cores, at most 2)
  --check-baseline      exit 1 when a corpus scores below eval/results/baseline.json
  --write-baseline      record this run's corpus figures as the baseline
  --output <file>       where to write the results (default eval/results/latest.json)
  -h, --help            this text`;

function fail(message) {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(2);
}

async function pool(items, jobs, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        field: { type: 'string', default: path.join(repoRoot, '..', 'field') },
        labels: { type: 'string', default: evalDir },
        'corpora-only': { type: 'boolean', default: false },
        only: { type: 'string' },
        jobs: { type: 'string', default: String(Math.min(2, os.availableParallelism())) },
        'check-baseline': { type: 'boolean', default: false },
        'write-baseline': { type: 'boolean', default: false },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const jobs = Number(args.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs must be a positive integer (got ${args.jobs})`);
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'server', 'src', 'cli', 'main.js'))) fail('piilint is not built: run `npm run build` first');

  const labelsDir = path.resolve(args.labels);
  const output = args.output ?? path.join(labelsDir, 'results', 'latest.json');
  let units;
  try {
    const fieldDir = path.resolve(args.field);
    units = [...loadCorpusUnits(labelsDir), ...(args['corpora-only'] ? [] : loadFieldUnits(labelsDir, fieldDir))];
  } catch (error) {
    if (error instanceof LabelError) fail(error.message);
    throw error;
  }
  if (args.only) units = units.filter((u) => u.name.includes(args.only));
  const skipped = units.filter((u) => !fs.existsSync(u.root)).map((u) => u.name);
  const present = units.filter((u) => fs.existsSync(u.root));
  if (skipped.length) process.stderr.write(`eval: no checkout for ${skipped.length} repositories in ${args.field}; skipped: ${skipped.join(', ')}\n`);

  const scans = await pool(present, jobs, async (unit, i) => {
    const scan = await scanUnit(unit, { rules: RULES });
    process.stderr.write(`eval: [${i + 1}/${present.length}] ${unit.name}: ${scan.findings.length} findings in ${(scan.durationMs / 1000).toFixed(1)} s${scan.error ? ` (${scan.error})` : ''}\n`);
    return scan;
  });
  const failures = [];
  const results = present.map((unit, i) => {
    const scan = scans[i];
    if (scan.error) failures.push({ unit: unit.name, error: scan.error });
    return { ...matchUnit(unit, scan.findings), durationMs: scan.durationMs, error: scan.error ?? null, ecosystems: unit.ecosystems, commit: unit.commit ?? null };
  });
  const summary = summarise(results);
  process.stdout.write(`${renderReport(results, summary, skipped, failures)}\n`);

  fs.mkdirSync(path.dirname(output), { recursive: true });
  const record = { date: new Date().toISOString(), piilintCommit: gitCommit(), node: process.version, skipped, summary, units: results };
  fs.writeFileSync(output, `${JSON.stringify(record, null, 1)}\n`);
  process.stderr.write(`eval: results written to ${path.relative(process.cwd(), output)}\n`);

  const baselineFile = path.join(labelsDir, 'results', 'baseline.json');
  if (args['write-baseline']) {
    fs.writeFileSync(baselineFile, `${JSON.stringify({ date: record.date, piilintCommit: record.piilintCommit, corpora: corpusFigures(summary) }, null, 2)}\n`);
    process.stderr.write(`eval: baseline written to ${path.relative(process.cwd(), baselineFile)}\n`);
  }
  if (args['check-baseline']) {
    if (!fs.existsSync(baselineFile)) fail(`no baseline at ${baselineFile}; record one with --write-baseline`);
    const drops = compareWithBaseline(summary, JSON.parse(fs.readFileSync(baselineFile, 'utf8')));
    if (failures.length) drops.push(...failures.map((f) => `${f.unit}: scan failed (${f.error})`));
    if (drops.length) {
      process.stderr.write(`eval: below the baseline:\n${drops.map((d) => `  - ${d}`).join('\n')}\n`);
      return 1;
    }
    process.stderr.write('eval: every corpus is at or above its baseline\n');
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`eval: internal error: ${error.stack ?? error}\n`);
    process.exitCode = 2;
  },
);

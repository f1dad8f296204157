#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench` (issue #9): piilint's full CLI scan, `tsc --noEmit -p` and ESLint with typescript-eslint and
 * one type-aware rule, side by side on the same projects, alternating the order in every repetition. Reports the
 * median and min–max of wall time, CPU time (user + sys) and peak RSS, the ratios piilint/tsc and
 * piilint/ESLint, growth from 1,000 to 4,000 files, and piilint's findings against the generated corpora's
 * expectations. Writes bench/results/latest.json (or --out).
 *
 *   npm run bench -- [--sizes 500,1000,2000,4000] [--reps 3] [--real rxjs@7.8.2|none] [--project PATH]...
 *                    [--tools piilint,tsc,eslint] [--piilint-args "..."] [--cache-series] [--timeout 900]
 *
 * Input: the projects to measure. Output: a table on stdout and the JSON file. Invariant: nothing outside
 * bench/.work/ and the output file is written, except the temporary one-line edit of --cache-series, which is
 * undone after each run.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { execFileSync } = require('node:child_process');
const { generateProject, isCurrent, DEFAULT_SEED } = require('./generate');
const { measure, HAS_GNU_TIME } = require('./lib/measure');
const { summarise, ratio } = require('./lib/stats');

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(__dirname, '.work');
const NODE = process.execPath;
/** Replaced by the snapshot's bin at start (see snapshotPiilint). */
let PIILINT_BIN = path.join(ROOT, 'bin', 'piilint.js');
/** A root devDependency's folder; bins are not in every package's exports map. @param {string} name */
const packageDir = (name) => path.join(ROOT, 'node_modules', ...name.split('/'));
const TSC_BIN = path.join(packageDir('typescript'), 'bin', 'tsc');
const ESLINT_BIN = path.join(packageDir('eslint'), 'bin', 'eslint.js');
const TS_ESLINT_ENTRY = require.resolve('typescript-eslint', { paths: [ROOT] });
const ts = require(require.resolve('typescript', { paths: [ROOT] }));
const ESLINT_RULE = '@typescript-eslint/no-floating-promises';
/** The real public codebase: rxjs ships its TypeScript sources (src/, ~250 files) in the npm package. */
const DEFAULT_REAL = 'rxjs@7.8.2';
const ALL_TOOLS = /** @type {const} */ (['piilint', 'tsc', 'eslint']);

/**
 * @typedef {'piilint' | 'tsc' | 'eslint'} Tool
 * @typedef {{ name: string, kind: 'generated' | 'real' | 'checkout', dir: string, tsconfig: string, scanPaths: string[],
 *   eslintPaths: string[], files: number, lines: number, isComposite: boolean, expectedFile?: string, sampleFile?: string }} Project
 * @typedef {import('./lib/measure').Measurement} Measurement
 */

function usage() {
  return `Usage: npm run bench -- [options]
  --sizes <list>          generated projects, by file count (default 500,1000,2000,4000; "none" for none)
  --reps <n>              repetitions of each tool on each project (default 3)
  --real <name@version>   public npm package that ships its TypeScript sources (default ${DEFAULT_REAL}; "none")
  --project <path>        also measure this checkout (repeatable; needs a tsconfig.json at its root)
  --tools <list>          subset of piilint,tsc,eslint (default all three)
  --piilint-args "<args>" extra arguments for every piilint run (e.g. "--cache")
  --cache-series          also run piilint --cache cold, warm and with one file changed, and compare their findings
  --timeout <s>           per run (default 900)
  --out <file>            JSON results (default bench/results/latest.json)
  --seed <n>              generator seed (default ${DEFAULT_SEED})
  --no-snapshot           run bin/piilint.js in place instead of a copy of the build taken at start
  --editor <project|none>  also measure the language server on this project (default gen-2000, when measured):
                          didOpen → diagnostics, didChange → refreshed diagnostics (50 edits) and after bursts of
                          typing, and the server's peak memory against tsc's on the same project
  --editor-edits <n>      edits for the editor figures (default 50)`;
}

/** Splits "--a 'b c' d" into arguments; quotes group, nothing is expanded. @param {string} text */
function splitArgs(text) {
  const args = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let match;
  while ((match = re.exec(text)) !== null) args.push(match[1] ?? match[2] ?? match[3] ?? '');
  return args;
}

/** @param {string} tsconfig */
function readTsconfig(tsconfig) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (/** @type {any} */ d) => {
      throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (parsed === undefined) throw new Error(`${tsconfig}: could not be read`);
  const sources = /** @type {string[]} */ (parsed.fileNames.filter((/** @type {string} */ f) => !/\.d\.[cm]?ts$/.test(f) && !f.includes('/node_modules/')));
  let lines = 0;
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  }
  return { files: sources.length, lines, isComposite: parsed.options.composite === true, sources };
}

/** @param {string} dir @param {Omit<Project, 'files' | 'lines' | 'isComposite'>} base @returns {Project} */
function withCounts(dir, base) {
  const info = readTsconfig(base.tsconfig);
  const sorted = info.sources.slice().sort();
  const sampleFile = base.sampleFile ?? sorted.find((f) => f.endsWith('.service.ts')) ?? sorted[Math.floor(sorted.length / 2)];
  return { ...base, files: info.files, lines: info.lines, isComposite: info.isComposite, sampleFile };
}

/** @param {number} size @param {number} seed @returns {Project} */
function prepareGenerated(size, seed) {
  if (!isCurrent(WORK, size, seed)) {
    process.stderr.write(`bench: generating gen-${size} …\n`);
    generateProject({ size, seed, outRoot: WORK });
  }
  const dir = path.join(WORK, `gen-${size}`);
  return withCounts(dir, {
    name: `gen-${size}`,
    kind: 'generated',
    dir,
    tsconfig: path.join(dir, 'tsconfig.json'),
    scanPaths: ['src'],
    eslintPaths: ['src'],
    expectedFile: path.join(dir, 'expected.json'),
  });
}

/**
 * Fetches a pinned package with `npm pack`, unpacks it under bench/.work/real/, and gives it a tsconfig that
 * checks its src/ with this repository's TypeScript (the package's own tsconfig targets an older compiler).
 * @param {string} spec name@version
 * @returns {Project}
 */
function prepareReal(spec) {
  const match = /^(@?[^@]+)@(\d[^@]*)$/.exec(spec);
  if (match === null) throw new Error(`--real ${spec}: give an exact name@version, e.g. ${DEFAULT_REAL}`);
  const [, name, version] = /** @type {[string, string, string]} */ (/** @type {unknown} */ (match));
  const safe = `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}`;
  const realRoot = path.join(WORK, 'real');
  const dir = path.join(realRoot, safe);
  const marker = path.join(dir, '.bench-unpacked');
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    process.stderr.write(`bench: npm pack ${spec} …\n`);
    const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', realRoot], { cwd: realRoot, encoding: 'utf8' });
    const tarball = path.join(realRoot, JSON.parse(out)[0].filename);
    execFileSync('tar', ['xzf', tarball, '-C', dir, '--strip-components=1']);
    fs.rmSync(tarball);
    if (!fs.existsSync(path.join(dir, 'src'))) throw new Error(`${spec} ships no src/ folder; pick a package that ships its TypeScript sources`);
    fs.writeFileSync(marker, `${spec}\n`);
  }
  const tsconfig = path.join(dir, 'tsconfig.json');
  /** @type {Record<string, string[]>} */
  const paths = {};
  if (name === 'rxjs') {
    for (const sub of ['operators', 'testing', 'ajax', 'webSocket', 'fetch']) paths[`rxjs/${sub}`] = [`./src/${sub}/index`];
    paths.rxjs = ['./src/index'];
    paths['rxjs/internal/*'] = ['./src/internal/*'];
  }
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      paths,
    },
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.spec.ts'],
  };
  fs.writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
  return withCounts(dir, { name: spec, kind: 'real', dir, tsconfig, scanPaths: ['src'], eslintPaths: ['src'] });
}

/** @param {string} given @returns {Project} */
function prepareCheckout(given) {
  const dir = path.resolve(given);
  const tsconfig = path.join(dir, 'tsconfig.json');
  if (!fs.existsSync(tsconfig)) {
    throw new Error(`--project ${given}: no tsconfig.json at ${tsconfig}. Point --project at the folder that holds the project's tsconfig.json.`);
  }
  return withCounts(dir, { name: path.basename(dir), kind: 'checkout', dir, tsconfig, scanPaths: ['.'], eslintPaths: ['.'] });
}

/**
 * Copies the built CLI (bin/, dist/, schema/, package.json) to bench/.work/piilint-snapshot/ and runs that copy,
 * so that a rebuild in the working tree during a long run (other work goes on in the same checkout) cannot
 * change the engine between two measurements. Packages still resolve from the repository's node_modules.
 * Records which commit and build were measured.
 * @param {boolean} isEnabled
 */
function snapshotPiilint(isEnabled) {
  /** @type {Record<string, unknown>} */
  const info = { snapshot: isEnabled };
  try {
    info.commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'rules'], { cwd: ROOT, encoding: 'utf8' }).trim();
    info.engineHasUncommittedChanges = dirty !== '';
  } catch {
    info.commit = null;
  }
  let newest = 0;
  const walk = (/** @type {string} */ dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(ROOT, 'dist'));
  info.distBuiltAt = new Date(newest).toISOString();
  if (isEnabled) {
    const target = path.join(WORK, 'piilint-snapshot');
    fs.rmSync(target, { recursive: true, force: true });
    for (const part of ['bin', 'dist', 'schema', 'package.json']) {
      if (fs.existsSync(path.join(ROOT, part))) fs.cpSync(path.join(ROOT, part), path.join(target, part), { recursive: true });
    }
    PIILINT_BIN = path.join(target, 'bin', 'piilint.js');
  }
  return info;
}

/** Writes the flat config ESLint runs with, outside the project, with basePath pointing into it. @param {Project} p */
function writeEslintConfig(p) {
  const dir = path.join(WORK, 'eslint');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${p.name.replace(/[^a-zA-Z0-9.-]/g, '_')}.config.mjs`);
  const text = `// Written by bench/run.js: typescript-eslint with one type-aware rule, as a team would run it in CI.
import tseslint from ${JSON.stringify(require('node:url').pathToFileURL(TS_ESLINT_ENTRY).href)};

const base = ${JSON.stringify(p.dir)};

export default [
  { basePath: base, ignores: ['**/node_modules/**', '**/dist/**', '**/*.d.ts'] },
  {
    basePath: base,
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: base } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { ${JSON.stringify(ESLINT_RULE)}: 'error' },
  },
];
`;
  fs.writeFileSync(file, text);
  return file;
}

/** @param {string} stderr */
function parsePiilintDebug(stderr) {
  /** @type {Record<string, unknown>} */
  const info = {};
  const summarised = /functions summarised: (\d+)/.exec(stderr);
  if (summarised) info.functionsSummarised = Number(summarised[1]);
  const budgets = /budgets hit: (.*)/.exec(stderr);
  if (budgets) info.budgetsHit = budgets[1]?.trim();
  const timings = /timings: (.*); total (\d+) ms/.exec(stderr);
  if (timings) {
    /** @type {Record<string, number>} */
    const phases = {};
    for (const part of (timings[1] ?? '').split(',')) {
      const m = /(\w+) (\d+) ms/.exec(part.trim());
      if (m) phases[/** @type {string} */ (m[1])] = Number(m[2]);
    }
    info.phasesMs = phases;
    info.totalMs = Number(timings[2]);
  }
  const files = /files: (\d+) discovered, (\d+) analysed, (\d+) skipped/.exec(stderr);
  if (files) info.files = { discovered: Number(files[1]), analysed: Number(files[2]), skipped: Number(files[3]) };
  return info;
}

/** Findings in the SARIF file, by rule, and against the corpus' expectations. @param {string} sarifFile @param {Project} p */
function checkFindings(sarifFile, p) {
  const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
  /** @type {{ ruleId: string, file: string, line: number, message: string }[]} */
  const findings = [];
  for (const run of sarif.runs ?? []) {
    for (const result of run.results ?? []) {
      if ((result.suppressions ?? []).length > 0) continue;
      const loc = result.locations?.[0]?.physicalLocation;
      const uri = String(loc?.artifactLocation?.uri ?? '');
      findings.push({
        ruleId: String(result.ruleId),
        file: path.relative(p.dir, path.resolve(p.dir, uri.replace(/^file:\/\//, ''))).split(path.sep).join('/'),
        line: Number(loc?.region?.startLine ?? 0),
        message: String(result.message?.text ?? ''),
      });
    }
  }
  /** @type {Record<string, number>} */
  const byRule = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  /** @type {Record<string, unknown>} */
  const report = { total: findings.length, byRule };
  if (p.expectedFile !== undefined && fs.existsSync(p.expectedFile)) {
    const expected = /** @type {{ file: string, line: number, ruleId: string }[]} */ (JSON.parse(fs.readFileSync(p.expectedFile, 'utf8')).expected);
    const key = (/** @type {{ file: string, line: number, ruleId: string }} */ e) => `${e.file}:${e.line}:${e.ruleId}`;
    const got = new Set(findings.map(key));
    const want = new Set(expected.map(key));
    report.expected = expected.length;
    report.matched = expected.filter((e) => got.has(key(e))).length;
    report.missed = expected.filter((e) => !got.has(key(e))).map(key);
    report.unexpected = findings.filter((f) => !want.has(key(f))).map((f) => `${key(f)} ${f.message.slice(0, 140)}`);
  }
  return report;
}

/** @param {Project} p @param {Tool} tool @param {string[]} piilintArgs */
function commandFor(p, tool, piilintArgs) {
  const outDir = path.join(WORK, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  const stem = path.join(outDir, p.name.replace(/[^a-zA-Z0-9.-]/g, '_'));
  if (tool === 'piilint') {
    const output = `${stem}.piilint.sarif`;
    return { output, args: [PIILINT_BIN, ...p.scanPaths, '--format', 'sarif', '-o', output, '--debug', ...piilintArgs] };
  }
  if (tool === 'tsc') {
    return { output: null, args: [TSC_BIN, '--noEmit', '-p', p.tsconfig, ...(p.isComposite ? [] : ['--incremental', 'false'])] };
  }
  const output = `${stem}.eslint.json`;
  return { output, args: [ESLINT_BIN, '--config', writeEslintConfig(p), '--format', 'json', '-o', output, '--no-warn-ignored', ...p.eslintPaths] };
}

/** Exit codes that mean "ran to the end": findings or type errors are not failures of the tool. @param {Tool} tool @param {number | null} code */
function isCompleted(tool, code) {
  if (tool === 'tsc') return code === 0 || code === 1 || code === 2;
  return code === 0 || code === 1;
}

/** @param {Tool} tool @param {Measurement} m @param {string | null} output @param {Project} p */
function describeRun(tool, m, output, p) {
  /** @type {Record<string, unknown>} */
  const run = {
    wallMs: Math.round(m.wallMs),
    cpuMs: m.cpuMs === null ? null : Math.round(m.cpuMs),
    maxRssMiB: m.maxRssMiB === null ? null : Math.round(m.maxRssMiB),
    exitCode: m.exitCode,
  };
  if (m.isTimedOut) run.error = 'timed out';
  else if (!isCompleted(tool, m.exitCode)) run.error = firstLine(m.stderr) || firstLine(m.stdout) || `exit ${m.exitCode} ${m.signal ?? ''}`;
  if (tool === 'tsc') run.typeErrors = (m.stdout.match(/error TS\d+/g) ?? []).length;
  if (tool === 'piilint' && run.error === undefined) {
    run.debug = parsePiilintDebug(m.stderr);
    const notices = m.stderr.split('\n').filter((l) => /^piilint (info|warning|error):/.test(l));
    if (notices.length > 0) run.notices = notices;
    if (output !== null && fs.existsSync(output)) run.findings = checkFindings(output, p);
  }
  if (tool === 'eslint' && run.error === undefined && output !== null && fs.existsSync(output)) {
    const results = JSON.parse(fs.readFileSync(output, 'utf8'));
    let messages = 0;
    let fatal = 0;
    for (const r of results) for (const msg of r.messages) (msg.fatal ? (fatal += 1) : (messages += 1));
    run.lintedFiles = results.length;
    run.problems = messages;
    run.fatalErrors = fatal;
  }
  return run;
}

/** @param {string} text */
function firstLine(text) {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 300);
}

/** @param {number} ms */
function secs(ms) {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}

/** @param {{ median: number, min: number, max: number } | null} s @param {(n: number) => string} fmt */
function cell(s, fmt) {
  return s === null ? 'n/a' : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}

/**
 * cold → warm → one file changed, each repetition, with `--cache` (added to --piilint-args when missing); the cache
 * folder is removed before every cold run and the changed file is restored after its run. The edit appends a
 * comment, so every run of a repetition must report exactly the findings of its cold run: that is checked too.
 * @param {Project} p @param {string[]} givenArgs @param {number} reps @param {number} timeoutMs
 */
async function cacheSeries(p, givenArgs, reps, timeoutMs) {
  const piilintArgs = givenArgs.includes('--cache') ? givenArgs : [...givenArgs, '--cache'];
  const locationIndex = piilintArgs.findIndex((a) => a === '--cache-location');
  const cacheDirs = [path.join(p.dir, 'node_modules', '.cache', 'piilint')];
  const location = locationIndex >= 0 ? piilintArgs[locationIndex + 1] : undefined;
  if (location !== undefined) cacheDirs.push(path.resolve(p.dir, location));
  const sample = /** @type {string} */ (p.sampleFile);
  /** @type {Record<'cold' | 'warm' | 'changed', Record<string, unknown>[]>} */
  const runs = { cold: [], warm: [], changed: [] };
  /** Runs whose SARIF results differ from their repetition's cold run. @type {string[]} */
  const differing = [];
  for (let rep = 0; rep < reps; rep += 1) {
    /** @type {string | undefined} */
    let coldResults;
    for (const phase of /** @type {const} */ (['cold', 'warm', 'changed'])) {
      if (phase === 'cold') for (const dir of cacheDirs) fs.rmSync(dir, { recursive: true, force: true });
      const original = fs.readFileSync(sample, 'utf8');
      if (phase === 'changed') fs.writeFileSync(sample, `${original}\n// bench: edited for the one-file-changed run ${rep + 1}\n`);
      let m;
      const { args, output } = commandFor(p, 'piilint', piilintArgs);
      try {
        m = await measure(NODE, args, { cwd: p.dir, timeoutMs });
      } finally {
        if (phase === 'changed') fs.writeFileSync(sample, original);
      }
      const run = describeRun('piilint', m, output, p);
      if (run.error !== undefined) {
        const unsupported = /unknown option|unknown argument|not supported/i.test(String(run.error));
        return {
          error: unsupported
            ? `piilint does not support ${piilintArgs.join(' ')} yet (exit ${m.exitCode}: ${run.error}); the cache series needs the --cache flag of issue #9`
            : `piilint failed in the ${phase} run (exit ${m.exitCode}): ${run.error}`,
        };
      }
      const results = output === null ? undefined : sarifResults(output);
      if (phase === 'cold') coldResults = results;
      else if (results !== coldResults) differing.push(`${phase} #${rep + 1}`);
      const cacheLine = /piilint debug: cache: (.*)/.exec(m.stderr)?.[1];
      if (cacheLine !== undefined) run.cache = cacheLine;
      runs[phase].push(run);
      process.stderr.write(`bench: ${p.name} cache ${phase} #${rep + 1}: ${secs(Number(run.wallMs))} s${cacheLine === undefined ? '' : ` (${cacheLine.replace(/ \(.*\)$/, '')})`}\n`);
    }
  }
  const wall = (/** @type {Record<string, unknown>[]} */ rs) => summarise(rs.map((r) => /** @type {number} */ (r.wallMs)));
  const cold = wall(runs.cold);
  const warm = wall(runs.warm);
  const changed = wall(runs.changed);
  return {
    changedFile: path.relative(p.dir, sample),
    runs,
    wallMs: { cold, warm, changed },
    warmVsCold: ratio(warm, cold),
    changedVsCold: ratio(changed, cold),
    findingsAsCold: differing.length === 0,
    differing,
  };
}

/** The SARIF results of a report as one string, to compare runs. @param {string} file */
function sarifResults(file) {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')).runs.map((/** @type {any} */ run) => run.results));
  } catch {
    return undefined;
  }
}

function toolVersions() {
  const v = (/** @type {string} */ name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  return {
    piilint: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    typescript: v('typescript'),
    eslint: v('eslint'),
    typescriptEslint: v('typescript-eslint'),
    tsMorph: v('ts-morph'),
  };
}

/** `--piilint-args "--cache"`: parseArgs refuses a value that starts with a dash unless it is joined with `=`. */
function joinDashValues(/** @type {string[]} */ argv) {
  const out = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === '--piilint-args' && i + 1 < argv.length) {
      out.push(`${arg}=${argv[i + 1]}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    args: joinDashValues(process.argv.slice(2)),
    options: {
      sizes: { type: 'string', default: '500,1000,2000,4000' },
      reps: { type: 'string', default: '3' },
      real: { type: 'string', default: DEFAULT_REAL },
      project: { type: 'string', multiple: true, default: [] },
      tools: { type: 'string', default: ALL_TOOLS.join(',') },
      'piilint-args': { type: 'string', default: '' },
      'cache-series': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '900' },
      out: { type: 'string', default: path.join(__dirname, 'results', 'latest.json') },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'no-snapshot': { type: 'boolean', default: false },
      editor: { type: 'string', default: 'gen-2000' },
      'editor-edits': { type: 'string', default: '50' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new UsageError(`--reps ${values.reps}: give a whole number of at least 1`);
  const tools = /** @type {Tool[]} */ (String(values.tools).split(',').map((t) => t.trim()).filter(Boolean));
  for (const t of tools) if (!ALL_TOOLS.includes(/** @type {Tool} */ (t))) throw new UsageError(`--tools: unknown tool "${t}"; use ${ALL_TOOLS.join(', ')}`);
  const piilintArgs = splitArgs(String(values['piilint-args']));
  const timeoutMs = Number(values.timeout) * 1000;
  const seed = Number(values.seed);
  if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new UsageError('dist/ is missing: run `npm run build` first (the bench script does).');
  const provenance = snapshotPiilint(!values['no-snapshot']);

  /** @type {Project[]} */
  const projects = [];
  const sizes = values.sizes === 'none' || values.sizes === '' ? [] : String(values.sizes).split(',').map(Number);
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 40) throw new UsageError(`--sizes: ${size} is not a file count of at least 40`);
    projects.push(prepareGenerated(size, seed));
  }
  if (values.real !== 'none' && values.real !== '') projects.push(prepareReal(String(values.real)));
  for (const given of /** @type {string[]} */ (values.project)) projects.push(prepareCheckout(given));

  const startedAt = new Date();
  const results = {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: /** @type {string | null} */ (null),
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
      loadAverageAtEnd: /** @type {number[] | null} */ (null),
      measuredWith: HAS_GNU_TIME ? 'GNU time (wall from the runner, CPU = user + sys, peak RSS = maxrss)' : 'process.resourceUsage() hook',
    },
    versions: toolVersions(),
    piilintBuild: provenance,
    options: { reps, tools, piilintArgs, eslintRule: ESLINT_RULE, seed },
    /** @type {any[]} */
    projects: [],
    /** @type {Record<string, unknown>} */
    growth: {},
    /** @type {any[]} */
    targets: [],
  };

  for (const p of projects) {
    process.stderr.write(`bench: ${p.name}: ${p.files} files, ${p.lines} lines\n`);
    /** @type {Record<string, Record<string, unknown>[]>} */
    const runs = {};
    for (const t of tools) runs[t] = [];
    for (let rep = 0; rep < reps; rep += 1) {
      // Rotate the order so that no tool always runs first (cold page cache) or last (a warm, hot CPU).
      const order = tools.map((_, i) => /** @type {Tool} */ (tools[(i + rep) % tools.length]));
      for (const tool of order) {
        const { args, output } = commandFor(p, tool, piilintArgs);
        const m = await measure(NODE, args, { cwd: p.dir, timeoutMs });
        const run = describeRun(tool, m, output, p);
        /** @type {Record<string, unknown>[]} */ (runs[tool]).push(run);
        process.stderr.write(
          `bench: ${p.name} ${tool} #${rep + 1}: ${secs(m.wallMs)} s wall, ${m.cpuMs === null ? '?' : secs(m.cpuMs)} s CPU, ${m.maxRssMiB === null ? '?' : Math.round(m.maxRssMiB)} MiB${run.error ? `  FAILED: ${run.error}` : ''}\n`,
        );
      }
    }
    /** @type {Record<string, any>} */
    const byTool = {};
    for (const t of tools) {
      const ok = /** @type {Record<string, any>[]} */ (runs[t]).filter((r) => r.error === undefined);
      byTool[t] = {
        wallMs: summarise(ok.map((r) => r.wallMs)),
        cpuMs: summarise(ok.map((r) => r.cpuMs)),
        maxRssMiB: summarise(ok.map((r) => r.maxRssMiB)),
        failures: /** @type {Record<string, any>[]} */ (runs[t]).length - ok.length,
        runs: runs[t],
      };
    }
    const ratios = {};
    for (const [name, other] of /** @type {const} */ ([['piilintVsTsc', 'tsc'], ['piilintVsEslint', 'eslint']])) {
      if (byTool.piilint && byTool[other]) {
        /** @type {Record<string, unknown>} */ (ratios)[name] = {
          wall: ratio(byTool.piilint.wallMs, byTool[other].wallMs),
          cpu: ratio(byTool.piilint.cpuMs, byTool[other].cpuMs),
          rss: ratio(byTool.piilint.maxRssMiB, byTool[other].maxRssMiB),
        };
      }
    }
    /** @type {Record<string, unknown>} */
    const entry = {
      name: p.name,
      kind: p.kind,
      dir: path.relative(ROOT, p.dir) || '.',
      files: p.files,
      lines: p.lines,
      tools: byTool,
      ratios,
    };
    if (values['cache-series'] && tools.includes('piilint')) {
      entry.cacheSeries = await cacheSeries(p, piilintArgs, reps, timeoutMs);
      const cs = /** @type {Record<string, unknown>} */ (entry.cacheSeries);
      if (cs.error !== undefined) process.stderr.write(`bench: ${p.name}: cache series skipped: ${cs.error}\n`);
    }
    results.projects.push(entry);
    writeResults(String(values.out), results, true);
  }

  const bySize = (/** @type {number} */ n) => results.projects.find((e) => e.name === `gen-${n}`);
  const g1000 = bySize(1000);
  const g4000 = bySize(4000);
  if (g1000 && g4000) {
    for (const t of tools) {
      results.growth[t] = {
        wall: ratio(g4000.tools[t]?.wallMs, g1000.tools[t]?.wallMs),
        cpu: ratio(g4000.tools[t]?.cpuMs, g1000.tools[t]?.cpuMs),
      };
    }
  }
  const editorProject = results.projects.find((e) => e.name === values.editor);
  if (values.editor !== 'none' && editorProject) {
    const p = /** @type {Project} */ (projects.find((candidate) => candidate.name === values.editor));
    process.stderr.write(`bench: ${p.name}: editor figures (${values['editor-edits']} edits through the language server)\n`);
    /** @type {Record<string, unknown>} */ (results).editor = editorFigures(p, Number(values['editor-edits']), editorProject.tools.tsc?.maxRssMiB?.median, timeoutMs);
  }
  results.targets = evaluateTargets(results, bySize(2000));
  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  writeResults(String(values.out), results, false);
  process.stdout.write(renderTable(results));
  process.stdout.write(`\nResults: ${path.relative(process.cwd(), String(values.out))}\n`);
  return 0;
}

/**
 * The language server on one project, through a plain LSP client (test/lsp/run-lsp-timings.mjs): didOpen → first
 * diagnostics, didChange → refreshed diagnostics, the same after bursts of typing, and the server's peak memory,
 * set against the peak memory of `tsc --noEmit` measured on the same project in this run.
 * @param {Project} p @param {number} edits @param {number | undefined} tscPeakMiB @param {number} timeoutMs
 */
function editorFigures(p, edits, tscPeakMiB, timeoutMs) {
  const out = path.join(WORK, 'out', `editor-${p.name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    execFileSync(NODE, [path.join(ROOT, 'test', 'lsp', 'run-lsp-timings.mjs'), p.dir, '--file', /** @type {string} */ (p.sampleFile), '--edits', String(edits), '--json', out], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: timeoutMs,
    });
    const timings = JSON.parse(fs.readFileSync(out, 'utf8'));
    const peakMiB = timings.serverPeakRssBytes === undefined ? null : Math.round(timings.serverPeakRssBytes / 1024 / 1024);
    return {
      project: p.name,
      file: path.relative(p.dir, timings.file),
      startToInitializeMs: timings.startToInitializeMs,
      openToFirstDiagnosticsMs: timings.openToFirstDiagnosticsMs,
      changeToDiagnosticsMs: timings.changeToDiagnosticsMs,
      burstToDiagnosticsMs: timings.burstToDiagnosticsMs,
      serverPeakRssMiB: peakMiB,
      tscPeakRssMiB: tscPeakMiB ?? null,
      serverPeakRssVsTsc: peakMiB !== null && tscPeakMiB ? Math.round((peakMiB / tscPeakMiB) * 100) / 100 : null,
    };
  } catch (error) {
    return { project: p.name, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** The targets of issue #9 that one run can check. @param {any} results @param {any} g2000 */
function evaluateTargets(results, g2000) {
  const targets = [];
  if (g2000?.ratios?.piilintVsTsc) {
    targets.push({ target: 'gen-2000 wall ≤ 1.0× tsc', value: g2000.ratios.piilintVsTsc.wall, limit: 1.0 });
    targets.push({ target: 'gen-2000 peak RSS ≤ 1.5× tsc', value: g2000.ratios.piilintVsTsc.rss, limit: 1.5 });
  }
  if (g2000?.ratios?.piilintVsEslint) targets.push({ target: 'gen-2000 wall ≤ 0.5× ESLint type-aware', value: g2000.ratios.piilintVsEslint.wall, limit: 0.5 });
  const growth = /** @type {any} */ (results.growth).piilint;
  if (growth) targets.push({ target: 'growth: time(4000) ≤ 4.4× time(1000)', value: growth.wall, limit: 4.4 });
  for (const e of results.projects) {
    const cs = e.cacheSeries;
    if (cs && cs.error === undefined) {
      targets.push({ target: `${e.name} --cache warm ≤ 0.1× cold`, value: cs.warmVsCold, limit: 0.1 });
      targets.push({ target: `${e.name} --cache one file changed ≤ 0.25× cold`, value: cs.changedVsCold, limit: 0.25 });
      targets.push({ target: `${e.name} --cache findings identical to cold`, value: cs.findingsAsCold ? 0 : 1, limit: 0 });
    }
  }
  const editor = results.editor;
  if (editor && editor.error === undefined) {
    targets.push({ target: `${editor.project} editor: refreshed diagnostics after an edit ≤ 150 ms median`, value: editor.changeToDiagnosticsMs.median, limit: 150 });
    if (editor.serverPeakRssVsTsc !== null) targets.push({ target: `${editor.project} editor: server memory ≤ 1.5× tsc`, value: editor.serverPeakRssVsTsc, limit: 1.5 });
  }
  return targets.map((t) => ({ ...t, isMet: t.value !== null && t.value <= t.limit }));
}

/** @param {string} file @param {unknown} results @param {boolean} isPartial */
function writeResults(file, results, isPartial) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const target = isPartial ? `${file}.tmp` : file;
  fs.writeFileSync(`${target}.part`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${target}.part`, target);
  if (!isPartial) fs.rmSync(`${file}.tmp`, { force: true });
}

/** @param {any} results */
function renderTable(results) {
  const lines = [];
  const m = results.machine;
  lines.push('');
  lines.push(`piilint ${results.versions.piilint} · TypeScript ${results.versions.typescript} · ESLint ${results.versions.eslint} + typescript-eslint ${results.versions.typescriptEslint} (${results.options.eslintRule})`);
  lines.push(`${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${results.startedAt.slice(0, 10)}; load average ${m.loadAverageAtStart.join(' ')} → ${m.loadAverageAtEnd?.join(' ')}; median (min–max) of ${results.options.reps}`);
  lines.push('');
  const header = ['project', 'files', 'lines', 'tool', 'wall s', 'CPU s', 'peak RSS MiB', 'notes'];
  /** @type {string[][]} */
  const rows = [];
  for (const e of results.projects) {
    for (const [tool, t] of Object.entries(/** @type {Record<string, any>} */ (e.tools))) {
      const last = [...t.runs].reverse().find((/** @type {any} */ r) => r.error === undefined);
      let note = t.failures > 0 ? `${t.failures} failed: ${t.runs.find((/** @type {any} */ r) => r.error)?.error}` : '';
      if (tool === 'piilint' && last?.findings) {
        const f = last.findings;
        note = `${f.total} findings${f.expected !== undefined ? ` (${f.matched}/${f.expected} expected, ${f.unexpected.length} unexpected)` : ''}${last.debug?.budgetsHit && last.debug.budgetsHit !== 'none' ? `; budgets: ${last.debug.budgetsHit}` : ''} ${note}`;
      }
      if (tool === 'tsc' && last) note = `${last.typeErrors} type errors ${note}`;
      if (tool === 'eslint' && last) note = `${last.lintedFiles} files, ${last.problems} problems, ${last.fatalErrors} fatal ${note}`;
      rows.push([e.name, String(e.files), String(e.lines), tool, cell(t.wallMs, secs), cell(t.cpuMs, secs), cell(t.maxRssMiB, (n) => String(Math.round(n))), note.trim()]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (/** @type {string[]} */ r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(/** @type {number} */ (widths[i])))).join('  ');
  lines.push(fmt(header));
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) lines.push(fmt(r));
  lines.push('');
  lines.push('Ratios (median / median):');
  for (const e of results.projects) {
    const parts = [];
    for (const [name, label] of [['piilintVsTsc', 'piilint/tsc'], ['piilintVsEslint', 'piilint/ESLint']]) {
      const r = e.ratios[name];
      if (r) parts.push(`${label}: wall ${r.wall ?? 'n/a'}, CPU ${r.cpu ?? 'n/a'}, RSS ${r.rss ?? 'n/a'}`);
    }
    lines.push(`  ${e.name.padEnd(14)} ${parts.join('   ')}`);
  }
  if (Object.keys(results.growth).length > 0) {
    lines.push('');
    lines.push('Growth time(gen-4000) / time(gen-1000):');
    for (const [tool, g] of Object.entries(/** @type {Record<string, any>} */ (results.growth))) lines.push(`  ${tool.padEnd(8)} wall ${g.wall ?? 'n/a'}, CPU ${g.cpu ?? 'n/a'}`);
  }
  const series = results.projects.filter((/** @type {any} */ e) => e.cacheSeries);
  if (series.length > 0) {
    lines.push('');
    lines.push('--cache series (cold / warm / one file changed, wall):');
    for (const e of series) {
      const cs = e.cacheSeries;
      if (cs.error) lines.push(`  ${e.name}: not measured: ${cs.error}`);
      else {
        lines.push(`  ${e.name}: ${cell(cs.wallMs.cold, secs)} / ${cell(cs.wallMs.warm, secs)} / ${cell(cs.wallMs.changed, secs)} s; warm ${cs.warmVsCold}×, changed ${cs.changedVsCold}× of cold`);
        lines.push(`  ${' '.repeat(e.name.length)}  findings of the warm and changed runs ${cs.findingsAsCold ? 'identical to the cold run\'s' : `DIFFER from the cold run's: ${cs.differing.join(', ')}`}`);
      }
    }
  }
  const editor = results.editor;
  if (editor) {
    lines.push('');
    if (editor.error) lines.push(`Editor (${editor.project}): not measured: ${editor.error}`);
    else {
      const d = (/** @type {any} */ x) => `median ${x.median} ms, p95 ${x.p95} ms (min ${x.min}, max ${x.max}, ${x.samples} samples)`;
      lines.push(`Editor (${editor.project}, language server over stdio, editing ${editor.file}):`);
      lines.push(`  server start → initialize answered: ${editor.startToInitializeMs} ms`);
      lines.push(`  didOpen → first diagnostics of the opened file (fresh server; it is analysed before the folder): ${editor.openToFirstDiagnosticsMs} ms`);
      lines.push(`  didChange → refreshed diagnostics: ${d(editor.changeToDiagnosticsMs)}`);
      lines.push(`  after a burst of typing (5 changes 30 ms apart, from the last): ${d(editor.burstToDiagnosticsMs)}`);
      lines.push(`  server peak RSS ${editor.serverPeakRssMiB} MiB; tsc --noEmit ${editor.tscPeakRssMiB ?? 'n/a'} MiB; ratio ${editor.serverPeakRssVsTsc ?? 'n/a'}`);
    }
  }
  if (results.targets.length > 0) {
    lines.push('');
    lines.push('Targets of issue #9:');
    for (const t of results.targets) lines.push(`  ${t.isMet ? 'met   ' : 'MISSED'} ${t.target}: ${t.value ?? 'n/a'}`);
  }
  const unexpected = results.projects.flatMap((/** @type {any} */ e) => {
    const last = [...(e.tools.piilint?.runs ?? [])].reverse().find((/** @type {any} */ r) => r.findings);
    return (last?.findings?.unexpected ?? []).map((/** @type {string} */ u) => `  ${e.name}: ${u}`);
  });
  if (unexpected.length > 0) {
    lines.push('');
    lines.push(`Unexpected piilint findings on generated code (${unexpected.length}; first 10):`);
    lines.push(...unexpected.slice(0, 10));
  }
  return `${lines.join('\n')}\n`;
}

class UsageError extends Error {}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError || String(error?.code).startsWith('ERR_PARSE_ARGS') || (error instanceof Error && error.message.startsWith('--'))) {
      process.stderr.write(`bench: ${error.message}\n${usage()}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    }
  },
);

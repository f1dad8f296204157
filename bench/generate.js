#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Deterministic generator of benchmark projects (issue #9).
 *
 * Input: a file count N and a seed. Output: bench/.work/gen-N/, a TypeScript backend of exactly N `.ts` files
 * under src/ (dealer CRM, vehicle telematics and smart-building contexts: DTOs, mappers, validators,
 * repositories, services, controllers, events, face enrolment and camera uploads, with calls across files and
 * modules), a tsconfig.json, types/shims.d.ts so that `tsc --noEmit` checks it without node_modules, and
 * expected.json, the findings the three rules should report (every such line ends in `// expect: <rule>`).
 * Invariant: the same N and seed give byte-identical files on every machine; mostly compliant code, with a few
 * violations of each rule per 100 files.
 *
 *   node bench/generate.js --sizes 500,1000 [--seed 9] [--out bench/.work]
 */
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { createRandom } = require('./lib/prng');
const V = require('./lib/vocabulary');
const S = require('./lib/shared-files');
const T = require('./lib/module-files');

/** Bump when the generated code changes, so that the runner regenerates stale corpora. */
const GENERATOR_VERSION = 2;
const DEFAULT_SEED = 9;
const MODULES_PER_CONTEXT = 8;
const CONTEXT_FILES = 4;
/** Per-module chances of a violation, tuned to a few findings of each rule per 100 files. */
const P_ID_VIOLATION = 0.25;
const P_BIO_VIOLATION = 0.6;
const P_CAMERA_VIOLATION = 0.6;

/**
 * @typedef {import('./lib/module-files').ModulePlan} ModulePlan
 * @typedef {import('./lib/module-files').ContextPlan} ContextPlan
 * @typedef {import('./lib/vocabulary').Field} Field
 */

/** @param {string} text */
function hashSeed(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** @param {import('./lib/prng').Random} rng @param {import('./lib/vocabulary').EntitySpec} spec @param {string} domain */
function planFields(rng, spec, domain) {
  /** @type {Field[]} */
  const fields = [];
  for (const name of spec.sensitive) {
    const s = V.SENSITIVE[name];
    if (s === undefined) throw new Error(`unknown sensitive field ${name}`);
    fields.push({ name: s.name, type: 'string', doc: s.doc, check: s.check });
  }
  const domainFields = V.DOMAIN_FIELDS[domain] ?? [];
  const contact = V.GENERIC_FIELDS.slice(0, 2);
  const generic = V.GENERIC_FIELDS.slice(2);
  if (rng.chance(0.6)) fields.push(...contact);
  fields.push(...rng.sample(domainFields, rng.int(3, 6)));
  fields.push(...rng.sample(generic, rng.int(1, 4)));
  return fields;
}

/** @param {number} size @param {number} seed */
function planProject(size, seed) {
  const rng = createRandom(hashSeed(`piilint-bench-v${GENERATOR_VERSION}-${seed}-${size}`));
  const sharedCount = Object.keys(S.SHARED_FILES).length + 1;
  /** @type {ContextPlan[]} */
  const contexts = [];
  let total = sharedCount;
  const domains = Object.keys(V.DOMAINS);
  let channel = 0;
  for (let ci = 0; ; ci += 1) {
    const domain = /** @type {string} */ (domains[ci % domains.length]);
    const name = `${V.CONTEXT_NAMES[ci % V.CONTEXT_NAMES.length]}-${String(Math.floor(ci / V.CONTEXT_NAMES.length) + 1).padStart(2, '0')}`;
    if (total + CONTEXT_FILES + 6 > size) break;
    /** @type {ContextPlan} */
    const ctx = {
      name,
      dir: `src/${domain}/${name}`,
      domain,
      flavour: rng.pick(/** @type {const} */ (['winston', 'pino', 'nest'])),
      modules: [],
      isAuditTainted: false,
      site: `${name.toUpperCase().replace(/-/g, '')}-${domain.slice(0, 1).toUpperCase()}`,
    };
    total += CONTEXT_FILES;
    const specs = rng.sample(V.DOMAINS[domain] ?? [], MODULES_PER_CONTEXT);
    for (const spec of specs) {
      const E = V.toPascal(spec.kebab);
      const fields = planFields(rng, spec, domain);
      const plain = fields.filter((f) => V.SENSITIVE[f.name] === undefined);
      const scalar = plain.filter((f) => f.type !== 'string[]');
      const strings = scalar.filter((f) => f.type === 'string');
      const numbers = scalar.filter((f) => f.type === 'number' && f.optional !== true);
      const statuses = ['draft', ...rng.sample(V.STATUS_POOL.slice(1), rng.int(3, 5)).sort((a, b) => V.STATUS_POOL.indexOf(a) - V.STATUS_POOL.indexOf(b)), 'archived'];
      const optional = new Set(rng.sample(['stats', 'import', 'export', 'archive', 'digest'], rng.int(2, 4)));
      const hasEvents = rng.chance(0.6);
      const hasIndex = rng.chance(0.25);
      const deps = rng.sample(ctx.modules, rng.int(0, Math.min(2, ctx.modules.length)));
      /** @type {ModulePlan} */
      const m = {
        ctx,
        spec,
        kebab: spec.kebab,
        E,
        e: V.toCamel(spec.kebab),
        C: V.toConstant(spec.kebab),
        human: spec.kebab.replace(/-/g, ' '),
        plural: spec.route.replace(/-/g, ' '),
        fields,
        sensitive: spec.sensitive.map((n) => /** @type {import('./lib/vocabulary').SensitiveField} */ (V.SENSITIVE[n])),
        statuses,
        deps,
        isContactTainted: false,
        hasEvents,
        eventsVia: rng.chance(0.5) ? 'mqtt' : 'http',
        hasIndex,
        optional,
        statsNumField: numbers.length > 0 ? rng.pick(numbers).name : undefined,
        searchFields: rng.sample(strings, 2).map((f) => f.name),
        updateFields: rng.sample(plain, rng.int(2, 5)),
        summaryFields: rng.sample(scalar, rng.int(2, 3)),
        logStyle: 'nest',
      };
      const files = 6 + (hasEvents ? 1 : 0) + (hasIndex ? 1 : 0) + (spec.isFace ? 2 : 0) + (spec.isCamera ? 2 : 0);
      if (total + files > size) break;
      total += files;
      if (m.sensitive.length > 0 && rng.chance(P_ID_VIOLATION)) {
        let kind = rng.pick(/** @type {const} */ (['template', 'winston', 'pino', 'audit', 'describe', 'contact']));
        if (kind === 'contact' && deps.length === 0) kind = 'template';
        m.idViolation = kind;
        if (kind === 'audit') ctx.isAuditTainted = true;
        if (kind === 'contact') {
          const target = rng.pick(deps);
          m.contactTarget = target;
          target.isContactTainted = true;
        }
      }
      if (spec.isFace && rng.chance(P_BIO_VIOLATION)) m.bioViolation = rng.pick(/** @type {const} */ (['walkIn', 'photo']));
      if (spec.isCamera && rng.chance(P_CAMERA_VIOLATION)) {
        m.cameraViolation = rng.pick(/** @type {const} */ (['mqtt', 'axios', 's3', 'fetch']));
      }
      if (spec.isCamera) channel += 1;
      ctx.modules.push(m);
    }
    if (ctx.modules.length === 0) {
      total -= CONTEXT_FILES;
      break;
    }
    contexts.push(ctx);
  }
  return { rng, contexts, fillers: size - total };
}

/** @param {import('./lib/prng').Random} rng @param {number} index */
function reportFile(rng, index) {
  const metric = rng.pick(['leadTime', 'dwellTime', 'repairTime', 'queueTime', 'chargeTime']);
  const buckets = rng.int(4, 8);
  const lines = [];
  lines.push(`/** Report helpers for ${metric} (operations dashboard, report ${index}). Pure functions over plain rows. */`);
  lines.push('');
  lines.push('export interface MetricRow {');
  lines.push('  siteCode: string;');
  lines.push('  day: string;');
  lines.push('  minutes: number;');
  lines.push('  isWeekend: boolean;');
  lines.push('}');
  lines.push('');
  lines.push('export interface SiteReport {');
  lines.push('  siteCode: string;');
  lines.push('  count: number;');
  lines.push('  mean: number;');
  lines.push('  p50: number;');
  lines.push('  p90: number;');
  lines.push('  histogram: number[];');
  lines.push('}');
  lines.push('');
  lines.push(`const BUCKET_MINUTES = [${Array.from({ length: buckets }, (_, i) => (i + 1) * rng.int(5, 20)).join(', ')}];`);
  lines.push('');
  lines.push('export function percentile(sorted: readonly number[], q: number): number {');
  lines.push('  if (sorted.length === 0) return 0;');
  lines.push('  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));');
  lines.push('  return sorted[rank] ?? 0;');
  lines.push('}');
  lines.push('');
  lines.push('export function histogram(values: readonly number[]): number[] {');
  lines.push('  const counts = new Array<number>(BUCKET_MINUTES.length + 1).fill(0);');
  lines.push('  for (const value of values) {');
  lines.push('    let bucket = BUCKET_MINUTES.findIndex((limit) => value <= limit);');
  lines.push('    if (bucket === -1) bucket = BUCKET_MINUTES.length;');
  lines.push('    counts[bucket] = (counts[bucket] ?? 0) + 1;');
  lines.push('  }');
  lines.push('  return counts;');
  lines.push('}');
  lines.push('');
  lines.push(`export function build${index}Reports(rows: readonly MetricRow[], includeWeekends = ${rng.chance(0.5)}): SiteReport[] {`);
  lines.push('  const bySite = new Map<string, number[]>();');
  lines.push('  for (const row of rows) {');
  lines.push('    if (!includeWeekends && row.isWeekend) continue;');
  lines.push('    const values = bySite.get(row.siteCode) ?? [];');
  lines.push('    values.push(row.minutes);');
  lines.push('    bySite.set(row.siteCode, values);');
  lines.push('  }');
  lines.push('  const reports: SiteReport[] = [];');
  lines.push('  for (const [siteCode, values] of bySite) {');
  lines.push('    const sorted = [...values].sort((a, b) => a - b);');
  lines.push('    const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;');
  lines.push('    reports.push({');
  lines.push('      siteCode,');
  lines.push('      count: sorted.length,');
  lines.push('      mean: Math.round(mean * 10) / 10,');
  lines.push('      p50: percentile(sorted, 0.5),');
  lines.push('      p90: percentile(sorted, 0.9),');
  lines.push('      histogram: histogram(sorted),');
  lines.push('    });');
  lines.push('  }');
  lines.push('  return reports.sort((a, b) => b.p90 - a.p90 || a.siteCode.localeCompare(b.siteCode));');
  lines.push('}');
  lines.push('');
  lines.push('export function toCsv(reports: readonly SiteReport[]): string {');
  lines.push(`  const header = ['site', 'count', 'mean', 'p50', 'p90', ...BUCKET_MINUTES.map((m) => \`<=\${m}\`), '>'].join(',');`);
  lines.push('  const body = reports.map((r) => [r.siteCode, r.count, r.mean, r.p50, r.p90, ...r.histogram].join(\',\'));');
  lines.push("  return [header, ...body].join('\\n');");
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** @param {number} size @param {number} seed */
function renderProject(size, seed) {
  const { rng, contexts, fillers } = planProject(size, seed);
  /** @type {Map<string, string>} */
  const files = new Map();
  for (const [name, text] of Object.entries(S.SHARED_FILES)) files.set(`src/shared/${name}`, text);
  const mainImports = [];
  let channel = 0;
  for (const ctx of contexts) {
    files.set(`${ctx.dir}/common/${ctx.name}.logger.ts`, T.contextLoggerFile(ctx));
    files.set(`${ctx.dir}/common/${ctx.name}.config.ts`, T.contextConfigFile(ctx));
    files.set(`${ctx.dir}/common/${ctx.name}.types.ts`, T.contextTypesFile(ctx));
    const mod = T.contextModuleFile(ctx);
    files.set(`${ctx.dir}/common/${ctx.name}.module.ts`, mod.text);
    mainImports.push({ import: `import { ${mod.moduleName} } from './${ctx.domain}/${ctx.name}/common/${ctx.name}.module';`, name: mod.moduleName });
    for (const m of ctx.modules) {
      const dir = `${ctx.dir}/${m.kebab}`;
      files.set(`${dir}/${m.kebab}.dto.ts`, T.dtoFile(m));
      files.set(`${dir}/${m.kebab}.mapper.ts`, T.mapperFile(m));
      files.set(`${dir}/${m.kebab}.validator.ts`, T.validatorFile(m));
      files.set(`${dir}/${m.kebab}.repository.ts`, T.repositoryFile(m));
      files.set(`${dir}/${m.kebab}.service.ts`, T.serviceFile(m));
      files.set(`${dir}/${m.kebab}.controller.ts`, T.controllerFile(m));
      if (m.hasEvents) files.set(`${dir}/${m.kebab}.events.ts`, T.eventsFile(m));
      if (m.hasIndex) files.set(`${dir}/index.ts`, T.indexFile(m));
      if (m.spec.isFace) {
        files.set(`${dir}/${m.kebab}.face-store.ts`, T.faceStoreFile(m));
        files.set(`${dir}/${m.kebab}.face.service.ts`, T.faceServiceFile(m));
      }
      if (m.spec.isCamera) {
        files.set(`${dir}/${m.kebab}.camera.ts`, T.cameraFile(m, channel));
        files.set(`${dir}/${m.kebab}.uploader.ts`, T.uploaderFile(m));
        channel += 1;
      }
    }
  }
  for (let i = 0; i < fillers; i += 1) files.set(`src/shared/reports/report-${String(i + 1).padStart(2, '0')}.ts`, reportFile(rng, i + 1));
  files.set('src/main.ts', S.mainFile(mainImports));
  if (files.size !== size) throw new Error(`generator bug: ${files.size} files planned for a size of ${size}`);
  return { files, contexts };
}

/** @param {Map<string, string>} files */
function collectExpected(files) {
  /** @type {{ file: string, line: number, ruleId: string }[]} */
  const expected = [];
  for (const [file, text] of files) {
    text.split('\n').forEach((line, index) => {
      const match = /\/\/ expect: ([a-z-]+)\s*$/.exec(line);
      if (match !== null) expected.push({ file, line: index + 1, ruleId: /** @type {string} */ (match[1]) });
    });
  }
  return expected;
}

/**
 * Writes gen-<size>/ under outRoot, replacing whatever was there. Returns the corpus' meta data.
 * @param {{ size: number, seed?: number, outRoot: string }} options
 */
function generateProject({ size, seed = DEFAULT_SEED, outRoot }) {
  const dir = path.join(outRoot, `gen-${size}`);
  const { files } = renderProject(size, seed);
  fs.rmSync(dir, { recursive: true, force: true });
  let lines = 0;
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    lines += text.split('\n').length - 1;
  }
  fs.mkdirSync(path.join(dir, 'types'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'types', 'shims.d.ts'), S.SHIMS);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), S.TSCONFIG);
  fs.writeFileSync(path.join(dir, 'package.json'), S.packageJson(`mobility-platform-${size}`));
  const expected = collectExpected(files);
  /** @type {Record<string, number>} */
  const byRule = {};
  for (const e of expected) byRule[e.ruleId] = (byRule[e.ruleId] ?? 0) + 1;
  const meta = { generatorVersion: GENERATOR_VERSION, seed, size, files: files.size, lines, expectedByRule: byRule };
  fs.writeFileSync(path.join(dir, 'expected.json'), `${JSON.stringify({ ...meta, expected }, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return { dir, meta };
}

/** Whether gen-<size>/ exists and was written by this generator version with this seed. */
function isCurrent(/** @type {string} */ outRoot, /** @type {number} */ size, seed = DEFAULT_SEED) {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(outRoot, `gen-${size}`, 'meta.json'), 'utf8'));
    return meta.generatorVersion === GENERATOR_VERSION && meta.seed === seed && meta.size === size;
  } catch {
    return false;
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '500,1000,2000,4000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string', default: path.join(__dirname, '.work') },
    },
  });
  const seed = Number(values.seed);
  for (const size of String(values.sizes).split(',').map(Number)) {
    if (!Number.isInteger(size) || size < 40) throw new Error(`--sizes: ${size} is not a file count of at least 40`);
    const { dir, meta } = generateProject({ size, seed, outRoot: String(values.out) });
    process.stdout.write(
      `${path.relative(process.cwd(), dir)}: ${meta.files} files, ${meta.lines} lines (${Math.round(meta.lines / meta.files)} per file), expected ${JSON.stringify(meta.expectedByRule)}\n`,
    );
  }
}

if (require.main === module) main();

module.exports = { generateProject, isCurrent, renderProject, GENERATOR_VERSION, DEFAULT_SEED };

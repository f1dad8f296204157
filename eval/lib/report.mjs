// Turns matched results into the tables and lists the evaluation prints, and into the figures it keeps.
import { RULES, ECOSYSTEMS } from './labels.mjs';
import { tally } from './score.mjs';

const pct = (x) => (x === null ? '–' : x.toFixed(2));

function table(title, firstColumn, groups) {
  const lines = [`### ${title}`, '', `| ${firstColumn} | true sites | found | missed | false alarms | precision | recall | F1 |`, '|---|---|---|---|---|---|---|---|'];
  for (const [key, f] of groups) {
    lines.push(`| ${key} | ${f.tp + f.fn} | ${f.tp} | ${f.fn} | ${f.fp} | ${pct(f.precision)} | ${pct(f.recall)} | ${pct(f.f1)} |`);
  }
  return lines.join('\n');
}

const sourceKind = (source) => (source === 'field' ? 'field repositories' : `corpus ${source}`);

/** Every figure the run keeps: by source, by rule, by rule within each source, by ecosystem, and overall. */
export function summarise(results) {
  const asObject = (map) => Object.fromEntries(map);
  const bySource = tally(results, (x) => sourceKind(x.source));
  const byRule = tally(results, (x) => x.rule);
  const byEcosystem = tally(results, (x) => x.ecosystem);
  const overall = tally(results, () => 'all');
  const bySourceAndRule = {};
  for (const source of new Set(results.map((r) => r.source))) {
    const of = results.filter((r) => r.source === source);
    bySourceAndRule[source] = { ...asObject(tally(of, (x) => x.rule)), all: tally(of, () => 'all').get('all') };
  }
  return { overall: overall.get('all') ?? null, bySource: asObject(bySource), byRule: asObject(byRule), byEcosystem: asObject(byEcosystem), bySourceAndRule };
}

export function renderReport(results, summary, skipped, failures) {
  const out = [];
  if (skipped.length) out.push(`Skipped, no checkout: ${skipped.join(', ')}`, '');
  for (const f of failures) out.push(`Scan failed: ${f.unit}: ${f.error}`);
  if (failures.length) out.push('');
  const ordered = (obj, order) => Object.entries(obj).sort(([a], [b]) => (order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b)));
  out.push(table('By source', 'source', Object.entries(summary.bySource)), '');
  out.push(table('By rule, all sources', 'rule', ordered(summary.byRule, RULES)), '');
  for (const [source, rules] of Object.entries(summary.bySourceAndRule)) {
    const rows = ordered(Object.fromEntries(Object.entries(rules).filter(([k]) => k !== 'all')), RULES);
    out.push(table(`By rule, ${sourceKind(source)}`, 'rule', rows), '');
  }
  out.push(table('By ecosystem, all sources', 'ecosystem', ordered(summary.byEcosystem, ECOSYSTEMS)), '');
  if (summary.overall) out.push(table('Overall', 'all', [['all', summary.overall]]), '');

  const misses = results.flatMap((r) => r.sites.filter((s) => !s.hit).map((s) => ({ ...s, unit: r.unit })));
  out.push(`### Misses (${misses.length})`, '');
  for (const m of misses) out.push(`- ${m.unit}: ${m.file}:${m.line} ${m.rule} [${m.ecosystem}] — ${m.reason}`);
  const alarms = results.flatMap((r) => r.findings.filter((f) => f.outcome === 'false-alarm').map((f) => ({ ...f, unit: r.unit })));
  out.push('', `### False alarms (${alarms.length})`, '');
  for (const a of alarms) {
    out.push(`- ${a.unit}: ${a.file}:${a.line} ${a.rule}${a.lookalike ? ` (labelled look-alike: ${a.siteReason})` : ''} — ${a.message.split('. ')[0]}`);
  }
  const unreviewed = results.map((r) => [r.unit, r.findings.filter((f) => f.outcome === 'unreviewed').length]).filter(([, n]) => n > 0);
  if (unreviewed.length) {
    out.push('', '### Findings in files nobody reviewed (count neither way)', '');
    for (const [unit, n] of unreviewed) out.push(`- ${unit}: ${n}`);
  }
  return out.join('\n');
}

const EPSILON = 1e-9;

/** The corpora's figures per rule, as kept in results/baseline.json. */
export function corpusFigures(summary) {
  const corpora = {};
  for (const [source, rules] of Object.entries(summary.bySourceAndRule)) {
    if (source === 'field') continue;
    corpora[source] = Object.fromEntries(Object.entries(rules).map(([rule, f]) => [rule, { precision: f.precision, recall: f.recall }]));
  }
  return corpora;
}

/** The figures that dropped below the baseline, as sentences; empty when none did. */
export function compareWithBaseline(summary, baseline) {
  const now = corpusFigures(summary);
  const drops = [];
  for (const [corpus, rules] of Object.entries(baseline.corpora ?? {})) {
    if (!now[corpus]) {
      drops.push(`corpus ${corpus} is in the baseline but was not scanned`);
      continue;
    }
    for (const [rule, was] of Object.entries(rules)) {
      for (const measure of ['precision', 'recall']) {
        const before = was[measure];
        const after = now[corpus][rule]?.[measure] ?? null;
        if (before === null) continue;
        if (after === null || after < before - EPSILON) {
          drops.push(`${corpus} ${rule} ${measure}: ${pct(before)} in the baseline, ${pct(after)} now`);
        }
      }
    }
  }
  return drops;
}

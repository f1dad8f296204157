// Matches findings to labelled sites and counts them. Pure functions: no files, no processes.

export const LINE_TOLERANCE = 3;

/**
 * Matches one unit's findings to its sites, one to one, nearest line first (same rule, same file, within
 * LINE_TOLERANCE lines of the argument the finding points at or of the start of the sink call around it). Returns each true site as hit or missed, and each finding as a hit on a true site, a hit on
 * an ambiguous site (counts neither way), a false alarm (a reviewed file, nothing true there; `lookalike` says
 * whether a labelled look-alike was hit), a duplicate of a hit on the same line, or unreviewed.
 */
export function matchUnit(unit, findings) {
  const candidates = [];
  findings.forEach((finding, fi) => {
    unit.sites.forEach((site, si) => {
      if (site.rule !== finding.rule || site.file !== finding.file) return;
      // The site is the line the sink call starts on; the finding points at the argument inside that call.
      const distance = Math.min(Math.abs(site.line - finding.line), Math.abs(site.line - (finding.callLine ?? finding.line)));
      if (distance <= LINE_TOLERANCE) candidates.push({ fi, si, distance, rank: site.kind === 'true' ? 0 : site.kind === 'ambiguous' ? 1 : 2 });
    });
  });
  // True sites first, so that a finding between a true site and a look-alike counts for the true one.
  candidates.sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.fi - b.fi || a.si - b.si);
  const siteOf = new Map();
  const findingOf = new Map();
  for (const c of candidates) {
    if (siteOf.has(c.fi) || findingOf.has(c.si)) continue;
    // A look-alike may be hit by several findings; each one is a false alarm.
    siteOf.set(c.fi, c.si);
    if (unit.sites[c.si].kind !== 'lookalike') findingOf.set(c.si, c.fi);
  }
  // Remaining findings near an already-taken look-alike are false alarms on it too.
  for (const c of candidates) {
    if (!siteOf.has(c.fi) && unit.sites[c.si].kind === 'lookalike') siteOf.set(c.fi, c.si);
  }
  const sites = unit.sites
    .map((site, si) => ({ site, hit: findingOf.has(si) ? findings[findingOf.get(si)] : null }))
    .filter((s) => s.site.kind === 'true');
  const outcomes = findings.map((finding, fi) => {
    const si = siteOf.get(fi);
    const site = si === undefined ? null : unit.sites[si];
    if (site?.kind === 'true') return { finding, outcome: 'hit', site };
    if (site?.kind === 'ambiguous') return { finding, outcome: 'ambiguous', site };
    if (site?.kind === 'lookalike') return { finding, outcome: 'false-alarm', site, lookalike: true };
    // A second report of a sink already matched (same rule, file and line) is a duplicate, not a new alarm.
    const twin = [...findingOf.values()].some((other) => other !== fi && sameSink(findings[other], finding));
    if (twin) return { finding, outcome: 'duplicate', site: null };
    return { finding, outcome: unit.isReviewed(finding.file) ? 'false-alarm' : 'unreviewed', site: null, lookalike: false };
  });
  const ecosystemOf = (file) => unit.sites.find((s) => s.file === file)?.ecosystem ?? unit.ecosystems[0];
  return {
    unit: unit.name,
    source: unit.source,
    sites: sites.map(({ site, hit }) => ({ ...site, hit: hit !== null })),
    findings: outcomes.map((o) => ({
      ...o.finding,
      outcome: o.outcome,
      lookalike: o.lookalike ?? false,
      ecosystem: o.site?.ecosystem ?? ecosystemOf(o.finding.file),
      siteReason: o.site?.reason ?? null,
    })),
  };
}

function sameSink(a, b) {
  return a.rule === b.rule && a.file === b.file && a.line === b.line;
}

/** Precision, recall and F1 from counts; null where the denominator is zero. */
export function figures({ tp, fn, fp }) {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall);
  return { tp, fn, fp, precision, recall, f1 };
}

/**
 * Counts matched results by a key. `keyOf(item, kind)` gives the group of a site (`kind` 'site') or a finding
 * ('finding'), or null to leave it out. Recall counts true sites; precision counts findings that are hits and
 * false alarms.
 */
export function tally(results, keyOf) {
  const groups = new Map();
  const group = (key) => {
    if (!groups.has(key)) groups.set(key, { tp: 0, fn: 0, fp: 0 });
    return groups.get(key);
  };
  for (const result of results) {
    for (const site of result.sites) {
      const key = keyOf({ ...site, source: result.source, unit: result.unit }, 'site');
      if (key === null) continue;
      if (site.hit) group(key).tp += 1;
      else group(key).fn += 1;
    }
    for (const finding of result.findings) {
      if (finding.outcome !== 'false-alarm') continue;
      const key = keyOf({ ...finding, source: result.source, unit: result.unit }, 'finding');
      if (key !== null) group(key).fp += 1;
    }
  }
  return new Map([...groups].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, v]) => [k, figures(v)]));
}

// Reads what the field evaluation measures against: the pinned repositories with their labels, and the blind
// corpora. Everything becomes a list of *units*: one folder to scan, the sites labelled in it, and which of its
// files were reviewed exhaustively. Paths in a unit are relative to its root, with forward slashes.
import fs from 'node:fs';
import path from 'node:path';

export const RULES = ['no-unconsented-biometric-storage', 'no-id-number-logging', 'no-unanonymized-camera-egress'];
export const ECOSYSTEMS = [
  'nestjs', 'express', 'koa', 'egg', 'midway', 'fastify', 'react', 'react-native', 'vue', 'miniprogram', 'uniapp',
  'electron', 'browser', 'node', 'nextjs', 'nuxt', 'aws-lambda', 'tencent-scf', 'taro', 'hapi', 'loopback',
  'angular', 'alipay', 'other',
];
const KINDS = new Set(['true', 'lookalike']);

export class LabelError extends Error {}

function readJson(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new LabelError(`${file}: cannot be read (${error.code ?? error.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LabelError(`${file}: not valid JSON (${error.message})`);
  }
}

function normalise(file) {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Checks one labelled site and returns it in the unit's terms; `where` names it in errors. */
function site(raw, kind, where, defaultEcosystem) {
  const fail = (what) => {
    throw new LabelError(`${where}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('a site must be an object');
  if (typeof raw.file !== 'string' || raw.file === '') fail('"file" must be a non-empty string');
  if (!Number.isInteger(raw.line) || raw.line < 1) fail('"line" must be a positive integer');
  if (!RULES.includes(raw.rule)) fail(`"rule" must be one of ${RULES.join(', ')} (got ${JSON.stringify(raw.rule)})`);
  if (kind !== 'ambiguous' && !KINDS.has(kind)) fail(`"kind" must be "true" or "lookalike" (got ${JSON.stringify(kind)})`);
  const ecosystem = raw.ecosystem ?? defaultEcosystem;
  if (!ECOSYSTEMS.includes(ecosystem)) fail(`unknown ecosystem ${JSON.stringify(ecosystem)}`);
  return { file: normalise(raw.file), line: raw.line, rule: raw.rule, kind, reason: String(raw.reason ?? ''), ecosystem };
}

function checkEcosystems(list, where) {
  if (!Array.isArray(list) || list.length === 0) throw new LabelError(`${where}: "ecosystems" must be a non-empty list`);
  for (const e of list) {
    if (!ECOSYSTEMS.includes(e)) throw new LabelError(`${where}: unknown ecosystem ${JSON.stringify(e)} (allowed: ${ECOSYSTEMS.join(', ')})`);
  }
}

export function labelFileName(repo) {
  return `${repo.replace('/', '+')}.json`;
}

/** The field repositories of `repos.json` as units, rooted in `<fieldDir>/<owner>+<name>`. */
export function loadFieldUnits(evalDir, fieldDir) {
  const reposFile = path.join(evalDir, 'repos.json');
  const { repos } = readJson(reposFile);
  if (!Array.isArray(repos)) throw new LabelError(`${reposFile}: "repos" must be a list`);
  return repos.map((entry, index) => {
    const where = `${reposFile} repos[${index}]`;
    if (typeof entry.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(entry.repo)) throw new LabelError(`${where}: "repo" must be owner/name`);
    if (typeof entry.commit !== 'string' || !/^[0-9a-f]{40}$/.test(entry.commit)) throw new LabelError(`${where}: "commit" must be 40 hex digits`);
    checkEcosystems(entry.ecosystems, where);
    const labelsFile = path.join(evalDir, 'labels', labelFileName(entry.repo));
    const labels = readJson(labelsFile);
    if (labels.repo !== entry.repo || labels.commit !== entry.commit) {
      throw new LabelError(`${labelsFile}: labels are for ${labels.repo}@${labels.commit}, repos.json pins ${entry.repo}@${entry.commit}`);
    }
    const primary = entry.ecosystems[0];
    const sites = [
      ...(labels.sites ?? []).map((s, i) => site(s, s.kind, `${labelsFile} sites[${i}]`, primary)),
      ...(labels.ambiguous ?? []).map((s, i) => site(s, 'ambiguous', `${labelsFile} ambiguous[${i}]`, primary)),
    ];
    const reviewed = new Set((labels.reviewedFiles ?? []).map(normalise));
    for (const s of sites) reviewed.add(s.file);
    return {
      source: 'field',
      name: entry.repo,
      root: path.join(fieldDir, entry.repo.replace('/', '+')),
      commit: entry.commit,
      scanPaths: entry.paths?.length ? entry.paths : ['.'],
      ecosystems: entry.ecosystems,
      language: entry.language,
      domain: entry.domain,
      sites,
      isReviewed: (file) => reviewed.has(file),
    };
  });
}

/** The corpora under `corpora/`, one unit per project folder. */
export function loadCorpusUnits(evalDir) {
  const corporaDir = path.join(evalDir, 'corpora');
  if (!fs.existsSync(corporaDir)) return [];
  const units = [];
  for (const name of fs.readdirSync(corporaDir).sort()) {
    const dir = path.join(corporaDir, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const meta = readJson(path.join(dir, 'corpus.json'));
    const expected = readJson(path.join(dir, 'expected.json'));
    const negatives = readJson(path.join(dir, 'negatives.json'));
    if (!Array.isArray(meta.projects)) throw new LabelError(`${dir}/corpus.json: "projects" must be a list`);
    const byProject = new Map();
    for (const project of meta.projects) {
      checkEcosystems(project.ecosystems, `${dir}/corpus.json project ${project.dir}`);
      if (!fs.existsSync(path.join(dir, project.dir))) throw new LabelError(`${dir}/corpus.json: project folder ${project.dir} does not exist`);
      byProject.set(normalise(project.dir).replace(/\/$/, ''), { project, sites: [] });
    }
    const place = (raw, kind, where) => {
      const file = normalise(String(raw.file ?? ''));
      const owner = [...byProject.keys()].find((p) => file.startsWith(`${p}/`));
      if (!owner) throw new LabelError(`${where}: "${file}" is in no project listed in corpus.json`);
      const entry = byProject.get(owner);
      const labelled = site({ ...raw, file: file.slice(owner.length + 1) }, kind, where, entry.project.ecosystems[0]);
      if (!fs.existsSync(path.join(dir, file))) throw new LabelError(`${where}: ${file} does not exist`);
      entry.sites.push(labelled);
    };
    expected.forEach((s, i) => place(s, 'true', `${dir}/expected.json [${i}]`));
    negatives.forEach((s, i) => place(s, 'lookalike', `${dir}/negatives.json [${i}]`));
    for (const [projectDir, { project, sites }] of byProject) {
      units.push({
        source: name,
        name: `${name}/${projectDir}`,
        root: path.join(dir, projectDir),
        scanPaths: ['.'],
        ecosystems: project.ecosystems,
        language: project.language,
        domain: project.description,
        sites,
        isReviewed: () => true,
      });
    }
  }
  return units;
}

'use strict';
/**
 * The engine side of the fuzzer: a child process (started by fuzz-harness.ts with `fork`) that runs the compiled
 * engine from dist/ on one input at a time and answers over IPC. Running it in its own process lets the harness
 * kill it on a hang, see a crash that takes the process down (stack overflow in native code, out of memory), and
 * compare two different processes' SARIF for the same input.
 *
 * Message in:  { id, input, checkFixes }   (input: see generators.ts `FuzzInput`)
 * Message out: { id, ms, sarifHash, findings, parseErrors, problems: string[], fixes } or { id, error }
 *
 * Each answer checks, besides "did not throw": no `internal-error` notice; every finding's file is one the scan
 * read, its offset lies in the file and its line and column agree with its offset; fingerprints are present and
 * unique. With `checkFixes`, the safe fixes are applied (dry run, then written to this worker's copy), and the
 * fixed text must parse if the original did, and fixing again must change nothing when no fix was skipped for
 * overlapping another.
 * Plain CommonJS over dist/, so that it needs no TypeScript loader.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const { scan } = require(path.join(DIST, 'server', 'src', 'engine', 'scan.js'));
const { applyFixes } = require(path.join(DIST, 'server', 'src', 'engine', 'fixes', 'apply-fixes.js'));
const { formatSarif } = require(path.join(DIST, 'server', 'src', 'cli', 'formatters', 'sarif.js'));
const { allRules } = require(path.join(DIST, 'rules', 'index.js'));
const { ts } = require('ts-morph');

const workRoot = process.argv[2];
if (!workRoot) throw new Error('fuzz-worker: pass a work folder');
const snippetRoot = path.join(workRoot, 'snippet');
const showroomRoot = path.join(workRoot, 'showroom');
fs.rmSync(workRoot, { recursive: true, force: true });
fs.mkdirSync(snippetRoot, { recursive: true });
fs.cpSync(path.join(ROOT, 'examples', 'showroom'), showroomRoot, { recursive: true });

function lineStarts(text) {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x0d) {
      if (text.charCodeAt(index + 1) === 0x0a) index++;
      starts.push(index + 1);
    } else if (char === 0x0a || char === 0x2028 || char === 0x2029) {
      starts.push(index + 1);
    }
  }
  return starts;
}

function scriptKindOf(file) {
  if (/\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function parses(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, scriptKindOf(file));
  return source.parseDiagnostics.length === 0;
}

/** Writes the input and returns what to scan and how to undo it. */
function prepare(input) {
  if (input.kind === 'files') {
    fs.rmSync(snippetRoot, { recursive: true, force: true });
    fs.mkdirSync(snippetRoot, { recursive: true });
    for (const [relative, text] of Object.entries(input.files)) {
      const file = path.join(snippetRoot, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    return { cwd: snippetRoot, paths: [], restore: () => undefined };
  }
  const target = path.join(showroomRoot, input.target);
  const original = fs.readFileSync(path.join(ROOT, 'examples', 'showroom', input.target));
  fs.writeFileSync(target, input.text);
  return {
    cwd: showroomRoot,
    paths: [input.target],
    restore: () => {
      // Restore every showroom file: a fix check may have rewritten others.
      for (const entry of fs.readdirSync(path.join(showroomRoot, 'src'), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        const source = path.join(ROOT, 'examples', 'showroom', path.relative(showroomRoot, file));
        if (fs.existsSync(source)) fs.writeFileSync(file, fs.readFileSync(source));
      }
      fs.writeFileSync(target, original);
    },
  };
}

function checkFindings(result, problems) {
  const fingerprints = new Set();
  for (const finding of result.findings) {
    const range = finding.range;
    const where = `${path.relative(result.cwd, range.file)}:${range.line}:${range.column} ${finding.ruleId}`;
    const text = result.texts.get(range.file);
    if (text === undefined) {
      problems.push(`finding in a file the scan did not read: ${where}`);
      continue;
    }
    if (!(range.offset >= 0 && range.offset <= text.length)) {
      problems.push(`finding offset ${range.offset} outside the file (${text.length} characters): ${where}`);
      continue;
    }
    const starts = lineStarts(text);
    const lineStart = starts[range.line - 1];
    if (lineStart === undefined || lineStart + range.column - 1 !== range.offset) {
      problems.push(`finding line/column ${range.line}:${range.column} does not match its offset ${range.offset}: ${where}`);
    }
    if (range.endLine < range.line || (range.endLine === range.line && range.endColumn < range.column)) {
      problems.push(`finding ends before it starts (${range.endLine}:${range.endColumn}): ${where}`);
    }
    if (!finding.fingerprint) problems.push(`finding without a fingerprint: ${where}`);
    else if (fingerprints.has(finding.fingerprint)) problems.push(`duplicate fingerprint ${finding.fingerprint}: ${where}`);
    else fingerprints.add(finding.fingerprint);
  }
  for (const notice of result.notices) {
    if (notice.code === 'internal-error') problems.push(`internal-error notice: ${notice.message}`);
  }
}

function normalisedSarif(result, cwd) {
  const text = formatSarif(result, { cwd, toolVersion: '0.0.0-fuzz', isColored: false });
  const rootUri = new URL(`file://${cwd}/`).href;
  return text.split(rootUri).join('file:///<root>/').split(cwd).join('<root>');
}

async function checkFixes(input, result, cwd, problems) {
  const parseErrorFiles = new Set(result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.range.file));
  const analysedContent = (scanned) => (file) => {
    const text = scanned.texts.get(file);
    return text === undefined ? undefined : { text };
  };
  // `piilint --fix` applies fixes in passes until none is left (as ESLint does); mirror it, then check that one more
  // run would change nothing.
  const MAX_FIX_PASSES = 5;
  let scanned = result;
  let first;
  let total = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    first = await applyFixes({ findings: scanned.findings, analysedContent: analysedContent(scanned), isDryRun: true });
    if (first.fixesApplied === 0) break;
    total += first.fixesApplied;
    for (const [file, text] of first.newTexts) {
      const before = scanned.texts.get(file) ?? '';
      if (!parseErrorFiles.has(file) && parses(file, before) && !parses(file, text)) {
        problems.push(`a safe fix made ${path.relative(cwd, file)} unparsable`);
      }
      fs.writeFileSync(file, text);
    }
    scanned = await scan({ cwd, paths: input.kind === 'files' ? [] : [input.target], rules: allRules });
  }
  if (total === 0) return { applied: 0 };
  const again = scanned;
  const second = await applyFixes({ findings: again.findings, analysedContent: analysedContent(again), isDryRun: true });
  if (first.fixesSkippedOverlap === 0 && first.conflicts.length === 0 && second.fixesApplied > 0) {
    const changed = [...second.newTexts.keys()].map((file) => path.relative(cwd, file)).join(', ');
    problems.push(`--fix is not idempotent: a second run applies ${second.fixesApplied} more fix(es) in ${changed}`);
  }
  return { applied: total, secondApplied: second.fixesApplied };
}

async function handle(message) {
  const { id, input } = message;
  const prepared = prepare(input);
  try {
    const started = process.hrtime.bigint();
    let result;
    try {
      result = await scan({ cwd: prepared.cwd, paths: prepared.paths, rules: allRules });
    } catch (error) {
      // A bad config (a generated one nested too deep, issue #21) is the user's error: acceptable when it names the
      // config file and is not a stack overflow in disguise. Anything else is a crash.
      if (!(error instanceof Error) || error.name !== 'ConfigError') throw error;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const problems = [];
      if (!error.message.includes('piilint.config.json')) problems.push(`config error without the file's name: ${error.message}`);
      if (/call stack/i.test(error.message)) problems.push(`config error from a stack overflow: ${error.message}`);
      const text = error.message.split(prepared.cwd).join('<root>');
      return { id, ms, sarifHash: crypto.createHash('sha256').update(text).digest('hex'), findings: 0, parseErrors: 0, problems, fixes: undefined };
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const problems = [];
    checkFindings(result, problems);
    const sarif = normalisedSarif(result, prepared.cwd);
    const sarifHash = crypto.createHash('sha256').update(sarif).digest('hex');
    const fixes = message.checkFixes ? await checkFixes(input, result, prepared.cwd, problems) : undefined;
    return {
      id,
      ms,
      sarifHash,
      findings: result.findings.length,
      parseErrors: result.findings.filter((finding) => finding.ruleId === 'parse-error').length,
      problems,
      fixes,
    };
  } catch (error) {
    return { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    prepared.restore();
  }
}

process.on('message', (message) => {
  handle(message).then(
    (answer) => process.send(answer),
    (error) => process.send({ id: message.id, error: String(error && error.stack ? error.stack : error) }),
  );
});
process.send({ ready: true });

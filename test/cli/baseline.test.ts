/**
 * Baselines (issue #10): the file format and its schema, matching by fingerprint and across file moves, and the
 * spawned CLI over real git repositories: `piilint baseline create|prune`, `--baseline` in the three formats, exit
 * codes and `--max-warnings`, and a bad baseline as a clear error (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BaselineError,
  compareWithBaseline,
  createBaseline,
  parseBaseline,
  serializeBaseline,
  snippetOfLine,
  type Baseline,
  type BaselineEntry,
  type FindingIdentity,
} from '../../server/src/engine/findings/baseline';
import type { Finding } from '../../server/src/engine/findings/finding';
import { ID_NUMBER_FINDING } from './sample-result';
import {
  AUDIT,
  CUSTOMER_LOG,
  GREETING,
  ROOT,
  commitAll,
  createRepository,
  git,
  makeTempFolder,
  parseJsonReport,
  piilint,
  readText,
  sarifSchemaErrors,
  writeFiles,
} from './git-project';

const SCHEMA_FILE = path.join(ROOT, 'schema', 'piilint.baseline.schema.json');

function validateAgainstSchema(value: unknown): unknown[] {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

// ---------------------------------------------------------------------------------------------------------------
// The format and the matching, in-process
// ---------------------------------------------------------------------------------------------------------------

function identity(fingerprint: string, file: string, fn: string, snippet: string, line = 10): FindingIdentity {
  const finding: Finding = { ...ID_NUMBER_FINDING, fingerprint };
  return { finding, file, line, function: fn, snippet };
}

function entry(fingerprint: string, file: string, fn: string, snippet: string, extra: Partial<BaselineEntry> = {}): BaselineEntry {
  return { fingerprint, ruleId: ID_NUMBER_FINDING.ruleId, file, line: 10, function: fn, snippet, ...extra };
}

const EVERY_FILE_PRESENT = { isFileGone: () => false, isInScope: () => true };

describe('baseline format', () => {
  it('serialises sorted entries with $schema and version, and the result validates against the schema', () => {
    const baseline: Baseline = {
      version: 1,
      entries: [
        entry('00000000000000bb', 'src/b.ts', 'b', 'log(b)'),
        entry('00000000000000a2', 'src/a.ts', 'a', 'log(a2)', { line: 20, reason: 'PRIV-142', author: 'crm team' }),
        entry('00000000000000a1', 'src/a.ts', 'a', 'log(a1)', { line: 3 }),
      ],
    };
    const text = serializeBaseline(baseline);
    const parsed = JSON.parse(text) as Baseline;
    expect(parsed.$schema).toBe('./node_modules/piilint/schema/piilint.baseline.schema.json');
    expect(parsed.version).toBe(1);
    expect(parsed.entries.map((item) => item.fingerprint)).toEqual(['00000000000000a1', '00000000000000a2', '00000000000000bb']);
    expect(Object.keys(parsed.entries[1]!)).toEqual(['fingerprint', 'ruleId', 'file', 'line', 'function', 'snippet', 'reason', 'author']);
    expect(validateAgainstSchema(parsed)).toEqual([]);
    expect(parseBaseline(text, 'piilint.baseline.json')).toEqual(parsed);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('rejects invalid JSON, a wrong shape and another version, naming the file, the place and what to do', () => {
    const valid = serializeBaseline({ version: 1, entries: [entry('0123456789abcdef', 'src/a.ts', 'a', 'log(a)')] });
    const cases: [string, RegExp][] = [
      ['{ "version": 1, "entries": [ }', /^base\.json:1:\d+: the baseline is not valid JSON \(.+\)\. Fix the file, or re-create it with `piilint baseline create --baseline base\.json`\.$/],
      [valid.replace('"version": 1', '"version": 2'), /^base\.json: baseline format version 2 is not supported; this piilint reads version 1\./],
      [valid.replace('"snippet"', '"snipet"'), /^base\.json:\d+:\d+: not a piilint baseline: unknown key "snipet" in \/entries\/0 /],
      [valid.replace('"0123456789abcdef"', '"0123-not-hex"'), /not a piilint baseline: \/entries\/0\/fingerprint must be 16 lowercase hexadecimal digits/],
      [valid.replace('"line": 10', '"line": "10"'), /not a piilint baseline: \/entries\/0\/line must be integer/],
      ['{ "version": 1 }', /^base\.json:1:1: not a piilint baseline: "entries" is missing in the top level/],
      ['[]', /not a piilint baseline: the top level must be object/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseBaseline(text, 'base.json');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BaselineError);
      expect((error as BaselineError).message).toMatch(message);
      expect((error as BaselineError).isUserError).toBe(true);
    }
  });

  it('makes snippets of one trimmed, collapsed line, cut at 160 characters', () => {
    expect(snippetOfLine('a\n    console.info(\t"visit",   id);\nb', 2)).toBe('console.info( "visit", id);');
    const long = snippetOfLine(`  log(${'x'.repeat(300)})`, 1);
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('compareWithBaseline', () => {
  it('matches by fingerprint first, each entry at most once', () => {
    const baseline: Baseline = { version: 1, entries: [entry('aaaaaaaaaaaaaaaa', 'src/a.ts', 'a', 'log(id)')] };
    const first = identity('aaaaaaaaaaaaaaaa', 'src/a.ts', 'a', 'log(id)');
    const copy = identity('aaaaaaaaaaaaaaab', 'src/a.ts', 'a', 'log(id)');
    const comparison = compareWithBaseline([first, copy], baseline, EVERY_FILE_PRESENT);
    expect(comparison.matched).toEqual([{ finding: first.finding, entry: baseline.entries[0], isMoved: false }]);
    expect(comparison.unmatched).toEqual([copy]);
    expect(comparison.stale).toEqual([]);
  });

  it('follows a finding into a moved file by rule, function and snippet, but only when the old file is gone', () => {
    const old = entry('aaaaaaaaaaaaaaaa', 'src/crm/log.ts', 'logVisit', "console.info('visit', customer.idCardNo);");
    const moved = identity('bbbbbbbbbbbbbbbb', 'src/visits/log.ts', 'logVisit', "console.info('visit', customer.idCardNo);");
    const baseline: Baseline = { version: 1, entries: [old] };

    const gone = compareWithBaseline([moved], baseline, { isFileGone: (file) => file === 'src/crm/log.ts', isInScope: () => true });
    expect(gone.matched).toEqual([{ finding: moved.finding, entry: old, isMoved: true }]);
    expect(gone.stale).toEqual([]);

    // The old file is still there: the finding in the other file is a copy, so it is new and the entry is stale.
    const copied = compareWithBaseline([moved], baseline, EVERY_FILE_PRESENT);
    expect(copied.matched).toEqual([]);
    expect(copied.unmatched).toEqual([moved]);
    expect(copied.stale).toEqual([old]);

    // Another function or another line is another finding.
    const other = identity('bbbbbbbbbbbbbbbb', 'src/visits/log.ts', 'logBooking', "console.info('visit', customer.idCardNo);");
    expect(compareWithBaseline([other], baseline, { isFileGone: () => true, isInScope: () => true }).matched).toEqual([]);
  });

  it('calls an unmatched entry stale only in scope (its file was checked, or is gone in this shard)', () => {
    const checked = entry('aaaaaaaaaaaaaaaa', 'src/a.ts', 'a', 'log(a)');
    const elsewhere = entry('bbbbbbbbbbbbbbbb', 'src/b.ts', 'b', 'log(b)');
    const comparison = compareWithBaseline([], { version: 1, entries: [elsewhere, checked] }, { isFileGone: () => false, isInScope: (file) => file === 'src/a.ts' });
    expect(comparison.stale).toEqual([checked]);
  });

  it('keeps the reason and author of entries that still match when the baseline is re-created', () => {
    const previous: Baseline = { version: 1, entries: [entry('aaaaaaaaaaaaaaaa', 'src/a.ts', 'a', 'log(a)', { reason: 'PRIV-142', author: 'crm team' })] };
    const created = createBaseline(
      [identity('aaaaaaaaaaaaaaaa', 'src/a.ts', 'a', 'log(a)', 12), identity('cccccccccccccccc', 'src/c.ts', 'c', 'log(c)')],
      previous,
      { reason: 'new debt', author: 'release 4.2' },
      EVERY_FILE_PRESENT,
    );
    expect(created.entries).toEqual([
      entry('aaaaaaaaaaaaaaaa', 'src/a.ts', 'a', 'log(a)', { line: 12, reason: 'PRIV-142', author: 'crm team' }),
      entry('cccccccccccccccc', 'src/c.ts', 'c', 'log(c)', { reason: 'new debt', author: 'release 4.2' }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The spawned CLI over real git repositories
// ---------------------------------------------------------------------------------------------------------------

let tempRoot: string;

beforeAll(() => {
  tempRoot = makeTempFolder('piilint-baseline-');
});

afterAll(() => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

function showroomRepository(name: string, extra: Record<string, string> = {}): string {
  const folder = path.join(tempRoot, name);
  createRepository(folder, {
    'src/crm/customer-log.ts': CUSTOMER_LOG,
    'src/shared/audit.ts': AUDIT,
    'src/crm/greeting.ts': GREETING,
    ...extra,
  });
  return folder;
}

function readBaseline(folder: string, file = 'piilint.baseline.json'): Baseline {
  return JSON.parse(readText(folder, file)) as Baseline;
}

const NEW_FINDING = [
  '',
  'export function logBooking(booking: { idCardNo: string }): void {',
  "  console.warn('booking', booking.idCardNo);",
  '}',
  '',
].join('\n');

describe('piilint baseline create and --baseline (spawned, real git)', () => {
  it('writes a reviewable baseline, and a run with it passes quietly', () => {
    const repo = showroomRepository('create');
    const created = piilint(['baseline', 'create', '--reason', 'legacy CRM, PRIV-142', '--author', 'crm team'], repo);
    expect(created).toMatchObject({ status: 0, stdout: '' });
    expect(created.stderr).toBe('piilint: wrote piilint.baseline.json with 2 entries.\n');

    const baseline = readBaseline(repo);
    expect(validateAgainstSchema(baseline)).toEqual([]);
    expect(baseline).toMatchObject({ $schema: './node_modules/piilint/schema/piilint.baseline.schema.json', version: 1 });
    expect(baseline.entries.map(({ fingerprint: _, ...rest }) => rest)).toEqual([
      {
        ruleId: 'no-id-number-logging',
        file: 'src/crm/customer-log.ts',
        line: 10,
        function: 'logVisit',
        snippet: "console.info('showroom visit', customer.idCardNo);",
        reason: 'legacy CRM, PRIV-142',
        author: 'crm team',
      },
      {
        ruleId: 'no-id-number-logging',
        file: 'src/shared/audit.ts',
        line: 2,
        function: 'audit',
        snippet: "console.info('audit', value);",
        reason: 'legacy CRM, PRIV-142',
        author: 'crm team',
      },
    ]);
    const report = parseJsonReport(piilint(['--format', 'json'], repo));
    expect(baseline.entries.map((item) => item.fingerprint)).toEqual(report.findings.map((finding) => finding.fingerprint));

    expect(piilint([], repo).status).toBe(1);
    expect(piilint(['--baseline', 'piilint.baseline.json'], repo)).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('keeps matching after lines are inserted above, unrelated edits and a rename with git mv', () => {
    const repo = showroomRepository('stability');
    expect(piilint(['baseline', 'create'], repo).status).toBe(0);
    commitAll(repo, 'chore: accept the current findings');
    const accepted = readBaseline(repo).entries.map((item) => item.fingerprint);

    // Lines inserted above both findings, an unrelated function edited, the file re-indented in places.
    const shifted = CUSTOMER_LOG.replace(
      "import { audit } from '../shared/audit';",
      "import { audit } from '../shared/audit';\n\n// Showroom visits are logged for the footfall dashboard.\nconst VISIT_CHANNEL = 'showroom';\n",
    ).replace('  name: string;', '  name: string;\n  phone?: string;');
    writeFiles(repo, {
      'src/crm/customer-log.ts': shifted,
      'src/shared/audit.ts': `// Audit trail for the dealer CRM.\n\n${AUDIT}`,
      'src/crm/greeting.ts': GREETING.replace('Welcome to the showroom', 'Welcome to our showroom'),
    });
    commitAll(repo, 'refactor(crm): comments and a channel constant');
    const afterEdits = parseJsonReport(piilint(['--format', 'json', '--baseline', 'piilint.baseline.json'], repo));
    expect(afterEdits.findings).toEqual([]);
    expect(afterEdits.baseline).toEqual({ file: 'piilint.baseline.json', matched: 2, new: 0, stale: [] });
    const fingerprints = parseJsonReport(piilint(['--format', 'json'], repo)).findings.map((finding) => [finding.line, finding.fingerprint]);
    expect(fingerprints).toEqual([
      [15, accepted[0]],
      [4, accepted[1]],
    ]);

    // A rename: the file's path is part of the fingerprint, so the finding is followed by rule, function and snippet.
    fs.mkdirSync(path.join(repo, 'src', 'visits'));
    git(repo, 'mv', 'src/crm/customer-log.ts', 'src/visits/customer-log.ts');
    commitAll(repo, 'refactor: move the visit log to src/visits');
    const moved = parseJsonReport(piilint(['--format', 'json'], repo)).findings;
    expect(moved.map((finding) => finding.file)).toEqual(['src/shared/audit.ts', 'src/visits/customer-log.ts']);
    expect(moved.map((finding) => finding.fingerprint)).not.toContain(accepted[0]);

    const afterMove = piilint(['--format', 'json', '--baseline', 'piilint.baseline.json'], repo);
    expect(afterMove.status).toBe(0);
    expect(parseJsonReport(afterMove)).toMatchObject({ findings: [], baseline: { matched: 2, new: 0, stale: [] } });

    // prune re-points the moved entry at its new file and fingerprint, keeping it.
    expect(piilint(['baseline', 'prune'], repo)).toMatchObject({ status: 0, stderr: 'piilint: removed 0 entries that no longer match a finding from piilint.baseline.json; 2 entries left.\n' });
    expect(readBaseline(repo).entries.map((item) => [item.file, item.line])).toEqual([
      ['src/shared/audit.ts', 4],
      ['src/visits/customer-log.ts', 15],
    ]);
  });

  it('reports only new findings in stylish, JSON and SARIF, lists stale entries, and prune removes them', () => {
    const repo = showroomRepository('new-and-stale');
    expect(piilint(['baseline', 'create', '--reason', 'legacy CRM, PRIV-142'], repo).status).toBe(0);
    commitAll(repo, 'chore: accept the current findings');

    writeFiles(repo, { 'src/crm/booking.ts': NEW_FINDING });
    const stylish = piilint(['--baseline', 'piilint.baseline.json'], repo);
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toContain('src/crm/booking.ts:3:27  error');
    expect(stylish.stdout).not.toContain('customer-log.ts');
    expect(stylish.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(stylish.stdout).toContain('2 more findings accepted in the baseline piilint.baseline.json are not shown.');

    const json = parseJsonReport(piilint(['--format', 'json', '--baseline', 'piilint.baseline.json'], repo));
    expect(json.findings.map((finding) => finding.file)).toEqual(['src/crm/booking.ts']);
    expect(json.baseline).toEqual({ file: 'piilint.baseline.json', matched: 2, new: 1, stale: [] });

    const sarifRun = piilint(['--format', 'sarif', '--baseline', 'piilint.baseline.json'], repo);
    expect(sarifRun.status).toBe(1);
    const sarif = JSON.parse(sarifRun.stdout) as {
      runs: { results: { baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; suppressions?: unknown[] }[]; properties: Record<string, unknown> }[];
    };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const results = sarif.runs[0]!.results;
    expect(results.map((result) => [result.locations[0]!.physicalLocation.artifactLocation.uri, result.baselineState])).toEqual([
      ['src/crm/booking.ts', 'new'],
      ['src/crm/customer-log.ts', 'unchanged'],
      ['src/shared/audit.ts', 'unchanged'],
    ]);
    expect(results[0]!.suppressions).toBeUndefined();
    expect(results[1]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'legacy CRM, PRIV-142' }]);
    expect(sarif.runs[0]!.properties['piilint/baseline']).toEqual({ file: 'piilint.baseline.json', matched: 2, new: 1, stale: [] });

    // Fix the accepted visit log: its entry is stale, and says so in every format; it never fails the run by itself.
    fs.rmSync(path.join(repo, 'src', 'crm', 'booking.ts'));
    writeFiles(repo, { 'src/crm/customer-log.ts': CUSTOMER_LOG.replace('customer.idCardNo', 'customer.name') });
    const stale = piilint(['--baseline', 'piilint.baseline.json'], repo);
    expect(stale.status).toBe(0);
    expect(stale.stdout).toBe(
      [
        '',
        '1 entry in the baseline piilint.baseline.json no longer matches a finding (fixed, or the code changed). Remove it with `piilint baseline prune --baseline piilint.baseline.json`:',
        `  src/crm/customer-log.ts:10  no-id-number-logging  console.info('showroom visit', customer.idCardNo);  ${readBaseline(repo).entries[0]!.fingerprint}`,
        '',
      ].join('\n'),
    );
    const staleJson = parseJsonReport(piilint(['--format', 'json', '--baseline', 'piilint.baseline.json'], repo));
    expect(staleJson.baseline).toMatchObject({ matched: 1, new: 0, stale: [{ file: 'src/crm/customer-log.ts', reason: 'legacy CRM, PRIV-142' }] });
    const staleSarif = JSON.parse(piilint(['--format', 'sarif', '--baseline', 'piilint.baseline.json'], repo).stdout) as object;
    expect(sarifSchemaErrors(staleSarif)).toEqual([]);

    expect(piilint(['baseline', 'prune'], repo).stderr).toBe('piilint: removed 1 entry that no longer matches a finding from piilint.baseline.json; 1 entry left.\n');
    expect(readBaseline(repo).entries).toEqual([expect.objectContaining({ file: 'src/shared/audit.ts', reason: 'legacy CRM, PRIV-142' })]);
    expect(piilint(['--baseline', 'piilint.baseline.json'], repo)).toMatchObject({ status: 0, stdout: '' });

    // Re-creating keeps the reason of what was accepted and adds the new finding without one.
    writeFiles(repo, { 'src/crm/booking.ts': NEW_FINDING });
    expect(piilint(['baseline', 'create'], repo).stderr).toBe('piilint: wrote piilint.baseline.json with 2 entries (1 kept, 1 added, 0 removed).\n');
    expect(readBaseline(repo).entries.map((item) => [item.file, item.reason])).toEqual([
      ['src/crm/booking.ts', undefined],
      ['src/shared/audit.ts', 'legacy CRM, PRIV-142'],
    ]);
  });

  it('does not count baselined warnings towards --max-warnings, and counts new ones', () => {
    const config = JSON.stringify({ rules: { 'no-id-number-logging': { severity: 'warning' } } });
    const repo = showroomRepository('max-warnings', { 'piilint.config.json': config });
    expect(piilint(['--max-warnings', '0'], repo).status).toBe(1);
    expect(piilint(['baseline', 'create'], repo).status).toBe(0);
    expect(piilint(['--max-warnings', '0', '--baseline', 'piilint.baseline.json'], repo)).toMatchObject({ status: 0, stdout: '', stderr: '' });

    writeFiles(repo, { 'src/crm/booking.ts': NEW_FINDING });
    const over = piilint(['--max-warnings', '0', '--baseline', 'piilint.baseline.json', '--quiet'], repo);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('piilint: 1 warnings found, more than --max-warnings 0 allows.\n');
    expect(piilint(['--max-warnings', '1', '--baseline', 'piilint.baseline.json'], repo).status).toBe(0);
  });

  it('fixes only what it reports with --fix --baseline', () => {
    const repo = showroomRepository('fix');
    expect(piilint(['baseline', 'create'], repo).status).toBe(0);
    writeFiles(repo, { 'src/crm/booking.ts': NEW_FINDING });
    const fixed = piilint(['--fix', '--baseline', 'piilint.baseline.json'], repo);
    expect(fixed).toMatchObject({ status: 0, stdout: '' });
    expect(fixed.stderr).toContain('piilint: applied 1 fix in 1 file.');
    expect(readText(repo, 'src/crm/booking.ts')).not.toBe(NEW_FINDING);
    expect(readText(repo, 'src/crm/customer-log.ts')).toBe(CUSTOMER_LOG);
  });

  it('stops with exit code 2 and one line on a missing or bad baseline, before scanning, and never overwrites it', () => {
    const repo = showroomRepository('bad');
    const missing = piilint(['--baseline', 'piilint.baseline.json'], repo);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `piilint: No baseline at piilint.baseline.json (looked for ${path.join(repo, 'piilint.baseline.json')}). Create it with \`piilint baseline create --baseline piilint.baseline.json\`, or check the path.\n`,
    );
    expect(piilint(['baseline', 'prune'], repo).status).toBe(2);

    const bad: Record<string, RegExp> = {
      'invalid.json': /^piilint: invalid\.json:3:\d+: the baseline is not valid JSON/,
      'schema.json': /^piilint: schema\.json:\d+:\d+: not a piilint baseline: "ruleId" is missing in \/entries\/0/,
      'version.json': /^piilint: version\.json: baseline format version 7 is not supported; this piilint reads version 1\./,
    };
    writeFiles(repo, {
      'invalid.json': '{\n  "version": 1,\n  "entries": [,]\n}\n',
      'schema.json': JSON.stringify({ version: 1, entries: [{ fingerprint: '0123456789abcdef', file: 'a.ts', line: 1, function: 'a', snippet: 'a' }] }, null, 2),
      'version.json': JSON.stringify({ version: 7, entries: [] }),
    });
    for (const [file, message] of Object.entries(bad)) {
      for (const args of [['--baseline', file], ['--format', 'sarif', '--baseline', file], ['baseline', 'create', '--baseline', file]]) {
        const run = piilint(args, repo);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
        expect(run.stderr.split('\n')).toHaveLength(2);
      }
    }
    expect(readText(repo, 'version.json')).toBe(JSON.stringify({ version: 7, entries: [] }));
  });

  it('shows the baseline commands in the help and rejects a missing action', () => {
    const repo = showroomRepository('help');
    expect(piilint(['--help'], repo).stdout).toContain('piilint baseline create [paths...]');
    const help = piilint(['baseline', 'create', '--help'], repo);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--reason <text>');
    const noAction = piilint(['baseline'], repo);
    expect(noAction.status).toBe(2);
    expect(noAction.stderr).toMatch(/^piilint: `piilint baseline` needs an action, create or prune\. [^\n]*\n$/);
    // A folder named like the command is checked when written as a path.
    writeFiles(repo, { 'baseline/log.ts': "export const log = (c: { idCardNo: string }) => console.log(c.idCardNo);\n" });
    expect(piilint(['./baseline'], repo).status).toBe(1);
  });
});

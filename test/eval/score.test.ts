/**
 * The field evaluation's scoring: how findings are matched to labelled sites, and what counts as a hit, a miss, a
 * false alarm, a duplicate or an unreviewed finding. The runner itself (eval/run.mjs) is exercised on a small
 * corpus written here, so its JSON report, its baseline check and its handling of missing checkouts are tested too.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { matchUnit, figures, tally } from '../../eval/lib/score.mjs';
// @ts-expect-error plain ESM module without types
import { compareWithBaseline, summarise } from '../../eval/lib/report.mjs';

const LOG = 'no-id-number-logging';
const BIO = 'no-unconsented-biometric-storage';

interface Site {
  file: string;
  line: number;
  rule: string;
  kind: 'true' | 'lookalike' | 'ambiguous';
  reason: string;
  ecosystem: string;
}

function unit(sites: Site[], reviewed = ['src/crm.ts']) {
  return { name: 'dealer/crm', source: 'field', ecosystems: ['koa'], sites, isReviewed: (f: string) => reviewed.includes(f) };
}

const site = (line: number, kind: Site['kind'] = 'true', rule = LOG, file = 'src/crm.ts'): Site => ({
  file,
  line,
  rule,
  kind,
  reason: `site at ${line}`,
  ecosystem: 'koa',
});
const finding = (line: number, rule = LOG, file = 'src/crm.ts') => ({ rule, file, line, message: 'm', source: null });

describe('matchUnit', () => {
  it('matches within three lines, same rule and file, one to one, nearest first', () => {
    const result = matchUnit(unit([site(10), site(14)]), [finding(13), finding(12)]);
    expect(result.sites.map((s: { line: number; hit: boolean }) => [s.line, s.hit])).toEqual([
      [10, true],
      [14, true],
    ]);
    expect(result.findings.map((f: { outcome: string }) => f.outcome)).toEqual(['hit', 'hit']);
  });

  it('misses a site four lines away, and a finding of another rule or file does not count for it', () => {
    const result = matchUnit(unit([site(10)]), [finding(14), finding(10, BIO), finding(10, LOG, 'src/other.ts')]);
    expect(result.sites[0].hit).toBe(false);
    expect(result.findings.map((f: { outcome: string }) => f.outcome)).toEqual(['false-alarm', 'false-alarm', 'unreviewed']);
  });

  it('counts a finding on a look-alike as a false alarm that names it, and one on an ambiguous site as neither', () => {
    const result = matchUnit(unit([site(5, 'lookalike'), site(20, 'ambiguous')]), [finding(5), finding(21)]);
    expect(result.findings[0]).toMatchObject({ outcome: 'false-alarm', lookalike: true, siteReason: 'site at 5' });
    expect(result.findings[1]).toMatchObject({ outcome: 'ambiguous' });
    expect(result.sites).toEqual([]);
  });

  it('matches a site labelled at the start of a multi-line call to a finding on the argument deep inside it', () => {
    const result = matchUnit(unit([site(251)]), [{ ...finding(266), callLine: 251 }]);
    expect(result.sites[0].hit).toBe(true);
  });

  it('prefers the true site when a finding lies between a true site and a look-alike', () => {
    const result = matchUnit(unit([site(10, 'lookalike'), site(12)]), [finding(11)]);
    expect(result.findings[0].outcome).toBe('hit');
    expect(result.sites[0].hit).toBe(true);
  });

  it('treats a second report of a matched sink on the same line as a duplicate, not a new alarm', () => {
    const result = matchUnit(unit([site(10)]), [finding(10), finding(10)]);
    expect(result.findings.map((f: { outcome: string }) => f.outcome)).toEqual(['hit', 'duplicate']);
  });
});

describe('figures and tally', () => {
  it('gives precision, recall and F1, and null where nothing was counted', () => {
    expect(figures({ tp: 3, fn: 1, fp: 1 })).toEqual({ tp: 3, fn: 1, fp: 1, precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(figures({ tp: 0, fn: 0, fp: 0 })).toMatchObject({ precision: null, recall: null, f1: null });
  });

  it('groups sites and false alarms by rule', () => {
    const result = matchUnit(unit([site(10), site(30, 'true', BIO)]), [finding(10), finding(50)]);
    const byRule = tally([result], (x: { rule: string }) => x.rule);
    expect(byRule.get(LOG)).toMatchObject({ tp: 1, fn: 0, fp: 1, precision: 0.5, recall: 1 });
    expect(byRule.get(BIO)).toMatchObject({ tp: 0, fn: 1, fp: 0, precision: null, recall: 0 });
  });
});

describe('the baseline check', () => {
  it('reports each corpus figure that dropped, and nothing when none did', () => {
    const corpus = { ...matchUnit(unit([site(10), site(20)]), [finding(10)]), source: 'cn-frameworks' };
    const summary = summarise([corpus]);
    const at = { corpora: { 'cn-frameworks': { [LOG]: { precision: 1, recall: 0.5 } } } };
    expect(compareWithBaseline(summary, at)).toEqual([]);
    const higher = { corpora: { 'cn-frameworks': { [LOG]: { precision: 1, recall: 1 } } } };
    expect(compareWithBaseline(summary, higher)).toEqual([`cn-frameworks ${LOG} recall: 1.00 in the baseline, 0.50 now`]);
    expect(compareWithBaseline(summary, { corpora: { gone: {} } })).toEqual(['corpus gone is in the baseline but was not scanned']);
  });
});

describe('eval/run.mjs', () => {
  const root = path.join(__dirname, '..', '..');

  function corpusFixture(): string {
    const evalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-eval-'));
    const corpus = path.join(evalDir, 'corpora', 'tiny', 'crm');
    fs.mkdirSync(path.join(corpus, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(corpus, 'src', 'booking.ts'),
      [
        'export function confirm(booking: { customerName: string; idCardNo: string; userId: string }): void {',
        '  console.log(`test drive for ${booking.customerName}, ID ${booking.idCardNo}`);',
        '  console.log(`user ${booking.userId}`);',
        '}',
        '',
      ].join('\n'),
    );
    const tiny = path.join(evalDir, 'corpora', 'tiny');
    fs.writeFileSync(path.join(tiny, 'corpus.json'), JSON.stringify({ author: 't', written: 'today', projects: [{ dir: 'crm', ecosystems: ['node'], language: 'ts', description: 'dealer crm' }] }));
    fs.writeFileSync(path.join(tiny, 'expected.json'), JSON.stringify([{ file: 'crm/src/booking.ts', line: 2, rule: LOG, reason: 'ID number logged' }]));
    fs.writeFileSync(path.join(tiny, 'negatives.json'), JSON.stringify([{ file: 'crm/src/booking.ts', line: 3, rule: LOG, reason: 'internal key' }]));
    fs.writeFileSync(
      path.join(evalDir, 'repos.json'),
      JSON.stringify({ repos: [{ repo: 'someone/absent', commit: 'a'.repeat(40), domain: 'crm', ecosystems: ['koa'], language: 'js' }] }),
    );
    fs.mkdirSync(path.join(evalDir, 'labels'));
    fs.writeFileSync(path.join(evalDir, 'labels', 'someone+absent.json'), JSON.stringify({ repo: 'someone/absent', commit: 'a'.repeat(40), sites: [] }));
    return evalDir;
  }

  it('scores a corpus, says which checkouts are missing, writes its results and checks the baseline', () => {
    const evalDir = corpusFixture();
    const output = path.join(evalDir, 'results', 'latest.json');
    const run = (extra: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'eval', 'run.mjs'), '--labels', evalDir, '--field', path.join(evalDir, 'field'), ...extra], { encoding: 'utf8' });
    const first = run(['--write-baseline']);
    expect(first.stderr).toContain('skipped: someone/absent');
    expect(first.status).toBe(0);
    const record = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(record.summary.bySourceAndRule.tiny[LOG]).toMatchObject({ tp: 1, fn: 0, fp: 0, precision: 1, recall: 1 });
    expect(record.skipped).toEqual(['someone/absent']);
    expect(first.stdout).toContain('| corpus tiny | 1 | 1 | 0 | 0 | 1.00 | 1.00 | 1.00 |');
    const check = run(['--check-baseline', '--corpora-only']);
    expect(check.status).toBe(0);
    expect(check.stderr).toContain('every corpus is at or above its baseline');
    // A corpus that falls below its baseline fails the check and says which figure dropped.
    fs.writeFileSync(path.join(evalDir, 'corpora', 'tiny', 'expected.json'), JSON.stringify([
      { file: 'crm/src/booking.ts', line: 2, rule: LOG, reason: 'ID number logged' },
      { file: 'crm/src/booking.ts', line: 4, rule: BIO, reason: 'a site nothing reports' },
    ]));
    fs.writeFileSync(path.join(evalDir, 'results', 'baseline.json'), JSON.stringify({ corpora: { tiny: { [BIO]: { precision: null, recall: 1 } } } }));
    const drop = run(['--check-baseline', '--corpora-only']);
    expect(drop.status).toBe(1);
    expect(drop.stderr).toContain(`tiny ${BIO} recall: 1.00 in the baseline, 0.00 now`);
  });
});

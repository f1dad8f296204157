/**
 * `--shard i/n` and `piilint merge-sarif` (issue #9): the option maps to `ScanRequest.shard` (0-based) and is
 * validated; shards of a real project partition its findings; merging their SARIF gives the full scan's results in
 * one run that validates against the SARIF 2.1.0 schema; merging is strict about its inputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Log, Result, Run } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../server/src/cli/cli-io';
import { mergeSarifLogs } from '../../server/src/cli/merge-sarif';
import { runCliWith } from '../../server/src/cli/run-cli';
import { CWD, fakeCliDependencies } from './sample-result';
import { AUDIT, CUSTOMER_LOG, makeTempFolder, piilint, readText, sarifSchemaErrors, writeFiles } from './git-project';

function captureIo(): { io: CliIo; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      cwd: CWD,
      isStderrTTY: false,
      env: {},
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}


describe('--shard (in-process)', () => {
  it('passes shard i of n to the engine as the 0-based index', async () => {
    for (const [given, expected] of [
      ['2/4', { index: 1, count: 4 }],
      ['1/1', { index: 0, count: 1 }],
      ['4/4', { index: 3, count: 4 }],
    ] as const) {
      const deps = fakeCliDependencies();
      const { io } = captureIo();
      expect(await runCliWith(['--shard', given], io, deps)).toBe(0);
      expect(deps.requests[0]!.shard).toEqual(expected);
    }
    const deps = fakeCliDependencies();
    await runCliWith([], captureIo().io, deps);
    expect(deps.requests[0]!.shard).toBeUndefined();
  });

  it('rejects anything but i/n with 1 ≤ i ≤ n: exit 2, one line, no scan', async () => {
    for (const given of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/4', '1.5/4', '2/4/8', '']) {
      const deps = fakeCliDependencies();
      const { io, stdout, stderr } = captureIo();
      expect(await runCliWith(['--shard', given], io, deps)).toBe(2);
      expect(stderr()).toMatch(/^piilint: option '--shard <i\/n>' argument '[^']*' is invalid\. Expected i\/n with 1 ≤ i ≤ n, such as 2\/4 for the second of four shards\. Run `piilint --help` for the options\.\n$/);
      expect(stdout()).toBe('');
      expect(deps.requests).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Spawned: shards of a real project, merged
// ---------------------------------------------------------------------------------------------------------------

let tempRoot: string;

beforeAll(() => {
  tempRoot = makeTempFolder('piilint-shard-');
});

afterAll(() => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

const SERVICES = ['booking', 'test-drive', 'trade-in', 'finance', 'service-visit', 'warranty', 'parts', 'delivery'];

/** A dealer platform with one ID-number log per service, and a shared logger imported across shards. */
function dealerPlatform(name: string): string {
  const folder = path.join(tempRoot, name);
  const files: Record<string, string> = {
    'src/shared/audit.ts': "export function audit(event: string, value: string): void {\n  console.info(event, value);\n}\n",
  };
  for (const service of SERVICES) {
    const camel = service.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    files[`src/${service}/${service}.service.ts`] = [
      "import { audit } from '../shared/audit';",
      '',
      `export function record${camel[0]!.toUpperCase()}${camel.slice(1)}(customer: { name: string; idCardNo: string }): void {`,
      `  console.info('${service}', customer.idCardNo);`,
      `  audit('${service}', customer.name);`,
      '}',
      '',
    ].join('\n');
  }
  writeFiles(folder, files);
  return folder;
}

type SarifLog = Log & { runs: [Run & { results: Result[] }] };

function fingerprints(log: SarifLog): string[] {
  return log.runs[0].results.map((result) => result.partialFingerprints?.['piilint/v1'] ?? '').sort();
}

describe('--shard and merge-sarif (spawned)', () => {
  it('splits the findings across shards without overlap, and merge-sarif puts the full report back together', () => {
    const folder = dealerPlatform('platform');
    const full = piilint(['--format', 'sarif', '--output', 'full.sarif'], folder);
    expect(full.status).toBe(1);
    const fullLog = JSON.parse(readText(folder, 'full.sarif')) as SarifLog;
    expect(fullLog.runs[0].results).toHaveLength(SERVICES.length);

    const shardPrints: string[][] = [];
    for (const shard of [1, 2, 3]) {
      const run = piilint(['--shard', `${shard}/3`, '--format', 'sarif', '--output', `shards/piilint-${shard}.sarif`], folder);
      expect([0, 1]).toContain(run.status);
      const log = JSON.parse(readText(folder, `shards/piilint-${shard}.sarif`)) as SarifLog;
      expect(sarifSchemaErrors(log)).toEqual([]);
      shardPrints.push(fingerprints(log));
    }
    // Every finding in exactly one shard, and more than one shard has work (the hash spreads eight files).
    expect(shardPrints.flat().sort()).toEqual(fingerprints(fullLog));
    expect(shardPrints.filter((prints) => prints.length > 0).length).toBeGreaterThan(1);

    const merge = piilint(['merge-sarif', 'merged/piilint.sarif', 'shards/piilint-1.sarif', 'shards/piilint-2.sarif', 'shards/piilint-3.sarif'], folder);
    expect(merge).toMatchObject({ status: 0, stdout: '' });
    expect(merge.stderr).toMatch(/^piilint: merged 3 SARIF files into merged\/piilint\.sarif: 8 results, \d+ rules\.\n$/);
    const merged = JSON.parse(readText(folder, 'merged/piilint.sarif')) as SarifLog;
    expect(sarifSchemaErrors(merged)).toEqual([]);
    expect(merged.runs).toHaveLength(1);
    expect(fingerprints(merged)).toEqual(fingerprints(fullLog));
    // The same rules, listed once, with every result pointing at its rule.
    const rules = merged.runs[0].tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toEqual((fullLog.runs[0].tool.driver.rules ?? []).map((rule) => rule.id));
    for (const result of merged.runs[0].results) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
    expect(merged.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    expect(merged.runs[0].results.map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual(
      fullLog.runs[0].results.map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri),
    );
  });

  it('reports a flow that crosses two shards once, in the shard where its path starts', () => {
    // customer-log.ts passes a plate number to audit() in audit.ts. The shard of audit.ts does not analyse its caller;
    // the shard of customer-log.ts does (it reads audit.ts through the import) and reports the finding at the sink.
    // Sharded runs list no stale baseline entries: a shard cannot tell what another shard found.
    const folder = path.join(tempRoot, 'cross-shard');
    writeFiles(folder, { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/shared/audit.ts': AUDIT });
    const full = JSON.parse(piilint(['--format', 'json'], folder).stdout) as { findings: { file: string }[] };
    expect(full.findings.map((finding) => finding.file)).toEqual(['src/crm/customer-log.ts', 'src/shared/audit.ts']);
    const sharded = [1, 2, 3, 4].flatMap(
      (shard) => (JSON.parse(piilint(['--format', 'json', '--shard', `${shard}/4`], folder).stdout) as { findings: { file: string }[] }).findings,
    );
    expect(sharded.map((finding) => finding.file).sort()).toEqual(['src/crm/customer-log.ts', 'src/shared/audit.ts']);

    // A baseline of the full scan: the shards match what they see and call nothing stale.
    expect(piilint(['baseline', 'create'], folder).status).toBe(0);
    for (const shard of [1, 2, 3, 4]) {
      const report = JSON.parse(piilint(['--format', 'json', '--shard', `${shard}/4`, '--baseline', 'piilint.baseline.json'], folder).stdout) as {
        findings: unknown[];
        baseline: { stale: unknown[] };
      };
      expect(report.findings).toEqual([]);
      expect(report.baseline.stale).toEqual([]);
    }
  });

  it('exits 2 with one line for a missing, broken or foreign input, and for a missing argument', () => {
    const folder = dealerPlatform('merge-errors');
    writeFiles(folder, {
      'broken.sarif': '{"version": "2.1.0", "runs": [',
      'eslint.sarif': JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'ESLint' } }, results: [] }] }),
      'not-sarif.json': JSON.stringify({ findings: [] }),
    });
    const cases: [string[], RegExp][] = [
      [['out.sarif', 'missing.sarif'], /^piilint: No SARIF file at missing\.sarif \(looked for .*\)\. /],
      [['out.sarif', 'broken.sarif'], /^piilint: broken\.sarif is not valid JSON \(.*\)\. Was the shard's run interrupted\? Run it again\.\n$/],
      [['out.sarif', 'eslint.sarif'], /^piilint: eslint\.sarif has a run of "ESLint", not piilint\. /],
      [['out.sarif', 'not-sarif.json'], /^piilint: not-sarif\.json is not a SARIF 2\.1\.0 log /],
      [['out.sarif'], /^piilint: missing required argument 'in'\. Run `piilint merge-sarif --help` for the options\.\n$/],
    ];
    for (const [args, message] of cases) {
      const run = piilint(['merge-sarif', ...args], folder);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.split('\n')).toHaveLength(2);
    }
    expect(fs.existsSync(path.join(folder, 'out.sarif'))).toBe(false);
  });
});

describe('mergeSarifLogs', () => {
  const rule = (id: string) => ({ id, shortDescription: { text: id } });
  const result = (ruleId: string, ruleIndex: number, uri: string, fingerprint: string, extra: Partial<Result> = {}): Result => ({
    ruleId,
    ruleIndex,
    message: { text: ruleId },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 1 } } }],
    partialFingerprints: { 'piilint/v1': fingerprint },
    ...extra,
  });
  const log = (rules: string[], results: Result[], uri: string, extra: Record<string, unknown> = {}): Log => ({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'piilint', version: '0.1.0', rules: rules.map(rule) } },
        artifacts: [{ location: { uri, uriBaseId: '%SRCROOT%' } }],
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ message: { text: `notice from ${uri}` } }] }],
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///work/showroom/' } },
        results,
        ...extra,
      },
    ],
  });

  it('re-indexes rules and artifacts, merges invocations, adds up baseline counts and reconciles stale entries', () => {
    const first = log(['rule-a', 'rule-b'], [result('rule-b', 1, 'src/b.ts', '00000000000000b1')], 'src/b.ts', {
      properties: { 'piilint/baseline': { file: 'piilint.baseline.json', matched: 1, new: 1, stale: [{ fingerprint: 'eeeeeeeeeeeeeeee' }, { fingerprint: 'ffffffffffffffff' }] } },
    });
    const second = log(
      ['rule-c', 'rule-a'],
      [
        result('rule-a', 1, 'src/a.ts', '00000000000000a1', { properties: { 'piilint/baselineEntry': 'eeeeeeeeeeeeeeee' }, baselineState: 'unchanged' }),
        result('rule-c', 0, 'src/a.ts', '00000000000000c1'),
      ],
      'src/a.ts',
      { properties: { 'piilint/baseline': { file: 'piilint.baseline.json', matched: 2, new: 0, stale: [] } } },
    );
    second.runs[0]!.invocations![0]!.executionSuccessful = false;

    const merged = mergeSarifLogs([
      { name: 'one.sarif', log: first },
      { name: 'two.sarif', log: second },
      { name: 'two-again.sarif', log: second },
    ]);
    expect(sarifSchemaErrors(merged)).toEqual([]);
    const run = merged.runs[0]!;
    expect(run.tool.driver.rules!.map((item) => item.id)).toEqual(['rule-a', 'rule-b', 'rule-c']);
    expect(run.artifacts!.map((artifact) => artifact.location!.uri)).toEqual(['src/b.ts', 'src/a.ts']);
    expect(
      run.results!.map((item) => [item.ruleId, item.ruleIndex, item.locations![0]!.physicalLocation!.artifactLocation!.uri, item.locations![0]!.physicalLocation!.artifactLocation!.index]),
    ).toEqual([
      ['rule-a', 0, 'src/a.ts', 1],
      ['rule-c', 2, 'src/a.ts', 1],
      ['rule-b', 1, 'src/b.ts', 0],
    ]);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { message: { text: 'notice from src/b.ts' } },
          { message: { text: 'notice from src/a.ts' } },
          { message: { text: 'notice from src/a.ts' } },
        ],
      },
    ]);
    // Entry eeee… is stale in the first shard but matched in the second (a renamed file), so it is not stale.
    expect(run.properties).toEqual({
      'piilint/baseline': { file: 'piilint.baseline.json', matched: 5, new: 1, stale: [{ fingerprint: 'ffffffffffffffff' }] },
    });
  });

  it('refuses logs of different piilint versions', () => {
    const older = log(['rule-a'], [], 'src/a.ts');
    older.runs[0]!.tool.driver.version = '0.0.9';
    expect(() => mergeSarifLogs([{ name: 'a.sarif', log: log(['rule-a'], [], 'src/a.ts') }, { name: 'b.sarif', log: older }])).toThrow(
      'b.sarif was written by piilint 0.0.9, a.sarif by piilint 0.1.0. Run every shard with the same piilint version.',
    );
  });
});

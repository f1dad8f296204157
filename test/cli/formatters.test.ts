import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/findings/finding';
import { formatJson, toJsonReport } from '../../server/src/cli/formatters/json';
import { FINGERPRINT_KEY, formatSarif, ruleHelpUri, toSarifLog } from '../../server/src/cli/formatters/sarif';
import { describePath, formatStylish } from '../../server/src/cli/formatters/stylish';
import { toArtifactLocation, toBaseUri, toReportPath } from '../../server/src/cli/formatters/report-paths';
import { FORMATTERS, FORMAT_NAMES } from '../../server/src/cli/formatters';
import {
  BIOMETRIC_FINDING,
  CONTEXT,
  CWD,
  ID_NUMBER_FINDING,
  PARSE_ERROR_FINDING,
  SUPPRESSED_FINDING,
  file,
  range,
  sampleResult,
} from './sample-result';

const ANSI = /\u001b\[\d+m/;

describe('stylish', () => {
  it('groups by file with file:line:col, severity, message and rule id, the flow, and a summary', () => {
    expect(formatStylish(sampleResult(), CONTEXT)).toMatchSnapshot();
  });

  it('prints each finding on a clickable file:line:col line followed by its flow', () => {
    const lines = formatStylish(sampleResult(), CONTEXT).split('\n');
    const index = lines.findIndex((line) => line.includes('no-unconsented-biometric-storage'));
    expect(lines[index]).toMatch(/^ {2}src\/kiosk\/enroll\.ts:14:5 +error +Face descriptor stored .* no-unconsented-biometric-storage$/);
    expect(lines[index + 1]).toBe(
      '    ↳ 9:22 face descriptor from face-api.js → 11:9 assigned to template → 14:5 passed to saveTemplate',
    );
  });

  it('names the file of a flow step in another file', () => {
    const text = formatStylish(sampleResult({ findings: [ID_NUMBER_FINDING] }), CONTEXT);
    expect(text).toContain('↳ src/crm/customer.ts:4:3 name `idCardNo` → 20:10 passed to describeCustomer');
  });

  it('hides suppressed findings and counts only the others', () => {
    const text = formatStylish(sampleResult(), CONTEXT);
    expect(text).not.toContain('no-unanonymized-camera-egress');
    expect(text).toContain('✖ 3 problems (2 errors, 1 warning)');
    expect(text).toContain('1 of them can be fixed automatically with `piilint --fix`.');
  });

  it('prints nothing when there is nothing to report', () => {
    expect(formatStylish(sampleResult({ findings: [] }), CONTEXT)).toBe('');
    expect(formatStylish(sampleResult({ findings: [SUPPRESSED_FINDING] }), CONTEXT)).toBe('');
  });

  it('colours only when asked to', () => {
    expect(formatStylish(sampleResult(), CONTEXT)).not.toMatch(ANSI);
    expect(formatStylish(sampleResult(), { ...CONTEXT, isColored: true })).toMatch(ANSI);
  });

  it('uses singular words and a warning-only summary', () => {
    const text = formatStylish(sampleResult({ findings: [ID_NUMBER_FINDING] }), CONTEXT);
    expect(text).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect(text).not.toContain('--fix');
  });

  it('writes the summary in Chinese for the zh-CN locale', () => {
    const text = formatStylish(sampleResult({ locale: 'zh-CN' }), CONTEXT);
    expect(text).toContain('✖ 3 个问题（2 个错误，1 个警告）');
  });

  it('shortens long flows to their first and last steps', () => {
    const steps = Array.from({ length: 8 }, (_, index) => ({
      kind: index === 0 ? ('source' as const) : index === 7 ? ('sink' as const) : ('step' as const),
      range: range('src/a.ts', index + 1, 1, 5),
      message: `s${index}`,
    }));
    expect(describePath(steps, file('src/a.ts'), CWD)).toBe('1:1 s0 → 2:1 s1 → … 4 more … → 7:1 s6 → 8:1 s7');
  });
});

describe('json', () => {
  it('has the documented stable shape', () => {
    expect(formatJson(sampleResult(), CONTEXT)).toMatchSnapshot();
  });

  it('reports files relative to cwd, all positions, the flow, fingerprints and suppressions', () => {
    const report = JSON.parse(formatJson(sampleResult(), CONTEXT)) as ReturnType<typeof toJsonReport>;
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'piilint', version: '0.1.0' });
    expect(report.summary).toEqual({ errorCount: 2, warningCount: 1, infoCount: 0, suppressedCount: 1, fixableCount: 1 });
    const [biometric, , suppressed, parseError] = report.findings;
    expect(biometric).toMatchObject({
      ruleId: 'no-unconsented-biometric-storage',
      severity: 'error',
      file: 'src/kiosk/enroll.ts',
      line: 14,
      column: 5,
      endLine: 14,
      endColumn: 37,
      fingerprint: '3f0a9c1d2b4e5f60',
      suppression: null,
      isFixable: true,
    });
    expect(biometric?.path.map((step) => [step.kind, step.file, step.line])).toEqual([
      ['source', 'src/kiosk/enroll.ts', 9],
      ['step', 'src/kiosk/enroll.ts', 11],
      ['sink', 'src/kiosk/enroll.ts', 14],
    ]);
    expect(suppressed?.suppression).toEqual({
      kind: 'inSource',
      justification: 'frames are blurred on the gateway before storage',
      line: 39,
      column: 7,
    });
    expect(parseError?.file).toBe('src/展厅 files/a b.ts');
    expect(report.notices).toEqual([
      expect.objectContaining({ code: 'file-too-large', file: 'public/vendor.min.js' }),
      expect.objectContaining({ code: 'budget-exceeded', file: null }),
    ]);
    expect(report.stats.filesAnalysed).toBe(12);
  });
});

describe('sarif', () => {
  const log = toSarifLog(sampleResult(), CONTEXT);
  const run = log.runs[0]!;

  it('matches the snapshot', () => {
    expect(formatSarif(sampleResult(), CONTEXT)).toMatchSnapshot();
  });

  it('describes the tool and every rule, engine pseudo-rules included', () => {
    expect(log.version).toBe('2.1.0');
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'piilint', version: '0.1.0', informationUri: 'https://github.com/piilint/piilint' });
    expect(driver.rules?.map((rule) => rule.id)).toEqual([
      'no-unconsented-biometric-storage',
      'no-id-number-logging',
      'no-unanonymized-camera-egress',
      'parse-error',
      'invalid-suppression',
      'unused-suppression',
    ]);
    const biometric = driver.rules![0]!;
    expect(biometric).toMatchObject({
      shortDescription: { text: 'Description of no-unconsented-biometric-storage.' },
      fullDescription: { text: 'Description of no-unconsented-biometric-storage. GDPR Art. 9(1); PIPL Art. 28.' },
      helpUri: 'https://github.com/piilint/piilint/blob/main/rules/no-unconsented-biometric-storage/README.md',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.1', precision: 'high', tags: ['privacy', 'pii', 'security'] },
    });
    expect(biometric.help?.text).toContain('GDPR Art. 9(1)');
    expect(driver.rules![1]!.properties?.['security-severity']).toBe('6.0');
    expect(driver.rules![1]!.defaultConfiguration?.level).toBe('warning');
    expect(driver.rules![2]!.properties?.tags).toEqual(['privacy', 'security']);
    const parseError = driver.rules![3]!;
    expect(parseError.helpUri).toBe('https://github.com/piilint/piilint/blob/main/docs/cli.md');
    expect(parseError.properties).not.toHaveProperty('security-severity');
  });

  it('points each result at its rule and its location relative to %SRCROOT%', () => {
    const [biometric, idNumber, , parseError] = run.results!;
    expect(biometric).toMatchObject({ ruleId: 'no-unconsented-biometric-storage', ruleIndex: 0, level: 'error' });
    expect(idNumber).toMatchObject({ ruleId: 'no-id-number-logging', ruleIndex: 1, level: 'warning' });
    expect(biometric!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/kiosk/enroll.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 5, endLine: 14, endColumn: 37 },
    });
    expect(parseError!.locations![0]!.physicalLocation?.artifactLocation?.uri).toBe(
      'src/%E5%B1%95%E5%8E%85%20files/a%20b.ts',
    );
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe('file:///projects/showroom/');
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('turns the flow into a code flow with messages and kinds', () => {
    const locations = run.results![1]!.codeFlows![0]!.threadFlows[0]!.locations;
    expect(locations.map((location) => location.kinds)).toEqual([
      ['source', 'taint'],
      ['call', 'taint'],
      ['return', 'taint'],
      ['sink', 'taint'],
    ]);
    expect(locations[0]!.location?.message?.text).toBe('name `idCardNo`');
    expect(locations[0]!.location?.physicalLocation?.artifactLocation?.uri).toBe('src/crm/customer.ts');
    expect(run.results![3]!.codeFlows).toBeUndefined();
  });

  it('carries fingerprints and in-source suppressions', () => {
    expect(run.results![0]!.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: '3f0a9c1d2b4e5f60' });
    expect(FINGERPRINT_KEY).toBe('piilint/v1');
    expect(run.results![2]!.suppressions).toEqual([
      expect.objectContaining({ kind: 'inSource', justification: 'frames are blurred on the gateway before storage' }),
    ]);
    expect(run.results![0]!.suppressions).toBeUndefined();
  });

  it('reports notices as tool execution notifications and an internal error as an unsuccessful run', () => {
    expect(run.invocations![0]!.executionSuccessful).toBe(true);
    expect(run.invocations![0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', descriptor: { id: 'file-too-large' } }),
      expect.objectContaining({ level: 'note', descriptor: { id: 'budget-exceeded' } }),
    ]);
    const failed = toSarifLog(
      sampleResult({ notices: [{ level: 'error', code: 'internal-error', message: 'boom', file: file('src/x.ts') }] }),
      CONTEXT,
    );
    expect(failed.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
  });

  it('names engine rules differently from privacy rules in helpUri', () => {
    expect(ruleHelpUri('unused-suppression')).toBe('https://github.com/piilint/piilint/blob/main/docs/cli.md');
    expect(ruleHelpUri('no-id-number-logging')).toBe(
      'https://github.com/piilint/piilint/blob/main/rules/no-id-number-logging/README.md',
    );
  });
});

describe('report paths', () => {
  it('uses forward slashes relative to cwd', () => {
    expect(toReportPath(CWD, file('src/kiosk/enroll.ts'))).toBe('src/kiosk/enroll.ts');
  });

  it('gives SARIF files outside cwd an absolute file URI and no base', () => {
    const outside = `${CWD}-shared/log.ts`;
    expect(toArtifactLocation(CWD, outside)).toEqual({ uri: 'file:///projects/showroom-shared/log.ts' });
    expect(toArtifactLocation(CWD, file('a:b.ts'))).toEqual({ uri: 'a%3Ab.ts', uriBaseId: '%SRCROOT%' });
    expect(toBaseUri(CWD)).toBe('file:///projects/showroom/');
  });
});

describe('formatter registry', () => {
  it('offers stylish, json, sarif, github and gitlab, all pure: the same input gives the same text', () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'gitlab']);
    for (const name of FORMAT_NAMES) {
      const findings: Finding[] = [BIOMETRIC_FINDING, PARSE_ERROR_FINDING];
      const first = FORMATTERS[name](sampleResult({ findings }), CONTEXT);
      expect(FORMATTERS[name](sampleResult({ findings }), CONTEXT)).toBe(first);
    }
  });
});

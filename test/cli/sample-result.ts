/**
 * A constructed scan result for formatter tests: a dealer-showroom project with a face-enrolment kiosk, a CRM
 * logger and a camera uploader, written out by hand so the formatters can be tested before and apart from the engine.
 */
import * as path from 'node:path';
import type { Finding, FlowStep, Notice, SourceRange } from '../../server/src/engine/findings/finding';
import { ENGINE_RULES } from '../../server/src/engine/findings/engine-rules';
import type { AnyRule, RuleMeta } from '../../server/src/engine/rule-api';
import type { ScanRequest, ScanResult } from '../../server/src/engine/scan-types';
import type { CliDependencies } from '../../server/src/cli/run-cli';

export const CWD = path.resolve('/projects/showroom');

export function file(relative: string): string {
  return path.join(CWD, ...relative.split('/'));
}

export function range(relative: string, line: number, column: number, endColumn: number, offset = line * 100 + column): SourceRange {
  return { file: file(relative), line, column, endLine: line, endColumn, offset, length: endColumn - column };
}

function step(kind: FlowStep['kind'], at: SourceRange, message: string): FlowStep {
  return { kind, range: at, message };
}

function fakeRule(meta: Partial<RuleMeta> & Pick<RuleMeta, 'id'>): AnyRule {
  return {
    meta: {
      description: { en: `Description of ${meta.id}.`, 'zh-CN': `${meta.id} 的说明。` },
      defaultSeverity: 'error',
      securitySeverity: 7.5,
      precision: 'high',
      legalBasis: { en: 'GDPR Art. 9(1); PIPL Art. 28.', 'zh-CN': '《个人信息保护法》第二十八条。' },
      tags: ['privacy', 'pii'],
      hasSafeFix: false,
      hasSuggestions: false,
      ...meta,
    },
    optionsSchema: {},
    defaultOptions: {},
    messages: {},
    createModels: () => ({}),
    requiresGuard: () => false,
    describe: () => ({ messageId: 'x', data: {} }),
  };
}

export const SAMPLE_RULES: readonly AnyRule[] = [
  fakeRule({ id: 'no-unconsented-biometric-storage', securitySeverity: 8.1, hasSafeFix: true }),
  fakeRule({ id: 'no-id-number-logging', defaultSeverity: 'warning', securitySeverity: 6, precision: 'very-high' }),
  fakeRule({ id: 'no-unanonymized-camera-egress', securitySeverity: 7.2, precision: 'medium', tags: ['privacy', 'security'] }),
  ...ENGINE_RULES,
];

const enrollSink = range('src/kiosk/enroll.ts', 14, 5, 37, 412);

export const BIOMETRIC_FINDING: Finding = {
  ruleId: 'no-unconsented-biometric-storage',
  severity: 'error',
  messageId: 'storedWithoutConsent',
  message:
    'Face descriptor stored by saveTemplate without a separate consent check. Biometric data is a special category (GDPR Art. 9(1)); call hasBiometricConsent(customerId) first.',
  range: enrollSink,
  path: [
    step('source', range('src/kiosk/enroll.ts', 9, 22, 58, 250), 'face descriptor from face-api.js'),
    step('step', range('src/kiosk/enroll.ts', 11, 9, 17, 330), 'assigned to template'),
    step('sink', enrollSink, 'passed to saveTemplate'),
  ],
  sinkCall: range('src/kiosk/enroll.ts', 13, 3, 6, 380),
  fingerprint: '3f0a9c1d2b4e5f60',
  fixes: [
    {
      title: 'Check consent with hasBiometricConsent before storing',
      isSafe: true,
      isPreferred: true,
      edits: [{ file: file('src/kiosk/enroll.ts'), start: 408, end: 408, newText: 'if (!hasBiometricConsent(id)) return;\n    ' }],
    },
  ],
  data: { sink: 'saveTemplate' },
};

const logSink = range('src/crm/customer-log.ts', 27, 3, 41, 880);

export const ID_NUMBER_FINDING: Finding = {
  ruleId: 'no-id-number-logging',
  severity: 'warning',
  messageId: 'idNumberLogged',
  message: 'National ID number customer.idCardNo is written to the log. Mask it with maskIdNumber() before logging.',
  range: logSink,
  path: [
    step('source', range('src/crm/customer.ts', 4, 3, 11, 60), 'name `idCardNo`'),
    step('call', range('src/crm/customer-log.ts', 20, 10, 30, 700), 'passed to describeCustomer'),
    step('return', range('src/crm/customer-log.ts', 22, 3, 25, 760), 'returned from describeCustomer'),
    step('sink', logSink, 'logged by console.info'),
  ],
  fingerprint: 'a1b2c3d4e5f60718',
  fixes: [],
  data: { field: 'customer.idCardNo' },
};

const uploadSink = range('src/camera/upload.ts', 40, 7, 30, 1500);

export const SUPPRESSED_FINDING: Finding = {
  ruleId: 'no-unanonymized-camera-egress',
  severity: 'error',
  messageId: 'frameLeavesVehicle',
  message: 'Camera frame leaves the vehicle without face blurring.',
  range: uploadSink,
  path: [
    step('source', range('src/camera/upload.ts', 31, 17, 40, 1200), 'frame from the cabin camera'),
    step('sink', uploadSink, 'published by mqtt'),
  ],
  fingerprint: '0badc0ffee000001',
  fixes: [],
  suppression: {
    kind: 'inSource',
    justification: 'frames are blurred on the gateway before storage',
    range: range('src/camera/upload.ts', 39, 7, 90, 1420),
  },
  data: {},
};

export const PARSE_ERROR_FINDING: Finding = {
  ruleId: 'parse-error',
  severity: 'error',
  messageId: 'parseError',
  message: "Cannot parse this file: ')' expected. piilint skipped it, so privacy problems in it are not reported; fix the syntax error and run again.",
  range: range('src/展厅 files/a b.ts', 3, 12, 13, 40),
  path: [],
  fingerprint: 'feedfacecafe0002',
  fixes: [],
  data: { detail: "')' expected" },
};

export const SAMPLE_NOTICES: readonly Notice[] = [
  { level: 'warning', code: 'file-too-large', message: 'Skipped: 3.1 MiB is larger than maxFileSize (2 MiB).', file: file('public/vendor.min.js') },
  { level: 'info', code: 'budget-exceeded', message: 'Call depth budget (8) ran out in src/kiosk/pipeline.ts; deeper calls were not followed.' },
];

export function sampleResult(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    cwd: CWD,
    findings: [BIOMETRIC_FINDING, ID_NUMBER_FINDING, SUPPRESSED_FINDING, PARSE_ERROR_FINDING],
    notices: SAMPLE_NOTICES,
    stats: {
      filesDiscovered: 14,
      filesAnalysed: 12,
      filesSkipped: 2,
      functionsSummarised: 87,
      functionsComputed: 87,
      budgetsHit: ['callDepth'],
      timings: { discover: 12, parse: 340, analyse: 512, report: 4 },
      durationMs: 870,
    },
    configs: [],
    rules: SAMPLE_RULES,
    locale: 'en',
    texts: new Map(),
    ...overrides,
  };
}

export const CONTEXT = { cwd: CWD, toolVersion: '0.1.0', isColored: false } as const;

/**
 * CLI dependencies for in-process runs: the scan answers `result` (one ID-number finding by default) and records
 * each request; loading a config or applying fixes fails the test unless `overrides` provides them.
 */
export function fakeCliDependencies(overrides: Partial<CliDependencies> & { result?: ScanResult } = {}): CliDependencies & { requests: ScanRequest[] } {
  const requests: ScanRequest[] = [];
  const result = overrides.result ?? sampleResult({ findings: [ID_NUMBER_FINDING], notices: [] });
  return {
    requests,
    scan: async (request) => {
      requests.push(request);
      return result;
    },
    rules: SAMPLE_RULES,
    findConfigFile: () => undefined,
    loadConfig: () => {
      throw new Error('loadConfig not expected');
    },
    applyFixes: async () => {
      throw new Error('applyFixes not expected');
    },
    toolVersion: '0.1.0',
    now: () => 0,
    ...overrides,
  };
}

/**
 * The SARIF report validates against the SARIF 2.1.0 JSON schema.
 * Schema source: the npm package `@microsoft/sarif-multitool-ts` (Microsoft's SARIF SDK, MIT), file
 * `assets/sarif-2.1.0.schema.json`: the SDK's copy of the OASIS SARIF 2.1.0 schema, expressed in JSON Schema
 * draft 2020-12 (the OASIS file itself is draft-07; no npm package ships that one unmodified). It is read from
 * node_modules, not vendored. The package's `exports` do not expose `assets/`, hence the path.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../server/src/cli/formatters/sarif';
import { BIOMETRIC_FINDING, CONTEXT, CWD, file, range, sampleResult } from './sample-result';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMA_FILE = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-ts', 'assets', 'sarif-2.1.0.schema.json');

function compileSchema() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // strict: false because the schema uses `definitions` and descriptions Ajv's strict mode would flag.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = compileSchema();

function expectValid(text: string): void {
  const isValid = validate(JSON.parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(isValid).toBe(true);
}

describe('SARIF against the 2.1.0 schema', () => {
  it('uses the SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as { title: string };
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it('accepts the sample report: flows, suppressions, notices, engine rules, encoded paths', () => {
    expectValid(formatSarif(sampleResult(), CONTEXT));
  });

  it('accepts an empty run', () => {
    expectValid(formatSarif(sampleResult({ findings: [], notices: [] }), CONTEXT));
  });

  it('accepts the zh-CN locale, files outside cwd and an unsuccessful run', () => {
    const outside = { ...BIOMETRIC_FINDING, range: { ...range('x.ts', 1, 1, 2), file: path.join(`${CWD}-shared`, 'log.ts') } };
    expectValid(
      formatSarif(
        sampleResult({
          locale: 'zh-CN',
          findings: [outside],
          notices: [{ level: 'error', code: 'internal-error', message: 'boom', file: file('src/x.ts') }],
        }),
        CONTEXT,
      ),
    );
  });

  it('accepts a real report of the spawned CLI: a flow, a suppression, a parse error', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-sarif-'));
    try {
      const write = (relative: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
        fs.writeFileSync(path.join(folder, relative), text);
      };
      const logVisit = (name: string) => `export function ${name}(customer: { idCardNo: string }) {\n  console.info('visit', customer.idCardNo);\n}\n`;
      write('src/crm/visit log.ts', logVisit('logVisit'));
      write(
        'src/crm/audit.ts',
        logVisit('audit').replace('  console.info', '  // piilint-disable-next-line no-id-number-logging -- encrypted audit store\n  console.info'),
      );
      write('src/kiosk/broken.ts', 'export function enroll(id: string {\n}\n');
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'piilint.js'), '--format', 'sarif'], {
        cwd: folder,
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] };
      expect(log.runs[0]!.results.map((result) => [result.ruleId, result.suppressions !== undefined])).toEqual([
        ['no-id-number-logging', true],
        ['no-id-number-logging', false],
        ['parse-error', false],
      ]);
      expectValid(run.stdout);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects a broken log, so the validation is real', () => {
    const log = JSON.parse(formatSarif(sampleResult(), CONTEXT)) as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });
});

/**
 * Engine: a function the engine fails on costs only that function (issue #8: "an internal error in one file is
 * logged and the rest keeps working"), and a scan can be cancelled between files (the language server, when an
 * edit supersedes a running analysis).
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../server/src/engine/errors';
import { scan } from '../../server/src/engine/scan';
import { findingLines, scanSources, writeProject } from '../support/scan-sources';
import { idRule, testRule } from '../support/test-rules';

/** A rule whose literal validator has a bug that only one string triggers. */
const brittleRule = {
  ...testRule('brittle', {
    sources: [{ kind: 'literal', pattern: 'VIN-[0-9]{4}', validator: 'brittle', description: 'fleet number' }],
    sinks: [{ global: 'console', path: 'log', description: 'console' }],
  }),
  validators: {
    brittle: (text: string) => {
      if (text === 'VIN-0000') throw new TypeError('validator bug');
      return true;
    },
  },
};

describe('resilience', () => {
  it('skips a function the engine fails on, reports it as an internal error, and analyses the rest', async () => {
    const result = await scanSources(
      {
        'src/broken.ts': `export function seed() {\n  console.log('VIN-0000');\n}\nexport function audit(truck: { plateNo: string }) {\n  console.log(truck.plateNo);\n}\n`,
        'src/fine.ts': `export function report() {\n  console.log('VIN-1234');\n}\n`,
      },
      [brittleRule, idRule],
    );
    expect(findingLines(result).sort()).toEqual(['src/broken.ts:5 test-id', 'src/fine.ts:2 brittle']);
    const errors = result.notices.filter((notice) => notice.code === 'internal-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toMatch(/broken\.ts$/);
    expect(errors[0]!.message).toContain('could not analyse seed (line 1): TypeError: validator bug');
  });

  it('stops between files when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++) files[`src/f${index}.ts`] = `export function f${index}(v: { vin: string }) {\n  console.log(v.vin);\n}\n`;
    const root = writeProject(files);
    let checks = 0;
    const signal = {
      get isCancellationRequested() {
        checks++;
        return checks > 3;
      },
    };
    await expect(scan({ cwd: root, paths: [], rules: [idRule], signal })).rejects.toBeInstanceOf(CancelledError);
    const complete = await scan({ cwd: root, paths: [], rules: [idRule] });
    expect(complete.findings).toHaveLength(40);
  });
});

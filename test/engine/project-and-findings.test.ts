/**
 * Engine stages: project (tsconfig discovery, solution-style references, path aliases, no tsconfig, broken
 * tsconfig, never into node_modules) and findings (one per sink, stable fingerprints, locale).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../server/src/engine/project/build-project';
import { scan } from '../../server/src/engine/scan';
import { findingLines, scanSources, writeProject } from '../support/scan-sources';
import { cameraRule, idRule } from '../support/test-rules';

const uplink = `import * as mqtt from 'mqtt';
export function sendFrame(frame: unknown) {
  mqtt.connect('mqtts://tsp.example.com').publish('frames', frame as Buffer); // expect: test-camera
}
`;
const dashcam = `import { grabFrame } from 'camera-hal';
import { sendFrame } from '@telematics/uplink';
export function onCollision() {
  sendFrame(grabFrame('front'));
}
`;

describe('project stage', () => {
  it('resolves path aliases declared in a solution-style tsconfig\'s referenced project', async () => {
    const result = await scanSources(
      {
        'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './packages/vehicle' }] }),
        'packages/vehicle/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@telematics/*': ['src/telematics/*'] } } }),
        'packages/vehicle/src/telematics/uplink.ts': uplink,
        'packages/vehicle/src/dashcam.ts': dashcam,
      },
      [cameraRule],
    );
    expect(findingLines(result)).toEqual(['packages/vehicle/src/telematics/uplink.ts:3 test-camera']);
    expect(result.notices).toEqual([]);
  });

  it('treats the given files as an allowJs project when there is no tsconfig', async () => {
    const result = await scanSources(
      {
        'lib/uplink.mjs': `import mqtt from 'mqtt';\nexport function sendFrame(frame) {\n  mqtt.connect('mqtts://tsp.example.com').publish('frames', frame);\n}\n`,
        'lib/dashcam.cjs': `const { grabFrame } = require('camera-hal');\nconst { sendFrame } = require('./uplink.mjs');\nsendFrame(grabFrame('rear'));\n`,
      },
      [cameraRule],
    );
    expect(findingLines(result)).toEqual(['lib/uplink.mjs:3 test-camera']);
  });

  it('reports a broken tsconfig as a notice and goes on with defaults', async () => {
    const result = await scanSources({ 'tsconfig.json': '{ "compilerOptions": { "strict": true, ', 'src/a.ts': `export function audit(vehicle: { vin: string }) {\n  console.log(vehicle.vin);\n}\n` }, [idRule]);
    expect(result.notices.map((notice) => notice.code)).toContain('tsconfig-error');
    expect(findingLines(result)).toEqual(['src/a.ts:2 test-id']);
  });

  it('never reads into node_modules, even when packages are installed', () => {
    const root = writeProject({
      'node_modules/mqtt/package.json': JSON.stringify({ name: 'mqtt', main: 'index.js', types: 'index.d.ts' }),
      'node_modules/mqtt/index.d.ts': 'export declare function connect(url: string): any;\n',
      'node_modules/mqtt/index.js': 'exports.connect = () => ({});\n',
      'src/uplink.ts': uplink,
    });
    const file = path.join(root, 'src/uplink.ts');
    const built = buildProject([{ path: file, text: fs.readFileSync(file, 'utf8') }], root);
    expect(built.program.getSourceFiles().map((sourceFile) => path.relative(root, sourceFile.fileName))).toEqual(['src/uplink.ts']);
  });
});

describe('findings stage', () => {
  const files = {
    'src/fleet.ts': `export function dispatch(truck: { plateNo: string; driver: string }) {
  console.warn('dispatching ' + truck.plateNo); // expect: test-id
  console.warn('driver ' + truck.driver);
}
`,
  };

  it('keeps a fingerprint when lines are inserted above and other code changes', async () => {
    const before = await scanSources(files, [idRule]);
    const shifted = await scanSources(
      {
        'src/fleet.ts': `// Fleet dispatch (moved below the new helper)\nexport const VERSION = 2;\n\nexport function helper() {\n  return 42;\n}\n\n${files['src/fleet.ts']}`,
      },
      [idRule],
    );
    expect(before.findings).toHaveLength(1);
    expect(shifted.findings).toHaveLength(1);
    expect(shifted.findings[0]!.range.line).toBe(before.findings[0]!.range.line + 7);
    expect(shifted.findings[0]!.fingerprint).toBe(before.findings[0]!.fingerprint);
  });

  it('changes the fingerprint when the sink itself changes', async () => {
    const before = await scanSources(files, [idRule]);
    const changed = await scanSources({ 'src/fleet.ts': files['src/fleet.ts'].replace("'dispatching ' + truck.plateNo", "'sending ' + truck.plateNo") }, [idRule]);
    expect(changed.findings[0]!.fingerprint).not.toBe(before.findings[0]!.fingerprint);
  });

  it('reports one finding per sink argument with the path from source to sink', async () => {
    const result = await scanSources(
      { 'src/checkin.ts': `export function checkIn(v: { plateNo: string }) {\n  const plate = v.plateNo;\n  const again = plate;\n  console.log(plate, again);\n}\n` },
      [idRule],
    );
    expect(result.findings.map((finding) => `${finding.range.line}:${finding.range.column}`)).toEqual(['4:15', '4:22']);
    expect(result.findings[0]!.path.map((step) => step.kind)).toEqual(['source', 'step', 'sink']);
  });

  it('writes messages in the configured locale', async () => {
    const root = writeProject({ ...files, 'piilint.config.json': JSON.stringify({ locale: 'zh-CN' }) });
    const result = await scan({ cwd: root, paths: [], rules: [idRule] });
    expect(result.locale).toBe('zh-CN');
    expect(result.findings[0]!.message).toContain('→');
  });
});

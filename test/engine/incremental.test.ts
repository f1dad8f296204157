/**
 * Engine: re-analysis after an edit (the language server's path). Whatever the session keeps, the result after an
 * edit must equal a fresh scan of the same texts, while recomputing only what the edit can affect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../server/src/engine/scan';
import { Workspace } from '../../server/src/engine/workspace';
import { writeProject } from '../support/scan-sources';
import { cameraRule, faceRule, idRule } from '../support/test-rules';

const rules = [idRule, faceRule, cameraRule];

function projectFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'src/infra/logger.ts': `import winston from 'winston';\nexport const logger = winston.createLogger({ level: 'info' });\n`,
    'src/infra/uplink.ts': `import * as mqtt from 'mqtt';
export class Uplink {
  private readonly client = mqtt.connect('mqtts://tsp.example.com:8883');
  send(topic: string, payload: unknown) { this.client.publish(topic, payload as Buffer); }
}
`,
    'src/vehicle/dashcam.ts': `import { grabFrame } from 'camera-hal';
import { Uplink } from '../infra/uplink';
const uplink = new Uplink();
export function uploadCollision() {
  const frame = grabFrame('front');
  uplink.send('collisions', frame);
}
`,
  };
  for (let index = 0; index < 12; index++) {
    files[`src/crm/service-${index}.ts`] = `import { logger } from '../infra/logger';
export interface Lead${index} { name: string; phone: string; plateNo: string }
export function register${index}(lead: Lead${index}) {
  logger.info('lead ' + lead.name);
}
`;
  }
  return files;
}

function fingerprintsOf(findings: readonly { ruleId: string; range: { file: string; line: number } }[], root: string): string[] {
  return findings.map((finding) => `${path.relative(root, finding.range.file)}:${finding.range.line} ${finding.ruleId}`).sort();
}

describe('incremental re-analysis', () => {
  it('gives the same findings as a fresh scan after edits, recomputing only what the edit affects', async () => {
    const root = writeProject(projectFiles());
    const workspace = new Workspace({ root, rules });
    const first = await workspace.analyse();
    expect(fingerprintsOf(first!.result.findings, root)).toEqual(['src/infra/uplink.ts:4 test-camera']);
    const total = first!.result.stats.functionsComputed;

    // Edit one CRM service so that it logs the plate: a new finding in that file only.
    const edited = path.join(root, 'src/crm/service-3.ts');
    const text = fs.readFileSync(edited, 'utf8').replace("logger.info('lead ' + lead.name);", "logger.info('lead ' + lead.plateNo);");
    workspace.setOverlay(edited, text);
    const second = await workspace.analyse();
    const fresh = await scan({ cwd: root, paths: [], rules, overlays: new Map([[edited, text]]) });
    expect(fingerprintsOf(second!.result.findings, root)).toEqual(fingerprintsOf(fresh.findings, root));
    expect(fingerprintsOf(second!.result.findings, root)).toContain('src/crm/service-3.ts:4 test-id');
    expect(second!.result.stats.functionsComputed).toBeLessThan(total / 3);

    // Anonymise in the uplink: the camera finding goes, though it is reported in another file than the edit's.
    const uplink = path.join(root, 'src/infra/uplink.ts');
    const anonymised = fs.readFileSync(uplink, 'utf8').replace('this.client.publish(topic, payload as Buffer)', 'this.client.publish(topic, blurFaces(payload) as Buffer)').concat('declare function blurFaces(x: unknown): unknown;\n');
    workspace.setOverlay(uplink, anonymised);
    const third = await workspace.analyse();
    const freshThird = await scan({ cwd: root, paths: [], rules, overlays: new Map([[edited, text], [uplink, anonymised]]) });
    expect(fingerprintsOf(third!.result.findings, root)).toEqual(fingerprintsOf(freshThird.findings, root));
    expect(fingerprintsOf(third!.result.findings, root)).not.toContain('src/infra/uplink.ts:4 test-camera');

    // Closing the editor without saving: the file on disk counts again.
    workspace.setOverlay(uplink, undefined);
    const fourth = await workspace.analyse();
    expect(fingerprintsOf(fourth!.result.findings, root)).toContain('src/infra/uplink.ts:4 test-camera');
  });

  it('sees files created and deleted on disk when told about them', async () => {
    const root = writeProject(projectFiles());
    const workspace = new Workspace({ root, rules });
    await workspace.analyse();
    const created = path.join(root, 'src/crm/vin-audit.ts');
    fs.writeFileSync(created, `export function audit(vehicle: { vin: string }) {\n  console.log(vehicle.vin);\n}\n`);
    workspace.notifyFilesChanged([created]);
    const afterCreate = await workspace.analyse();
    expect(fingerprintsOf(afterCreate!.result.findings, root)).toContain('src/crm/vin-audit.ts:2 test-id');
    fs.rmSync(created);
    workspace.notifyFilesChanged([created]);
    const afterDelete = await workspace.analyse();
    expect(fingerprintsOf(afterDelete!.result.findings, root)).not.toContain('src/crm/vin-audit.ts:2 test-id');
  });
});

describe('incremental re-analysis of a real project with the real rules', () => {
  const showroom = path.resolve(__dirname, '../../examples/showroom');
  const file = (relative: string) => path.join(showroom, relative);
  const read = (relative: string) => fs.readFileSync(file(relative), 'utf8');

  /** Edits a developer makes one after another, each changing what is reported somewhere else too. */
  const edits: readonly { readonly what: string; readonly file: string; readonly change: (text: string) => string }[] = [
    { what: 'a controller logs the whole DTO', file: 'src/crm/customer.controller.ts', change: (text) => text.replace('this.logger.log(`Registering customer ${dto.name}', 'this.logger.log(dto);\n    this.logger.log(`Registering customer ${dto.name}') },
    { what: 'the DTO names the ID field differently', file: 'src/crm/customer.dto.ts', change: (text) => text.replace('  idCardNo: string;\n  driverLicenseNo?: string;', '  documentRef: string;\n  driverLicenseNo?: string;') },
    { what: 'walk-in enrolment asserts consent', file: 'src/visitors/face-enrolment.service.ts', change: (text) => text.replace('Promise<void> {\n    const descriptor = await this.computeDescriptor(photo);\n    await this.faceTemplates.save(visitorId', 'Promise<void> {\n    await this.consent.assertBiometricConsent(visitorId);\n    const descriptor = await this.computeDescriptor(photo);\n    await this.faceTemplates.save(visitorId') },
    { what: 'the road sample is published unblurred', file: 'src/telematics/tbox-uploader.ts', change: (text) => text.replace("cv.imencode('.jpg', anonymised)", "cv.imencode('.jpg', frame)") },
    { what: 'the DTO is restored', file: 'src/crm/customer.dto.ts', change: () => read('src/crm/customer.dto.ts') },
    { what: 'walk-in enrolment is unchecked again', file: 'src/visitors/face-enrolment.service.ts', change: () => read('src/visitors/face-enrolment.service.ts') },
  ];

  it('reports after every edit exactly what a fresh scan reports: messages, paths and fixes', async () => {
    const { allRules } = await import('../../rules');
    const workspace = new Workspace({ root: showroom, rules: allRules });
    await workspace.analyse();
    const overlays = new Map<string, string>();
    const reports = [JSON.stringify((await workspace.analyse())!.result.findings)];
    for (const edit of edits) {
      const target = file(edit.file);
      const before = overlays.get(target) ?? read(edit.file);
      const after = edit.change(before);
      expect(after, edit.what).not.toBe(before);
      overlays.set(target, after);
      workspace.setOverlay(target, after);
      const incremental = (await workspace.analyse())!.result;
      const fresh = await scan({ cwd: showroom, paths: [], rules: allRules, overlays: new Map(overlays) });
      expect(incremental.findings, edit.what).toEqual(fresh.findings);
      reports.push(JSON.stringify(incremental.findings));
      expect(incremental.stats.functionsComputed, edit.what).toBeLessThan(fresh.stats.functionsComputed);
    }
    // Every edit changed what is reported, in its own file or another (the whole-DTO message names the field the
    // DTO declares; the consent finding is reported in the store the service calls).
    for (let index = 1; index < reports.length; index++) expect(reports[index], edits[index - 1]!.what).not.toBe(reports[index - 1]);
  });
});

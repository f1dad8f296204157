/**
 * Engine: the scan cache (`ScanRequest.cache`, the CLI's `--cache`, issue #9). On the showroom example (a dealer's
 * NestJS backend: face enrolment behind consent checks, an entrance camera, a CRM, a T-Box uploader), a scan with
 * the cache must give exactly the findings and notices of a scan without it: cold, warm, and after each kind of
 * edit (a callee, a caller whose guard appears or disappears, a file added, deleted or renamed, the config). A
 * warm scan must not analyse anything, and a cache that cannot be trusted must be ignored and rebuilt.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataflowSession } from '../../server/src/engine/dataflow/program-analysis';
import { allRules } from '../../rules/index';
import { scan } from '../../server/src/engine/scan';
import type { CacheStats, ScanResult } from '../../server/src/engine/scan-types';

const SHOWROOM = path.resolve(__dirname, '../../examples/showroom');
/** Source files of the showroom example. */
const FILES = 17;
const temporary: string[] = [];

function copyShowroom(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-cache-')));
  fs.cpSync(SHOWROOM, root, { recursive: true });
  temporary.push(root);
  return root;
}

afterAll(() => {
  for (const root of temporary) fs.rmSync(root, { recursive: true, force: true });
});

function cacheFolder(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'piilint');
}

function scanWithCache(root: string): Promise<ScanResult> {
  return scan({ cwd: root, paths: [], rules: allRules, cache: { folder: cacheFolder(root), toolVersion: '0.0.0-test' } });
}

function scanWithoutCache(root: string): Promise<ScanResult> {
  return scan({ cwd: root, paths: [], rules: allRules });
}

function cacheOf(result: ScanResult): CacheStats {
  expect(result.stats.cache).toHaveLength(1);
  return result.stats.cache![0]!;
}

/** What a user sees: every finding with its message, path, fixes and fingerprint, and every notice. */
function observable(result: ScanResult): unknown {
  return { findings: result.findings, notices: result.notices };
}

async function expectSameAsWithoutCache(root: string): Promise<ScanResult> {
  const cached = await scanWithCache(root);
  const fresh = await scanWithoutCache(root);
  expect(observable(cached)).toEqual(observable(fresh));
  return cached;
}

function edit(root: string, file: string, change: (text: string) => string): void {
  const absolute = path.join(root, file);
  const before = fs.readFileSync(absolute, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(absolute, after);
}

function lines(result: ScanResult, root: string): string[] {
  return result.findings.map((finding) => `${path.relative(root, finding.range.file)}:${finding.range.line} ${finding.ruleId}`);
}

const CONFIG_EDIT = 'the config switches a rule off';

/** Edits a developer makes on the showroom project, each of which keeps it a plausible codebase. */
const EDITS: Record<string, (root: string) => void> = {
  'a callee stops writing the descriptor': (root) =>
    edit(root, 'src/visitors/face-template.store.ts', (text) =>
      text.replace(
        'const data = { subjectId, descriptor: Uint8Array.from(new Uint8Array(descriptor.buffer, descriptor.byteOffset, descriptor.byteLength)) };',
        'const data = { subjectId, enrolledAt: new Date() };',
      ),
    ),
  'a caller gains a consent check': (root) =>
    edit(root, 'src/visitors/face-enrolment.service.ts', (text) =>
      text.replace(
        '  async enrolWalkIn(visitorId: string, photo: Buffer): Promise<void> {\n',
        '  async enrolWalkIn(visitorId: string, photo: Buffer): Promise<void> {\n    await this.consent.assertBiometricConsent(visitorId);\n',
      ),
    ),
  'a caller loses its consent check': (root) =>
    edit(root, 'src/visitors/face-enrolment.service.ts', (text) =>
      text.replace(
        "    if (!(await this.consent.hasFaceConsent(customerId))) {\n      throw new NotFoundException('No face-enrolment consent on record');\n    }\n",
        '',
      ),
    ),
  'the shared audit helper logs only field names': (root) =>
    edit(root, 'src/shared/logger.ts', (text) =>
      text.replace('  auditLogger.info(action, details);', '  auditLogger.info(action, { fields: Object.keys(details) });'),
    ),
  'lines are inserted above everything': (root) =>
    edit(root, 'src/crm/customer.service.ts', (text) => `// Customer master data: see PRIV-142 for the retention rules.\n\n${text}`),
  'a file is added that logs an ID number': (root) =>
    fs.writeFileSync(
      path.join(root, 'src/crm/customer-export.job.ts'),
      [
        "import { appLogger } from '../shared/logger';",
        "import { CustomerService } from './customer.service';",
        '',
        '/** Nightly export of new customers to the brand portal. */',
        'export async function exportCustomer(customers: CustomerService, id: string): Promise<void> {',
        '  const customer = await customers.findById(id);',
        "  appLogger.info('exporting customer', { id: customer.id, idCardNo: customer.idCardNo });",
        '}',
        '',
      ].join('\n'),
    ),
  'a file is deleted': (root) => fs.rmSync(path.join(root, 'src/crm/test-drive.service.ts')),
  'a file is renamed with its importer': (root) => {
    fs.renameSync(path.join(root, 'src/telematics/dashcam.ts'), path.join(root, 'src/telematics/dashcam-capture.ts'));
    edit(root, 'src/telematics/tbox-uploader.ts', (text) => text.replace("from './dashcam';", "from './dashcam-capture';"));
  },
  'a file is renamed, its importer left broken': (root) =>
    fs.renameSync(path.join(root, 'src/shared/anonymizer.ts'), path.join(root, 'src/shared/anonymiser.ts')),
  [CONFIG_EDIT]: (root) =>
    fs.writeFileSync(path.join(root, 'piilint.config.json'), JSON.stringify({ rules: { 'no-id-number-logging': 'off' } })),
};

describe('scan cache', () => {
  let root: string;
  let cold: ScanResult;

  beforeAll(async () => {
    root = copyShowroom();
    cold = await scanWithCache(root);
  });

  it('writes nothing without the cache option', async () => {
    const plain = copyShowroom();
    await scanWithoutCache(plain);
    expect(fs.existsSync(path.join(plain, 'node_modules'))).toBe(false);
  });

  it('gives the findings of a scan without cache, and serves an unchanged re-run without analysing anything', async () => {
    expect(cacheOf(cold)).toMatchObject({ status: 'created', filesFromCache: 0, filesAnalysed: FILES });
    expect(fs.readdirSync(cacheFolder(root))).toEqual([path.basename(cacheOf(cold).file)]);
    expect(observable(cold)).toEqual(observable(await scanWithoutCache(root)));
    expect(lines(cold, root)).toContain('src/visitors/face-template.store.ts:11 no-unconsented-biometric-storage');

    const warm = await scanWithCache(root);
    expect(observable(warm)).toEqual(observable(cold));
    expect(cacheOf(warm)).toMatchObject({ status: 'unchanged', filesFromCache: FILES, filesAnalysed: 0 });
    expect(warm.stats.filesAnalysed).toBe(0);
    expect(warm.stats.functionsComputed).toBe(0);
    expect(warm.stats.filesDiscovered).toBe(FILES);
  });

  it('analyses only what an edit can affect, with the findings of a scan without cache', async () => {
    const project = copyShowroom();
    const first = await scanWithCache(project);
    EDITS['a caller gains a consent check']!(project);
    const after = await expectSameAsWithoutCache(project);
    expect(cacheOf(after).status).toBe('partial');
    expect(cacheOf(after).filesAnalysed).toBeGreaterThan(0);
    expect(cacheOf(after).filesAnalysed).toBeLessThan(FILES);
    expect(after.stats.functionsComputed).toBeLessThan(first.stats.functionsComputed);
    // The walk-in flow is now protected; the privacy-policy-only photo is not.
    expect(lines(after, project)).not.toContain('src/visitors/face-template.store.ts:11 no-unconsented-biometric-storage');
    expect(lines(after, project)).toContain('src/visitors/face-enrolment.service.ts:58 no-unconsented-biometric-storage');
  });

  for (const [name, apply] of Object.entries(EDITS)) {
    it(`is exact after an edit: ${name}`, async () => {
      const project = copyShowroom();
      const before = await scanWithCache(project);
      apply(project);
      const after = await expectSameAsWithoutCache(project);
      // Every edit here changes what is reported (findings, their paths or positions), or the test proves little.
      expect(observable(after)).not.toEqual(observable(before));
      // A new config file makes a new group of files, with a cache of its own; any other edit is analysed in part.
      expect(cacheOf(after).status).toBe(name === CONFIG_EDIT ? 'created' : 'partial');
      // And the cache it wrote serves the next run.
      const again = await scanWithCache(project);
      expect(cacheOf(again).status).toBe('unchanged');
      expect(observable(again)).toEqual(observable(after));
    });
  }

  it('follows a new call through an interface to an implementation that nothing else connects to the edit', async () => {
    const project = copyShowroom();
    fs.writeFileSync(
      path.join(project, 'src/visitors/face-archive.ts'),
      [
        '/** Long-term archive of enrolment material, injected by interface (the S3 one in production, a fake in tests). */',
        'export interface FaceArchive {',
        '  keep(subjectId: string, descriptor: Float32Array): Promise<void>;',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'src/visitors/s3-face-archive.ts'),
      [
        "import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';",
        "import { FaceArchive } from './face-archive';",
        '',
        "const s3 = new S3Client({ region: 'cn-north-1' });",
        '',
        'export class S3FaceArchive implements FaceArchive {',
        '  async keep(subjectId: string, descriptor: Float32Array): Promise<void> {',
        "    await s3.send(new PutObjectCommand({ Bucket: 'showroom-face-archive', Key: subjectId, Body: Buffer.from(descriptor.buffer) }));",
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    edit(project, 'src/visitors/face-enrolment.service.ts', (text) =>
      text
        .replace("import { FaceTemplateStore } from './face-template.store';", "import { FaceArchive } from './face-archive';\nimport { FaceTemplateStore } from './face-template.store';")
        .replace('    private readonly consent: ConsentService,\n', '    private readonly consent: ConsentService,\n    private readonly archive: FaceArchive,\n'),
    );
    await scanWithCache(project);
    // Walk-in enrolment now also archives the descriptor: through the interface, into S3, without consent.
    edit(project, 'src/visitors/face-enrolment.service.ts', (text) =>
      text.replace('    await this.faceTemplates.save(visitorId, descriptor);\n', '    await this.faceTemplates.save(visitorId, descriptor);\n    await this.archive.keep(visitorId, descriptor);\n'),
    );
    const after = await expectSameAsWithoutCache(project);
    expect(cacheOf(after).status).toBe('partial');
    expect(lines(after, project)).toContain('src/visitors/s3-face-archive.ts:8 no-unconsented-biometric-storage');
  });

  it('keeps the global functions of a script in the program when an edit starts calling one', async () => {
    const project = copyShowroom();
    // NestJS's own tsconfig: CommonJS, where a file without import or export is a script whose declarations are global.
    edit(project, 'tsconfig.json', (text) => text.replace('"module": "node16",\n    "moduleResolution": "node16",', '"module": "commonjs",\n    "moduleResolution": "node10",'));
    fs.mkdirSync(path.join(project, 'src/legacy'));
    fs.writeFileSync(
      path.join(project, 'src/legacy/kiosk-bridge.js'),
      [
        '/* Bridge to the old kiosk firmware, loaded with a <script> tag: its functions are globals. */',
        'function reportToKiosk(label, value) {',
        "  console.log('kiosk', label, value);",
        '}',
        '',
      ].join('\n'),
    );
    await scanWithCache(project);
    edit(project, 'src/crm/customer.controller.ts', (text) =>
      text.replace('    const customer = await this.customers.create(dto);\n', "    const customer = await this.customers.create(dto);\n    reportToKiosk('registered', dto.idCardNo);\n"),
    );
    const after = await expectSameAsWithoutCache(project);
    expect(cacheOf(after).status).toBe('partial');
    expect(lines(after, project)).toContain('src/legacy/kiosk-bridge.js:3 no-id-number-logging');
  });

  it('goes straight to a full analysis, once, when an affected file depended on the order of analysis', async () => {
    const project = copyShowroom();
    // A retry loop across two files: each function calls the other, so which one is summarised first matters.
    fs.writeFileSync(
      path.join(project, 'src/telematics/upload-queue.ts'),
      [
        "import { sendBatch } from './batch-sender';",
        '',
        'export function drainQueue(vin: string, frames: Buffer[], attempt: number): void {',
        '  if (frames.length === 0) return;',
        '  sendBatch(vin, frames, attempt + 1);',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'src/telematics/batch-sender.ts'),
      [
        "import { drainQueue } from './upload-queue';",
        '',
        'export function sendBatch(vin: string, frames: Buffer[], attempt: number): void {',
        '  console.info(`retrying upload for ${vin}, attempt ${attempt}`);',
        '  if (attempt < 3) drainQueue(vin, frames.slice(1), attempt);',
        '}',
        '',
      ].join('\n'),
    );
    await scanWithCache(project);
    edit(project, 'src/telematics/upload-queue.ts', (text) => text.replace('if (frames.length === 0) return;', 'if (frames.length === 0) {\n    return;\n  }'));
    const analyses = vi.spyOn(DataflowSession.prototype, 'analyse');
    try {
      const after = await scanWithCache(project);
      expect(cacheOf(after).status).toBe('full');
      expect(cacheOf(after).reason).toMatch(/upload-queue\.ts|batch-sender\.ts/);
      expect(cacheOf(after).reason).toMatch(/depends on the order of analysis/);
      // Decided from the cache before analysing: one analysis, not a partial one and then a full one.
      expect(analyses).toHaveBeenCalledTimes(1);
    } finally {
      analyses.mockRestore();
    }
    await expectSameAsWithoutCache(project);
  });

  it('is exact after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(Object.keys(EDITS), { minLength: 2, maxLength: 4 }), async (sequence) => {
        const project = copyShowroom();
        await scanWithCache(project);
        for (const name of sequence) {
          EDITS[name]!(project);
          await expectSameAsWithoutCache(project);
        }
        fs.rmSync(project, { recursive: true, force: true });
      }),
      { numRuns: 4, seed: 9 },
    );
  });
});

describe('a cache that cannot be trusted', () => {
  let root: string;
  let expected: unknown;
  let file: string;

  beforeAll(async () => {
    root = copyShowroom();
    const first = await scanWithCache(root);
    file = cacheOf(first).file;
    expected = observable(first);
  });

  const corruptions: Record<string, [(text: string) => string | Buffer, RegExp]> = {
    'cut short': [(text) => text.slice(0, Math.floor(text.length / 2)), /not valid JSON/],
    'not JSON at all': [() => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), /not valid JSON/],
    'empty': [() => '', /not valid JSON/],
    'another schema version': [(text) => JSON.stringify({ ...JSON.parse(text), schema: 999 }), /schema 999/],
    'another key': [(text) => JSON.stringify({ ...JSON.parse(text), key: 'f'.repeat(64) }), /another piilint version or build, config/],
    'a field missing': [
      (text) => {
        const json = JSON.parse(text);
        delete json.files[0].hash;
        return JSON.stringify(json);
      },
      /malformed/,
    ],
    'an index out of range': [
      (text) => {
        const json = JSON.parse(text);
        json.files[0].imports = [99_999];
        return JSON.stringify(json);
      },
      /malformed/,
    ],
  };

  for (const [name, [corrupt, reason]] of Object.entries(corruptions)) {
    it(`is ignored and rebuilt when it is ${name}`, async () => {
      fs.writeFileSync(file, corrupt(fs.readFileSync(file, 'utf8')));
      const result = await scanWithCache(root);
      expect(cacheOf(result)).toMatchObject({ status: 'ignored', filesFromCache: 0, filesAnalysed: FILES });
      expect(cacheOf(result).reason).toMatch(reason);
      expect(observable(result)).toEqual(expected);
      // Rebuilt: the next run is served from it.
      expect(cacheOf(await scanWithCache(root)).status).toBe('unchanged');
    });
  }

  it('is not used for another config: a cache written under one config is rebuilt under another', async () => {
    const project = copyShowroom();
    const configFile = path.join(project, 'piilint.config.json');
    fs.writeFileSync(configFile, JSON.stringify({ rules: { 'no-unanonymized-camera-egress': 'warning' } }));
    await scanWithCache(project);
    fs.writeFileSync(configFile, JSON.stringify({ rules: { 'no-unanonymized-camera-egress': 'off' } }));
    const result = await scanWithCache(project);
    expect(cacheOf(result).status).toBe('ignored');
    expect(result.findings.some((finding) => finding.ruleId === 'no-unanonymized-camera-egress')).toBe(false);
    expect(observable(result)).toEqual(observable(await scanWithoutCache(project)));
  });

  it('is not used when the file it describes changed since: the changed file is analysed again', async () => {
    const project = copyShowroom();
    await scanWithCache(project);
    // Same size, other content: only the hash tells.
    edit(project, 'src/crm/customer.controller.ts', (text) => text.replace('ID card ${dto.idCardNo}', 'ID card ${dto.name}[id]'));
    const result = await expectSameAsWithoutCache(project);
    expect(cacheOf(result).status).toBe('partial');
    expect(lines(result, project)).not.toContain('src/crm/customer.controller.ts:14 no-id-number-logging');
  });

  it('does not fail the scan when it cannot be written', async () => {
    const project = copyShowroom();
    // A file where the cache folder should be.
    fs.mkdirSync(path.join(project, 'node_modules', '.cache'), { recursive: true });
    fs.writeFileSync(cacheFolder(project), 'not a folder');
    const result = await scanWithCache(project);
    expect(cacheOf(result).writeError).toBeDefined();
    expect(result.notices.map((notice) => notice.code)).toContain('cache-error');
    expect(result.findings).toEqual((await scanWithoutCache(project)).findings);
  });
});

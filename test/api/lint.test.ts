/**
 * The Node API (`import { lint } from 'piilint'`, server/src/api): what a tool that wraps linters gets. Typed
 * findings with their paths and fixes, the same as `npx piilint` reports; `lintText` for a buffer; the `PiiLint`
 * class in the shape of ESLint's `ESLint`; the formats; the rule list with the bundled READMEs; and `auto`, which
 * reads the environment passed in, never the process's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Finding,
  FORMAT_NAMES,
  InputPathError,
  PiiLint,
  applyFixesToText,
  format,
  lint,
  lintText,
  localeFromEnvironment,
  localeFromTag,
  ruleList,
} from '../../server/src/api';

const ENROLMENT = [
  "import { PrismaClient } from '@prisma/client';",
  "import * as faceapi from 'face-api.js';",
  '',
  'const prisma = new PrismaClient();',
  '',
  'export async function enrolVisitor(visitorId: string, photo: HTMLImageElement): Promise<void> {',
  '  const detection = await faceapi.detectSingleFace(photo).withFaceLandmarks().withFaceDescriptor();',
  '  if (!detection) return;',
  '  await prisma.faceTemplate.create({ data: { visitorId, descriptor: Array.from(detection.descriptor) } });',
  '}',
  '',
].join('\n');

const OWNER_LOG = [
  "import pino from 'pino';",
  '',
  'const log = pino();',
  '',
  'export function recordHandover(owner: { name: string; idCardNo: string }): void {',
  "  log.info(`handover to ${owner.name}, ID card ${owner.idCardNo}`);",
  '}',
  '',
].join('\n');

let folder: string;

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-api-'));
  fs.mkdirSync(path.join(folder, 'src'));
  fs.writeFileSync(path.join(folder, 'src', 'enrolment.ts'), ENROLMENT);
  fs.writeFileSync(path.join(folder, 'src', 'handover.ts'), OWNER_LOG);
});

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function where(finding: Finding): string {
  return `${path.relative(folder, finding.range.file)}:${finding.range.line} ${finding.ruleId}`;
}

describe('lint', () => {
  it('returns typed findings with their paths, fixes and counts, as the CLI reports them', async () => {
    const result = await lint({ cwd: folder, paths: ['src'], env: {} });
    expect(result.findings.map(where).sort()).toEqual([
      `${path.join('src', 'enrolment.ts')}:9 no-unconsented-biometric-storage`,
      `${path.join('src', 'handover.ts')}:6 no-id-number-logging`,
    ]);
    expect(result).toMatchObject({ errorCount: 2, warningCount: 0, locale: 'en' });
    const logged = result.findings.find((finding) => finding.ruleId === 'no-id-number-logging')!;
    expect(logged.message).toBe("An identifying number (ID-document number, name 'idCardNo') reaches pino logger unmasked.");
    expect(logged.detail).toContain('Resident Identity Card Law 19');
    expect(logged.path.map((step) => step.kind)).toEqual(['source', 'step', 'sink']);
    expect(logged.fixes.some((fix) => fix.isSafe && fix.edits.length > 0)).toBe(true);
  });

  it('reads `auto` from the environment it is given', async () => {
    const chinese = await lint({ cwd: folder, paths: ['src/handover.ts'], env: { LANG: 'zh_CN.UTF-8' } });
    expect(chinese.locale).toBe('zh-CN');
    expect(chinese.findings[0]!.message).toBe("未经脱敏的号码（证件号码，名称 'idCardNo'）进入了 pino 日志。");
    const english = await lint({ cwd: folder, paths: ['src/handover.ts'], env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' } });
    expect(english.locale).toBe('en');
  });

  it('throws an InputPathError for a path that names nothing', async () => {
    const pattern = /src\/missing/;
    await expect(lint({ cwd: folder, paths: ['src/missing'] })).rejects.toThrow(InputPathError);
    await expect(lint({ cwd: folder, paths: ['src/missing'] })).rejects.toThrow(pattern);
  });
});

describe('lintText', () => {
  it('checks a buffer as the file it stands for, and applies the safe fixes to it in memory', async () => {
    const result = await lintText(OWNER_LOG, { cwd: folder, filePath: 'src/handover.ts', env: {} });
    expect(result.findings.map(where)).toEqual([`${path.join('src', 'handover.ts')}:6 no-id-number-logging`]);
    const fixed = applyFixesToText(result, 'src/handover.ts')!;
    expect(fixed).not.toBe(OWNER_LOG);
    expect(fixed).toContain('.slice(-4)');
    const again = await lintText(fixed, { cwd: folder, filePath: 'src/handover.ts', env: {} });
    expect(again.findings).toEqual([]);
    expect(fs.readFileSync(path.join(folder, 'src', 'handover.ts'), 'utf8')).toBe(OWNER_LOG);
  });
});

describe('PiiLint and format', () => {
  it('lints files with the options of its constructor and formats the result as --format does', async () => {
    const linter = new PiiLint({ cwd: folder, locale: 'zh-CN' });
    const result = await linter.lintFiles('src/enrolment.ts');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['unconsentedStorage']);
    expect(result.findings[0]!.message).toMatch(/^生物识别信息（来自 face-api\.js 的人脸特征值）/);
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'gitlab']);
    const sarif = JSON.parse(PiiLint.format(result, 'sarif')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((entry) => entry.ruleId)).toEqual(['no-unconsented-biometric-storage']);
    expect(format(result, 'github')).toMatch(/^::error file=src\/enrolment\.ts,line=9,/);
  });
});

describe('ruleList', () => {
  it('lists every rule with its documentation on the web and inside the package', () => {
    const rules = ruleList();
    const own = rules.filter((rule) => rule.docsPath !== undefined);
    expect(own.map((rule) => rule.id).sort()).toEqual(['no-id-number-logging', 'no-unanonymized-camera-egress', 'no-unconsented-biometric-storage']);
    for (const rule of own) {
      expect(fs.readFileSync(rule.docsPath!, 'utf8')).toMatch(new RegExp(`^# ${rule.id}`, 'm'));
      expect(rule.docsUrl).toMatch(/^https:\/\//);
    }
    expect(rules.some((rule) => rule.id === 'parse-error' && rule.docsPath === undefined)).toBe(true);
  });
});

describe('locale', () => {
  it('maps POSIX locales and language tags to zh-CN only for Simplified Chinese', () => {
    expect(['zh_CN.UTF-8', 'zh-cn', 'zh-Hans-CN', 'zh', 'zh_SG'].map(localeFromTag)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en_US.UTF-8', 'zh_TW.UTF-8', 'C', '', undefined].map(localeFromTag)).toEqual(['en', 'en', 'en', 'en', 'en']);
    expect(localeFromEnvironment({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(localeFromEnvironment({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.GB18030' })).toBe('zh-CN');
  });
});

/**
 * examples/showroom, the project a new user scans first (README: `npx piilint examples/showroom`). Its expected
 * findings live here, not in its code (issue #20): the code reads like a real dealer's backend, and this list
 * says which lines are reported, by which rule and message, and that nothing else is. The table in
 * examples/showroom/README.md explains each one.
 * The zh-CN run shows no English word except code: identifiers of the project, the packages it imports, and
 * product and law names, which stay as they are written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LintResult, lint } from '../../server/src/api';

const SHOWROOM = path.resolve(__dirname, '../../examples/showroom');

/** file:line, rule, message id: every finding the showroom must give, and no other. */
const EXPECTED: readonly (readonly [string, string, string])[] = [
  ['src/crm/customer.controller.ts:14', 'no-id-number-logging', 'idLogged'],
  ['src/crm/customer.service.ts:33', 'no-id-number-logging', 'idLogged'],
  ['src/crm/test-drive.service.ts:23', 'no-id-number-logging', 'idLogged'],
  ['src/crm/test-drive.service.ts:27', 'no-id-number-logging', 'idFieldLogged'],
  ['src/crm/test-drive.service.ts:33', 'no-id-number-logging', 'hashIsNotMasking'],
  ['src/shared/logger.ts:15', 'no-id-number-logging', 'idFieldLogged'],
  ['src/telematics/tbox-uploader.ts:31', 'no-id-number-logging', 'idLogged'],
  ['src/telematics/tbox-uploader.ts:32', 'no-unanonymized-camera-egress', 'rawFrameEgress'],
  ['src/visitors/camera-gateway.ts:47', 'no-unanonymized-camera-egress', 'rawFrameEgress'],
  ['src/visitors/face-enrolment.service.ts:57', 'no-unconsented-biometric-storage', 'privacyPolicyOnly'],
  ['src/visitors/face-template.store.ts:11', 'no-unconsented-biometric-storage', 'unconsentedStorage'],
];

/** Names written as they are in Chinese text too: products, protocols, laws and standards. */
const PROPER_NAMES = new Set([
  'NestJS', 'Winston', 'Sentry', 'Prisma', 'MQTT', 'HTTP', 'VIN', 'HMAC', 'OpenCV', 'VideoCapture', 'Cookie', 'OS',
  'PIPL', 'GDPR', 'BIPA', 'CCPA', 'GB', 'T', 'true', 'INSERT', 'UPDATE', 'TypeScript', 'tsconfig',
]);

function relative(file: string): string {
  return path.relative(SHOWROOM, file).split(path.sep).join('/');
}

function rows(result: LintResult): string[][] {
  return result.findings
    .filter((finding) => finding.suppression === undefined)
    .map((finding) => [`${relative(finding.range.file)}:${finding.range.line}`, finding.ruleId, finding.messageId])
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}

/** Identifiers and imported module names of the project's code (comments and string texts are not code). */
function codeWords(): Set<string> {
  const words = new Set<string>();
  for (const file of codeFiles()) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) words.add(node.text);
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        for (const word of [node.moduleSpecifier.text, ...node.moduleSpecifier.text.split(/[:@/.-]+/)]) words.add(word);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return words;
}

/**
 * Latin words of a text that are neither code nor a proper name. Quoted code ('idCardNo') and article numbers of
 * laws (`15(b)`) are left out; a word made of parts (`@u4/opencv4nodejs`, `fs/promises`) passes when it is code.
 */
function englishWords(text: string, code: ReadonlySet<string>): string[] {
  const isKnown = (word: string): boolean => code.has(word) || PROPER_NAMES.has(word) || /^\d+$/.test(word);
  const withoutCode = text.replace(/'[^'\n]*'/g, ' ').replace(/\d+(\([0-9a-z]+\))+/g, ' ');
  return [...withoutCode.matchAll(/[\w$@./-]*[A-Za-z][\w$@./-]*/g)]
    .map((match) => match[0].replace(/[./-]+$/, ''))
    .filter((word) => !isKnown(word) && !word.split(/[@./-]+/).filter((part) => part !== '').every(isKnown));
}

describe('examples/showroom', () => {
  let english: LintResult;
  let chinese: LintResult;
  beforeAll(async () => {
    english = await lint({ cwd: SHOWROOM, locale: 'en' });
    chinese = await lint({ cwd: SHOWROOM, locale: 'zh-CN' });
  }, 120_000);

  it('reports exactly the expected findings, and none of them is suppressed', () => {
    expect(rows(english)).toEqual(EXPECTED.map((row) => [...row]));
    expect(english.findings.filter((finding) => finding.suppression !== undefined)).toEqual([]);
    expect(english.notices).toEqual([]);
  });

  it('carries no test markers in its code', () => {
    const marked = codeFiles().filter((file) => fs.readFileSync(file, 'utf8').includes('// expect:'));
    expect(marked.map(relative)).toEqual([]);
  });

  it('gives the same findings in Chinese', () => {
    expect(rows(chinese)).toEqual(EXPECTED.map((row) => [...row]));
  });

  it('shows no English words in Chinese except code, package and product names', () => {
    const code = codeWords();
    const leaks = chinese.findings.flatMap((finding) =>
      [finding.message, finding.detail ?? '', ...finding.path.map((step) => step.message)]
        .flatMap((text) => englishWords(text, code).map((word) => `${relative(finding.range.file)}:${finding.range.line}: "${word}" in ${text}`)),
    );
    expect(leaks).toEqual([]);
  });

  it('keeps each message to one sentence of about 120 characters, in plain text', () => {
    for (const finding of [...english.findings, ...chinese.findings]) {
      expect(finding.message.length, finding.message).toBeLessThanOrEqual(160);
      expect(finding.message, 'no markdown').not.toMatch(/[`*]/);
      expect(finding.detail ?? '', 'no markdown').not.toMatch(/`/);
      expect(finding.message.replace(/\([^)]*\)|（[^）]*）/g, '').match(/[.。](?=.)/g) ?? [], finding.message).toEqual([]);
    }
  });
});

function codeFiles(): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(SHOWROOM, 'src'));
  return files;
}

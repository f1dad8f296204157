import { createSyntaxTrees } from '../../server/src/engine/findings/syntax-trees';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { allRules, biometricStorageRule, cameraEgressRule, idNumberLoggingRule, ruleById } from '../../rules';
import type {
  AnyRule,
  FixContext,
  FlowStep,
  KnownFunction,
  NameSourceModel,
  Reach,
  RuleModels,
  SourceRange,
  TextEdit,
} from '../../server/src/engine/rule-api';
import { LOCALES } from '../../server/src/engine/rule-api';
import { tokenizeName } from '../../rules/shared/names';
import { parseTerm } from '../../server/src/engine/facts/name-tokens';
import { parseApiPath } from '../../server/src/engine/facts/api-ref';
import { isAllowedUrl as isAllowedHost } from '../../server/src/engine/facts/allowed-hosts';
import { notSanitizerModels } from '../../rules/no-id-number-logging/models';
import { inlineMask } from '../../rules/no-id-number-logging/fixes';

const RULES_DIR = path.resolve(__dirname, '../../rules');
const placeholders = (template: string): string[] => [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe.each(allRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  it('is registered under its id and has a kebab-case id naming a forbidden flow', () => {
    expect(ruleById(id)).toBe(rule);
    expect(id).toMatch(/^no-[a-z]+(?:-[a-z]+)+$/);
  });

  it('has metadata in both locales', () => {
    for (const locale of LOCALES) {
      expect(rule.meta.description[locale].length).toBeGreaterThan(20);
      expect(rule.meta.legalBasis[locale]).toMatch(/\d/);
    }
    expect(rule.meta.securitySeverity).toBeGreaterThan(0);
    expect(rule.meta.securitySeverity).toBeLessThanOrEqual(10);
    expect(rule.meta.tags).toEqual(expect.arrayContaining(['privacy', 'pipl', 'security']));
  });

  it('has every message in both locales with the same placeholders', () => {
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    for (const [messageId, message] of Object.entries(rule.messages)) {
      expect(messageId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(message.en.trim().length, `${messageId} en`).toBeGreaterThan(0);
      expect(message['zh-CN'].trim().length, `${messageId} zh-CN`).toBeGreaterThan(0);
      expect(placeholders(message['zh-CN']), messageId).toEqual(placeholders(message.en));
      expect(message['zh-CN'], `${messageId} is translated`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has an options schema that compiles, accepts the defaults and rejects unknown options', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    const { $schema: _ignored, ...schema } = rule.optionsSchema as Record<string, unknown>;
    const validate = ajv.compile(schema);
    expect(validate(rule.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...rule.defaultOptions, notAnOption: true })).toBe(false);
    expect(rule.optionsSchema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', additionalProperties: false });
    const properties = (rule.optionsSchema as { properties: Record<string, { description?: string }> }).properties;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(rule.defaultOptions).sort());
    for (const [name, property] of Object.entries(properties)) {
      expect(property.description, name).toMatch(/\S{3,}/);
    }
  });

  it('has a README with the required sections, labelled examples and a Chinese summary', () => {
    const readme = readFileSync(path.join(RULES_DIR, id, 'README.md'), 'utf8');
    for (const section of ['## Why', '## Legal basis', '## Bad', '## Good', '## Options', '## Limits']) {
      expect(readme, section).toMatch(new RegExp(`^${section}\\s*$`, 'm'));
    }
    expect(readme).toMatch(/^## 中文摘要\s*$/m);
    const labelled = [...readme.matchAll(/<!-- (bad|good) -->\s*\n```ts\n/g)].map((m) => m[1]);
    expect(labelled).toContain('bad');
    expect(labelled).toContain('good');
    expect(readme.match(/```ts\n/g)?.length).toBe(labelled.length);
    for (const option of Object.keys(rule.defaultOptions)) expect(readme, option).toContain(`\`${option}\``);
  });

  it('describes every model and has no empty pattern in its default models', () => {
    expectWellFormedModels(rule.createModels(rule.defaultOptions));
  });

  it('chooses an existing message for a plain reach', () => {
    const description = rule.describe(plainReach(id), rule.defaultOptions);
    expect(Object.keys(rule.messages)).toContain(description.messageId);
    for (const locale of LOCALES) {
      for (const key of placeholders(defined(rule.messages[description.messageId], 'describe returns a known message')[locale])) expect(description.data).toHaveProperty(key);
    }
  });
});

function expectWellFormedModels(models: RuleModels): void {
  const regexes: string[] = [];
  for (const source of models.sources ?? []) {
    expect(source.description.trim(), JSON.stringify(source)).not.toBe('');
    if (source.kind === 'name') {
      expect(source.terms.length).toBeGreaterThan(0);
      for (const term of [...source.terms, ...(source.exclude ?? [])]) {
        expect(term, JSON.stringify(source.description)).toMatch(/^[a-z0-9]+(?: [a-z0-9]+)*$/);
      }
      for (const suffix of source.suffixTerms ?? []) expect(suffix).toMatch(/^[a-z]{5,}$/);
    } else if (source.kind === 'literal') {
      expect(source.pattern.trim()).not.toBe('');
      expect(new RegExp(source.pattern).test('')).toBe(false);
    } else {
      expectCallee(source);
    }
  }
  for (const sink of models.sinks ?? []) {
    expect(sink.description.trim(), JSON.stringify(sink)).not.toBe('');
    expectCallee(sink);
    if (sink.when) regexes.push(sink.when.matches);
    // A sink reads some argument, or its receiver (`ffmpeg(rtspUrl).output('rtmp://…')`, Mongoose `doc.save()`).
    if (Array.isArray(sink.arguments)) expect(sink.arguments.length > 0 || sink.receiver === true, sink.description).toBe(true);
  }
  for (const sanitizer of models.sanitizers ?? []) {
    expect(sanitizer.description.trim(), JSON.stringify(sanitizer)).not.toBe('');
    expectCallee(sanitizer);
  }
  for (const guard of models.guards ?? []) {
    expect(guard.description.trim()).not.toBe('');
    expect(guard.allOf.length).toBeGreaterThan(0);
    for (const group of guard.allOf) {
      expect(group.length, guard.description).toBeGreaterThan(0);
      for (const word of group) expect(word).toMatch(/^[a-z0-9]+$/);
    }
    for (const word of guard.noneOf ?? []) expect(word).toMatch(/^[a-z0-9]+$/);
  }
  for (const step of models.steps ?? []) expectCallee(step);
  for (const property of models.barrierProperties ?? []) expect(property).toMatch(/^[A-Za-z_$][\w$]*$/);
  for (const pattern of regexes) expect(() => new RegExp(pattern)).not.toThrow();

  function expectCallee(model: {
    module?: string;
    global?: string;
    path?: string;
    receiverName?: string;
    methods?: string;
    terms?: readonly string[];
  }): void {
    const label = JSON.stringify(model);
    const isApi = model.module !== undefined || model.global !== undefined;
    const isNamed = model.receiverName !== undefined || model.methods !== undefined || model.terms !== undefined;
    expect(isApi !== isNamed, `exactly one callee shape: ${label}`).toBe(true);
    if (isApi) {
      expect((model.module ?? model.global ?? '').trim(), label).not.toBe('');
      // The engine's own parser is the grammar (`connect().publish`, `face.new().addUser`, `().**.pipe`).
      expect(() => parseApiPath('m:model', model.path ?? ''), label).not.toThrow();
      for (const segment of (model.path ?? '').split('.')) if (model.path) expect(segment, label).not.toBe('');
    } else {
      for (const pattern of [model.receiverName, model.methods]) {
        if (pattern === undefined) continue;
        expect(pattern.trim(), label).not.toBe('');
        expect(() => new RegExp(`^(?:${pattern})$`, 'i')).not.toThrow();
      }
      // `receiverName: '.*'` deliberately means any receiver; a method pattern must name something.
      if (model.methods !== undefined) expect(new RegExp(`^(?:${model.methods})$`, 'i').test(''), label).toBe(false);
      for (const term of model.terms ?? []) expect(term).toMatch(/^[a-z0-9]+$/);
    }
  }
}

describe('registry', () => {
  it('lists the three rules once each', () => {
    expect(allRules.map((rule) => rule.meta.id)).toEqual([
      'no-unconsented-biometric-storage',
      'no-id-number-logging',
      'no-unanonymized-camera-egress',
    ]);
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  it('declares guards exactly where the rule needs them', () => {
    expect(biometricStorageRule.requiresGuard(biometricStorageRule.defaultOptions)).toBe(true);
    expect(idNumberLoggingRule.requiresGuard(idNumberLoggingRule.defaultOptions)).toBe(false);
    expect(cameraEgressRule.requiresGuard(cameraEgressRule.defaultOptions)).toBe(false);
    expect(cameraEgressRule.requiresGuard({ ...cameraEgressRule.defaultOptions, allowWithConsent: true })).toBe(true);
  });

  it('offers a safe fix only in the ID rule', () => {
    expect(allRules.filter((rule) => rule.meta.hasSafeFix).map((rule) => rule.meta.id)).toEqual(['no-id-number-logging']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary: the name models applied the way model-types.ts documents (tokenise, contiguous term, suffix, exclude).

function nameModelsOf(rule: AnyRule, options: object = rule.defaultOptions): NameSourceModel[] {
  return (rule.createModels(options).sources ?? []).filter((s): s is NameSourceModel => s.kind === 'name');
}

function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  for (let i = 0; i + sequence.length <= tokens.length; i++) {
    if (sequence.every((token, k) => tokens[i + k] === token)) return true;
  }
  return false;
}

function matchesName(models: readonly NameSourceModel[], name: string): boolean {
  const tokens = tokenizeName(name);
  return models.some((model) => {
    if ((model.exclude ?? []).some((e) => containsSequence(tokens, parseTerm(e)))) return false;
    if (model.terms.some((term) => containsSequence(tokens, parseTerm(term)))) return true;
    return (model.suffixTerms ?? []).some((suffix) => tokens.some((t) => t.length > suffix.length && t.endsWith(suffix)));
  });
}

describe('vocabulary (DOMAIN.md §3)', () => {
  const cases: readonly [AnyRule, readonly string[], readonly string[]][] = [
    [
      biometricStorageRule,
      ['faceImage', 'facePhoto', 'faceBase64', 'face_descriptor', 'faceDescriptors', 'faceEmbedding', 'persistedFaceId', 'FaceId',
        'fingerprintTemplate', 'voiceprint', 'speakerEmbedding', 'irisCode', 'palmVein', 'rlzp', 'renlian', 'czRenlian', 'zhiwen', 'faceprint',
        // Photos taken to identify a person, and both word orders of a face crop (issue #17).
        'selfie', 'selfieBase64', 'headshot', 'portraitJpeg', 'livePhoto', 'zp', 'chipPhoto', 'cropFace', 'croppedFace'],
      ['interfaceId', 'surface', 'typeface', 'typeFaceData', 'fontFaceData', 'facet', 'userId', 'deviceFingerprint', 'browserFingerprintHash',
        'visitorId', 'embedding', 'descriptor', 'template', 'fingerprint', 'iris', 'palmApiKey', 'faceIdEnabled', 'hasFaceData',
        'faceImageWidth', 'faceConsent', 'biometricConsentAt', 'faceCount', 'portraitMode', 'isPortrait', 'selfieCount'],
    ],
    [
      idNumberLoggingRule,
      ['idCardNo', 'id_card', 'IDCard', 'idNo', 'idNumber', 'identityNo', 'nationalId', 'residentIdNumber', 'certNo', 'passportNo', 'driverLicenseNo',
        'ssn', 'taxId', 'hkid', 'sfzh', 'gmsfhm', 'czsfzmhm', 'jhrygmsfhm', 'qlrzjh', 'zjhm', 'plateNo', 'licensePlate', 'vin', 'vinCode',
        'chassisNo', 'hphm', 'cph', 'clsbdh', 'engineNo', 'ownerIdCardNo',
        // Bare plates, licence numbers, plurals, and the permits of Hong Kong, Macau and Taiwan residents (issue #17).
        'returnedPlate', 'plate', 'licenseNo', 'licenceNumber', 'licensePlates', 'passportNumbers', 'idCardNos', 'mtpNo', 'taibaozheng',
        'gangaotongxingzheng', 'hkMacaoPermitNo'],
      ['userId', 'orderId', 'uuid', 'cardType', 'videoId', 'licenseKey', 'passport', 'zjlx', 'hpzl', 'frameNo', 'frameIndex', 'platform',
        'boilerplate', 'idCardType', 'maskedIdCard', 'idCardImageUrl', 'vinLength', 'isVinValid', 'customerId', 'interfaceId', 'provider',
        // Internal keys are not ID numbers; nor are a plate's type, colour or picture, or a business licence (issue #17).
        'residentId', 'memberId', 'plateType', 'plateColor', 'plateImage', 'businessLicenseNo', 'templatePlate', 'plateConfidence'],
    ],
    [
      cameraEgressRule,
      ['videoFrame', 'imageData', 'snapshot', 'jpegBuffer', 'mjpeg', 'h264Frame', 'rtspUrl', 'dashcamClip', 'dvrClip', 'avmFrame', 'dmsFrame',
        'cabinCamFrame', 'faceSnapshot', 'zhuapai', 'cameraFrames', 'h264', 'h264Chunk'],
      ['dms', 'dmsCustomerId', 'dmsOrderNo', 'stateSnapshot', 'snapshotId', 'cameraId', 'jpegQuality', 'videoId', 'photoUrl', 'carPhotos',
        'frameIndex', 'snapshotInterval',
        // Digits are tokens (`h` is no `h264`), and an anonymiser's output says so in its name (issue #17).
        'h', 'h2', 'mosaicJpeg', 'blurredFrame', 'pixelatedSnapshot'],
    ],
  ];

  it.each(cases.map(([rule, positives, negatives]) => [rule.meta.id, rule, positives, negatives] as const))(
    '%s matches its vocabulary and not the false friends',
    (_id, rule, positives, negatives) => {
      const models = nameModelsOf(rule);
      expect(positives.filter((name) => !matchesName(models, name)), 'missed').toEqual([]);
      expect(negatives.filter((name) => matchesName(models, name)), 'false friends').toEqual([]);
    },
  );

  it('adds configured ID field names', () => {
    const models = nameModelsOf(idNumberLoggingRule, { ...idNumberLoggingRule.defaultOptions, idFieldNames: ['kehuZjHaoma'] });
    expect(matchesName(models, 'kehuZjHaoma')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Option values extend the models.

describe('options extend the models', () => {
  it('turns consentFunctions and consentFields into guards', () => {
    const models = biometricStorageRule.createModels({ consentFunctions: ['checkKioskOptIn'], consentFields: ['rlsbTongyiAt'] });
    const descriptions = (models.guards ?? []).map((g) => g.allOf);
    expect(descriptions).toContainEqual([['check'], ['kiosk'], ['opt'], ['in']]);
    expect(descriptions).toContainEqual([['rlsb'], ['tongyi'], ['at']]);
  });

  it('turns loggerNames into sinks and maskFunctions into sanitizers', () => {
    const models = idNumberLoggingRule.createModels({ idFieldNames: [], loggerNames: ['audit', 'tbox.log'], maskFunctions: ['hideDoc'] });
    expect(models.sinks).toContainEqual(expect.objectContaining({ receiverName: 'audit|tbox\\.log' }));
    expect(models.sanitizers).toContainEqual(expect.objectContaining({ methods: 'hideDoc' }));
  });

  it('turns anonymizers into sanitizers and allowWithConsent into guards', () => {
    const off = cameraEgressRule.createModels(cameraEgressRule.defaultOptions);
    expect(off.guards).toEqual([]);
    const on = cameraEgressRule.createModels({ allowWithConsent: true, anonymizers: ['scrubFrame'], allowedHosts: [] });
    expect(on.sanitizers).toContainEqual(expect.objectContaining({ methods: 'scrubFrame' }));
    expect((on.guards ?? []).filter((g) => g.weakReason === undefined)).toHaveLength(1);
  });

  it('exports plain hashes as look-alike sanitizers with a reason', () => {
    expect(notSanitizerModels.length).toBeGreaterThan(0);
    for (const model of notSanitizerModels) expect(model.reason).toBe('plainHash');
  });
});

describe('allowed hosts', () => {
  it.each([
    ['http://localhost:8080/frames', []],
    ['ws://127.0.0.1:9000', []],
    ['http://[::1]/x', []],
    ['mqtt://tbox.local:1883', ['tbox.local']],
    ['https://adas.vehicle.internal/upload', ['*.vehicle.internal']],
    ['http://192.168.225.1/api', ['192.168.225.1']],
  ])('%s stays on the vehicle', (url, hosts) => expect(isAllowedHost(url, hosts)).toBe(true));

  it.each([
    ['https://api.example-oem.com/frames', ['tbox.local']],
    ['https://vehicle.internal.evil.com/x', ['*.vehicle.internal']],
    ['not a url at all', []],
  ])('%s leaves the vehicle', (url, hosts) => expect(isAllowedHost(url, hosts)).toBe(false));
});

// ---------------------------------------------------------------------------------------------------------------
// describe() and fixes on hand-made reaches.

const FILE = path.join(path.sep, 'project', 'src', 'crm', 'test-drive.service.ts');

function rangeOf(text: string, needle: string, from = 0, file = FILE): SourceRange {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`fixture text lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { file, offset, length: needle.length, line, column, endLine: line, endColumn: column + needle.length };
}

function plainReach(ruleId: string, overrides: Partial<Reach> = {}): Reach {
  const range = rangeOf('x', 'x');
  return {
    ruleId,
    sink: { range, callRange: range, argumentRange: range, description: 'Winston logger' },
    source: { range, description: 'name `idCardNo`', kind: 'name' },
    path: [],
    weakGuards: [],
    notSanitizers: [],
    ...overrides,
  };
}

function reachIn(text: string, ruleId: string, call: string, argument: string, extra: Partial<Reach> = {}): Reach {
  const callRange = rangeOf(text, call);
  const argumentRange = rangeOf(text, argument, callRange.offset);
  const sinkRange = callRange;
  const path: FlowStep[] = [{ kind: 'sink', range: argumentRange, message: 'logged' }];
  return plainReach(ruleId, { sink: { range: sinkRange, callRange, argumentRange, description: 'sink' }, path, ...extra });
}

/** Narrows a value the test has just asserted to exist, saying why it must. */
function defined<T>(value: T | undefined, reason: string): T {
  if (value === undefined) throw new Error(`expected a value: ${reason}`);
  return value;
}

function fixesOf(rule: AnyRule): NonNullable<AnyRule['fixes']> {
  return defined(rule.fixes, `${rule.meta.id} declares fixes`).bind(rule);
}

function context(text: string, knownSanitizers: KnownFunction[] = [], knownGuards: KnownFunction[] = []): FixContext {
  return { fileText: () => text, syntaxTree: createSyntaxTrees(() => text), knownSanitizers, knownGuards };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((acc, e) => acc.slice(0, e.start) + e.newText + acc.slice(e.end), text);
}

describe('no-id-number-logging describe and fixes', () => {
  it('picks the message from the reach', () => {
    const weak = { reason: 'plainHash', description: 'unkeyed hash (createHash)', range: rangeOf('x', 'x') };
    expect(idNumberLoggingRule.describe(plainReach('no-id-number-logging', { notSanitizers: [weak] }), idNumberLoggingRule.defaultOptions)).toEqual({
      messageId: 'hashIsNotMasking',
      data: { source: 'name `idCardNo`', sink: 'Winston logger', hash: 'unkeyed hash (createHash)' },
    });
    expect(idNumberLoggingRule.describe(plainReach('no-id-number-logging', { fieldPath: 'customer.idCardNo' }), idNumberLoggingRule.defaultOptions).messageId).toBe('idFieldLogged');
    expect(idNumberLoggingRule.describe(plainReach('no-id-number-logging'), idNumberLoggingRule.defaultOptions).messageId).toBe('idLogged');
  });

  const text = [
    "import { maskIdNumber } from '../shared/masking';",
    '',
    'export class TestDriveService {',
    '  book(customer: Customer) {',
    '    this.logger.info(customer.idCardNo);',
    '    this.logger.info({ idCardNo });',
    '    this.logger.info(`booked for ${customer.idCardNo} today`);',
    '  }',
    '}',
    '',
  ].join('\n');
  const mask: KnownFunction = { name: 'maskIdNumber', file: '/project/src/shared/masking.ts', isExported: true, isAsync: false, arity: 1 };

  it('wraps the argument in the imported mask helper (safe fix)', () => {
    const reach = reachIn(text, 'no-id-number-logging', 'this.logger.info(customer.idCardNo)', 'customer.idCardNo');
    const [fix, suppress] = fixesOf(idNumberLoggingRule)(reach, context(text, [mask]), idNumberLoggingRule.defaultOptions, 'en');
    expect(fix?.isSafe).toBe(true);
    expect(fix?.title).toBe('Mask the ID number with maskIdNumber()');
    expect(apply(text, defined(fix, 'a fix is offered').edits)).toContain('    this.logger.info(maskIdNumber(customer.idCardNo));\n');
    expect(suppress?.isSafe).toBe(false);
  });

  it('uses an inline mask when no helper is in scope, and keeps shorthand properties valid', () => {
    const reach = reachIn(text, 'no-id-number-logging', 'this.logger.info({ idCardNo })', 'idCardNo');
    const notInScope = { ...mask, name: 'redactId' };
    const [fix] = fixesOf(idNumberLoggingRule)(reach, context(text, [notInScope]), idNumberLoggingRule.defaultOptions, 'zh-CN');
    expect(fix?.title).toBe('对证件号码脱敏，仅保留后四位');
    expect(apply(text, defined(fix, 'a fix is offered').edits)).toContain("this.logger.info({ idCardNo: `****${String(idCardNo ?? '').slice(-4)}` });");
  });

  it('wraps only the flowing part of a template message', () => {
    const template = reachIn(text, 'no-id-number-logging', 'this.logger.info(`booked', '`booked for ${customer.idCardNo} today`');
    const source: FlowStep = { kind: 'source', range: rangeOf(text, 'customer.idCardNo'), message: 'name `idCardNo`' };
    const reach = { ...template, path: [source, ...template.path] };
    const [fix] = fixesOf(idNumberLoggingRule)(reach, context(text, [mask]), idNumberLoggingRule.defaultOptions, 'en');
    expect(apply(text, defined(fix, 'a fix is offered').edits)).toContain('this.logger.info(`booked for ${maskIdNumber(customer.idCardNo)} today`);');
  });

  it('offers no wrap for a whole logged object', () => {
    const reach = { ...reachIn(text, 'no-id-number-logging', 'this.logger.info(customer.idCardNo)', 'customer.idCardNo'), fieldPath: 'customer.idCardNo' };
    const fixes = fixesOf(idNumberLoggingRule)(reach, context(text, [mask]), idNumberLoggingRule.defaultOptions, 'en');
    expect(fixes.map((f) => f.isSafe)).toEqual([false]);
  });

  it('builds valid inline masks', () => {
    expect(inlineMask('c.idCardNo')).toBe("`****${String(c.idCardNo ?? '').slice(-4)}`");
    expect(inlineMask('a || b')).toBe("`****${String((a || b) ?? '').slice(-4)}`");
  });

  it('suppresses above the sink line with the same indentation and selects the reason', () => {
    const reach = reachIn(text, 'no-id-number-logging', 'this.logger.info(customer.idCardNo)', 'customer.idCardNo');
    const fixes = fixesOf(idNumberLoggingRule)(reach, context(text), idNumberLoggingRule.defaultOptions, 'en');
    const suppress = defined(fixes[fixes.length - 1], 'the suppression is always offered');
    const result = apply(text, suppress.edits);
    const selection = defined(suppress.selection, 'suppression selects its reason');
    expect(result).toContain(
      '    // piilint-disable-next-line no-id-number-logging -- <reason>\n    this.logger.info(customer.idCardNo);',
    );
    expect(result.slice(selection.start, selection.end)).toBe('<reason>');
  });
});

describe('no-unconsented-biometric-storage describe and fixes', () => {
  const range = rangeOf('x', 'x');
  it.each([
    ['privacyPolicy', 'privacyPolicyOnly'],
    ['osPermission', 'osPermissionOnly'],
    ['cookieBanner', 'cookieBannerOnly'],
    ['notDominating', 'consentNotOnEveryPath'],
    ['defaultTrue', 'consentDefaultsToTrue'],
    ['clientInput', 'consentFromClientInput'],
    ['otherPerson', 'consentOfAnotherPerson'],
  ])('weak guard %s → %s', (reason, messageId) => {
    const reach = plainReach('no-unconsented-biometric-storage', { weakGuards: [{ reason, description: '`user.agreedPrivacy`', range }] });
    const described = biometricStorageRule.describe(reach, biometricStorageRule.defaultOptions);
    expect(described.messageId).toBe(messageId);
    expect(described.data.check).toBe('`user.agreedPrivacy`');
  });

  it('reports unconsented storage without any check', () => {
    expect(biometricStorageRule.describe(plainReach('no-unconsented-biometric-storage'), biometricStorageRule.defaultOptions).messageId).toBe('unconsentedStorage');
  });

  const file = path.join(path.sep, 'project', 'src', 'visitors', 'face-enrolment.service.ts');
  const text = [
    "import { Injectable } from '@nestjs/common';",
    "import { FaceTemplateRepository } from './face-template.repository';",
    '',
    '@Injectable()',
    'export class FaceEnrolmentService {',
    '  async enrol(customerId: string, descriptor: Float32Array) {',
    '    await this.templates.saveTemplate(customerId, descriptor);',
    '  }',
    '}',
    '',
  ].join('\n');
  const call = 'this.templates.saveTemplate(customerId, descriptor)';

  it('inserts the project consent check before the store, importing it', () => {
    const reach = { ...reachIn(text, 'no-unconsented-biometric-storage', call, 'descriptor') };
    const sinkWithFile = { ...reach.sink, callRange: { ...reach.sink.callRange, file }, argumentRange: { ...reach.sink.argumentRange, file }, range: { ...reach.sink.range, file } };
    const guard: KnownFunction = { name: 'hasFaceConsent', file: '/project/src/consent/consent.service.ts', isExported: true, isAsync: true, arity: 1 };
    const [fix, suppress] = fixesOf(biometricStorageRule)({ ...reach, sink: sinkWithFile }, context(text, [], [guard]), biometricStorageRule.defaultOptions, 'en');
    expect(fix?.isSafe).toBe(false);
    const result = apply(text, defined(fix, 'a fix is offered').edits);
    expect(result).toContain("import { hasFaceConsent } from '../consent/consent.service';");
    expect(result).toContain(
      "    if (!(await hasFaceConsent(customerId))) {\n      throw new Error('Separate consent to biometric processing is missing');\n    }\n    await this.templates.saveTemplate",
    );
    const selection = defined(defined(fix, 'a fix is offered').selection, 'the guard fix selects the person');
    expect(result.slice(selection.start, selection.end)).toBe('customerId');
    expect(suppress?.title).toContain('no-unconsented-biometric-storage');
  });

  it('calls an asserting check as a statement', () => {
    const reach = reachIn(text, 'no-unconsented-biometric-storage', call, 'descriptor');
    const guard: KnownFunction = { name: 'assertBiometricConsent', file: FILE, isExported: true, isAsync: true, arity: 1 };
    const [fix] = fixesOf(biometricStorageRule)(reach, context(text, [], [guard]), biometricStorageRule.defaultOptions, 'zh-CN');
    expect(fix?.title).toBe('存储前使用 assertBiometricConsent() 校验单独同意');
    expect(apply(text, defined(fix, 'a fix is offered').edits)).toContain('    await assertBiometricConsent(customerId);\n    await this.templates.saveTemplate');
  });

  it('offers only the suppression when no consent check is known', () => {
    const reach = reachIn(text, 'no-unconsented-biometric-storage', call, 'descriptor');
    expect(fixesOf(biometricStorageRule)(reach, context(text), biometricStorageRule.defaultOptions, 'en')).toHaveLength(1);
  });
});

describe('no-unanonymized-camera-egress describe and fixes', () => {
  const range = rangeOf('x', 'x');
  it('explains an anonymiser on another branch', () => {
    const reach = plainReach('no-unanonymized-camera-egress', { notSanitizers: [{ reason: 'otherBranch', description: '`blurFacesAndPlates`', range }] });
    expect(cameraEgressRule.describe(reach, cameraEgressRule.defaultOptions)).toMatchObject({ messageId: 'anonymizerOnOneBranch', data: { anonymizer: '`blurFacesAndPlates`' } });
  });

  it('mentions weak consent only when consent can count', () => {
    const reach = plainReach('no-unanonymized-camera-egress', { weakGuards: [{ reason: 'osPermission', description: 'camera permission', range }] });
    expect(cameraEgressRule.describe(reach, cameraEgressRule.defaultOptions).messageId).toBe('rawFrameEgress');
    expect(cameraEgressRule.describe(reach, { ...cameraEgressRule.defaultOptions, allowWithConsent: true }).messageId).toBe('osPermissionOnly');
  });

  it('wraps the payload in the known anonymiser', () => {
    const text = "export async function upload(client: MqttClient, frame: Buffer) {\n  client.publish('dashcam/frames', frame);\n}\n";
    const reach = reachIn(text, 'no-unanonymized-camera-egress', "client.publish('dashcam/frames', frame)", 'frame)');
    const narrowed = { ...reach, sink: { ...reach.sink, argumentRange: { ...reach.sink.argumentRange, length: 'frame'.length } } };
    const anonymizer: KnownFunction = { name: 'blurFacesAndPlates', file: '/project/src/shared/anonymizer.ts', isExported: true, isAsync: true, arity: 1 };
    const [fix] = fixesOf(cameraEgressRule)(narrowed, context(text, [anonymizer]), cameraEgressRule.defaultOptions, 'en');
    const result = apply(text, defined(fix, 'a fix is offered').edits);
    expect(result).toContain("client.publish('dashcam/frames', await blurFacesAndPlates(frame));");
    expect(result).toContain("import { blurFacesAndPlates } from '../shared/anonymizer';\n");
  });
});

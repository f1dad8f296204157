import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/src/engine/errors';
import { buildConfigSchema, DEFAULT_MAX_FILE_SIZE, findConfigFile, loadConfig } from '../../server/src/engine/config';
import { compileConfigSchema } from '../../server/src/engine/config/validate-config';
import type { AnyRule, RuleModels } from '../../server/src/engine/rule-api';

const REPO_ROOT = path.resolve(__dirname, '../..');
const temporaryFolders: string[] = [];

afterAll(() => {
  for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
});

/** Small stand-ins for registry rules, shaped like the real ones. */
function testRule(id: string, defaultSeverity: 'error' | 'warning', optionsSchema: Record<string, unknown>, defaultOptions: object): AnyRule {
  return {
    meta: {
      id,
      description: { en: `Test rule ${id}.`, 'zh-CN': `测试规则 ${id}。` },
      defaultSeverity,
      securitySeverity: 5,
      precision: 'high',
      legalBasis: { en: 'PIPL 51', 'zh-CN': '个人信息保护法第五十一条' },
      tags: ['privacy'],
      hasSafeFix: false,
      hasSuggestions: false,
    },
    optionsSchema,
    defaultOptions,
    messages: { found: { en: 'found', 'zh-CN': '发现' } },
    createModels: () => ({}),
    requiresGuard: () => false,
    validators: { residentIdChecksum: () => true },
    describe: () => ({ messageId: 'found', data: {} }),
  };
}

const idLogging = testRule(
  'no-id-number-logging',
  'error',
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowMaskedTail: { type: 'integer', minimum: 0, maximum: 4, description: 'Trailing digits a mask may keep.' },
      display: {
        type: 'object',
        additionalProperties: false,
        properties: { keepHead: { type: 'integer' }, keepTail: { type: 'integer' } },
      },
    },
  },
  { allowMaskedTail: 4, display: { keepHead: 6, keepTail: 4 } },
);
const biometricStorage = testRule(
  'no-unconsented-biometric-storage',
  'warning',
  {
    type: 'object',
    additionalProperties: false,
    properties: { consentFunctions: { type: 'array', items: { type: 'string' } } },
  },
  { consentFunctions: ['assertBiometricConsent'] },
);
const RULES: readonly AnyRule[] = [idLogging, biometricStorage];

function folderWith(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-config-')));
  temporaryFolders.push(root);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  return root;
}

/** Loads `text` as piilint.config.json and returns the ConfigError it must raise. */
function configError(text: string): { error: ConfigError; file: string } {
  const file = path.join(folderWith({ 'piilint.config.json': text }), 'piilint.config.json');
  try {
    loadConfig({ file, rules: RULES });
  } catch (error) {
    if (error instanceof ConfigError) return { error, file };
    throw error;
  }
  throw new Error(`expected a ConfigError for ${text}`);
}

describe('loadConfig: defaults', () => {
  it('fills every rule (and the engine rules) from the rule defaults when there is no file', () => {
    const config = loadConfig({ rules: RULES, cwd: '/srv/crm' });
    expect(config.file).toBeUndefined();
    expect(config.baseDir).toBe(path.resolve('/srv/crm'));
    // `auto`: the language of the environment (LANG in the CLI, the display language in the editor), issue #20.
    expect(config.locale).toBe('auto');
    expect(config.ignore).toEqual([]);
    expect(config.maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE);
    expect(config.maxFileSize).toBe(2 * 1024 * 1024);
    expect(config.rules['no-id-number-logging']).toEqual({
      severity: 'error',
      options: { allowMaskedTail: 4, display: { keepHead: 6, keepTail: 4 } },
      extraModels: {},
    });
    expect(config.rules['no-unconsented-biometric-storage']?.severity).toBe('warning');
    expect(Object.keys(config.rules)).toEqual([
      'no-id-number-logging',
      'no-unconsented-biometric-storage',
      'parse-error',
      'invalid-suppression',
      'unused-suppression',
    ]);
  });

  it('reads JSONC with comments and trailing commas, merges options and takes models', () => {
    const logger: RuleModels = {
      sinks: [{ module: '@dealer/crm-log', path: 'createLogger().info|warn|error', arguments: 'all', description: 'CRM audit logger' }],
      sanitizers: [{ terms: ['tuomin'], description: 'desensitise helpers' }],
    };
    const root = folderWith({
      'piilint.config.json': `{
        // Dealer CRM
        "$schema": "./node_modules/piilint/schema/piilint.config.schema.json",
        "locale": "zh-CN",
        "ignore": ["legacy/", "**/*.fixture.ts",],
        "maxFileSize": 4194304,
        "rules": {
          "no-id-number-logging": { "options": { "display": { "keepTail": 3 } } },
          "no-unconsented-biometric-storage": "error", /* stricter for the kiosk */
          "unused-suppression": "off",
        },
        "models": { "no-id-number-logging": ${JSON.stringify(logger)} },
      }`,
    });
    const config = loadConfig({ file: path.join(root, 'piilint.config.json'), rules: RULES });
    expect(config.file).toBe(path.join(root, 'piilint.config.json'));
    expect(config.baseDir).toBe(root);
    expect(config.locale).toBe('zh-CN');
    expect(config.ignore).toEqual(['legacy/', '**/*.fixture.ts']);
    expect(config.maxFileSize).toBe(4194304);
    expect(config.rules['no-id-number-logging']).toEqual({
      severity: 'error',
      options: { allowMaskedTail: 4, display: { keepHead: 6, keepTail: 3 } },
      extraModels: logger,
    });
    expect(config.rules['no-unconsented-biometric-storage']).toEqual({
      severity: 'error',
      options: { consentFunctions: ['assertBiometricConsent'] },
      extraModels: {},
    });
    expect(config.rules['unused-suppression']?.severity).toBe('off');
  });

  it('accepts every kind of model', () => {
    const models: RuleModels = {
      sources: [
        { kind: 'api', module: 'face-api.js', path: 'computeFaceDescriptor', description: 'face descriptor' },
        { kind: 'api', global: 'wx', path: 'chooseMedia', output: { callbackArgument: 0, parameter: 0 }, description: 'kiosk photo' },
        { kind: 'name', terms: ['rlzp', 'face photo'], suffixTerms: ['rlzptp'], exclude: ['type face'], description: 'face photo by name' },
        { kind: 'literal', pattern: '^\\d{17}[\\dX]$', validator: 'residentIdChecksum', description: 'resident ID' },
      ],
      sinks: [
        { receiverName: 'auditLog(ger)?', methods: 'info|warn', description: 'audit logger' },
        { module: 'mysql2', path: 'createConnection().query', when: { argument: 0, matches: '\\binsert\\b' }, description: 'SQL insert' },
        { global: 'fetch', urlArgument: 0, arguments: [1], property: 'body', description: 'HTTP upload' },
      ],
      sanitizers: [{ methods: 'blurFaces', argument: 'receiver', description: 'blurs every face' }],
      guards: [
        { allOf: [['consent', 'shouquan'], ['face', 'renlian']], noneOf: ['privacy'], description: 'separate face consent' },
        { allOf: [['privacy']], weakReason: 'privacyPolicy', description: 'privacy policy flag' },
      ],
      steps: [{ module: 'lodash', path: 'cloneDeep', from: { argument: 0 }, to: 'result' }],
      barrierProperties: ['length', 'score'],
    };
    const root = folderWith({ 'piilint.config.json': JSON.stringify({ models: { 'no-unconsented-biometric-storage': models } }) });
    const config = loadConfig({ file: path.join(root, 'piilint.config.json'), rules: RULES });
    expect(config.rules['no-unconsented-biometric-storage']?.extraModels).toEqual(models);
  });

  it('resolves a relative config path against cwd and strips a BOM', () => {
    const root = folderWith({ 'config/piilint.config.json': '\uFEFF{ "locale": "zh-CN" }' });
    const config = loadConfig({ file: 'config/piilint.config.json', rules: RULES, cwd: root });
    expect(config.locale).toBe('zh-CN');
    expect(config.baseDir).toBe(path.join(root, 'config'));
  });
});

describe('loadConfig: errors are one line with the file, the JSON path and what to do', () => {
  it('reports a syntax error with line:column', () => {
    const { error, file } = configError('{\n  "locale": "en"\n  "ignore": []\n}\n');
    expect(error.message).toBe(`${file}:3:3: invalid JSON: expected ',' between entries. Fix the syntax (comments and trailing commas are allowed).`);
    expect(error.file).toBe(file);
  });

  it('reports an empty file and a duplicated key', () => {
    expect(configError('  // nothing yet\n').error.message).toMatch(/the config file is empty\. Write an object such as \{\}/);
    const { error, file } = configError('{\n  "rules": {},\n  "rules": {}\n}');
    expect(error.message).toBe(`${file}:3:3: the key "rules" appears twice at /; only the last would count. Merge the two into one.`);
  });

  it('reports a wrong type with the JSON path, what was found and what was expected', () => {
    const { error, file } = configError('{\n  "maxFileSize": "4mb"\n}');
    expect(error.message).toBe(`${file}:2:18: /maxFileSize is "4mb" (a string), but must be an integer ≥ 1. Correct the value and run again.`);
    expect(error.jsonPath).toBe('/maxFileSize');
    expect(configError('{ "ignore": "dist" }').error.message).toContain('/ignore is "dist" (a string), but must be a list of strings.');
    expect(configError('[]').error.message).toContain('the top level is an array, but must be a piilint configuration object.');
    expect(configError('{ "ignore": [""] }').error.message).toContain('/ignore/0 is "" (a string), but must not be empty.');
  });

  it('names an unknown key, suggests the close one and lists the allowed keys', () => {
    const { error, file } = configError('{\n  "ignores": ["legacy/"]\n}');
    expect(error.message).toBe(
      `${file}:2:3: unknown key "ignores" at /ignores. Did you mean "ignore"? Allowed keys in the top level: $schema, root, locale, ignore, maxFileSize, rules, models. Remove or rename it.`,
    );
    expect(error.jsonPath).toBe('/ignores');
  });

  it('names an unknown rule id, suggests the close one and lists the known ones', () => {
    const { error } = configError('{ "rules": { "no-id-number-loging": "warning" } }');
    expect(error.message).toContain('unknown rule "no-id-number-loging" at /rules/no-id-number-loging. Did you mean "no-id-number-logging"?');
    expect(error.message).toContain(
      'Known rules: no-id-number-logging, no-unconsented-biometric-storage, parse-error, invalid-suppression, unused-suppression.',
    );
    expect(configError('{ "models": { "face-rule": {} } }').error.message).toMatch(/unknown rule "face-rule" at \/models\/face-rule\. Known rules: no-id-number-logging, no-unconsented-biometric-storage\.$/);
  });

  it('rejects a bad severity, listing the severities and the object form', () => {
    const { error, file } = configError('{\n  "rules": {\n    "no-id-number-logging": "fatal"\n  }\n}');
    expect(error.message).toBe(
      `${file}:3:29: /rules/no-id-number-logging is "fatal" (a string), but must be one of "error", "warning", "info", "off" or an object with the keys severity, options. Correct the value and run again.`,
    );
    expect(configError('{ "rules": { "no-id-number-logging": { "severity": "warn" } } }').error.message).toContain(
      '/rules/no-id-number-logging/severity is "warn" (a string), but must be one of "error", "warning", "info", "off".',
    );
  });

  it('validates rule options against the rule\'s optionsSchema', () => {
    expect(configError('{ "rules": { "no-id-number-logging": { "options": { "allowMaskedTail": 9 } } } }').error.message).toContain(
      '/rules/no-id-number-logging/options/allowMaskedTail is 9, but must be ≤ 4.',
    );
    const { error } = configError('{ "rules": { "no-unconsented-biometric-storage": { "options": { "consentFunction": [] } } } }');
    expect(error.message).toContain(
      'unknown key "consentFunction" at /rules/no-unconsented-biometric-storage/options/consentFunction. Did you mean "consentFunctions"?',
    );
    expect(configError('{ "rules": { "no-id-number-logging": { "option": {} } } }').error.message).toContain(
      'unknown key "option" at /rules/no-id-number-logging/option. Did you mean "options"?',
    );
  });

  it('explains bad models: kind, missing callee, missing description, bad regular expression, unknown validator', () => {
    const rule = 'no-id-number-logging';
    const models = (value: unknown): string => configError(JSON.stringify({ models: { [rule]: value } })).error.message;
    expect(models({ sources: [{ kind: 'regex', description: 'x' }] })).toContain(
      `/models/${rule}/sources/0/kind is "regex" (a string), but must be one of "api", "name", "literal" or "input". Use one of these.`,
    );
    expect(models({ sinks: [{ path: 'info', description: 'logger' }] })).toContain(
      `/models/${rule}/sinks/0 does not say which calls it matches; it needs one of the keys "module", "global", "receiverName", "methods" or "terms".`,
    );
    expect(models({ sinks: [{ module: 'pino' }] })).toContain(`/models/${rule}/sinks/0 is missing the required key "description". Add it.`);
    expect(models({ sinks: [{ modul: 'pino', description: 'x' }] })).toContain(`unknown key "modul" at /models/${rule}/sinks/0/modul. Did you mean "module"?`);
    expect(models({ sinks: [{ receiverName: 'audit(', description: 'x' }] })).toContain(
      `/models/${rule}/sinks/0/receiverName is not a valid regular expression`,
    );
    expect(models({ sources: [{ kind: 'literal', pattern: '\\d{18}', validator: 'luhn', description: 'x' }] })).toContain(
      `/models/${rule}/sources/0/validator names "luhn", which ${rule} does not register. Use one of: residentIdChecksum, or remove the key.`,
    );
    expect(models({ steps: [{ module: 'lodash', from: 'receiver', to: 'nowhere' }] })).toContain(
      `/models/${rule}/steps/0/to is "nowhere" (a string), but must be "result", "receiver" or an object with the key argument. Correct the value and run again.`,
    );
  });

  it('reports an explicit config file that does not exist, without a stack trace in the message', () => {
    const root = folderWith({});
    const missing = path.join(root, 'piilint.config.json');
    expect(() => loadConfig({ file: missing, rules: RULES })).toThrow(ConfigError);
    expect(() => loadConfig({ file: missing, rules: RULES })).toThrow(
      `Config file not found: ${missing}. Check the path given with --config, or leave --config out to use the nearest piilint.config.json.`,
    );
    expect(() => loadConfig({ file: root, rules: RULES })).toThrow(/is a folder, not a config file/);
  });

  it('keeps every message on one line', () => {
    const texts = ['{', '{ "locale": "fr" }', '{ "rules": { "x": 1 } }', '{ "models": { "no-id-number-logging": { "sinks": [{}] } } }'];
    for (const text of texts) expect(configError(text).error.message).not.toContain('\n');
  });
});

describe('docs/configuration.md', () => {
  it('has a dealer CRM example that loads', async () => {
    const docs = fs.readFileSync(path.join(REPO_ROOT, 'docs/configuration.md'), 'utf8');
    const example = /<!-- config-example -->\n```jsonc\n([\s\S]*?)\n```/.exec(docs)?.[1];
    expect(example, 'docs/configuration.md needs a ```jsonc block after <!-- config-example -->').toBeDefined();
    const registry = path.join(REPO_ROOT, 'rules/index.ts');
    // Until rules/index.ts lands, stand-ins with the real ids accept any options; models are checked in full.
    const rules: readonly AnyRule[] = fs.existsSync(registry)
      ? ((await import(registry)) as { allRules: readonly AnyRule[] }).allRules
      : ['no-id-number-logging', 'no-unconsented-biometric-storage'].map((id) => testRule(id, 'error', { type: 'object' }, {}));
    const root = folderWith({ 'piilint.config.json': example ?? '' });
    const config = loadConfig({ file: path.join(root, 'piilint.config.json'), rules });
    expect(config.locale).toBe('zh-CN');
    expect(config.rules['no-id-number-logging']?.extraModels.sinks?.[0]).toMatchObject({ module: '@dealer/crm-logger' });
    expect(config.rules['no-unconsented-biometric-storage']?.options).toMatchObject({
      consentFunctions: ['assertShowroomFaceOptIn', 'hasRenlianTongyi'],
    });
  });

  it('shows error messages exactly as piilint prints them', () => {
    const docs = fs.readFileSync(path.join(REPO_ROOT, 'docs/configuration.md'), 'utf8');
    const shown = (pattern: RegExp): string => (pattern.exec(docs)?.[0] ?? '').replace(/^\/srv\/crm\/piilint\.config\.json/, '');
    const severity = configError('{\n  "rules": {\n    "no-id-number-logging": "fatal"\n  }\n}');
    expect(severity.error.message.slice(severity.file.length)).toBe(shown(/^\/srv\/crm\/piilint\.config\.json:3:29: .*$/m));
    const unknownKey = configError('{\n  "ignores": []\n}');
    expect(unknownKey.error.message.slice(unknownKey.file.length)).toBe(shown(/^\/srv\/crm\/piilint\.config\.json:2:3: .*$/m));
    const syntax = configError('{\n  "locale": "en"\n  "ignore": []\n}');
    expect(syntax.error.message.slice(syntax.file.length)).toBe(shown(/^\/srv\/crm\/piilint\.config\.json:3:3: .*$/m));
  });
});

describe('findConfigFile', () => {
  it('walks up from a file or folder and stops at the nearest config', () => {
    const root = folderWith({
      'piilint.config.json': '{}',
      'apps/kiosk/piilint.config.json': '{}',
      'apps/kiosk/src/enrol/face.ts': '\n',
      'apps/crm/src/customer.ts': '\n',
    });
    expect(findConfigFile(path.join(root, 'apps/kiosk/src/enrol/face.ts'))).toBe(path.join(root, 'apps/kiosk/piilint.config.json'));
    expect(findConfigFile(path.join(root, 'apps/kiosk'))).toBe(path.join(root, 'apps/kiosk/piilint.config.json'));
    expect(findConfigFile(path.join(root, 'apps/crm/src/customer.ts'))).toBe(path.join(root, 'piilint.config.json'));
    expect(findConfigFile(path.join(root, 'apps/crm/src/not-saved-yet.ts'))).toBe(path.join(root, 'piilint.config.json'));
  });

  it('returns undefined when no folder up to the root has one, and ignores a folder of that name', () => {
    const root = folderWith({ 'piilint.config.json/readme.txt': 'not a config', 'src/a.ts': '\n' });
    const found = findConfigFile(path.join(root, 'src/a.ts'));
    // A config above the temporary folder (there should be none) would also be acceptable; never the folder.
    expect(found).not.toBe(path.join(root, 'piilint.config.json'));
    expect(found === undefined || !found.startsWith(root)).toBe(true);
  });
});

describe('config schema', () => {
  it('is valid draft-07 with a description on every property, and embeds each rule\'s options schema', () => {
    const schema = buildConfigSchema(RULES) as Record<string, any>;
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.properties.rules.properties['no-id-number-logging'].anyOf[1].properties.options.properties.allowMaskedTail).toEqual(
      idLogging.optionsSchema['properties'] && (idLogging.optionsSchema['properties'] as Record<string, unknown>)['allowMaskedTail'],
    );
    expect(Object.keys(schema.properties.models.properties)).toEqual(['no-id-number-logging', 'no-unconsented-biometric-storage']);
    const undescribed: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record['properties'] && typeof record['properties'] === 'object') {
        for (const [key, child] of Object.entries(record['properties'] as Record<string, Record<string, unknown>>)) {
          if (typeof child['description'] !== 'string' && !at.includes('/options')) undescribed.push(`${at}/${key}`);
        }
      }
      for (const [key, child] of Object.entries(record)) visit(child, `${at}/${key}`);
    };
    visit(schema, '');
    expect(undescribed).toEqual([]);
  });

  it('compiles the validator once per rules array', () => {
    expect(compileConfigSchema(RULES)).toBe(compileConfigSchema(RULES));
    expect(compileConfigSchema([...RULES])).not.toBe(compileConfigSchema(RULES));
  });

  it('matches the checked-in schema/piilint.config.schema.json for the rule registry', async () => {
    const registry = path.join(REPO_ROOT, 'rules/index.ts');
    // Until rules/index.ts lands, the checked-in schema describes the engine rules only.
    const rules: readonly AnyRule[] = fs.existsSync(registry) ? ((await import(registry)) as { allRules: readonly AnyRule[] }).allRules : [];
    const checkedIn = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/piilint.config.schema.json'), 'utf8')) as unknown;
    expect(checkedIn, 'schema is stale: run `npm run build && node scripts/write-config-schema.js`').toEqual(buildConfigSchema(rules));
  });
});

describe('loadConfig: every model kind of the engine', () => {
  it('accepts redactions, look-alike sanitizers, receiver URLs, option-object callbacks and allowed hosts', () => {
    const models = {
      sources: [{ kind: 'api', global: 'wx', path: 'chooseMedia', output: { callbackArgument: 0, property: 'success', parameter: 0 }, description: 'mini-program media' }],
      sinks: [
        { module: 'acme-uplink', path: 'Client.new().send', arguments: [0], urlArgument: 'receiver', description: 'ACME uplink' },
        { module: 'axios', path: '', arguments: [0], property: 'data', urlArgument: 0, urlProperty: 'url', description: 'axios request' },
        { module: 'acme-store', path: 'open().**.save', arguments: [], receiver: true, when: { argument: 'receiver', matches: '/faces' }, description: 'ACME face store' },
      ],
      notSanitizers: [{ module: 'crypto', path: 'createHash().update', reason: 'plainHash', description: 'unkeyed hash' }],
      redactions: [{ module: 'pino', path: '', pathsProperty: 'redact', scope: 'instance', description: 'pino redact' }],
      allowedHosts: ['tbox.local', '*.vehicle.internal'],
    };
    const file = path.join(folderWith({ 'piilint.config.json': JSON.stringify({ models: { 'no-id-number-logging': models } }) }), 'piilint.config.json');
    const config = loadConfig({ file, rules: RULES });
    expect(config.rules['no-id-number-logging']!.extraModels).toEqual(models);
  });

  it('keeps the line and column of a config error as data', () => {
    const { error } = configError('{\n  "locale": "fr"\n}\n');
    expect(error.position?.line).toBe(2);
  });
});

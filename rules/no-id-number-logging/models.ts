/**
 * Models of `no-id-number-logging` (DOMAIN.md §2–§4): what an ID number looks like (names and literals with
 * check digits), where it must not arrive unmasked (logs and telemetry, §4.4), and what masks it (§4.6).
 */
import type { LiteralSourceModel, NotSanitizerModel, RedactionModel, RuleModels, SanitizerModel, SinkModel, SourceModel, StepModel } from '../../server/src/engine/rule-api';
import { commonSteps } from '../shared/common-steps';
import { toAlternation, tokenizeName, withNodePrefix } from '../shared/names';
import { NOT_SANITIZER_REASONS } from '../shared/reasons';
import type { IdNumberLoggingOptions } from './options';

const BOUND_START = '(?<![0-9A-Za-z])';
const BOUND_END = '(?![0-9A-Za-z])';
const bounded = (body: string): string => `${BOUND_START}(?:${body})${BOUND_END}`;
const DATE = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const PLATE_PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';

/** Names that are not ID numbers although they contain a term: other ids, document-type codes, flags, images. */
const ID_NAME_EXCLUDES: readonly string[] = [
  'user id',
  'order id',
  'video id',
  'request id',
  'trace id',
  'session id',
  'device id',
  'visitor id',
  'customer id',
  'lead id',
  'dealer id',
  'store id',
  'camera id',
  'message id',
  'card type',
  'id card type',
  'id type',
  'credit card',
  'bank card',
  'license key',
  'licence key',
  'zjlx',
  'zjlxdm',
  'sfzmmc',
  'hpzl',
  'masked',
  'mask',
  'tuomin',
  'desensitized',
  'redacted',
  'hmac',
  // Names of derived values: what was kept of the number, or a digest of it. The flow from the number itself is
  // still followed, so `vinHash = sha256(vin)` is reported as a plain hash; only the name adds nothing.
  'suffix',
  'prefix',
  'last',
  'tail',
  'hash',
  'hashed',
  'digest',
  'ref',
  'encrypted',
  'cipher',
  'image',
  'img',
  'photo',
  'pic',
  'front',
  'back',
  'url',
  'length',
  'len',
  'count',
  'valid',
  'verified',
  'regex',
  'pattern',
  'label',
  'placeholder',
  'is',
  'has',
  'enabled',
  'required',
];

const VEHICLE_NAME_EXCLUDES: readonly string[] = [
  ...ID_NAME_EXCLUDES,
  'plate type',
  'plate color',
  'plate colour',
  'boiler plate',
  'plate form',
  'template',
  'frame index',
  'frame rate',
  'video frame',
];

function nameSources(options: IdNumberLoggingOptions): SourceModel[] {
  const sources: SourceModel[] = [
    {
      kind: 'name',
      terms: [
        'id card',
        'idcard',
        'idcardno',
        'idcardnum',
        'id card no',
        'id no',
        'idno',
        'id number',
        'idnumber',
        'id num',
        'identity no',
        'identity number',
        'identity card',
        'identity card no',
        'national id',
        'national id number',
        'resident id',
        'resident id number',
        'cert no',
        'certificate no',
        'certificate number',
        'credential no',
        'credential number',
        'document number',
        'document no',
        'doc no',
        'passport no',
        'passport number',
        'passport num',
        'driver license',
        'driver licence',
        'drivers license',
        'driving license',
        'driving licence',
        'driver license no',
        'dl number',
        'dl no',
        'ssn',
        'social security number',
        'social security no',
        'tax id',
        'hkid',
        'sfz',
        'sfzh',
        'sfzhm',
        'gmsfhm',
        'sfzmhm',
        'zjhm',
        'zjh',
        'hzh',
        'hzhm',
        'jszh',
        'jszhm',
        'dabh',
        'txzh',
        'txzhm',
        'jzzh',
        'jzzhm',
        'tbzh',
        'hxzh',
        'travel permit',
        'travel permit no',
        'entry permit',
        'exit entry permit',
        'return permit',
        'home return permit',
        'residence permit',
        'residence permit no',
        'permanent resident id',
        'permanent residence id',
        'permanent resident card',
        'green card no',
        'qlrzjh',
        'shenfenzheng',
        'shenfenzhenghao',
      ],
      suffixTerms: ['sfzmhm', 'gmsfhm', 'sfzhm', 'jszhm', 'shenfenzheng', 'shenfenzhenghao'],
      exclude: ID_NAME_EXCLUDES,
      description: 'ID-document number',
    },
    {
      kind: 'name',
      terms: [
        'plate no',
        'plate number',
        'plate num',
        'plate nos',
        'plate numbers',
        'license plate',
        'licence plate',
        'license plate no',
        'car no',
        'car number',
        'vehicle no',
        'vehicle number',
        'vehicle plate',
        'cph',
        'chepai',
        'chepaihao',
        'hphm',
        'vin',
        'vins',
        'vin code',
        'vin no',
        'vincode',
        'vehicle identification number',
        'chassis no',
        'chassis number',
        'vehicle frame no',
        'car frame no',
        'cjh',
        'clsbdh',
        'engine no',
        'engine number',
        'fdjh',
      ],
      suffixTerms: ['clsbdh', 'chepaihao'],
      exclude: VEHICLE_NAME_EXCLUDES,
      description: 'licence plate, VIN or engine number',
    },
  ];
  const extraTerms = options.idFieldNames.map((name) => tokenizeName(name).join(' ')).filter((term) => term.length > 0);
  if (extraTerms.length > 0) {
    sources.push({ kind: 'name', terms: [...new Set(extraTerms)], description: 'ID number (configured field name)' });
  }
  return sources;
}

export function literalSources(): LiteralSourceModel[] {
  return [
    {
      kind: 'literal',
      pattern: bounded(`8[123]0000(?:19|20)\\d{2}${DATE}\\d{3}[\\dXx]`),
      validator: 'residentId',
      examples: ['810000199001010019'],
      description: 'residence permit number of a Hong Kong, Macau or Taiwan resident (MOD 11-2 check valid)',
    },
    {
      kind: 'literal',
      pattern: bounded(`[1-8]\\d{5}(?:18|19|20)\\d{2}${DATE}\\d{3}[\\dXx]`),
      validator: 'residentId',
      examples: ['11010519491231002X', '440304199003071512'],
      description: 'resident ID number (MOD 11-2 check and birth date valid)',
    },
    {
      kind: 'literal',
      pattern: bounded(`9\\d{5}(?:19|20)\\d{2}${DATE}\\d{3}[\\dXx]`),
      validator: 'foreignPermanentResidentId',
      examples: ['910000198506130023'],
      description: 'foreign permanent resident ID number (MOD 11-2 check valid)',
    },
    {
      kind: 'literal',
      pattern: bounded(`[1-9]\\d{7}${DATE}\\d{3}`),
      validator: 'legacyResidentId',
      examples: ['110105491231002'],
      description: 'legacy 15-digit resident ID number',
    },
    { kind: 'literal', pattern: bounded('[A-Z]{1,2}\\d{6}\\([0-9A]\\)|[A-Z]{1,2}\\d{6}[0-9A]'), validator: 'hkid', examples: ['A1234563', 'A123456(3)'], description: 'Hong Kong identity card number (check digit valid)' },
    { kind: 'literal', pattern: bounded('[A-Z][1289]\\d{8}'), validator: 'taiwanId', examples: ['A123456789'], description: 'Taiwan ID number (checksum valid)' },
    { kind: 'literal', pattern: bounded('[A-HJ-NPR-Z0-9]{17}'), validator: 'vin', examples: ['LSVAU218XN2183294', '1HGCM82633A004352'], description: 'VIN (position-9 check digit valid)' },
    { kind: 'literal', pattern: bounded('\\d{3}-\\d{2}-\\d{4}'), validator: 'ssn', examples: ['536-22-8726'], description: 'US Social Security number' },
    {
      kind: 'literal',
      pattern: bounded(`${PLATE_PROVINCE}[A-HJ-NP-Z][·•\\s-]?[A-HJ-NP-Z0-9]{4,6}(?:[警学挂领港澳]|应急)?|使\\d{6}`),
      validator: 'chinesePlate',
      examples: ['京A12345', '粤BD12345', '沪A·D12345'],
      description: 'Chinese licence plate',
    },
  ];
}

/** Receivers that are loggers by name (`logger`, `log`, `auditLogger`, `tboxLog`), but not `dialog` or `changelog`. */
const LOGGER_RECEIVER = 'logger|log|logging|.*logger|(?!(?:dia|cata|b|back|change)log$).*log';

const LOG_METHODS = 'info|warn|warning|error|debug|log|trace|fatal|verbose|silly|http|notice|critical|crit|alert|emerg';

function logSinks(options: IdNumberLoggingOptions): SinkModel[] {
  const sinks: SinkModel[] = [
    { global: 'console', path: 'log|info|warn|error|debug|trace|dir|dirxml|table|group|groupCollapsed|assert|timeLog', arguments: 'all', description: 'console' },
    { global: 'process', path: 'stdout|stderr.write', arguments: [0], description: 'process stdout/stderr' },
    // winston
    { module: 'winston', path: `createLogger().${LOG_METHODS}`, arguments: 'all', description: 'Winston logger' },
    { module: 'winston', path: `createLogger().child().${LOG_METHODS}`, arguments: 'all', description: 'Winston child logger' },
    { module: 'winston', path: 'createLogger().child', arguments: [0], description: 'Winston child logger metadata' },
    { module: 'winston', path: 'createLogger', arguments: [0], property: 'defaultMeta', description: 'Winston default metadata' },
    { module: 'winston', path: LOG_METHODS, arguments: 'all', description: 'Winston default logger' },
    { module: 'winston', path: `loggers.get().${LOG_METHODS}`, arguments: 'all', description: 'Winston logger' },
    // pino and nestjs-pino (child bindings are logged with every line)
    { module: 'pino', path: `().${LOG_METHODS}`, arguments: 'all', description: 'pino logger' },
    { module: 'pino', path: `().child().${LOG_METHODS}`, arguments: 'all', description: 'pino child logger' },
    { module: 'pino', path: '().child', arguments: [0], description: 'pino child bindings' },
    { module: 'pino', path: `pino().${LOG_METHODS}`, arguments: 'all', description: 'pino logger' },
    { module: 'pino', path: '().setBindings', arguments: [0], description: 'pino bindings' },
    { module: 'pino', path: '', arguments: [0], property: 'base', description: 'pino base bindings' },
    { module: 'pino', path: 'pino', arguments: [0], property: 'base', description: 'pino base bindings' },
    { module: 'nestjs-pino', path: `PinoLogger.new().${LOG_METHODS}|assign`, arguments: 'all', description: 'nestjs-pino logger' },
    { module: 'nestjs-pino', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'nestjs-pino logger' },
    // bunyan, log4js, loglevel, debug, signale, consola, npmlog, tslog, roarr
    { module: 'bunyan', path: `createLogger().${LOG_METHODS}`, arguments: 'all', description: 'Bunyan logger' },
    { module: 'bunyan', path: `createLogger().child().${LOG_METHODS}`, arguments: 'all', description: 'Bunyan child logger' },
    { module: 'bunyan', path: 'createLogger().child', arguments: [0], description: 'Bunyan child logger fields' },
    { module: 'log4js', path: `getLogger().${LOG_METHODS}|mark`, arguments: 'all', description: 'log4js logger' },
    { module: 'log4js', path: 'getLogger().addContext', arguments: [1], description: 'log4js logger context' },
    { module: 'loglevel', path: LOG_METHODS, arguments: 'all', description: 'loglevel' },
    { module: 'loglevel', path: `getLogger().${LOG_METHODS}`, arguments: 'all', description: 'loglevel' },
    { module: 'debug', path: '()', arguments: 'all', description: 'debug logger' },
    { module: 'debug', path: '().extend()', arguments: 'all', description: 'debug logger' },
    { module: 'signale', path: `${LOG_METHODS}|success|note|pending|complete|start|watch|star|fav|await|pause`, arguments: 'all', description: 'Signale' },
    { module: 'signale', path: `Signale.new().${LOG_METHODS}|success|note|pending|complete|start`, arguments: 'all', description: 'Signale' },
    { module: 'consola', path: `${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'consola', path: `consola.${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'consola', path: `createConsola().${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'npmlog', path: LOG_METHODS, arguments: 'all', description: 'npmlog' },
    { module: 'tslog', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'tslog' },
    // NestJS Logger, static and instance
    { module: '@nestjs/common', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'NestJS Logger' },
    { module: '@nestjs/common', path: `Logger.${LOG_METHODS}`, arguments: 'all', description: 'NestJS Logger (static)' },
    { module: '@nestjs/common', path: `ConsoleLogger.new().${LOG_METHODS}`, arguments: 'all', description: 'NestJS ConsoleLogger' },
    // Loggers recognised by receiver name: `this.logger.info(...)`, `auditLogger.warn(...)`, `log.error(...)`.
    { receiverName: LOGGER_RECEIVER, methods: LOG_METHODS, arguments: 'all', description: 'logger (by receiver name)' },
    // Bindings of a child logger are written with every line it logs: `this.logger.child({ vin })`.
    { receiverName: LOGGER_RECEIVER, methods: 'child|setBindings', arguments: [0], description: 'child logger bindings (by receiver name)' },
  ];
  const extraLoggers = toAlternation(options.loggerNames);
  if (extraLoggers !== undefined) {
    sinks.push({ receiverName: extraLoggers, methods: LOG_METHODS, arguments: 'all', description: 'configured logger' });
  }
  return sinks;
}

const SENTRY_MODULES = [
  '@sentry/node',
  '@sentry/browser',
  '@sentry/nestjs',
  '@sentry/nextjs',
  '@sentry/react',
  '@sentry/react-native',
  '@sentry/vue',
  '@sentry/electron',
  '@sentry/bun',
];

function telemetrySinks(): SinkModel[] {
  const sinks: SinkModel[] = [];
  for (const sentry of SENTRY_MODULES) {
    sinks.push(
      {
        module: sentry,
        path: 'captureMessage|captureException|captureEvent|setUser|setContext|setExtra|setExtras|setTag|setTags|addBreadcrumb',
        arguments: 'all',
        description: 'Sentry event',
      },
      {
        module: sentry,
        path: 'getCurrentScope|getIsolationScope|getGlobalScope().setUser|setContext|setExtra|setExtras|setTag|setTags|addBreadcrumb|captureMessage|captureException',
        arguments: 'all',
        description: 'Sentry scope',
      },
    );
  }
  sinks.push(
    // OpenTelemetry
    {
      module: '@opentelemetry/api',
      path: 'trace.getTracer().startSpan().setAttribute|setAttributes|addEvent|recordException|updateName',
      arguments: 'all',
      description: 'OpenTelemetry span',
    },
    {
      module: '@opentelemetry/api',
      path: 'trace.getActiveSpan|getSpan().setAttribute|setAttributes|addEvent|recordException|updateName',
      arguments: 'all',
      description: 'OpenTelemetry span',
    },
    { module: '@opentelemetry/api-logs', path: 'logs.getLogger().emit', arguments: [0], description: 'OpenTelemetry log record' },
    // Spans recognised by name, including callback parameters of startActiveSpan and dd-trace's tracer.trace.
    {
      receiverName: 'span|.*span',
      methods: 'setAttribute|setAttributes|addEvent|recordException|setTag|addTags|log|setBaggageItem',
      arguments: 'all',
      description: 'tracing span (by receiver name)',
    },
    { module: 'dd-trace', path: 'init().startSpan().setTag|addTags', arguments: 'all', description: 'Datadog span' },
    { module: 'dd-trace', path: 'scope().active().setTag|addTags', arguments: 'all', description: 'Datadog span' },
    { module: '@datadog/browser-logs', path: `datadogLogs.logger.${LOG_METHODS}`, arguments: 'all', description: 'Datadog browser logs' },
    { module: '@datadog/browser-logs', path: `datadogLogs.createLogger().${LOG_METHODS}`, arguments: 'all', description: 'Datadog browser logs' },
    { module: '@datadog/browser-logs', path: 'datadogLogs.setUser|setGlobalContextProperty|setGlobalContext', arguments: 'all', description: 'Datadog browser logs context' },
    { module: '@datadog/browser-rum', path: 'datadogRum.setUser|addAction|addError|setGlobalContextProperty|setUserProperty', arguments: 'all', description: 'Datadog RUM' },
    // Product analytics
    { module: '@segment/analytics-node', path: 'Analytics.new().track|identify|page|screen|group|alias', arguments: [0], description: 'Segment analytics' },
    { module: 'analytics-node', path: 'new().track|identify|page|screen|group|alias', arguments: [0], description: 'Segment analytics' },
    { module: '@segment/analytics-next', path: 'AnalyticsBrowser.load().track|identify|page|group', arguments: 'all', description: 'Segment analytics' },
    { module: 'sa-sdk-javascript', path: 'track|login|identify|setProfile|setOnceProfile|registerPage|register|bind', arguments: 'all', description: 'Sensors Data (神策) analytics' },
    { module: 'sa-sdk-miniprogram', path: 'track|login|identify|setProfile|setOnceProfile|registerApp|bind', arguments: 'all', description: 'Sensors Data (神策) analytics' },
    { module: 'mixpanel', path: 'init().track', arguments: 'all', description: 'Mixpanel analytics' },
    { module: 'mixpanel', path: 'init().people.set|set_once', arguments: 'all', description: 'Mixpanel analytics' },
    { module: 'posthog-node', path: 'PostHog.new().capture|identify', arguments: [0], description: 'PostHog analytics' },
  );
  return sinks;
}

function sanitizers(options: IdNumberLoggingOptions): SanitizerModel[] {
  const list: SanitizerModel[] = [
    {
      terms: [
        'mask',
        'masked',
        'masking',
        'redact',
        'redacted',
        'desensitize',
        'desensitise',
        'desensitized',
        'desensitization',
        'tuomin',
        'anonymize',
        'anonymise',
        'anonymized',
        'pseudonymize',
        'pseudonymise',
        'obfuscate',
        'scrub',
        'censor',
        'encrypt',
        'hmac',
      ],
      argument: 0,
      description: 'masking function',
    },
    {
      receiverName: '.*(?:mask|redact|desensiti[sz]|tuomin|anonymi[sz]|encrypt).*',
      methods: '[A-Za-z_$][\\w$]*',
      argument: 0,
      description: 'method of a masking helper (by receiver name)',
    },
  ];
  for (const crypto of withNodePrefix('crypto')) {
    list.push(
      { module: crypto, path: 'createHmac().update', argument: 0, description: 'keyed HMAC (de-identification, PIPL 73(3))' },
      { module: crypto, path: 'createCipheriv().update', argument: 0, description: 'encryption' },
      { module: crypto, path: 'publicEncrypt', argument: 1, description: 'encryption' },
    );
  }
  list.push(
    { global: 'crypto', path: 'subtle.sign|encrypt', argument: 2, description: 'Web Crypto HMAC or encryption' },
    { module: 'crypto-js', path: 'HmacSHA256|HmacSHA512|HmacSM3', argument: 0, description: 'keyed HMAC (crypto-js)' },
    { module: 'crypto-js', path: 'AES|SM4.encrypt', argument: 0, description: 'encryption (crypto-js)' },
    { module: 'sm-crypto', path: 'sm4.encrypt', argument: 0, description: 'SM4 encryption (sm-crypto)' },
    { module: 'sm-crypto', path: 'sm2.doEncrypt', argument: 0, description: 'SM2 encryption (sm-crypto)' },
  );
  const configured = toAlternation(options.maskFunctions);
  if (configured !== undefined) {
    list.push(
      { methods: configured, argument: 0, description: 'configured masking function' },
      { receiverName: '.*', methods: configured, argument: 0, description: 'configured masking method' },
    );
  }
  return list;
}

/**
 * Functions that look like protection but are not: a plain hash of an ID number can be reversed by enumerating
 * the ~10^11 resident IDs, 10^9 SSNs or 10^10 plates (DOMAIN.md §4.6). The engine reports them in
 * `Reach.notSanitizers` with reason `plainHash`.
 */
export const notSanitizerModels: readonly NotSanitizerModel[] = [
  ...withNodePrefix('crypto').map((crypto) => ({
    module: crypto,
    path: 'createHash().update',
    reason: NOT_SANITIZER_REASONS.plainHash,
    description: 'unkeyed hash (createHash)',
  })),
  { global: 'crypto', path: 'subtle.digest', reason: NOT_SANITIZER_REASONS.plainHash, description: 'unkeyed hash (crypto.subtle.digest)' },
  { module: 'crypto-js', path: 'SHA256|SHA1|SHA512|MD5|SM3', reason: NOT_SANITIZER_REASONS.plainHash, description: 'unkeyed hash (crypto-js)' },
  { module: 'md5', path: '', reason: NOT_SANITIZER_REASONS.plainHash, description: 'unkeyed hash (md5)' },
  { module: 'object-hash', path: '', reason: NOT_SANITIZER_REASONS.plainHash, description: 'unkeyed hash (object-hash)' },
  { module: 'sm-crypto', path: 'sm3', reason: NOT_SANITIZER_REASONS.plainHash, description: 'unkeyed SM3 hash (sm-crypto)' },
];

function steps(): StepModel[] {
  return commonSteps();
}

/**
 * Loggers configured to mask fields: pino's `redact` paths for that logger and its children, and Sentry's
 * `beforeSend`, which strips fields from every event the SDK sends (DOMAIN.md §4.4).
 */
function redactions(): RedactionModel[] {
  return [
    { module: 'pino', path: '', argument: 0, pathsProperty: 'redact', scope: 'instance', description: 'pino redact paths' },
    { module: 'pino', path: 'pino', argument: 0, pathsProperty: 'redact', scope: 'instance', description: 'pino redact paths' },
    ...SENTRY_MODULES.map((sentry): RedactionModel => ({ module: sentry, path: 'init', argument: 0, callbackProperty: 'beforeSend', scope: 'module', description: 'Sentry beforeSend' })),
  ];
}

export function createModels(options: IdNumberLoggingOptions): RuleModels {
  return {
    sources: [...nameSources(options), ...literalSources()],
    sinks: [...logSinks(options), ...telemetrySinks()],
    sanitizers: sanitizers(options),
    notSanitizers: notSanitizerModels,
    redactions: redactions(),
    steps: steps(),
    barrierProperties: [
      'length',
      'size',
      'count',
      'type',
      'idType',
      'valid',
      'isValid',
      'verified',
      'status',
      'issuer',
      'issuedAt',
      'expiresAt',
      'timestamp',
      'createdAt',
      'updatedAt',
    ],
  };
}


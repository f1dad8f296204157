/**
 * What protects an ID number in `no-id-number-logging` (DOMAIN.md §4.6): masking, keyed HMAC and encryption
 * (sanitizers); plain hashes, which look like protection and are not (not-sanitizers); and redaction configured on
 * a logger or an SDK (redactions).
 */
import type { NotSanitizerModel, RedactionModel, SanitizerModel } from '../../server/src/engine/rule-api';
import { toAlternation, withNodePrefix } from '../shared/names';
import { NOT_SANITIZER_REASONS } from '../shared/reasons';
import { REQUEST_LOGGER_GROUP } from './log-sinks';
import { SENTRY_MODULES } from './telemetry-sinks';
import type { IdNumberLoggingOptions } from './options';

export function sanitizers(options: IdNumberLoggingOptions): SanitizerModel[] {
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

/**
 * Loggers configured to mask fields: pino's `redact` paths for that logger and its children; the request loggers of
 * Fastify (`Fastify({ logger: { redact } })`, or a pino instance given as its logger) and of pino-http and its
 * Express and Koa wrappers (`pinoHttp({ redact })`, `pinoHttp({ logger })`); and Sentry's `beforeSend`, which strips
 * fields from every event the SDK sends (DOMAIN.md §4.4).
 */
export function redactions(): RedactionModel[] {
  const requestLoggers = (module: string, paths: readonly string[], options: Pick<RedactionModel, 'pathsProperty' | 'loggerProperty'>, description: string): RedactionModel[] =>
    paths.map((path) => ({ module, path, argument: 0, ...options, scope: 'group', group: REQUEST_LOGGER_GROUP, description }));
  return [
    { module: 'pino', path: '', argument: 0, pathsProperty: 'redact', scope: 'instance', description: 'pino redact paths' },
    { module: 'pino', path: 'pino', argument: 0, pathsProperty: 'redact', scope: 'instance', description: 'pino redact paths' },
    ...requestLoggers('fastify', ['', 'fastify', 'default'], { pathsProperty: 'logger.redact', loggerProperty: 'logger' }, 'Fastify logger redact paths'),
    ...requestLoggers('fastify', ['', 'fastify', 'default'], { loggerProperty: 'loggerInstance' }, 'Fastify logger redact paths'),
    ...requestLoggers('pino-http', ['', 'pinoHttp'], { pathsProperty: 'redact', loggerProperty: 'logger' }, 'pino-http redact paths'),
    ...requestLoggers('express-pino-logger', [''], { pathsProperty: 'redact', loggerProperty: 'logger' }, 'express-pino-logger redact paths'),
    ...requestLoggers('koa-pino-logger', [''], { pathsProperty: 'redact', loggerProperty: 'logger' }, 'koa-pino-logger redact paths'),
    ...SENTRY_MODULES.map((sentry): RedactionModel => ({ module: sentry, path: 'init', argument: 0, callbackProperty: 'beforeSend', scope: 'module', description: 'Sentry beforeSend' })),
  ];
}

/**
 * Small rules for engine tests: their models are data, exactly as a rule or a user config would give them, so the
 * engine's propagation is tested independently of the shipped rules' vocabulary.
 */
import type { AnyRule, RuleModels } from '../../server/src/engine/rule-api';

export function testRule(id: string, models: RuleModels, options: { guard?: boolean } = {}): AnyRule {
  return {
    meta: {
      id,
      description: { en: id, 'zh-CN': id },
      defaultSeverity: 'error',
      securitySeverity: 5,
      precision: 'high',
      legalBasis: { en: 'test', 'zh-CN': 'test' },
      tags: [],
      hasSafeFix: false,
      hasSuggestions: false,
    },
    optionsSchema: { type: 'object' },
    defaultOptions: {},
    messages: { reached: { en: '{{source}} reaches {{sink}}{{field}}{{weak}}', 'zh-CN': '{{source}} → {{sink}}' } },
    createModels: () => models,
    requiresGuard: () => !!options.guard,
    describe: (reach) => ({
      messageId: 'reached',
      data: {
        source: reach.source.description,
        sink: reach.sink.description,
        field: reach.fieldPath ? ` (field ${reach.fieldPath})` : '',
        weak: reach.weakGuards.length ? ` [weak: ${reach.weakGuards.map((g) => g.reason).join(',')}]` : '',
      },
    }),
  };
}

/** A rule in the shape of the ID-logging rule: names and an API source, log sinks, a mask sanitizer. */
export const idRule = testRule('test-id', {
  sources: [
    { kind: 'name', terms: ['id card', 'id card no', 'sfzh', 'vin', 'plate no'], exclude: ['user id'], description: 'ID number' },
    { kind: 'api', module: 'id-reader', path: 'readCard().number', description: 'ID card reader' },
    { kind: 'api', module: 'id-reader', path: 'readIdNumber', description: 'ID card reader' },
  ],
  sinks: [
    { global: 'console', path: 'log|info|warn|error|debug', description: 'console' },
    { module: 'winston', path: 'createLogger().info|warn|error', description: 'winston logger' },
    { module: '@nestjs/common', path: 'Logger.new().log|warn|error', description: 'NestJS Logger' },
    { receiverName: 'logger|log|auditLogger', methods: 'info|warn|error|debug|log', description: 'logger' },
  ],
  sanitizers: [{ terms: ['mask', 'redact'], description: 'masking' }],
  notSanitizers: [{ module: 'crypto', path: 'createHash().update().digest', reason: 'plainHash', description: 'sha256' }],
  barrierProperties: ['verified'],
});

/** A rule in the shape of the biometric rule: a face API source, persistence sinks, a consent guard. */
export const faceRule = testRule(
  'test-face',
  {
    sources: [
      { kind: 'api', module: 'face-api.js', path: 'detectSingleFace().withFaceLandmarks().withFaceDescriptor', description: 'face descriptor' },
      { kind: 'name', terms: ['face image', 'face descriptor', 'face template'], description: 'face data' },
    ],
    sinks: [
      { receiverName: 'prisma', methods: 'create|update|upsert', description: 'Prisma write' },
      { module: 'fs', path: 'writeFileSync|writeFile', arguments: [1], description: 'file write' },
      { module: 'fs/promises', path: 'writeFile', arguments: [1], description: 'file write' },
      { module: 'ioredis', path: 'new().set', arguments: [1], description: 'Redis' },
    ],
    guards: [
      { allOf: [['consent', 'consented'], ['face', 'biometric']], noneOf: ['revoked'], description: 'biometric consent' },
      { allOf: [['privacy', 'agreed']], weakReason: 'privacyPolicy', description: 'privacy policy flag' },
    ],
  },
  { guard: true },
);

/** A rule in the shape of the camera rule: camera sources, network sinks with URLs, an anonymiser. */
export const cameraRule = testRule('test-camera', {
  sources: [
    { kind: 'api', global: 'navigator', path: 'mediaDevices.getUserMedia', description: 'camera stream' },
    { kind: 'api', module: 'node-webcam', path: 'create().capture', output: { callbackArgument: 1, parameter: 1 }, description: 'webcam capture' },
    { kind: 'api', module: 'camera-hal', path: 'grabFrame', description: 'vehicle camera frame' },
  ],
  sinks: [
    { global: 'fetch', path: '', urlArgument: 0, description: 'fetch' },
    { module: 'axios', path: 'post|put', urlArgument: 0, arguments: [1], description: 'axios' },
    { module: 'mqtt', path: 'connect().publish', arguments: [1], description: 'MQTT publish' },
    { module: 'ws', path: 'WebSocket.new().send', description: 'WebSocket' },
  ],
  sanitizers: [{ terms: ['blur', 'anonymize', 'anonymise', 'pixelate'], description: 'anonymiser' }],
  barrierProperties: ['timestamp', 'boxes'],
  allowedHosts: ['tbox.local'],
});

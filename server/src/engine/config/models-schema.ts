/**
 * Stage: config (models part of the schema).
 * Input: nothing; mirrors facts/model-types.ts as JSON Schema (draft-07).
 * Output: `MODEL_DEFINITIONS`, the `definitions` that describe `RuleModels` and its parts.
 * Invariant: every property of model-types.ts appears here with a description (editors show them), and nothing
 * else does: `additionalProperties: false` everywhere, so a misspelt key is an error, not a silent no-op.
 * Draft-07 has no `unevaluatedProperties`, so callee properties are spread into each model rather than shared.
 */

import { NOT_SANITIZER_REASON_LIST, WEAK_GUARD_REASON_LIST } from '../reasons';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

const nonEmptyString = (description: string): Schema => ({ type: 'string', minLength: 1, description });

const stringList = (description: string, itemDescription: string): Schema => ({
  type: 'array',
  description,
  items: nonEmptyString(itemDescription),
});

const argumentIndex = (description: string): Schema => ({ type: 'integer', minimum: 0, description });

/** `when`: the call counts only when an argument (or the receiver's URL) is a string matching a pattern. */
const whenCondition = (description: string, matchesDescription: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: false,
  required: ['argument', 'matches'],
  properties: {
    argument: {
      description: '0-based index of the argument holding the text, or "receiver".',
      anyOf: [argumentIndex('0-based argument index.'), { const: 'receiver', description: 'The URL or route the receiver was made for.' }],
    },
    matches: nonEmptyString(matchesDescription),
  },
});

const CALLEE_PROPERTIES: Schema = {
  module: nonEmptyString(
    'Module specifier as written in imports (`mqtt`, `@aws-sdk/client-s3`). A default import denotes the module itself.',
  ),
  global: nonEmptyString(
    'Global root (`console`, `fetch`, `localStorage`, `wx`). `window.X`, `globalThis.X` and `self.X` count as `X`.',
  ),
  path: {
    type: 'string',
    description:
      'Dotted path below `module` or `global`: member names (`publish`), member calls (`connect()`), a call of the ' +
      'value itself (`()`), constructions (`new()`). `a|b` is either name, `*` any name, `**` any run of segments ' +
      '(`().**.pipe` for a fluent builder). Empty: the root itself.',
  },
  receiverName: nonEmptyString(
    'Regular expression (case-insensitive) tested against the receiver name: `auditLogger` in `this.auditLogger.info(x)`. ' +
      'For APIs that no import or type identifies.',
  ),
  methods: nonEmptyString(
    'Method names (`info|warn`) called on a matching receiver, or function names when `receiverName` is absent.',
  ),
  terms: stringList(
    'Name terms: the callee name is split into tokens (camelCase, `_`, `-`, digits) and matches when it contains one of these.',
    'One token, such as `mask`, `redact` or `tuomin`.',
  ),
};

/** A model must say which calls it matches; one of these keys does. */
const CALLEE_REQUIRED: Schema[] = ['module', 'global', 'receiverName', 'methods', 'terms'].map((key) => ({ required: [key] }));

const description = (what: string): Schema => nonEmptyString(`Why this model exists, in a few words (${what}); shown in finding paths.`);

export const MODEL_DEFINITIONS: Readonly<Record<string, Schema>> = {
  ruleModels: {
    type: 'object',
    title: 'Rule models',
    description: 'Extra models for one rule, in the same format as its built-in ones; they are added, never replace.',
    additionalProperties: false,
    properties: {
      sources: { type: 'array', description: 'Where the rule\'s personal data comes from.', items: ref('sourceModel') },
      sinks: { type: 'array', description: 'Where the data must not arrive unprotected.', items: ref('sinkModel') },
      sanitizers: { type: 'array', description: 'Calls that make the data safe (masking, hashing with a secret, blurring).', items: ref('sanitizerModel') },
      guards: { type: 'array', description: 'Checks (such as a consent check) that make the branch they protect safe.', items: ref('guardModel') },
      steps: { type: 'array', description: 'Calls piilint cannot see into that carry the data from one place to another.', items: ref('stepModel') },
      notSanitizers: {
        type: 'array',
        description: 'Calls that look like protection but are not (a plain hash of an ID number); the finding says so.',
        items: ref('notSanitizerModel'),
      },
      redactions: {
        type: 'array',
        description: 'Calls that configure redaction (pino `redact`, Sentry `beforeSend`): fields they mask are not reported.',
        items: ref('redactionModel'),
      },
      barrierProperties: stringList(
        'Property names whose value never carries this rule\'s data (`length`, `width`, `score`); a one-word name also covers names ending in it (`frameWidth`).',
        'A property name.',
      ),
      barrierCalls: stringList(
        'First words of calls into code piilint cannot see whose result describes this rule\'s data rather than carries it (`estimate`, `classify`).',
        'A verb, such as `estimate`.',
      ),
      allowedHosts: stringList(
        'Hosts a sink\'s URL may name without the data leaving the device or vehicle (loopback always counts); `*.suffix` for subdomains.',
        'A host name or address, such as `tbox.local` or `*.vehicle.internal`.',
      ),
    },
  },
  sourceModel: {
    type: 'object',
    title: 'Source model',
    description:
      'A source: `kind` "api" (a call returns the data), "name" (names that denote it), "literal" (string literals that are it) or "input" (what is passed to a call is the data from then on).',
    required: ['kind'],
    discriminator: { propertyName: 'kind' },
    oneOf: [ref('apiSourceModel'), ref('nameSourceModel'), ref('literalSourceModel'), ref('inputSourceModel')],
  },
  inputSourceModel: {
    type: 'object',
    title: 'Input source',
    description: 'A call whose input is the data from then on, whatever it is called (the image a face search is given is a face image).',
    additionalProperties: false,
    required: ['kind', 'description'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      kind: { const: 'input', description: 'This source is what a call is given.' },
      ...CALLEE_PROPERTIES,
      arguments: {
        description: 'Arguments (0-based indexes) that become the data, or "all" (default: the first).',
        anyOf: [{ type: 'array', items: argumentIndex('0-based argument index.') }, { const: 'all', description: 'Every argument.' }],
      },
      property: nonEmptyString('Only this (dotted) property of an object argument (`Image.Bytes`).'),
      when: whenCondition('The call counts only when this argument (or "receiver": the URL the receiver was made for) is a string matching the pattern.', 'Regular expression (case-insensitive) the text must match.'),
      description: description('"face image (input of the kiosk face search)"'),
    },
  },
  apiSourceModel: {
    type: 'object',
    title: 'API source',
    description: 'A call whose result (or callback parameter) is personal data.',
    additionalProperties: false,
    required: ['kind', 'description'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      kind: { const: 'api', description: 'This source is a call.' },
      ...CALLEE_PROPERTIES,
      output: {
        description:
          'What the call produces: "result" (default), or a parameter of a callback argument, ' +
          '`{ "callbackArgument": 1, "parameter": 1 }` for `capture(name, (err, data) => …)`.',
        anyOf: [
          { const: 'result', description: 'The call\'s result.' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['callbackArgument', 'parameter'],
            properties: {
              callbackArgument: argumentIndex('0-based index of the callback among the call\'s arguments.'),
              parameter: argumentIndex('0-based index of the callback parameter that receives the data.'),
              property: nonEmptyString('The callback is this property of the options argument (`success` in `wx.chooseMedia({ success(res) {…} })`).'),
            },
          },
        ],
      },
      description: description('"face descriptor from face-api.js"'),
    },
  },
  nameSourceModel: {
    type: 'object',
    title: 'Name source',
    description: 'Variables, parameters, properties, fields and types whose tokenised name contains a term.',
    additionalProperties: false,
    required: ['kind', 'terms', 'description'],
    properties: {
      kind: { const: 'name', description: 'This source is recognised by name.' },
      terms: {
        ...stringList(
          'Terms: one token or a space-separated token sequence (`face image`, `sfzh`, `id card`) that must appear contiguously in the name.',
          'A token or space-separated token sequence.',
        ),
        minItems: 1,
      },
      suffixTerms: stringList(
        'Long pinyin abbreviations (five letters or more) that also match as the end of a single token (`czsfzmhm` ends with `sfzmhm`).',
        'A pinyin abbreviation of at least five letters.',
      ),
      exclude: stringList(
        'Token sequences that make a name not match although it contains a term (`user id`, `type face`).',
        'A token or space-separated token sequence.',
      ),
      producers: {
        type: 'boolean',
        description: 'The terms also name what calls produce: the result of an unknown call named so (`extractPalmVeinTemplate()`) is the data.',
      },
      weak: {
        type: 'boolean',
        description:
          'Weak evidence: the name classifies only a value whose origin is unknown (not one a client sent, not an object built in the code); a parameter named so is classified by what its callers pass, or where nothing calls it.',
      },
      description: description('"ID card number by name"'),
    },
  },
  literalSourceModel: {
    type: 'object',
    title: 'Literal source',
    description: 'String literals whose text (or a bounded part of it) matches a pattern.',
    additionalProperties: false,
    required: ['kind', 'pattern', 'description'],
    properties: {
      kind: { const: 'literal', description: 'This source is a string literal.' },
      pattern: nonEmptyString('Regular expression (JavaScript syntax) the literal, or a bounded part of it, must match.'),
      validator: nonEmptyString('Name of a validator the rule registers (check digits, dates) that the match must also pass.'),
      examples: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Real-looking values of this format (passing the pattern and validator). A regular expression in the code that accepts one of them, and rejects ordinary words and numbers, marks what it tests as this data (`/^\\d{17}[\\dX]$/.test(value)`).',
      },
      description: description('"resident ID number literal"'),
    },
  },
  sinkModel: {
    type: 'object',
    title: 'Sink model',
    description: 'A call the rule\'s data must not reach unprotected (a logger, an upload, a database write).',
    additionalProperties: false,
    required: ['description'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      ...CALLEE_PROPERTIES,
      arguments: {
        description: 'Arguments (0-based indexes) that must not carry the data, or "all". The default depends on the rule.',
        anyOf: [
          { type: 'array', items: argumentIndex('0-based argument index.'), description: 'Empty only with `receiver`: the receiver alone carries the data.' },
          { const: 'all', description: 'Every argument.' },
        ],
      },
      property: nonEmptyString('Only this property of an object argument (`Body` of `new PutObjectCommand({ Bucket, Key, Body })`).'),
      receiver: { type: 'boolean', description: 'The object the method is called on carries the data too (Mongoose `doc.save()`).' },
      when: whenCondition(
        'The call counts only when this argument is a string matching the pattern (SQL `INSERT|UPDATE`), or, with ' +
          '"receiver", when the URL or route the receiver was made for matches (`client.path("/…/persistedfaces").post`).',
        'Regular expression (case-insensitive) the text must match, e.g. `\\\\b(insert|update)\\\\b`.',
      ),
      urlArgument: {
        description:
          'Where the destination URL is: a 0-based argument index, or "receiver" for a client made for a URL ' +
          '(`mqtt.connect(url)…publish`). Sends to loopback or allowed hosts are skipped.',
        anyOf: [argumentIndex('0-based index of the URL argument.'), { const: 'receiver', description: 'The URL the receiver was made for.' }],
      },
      urlProperty: nonEmptyString('The URL is this property of the `urlArgument` object (`axios({ url, data })`).'),
      redactionGroup: nonEmptyString('The request loggers a framework makes write through this sink: redactions of scope "group" with this name mask their fields (`request-logger`).'),
      intrinsic: nonEmptyString(
        'The call stores the data by what it is (a face-library enrolment): an argument that carries none of the data yet is taken as such, described by this text.',
      ),
      description: description('"CRM audit logger"'),
    },
  },
  sanitizerModel: {
    type: 'object',
    title: 'Sanitizer model',
    description: 'A call whose result is a safe version of its input (masked, de-identified, blurred).',
    additionalProperties: false,
    required: ['description'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      ...CALLEE_PROPERTIES,
      argument: {
        description: 'The argument whose cleaned version the call returns (0-based, default 0), or "receiver" for methods such as `.blur()`.',
        anyOf: [argumentIndex('0-based argument index.'), { const: 'receiver', description: 'The object the method is called on.' }],
      },
      description: description('"masks ID numbers for display"'),
    },
  },
  guardModel: {
    type: 'object',
    title: 'Guard model',
    description:
      'A check that protects the branch it dominates, recognised by the tokens of its names and string arguments ' +
      '(`if (!(await consents.has(userId, "face_enrolment"))) return;`).',
    additionalProperties: false,
    required: ['allOf', 'description'],
    properties: {
      allOf: {
        type: 'array',
        minItems: 1,
        description:
          'Token groups: every group must be matched by at least one token of the check\'s names or string arguments, ' +
          'e.g. `[["consent", "agree"], ["face", "biometric"]]`.',
        items: { ...stringList('One group; any of its tokens matches it.', 'A token.'), minItems: 1 },
      },
      noneOf: stringList('If any of these tokens appears, the check does not count.', 'A token.'),
      weakReason: {
        type: 'string',
        enum: [...WEAK_GUARD_REASON_LIST],
        description:
          'Marks a weak guard: recorded but never protecting; the finding says the only check found is of this kind (`privacyPolicy`, `osPermission`). One of the reasons the rules explain.',
      },
      description: description('"separate consent to face enrolment"'),
    },
  },
  stepModel: {
    type: 'object',
    title: 'Step model',
    description: 'A call piilint cannot see into that carries the data from one place to another.',
    additionalProperties: false,
    required: ['from', 'to'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      ...CALLEE_PROPERTIES,
      from: {
        description: 'Where the data enters: "receiver" or `{ "argument": n }`.',
        anyOf: [ref('stepReceiver'), ref('stepArgument')],
      },
      to: {
        description: 'Where the data comes out: "result", "receiver" or `{ "argument": n }`.',
        anyOf: [{ const: 'result', description: 'The call\'s result.' }, ref('stepReceiver'), ref('stepArgument')],
      },
    },
  },
  notSanitizerModel: {
    type: 'object',
    title: 'Look-alike sanitizer',
    description: 'A call that looks like protection but is not; the finding names it and the reason.',
    additionalProperties: false,
    required: ['reason', 'description'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      ...CALLEE_PROPERTIES,
      reason: { type: 'string', enum: [...NOT_SANITIZER_REASON_LIST], description: 'Short reason key the rule\'s messages know (`plainHash`).' },
      description: description('"unkeyed SHA-256 of an enumerable ID"'),
    },
  },
  redactionModel: {
    type: 'object',
    title: 'Redaction model',
    description: 'A call that configures field redaction for a logger instance or for a whole SDK.',
    additionalProperties: false,
    required: ['scope', 'description'],
    anyOf: CALLEE_REQUIRED,
    properties: {
      ...CALLEE_PROPERTIES,
      argument: argumentIndex('0-based index of the options argument (default 0).'),
      pathsProperty: nonEmptyString('Dotted property of the options listing redacted paths (`redact`, `redact.paths`).'),
      callbackProperty: nonEmptyString('Property of the options holding a callback that deletes or masks fields (`beforeSend`).'),
      loggerProperty: nonEmptyString('Property of the options holding a logger instance whose own redaction is taken over (`pinoHttp({ logger })`).'),
      scope: {
        enum: ['instance', 'module', 'group'],
        description:
          '"instance": the value the call returns (a logger and its children) redacts; "module": every sink of that module does; "group": every sink whose `redactionGroup` is `group` does.',
      },
      group: nonEmptyString('With scope "group": the `redactionGroup` of the sinks it masks (`request-logger`).'),
      description: description('"pino redact paths"'),
    },
  },
  stepReceiver: { const: 'receiver', description: 'The object the method is called on.' },
  stepArgument: {
    type: 'object',
    additionalProperties: false,
    required: ['argument'],
    properties: { argument: argumentIndex('0-based argument index.') },
  },
};

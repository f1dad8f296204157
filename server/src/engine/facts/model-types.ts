/**
 * Stage: facts (model data format).
 * Input: nothing; declares the data format shared by built-in rule models and user models in
 * `piilint.config.json` (validated by schema/piilint.config.schema.json, which must stay in step with this file).
 * Output: `RuleModels` and its parts.
 * Invariant: models are plain JSON data. Nothing here is executed; matchers are compiled from it in
 * facts/compile-models.ts.
 *
 * API paths follow CodeQL's API graphs: a root (`module` specifier or `global` name) and a dotted `path` of
 * segments. A segment is a member name (`publish`), a member then a call (`connect()`), a bare call of the value
 * itself (`()`), or a construction (`new()`, as in `Client.new()`). `a|b` is either name, `*` any name, and `**`
 * any run of segments (`().**.pipe` for a fluent builder's chain of configuring calls).
 * Examples: `{ module: 'mqtt', path: 'connect().publish' }`, `{ global: 'console', path: 'log|info|warn|error' }`,
 * `{ module: 'baidu-aip-sdk', path: 'face.new().addUser' }`, `{ module: 'got', path: '' }` (the module called).
 */
import type { NotSanitizerReason, WeakGuardReason } from '../reasons';

/** How a call is recognised. Exactly one of the shapes applies. */
export interface ApiCallee {
  /** Module specifier as written in imports: `mqtt`, `@aws-sdk/client-s3`. A default import denotes the module. */
  readonly module?: string;
  /** Global root: `console`, `fetch`, `navigator`, `localStorage`, `wx`. `window.X`, `globalThis.X` and `self.X` count. */
  readonly global?: string;
  /** Dotted path below the root (see header). Empty: the root itself is called or constructed. */
  readonly path?: string;
}

export interface NamedCallee {
  /**
   * Regular expression (case-insensitive, anchored by the caller's pattern) tested against the receiver's name:
   * for `this.auditLogger.info(x)` the receiver name is `auditLogger`. Used where no import or type tells the API.
   */
  readonly receiverName?: string;
  /** Method names (`info|warn`) called on such a receiver, or function names when `receiverName` is absent. */
  readonly methods?: string;
  /**
   * Name terms: the callee's name is tokenised (camelCase, `_`, `-`, digits) and matches when it contains one of
   * these tokens (`mask`, `redact`, `tuomin`). Used for sanitizers and guards recognised by name.
   */
  readonly terms?: readonly string[];
}

export type CalleeModel = ApiCallee & NamedCallee;

/** Where in a call a value is read or written. */
export interface ArgumentSelector {
  /** Argument indexes (0-based); `"all"` for every argument. Defaults differ per model kind. */
  readonly arguments?: readonly number[] | 'all';
  /** Only this property of an object argument (`Body` of `PutObjectCommand({ Bucket, Key, Body })`). */
  readonly property?: string;
}

export interface ApiSourceModel extends CalleeModel {
  readonly kind: 'api';
  /**
   * What the source produces: the call's result (default), or a parameter of a callback argument
   * (`{ callbackArgument: 1, parameter: 1 }` for `capture(name, (err, data) => …)`), or of a callback passed as a
   * property of an options argument (`{ callbackArgument: 0, property: 'success', parameter: 0 }` for
   * `wx.chooseMedia({ success(res) {…} })`).
   */
  readonly output?: 'result' | { readonly callbackArgument: number; readonly parameter: number; readonly property?: string };
  /** Why a value from here is classified ("face descriptor from face-api.js"). */
  readonly description: string;
}

export interface NameSourceModel {
  readonly kind: 'name';
  /**
   * Name terms: each is one token or a space-separated token sequence (`face image`, `sfzh`, `id card`) that must
   * appear contiguously in a tokenised name of a variable, parameter, property, field or type.
   */
  readonly terms: readonly string[];
  /**
   * Long pinyin abbreviations (at least five letters) that also match as the suffix of a single token
   * (`czsfzmhm` ends with `sfzmhm`), following GB/T naming habits.
   */
  readonly suffixTerms?: readonly string[];
  /** Token sequences that make a name not match although it contains a term (`user id`, `type face`). */
  readonly exclude?: readonly string[];
  /**
   * Weak evidence (`snapshot`, `facePhoto` for camera frames): the name classifies only a value whose origin is
   * unknown. A value received in a request, or built in the code as an object with fields, is not classified; a
   * parameter named so is classified by what its callers pass (unless they pass something sanitized or of known
   * origin), or where nothing calls it.
   */
  readonly weak?: boolean;
  /**
   * The terms also name what a call produces: the result of a call into code the engine cannot see whose name, or
   * whose receiver's name with its verb, is such a name (`extractPalmVeinTemplate()`, `encoder.embed(pcm)` on a
   * `SpeakerEncoder`, `getIdCardNo()`) is this data.
   */
  readonly producers?: boolean;
  readonly description: string;
}

export interface LiteralSourceModel {
  readonly kind: 'literal';
  /** Regular expression (JavaScript syntax) a whole string literal, or a bounded part of it, must match. */
  readonly pattern: string;
  /** Name of a validator the rule registers (check digits, dates) that the match must also pass. */
  readonly validator?: string;
  /**
   * Real-looking values of this format (each passes `pattern` and `validator`). A regular expression in the code
   * that accepts one of them and rejects ordinary words and numbers marks what it tests as this data
   * (`/^\d{17}[\dX]$/.test(match[1])`).
   */
  readonly examples?: readonly string[];
  readonly description: string;
}

/**
 * A value passed to this call is the rule's data from then on, whatever it is called: the input of a face
 * recognition (`faceapi.detectSingleFace(img)`, Rekognition `CompareFaces`' `SourceImage.Bytes`) is a face image
 * wherever it flows next, and is stored as one.
 */
export interface InputSourceModel extends CalleeModel, ArgumentSelector {
  readonly kind: 'input';
  /** The call counts only when this argument is a string matching the pattern (a REST route). */
  readonly when?: { readonly argument: number | 'receiver'; readonly matches: string };
  readonly description: string;
}

export type SourceModel = ApiSourceModel | NameSourceModel | LiteralSourceModel | InputSourceModel;

export interface SinkModel extends CalleeModel, ArgumentSelector {
  /**
   * The call counts only when this argument is a string matching the pattern (SQL `INSERT|UPDATE`), or, with
   * `receiver`, when the URL or route the receiver was made for does (`client.path('/…/persistedfaces').post`).
   */
  readonly when?: { readonly argument: number | 'receiver'; readonly matches: string };
  /** The receiver carries the data (Mongoose `doc.save()`), in addition to any selected arguments. */
  readonly receiver?: boolean;
  /**
   * Where the destination URL is: an argument index, or `receiver` for a client made for a URL
   * (`mqtt.connect(url)…publish`, `new WebSocket(url).send`). Sinks to loopback or allowed hosts are skipped.
   */
  readonly urlArgument?: number | 'receiver';
  /** The URL is this property of the `urlArgument` object (`axios({ url, data })`). */
  readonly urlProperty?: string;
  /**
   * The call stores the rule's data by what it is, not by what it is given: a face-library enrolment keeps a face
   * vector of whatever image it receives. An argument that carries none of the rule's data yet is taken as such
   * data, described by this text ("face image enrolled into the Baidu AI face library").
   */
  readonly intrinsic?: string;
  /**
   * The loggers a framework makes for its requests write through this sink (`request.log` of Fastify, `req.log` of
   * pino-http): a redaction of scope `group` with the same name masks the fields it lists (`request-logger`).
   */
  readonly redactionGroup?: string;
  /** What the sink does, in a few words ("MQTT publish", "Winston logger"). */
  readonly description: string;
}

export interface SanitizerModel extends CalleeModel {
  /** The argument whose cleaned version the call returns (default 0); `"receiver"` for methods like `.blur()`. */
  readonly argument?: number | 'receiver';
  readonly description: string;
}

export interface GuardModel {
  /**
   * Every group must be matched by at least one token of the guard expression's names (callee, identifiers,
   * properties) or string-literal arguments: `[["consent", "agree"], ["face", "biometric"]]`.
   */
  readonly allOf: readonly (readonly string[])[];
  /** If any of these tokens appears, the check does not count. */
  readonly noneOf?: readonly string[];
  /**
   * A weak guard is recorded but never protects; the rule tells the user that the only check found is of this
   * kind (`privacyPolicy`, `osPermission`).
   */
  readonly weakReason?: WeakGuardReason;
  readonly description: string;
}

/** Taint carried through a call that the engine cannot see into. */
export interface StepModel extends CalleeModel {
  readonly from: 'receiver' | { readonly argument: number };
  readonly to: 'result' | 'receiver' | { readonly argument: number };
}

/** Calls that look like protection but are not (a plain hash of an enumerable ID); the message says so. */
export interface NotSanitizerModel extends CalleeModel {
  /** Short reason key the rule's messages know (`plainHash`). */
  readonly reason: NotSanitizerReason;
  readonly description: string;
}

/**
 * A call that configures redaction: `pino({ redact: ['vin', '*.idCardNo'] })` makes what the logger logs at those
 * paths masked; `Sentry.init({ beforeSend(event) { delete event.user.ssn } })` strips a field from every event.
 */
export interface RedactionModel extends CalleeModel {
  /** The options argument (default 0). */
  readonly argument?: number;
  /** Dotted property of the options listing redacted paths (`redact`, `redact.paths`); a string array. */
  readonly pathsProperty?: string;
  /** Property of the options holding a callback that deletes or masks fields of its parameter (`beforeSend`). */
  readonly callbackProperty?: string;
  /**
   * Property of the options holding a logger instance whose own redaction is taken over (`pinoHttp({ logger })`
   * with `logger = pino({ redact })`).
   */
  readonly loggerProperty?: string;
  /**
   * `instance`: the value the call returns (a logger, and its child loggers) redacts what it logs;
   * `module`: every sink of the same module (a singleton like Sentry) does, wherever it is called from;
   * `group`: every sink of the named `redactionGroup` does (the request loggers a framework configures).
   */
  readonly scope: 'instance' | 'module' | 'group';
  /** With scope `group`: the sinks' `redactionGroup`. */
  readonly group?: string;
  readonly description: string;
}

export interface RuleModels {
  readonly sources?: readonly SourceModel[];
  readonly sinks?: readonly SinkModel[];
  readonly sanitizers?: readonly SanitizerModel[];
  readonly guards?: readonly GuardModel[];
  readonly steps?: readonly StepModel[];
  readonly notSanitizers?: readonly NotSanitizerModel[];
  readonly redactions?: readonly RedactionModel[];
  /** Property names whose value never carries this rule's data (`length`, `width`, `score`). */
  readonly barrierProperties?: readonly string[];
  /**
   * Verbs of calls into code the engine cannot see whose result describes the data rather than carries it: the
   * first word of the callee's name (`estimate`, `classify`, `countFaces`). An API source of the same call still
   * applies (`faceapi.detectSingleFace(…).withFaceDescriptor()` is a face descriptor).
   */
  readonly barrierCalls?: readonly string[];
  /**
   * Hosts a sink's URL argument may name without the data leaving the device or vehicle (loopback always counts):
   * `tbox.local`, `192.168.225.1`, or `*.vehicle.internal` for any subdomain. Only sinks with `urlArgument` are
   * affected.
   */
  readonly allowedHosts?: readonly string[];
}

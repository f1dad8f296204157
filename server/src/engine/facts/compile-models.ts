/**
 * Stage: facts (model compilation).
 * Input: each enabled rule with its options, and the user's extra models from the config.
 * Output: `CompiledRule`s: the rule's sources, sinks, sanitizers, guards and steps as fast matchers the dataflow
 * queries while it walks the program (`matchCall`, `matchName`, `matchLiteral`, `matchGuardTokens`).
 * Invariant: models stay data; a malformed model (bad regex, bad API path) is a ConfigError naming the rule and
 * model, raised before any file is analysed.
 */
import type { NotSanitizerReason, WeakGuardReason } from '../reasons';
import { ConfigError } from '../errors';
import type { AnyRule } from '../rule-api';
import type {
  ApiSourceModel,
  CalleeModel,
  GuardModel,
  RuleModels,
  SinkModel,
  StepModel,
} from './model-types';
import { type ApiPathPattern, type ApiRef, matchesApiPath, parseApiPath } from './api-ref';
import { containsTerm, parseTerm, tokenizeName } from './name-tokens';
import { compileBuiltIn, compileLinear, isUnsupported, type LinearRegex } from './linear-regex';

/** What the dataflow knows about a call when it asks the models about it. */
export interface CallDescription {
  /** Refs of the called function or constructor in external APIs (`mqtt|.connect|()|.publish`). */
  readonly apiRefs: readonly ApiRef[];
  /** Name of the called function or method (`publish`, `maskIdCard`). */
  readonly calleeName?: string;
  /**
   * Names along the receiver of a method call, outermost first: `['this', 'prisma', 'face']` for
   * `this.prisma.face.create(x)`. A `receiverName` model matches any of them.
   */
  readonly receiverNames?: readonly string[];
  /** Whether the callee is the project's own function (then names alone never make it a sink or source). */
  readonly isProjectFunction: boolean;
}

interface CompiledCallee {
  readonly api?: ApiPathPattern;
  readonly receiverName?: LinearRegex;
  readonly methods?: LinearRegex;
  readonly terms?: readonly (readonly string[])[];
}

export interface CompiledSink {
  readonly callee: CompiledCallee;
  readonly arguments: readonly number[] | 'all';
  readonly property?: string;
  readonly receiver: boolean;
  readonly when?: { readonly argument: number | 'receiver'; readonly matches: LinearRegex };
  readonly urlArgument?: number | 'receiver';
  readonly urlProperty?: string;
  readonly intrinsic?: string;
  readonly redactionGroup?: string;
  readonly description: string;
}

export interface CompiledInputSource {
  readonly callee: CompiledCallee;
  readonly arguments: readonly number[] | 'all';
  readonly property?: string;
  readonly when?: { readonly argument: number | 'receiver'; readonly matches: LinearRegex };
  readonly description: string;
}

export interface CompiledApiSource {
  readonly callee: CompiledCallee;
  readonly output: ApiSourceModel['output'];
  readonly description: string;
}

export interface CompiledSanitizer {
  readonly callee: CompiledCallee;
  readonly argument: number | 'receiver';
  readonly description: string;
}

export interface CompiledNotSanitizer {
  readonly callee: CompiledCallee;
  readonly reason: NotSanitizerReason;
  readonly description: string;
}

export interface CompiledRedaction {
  readonly callee: CompiledCallee;
  readonly argument: number;
  readonly pathsProperty?: string;
  readonly callbackProperty?: string;
  readonly loggerProperty?: string;
  readonly scope: 'instance' | 'module' | 'group';
  readonly group?: string;
  readonly description: string;
}

export interface CompiledStep {
  readonly callee: CompiledCallee;
  readonly from: StepModel['from'];
  readonly to: StepModel['to'];
}

export interface CompiledGuard {
  readonly allOf: readonly ReadonlySet<string>[];
  readonly noneOf: ReadonlySet<string>;
  readonly weakReason?: WeakGuardReason;
  readonly description: string;
}

interface CompiledNameSource {
  readonly terms: readonly (readonly string[])[];
  readonly suffixTerms: readonly string[];
  readonly exclude: readonly (readonly string[])[];
  readonly weak: boolean;
  readonly producers: boolean;
  readonly description: string;
}

/** What a name says a value is: the source's description, and whether the name is only weak evidence. */
export interface NameMatch {
  readonly description: string;
  readonly weak: boolean;
}

interface CompiledLiteralSource {
  /** The pattern between word boundaries; group 1 is the candidate ID (see `literalSourcePattern`). */
  readonly regex: LinearRegex;
  readonly validator?: (text: string) => boolean;
  readonly examples: readonly string[];
  readonly description: string;
}

/**
 * Texts no format check of an identifier accepts: a pattern in the code that matches any of them tests something
 * looser than an ID (`/^\w+$/`, `/\d/`), however well it matches the examples.
 */
const ORDINARY_TEXTS = [
  '', 'a', '7', 'abc', 'ABC', '42', '123456', '12345678', '20240501', '2024-05-01', 'hello world', 'order-10086',
  'user@example.com', 'DEADBEEF', 'a1b2c3d4', '0A1B2C3D4E', 'FFFFFFFFFFFFFFFF', '550e8400-e29b-41d4-a716-446655440000',
];

/**
 * Models of one kind, indexed by the name their callee ends in, so that a call is tested only against the models
 * that could match it (a rule has hundreds of models; a project has hundreds of thousands of calls).
 */
export class CalleeIndex<T extends { readonly callee: CompiledCallee }> {
  private readonly byName = new Map<string, T[]>();
  private readonly generic: T[] = [];

  constructor(readonly all: readonly T[]) {
    for (const model of all) {
      const names = lastNames(model.callee);
      if (!names) {
        this.generic.push(model);
        continue;
      }
      for (const name of names) {
        const list = this.byName.get(name) ?? [];
        list.push(model);
        this.byName.set(name, list);
      }
    }
  }

  /** Models that may match the call, in declaration order, each once. */
  candidates(call: CallDescription): readonly T[] {
    if (this.byName.size === 0) return this.generic;
    const names = new Set<string>();
    if (call.calleeName !== undefined) names.add(call.calleeName);
    for (const ref of call.apiRefs) {
      const last = ref.segments[ref.segments.length - 1];
      if (last?.startsWith('.')) names.add(last.slice(1));
    }
    const found: T[] = [];
    for (const name of names) for (const model of this.byName.get(name) ?? []) if (!found.includes(model)) found.push(model);
    if (found.length === 0) return this.generic;
    return [...this.generic, ...found].sort((a, b) => this.all.indexOf(a) - this.all.indexOf(b));
  }

  /** The models matching the call. */
  matching(call: CallDescription): T[] {
    return this.candidates(call).filter((model) => calleeMatches(model.callee, call));
  }
}

/** Names an API callee must end in (`publish` for `connect().publish|publishAsync`); undefined when any may. */
function lastNames(callee: CompiledCallee): readonly string[] | undefined {
  const pattern = callee.api;
  if (!pattern) return undefined;
  const last = pattern.segments[pattern.segments.length - 1];
  if (!last || last.kind !== 'member' || last.names === 'any') return undefined;
  return [...last.names];
}

export interface CompiledRule {
  readonly rule: AnyRule;
  readonly id: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Whether a dominating guard of this rule is required (biometric) or accepted (camera with consent). */
  readonly guardProtects: boolean;
  readonly apiSources: CalleeIndex<CompiledApiSource>;
  /** Calls whose inputs become the rule's data (`InputSourceModel`). */
  readonly inputSources: CalleeIndex<CompiledInputSource>;
  readonly sinks: CalleeIndex<CompiledSink>;
  readonly sanitizers: CalleeIndex<CompiledSanitizer>;
  readonly notSanitizers: CalleeIndex<CompiledNotSanitizer>;
  readonly redactions: CalleeIndex<CompiledRedaction>;
  readonly steps: CalleeIndex<CompiledStep>;
  readonly guards: readonly CompiledGuard[];
  readonly barrierProperties: ReadonlySet<string>;
  /** One-word barrier properties as name tokens: `frameWidth` and `faceCount` end in one, and describe, not hold. */
  readonly barrierTokens: ReadonlySet<string>;
  /** First words of unknown calls whose result describes this rule's data rather than carries it (`estimate`). */
  readonly barrierCalls: ReadonlySet<string>;
  readonly allowedHosts: readonly string[];
  readonly hasNameSources: boolean;
  readonly hasLiteralSources: boolean;
  matchName(name: string): string | undefined;
  /** Like `matchName`, with whether the matching source is weak evidence (`NameSourceModel.weak`). */
  matchNameSource(name: string): NameMatch | undefined;
  /** Whether some name source also names what calls produce (`NameSourceModel.producers`). */
  readonly hasProducerNames: boolean;
  /** The description of a producing name source (`producers`) that the name matches. */
  matchProducerName(name: string): string | undefined;
  matchLiteral(text: string): string | undefined;
  /**
   * The description of the literal source whose examples `pattern` (a regular expression in the analysed code)
   * accepts, when it also rejects ordinary words and numbers: the code validates that format.
   */
  matchValidationPattern(pattern: LinearRegex): string | undefined;
}

function fail(rule: string, where: string, message: string): never {
  throw new ConfigError(`Model ${where} of rule "${rule}" is invalid: ${message}. Fix the model in the config's "models" section.`, undefined, `/models/${rule}`);
}

/**
 * Model patterns run on workspace text (names, URLs, string literals). The config's run on the linear-time engine
 * (validate-config.ts reports one it cannot run, with its location, before this is reached); a built-in pattern
 * that RE2 cannot express runs natively, being linear by construction (#21).
 */
function compileRegex(rule: string, where: string, pattern: string, flags: string, isBuiltIn: boolean): LinearRegex {
  const compiled = compileLinear(pattern, flags);
  if (!isUnsupported(compiled)) return compiled;
  if (isBuiltIn) {
    try {
      return compileBuiltIn(pattern, flags);
    } catch {
      // falls through to the error below
    }
  }
  return fail(rule, where, `"${pattern}" cannot be used as a regular expression (${compiled.reason})`);
}

/** How a callee model's `receiverName` or `methods` is compiled: the whole name must match. */
export function calleeNamePattern(pattern: string): string {
  return `^(?:${pattern})$`;
}

/**
 * How a literal source's `pattern` is compiled: not preceded by a letter or digit (lookbehind), and followed by
 * something else or the end. The follower is matched rather than looked ahead at, which RE2 cannot do, so the
 * candidate is group 1; the follower is never a letter or digit, so it cannot start the next candidate.
 */
export function literalSourcePattern(pattern: string): string {
  return `(?<![0-9A-Za-z])((?:${pattern}))(?:[^0-9A-Za-z]|$)`;
}

function compileCallee(rule: string, where: string, model: CalleeModel, isBuiltIn: boolean): CompiledCallee {
  if (model.module !== undefined || model.global !== undefined) {
    if (model.module !== undefined && model.global !== undefined) fail(rule, where, 'give either "module" or "global", not both');
    const root = model.module !== undefined ? 'm:' + model.module : 'g:' + model.global;
    try {
      return { api: parseApiPath(root, model.path ?? '') };
    } catch (error) {
      return fail(rule, where, (error as Error).message);
    }
  }
  if (!model.receiverName && !model.methods && !(model.terms && model.terms.length > 0)) {
    fail(rule, where, 'give "module", "global", "receiverName", "methods" or "terms"');
  }
  return {
    receiverName: model.receiverName ? compileRegex(rule, where, calleeNamePattern(model.receiverName), 'i', isBuiltIn) : undefined,
    methods: model.methods ? compileRegex(rule, where, calleeNamePattern(model.methods), 'i', isBuiltIn) : undefined,
    terms: model.terms?.map(parseTerm),
  };
}

/** Whether a compiled callee model describes this call. */
export function calleeMatches(callee: CompiledCallee, call: CallDescription): boolean {
  if (callee.api) {
    const pattern = callee.api;
    return call.apiRefs.some((ref) => matchesApiPath(pattern, ref));
  }
  if (callee.receiverName) {
    const pattern = callee.receiverName;
    if (!call.receiverNames?.some((name) => pattern.test(name))) return false;
    return callee.methods ? call.calleeName !== undefined && callee.methods.test(call.calleeName) : true;
  }
  if (callee.methods) {
    return call.calleeName !== undefined && !call.receiverNames?.length && callee.methods.test(call.calleeName);
  }
  if (callee.terms && call.calleeName !== undefined) {
    const tokens = tokenizeName(call.calleeName);
    return callee.terms.some((term) => containsTerm(tokens, term));
  }
  return false;
}

function mergeModels(base: RuleModels, extra: RuleModels): RuleModels {
  return {
    sources: [...(base.sources ?? []), ...(extra.sources ?? [])],
    sinks: [...(base.sinks ?? []), ...(extra.sinks ?? [])],
    sanitizers: [...(base.sanitizers ?? []), ...(extra.sanitizers ?? [])],
    notSanitizers: [...(base.notSanitizers ?? []), ...(extra.notSanitizers ?? [])],
    redactions: [...(base.redactions ?? []), ...(extra.redactions ?? [])],
    guards: [...(base.guards ?? []), ...(extra.guards ?? [])],
    steps: [...(base.steps ?? []), ...(extra.steps ?? [])],
    barrierProperties: [...(base.barrierProperties ?? []), ...(extra.barrierProperties ?? [])],
    barrierCalls: [...(base.barrierCalls ?? []), ...(extra.barrierCalls ?? [])],
    allowedHosts: [...(base.allowedHosts ?? []), ...(extra.allowedHosts ?? [])],
  };
}

function compileGuard(model: GuardModel): CompiledGuard {
  return {
    allOf: model.allOf.map((group) => new Set(group.flatMap((word) => parseTerm(word)))),
    noneOf: new Set((model.noneOf ?? []).flatMap((word) => parseTerm(word))),
    weakReason: model.weakReason,
    description: model.description,
  };
}

function compileSink(rule: string, index: number, model: SinkModel, isBuiltIn: boolean): CompiledSink {
  const where = `sinks[${index}] (${model.description})`;
  return {
    callee: compileCallee(rule, where, model, isBuiltIn),
    arguments: model.arguments ?? (model.receiver ? [] : 'all'),
    property: model.property,
    receiver: model.receiver ?? false,
    when: model.when ? { argument: model.when.argument, matches: compileRegex(rule, where, model.when.matches, 'i', isBuiltIn) } : undefined,
    urlArgument: model.urlArgument,
    urlProperty: model.urlProperty,
    intrinsic: model.intrinsic,
    redactionGroup: model.redactionGroup,
    description: model.description,
  };
}

export function compileRule(rule: AnyRule, options: Readonly<Record<string, unknown>>, extra: RuleModels): CompiledRule {
  const id = rule.meta.id;
  const models = mergeModels(rule.createModels(options), extra);
  /** The config's models: their patterns must run in linear time. */
  const fromConfig = new Set<unknown>(Object.values(extra).flatMap((list: unknown) => (Array.isArray(list) ? list : [])));
  const isBuiltIn = (model: unknown) => !fromConfig.has(model);
  const nameSources: CompiledNameSource[] = [];
  const literalSources: CompiledLiteralSource[] = [];
  const apiSources: CompiledApiSource[] = [];
  const inputSources: CompiledInputSource[] = [];
  (models.sources ?? []).forEach((source, index) => {
    const where = `sources[${index}] (${source.description})`;
    if (source.kind === 'name') {
      nameSources.push({
        terms: source.terms.map(parseTerm),
        suffixTerms: (source.suffixTerms ?? []).map((term) => term.toLowerCase()),
        exclude: (source.exclude ?? []).map(parseTerm),
        weak: source.weak ?? false,
        producers: source.producers ?? false,
        description: source.description,
      });
    } else if (source.kind === 'literal') {
      const validator = source.validator ? rule.validators?.[source.validator] : undefined;
      if (source.validator && !validator) fail(id, where, `unknown validator "${source.validator}"; known: ${Object.keys(rule.validators ?? {}).join(', ') || 'none'}`);
      const compiled: CompiledLiteralSource = {
        regex: compileRegex(id, where, literalSourcePattern(source.pattern), 'u', isBuiltIn(source)),
        validator,
        examples: source.examples ?? [],
        description: source.description,
      };
      for (const example of compiled.examples) {
        if (!literalSourceAccepts(compiled, example)) fail(id, where, `example "${example}" does not pass its own pattern${validator ? ' and validator' : ''}`);
      }
      literalSources.push(compiled);
    } else if (source.kind === 'input') {
      inputSources.push({
        callee: compileCallee(id, where, source, isBuiltIn(source)),
        arguments: source.arguments ?? [0],
        property: source.property,
        when: source.when ? { argument: source.when.argument, matches: compileRegex(id, where, source.when.matches, 'i', isBuiltIn(source)) } : undefined,
        description: source.description,
      });
    } else {
      apiSources.push({ callee: compileCallee(id, where, source, isBuiltIn(source)), output: source.output ?? 'result', description: source.description });
    }
  });

  const nameCache = new Map<string, NameMatch | undefined>();
  const matchNameSource = (name: string): NameMatch | undefined => {
    if (nameCache.has(name)) return nameCache.get(name);
    const tokens = tokenizeName(name);
    let found: NameMatch | undefined;
    for (const source of nameSources) {
      if (source.exclude.some((term) => containsTerm(tokens, term))) continue;
      const hit =
        source.terms.some((term) => containsTerm(tokens, term)) ||
        source.suffixTerms.some((suffix) => tokens.some((token) => token.length > suffix.length && token.endsWith(suffix)));
      if (hit) {
        found = { description: source.description, weak: source.weak };
        break;
      }
    }
    if (nameCache.size > 20_000) nameCache.clear();
    nameCache.set(name, found);
    return found;
  };
  const matchName = (name: string): string | undefined => matchNameSource(name)?.description;
  const producerSources = nameSources.filter((source) => source.producers);
  const matchProducerName = (name: string): string | undefined => {
    const tokens = tokenizeName(name);
    for (const source of producerSources) {
      if (source.exclude.some((term) => containsTerm(tokens, term))) continue;
      if (source.terms.some((term) => containsTerm(tokens, term)) || source.suffixTerms.some((suffix) => tokens.some((token) => token.length > suffix.length && token.endsWith(suffix)))) {
        return source.description;
      }
    }
    return undefined;
  };

  const matchLiteral = (text: string): string | undefined => {
    if (text.length < 5 || text.length > 4096) return undefined;
    return literalSources.find((source) => literalSourceAccepts(source, text))?.description;
  };

  const patternCache = new Map<string, string | undefined>();
  const matchValidationPattern = (pattern: LinearRegex): string | undefined => {
    const key = `${pattern.flags}/${pattern.source}`;
    if (patternCache.has(key)) return patternCache.get(key);
    const accepts = (text: string) => pattern.test(text);
    let found: string | undefined;
    if (!ORDINARY_TEXTS.some(accepts)) {
      // The format it checks best: `/^\d{17}[\dX]$/` accepts residence permits too, but more resident IDs.
      let best = 0;
      for (const source of literalSources) {
        const accepted = source.examples.filter(accepts).length;
        if (accepted > best) [best, found] = [accepted, source.description];
      }
    }
    if (patternCache.size > 5_000) patternCache.clear();
    patternCache.set(key, found);
    return found;
  };

  return {
    rule,
    id,
    options,
    guardProtects: rule.requiresGuard(options),
    apiSources: new CalleeIndex(apiSources),
    inputSources: new CalleeIndex(inputSources),
    sinks: new CalleeIndex((models.sinks ?? []).map((sink, index) => compileSink(id, index, sink, isBuiltIn(sink)))),
    sanitizers: new CalleeIndex((models.sanitizers ?? []).map((model, index) => ({
      callee: compileCallee(id, `sanitizers[${index}] (${model.description})`, model, isBuiltIn(model)),
      argument: model.argument ?? 0,
      description: model.description,
    }))),
    notSanitizers: new CalleeIndex((models.notSanitizers ?? []).map((model, index) => ({
      callee: compileCallee(id, `notSanitizers[${index}] (${model.description})`, model, isBuiltIn(model)),
      reason: model.reason,
      description: model.description,
    }))),
    redactions: new CalleeIndex((models.redactions ?? []).map((model, index) => ({
      callee: compileCallee(id, `redactions[${index}] (${model.description})`, model, isBuiltIn(model)),
      argument: model.argument ?? 0,
      pathsProperty: model.pathsProperty,
      callbackProperty: model.callbackProperty,
      loggerProperty: model.loggerProperty,
      scope: model.scope,
      group: model.scope === 'group' ? (model.group ?? fail(id, `redactions[${index}] (${model.description})`, 'scope "group" needs a "group" name')) : undefined,
      description: model.description,
    }))),
    steps: new CalleeIndex((models.steps ?? []).map((model, index) => ({
      callee: compileCallee(id, `steps[${index}]`, model, isBuiltIn(model)),
      from: model.from,
      to: model.to,
    }))),
    guards: (models.guards ?? []).map(compileGuard),
    barrierProperties: new Set(models.barrierProperties ?? []),
    barrierCalls: new Set((models.barrierCalls ?? []).map((verb) => verb.toLowerCase())),
    barrierTokens: new Set((models.barrierProperties ?? []).map((name) => tokenizeName(name)).filter((tokens) => tokens.length === 1).map((tokens) => tokens[0]!)),
    allowedHosts: models.allowedHosts ?? [],
    hasNameSources: nameSources.length > 0,
    hasLiteralSources: literalSources.length > 0,
    matchName,
    matchNameSource,
    hasProducerNames: producerSources.length > 0,
    matchProducerName,
    matchLiteral,
    matchValidationPattern,
  };
}

function literalSourceAccepts(source: CompiledLiteralSource, text: string): boolean {
  for (const match of source.regex.matches(text)) {
    const candidate = match.groups[0] ?? '';
    if (!source.validator || source.validator(candidate)) return true;
  }
  return false;
}

/** The guard model a set of tokens satisfies, strong ones first; undefined when none does. */
export function matchGuardTokens(rule: CompiledRule, tokens: ReadonlySet<string>): CompiledGuard | undefined {
  let weak: CompiledGuard | undefined;
  for (const guard of rule.guards) {
    if (guard.allOf.length === 0) continue;
    if (!guard.allOf.every((group) => [...group].some((word) => tokens.has(word)))) continue;
    if ([...guard.noneOf].some((word) => tokens.has(word))) continue;
    if (!guard.weakReason) return guard;
    weak ??= guard;
  }
  return weak;
}

/**
 * The rule API: what a rule under `rules/<rule-id>/` provides and what the engine hands back to it.
 * Rules import only this module and the types it re-exports; the engine never imports `rules/`.
 *
 * A rule splits into detect (its models, applied by the engine's dataflow), describe (a message id and its data
 * for one reach) and fix (edits for one reach), the way Biome's rules do.
 */
import type { Fix, FlowStep, Severity, SourceRange } from './findings/finding';
import type { RuleModels } from './facts/model-types';
import type { ts } from 'ts-morph';

export { NOT_SANITIZER_REASONS, WEAK_GUARD_REASONS } from './reasons';
export type { NotSanitizerReason, WeakGuardReason } from './reasons';
import type { NotSanitizerReason, WeakGuardReason } from './reasons';

/** The TypeScript compiler API, for fixers that read the syntax tree (`FixContext.syntaxTree`). */
export { ts } from 'ts-morph';

export type { Fix, FlowStep, Severity, SourceRange, TextEdit } from './findings/finding';
export type * from './facts/model-types';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

export interface LocalizedText {
  readonly en: string;
  readonly 'zh-CN': string;
}

export interface RuleMeta {
  /** Kebab-case id naming the forbidden flow. */
  readonly id: string;
  readonly description: LocalizedText;
  readonly defaultSeverity: Severity;
  /** CVSS-like score for GitHub code scanning (`security-severity`), 0.0–10.0. */
  readonly securitySeverity: number;
  /** How sure a finding of this rule usually is, reported separately from severity (as DevSkim does). */
  readonly precision: 'very-high' | 'high' | 'medium' | 'low';
  /** Legal basis in one line, for SARIF `help` and the docs. */
  readonly legalBasis: LocalizedText;
  readonly tags: readonly string[];
  readonly hasSafeFix: boolean;
  readonly hasSuggestions: boolean;
}

/** What the dataflow found: data from a source reaching a sink of one rule without its sanitizer (or guard). */
export interface Reach {
  readonly ruleId: string;
  readonly sink: {
    readonly range: SourceRange;
    /** The whole call expression at the sink, for fixes that insert before the statement. */
    readonly callRange: SourceRange;
    /** The argument (or property) that carries the data. */
    readonly argumentRange: SourceRange;
    readonly description: string;
  };
  readonly source: {
    readonly range: SourceRange;
    /** Why the value was classified ("ID-document number, name `idCardNo`", "face descriptor from face-api.js"). */
    readonly description: string;
    readonly kind: 'api' | 'name' | 'literal' | 'type';
    /** For `name`: the name that gave it away. For `type`: the field and the type that declares it. */
    readonly name?: string;
    readonly field?: string;
    readonly typeName?: string;
  };
  /** Source first, sink last. */
  readonly path: readonly FlowStep[];
  /** When a whole object reaches the sink: the dotted field path inside it that holds the data (`customer.idCardNo`). */
  readonly fieldPath?: string;
  /** Checks that were seen on the way but do not count (privacy-policy flag, OS permission, request body). */
  readonly weakGuards: readonly { readonly reason: WeakGuardReason; readonly description: string; readonly range: SourceRange }[];
  /** Functions applied on the way that look like protection but are not (`sha256` is not masking). */
  readonly notSanitizers: readonly { readonly reason: NotSanitizerReason; readonly description: string; readonly range: SourceRange }[];
}

/** What a rule's fixer may ask of the project it runs in. */
export interface FixContext {
  readonly fileText: (file: string) => string;
  /** The file's syntax tree, parsed from `fileText(file)` with parent pointers: offsets of the reach index into it. */
  readonly syntaxTree: (file: string) => ts.SourceFile;
  /** Functions the dataflow saw acting as this rule's guard (consent checks) in the project, most used first. */
  readonly knownGuards: readonly KnownFunction[];
  /** Functions the dataflow saw acting as this rule's sanitizer in the project, most used first. */
  readonly knownSanitizers: readonly KnownFunction[];
  /** What the type checker knows of the expression written exactly at `range`; undefined when there is none. */
  readonly describeExpression?: (range: SourceRange) => ExpressionFacts | undefined;
}

/** What a fix needs to know of an expression before it wraps it in a call. */
export interface ExpressionFacts {
  /** Its type includes `null` or `undefined` (under `strictNullChecks`), so `mask(x)` may not type-check. */
  readonly mayBeNullish: boolean;
  /**
   * When it is `x ?? fallback` or `x || fallback`, or the `x` of one: the whole expression, its value `x` and the
   * fallback.
   */
  readonly defaulted?: { readonly operator: '??' | '||'; readonly range: SourceRange; readonly value: SourceRange; readonly fallback: SourceRange };
}

export interface KnownFunction {
  /** Name to call. */
  readonly name: string;
  /** For a method: what it was called on where the dataflow saw it (`this.consent`), so a fix can call it the same way. */
  readonly receiver?: string;
  /** Absolute file that declares it, if it is the project's own. */
  readonly file?: string;
  /** Whether it is exported (so an import can be added). */
  readonly isExported: boolean;
  /** Whether a call must be awaited. */
  readonly isAsync: boolean;
  /** Number of parameters. */
  readonly arity: number;
}

/**
 * A fix the rule would offer but cannot here, with the reason (an async anonymiser in a function that is not
 * `async`). The editor lists it greyed out with the reason, so the user learns what to change; it has no edits.
 */
export interface FixNotOffered {
  readonly title: string;
  readonly notOffered: string;
}

export interface Description<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string>>;
}

/**
 * A rule, typed by its options and its message ids in the manner of typescript-eslint's
 * `RuleModule<MessageIds, Options>`: `messages` must have a template for every id, and `describe` can only return
 * one of them, so the compiler keeps the two in step. Which reasons a rule explains is typed by the engine's
 * catalogue (`WeakGuardReason`, `NotSanitizerReason`).
 */
export interface RuleDefinition<Options extends object = Record<string, unknown>, MessageId extends string = string> {
  readonly meta: RuleMeta;
  /** JSON Schema of the options object (embedded into the config schema). */
  readonly optionsSchema: Readonly<Record<string, unknown>>;
  readonly defaultOptions: Options;
  /**
   * Message templates, one plain sentence each (about 120 characters at most): what reaches where. `{{name}}`
   * placeholders are filled from `Description.data`.
   */
  readonly messages: Readonly<Record<MessageId, LocalizedText>>;
  /**
   * Per message id: why it matters (the legal basis, in the language of the text) and what to do. Shown in the
   * editor's hover, in SARIF and in the JSON report, never in the one-line message. Same placeholders.
   */
  readonly details?: Readonly<Record<string, LocalizedText>>;
  /**
   * Translations of the `description`s of the rule's models, keyed by the English description: the words a finding
   * shows for its source and sink. A description without a translation is shown in English
   * (test/rules/model-translations.test.ts lists every one that lacks it).
   */
  readonly translations?: { readonly 'zh-CN': Readonly<Record<string, string>> };
  /** The rule's models (data) for the given options; user models from the config are added by the engine. */
  createModels(options: Options): RuleModels;
  /** Whether sinks of this rule also need a guard (consent) on every path, given the options. */
  requiresGuard(options: Options): boolean;
  /** Named validators that literal source models refer to (check digits, dates). */
  readonly validators?: Readonly<Record<string, (text: string) => boolean>>;
  /** The reach's descriptions and steps are already in `locale` (findings/localize-reach.ts). */
  describe(reach: Reach, options: Options, locale: Locale): Description<MessageId>;
  fixes?(reach: Reach, context: FixContext, options: Options, locale: Locale): (Fix | FixNotOffered)[];
}

/** typescript-eslint's name and parameter order for the same type. */
export type RuleModule<MessageId extends string, Options extends object> = RuleDefinition<Options, MessageId>;

export type AnyRule = RuleDefinition<any, string>;

/** Fill `{{name}}` placeholders of a localized message. Unknown placeholders stay visible rather than vanish. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? data[key]! : whole));
}

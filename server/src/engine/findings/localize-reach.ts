/**
 * Stage: findings (localisation of what the dataflow says).
 * Input: a reach whose descriptions and path steps are in English, as the dataflow and the models write them
 * ("licence plate, VIN or engine number, name `vin`", "passed to saveTemplate", "reaches Winston logger"), the
 * locale, and the rule's translation table of model descriptions (`RuleDefinition.translations`).
 * Output: the same reach in the locale, for `describe`, the message and the path; and `plainText`, which turns the
 * `code` spans of a text into quotes, since messages are plain text everywhere they are shown.
 * Invariant: code (names, callees, field paths, the text inside backticks) is never translated; a phrase this module
 * does not know stays in English, so nothing is lost. The phrases are the ones the dataflow writes
 * (dataflow/assignment.ts, invocation.ts, summary.ts, interpreter.ts, statements.ts, expressions.ts,
 * external-calls.ts, rule-models.ts, name-facts.ts, guards.ts, inferred-fields.ts, type-labels.ts);
 * test/engine/localize-reach.test.ts runs every fixture in Chinese and fails on a step left in English.
 */
import type { Locale, Reach } from '../rule-api';
import type { FlowStep } from './finding';

export type DescriptionTable = Readonly<Record<string, string>>;

/** Step phrases: an English pattern and its Chinese rendering (`$1`… are the captured code). */
const STEP_PHRASES: readonly (readonly [RegExp, (m: RegExpExecArray, tr: (text: string) => string) => string])[] = [
  [/^assigned to (.+)$/s, (m) => `赋值给 ${m[1]}`],
  [/^stored in (.+)$/s, (m) => `存入 ${m[1]}`],
  [/^stored by (.+)$/s, (m) => `由 ${m[1]} 存储`],
  [/^filled by a call\(\)$/s, () => '由一次调用填充'],
  [/^filled by (.+)$/s, (m) => `由 ${m[1]} 填充`],
  [/^element passed to (.+)$/s, (m) => `元素传给 ${m[1]}`],
  [/^passed to (.+)$/s, (m) => `传给 ${m[1]}`],
  [/^(.+) called without a consent check$/s, (m) => `调用 ${m[1]} 之前未校验同意`],
  [/^returned from (.+)$/s, (m) => `从 ${m[1]} 返回`],
  [/^iterated$/s, () => '被遍历'],
  [/^interpolated into a string$/s, () => '嵌入字符串'],
  [/^guard held in the callee$/s, () => '被调用函数中已校验'],
  [/^reaches (.+)$/s, (m, tr) => `到达 ${tr(m[1]!)}`],
];

/** Composite descriptions the dataflow builds around a model's description. */
const DESCRIPTION_FRAMES: readonly (readonly [RegExp, (m: RegExpExecArray, tr: (text: string) => string) => string])[] = [
  [/^(.+), name (`[^`]*`), read from this object on line (\d+)$/s, (m, tr) => `${tr(m[1]!)}，名称 ${m[2]}，在第 ${m[3]} 行从此对象读取`],
  [/^(.+), name (`[^`]*`)$/s, (m, tr) => `${tr(m[1]!)}，名称 ${m[2]}`],
  [/^(.+) \(validated by (`[^`]*`)\)$/s, (m, tr) => `${tr(m[1]!)}（由 ${m[2]} 校验）`],
  [/^(.+) \(field (`[^`]*`) of (.+)\)$/s, (m, tr) => `${tr(m[1]!)}（${m[3]} 的字段 ${m[2]}）`],
];

interface CompiledTable {
  readonly exact: ReadonlyMap<string, string>;
  /** Keys with `{{name}}` placeholders, as patterns; the longest (most specific) first. */
  readonly templates: readonly { readonly pattern: RegExp; readonly names: readonly string[]; readonly text: string }[];
}

const compiledTables = new WeakMap<DescriptionTable, CompiledTable>();

function compileTable(table: DescriptionTable): CompiledTable {
  let compiled = compiledTables.get(table);
  if (compiled) return compiled;
  const exact = new Map<string, string>();
  const templates: { pattern: RegExp; names: string[]; text: string }[] = [];
  for (const [key, text] of Object.entries(table)) {
    if (!key.includes('{{')) {
      exact.set(key, text);
      continue;
    }
    const names: string[] = [];
    const source = key
      .split(/(\{\{\s*\w+\s*\}\})/)
      .map((part) => {
        const name = /^\{\{\s*(\w+)\s*\}\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '(.+?)';
      })
      .join('');
    templates.push({ pattern: new RegExp(`^${source}$`, 's'), names, text });
  }
  templates.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  compiled = { exact, templates };
  compiledTables.set(table, compiled);
  return compiled;
}

/** The table's translation of one model description (exact key, else a `{{name}}` key), or undefined. */
export function translateDescription(table: DescriptionTable, text: string): string | undefined {
  const compiled = compileTable(table);
  const direct = compiled.exact.get(text);
  if (direct !== undefined) return direct;
  for (const template of compiled.templates) {
    const match = template.pattern.exec(text);
    if (!match) continue;
    const values = new Map(template.names.map((name, index) => [name, match[index + 1]!]));
    return template.text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}

export class ReachLocalizer {
  constructor(
    private readonly locale: Locale,
    private readonly table: DescriptionTable = {},
  ) {}

  /** A model description, or a description the dataflow built around one. */
  description(text: string): string {
    if (this.locale === 'en') return text;
    const direct = translateDescription(this.table, text);
    if (direct !== undefined) return direct;
    for (const [pattern, render] of DESCRIPTION_FRAMES) {
      const match = pattern.exec(text);
      if (match) return render(match, (inner) => this.description(inner));
    }
    return text;
  }

  /** A step of a path: a step phrase, else a description (the source's own step). */
  step(text: string): string {
    if (this.locale === 'en') return text;
    for (const [pattern, render] of STEP_PHRASES) {
      const match = pattern.exec(text);
      if (match) return render(match, (inner) => this.description(inner));
    }
    return this.description(text);
  }

  reach(reach: Reach): Reach {
    if (this.locale === 'en') return reach;
    const path: FlowStep[] = reach.path.map((step) => ({ ...step, message: step.kind === 'source' ? this.description(step.message) : this.step(step.message) }));
    return {
      ...reach,
      sink: { ...reach.sink, description: this.description(reach.sink.description) },
      source: { ...reach.source, description: this.description(reach.source.description) },
      path,
      weakGuards: reach.weakGuards.map((guard) => ({ ...guard, description: this.description(guard.description) })),
      notSanitizers: reach.notSanitizers.map((note) => ({ ...note, description: this.description(note.description) })),
    };
  }
}

/**
 * `code` spans as quotes: messages and steps are plain text in terminals, Problems rows, SARIF `text` and hovers.
 * In Chinese, the spaces a template puts around a placeholder are dropped where both neighbours are Chinese
 * (`由 文件写入 存储` → `由文件写入存储`), and kept next to Latin text (`进入了 NestJS 日志`).
 */
export function plainText(text: string, locale: Locale = 'en'): string {
  const quoted = text.replace(/`([^`\n]*)`/g, "'$1'");
  return locale === 'zh-CN' ? quoted.replace(/(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g, '') : quoted;
}

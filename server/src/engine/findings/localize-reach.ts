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

/**
 * Composite descriptions the dataflow builds around a model's description, read by string search from the end:
 * `D, name `x``, `D, name `x`, read from this object on line N`, `D (validated by `f`)`, `D (field `f` of T)`.
 * (Regexes with a free `(.+)` before a suffix are quadratic on a long description, issue #21.)
 */
function translateFrame(text: string, tr: (text: string) => string): string | undefined {
  const readOn = /, read from this object on line (\d+)$/.exec(text);
  const named = readOn ? text.slice(0, readOn.index) : text;
  const nameAt = named.lastIndexOf(', name `');
  // The name is one code span: its closing backtick is the last character, after the opening one.
  if (nameAt > 0 && named.endsWith('`') && named.length - 1 >= nameAt + ', name `'.length && !named.slice(nameAt + ', name `'.length, -1).includes('`')) {
    const name = named.slice(nameAt + ', name '.length);
    return `${tr(named.slice(0, nameAt))}，名称 ${name}${readOn ? `，在第 ${readOn[1]} 行从此对象读取` : ''}`;
  }
  if (readOn || !text.endsWith(')')) return undefined;
  const validatedAt = text.lastIndexOf(' (validated by `');
  if (validatedAt > 0 && text.endsWith('`)') && text.length - 2 >= validatedAt + ' (validated by `'.length && !text.slice(validatedAt + ' (validated by `'.length, -2).includes('`')) {
    return `${tr(text.slice(0, validatedAt))}（由 ${text.slice(validatedAt + ' (validated by '.length, -1)} 校验）`;
  }
  // The field note is the last ` (field `f` of T)` whose field has no backtick; the type may hold anything.
  for (let at = text.lastIndexOf(' (field `'); at > 0; at = text.lastIndexOf(' (field `', at - 1)) {
    const start = at + ' (field `'.length;
    const tick = text.indexOf('`', start);
    if (tick === -1 || !text.startsWith('` of ', tick) || tick + '` of '.length >= text.length - 1) continue;
    return `${tr(text.slice(0, at))}（${text.slice(tick + '` of '.length, -1)} 的字段 \`${text.slice(start, tick)}\`）`;
  }
  return undefined;
}

interface CompiledTable {
  readonly exact: ReadonlyMap<string, string>;
  /**
   * Keys with `{{name}}` placeholders, as their literal parts between the placeholders (`parts.length` is
   * `names.length + 1`); the longest (most specific) first.
   */
  readonly templates: readonly { readonly parts: readonly string[]; readonly names: readonly string[]; readonly text: string; readonly size: number }[];
}

const compiledTables = new WeakMap<DescriptionTable, CompiledTable>();

function compileTable(table: DescriptionTable): CompiledTable {
  let compiled = compiledTables.get(table);
  if (compiled) return compiled;
  const exact = new Map<string, string>();
  const templates: { parts: string[]; names: string[]; text: string; size: number }[] = [];
  for (const [key, text] of Object.entries(table)) {
    if (!key.includes('{{')) {
      exact.set(key, text);
      continue;
    }
    const names: string[] = [];
    const parts: string[] = [];
    for (const piece of key.split(/(\{\{\s*\w+\s*\}\})/)) {
      const name = /^\{\{\s*(\w+)\s*\}\}$/.exec(piece)?.[1];
      if (name === undefined) parts.push(piece);
      else names.push(name);
    }
    templates.push({ parts, names, text, size: key.length });
  }
  templates.sort((a, b) => b.size - a.size);
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
    const captured = matchTemplate(template.parts, text);
    if (!captured) continue;
    const values = new Map(template.names.map((name, index) => [name, captured[index]!]));
    return template.text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}

/**
 * The values of a template's placeholders in `text`, or undefined: the first part is a prefix, the last a suffix,
 * and each part between is found left to right, each value at least one character (as `(.+?)` would, by string
 * search).
 */
function matchTemplate(parts: readonly string[], text: string): string[] | undefined {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length + parts.length - 1) return undefined;
  const end = text.length - last.length;
  const values: string[] = [];
  let at = first.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const found = text.indexOf(parts[index]!, at + 1);
    if (found === -1 || found >= end) return undefined;
    values.push(text.slice(at, found));
    at = found + parts[index]!.length;
  }
  if (end - at < 1) return undefined;
  values.push(text.slice(at, end));
  return values;
}

/** Frames around frames deeper than this are left as they are (the dataflow writes two at most). */
const MAX_FRAME_DEPTH = 4;

export class ReachLocalizer {
  constructor(
    private readonly locale: Locale,
    private readonly table: DescriptionTable = {},
  ) {}

  /** A model description, or a description the dataflow built around one (frames nest a few deep at most). */
  description(text: string, depth = 0): string {
    if (this.locale === 'en') return text;
    const direct = translateDescription(this.table, text);
    if (direct !== undefined || depth >= MAX_FRAME_DEPTH) return direct ?? text;
    return translateFrame(text, (inner) => this.description(inner, depth + 1)) ?? text;
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

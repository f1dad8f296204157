/**
 * Finds the expression a wrapping fix should wrap, given the sink argument the dataflow reported.
 *
 * Shapes handled (`wrap(x)` stands for the rule's mask or anonymiser call):
 *   `log(id)`                      → `log(wrap(id))`
 *   `log({ idCardNo })`            → `log({ idCardNo: wrap(idCardNo) })`     (shorthand property)
 *   `log({ idCardNo: c.id })`      → `log({ idCardNo: wrap(c.id) })`         (property assignment)
 *   `` log(`for ${c.idCardNo}`) `` → `` log(`for ${wrap(c.idCardNo)}`) ``   (only the flowing part of a message)
 * Anything else that is built from text (`'id ' + id` without a located part) or spread (`...c`) gets no wrap:
 * wrapping the whole message would change what is logged beyond the personal data.
 */
import type { FlowStep, SourceRange } from '../../server/src/engine/rule-api';

export interface WrapTarget {
  readonly start: number;
  readonly end: number;
  /** The expression text to wrap. */
  readonly expression: string;
  /** Text to put before the wrapped expression (`idCardNo: ` for a shorthand property). */
  readonly prefix: string;
}

export function findWrapTarget(
  fileText: string,
  argument: SourceRange,
  call: SourceRange,
  path: readonly FlowStep[],
): WrapTarget | undefined {
  const start = argument.offset;
  const end = argument.offset + argument.length;
  const text = fileText.slice(start, end);
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.startsWith('...')) return undefined;
  const lead = text.length - text.trimStart().length;
  const innerStart = start + lead;
  const innerEnd = innerStart + trimmed.length;

  const property = /^((?:[A-Za-z_$][\w$]*)|'[^']*'|"[^"]*")\s*:\s*/.exec(trimmed);
  if (property) {
    const valueStart = innerStart + property[0].length;
    return targetFor(fileText, valueStart, innerEnd, path, argument.file);
  }
  if (/^[A-Za-z_$][\w$]*$/.test(trimmed) && enclosingOpener(fileText, call.offset, innerStart) === '{') {
    return { start: innerStart, end: innerEnd, expression: trimmed, prefix: `${trimmed}: ` };
  }
  return targetFor(fileText, innerStart, innerEnd, path, argument.file);
}

function targetFor(
  fileText: string,
  start: number,
  end: number,
  path: readonly FlowStep[],
  file: string,
): WrapTarget | undefined {
  const text = fileText.slice(start, end);
  if (!isComposedText(text)) return { start, end, expression: text, prefix: '' };
  const inner = innermostStepInside(path, file, start, end);
  if (inner) {
    const innerText = fileText.slice(inner.offset, inner.offset + inner.length);
    if (!isComposedText(innerText)) return { start: inner.offset, end: inner.offset + inner.length, expression: innerText, prefix: '' };
  }
  return placeholderMatchingPath(fileText, start, end, path, file);
}

/** A message built from text: a string or template literal, or a concatenation that includes one. */
function isComposedText(text: string): boolean {
  return /^[`'"]/.test(text) || /[`'"]\s*\+|\+\s*[`'"]/.test(text);
}

function innermostStepInside(path: readonly FlowStep[], file: string, start: number, end: number): SourceRange | undefined {
  let best: SourceRange | undefined;
  for (const step of path) {
    const range = step.range;
    if (range.file !== file || range.length === 0) continue;
    if (range.offset < start || range.offset + range.length > end) continue;
    if (range.offset === start && range.length === end - start) continue;
    if (best === undefined || range.length < best.length) best = range;
  }
  return best;
}

/** For `` `… ${c.idCardNo} …` ``: the single placeholder whose text matches a step of the flow. */
function placeholderMatchingPath(
  fileText: string,
  start: number,
  end: number,
  path: readonly FlowStep[],
  file: string,
): WrapTarget | undefined {
  const flowTexts = new Set<string>();
  for (const step of path) {
    if (step.range.file !== file) continue;
    const stepText = fileText.slice(step.range.offset, step.range.offset + step.range.length).trim();
    if (/^[\w$.?[\]'"]+$/.test(stepText)) flowTexts.add(stepText);
  }
  const lastSegments = new Set([...flowTexts].map((t) => t.split('.').pop() ?? t));
  const text = fileText.slice(start, end);
  const matches: WrapTarget[] = [];
  const placeholder = /\$\{([^{}`]+)\}/g;
  for (let m = placeholder.exec(text); m !== null; m = placeholder.exec(text)) {
    const raw = m[1] ?? '';
    const expression = raw.trim();
    const lastSegment = expression.split('.').pop() ?? expression;
    if (flowTexts.has(expression) || lastSegments.has(lastSegment)) {
      const exprStart = start + m.index + 2 + (raw.length - raw.trimStart().length);
      matches.push({ start: exprStart, end: exprStart + expression.length, expression, prefix: '' });
    }
  }
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The innermost unclosed bracket between `from` and `to`, scanning forward and skipping strings, template text
 * and comments: `(`, `[`, `{`, `` ` `` inside a template literal or its `${…}`, or undefined at top level.
 */
export function enclosingOpener(text: string, from: number, to: number): string | undefined {
  const stack: string[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? to : newline + 1;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? to : close + 2;
      continue;
    }
    if (ch === "'" || ch === '"') {
      i = skipQuoted(text, i, ch, to);
      continue;
    }
    if (ch === '`') {
      stack.push('`');
      i += 1;
      i = skipTemplateText(text, i, to, stack);
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch === ')' || ch === ']') stack.pop();
    else if (ch === '}') {
      if (stack.pop() === '${') {
        i = skipTemplateText(text, i + 1, to, stack);
        continue;
      }
    }
    i += 1;
  }
  const top = stack[stack.length - 1];
  return top === '`' || top === '${' ? '`' : top;
}

function skipQuoted(text: string, at: number, quote: string, limit: number): number {
  let i = at + 1;
  while (i < limit && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Skips template text up to the closing backtick (popping it) or into a `${` (pushing `{`). */
function skipTemplateText(text: string, at: number, limit: number, stack: string[]): number {
  let i = at;
  while (i < limit) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '`') {
      stack.pop();
      return i + 1;
    }
    if (ch === '$' && text[i + 1] === '{') {
      stack.push('${');
      return i + 2;
    }
    i += 1;
  }
  return i;
}

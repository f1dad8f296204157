/**
 * Fixes of `no-id-number-logging`.
 * - Safe, preferred: mask the logged value where it is written, so nothing else about the log line changes:
 *   - a real ID number written inside the log call's own string literal is starred out in place, keeping its last
 *     four characters (`'customer 11010519491231002X'` → `'customer **************002X'`);
 *   - otherwise the value is wrapped in the project's mask helper when one is visible in the file (one the
 *     dataflow saw masking, or a configured `maskFunctions` name), else in an inline mask that keeps the last four
 *     characters: `log(c.idCardNo)`, `` `for ${c.idCardNo}` ``, and inside a logged object literal
 *     `log.info({ vin })` → `log.info({ vin: maskVin(vin) })`.
 *   A masked value is no longer a finding, so applying the fix twice changes nothing. A plain hash gets no mask fix:
 *   it was meant to correlate lines, and choosing between a keyed HMAC and a mask needs a person.
 * - Suggestion: leave the field out of a logged object (`{ vin, tripId }` → `{ tripId }`, or
 *   `logger.log(dto)` → `const { idCardNo: _idCardNo, ...dtoForLog } = dto;` above and `logger.log(dtoForLog)`).
 *   It changes what the log line holds, which needs a person's judgement.
 * - Suggestion: suppress with a reason.
 */
import type { Fix, FixContext, Locale, Reach, SourceRange, TextEdit } from '../../server/src/engine/rule-api';
import { ts } from '../../server/src/engine/rule-api';
import { NOT_SANITIZER_REASONS } from '../shared/reasons';
import { createSuppressFix } from '../shared/suppress-fix';
import { isCheckedPresent, nodeAtRange } from '../shared/syntax';
import { indentationAt, isNameInScope, lineEndingOf, lineStartOffset } from '../shared/text';
import { findWrapTarget } from '../shared/wrap-payload';
import { usableMaskHelper } from './mask-helper';
import { literalSources } from './models';
import { type PropertySpan, readObjectLiteral, removalRange } from './object-literal';
import type { IdNumberLoggingOptions } from './options';
import { ID_VALIDATORS } from './validators';

const TITLES = {
  helper: { en: (name: string) => `Mask the ID number with ${name}()`, 'zh-CN': (name: string) => `使用 ${name}() 对证件号码脱敏` },
  inline: { en: () => 'Mask the ID number, keeping only the last four characters', 'zh-CN': () => '对证件号码脱敏，仅保留后四位' },
  literal: {
    en: () => 'Star out the ID number in this text, keeping only the last four characters',
    'zh-CN': () => '将文本中的证件号码替换为星号，仅保留后四位',
  },
  remove: {
    en: (field: string) => `Leave \`${field}\` out of the logged object`,
    'zh-CN': (field: string) => `从记录的对象中去掉 \`${field}\``,
  },
} as const;

export function createFixes(reach: Reach, context: FixContext, options: IdNumberLoggingOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const file = reach.sink.argumentRange.file;
  const fileText = context.fileText(file);
  const located = reach.fieldPath !== undefined ? locateField(context.syntaxTree(file), reach.sink.argumentRange, reach.fieldPath.split('.')) : undefined;
  // A plain hash was meant as a reference to correlate lines: masking would silently drop that, so only a person
  // can choose between a keyed HMAC and a mask.
  const isPlainHash = reach.notSanitizers.some((note) => note.reason === NOT_SANITIZER_REASONS.plainHash);
  const mask = isPlainHash ? undefined : (createLiteralMaskFix(reach, fileText, locale) ?? createMaskFix(reach, context, options, fileText, located, locale));
  if (mask !== undefined) fixes.push(mask);
  const remove = located !== undefined && reach.fieldPath !== undefined ? createRemoveFieldFix(file, fileText, located, reach.fieldPath, locale) : undefined;
  if (remove !== undefined) fixes.push(remove);
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

// ─── mask ──────────────────────────────────────────────────────────────────────

function createMaskFix(
  reach: Reach,
  context: FixContext,
  options: IdNumberLoggingOptions,
  fileText: string,
  located: LocatedField | undefined,
  locale: Locale,
): Fix | undefined {
  const file = reach.sink.argumentRange.file;
  let wrapRange: SourceRange = reach.sink.argumentRange;
  if (reach.fieldPath !== undefined) {
    // Only the property that holds the number itself can be wrapped; masking a whole object logs something else.
    if (located?.kind !== 'property' || located.rest.length > 0) return undefined;
    const property = located.properties[located.index]!;
    wrapRange = { ...reach.sink.argumentRange, offset: property.start, length: property.end - property.start };
  }
  const target = findWrapTarget(context.syntaxTree(file), wrapRange, reach.path);
  if (target === undefined || /^\s*[{[]/.test(target.expression) || isLiteralValue(target.expression)) return undefined;
  const helper = usableMaskHelper(context.knownSanitizers, file, fileText, options.maskFunctions, reach.source);
  const facts = target.prefix === '' ? context.describeExpression?.({ ...wrapRange, offset: target.start, length: target.end - target.start }) : undefined;
  const defaulted = facts?.defaulted;
  // A helper typed for strings may not take `null`: a nullable value logged as it is gets the inline mask, which
  // turns a missing value into '****'. Behind a default (`licence ?? 'missing'`) the helper only ever gets a value.
  // `if (dto.tradeInPlateNo) { log(dto.tradeInPlateNo) }`: the declared type is nullable, the value here is not.
  const targetNode = nodeAtRange(context.syntaxTree(file), { offset: target.start, length: target.end - target.start });
  const isPresent = targetNode !== undefined && isCheckedPresent(targetNode, target.expression);
  const maskHelper = defaulted !== undefined || !facts?.mayBeNullish || isPresent ? helper : undefined;
  const mask = (expression: string) => (maskHelper !== undefined ? `${maskHelper.name}(${expression})` : inlineMask(expression));
  const title = maskHelper !== undefined ? TITLES.helper[locale](maskHelper.name) : TITLES.inline[locale]();
  let edit: TextEdit = { file, start: target.start, end: target.end, newText: `${target.prefix}${mask(target.expression)}` };
  if (defaulted !== undefined) {
    // A missing value still logs the fallback: `licence != null ? mask(licence) : 'missing'`.
    const { operator, range, value, fallback } = defaulted;
    const valueText = fileText.slice(value.offset, value.offset + value.length);
    const fallbackText = fileText.slice(fallback.offset, fallback.offset + fallback.length);
    const conditional = `${operator === '??' ? `${valueText} != null` : valueText} ? ${mask(valueText)} : ${fallbackText}`;
    const end = range.offset + range.length;
    edit = { file, start: range.offset, end, newText: standsAlone(fileText, range.offset, end) ? conditional : `(${conditional})` };
  }
  return { title, isSafe: true, isPreferred: true, edits: [edit] };
}

/** Whether an expression at these offsets is a whole template placeholder, argument or property value. */
function standsAlone(fileText: string, start: number, end: number): boolean {
  const before = fileText.slice(0, start).trimEnd();
  const after = fileText.slice(end).trimStart();
  return (before.endsWith('${') && after.startsWith('}')) || (/[(,]$/.test(before) && /^[),]/.test(after));
}

/** `undefined`, `null`, numbers and plain strings hold no ID number worth wrapping. */
function isLiteralValue(expression: string): boolean {
  return /^(?:undefined|null|true|false|-?\d[\d_.]*|'[^'\\]*'|"[^"\\]*")$/.test(expression.trim());
}

/** `` `****${String(value ?? '').slice(-4)}` ``: valid TS and JS, keeps no birth date and at most four characters. */
export function inlineMask(expression: string): string {
  const operand = /^[\w$]+(?:\.[\w$]+|\[\d+\]|\?\.[\w$]+)*$/.test(expression) ? expression : `(${expression})`;
  return `\`****\${String(${operand} ?? '').slice(-4)}\``;
}

// ─── literal written in the log call ───────────────────────────────────────────

/** Stars out a real ID number that is written in a string literal inside the log call itself. */
function createLiteralMaskFix(reach: Reach, fileText: string, locale: Locale): Fix | undefined {
  const source = reach.source.range;
  const call = reach.sink.callRange;
  if (reach.source.kind !== 'literal' || source.file !== call.file) return undefined;
  if (source.offset < call.offset || source.offset + source.length > call.offset + call.length) return undefined;
  const literalText = fileText.slice(source.offset, source.offset + source.length);
  const edits = maskIdsInText(literalText).map((hit) => ({
    file: source.file,
    start: source.offset + hit.start,
    end: source.offset + hit.end,
    newText: starOut(literalText.slice(hit.start, hit.end)),
  }));
  if (edits.length === 0) return undefined;
  return { title: TITLES.literal[locale](), isSafe: true, isPreferred: true, edits };
}

/** Positions of real ID numbers in a text: the literal source patterns whose validators pass. */
export function maskIdsInText(text: string): { start: number; end: number }[] {
  const hits: { start: number; end: number }[] = [];
  for (const model of literalSources()) {
    const validator = model.validator !== undefined ? ID_VALIDATORS[model.validator] : undefined;
    const pattern = new RegExp(model.pattern, 'gu');
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (validator !== undefined && !validator(match[0])) continue;
      if (hits.some((hit) => hit.start < end && start < hit.end)) continue;
      hits.push({ start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Every letter or digit but the last four becomes `*`; separators and brackets stay (`A123456(3)` → `****56(3)`). */
export function starOut(id: string): string {
  const characters = [...id];
  let kept = 0;
  for (let i = characters.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(characters[i]!)) continue;
    if (kept < 4) kept++;
    else characters[i] = '*';
  }
  return characters.join('');
}

// ─── fields of logged objects ──────────────────────────────────────────────────

type LocatedField =
  /** A property of an object literal written in the call; `rest` is the path below its value. */
  | { readonly kind: 'property'; readonly properties: readonly PropertySpan[]; readonly index: number; readonly rest: readonly string[] }
  /** The argument is an expression holding the object (`dto`, `this.booking`); `rest` is the field path in it. */
  | { readonly kind: 'expression'; readonly start: number; readonly end: number; readonly rest: readonly string[] };

/** Finds where the logged object's field is written, following nested object literals. */
function locateField(tree: ts.SourceFile, argument: SourceRange, path: readonly string[]): LocatedField | undefined {
  const fileText = tree.text;
  let start = argument.offset;
  let end = argument.offset + argument.length;
  while (start < end && /\s/.test(fileText[start]!)) start++;
  while (end > start && /\s/.test(fileText[end - 1]!)) end--;
  if (path.length === 0) return undefined;
  if (fileText[start] !== '{') {
    const expression = fileText.slice(start, end);
    return /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*$/.test(expression) ? { kind: 'expression', start, end, rest: path } : undefined;
  }
  let properties = readObjectLiteral(tree, start, end);
  for (let depth = 0; properties !== undefined && depth < path.length; depth++) {
    const segment = path[depth]!;
    // Later properties win in JavaScript; a spread after the field could also bring it back, so give up on those.
    const index = lastIndexWhere(properties, (property) => property.key === segment);
    if (index === -1 || properties.slice(index + 1).some((property) => property.key === undefined)) return undefined;
    const property = properties[index]!;
    const rest = path.slice(depth + 1);
    if (rest.length === 0 || fileText[property.valueStart] !== '{' || property.isShorthand) {
      return { kind: 'property', properties, index, rest };
    }
    properties = readObjectLiteral(tree, property.valueStart, property.valueEnd);
  }
  return undefined;
}

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

function createRemoveFieldFix(file: string, fileText: string, located: LocatedField, fieldPath: string, locale: Locale): Fix | undefined {
  const field = fieldPath.split('.').pop() ?? fieldPath;
  const title = TITLES.remove[locale](field);
  if (located.kind === 'property' && located.rest.length === 0) {
    const range = removalRange(fileText, located.properties, located.index);
    return { title, isSafe: false, edits: [{ file, start: range.start, end: range.end, newText: '' }] };
  }
  if (located.rest.length !== 1) return undefined;
  // The argument (`logger.log(dto)`) or a property (`{ customer }`) holds the whole object: log a copy made by
  // destructuring, declared just above the statement: `const { idCardNo: _idCardNo, ...dtoForLog } = dto;`.
  const hidden = located.rest[0]!;
  let start: number;
  let end: number;
  let propertyKey: string | undefined;
  if (located.kind === 'property') {
    const property = located.properties[located.index]!;
    start = property.valueStart;
    end = property.valueEnd;
    propertyKey = property.isShorthand ? property.key : undefined;
  } else {
    start = located.start;
    end = located.end;
  }
  const expression = fileText.slice(start, end);
  const copy = copyWithoutField(fileText, file, start, expression, hidden);
  if (copy === undefined) return undefined;
  const replacement = propertyKey !== undefined ? `${propertyKey}: ${copy.name}` : copy.name;
  return {
    title,
    isSafe: false,
    edits: [copy.declaration, { file, start, end, newText: replacement }],
  };
}

/**
 * `const { idCardNo: _idCardNo, ...dtoForLog } = dto;` on its own line above the statement that logs, when the
 * logging call opens its line (so the declaration sees the same variables) and the new names are free.
 */
function copyWithoutField(
  fileText: string,
  file: string,
  at: number,
  expression: string,
  field: string,
): { name: string; declaration: TextEdit } | undefined {
  if (!/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*$/.test(expression) || !/^[A-Za-z_$][\w$]*$/.test(field)) return undefined;
  const base = (expression.split('.').pop() ?? expression).replace(/^\?/, '');
  const name = `${base}ForLog`;
  const omitted = `_${field}`;
  if (isNameInScope(fileText, name) || isNameInScope(fileText, omitted)) return undefined;
  const lineStart = lineStartOffset(fileText, at);
  const lead = fileText.slice(lineStart, at);
  // Only when the logging statement opens its line: `logger.log(dto);`, `await audit.info(…)`, not inside a callback.
  if (!/^[ \t]*(?:await\s+)?[\w$.?]+\((?:[^()]*,)?\s*(?:\{[^{}]*)?$/.test(lead)) return undefined;
  const indentation = indentationAt(fileText, at);
  const declaration = `${indentation}const { ${field}: ${omitted}, ...${name} } = ${expression};${lineEndingOf(fileText)}`;
  return { name, declaration: { file, start: lineStart, end: lineStart, newText: declaration } };
}

/**
 * The top-level properties of an object literal, read from the syntax tree, so that a fix can wrap or remove the
 * property a whole-object finding names (`log.info({ vin, tripId })`, field `vin`).
 */
import { ts } from '../../server/src/engine/rule-api';
import { nodeAtRange } from '../shared/syntax';

export interface PropertySpan {
  /** The property name (`vin`, `'vehicle.vin'` unquoted); undefined for spreads, computed keys and methods. */
  readonly key: string | undefined;
  /** Offsets of the whole property (`vin: vehicle.vin`). */
  readonly start: number;
  readonly end: number;
  /** Offsets of the value expression; for a shorthand property, of its name. */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly isShorthand: boolean;
}

/** Properties of the object literal written exactly at `[start, end)`, or undefined when there is none. */
export function readObjectLiteral(tree: ts.SourceFile, start: number, end: number): PropertySpan[] | undefined {
  let node = nodeAtRange(tree, { offset: start, length: end - start });
  while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))) node = node.expression;
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  return node.properties.map((property): PropertySpan => {
    const start = property.getStart(tree);
    if (ts.isShorthandPropertyAssignment(property)) {
      return { key: property.name.text, start, end: property.end, valueStart: property.name.getStart(tree), valueEnd: property.name.end, isShorthand: true };
    }
    if (ts.isPropertyAssignment(property)) {
      const name = property.name;
      const key = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
      return { key, start, end: property.end, valueStart: property.initializer.getStart(tree), valueEnd: property.initializer.end, isShorthand: false };
    }
    return { key: undefined, start, end: property.end, valueStart: start, valueEnd: property.end, isShorthand: false };
  });
}

/**
 * The edit range that removes `properties[index]` with its separating comma and the whitespace up to the next
 * property, keeping the other properties' layout: `{ a, vin, b }` → `{ a, b }`, `{ a, vin }` → `{ a }`.
 */
export function removalRange(text: string, properties: readonly PropertySpan[], index: number): { start: number; end: number } {
  const property = properties[index]!;
  const next = properties[index + 1];
  if (next) return { start: property.start, end: next.start };
  const previous = properties[index - 1];
  if (previous) return { start: previous.end, end: property.end };
  // The only property: remove it and a trailing comma.
  let end = property.end;
  let probe = end;
  while (probe < text.length && /[ \t]/.test(text[probe]!)) probe++;
  if (text[probe] === ',') end = probe + 1;
  return { start: property.start, end };
}

/**
 * Stage: config (error messages).
 * Input: the errors ajv reports for an invalid config, the schema, and the config text and tree.
 * Output: one `ConfigError` whose single line gives `file:line:column`, the JSON path, what was found, what
 * was expected, and what to do.
 * Invariant: of all errors, the one nearest the actual mistake wins: the deepest path, a wrong key before a
 * missing one, and a branch that matched the value's type before one that did not. Where the schema offers
 * alternatives (`"warning"` or `{ "severity": … }`), the message lists them all rather than one at random.
 */
import type { ErrorObject } from 'ajv';
import type { Node } from 'jsonc-parser';
import { ConfigError } from '../errors';
import { suggestClosest } from './did-you-mean';
import { formatLocation, offsetOfPointer } from './json-location';

type Schema = Record<string, unknown>;

export interface SchemaErrorContext {
  readonly file: string;
  readonly text: string;
  readonly tree: Node;
  readonly rootSchema: Schema;
}

const COMBINATOR_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not']);

export function explainSchemaErrors(errors: readonly ErrorObject[], context: SchemaErrorContext): ConfigError {
  const chosen = pickNearestError(errors);
  const siblings = errors.filter((error) => error.instancePath === chosen.instancePath);
  const alternatives = siblings.find((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  const { file, text, tree } = context;
  const at = (pointer: string, pointAtKey = false): string => formatLocation(file, text, offsetOfPointer(tree, pointer, pointAtKey));
  const label = pathLabel(chosen.instancePath);

  switch (chosen.keyword) {
    case 'additionalProperties': {
      const key = String(chosen.params['additionalProperty']);
      const pointer = `${chosen.instancePath}/${escapePointer(key)}`;
      const allowed = Object.keys((chosen.parentSchema?.['properties'] as Schema | undefined) ?? {});
      const suggestion = suggestClosest(key, allowed);
      const didYouMean = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
      if (chosen.instancePath === '/rules' || chosen.instancePath === '/models') {
        const known = allowed.length > 0 ? ` Known rules: ${allowed.join(', ')}.` : ' No rule takes models; remove the entry.';
        return new ConfigError(`${at(pointer, true)}: unknown rule "${key}" at ${pointer}.${didYouMean}${known}`, file, pointer);
      }
      const allowedHere =
        allowed.length > 0 ? ` Allowed keys in ${label}: ${allowed.join(', ')}. Remove or rename it.` : ` ${label} takes no keys; remove it.`;
      return new ConfigError(`${at(pointer, true)}: unknown key "${key}" at ${pointer}.${didYouMean}${allowedHere}`, file, pointer);
    }
    case 'required': {
      const missing = siblings.filter((error) => error.keyword === 'required').map((error) => `"${String(error.params['missingProperty'])}"`);
      if (alternatives !== undefined && missing.length > 1) {
        return new ConfigError(
          `${at(chosen.instancePath)}: ${label} does not say which calls it matches; it needs one of the keys ${joinAlternatives(missing)}. Add one.`,
          file,
          chosen.instancePath,
        );
      }
      return new ConfigError(
        `${at(chosen.instancePath)}: ${label} is missing the required key ${missing[0] ?? '(unknown)'}. Add it.`,
        file,
        chosen.instancePath,
      );
    }
    case 'discriminator': {
      const tag = String(chosen.params['tag']);
      const pointer = `${chosen.instancePath}/${escapePointer(tag)}`;
      const values = discriminatorValues(chosen.parentSchema, tag, context.rootSchema);
      const found = describeValue((chosen.data as Record<string, unknown> | undefined)?.[tag]);
      return new ConfigError(
        `${at(pointer)}: ${pointer} is ${found}, but must be one of ${joinAlternatives(values.map((value) => JSON.stringify(value)))}. Use one of these.`,
        file,
        pointer,
      );
    }
    default: {
      const shape = alternatives !== undefined ? alternatives.parentSchema : chosen.parentSchema;
      const isShapeError = chosen.keyword === 'type' || chosen.keyword === 'enum' || chosen.keyword === 'const' || alternatives !== undefined;
      const expected = isShapeError ? `must be ${describeSchema(shape, context.rootSchema)}` : describeLimit(chosen);
      return new ConfigError(
        `${at(chosen.instancePath)}: ${label} is ${describeValue(chosen.data)}, but ${expected}. Correct the value and run again.`,
        file,
        chosen.instancePath,
      );
    }
  }
}

/** Deepest path first (a wrong key counts one level deeper than its object); a type mismatch last among equals. */
function pickNearestError(errors: readonly ErrorObject[]): ErrorObject {
  const concrete = errors.filter((error) => !COMBINATOR_KEYWORDS.has(error.keyword));
  const pool = concrete.length > 0 ? concrete : errors;
  const rank = (error: ErrorObject): number => {
    const depth = error.instancePath === '' ? 0 : error.instancePath.split('/').length - 1;
    const bonus = error.keyword === 'additionalProperties' ? 2 : error.keyword === 'type' ? 0 : 1;
    return depth * 3 + bonus;
  };
  let best = pool[0];
  for (const error of pool) if (best === undefined || rank(error) > rank(best)) best = error;
  if (best === undefined) throw new Error('explainSchemaErrors needs at least one error: ajv reported the config invalid.');
  return best;
}

/** Wording for limits (`minimum`, `minItems`, …), falling back to ajv's own message. */
function describeLimit(error: ErrorObject): string {
  const limit = Number(error.params['limit']);
  switch (error.keyword) {
    case 'minimum':
      return `must be ≥ ${limit}`;
    case 'maximum':
      return `must be ≤ ${limit}`;
    case 'exclusiveMinimum':
      return `must be > ${limit}`;
    case 'exclusiveMaximum':
      return `must be < ${limit}`;
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must have at least ${limit} characters`;
    case 'maxLength':
      return `must have at most ${limit} characters`;
    case 'minItems':
      return `must list at least ${limit} item${limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must list at most ${limit} item${limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `must not list the same item twice (items ${String(error.params['i'])} and ${String(error.params['j'])} are equal)`;
    default:
      return error.message ?? 'is not valid';
  }
}

function pathLabel(pointer: string): string {
  return pointer === '' ? 'the top level' : pointer;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `"fatal"`, `5`, `true`, `null`, `an array`, `an object`, shortened when long. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  const shown = json.length > 60 ? `${json.slice(0, 57)}…` : json;
  return typeof value === 'string' ? `${shown} (a string)` : shown;
}

/** A short phrase for what a schema accepts: `one of "en", "zh-CN"`, `an integer ≥ 1`, `a list of strings`. */
export function describeSchema(schema: unknown, root: Schema, isPlural = false): string {
  if (schema === null || typeof schema !== 'object') return isPlural ? 'values' : 'a value';
  const node = schema as Schema;
  if (typeof node['$ref'] === 'string') return describeSchema(resolveRef(node['$ref'], root), root, isPlural);
  if (Array.isArray(node['allOf']) && node['allOf'].length === 1) return describeSchema(node['allOf'][0], root, isPlural);
  const branches = (node['anyOf'] ?? node['oneOf']) as unknown[] | undefined;
  if (Array.isArray(branches) && node['discriminator'] === undefined) {
    return joinAlternatives(branches.map((branch) => describeSchema(branch, root, isPlural)));
  }
  if ('const' in node) return JSON.stringify(node['const']);
  if (Array.isArray(node['enum'])) return `one of ${node['enum'].map((value) => JSON.stringify(value)).join(', ')}`;
  const title = typeof node['title'] === 'string' ? node['title'].toLowerCase() : undefined;
  switch (node['type']) {
    case 'string':
      return isPlural ? 'strings' : node['minLength'] === 1 ? 'a non-empty string' : 'a string';
    case 'integer':
    case 'number': {
      const noun = node['type'] === 'integer' ? (isPlural ? 'integers' : 'an integer') : isPlural ? 'numbers' : 'a number';
      return typeof node['minimum'] === 'number' ? `${noun} ≥ ${node['minimum']}` : noun;
    }
    case 'boolean':
      return isPlural ? 'true or false values' : 'true or false';
    case 'array':
      return `a list of ${describeSchema(node['items'], root, true)}`;
    case 'object': {
      const keys = Object.keys((node['properties'] as Schema | undefined) ?? {});
      if (title !== undefined) return isPlural ? `${title} objects` : `a ${title} object`;
      if (keys.length > 0 && keys.length <= 4) {
        return `${isPlural ? 'objects' : 'an object'} with the key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}`;
      }
      return isPlural ? 'objects' : 'an object';
    }
    default:
      if (title !== undefined) return isPlural ? `${title} objects` : `a ${title} object`;
      return isPlural ? 'values' : 'a value';
  }
}

function discriminatorValues(schema: unknown, tag: string, root: Schema): unknown[] {
  const branches = ((schema as Schema | undefined)?.['oneOf'] as unknown[] | undefined) ?? [];
  return branches.map((branch) => {
    const resolved = resolveSchema(branch, root);
    return ((resolved?.['properties'] as Schema | undefined)?.[tag] as Schema | undefined)?.['const'];
  });
}

function resolveSchema(schema: unknown, root: Schema): Schema | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const node = schema as Schema;
  return typeof node['$ref'] === 'string' ? resolveSchema(resolveRef(node['$ref'], root), root) : node;
}

/** Resolves local references (`#/definitions/severity`) only; the config schema has no other kind. */
function resolveRef(reference: string, root: Schema): unknown {
  if (!reference.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const segment of reference.slice(2).split('/')) {
    node = node !== null && typeof node === 'object' ? (node as Schema)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return node;
}

function joinAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Which of the project's masking helpers a mask fix may call for one kind of ID (issue #18): `maskPlate` for a
 * plate, `maskVin` for a VIN, a helper that names no kind (`maskIdNumber`, `lastFour`) for any, and never a helper
 * named for another kind (a plate mask keeps the province and two characters, which is not how a VIN is masked).
 */
import type { KnownFunction, Reach } from '../../server/src/engine/rule-api';
import { tokenizeName } from '../shared/names';
import { isNameInScope } from '../shared/text';

type IdKind = 'plate' | 'vin' | 'document';

/**
 * Name tokens that say which kind of ID a helper masks or a name holds. `id` and `number` say none: the rule calls
 * all of these ID numbers, and `maskIdNumber` is the project's general mask.
 */
const KIND_TOKENS: Readonly<Record<string, IdKind>> = {
  plate: 'plate',
  plates: 'plate',
  chepai: 'plate',
  vin: 'vin',
  vins: 'vin',
  engine: 'vin',
  frame: 'vin',
  card: 'document',
  passport: 'document',
  ssn: 'document',
  sfz: 'document',
  sfzh: 'document',
  licence: 'document',
  license: 'document',
  permit: 'document',
};

/** Name tokens of keyed or encrypting functions: they take a key as well, so `name(value)` would not be a mask. */
const KEYED_FUNCTION_TOKENS = new Set(['hmac', 'encrypt', 'cipher', 'sign', 'digest', 'hash', 'sha', 'sm']);

/** The kind of ID a reach carries: from the name that gave it away, else from the model's description. */
export function idKindOf(source: Reach['source']): IdKind | undefined {
  for (const token of source.name ? tokenizeName(source.name) : []) {
    const kind = KIND_TOKENS[token];
    if (kind !== undefined) return kind;
  }
  if (/^ID-document|passport|resident/i.test(source.description)) return 'document';
  return undefined;
}

function helperKinds(name: string): { readonly kinds: ReadonlySet<IdKind>; readonly tokens: readonly string[] } {
  const tokens = tokenizeName(name);
  return { kinds: new Set(tokens.map((token) => KIND_TOKENS[token]).filter((kind): kind is IdKind => kind !== undefined)), tokens };
}

/**
 * A mask function the fix may call without adding anything: visible in this file, synchronous, taking exactly one
 * parameter (so that `name(value)` compiles and returns the masked text) or configured by the user, and fit for the
 * kind of ID. Best first: a helper named for the very field (`maskPlate` for `tradeInPlateNo`), then one of the
 * same kind, then one that names no kind; the project's own come before configured ones. Keyed functions (HMAC,
 * encryption) are never used, since they need a key the fix cannot supply.
 */
export function usableMaskHelper(
  known: readonly KnownFunction[],
  file: string,
  fileText: string,
  configured: readonly string[] = [],
  source?: Reach['source'],
): KnownFunction | undefined {
  const isCallable = (name: string): boolean =>
    /^[A-Za-z_$][\w$]*$/.test(name) && !tokenizeName(name).some((token) => KEYED_FUNCTION_TOKENS.has(token));
  const fromProject = known.filter((fn) => isCallable(fn.name) && !fn.isAsync && fn.arity === 1 && (fn.file === file || isNameInScope(fileText, fn.name)));
  const fromConfig = configured
    .filter((name) => isCallable(name) && isNameInScope(fileText, name) && !fromProject.some((fn) => fn.name === name))
    .map((name): KnownFunction => ({ name, isExported: false, isAsync: false, arity: 1 }));
  const candidates = [...fromProject, ...fromConfig];
  const kind = source ? idKindOf(source) : undefined;
  const fieldTokens = new Set(source?.name ? tokenizeName(source.name) : []);
  // 0: named for the very field, 1: named for its kind, 2: named for no kind; a helper for another kind, or for a
  // kind when the value's kind is unknown, is not used.
  const rank = (fn: KnownFunction): number => {
    const { kinds, tokens } = helperKinds(fn.name);
    if (kinds.size === 0) return 2;
    if (tokens.some((token) => KIND_TOKENS[token] !== undefined && fieldTokens.has(token))) return 0;
    return kind !== undefined && kinds.has(kind) ? 1 : -1;
  };
  let best: KnownFunction | undefined;
  let bestRank = Infinity;
  for (const fn of candidates) {
    const value = rank(fn);
    if (value >= 0 && value < bestRank) {
      best = fn;
      bestRank = value;
    }
  }
  return best;
}

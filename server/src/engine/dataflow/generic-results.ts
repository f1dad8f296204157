/**
 * Stage: dataflow (what type arguments say about a call's result).
 * Input: a call or `new` met by the interpreter, its callee, the project functions it calls, and its result so far.
 * Output: the result, typed by two rules (issue #16 §1):
 *  1. A call given explicit type arguments returns a value of the project types among them: as itself, as its
 *     response body (`axios.get<GuestProfile>(url)` → `.data`, facts/generic-shapes.ts), and as what its methods
 *     return (`typeArguments`: `model<IVisit>('Visit', schema).findById(id)`). It applies to calls into code the
 *     engine cannot see, and to a project function whose declared return type is written with its type parameters
 *     (`request<T>(url): Promise<T>`). A construction (`new Map<string, Guest>()`, `new BehaviorSubject<Guest>()`)
 *     gives only the last: a map of guests is no guest.
 *  2. A method of an external client whose value carries type arguments (declared, `repo: Repository<Guest>`, or by
 *     rule 1) returns them and keeps them for a chain (`Visit.find(…).sort(…).lean()`), unless it answers with a
 *     count, a flag or a status (`count`, `exists`, `delete`), returns the object it was given (`create`, `save`:
 *     what that holds is what the code put in), or is one of JavaScript's own methods (`join`, `map`).
 * Invariant: only project types are carried, never external API refs: `useRef<HTMLVideoElement>(null)` is no video.
 */
import { ts } from 'ts-morph';
import { ARRAY_CALLBACK_METHODS, NON_PROPAGATING, PROMISE_CALLBACK_METHODS } from '../facts/builtin-members';
import { ECHO_METHODS, RESPONSE_BODY_FIELDS, STATUS_METHOD_WORDS, UNTYPED_RESULT_METHODS } from '../facts/generic-shapes';
import { tokenizeName } from '../facts/name-tokens';
import type { CallNode, Callee, Walker } from './host';
import { type ClassLike, type FnValue, type Value, compact, joinValues, writeField } from './value';

export function typeCallResult(interp: Walker, node: CallNode, callee: Callee, targets: readonly FnValue[], result: Value): Value {
  let out = result;
  const explicit = explicitTypeArguments(interp, node, targets);
  if (explicit.length) out = joinValues(out, ts.isNewExpression(node) ? { typeArguments: explicit } : typedResult(explicit));
  const fromReceiver = targets.length === 0 ? callee.receiver?.typeArguments : undefined;
  if (fromReceiver?.length && callee.name !== undefined && returnsRows(callee.name)) out = joinValues(out, compact({ classes: fromReceiver, typeArguments: fromReceiver }));
  return out;
}

/** A value of the given types: itself, its response body, and what its methods return. */
function typedResult(types: readonly ClassLike[]): Value {
  const typed: Value = { classes: types };
  let value: Value = { ...typed, typeArguments: types };
  for (const field of RESPONSE_BODY_FIELDS) value = writeField(value, [field], typed);
  return value;
}

function explicitTypeArguments(interp: Walker, node: CallNode, targets: readonly FnValue[]): ClassLike[] {
  if (!node.typeArguments?.length) return [];
  if (targets.length && !targets.every((target) => target.kind === 'function' && returnsTypeParameter(target.node))) return [];
  return node.typeArguments.flatMap((argument) => interp.resolver.typeTargets(argument).classes);
}

/** `function request<T>(url: string): Promise<T>`: the caller's type argument says what it returns. */
function returnsTypeParameter(fn: ts.SignatureDeclaration): boolean {
  const names = new Set((fn.typeParameters ?? []).map((parameter) => parameter.name.text));
  if (names.size === 0 || !fn.type) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && names.has(node.typeName.text)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(fn.type);
  return found;
}

function returnsRows(name: string): boolean {
  if (NON_PROPAGATING.has(name) || ARRAY_CALLBACK_METHODS.has(name) || PROMISE_CALLBACK_METHODS.has(name) || UNTYPED_RESULT_METHODS.has(name) || ECHO_METHODS.has(name)) return false;
  return !STATUS_METHOD_WORDS.has(tokenizeName(name)[0] ?? '');
}

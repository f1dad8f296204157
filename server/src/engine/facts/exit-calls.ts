/**
 * Stage: facts (calls that end a path).
 * Input: what a call is called (its name and the names along its receiver, outermost first) and whether it is the
 * project's own function.
 * Output: what the call does to the path it is on: it never returns because it throws (Koa's and Egg's
 * `ctx.throw(403)`) or ends the process (`process.exit(1)`), or it returns only when one of its arguments is truthy
 * (`assert(x)`, `assert.ok(x)`, `ctx.assert(x, 403)`, `invariant(x, 'msg')`).
 * Invariant: names only, as Node, Koa, Egg and the assertion libraries define them; a project function is judged by
 * its own body (its summary), never by these names, except for the assertion names every library agrees on. A call
 * that returns a response (`res.status(403).json(…)`, `reply.code(403).send()`) is not here: the code after it runs,
 * and only a `return` ends the path.
 */

/** What a call does to the path it is on. */
export type ExitKind = { readonly kind: 'throws' } | { readonly kind: 'exits' } | { readonly kind: 'asserts'; readonly argument: number };

interface ExitCallModel {
  /** The name the call is made on, the nearest receiver (`ctx` in `this.ctx.throw`); absent for a plain call. */
  readonly receiver?: RegExp;
  readonly methods: ReadonlySet<string>;
  readonly effect: ExitKind;
  /** Whether the project's own function of that name counts too (`assert` is an assertion whoever wrote it). */
  readonly evenInProject?: boolean;
}

/** The request context of Koa, Egg and Midway (`ctx`, `this.ctx`), and what handlers often call it. */
const REQUEST_CONTEXT = /^(ctx|context)$/;

const EXIT_CALLS: readonly ExitCallModel[] = [
  // Koa, Egg, Midway on Koa: `ctx.throw(403, 'no consent')` throws an HttpError.
  { receiver: REQUEST_CONTEXT, methods: new Set(['throw']), effect: { kind: 'throws' } },
  // `ctx.assert(consent, 403)` throws unless its first argument is truthy (Koa's http-assert).
  { receiver: REQUEST_CONTEXT, methods: new Set(['assert']), effect: { kind: 'asserts', argument: 0 } },
  { receiver: /^process$/, methods: new Set(['exit', 'abort']), effect: { kind: 'exits' } },
  // node:assert, http-assert, tiny-invariant: `assert(x)`, `assert.ok(x)`, `assert.strict(x)`, `invariant(x)`.
  { methods: new Set(['assert', 'invariant']), effect: { kind: 'asserts', argument: 0 }, evenInProject: true },
  { receiver: /^assert$/, methods: new Set(['ok', 'strict']), effect: { kind: 'asserts', argument: 0 } },
];

export interface ExitCallDescription {
  readonly calleeName?: string;
  readonly receiverNames?: readonly string[];
  readonly isProjectFunction: boolean;
}

/** What the call does to its path, or undefined when it returns as calls do. */
export function exitKindOf(call: ExitCallDescription): ExitKind | undefined {
  const name = call.calleeName;
  if (name === undefined) return undefined;
  const receiver = call.receiverNames?.[call.receiverNames.length - 1];
  for (const model of EXIT_CALLS) {
    if (!model.methods.has(name)) continue;
    if (call.isProjectFunction && !model.evenInProject) continue;
    if (model.receiver ? receiver === undefined || !model.receiver.test(receiver) : receiver !== undefined) continue;
    return model.effect;
  }
  return undefined;
}

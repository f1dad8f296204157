/**
 * Stage: facts (what web frameworks run before a route handler).
 * Input: the name of a method that registers a route and the options it is given (Express, Koa and Egg routers,
 * Fastify), the decorators on a controller method or class (NestJS, Midway), and a `return` statement of a hook.
 * Output: which functions of a registration are middleware or hooks and which is the handler, where a middleware
 * hands on to the next one (its last parameter, `next`; a Fastify hook's `done`, or returning without replying),
 * and which decorator names a guard class and the method whose truthy result lets the request through.
 * Invariant: names only, as the frameworks document them. Whether a middleware checks consent, and where, is the
 * dataflow's business: a guard holds in the handler only if it holds wherever every middleware hands on.
 */
import { ts } from 'ts-morph';

/**
 * Router methods whose function arguments run in order for one request: every one but the last is middleware
 * (`router.post('/face', requireBiometricConsent, upload.single('face'), handler)`), the last is the handler.
 * Express, Koa's routers, Egg's router, Fastify's shorthands; Fastify's `route` takes the handler as an option.
 */
const ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'route']);

export function isRouteRegistration(method: string | undefined): boolean {
  return method !== undefined && ROUTE_METHODS.has(method);
}

/** Fastify's route options that run before the handler, in the order of its request lifecycle. */
export const ROUTE_HOOK_OPTIONS: readonly string[] = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'beforeHandler'];

/** The route option that holds the handler (`fastify.route({ method, url, preHandler, handler })`). */
export const ROUTE_HANDLER_OPTION = 'handler';

/**
 * Where a function that runs before the handler hands the request on: a middleware by calling its last parameter
 * (Express `(req, res, next)`, Koa `(ctx, next)`); a Fastify hook by calling `done` (its third parameter) or, when
 * it has none, by returning without having replied. Undefined: the function never hands on through a parameter.
 */
export function continuationParameter(kind: 'middleware' | 'hook', parameterCount: number): number | undefined {
  if (kind === 'hook') return parameterCount >= 3 ? 2 : undefined;
  return parameterCount >= 2 ? parameterCount - 1 : undefined;
}

/** Methods that send the response: after them the request goes no further (`reply.code(403).send()`). */
const REPLY_METHODS: ReadonlySet<string> = new Set(['send', 'json', 'jsonp', 'end', 'sendStatus', 'sendFile', 'redirect', 'render', 'forbidden', 'unauthorized']);

/**
 * Whether a `return` ends the request rather than hand it on: it returns a reply (`return reply.code(403).send()`),
 * or the statement before it sent one (`reply.code(403).send(); return;`).
 */
export function isReplyReturn(statement: ts.ReturnStatement): boolean {
  if (statement.expression && isReplyCall(statement.expression)) return true;
  const parent = statement.parent;
  if (!ts.isBlock(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent) && !ts.isSourceFile(parent)) return false;
  const index = parent.statements.indexOf(statement);
  const before = index > 0 ? parent.statements[index - 1] : undefined;
  return !!before && ts.isExpressionStatement(before) && isReplyCall(before.expression);
}

function isReplyCall(expression: ts.Expression): boolean {
  let current = expression;
  while (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current) || ts.isVoidExpression(current)) current = current.expression;
  if (!ts.isCallExpression(current)) return false;
  const callee = current.expression;
  return ts.isPropertyAccessExpression(callee) && REPLY_METHODS.has(callee.name.text);
}

/**
 * Decorators that put guard classes in front of a controller's methods (on the method or on the class), and the
 * method of the guard that lets the request through when it returns a truthy value: NestJS `@UseGuards(…)`,
 * Midway `@UseGuard(…)`, both `canActivate`.
 */
const GUARD_DECORATORS: ReadonlyMap<string, string> = new Map([
  ['UseGuards', 'canActivate'],
  ['UseGuard', 'canActivate'],
]);

export function guardMethodOfDecorator(name: string): string | undefined {
  return GUARD_DECORATORS.get(name);
}

/**
 * Stage: facts (what the type arguments of a library call mean).
 * Input: a field or member name.
 * Output: where a library puts the value its type argument describes: the body of an HTTP response
 * (`axios.get<Guest>()` → `.data`, got's `Response<Guest>` → `.body`), and the parts of a request that a route's
 * generic types (Fastify's `RouteGenericInterface`: `fastify.post<{ Body: EnrolBody }>(…)`) describe.
 * Invariant: names only; the dataflow decides when a call's type arguments apply (declared-types.ts).
 */

/** Fields of a response object that hold the body its type argument describes (axios `data`, got `body`). */
export const RESPONSE_BODY_FIELDS: readonly string[] = ['data', 'body'];

/** A route generic's member → the request field it types (`{ Body: EnrolBody }` → `request.body`). */
export const ROUTE_GENERIC_PARTS: ReadonlyMap<string, string> = new Map([
  ['Body', 'body'],
  ['Querystring', 'query'],
  ['Params', 'params'],
  ['Headers', 'headers'],
]);

/**
 * The first word of a client's methods that answer with a count, a flag or a status rather than the rows its type
 * argument describes (`repo.count()`, `Visit.updateMany(…)`, `repo.delete(id)`).
 */
export const STATUS_METHOD_WORDS: ReadonlySet<string> = new Set([
  'count', 'exists', 'exist', 'has', 'is', 'delete', 'update', 'remove', 'destroy', 'insert', 'upsert', 'increment',
  'decrement', 'clear', 'drop', 'truncate', 'emit', 'on', 'once', 'off', 'subscribe', 'unsubscribe', 'close',
]);

/**
 * Methods of a client that return the object they were given (`repo.create({ name, department })`,
 * `repo.save(entity)`): what it holds is what the code put in, not every column its type argument declares.
 */
export const ECHO_METHODS: ReadonlySet<string> = new Set(['create', 'save', 'merge', 'preload', 'build', 'bulkCreate', 'persist', 'assign']);

/** Methods of JavaScript's own objects whose result is no row of a typed client (`rows.join(', ')`). */
export const UNTYPED_RESULT_METHODS: ReadonlySet<string> = new Set(['join', 'toString', 'toLocaleString', 'valueOf', 'keys', 'values', 'entries', 'indexOf', 'lastIndexOf']);

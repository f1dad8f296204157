/**
 * Stage: facts (JavaScript's built-in methods and properties).
 * Input: the name of a method called, or a property read, on a value the engine cannot see into: an array, a Map,
 * a string, a Promise, JSON, a canvas, a media element.
 * Output: what the member does with data: returns only a boolean or a number, stores its argument in the receiver,
 * calls a callback with the elements or with the result, hands its argument's data back, or describes the object
 * instead of holding its data.
 * Invariant: names only, as JavaScript and the web platform define them; whose member it is is not checked (`count`
 * of a collection and `count` of anything else are alike). Rule models (sources, sinks, sanitizers, steps) are
 * applied to the same call as well.
 */

/** Methods whose result is a boolean or a number: the data does not survive them. */
export const NON_PROPAGATING: ReadonlySet<string> = new Set([
  'test', 'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'has', 'some', 'every', 'findIndex',
  'findLastIndex', 'isArray', 'isNaN', 'isFinite', 'isInteger', 'parseInt', 'parseFloat', 'Number', 'Boolean',
  'localeCompare', 'getTime', 'now', 'random', 'floor', 'ceil', 'round', 'min', 'max', 'abs', 'keys', 'charCodeAt',
  'compare', 'equals', 'exists', 'existsSync', 'isBuffer', 'byteLength', 'size', 'count', 'countDocuments',
  // Statistics of an image or matrix (OpenCV and friends): numbers about the pixels, not the pixels.
  'mean', 'meanStdDev', 'countNonZero', 'minMaxLoc', 'norm', 'sum',
]);

/** `Promise.all`, `allSettled`, `race`, `any`: what they resolve to is made of the elements of their argument. */
export const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'race', 'any']);

/** Methods that store their argument inside the receiver. */
export const RECEIVER_MUTATORS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'add', 'set', 'append', 'write', 'drawImage', 'putImageData', 'enqueue', 'fill']);

/**
 * Methods that store into the receiver, as the analysis looks for them in class members before running them:
 * `this.frames.push(frame)` writes the field as much as `this.frames = …` does.
 */
export const STORING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']);

/** Array methods that call their callback with the elements. */
export const ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'reduce', 'reduceRight', 'sort']);

/** Promise methods that call their callbacks with the result (`then`) or on failure. */
export const PROMISE_CALLBACK_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * Functions whose result is their (first) argument's data, in another form: `JSON.stringify`, `JSON.parse`,
 * `structuredClone`, `Object.freeze`, `Array.from`, `Buffer.from`, `Promise.resolve`, and rxjs's
 * `firstValueFrom`/`lastValueFrom`, which await what an observable emits (`firstValueFrom(http.get<Guest>(url))`).
 */
export const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set(['stringify', 'parse', 'structuredClone', 'freeze', 'from', 'resolve', 'firstValueFrom', 'lastValueFrom']);

/** Properties that describe an object (its length, size, dimensions, state) rather than hold its data. */
export const METADATA_PROPERTIES: ReadonlySet<string> = new Set(['length', 'size', 'byteLength', 'width', 'height', 'naturalWidth', 'naturalHeight', 'videoWidth', 'videoHeight', 'duration', 'readyState', 'constructor']);

/** Methods whose result keeps every character or pixel of their receiver, only in another form. */
export const CONTENT_PRESERVING_METHODS: ReadonlySet<string> = new Set([
  'toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase', 'trim', 'trimStart', 'trimEnd', 'normalize',
  'replace', 'replaceAll', 'toString', 'valueOf',
]);

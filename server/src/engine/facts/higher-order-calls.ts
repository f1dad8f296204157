/**
 * Stage: facts (library functions that call back with the elements of a collection).
 * Input: nothing; what collection and stream libraries do with the callback they are given.
 * Output: `HIGHER_ORDER_MODELS`: calls that run a callback on each element of a data argument (lodash
 * `_.forEach(guests, fn)`, async `eachSeries(frames, fn, done)`, `p-map`, Bluebird's `Promise.map`), and
 * `OPERATOR_MODELS`: operator factories whose callback runs later, on the elements of what the operator is piped
 * into (rxjs `from(frames).pipe(map((frame) => …))`), with what the call gives back.
 * Invariant: data only, matched by API path (`api-ref.ts`); the dataflow (dataflow/higher-order-calls.ts) enters
 * the callback with the elements, as it does for the array methods of facts/builtin-members.ts.
 */
import type { FrameworkCallee } from './framework-state';

/**
 * What the call gives back: `mapped`, the callback's results as elements (`_.map`, `pMap`); `collection`, the data
 * itself or part of it (`_.filter`, `_.forEach`); `element`, one element (`_.find`); `flattened`, the elements of
 * what the callback returns (`mergeMap`); `none`.
 */
export type HigherOrderResult = 'mapped' | 'collection' | 'element' | 'flattened' | 'none';

export interface HigherOrderModel {
  readonly callee: FrameworkCallee;
  /** The argument holding the collection. */
  readonly data: number;
  /** The argument holding the callback. */
  readonly callback: number;
  /** The callback's parameter that receives the element (1 for a reducer's `(accumulator, element)`). */
  readonly elementParameter?: number;
  readonly result: HigherOrderResult;
}

/** An operator factory: its callback (argument `callback`) runs on the elements of the stream it is piped into. */
export interface OperatorModel {
  readonly callee: FrameworkCallee;
  readonly callback: number;
  readonly result: HigherOrderResult;
}

const LODASH_MODULES = ['lodash', 'lodash-es', 'underscore'] as const;

const LODASH_METHODS: readonly (readonly [string, HigherOrderResult])[] = [
  ['forEach|each|forEachRight|eachRight|forIn|forOwn', 'collection'],
  ['map|flatMap|flatMapDeep|mapValues|mapKeys', 'mapped'],
  ['filter|reject|sortBy|orderBy|uniqBy|groupBy|keyBy|partition|takeWhile|dropWhile', 'collection'],
  ['find|findLast|minBy|maxBy', 'element'],
  ['some|every|findIndex|countBy|sumBy', 'none'],
];

const ASYNC_MODULES = ['async', 'neo-async'] as const;

const ASYNC_METHODS: readonly (readonly [string, number, HigherOrderResult])[] = [
  ['each|eachSeries|forEach|forEachSeries|eachOf|eachOfSeries|forEachOf|forEachOfSeries', 1, 'collection'],
  ['map|mapSeries|concat|concatSeries|flatMap', 1, 'mapped'],
  ['filter|filterSeries|reject|rejectSeries|sortBy|groupBy|groupBySeries', 1, 'collection'],
  ['detect|detectSeries|find|findSeries', 1, 'element'],
  ['eachLimit|forEachLimit|eachOfLimit|forEachOfLimit', 2, 'collection'],
  ['mapLimit|concatLimit|flatMapLimit', 2, 'mapped'],
  ['filterLimit|rejectLimit|groupByLimit', 2, 'collection'],
];

export const HIGHER_ORDER_MODELS: readonly HigherOrderModel[] = [
  ...[...LODASH_MODULES.map((module): Omit<FrameworkCallee, 'path'> => ({ module })), { global: '_' }].flatMap((root): HigherOrderModel[] => [
    ...LODASH_METHODS.map(([path, result]): HigherOrderModel => ({ callee: { ...root, path }, data: 0, callback: 1, result })),
    { callee: { ...root, path: 'reduce|reduceRight|transform' }, data: 0, callback: 1, elementParameter: 1, result: 'mapped' },
  ]),
  // `import forEach from 'lodash/forEach'`, `require('lodash.map')`: one method as a module.
  ...['forEach', 'map', 'filter', 'each', 'flatMap'].flatMap((method): HigherOrderModel[] => {
    const result: HigherOrderResult = method === 'map' || method === 'flatMap' ? 'mapped' : 'collection';
    return [
      { callee: { module: `lodash/${method}`, path: '' }, data: 0, callback: 1, result },
      { callee: { module: `lodash.${method.toLowerCase()}`, path: '' }, data: 0, callback: 1, result },
    ];
  }),
  ...ASYNC_MODULES.flatMap((module) => ASYNC_METHODS.map(([path, callback, result]): HigherOrderModel => ({ callee: { module, path }, data: 0, callback, result }))),
  { callee: { module: 'p-map', path: '' }, data: 0, callback: 1, result: 'mapped' },
  { callee: { module: 'p-map-series', path: '' }, data: 0, callback: 1, result: 'mapped' },
  { callee: { module: 'p-each-series', path: '' }, data: 0, callback: 1, result: 'collection' },
  { callee: { module: 'p-filter', path: '' }, data: 0, callback: 1, result: 'collection' },
  { callee: { module: 'bluebird', path: 'map|mapSeries' }, data: 0, callback: 1, result: 'mapped' },
  { callee: { module: 'bluebird', path: 'each|filter' }, data: 0, callback: 1, result: 'collection' },
];

const RXJS_MODULES = ['rxjs', 'rxjs/operators'] as const;

export const OPERATOR_MODELS: readonly OperatorModel[] = RXJS_MODULES.flatMap((module): OperatorModel[] => [
  { callee: { module, path: 'map' }, callback: 0, result: 'mapped' },
  { callee: { module, path: 'mergeMap|concatMap|switchMap|exhaustMap|flatMap' }, callback: 0, result: 'flattened' },
  { callee: { module, path: 'tap|filter|takeWhile|skipWhile|distinctUntilChanged|debounce|throttle' }, callback: 0, result: 'collection' },
]);

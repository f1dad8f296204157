// @ts-check
'use strict';
/**
 * A small seeded PRNG (mulberry32) and the choices the generator makes with it. Same seed, same sequence, on
 * every platform and Node version: the generated corpora must be byte-identical between runs and machines so
 * that figures from two checkouts compare (issue #9).
 */

/**
 * @param {number} seed
 */
function createRandom(seed) {
  let state = seed >>> 0;
  /** @returns {number} a float in [0, 1) */
  function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    next,
    /** @param {number} min @param {number} max inclusive */
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    /** @param {number} probability */
    chance(probability) {
      return next() < probability;
    },
    /** @template T @param {readonly T[]} items @returns {T} */
    pick(items) {
      if (items.length === 0) throw new Error('pick() from an empty list');
      return /** @type {T} */ (items[Math.floor(next() * items.length)]);
    },
    /** @template T @param {readonly T[]} items @param {number} count @returns {T[]} */
    sample(items, count) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        const tmp = /** @type {T} */ (copy[i]);
        copy[i] = /** @type {T} */ (copy[j]);
        copy[j] = tmp;
      }
      return copy.slice(0, Math.min(count, copy.length));
    },
  };
}

/** @typedef {ReturnType<typeof createRandom>} Random */

module.exports = { createRandom };

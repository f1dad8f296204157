// @ts-check
'use strict';
/** Medians and ranges of repeated measurements; medians because one noisy neighbour on a 2-core box skews means. */

/**
 * @param {readonly (number | null)[]} values
 * @returns {{ median: number, min: number, max: number, n: number } | null}
 */
function summarise(values) {
  const finite = /** @type {number[]} */ (values.filter((v) => v !== null && Number.isFinite(v))).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const mid = Math.floor(finite.length / 2);
  const median = finite.length % 2 === 1 ? /** @type {number} */ (finite[mid]) : (/** @type {number} */ (finite[mid - 1]) + /** @type {number} */ (finite[mid])) / 2;
  return { median, min: /** @type {number} */ (finite[0]), max: /** @type {number} */ (finite[finite.length - 1]), n: finite.length };
}

/** @param {{ median: number } | null | undefined} a @param {{ median: number } | null | undefined} b */
function ratio(a, b) {
  if (a == null || b == null || b.median === 0) return null;
  return Math.round((a.median / b.median) * 100) / 100;
}

module.exports = { summarise, ratio };

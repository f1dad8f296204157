/**
 * Stage: config (suggestions).
 * Input: a misspelt key or rule id and the names allowed in its place.
 * Output: the closest allowed name when it is close enough to be a likely typo, else undefined.
 * Invariant: suggests only within an edit distance that grows slowly with length (1 for short names, at most
 * a quarter of the name), so `ignore` is offered for `ignores` but nothing is offered for an unrelated word.
 */

export function suggestClosest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(input.length / 4));
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit (`lgoging` → `logging`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let distance = Math.min(table[row - 1][column] + 1, table[row][column - 1] + 1, table[row - 1][column - 1] + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        distance = Math.min(distance, table[row - 2][column - 2] + 1);
      }
      table[row][column] = distance;
    }
  }
  return table[a.length][b.length];
}

/**
 * Test support: the expected finding line of an inline source, found by a text that occurs on that line only, so
 * that a test of a generated variant (an invalid case and its valid twin) need not count lines.
 */

/** `file:line rule` of the one line of `text` that contains `marker`. */
export function lineWith(file: string, text: string, marker: string, rule: string): string {
  const lines = text.split('\n');
  const matching = lines.flatMap((line, index) => (line.includes(marker) ? [index + 1] : []));
  if (matching.length !== 1) throw new Error(`"${marker}" is on ${matching.length} lines of ${file}, not one`);
  return `${file}:${matching[0]} ${rule}`;
}

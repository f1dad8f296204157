/**
 * Stage: facts (the verbs of calls that produce data).
 * Input: the first words of a called function's name (`extract` of `extractPalmVeinTemplate`, `embed` of
 * `encoder.embed`).
 * Output: whether a word is a verb of producing, and the noun a bare verb produces (`embed` → `embedding`), so that a
 * call's result can be named by what it makes.
 * Invariant: words only; which names are data is the rules' name sources (`producers`).
 */

/** Verbs whose call returns what the rest of the name says (`getVin`, `extractFaceFeature`, `readIdCard`). */
export const PRODUCER_VERBS: ReadonlySet<string> = new Set([
  'get', 'extract', 'compute', 'calc', 'calculate', 'generate', 'capture', 'take', 'read', 'grab', 'fetch', 'load',
  'recognize', 'recognise', 'scan', 'acquire', 'snap', 'embed', 'encode', 'query', 'lookup', 'parse', 'ocr', 'decode',
]);

const NOUNS_OF_VERBS: Readonly<Record<string, string>> = {
  embed: 'embedding',
  encode: 'encoding',
  extract: 'feature',
  capture: 'capture',
  scan: 'scan',
  snap: 'snapshot',
};

/** What a bare verb makes (`encoder.embed(pcm)` makes an embedding). */
export function producedNoun(verb: string): string {
  return NOUNS_OF_VERBS[verb] ?? verb;
}

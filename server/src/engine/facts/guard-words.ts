/**
 * Stage: facts (the words of consent checks).
 * Input: the names a condition or a call is made of (`consents.has`, `req.body.faceConsent`, `assertFaceConsent`)
 * and the literals a condition compares with (`status === 'revoked'`).
 * Output: the tokens that rules' guard models are matched against, and what the words say about the check: that
 * its value comes from the client, that a literal means "not granted", that a call asserts rather than asks.
 * Invariant: words only. Which guard a check is comes from the rules' models (`matchGuardTokens`), and where it
 * holds from the dataflow.
 */
import { tokenizeName } from './name-tokens';

/** The tokens of names, for guard models: `consents.has(…)`, `biometricConsents`: plural record names say the same. */
export function guardTokens(names: readonly string[]): Set<string> {
  const tokens = new Set<string>();
  for (const name of names) {
    for (const token of tokenizeName(name)) {
      tokens.add(token);
      if (token.length > 4 && token.endsWith('s')) tokens.add(token.slice(0, -1));
    }
  }
  return tokens;
}

const CLIENT_INPUT_PARTS = new Set(['body', 'query', 'params', 'headers']);
const REQUEST_NAMES = /^(req|request|ctx|event|context)$/;

/**
 * `req.body.faceConsent`, `request.query.agree`: a value the client sends is not a consent record. Takes the names
 * along the property chain of the check, outermost first.
 */
export function isClientInput(chain: readonly string[]): boolean {
  const names = chain.map((name) => name.toLowerCase());
  return names.some((name, index) => CLIENT_INPUT_PARTS.has(name) && index > 0 && REQUEST_NAMES.test(names[index - 1] ?? ''));
}

const REQUEST_INPUT_PARTS = new Set([...CLIENT_INPUT_PARTS, 'file', 'files']);

/**
 * `req.body`, `ctx.request.files`, `request.file`: what a client sent, read off the request of a route handler (a
 * body, a query, an uploaded file). Takes the names along the property chain, outermost first.
 */
export function isRequestInput(chain: readonly string[]): boolean {
  const names = chain.map((name) => name.toLowerCase());
  return names.some((name, index) => REQUEST_INPUT_PARTS.has(name) && index > 0 && REQUEST_NAMES.test(names[index - 1] ?? ''));
}

/** Parameter decorators of NestJS and Midway that bind what a client sent (`@Body() dto`, `@UploadedFile() file`). */
const REQUEST_DECORATORS = new Set(['Body', 'Query', 'Param', 'Params', 'UploadedFile', 'UploadedFiles', 'File', 'Files', 'Headers', 'Fields']);

export function isRequestDecorator(name: string): boolean {
  return REQUEST_DECORATORS.has(name);
}

const DENIAL_LITERALS = /^(revoked|denied|withdrawn|rejected|refused|none|no|false|0|pending|expired)$/i;

/** `consent.status === 'revoked'`: a string that says consent is not given, so the comparison passes when it is not. */
export function isDenialLiteral(text: string): boolean {
  return DENIAL_LITERALS.test(text);
}

const ASSERTION_VERBS = new Set(['assert', 'ensure', 'require', 'verify', 'check', 'enforce', 'must', 'guard']);

/** `assertFaceConsent(user)`, `ensureConsent(id)`: the first word of a call that throws unless the check passes. */
export function isAssertionVerb(word: string): boolean {
  return ASSERTION_VERBS.has(word);
}

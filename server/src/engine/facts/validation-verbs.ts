/**
 * Stage: facts (the words of validations).
 * Input: the names of a check called on a value (`isValidVin(code)`, `RESIDENT_ID.test(value)`, `idCard.verify`).
 * Output: whether the names say that they test something, and the noun they test when the verbs are left out
 * (`isValidVin` → `vin`), for the rules' name sources to match.
 * Invariant: words only; whether the noun names a rule's data is the rules' name models' to say.
 */
import { tokenizeName } from './name-tokens';

const VALIDATION_VERBS = new Set(['test', 'is', 'valid', 'validate', 'check', 'verify', 'match', 'matches']);

export function isValidationVerb(token: string): boolean {
  return VALIDATION_VERBS.has(token);
}

/** `isValidVin` names a check of a VIN: what it tests is the noun left without the verbs (`vin`; empty if none). */
export function validatedNoun(name: string): string {
  return tokenizeName(name)
    .filter((token) => !VALIDATION_VERBS.has(token))
    .join('_');
}

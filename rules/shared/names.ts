/**
 * Name helpers shared by the rules' models: turning configured function and field names into the token form
 * the engine matches (DOMAIN.md §3: split on camelCase, `_`, `-` and digits, lower-case, whole tokens) and into
 * anchored alternations for `methods` / `receiverName` patterns.
 */

/** Splits an identifier exactly as the engine does: `assertBiometricConsent` → `assert biometric consent`. */
export { tokenizeName } from '../../server/src/engine/facts/name-tokens';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `['maskId', 'redact']` → `maskId|redact`, each name escaped; undefined when there are none. */
export function toAlternation(names: readonly string[]): string | undefined {
  const cleaned = [...new Set(names.map((name) => name.trim()).filter((name) => name.length > 0))];
  return cleaned.length === 0 ? undefined : cleaned.map(escapeRegExp).join('|');
}

/**
 * `face descriptor` → also `face descriptors`. Plurals are listed explicitly because the engine matches whole
 * tokens and does no stemming.
 */
export function withPlurals(terms: readonly string[]): string[] {
  const result: string[] = [];
  for (const term of terms) {
    result.push(term);
    if (/[a-z]$/.test(term) && !/(s|sh|ch|x|data|info)$/.test(term) && !/\b[a-z]{1,3}$/.test(term)) {
      result.push(term.endsWith('y') ? `${term.slice(0, -1)}ies` : `${term}s`);
    }
  }
  return [...new Set(result)];
}

/** Node built-ins are imported as `fs` and as `node:fs`; model both spellings. */
export function withNodePrefix(moduleName: string): string[] {
  return [moduleName, `node:${moduleName}`];
}

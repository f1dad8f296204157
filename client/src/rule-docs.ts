/**
 * Where *piilint: Open Rule Documentation* goes: the rule's page on the web when it can be reached, else the same
 * README bundled in the extension (client/dist/rules/<id>/README.md, copied by build.mjs), so that a user offline,
 * or before the repository's pages exist, still reads it (issue #20). No `vscode` import: the extension passes
 * what it needs, and test/client/rule-docs.test.ts runs it in Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type RuleDocumentation = { readonly kind: 'web'; readonly url: string } | { readonly kind: 'bundled'; readonly file: string };

/** How long the web page may take to answer before the bundled page is shown instead. */
export const WEB_TIMEOUT_MS = 3_000;

/** The bundled README of a rule, if the extension has one (the engine's own rules have none). */
export function bundledReadme(extensionRoot: string, ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  const file = path.join(extensionRoot, 'dist', 'rules', ruleId, 'README.md');
  return fs.existsSync(file) ? file : undefined;
}

/** Whether `url` answers with a success within the timeout (a HEAD request; any network error is a no). */
export async function isReachable(url: string, timeoutMs = WEB_TIMEOUT_MS): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function chooseRuleDocumentation(
  docsUrl: string,
  bundled: string | undefined,
  reachable: (url: string) => Promise<boolean> = isReachable,
): Promise<RuleDocumentation> {
  if (bundled === undefined || (await reachable(docsUrl))) return { kind: 'web', url: docsUrl };
  return { kind: 'bundled', file: bundled };
}

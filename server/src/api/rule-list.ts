/**
 * The rules this piilint runs, for tools that list or document them: id, description in both languages, default
 * severity, the documentation on the web and the same page inside the package (`rules/<id>/README.md`, shipped
 * in the npm package and the .vsix so that it can be read offline).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../rules/index';
import { ENGINE_RULES } from '../engine/findings/engine-rules';
import type { LocalizedText, Severity } from '../engine/rule-api';
import { ruleDocsUrl } from '../protocol';

export interface RuleSummary {
  readonly id: string;
  readonly description: LocalizedText;
  readonly defaultSeverity: Severity;
  readonly legalBasis: LocalizedText;
  readonly docsUrl: string;
  /** The rule's README inside the installed package; undefined for the engine's own rules (see docs/cli.md). */
  readonly docsPath?: string;
}

export function ruleList(): RuleSummary[] {
  const engineIds = new Set(ENGINE_RULES.map((rule) => rule.meta.id));
  return [...allRules, ...ENGINE_RULES].map((rule) => {
    const isEngineRule = engineIds.has(rule.meta.id);
    const readme = isEngineRule ? undefined : bundledReadme(rule.meta.id);
    return {
      id: rule.meta.id,
      description: rule.meta.description,
      defaultSeverity: rule.meta.defaultSeverity,
      legalBasis: rule.meta.legalBasis,
      docsUrl: ruleDocsUrl(rule.meta.id, isEngineRule),
      ...(readme ? { docsPath: readme } : {}),
    };
  });
}

/** `rules/<id>/README.md` of the package: found by walking up from this file (server/src/api or dist/server/src/api). */
function bundledReadme(ruleId: string): string | undefined {
  let folder = __dirname;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = path.join(folder, 'rules', ruleId, 'README.md');
    if (fs.existsSync(candidate)) return candidate;
    folder = path.dirname(folder);
  }
  return undefined;
}

/**
 * The rules' READMEs are part of the product: every example block labelled `<!-- bad -->` must be reported by its
 * rule and every `<!-- good -->` block must not, so a wrong example fails the build (as Biome does for its docs).
 * Each block is scanned on its own, as a one-file project, with all rules enabled.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index';
import { scanSources } from './support/scan-sources';

const RULES_DIR = path.join(__dirname, '..', 'rules');

interface Example {
  readonly label: 'bad' | 'good';
  readonly code: string;
  readonly line: number;
  readonly language: string;
}

function examplesOf(readme: string): Example[] {
  const out: Example[] = [];
  const pattern = /<!--\s*(bad|good)\s*-->\s*\n```(ts|tsx|js|jsx|typescript|javascript)\n([\s\S]*?)```/g;
  for (const match of readme.matchAll(pattern)) {
    const line = readme.slice(0, match.index).split('\n').length + 2;
    out.push({ label: match[1] as 'bad' | 'good', language: match[2]!, code: match[3]!, line });
  }
  return out;
}

function extensionOf(language: string): string {
  return { ts: '.ts', typescript: '.ts', tsx: '.tsx', js: '.js', javascript: '.js', jsx: '.jsx' }[language] ?? '.ts';
}

const ruleIds = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && allRules.some((rule) => rule.meta.id === entry.name))
  .map((entry) => entry.name);

describe('rule READMEs', () => {
  for (const id of ruleIds) {
    const readme = readFileSync(path.join(RULES_DIR, id, 'README.md'), 'utf8');
    const examples = examplesOf(readme);

    it(`${id} has bad and good examples`, () => {
      expect(examples.filter((example) => example.label === 'bad').length).toBeGreaterThan(0);
      expect(examples.filter((example) => example.label === 'good').length).toBeGreaterThan(0);
    });

    for (const example of examples) {
      it(`${id} README line ${example.line}: ${example.label} example is ${example.label === 'bad' ? 'reported' : 'not reported'}`, async () => {
        const result = await scanSources({ [`src/example${extensionOf(example.language)}`]: example.code }, allRules);
        const ruleFindings = result.findings.filter((finding) => finding.ruleId === id);
        const parseErrors = result.findings.filter((finding) => finding.ruleId === 'parse-error');
        expect(parseErrors.map((finding) => finding.message)).toEqual([]);
        if (example.label === 'bad') expect(ruleFindings.length).toBeGreaterThan(0);
        else expect(ruleFindings.map((finding) => `${finding.range.line}: ${finding.message}`)).toEqual([]);
      });
    }
  }
});

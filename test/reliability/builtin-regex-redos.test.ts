/**
 * Every regular expression written in this repository that can run on workspace text is linear, as judged by a
 * ReDoS checker (recheck, its pure-JavaScript backend, offline), not by timing (issue #21). It covers:
 * - every regex literal in rules/ and server/src/;
 * - every `new RegExp(…)` there, instantiated as it is at run time (a table below; a new call site fails the test
 *   until it is added);
 * - every pattern of the rules' built-in models that RE2 cannot run and so runs natively (facts/linear-regex.ts
 *   `compileBuiltIn`), compiled as compile-models.ts compiles it. The others run on the linear-time engine.
 * A quadratic pattern counts as vulnerable: on a 2 MiB file it is as good as a hang.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { literalSources } from '../../rules/no-id-number-logging/models';
import { calleeNamePattern, literalSourcePattern } from '../../server/src/engine/facts/compile-models';
import { compileLinear, isUnsupported } from '../../server/src/engine/facts/linear-regex';
import type { RuleModels } from '../../server/src/engine/rule-api';
import { ROOT } from './support/cli';

interface Pattern {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

// The pure-JavaScript checker: the same verdicts on every machine, no Java and no prebuilt binary needed.
process.env.RECHECK_BACKEND = 'pure';

const FILES = [...sourceFiles(path.join(ROOT, 'rules')), ...sourceFiles(path.join(ROOT, 'server', 'src'))];

/** Regex literals and `RegExp` constructions, by a walk of each file's syntax tree. */
function collect(): { literals: Pattern[]; constructions: { where: string; text: string }[] } {
  const literals: Pattern[] = [];
  const constructions: { where: string; text: string }[] = [];
  for (const file of FILES) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const slash = node.text.lastIndexOf('/');
        literals.push({ where: where(node), source: node.text.slice(1, slash), flags: node.text.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === 'RegExp') {
        constructions.push({ where: where(node), text: node.getText(source).replace(/\s+/g, ' ') });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, constructions };
}

/** A name as the fixes escape it (`escapeRegExp`), for the patterns built around one. */
const NAME = 'dtoForLog';
const PLATE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';

/**
 * Each `RegExp` construction, found by the start of its text, with the patterns it builds at run time. Those that
 * only compile (to check syntax, or to wrap a pattern in the linear-time engine's interface) match nothing here.
 */
const CONSTRUCTIONS: readonly { readonly file: string; readonly startsWith: string; readonly patterns: readonly { source: string; flags: string }[] }[] = [
  {
    file: 'rules/no-id-number-logging/fixes.ts',
    startsWith: "new RegExp(model.pattern, 'gu')",
    patterns: literalSources().map((model) => ({ source: model.pattern, flags: 'gu' })),
  },
  {
    file: 'rules/no-id-number-logging/validators.ts',
    startsWith: "new RegExp(form, 'u')",
    patterns: [
      `^${PLATE}[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}$`,
      `^${PLATE}[A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}(?:[警学挂领港澳]|应急)$`,
      `^${PLATE}[A-HJ-NP-Z][A-HJK][A-HJ-NP-Z0-9]\\d{4}$`,
      `^${PLATE}[A-HJ-NP-Z]\\d{5}[DF]$`,
    ].map((source) => ({ source, flags: 'u' })),
  },
  {
    file: 'rules/no-unanonymized-camera-egress/fixes.ts',
    startsWith: 'new RegExp(`\\\\bawait',
    patterns: [{ source: `\\bawait\\s+(?:[\\w$]+\\.)*${NAME}\\s*\\(`, flags: '' }],
  },
  {
    file: 'rules/no-unconsented-biometric-storage/fixes.ts',
    startsWith: 'new RegExp(`\\\\bawait',
    patterns: [{ source: `\\bawait\\s+${NAME}\\s*\\(|\\basync\\s+function\\s*(?:\\*\\s*)?${NAME}\\b|\\b${NAME}\\s*=\\s*async\\b`, flags: '' }],
  },
  { file: 'server/src/engine/facts/linear-regex.ts', startsWith: 'new RegExp(source', patterns: [] },
  {
    file: 'server/src/lsp/server.ts',
    startsWith: 'new RegExp(`\\\\.(',
    patterns: [{ source: '\\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$', flags: 'i' }],
  },
];

/** The built-in models' patterns that RE2 cannot run, compiled as compile-models.ts compiles them. */
function nativeModelPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const rule of allRules) {
    const models: RuleModels = rule.createModels(rule.defaultOptions as never);
    const add = (where: string, source: string, flags: string): void => {
      if (isUnsupported(compileLinear(source, flags))) out.push({ where: `${rule.meta.id} ${where}`, source, flags });
    };
    const callees = [...(models.sources ?? []), ...(models.sinks ?? []), ...(models.sanitizers ?? []), ...(models.notSanitizers ?? []), ...(models.redactions ?? []), ...(models.steps ?? [])];
    callees.forEach((model, index) => {
      const record = model as { kind?: string; pattern?: string; receiverName?: string; methods?: string; when?: { matches: string } };
      if (record.kind === 'literal' && record.pattern) add(`model ${index} pattern`, literalSourcePattern(record.pattern), 'u');
      if (record.receiverName) add(`model ${index} receiverName`, calleeNamePattern(record.receiverName), 'i');
      if (record.methods) add(`model ${index} methods`, calleeNamePattern(record.methods), 'i');
      if (record.when) add(`model ${index} when`, record.when.matches, 'i');
    });
  }
  return out;
}

function verdict(pattern: Pattern): string {
  const result = checkSync(pattern.source, pattern.flags.replace(/[dgyv]/g, ''), { timeout: 120_000 });
  if (result.status === 'safe') return 'safe';
  const complexity = result.status === 'vulnerable' ? `${result.complexity.type}, attack ${JSON.stringify(result.attack.pattern).slice(0, 80)}` : result.error.kind;
  return `${result.status} (${complexity})`;
}

describe('built-in regular expressions are linear (recheck)', () => {
  const { literals, constructions } = collect();

  it('finds the patterns it checks', () => {
    expect(literals.length).toBeGreaterThan(100);
    expect(constructions.length).toBeGreaterThan(5);
  });

  it('knows every RegExp construction and how it is instantiated', () => {
    const unknown = constructions.filter(({ where, text }) => !CONSTRUCTIONS.some((known) => where.startsWith(known.file + ':') && text.startsWith(known.startsWith)));
    expect(unknown).toEqual([]);
    const unused = CONSTRUCTIONS.filter((known) => !constructions.some(({ where, text }) => where.startsWith(known.file + ':') && text.startsWith(known.startsWith)));
    expect(unused).toEqual([]);
  });

  it('every regex literal is safe', { timeout: 1_200_000 }, () => {
    const unsafe = literals.map((pattern) => ({ ...pattern, verdict: verdict(pattern) })).filter((pattern) => pattern.verdict !== 'safe');
    expect(unsafe).toEqual([]);
  });

  it('every constructed pattern is safe', { timeout: 1_200_000 }, () => {
    const patterns = CONSTRUCTIONS.flatMap((known) => known.patterns.map((pattern) => ({ where: known.file, ...pattern })));
    expect(patterns.length).toBeGreaterThan(8);
    const unsafe = patterns.map((pattern) => ({ ...pattern, verdict: verdict(pattern) })).filter((pattern) => pattern.verdict !== 'safe');
    expect(unsafe).toEqual([]);
  });

  it('every built-in model pattern that runs natively is safe', { timeout: 1_200_000 }, () => {
    const patterns = nativeModelPatterns();
    expect(patterns.length).toBeGreaterThan(0);
    const unsafe = patterns.map((pattern) => ({ ...pattern, verdict: verdict(pattern) })).filter((pattern) => pattern.verdict !== 'safe');
    expect(unsafe).toEqual([]);
  });

  it('the checker tells a vulnerable pattern from a safe one (positive control)', () => {
    expect(verdict({ where: 'control', source: '^(([\\w-]+)+)+!$', flags: '' })).toMatch(/^vulnerable \(exponential/);
    expect(verdict({ where: 'control', source: `import(?!\\s+type\\b)\\s*[^;]*?\\b${NAME}\\b[^;]*?from\\s*['"]`, flags: '' })).toMatch(/^vulnerable \(polynomial/);
    expect(verdict({ where: 'control', source: '^\\d{17}[\\dXx]$', flags: '' })).toBe('safe');
  });
});

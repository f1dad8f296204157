/**
 * piilint's Node API: what `require('piilint')` and `import … from 'piilint'` give (package.json `exports`).
 *
 *   import { lint } from 'piilint';
 *   const result = await lint({ cwd: '/work/showroom', paths: ['src'] });
 *   for (const finding of result.findings) console.log(finding.range.file, finding.range.line, finding.message);
 *
 * The CLI and the language server are thin shells over the same entry (lint.ts). docs/api.md documents it.
 */
export { lint, lintText, type LintOptions, type LintResult, type LintTextOptions } from './lint';
export { PiiLint, type PiiLintOptions } from './piilint-class';
export { format, FORMAT_NAMES, type FormatName, type FormatOptions } from './format';
export { applyFixesToText, outputFixes, type ApplyFixesSummary } from './fix';
export { localeFromEnvironment, localeFromTag, type LocaleSetting } from './locale';
export { ruleList, type RuleSummary } from './rule-list';
export { CancelledError, ConfigError, InputPathError } from '../engine/errors';
export type { Finding, FlowStep, FlowStepKind, Fix, Notice, NoticeCode, Severity, SourceRange, Suppression, TextEdit } from '../engine/findings/finding';
export type { Locale } from '../engine/rule-api';
export type { RunStats, ScanProgress, ScanResult } from '../engine/scan-types';

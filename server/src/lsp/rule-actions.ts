/**
 * LSP shell: the quick fixes every finding gets besides its rule's own, as vscode-eslint offers them (#18):
 * "suppress in this file and state the reason", "show the documentation of the rule", and, when the file has
 * safe fixes, "fix all piilint problems in this file".
 * Input: one finding, the analysed text of its file, and the titles in the user's locale.
 * Output: engine fixes (plain edits, applied like the rule's) and a command; nothing here knows LSP types beyond
 * the command's shape.
 * Invariant: the file-wide suppression is a `piilint-disable <rule> -- <reason>` comment at the top of the file
 * (after a `#!` line), so it covers every finding of the rule below it and nothing of other rules; its reason is a
 * placeholder, which suppresses nothing until the user replaces it.
 */
import type { Command } from 'vscode-languageserver/node';
import type { Finding, Fix } from '../engine/findings/finding';
import type { Locale } from '../engine/rule-api';
import { OPEN_RULE_DOCUMENTATION_COMMAND } from '../protocol';

const REASON_PLACEHOLDER: Readonly<Record<Locale, string>> = { en: '<reason>', 'zh-CN': '<理由>' };

export const RULE_ACTION_TITLES = {
  disableFile: { en: (ruleId: string) => `Suppress ${ruleId} in this file and state the reason`, 'zh-CN': (ruleId: string) => `在此文件中抑制 ${ruleId} 并写明理由` },
  documentation: { en: (ruleId: string) => `Show documentation for ${ruleId}`, 'zh-CN': (ruleId: string) => `查看 ${ruleId} 的文档` },
  fixAll: { en: () => 'Fix all piilint problems in this file', 'zh-CN': () => '修复此文件中的所有 piilint 问题' },
} as const;

/** `// piilint-disable <rule> -- <reason>` as the file's first line (after a `#!` line), the placeholder selected. */
export function disableForFileFix(finding: Finding, text: string, locale: Locale): Fix {
  const file = finding.range.file;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const shebang = /^#![^\r\n]*(?:\r?\n|$)/.exec(text);
  const at = shebang ? shebang[0].length : 0;
  const head = `// piilint-disable ${finding.ruleId} -- `;
  const placeholder = REASON_PLACEHOLDER[locale];
  const prefix = shebang && !/\n$/.test(shebang[0]) ? eol : '';
  const start = at + prefix.length + head.length;
  return {
    title: RULE_ACTION_TITLES.disableFile[locale](finding.ruleId),
    isSafe: false,
    edits: [{ file, start: at, end: at, newText: `${prefix}${head}${placeholder}${eol}` }],
    selection: { file, start, end: start + placeholder.length },
  };
}

/** Opens the rule's documentation in the client (client/src/extension.ts registers the command). */
export function showDocumentationCommand(finding: Finding, locale: Locale): Command {
  return { title: RULE_ACTION_TITLES.documentation[locale](finding.ruleId), command: OPEN_RULE_DOCUMENTATION_COMMAND, arguments: [finding.ruleId] };
}

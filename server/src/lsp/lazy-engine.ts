/**
 * LSP shell: the modules that load TypeScript (the engine behind `FolderAnalysis`, the fixes behind code actions,
 * and the rules, whose fixers parse), required on first use instead of when the server starts. Loading TypeScript
 * takes seconds on a busy machine; the server answers `initialize` first and loads it right after `initialized`
 * (issue #19 §3).
 * Input: nothing. Output: the modules, loaded once. Invariant: nothing else in the server's startup path imports
 * a module that imports TypeScript (test/lsp/server-startup.test.ts checks it).
 */
import type { AnyRule } from '../engine/rule-api';

type FolderAnalysisModule = typeof import('./folder-analysis');
type RulesModule = typeof import('../../../rules/index');
type CodeActionsModule = typeof import('./code-actions');

let folderAnalysis: FolderAnalysisModule | undefined;
let codeActions: CodeActionsModule | undefined;
let rules: RulesModule | undefined;

/** The rule registry: its fixers parse with TypeScript. */
export function loadRules(): readonly AnyRule[] {
  return (rules ??= require('../../../rules/index') as RulesModule).allRules;
}

export function loadFolderAnalysis(): FolderAnalysisModule {
  return (folderAnalysis ??= require('./folder-analysis') as FolderAnalysisModule);
}

export function loadCodeActions(): CodeActionsModule {
  return (codeActions ??= require('./code-actions') as CodeActionsModule);
}

/** Loads both now: called once the client has the `initialize` answer, so that the first document finds them. */
export function loadEngine(): void {
  loadRules();
  loadFolderAnalysis();
  loadCodeActions();
}

/**
 * Stage: findings (the syntax trees fixers read).
 * Input: the analysed texts of the files (`fileText`).
 * Output: `syntaxTree(file)`, the file's syntax tree parsed from exactly that text (with parent pointers), so that
 * the offsets of a reach and the tree agree.
 * Invariant: a tree is parsed from the text, never taken from the program: drafts kept in the cache (issue #9) are
 * finished without a program, and must give the same fixes as drafts finished right after the analysis.
 */
import { ts } from 'ts-morph';

export type SyntaxTreeOf = (file: string) => ts.SourceFile;

/** Parses each file once per text: the findings of one file are finished together. */
export function createSyntaxTrees(fileText: (file: string) => string, kindOf: (file: string) => ts.ScriptKind = scriptKindOf): SyntaxTreeOf {
  const trees = new Map<string, { readonly text: string; readonly tree: ts.SourceFile }>();
  return (file) => {
    const text = fileText(file);
    const known = trees.get(file);
    if (known && known.text === text) return known.tree;
    const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kindOf(file));
    trees.set(file, { text, tree });
    return tree;
  };
}

export function scriptKindOf(file: string): ts.ScriptKind {
  if (/\.(?:tsx|jsx)$/.test(file)) return ts.ScriptKind.TSX;
  return /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/**
 * Stage: dataflow (file outlines).
 * Input: a parsed source file.
 * Output: its outline: the functions that are summarised (module-level functions and class members; closures are
 * walked in place instead), the classes with an `implements` clause, and the plain names it assigns.
 * Invariant: walked once per parsed file (unchanged files keep their `SourceFile` between analyses), with a loop
 * rather than recursion, so that a syntax tree thousands of levels deep does not exhaust the stack.
 */
import { ts } from 'ts-morph';
import { isSummarised } from './resolve';
import type { FunctionNode } from './value';

/** Per parsed file (unchanged files keep their `SourceFile` between analyses, so this is walked once). */
interface FileOutline {
  /** Functions analysed once and summarised: module-level functions and class members (closures are inlined). */
  readonly functions: readonly FunctionNode[];
  /** Classes with an `implements` clause. */
  readonly implementers: readonly ts.ClassLikeDeclaration[];
  /** Plain names assigned with `=` (`faceSrc = …`): the implicit globals of a script are among them. */
  readonly assignedNames: ReadonlySet<string>;
}

const outlines = new WeakMap<ts.SourceFile, FileOutline>();

export function outlineOf(file: ts.SourceFile): FileOutline {
  const cached = outlines.get(file);
  if (cached) return cached;
  const functions: FunctionNode[] = [];
  const implementers: ts.ClassLikeDeclaration[] = [];
  const assignedNames = new Set<string>();
  // A loop, not recursion: a generated 3,000-term concatenation is a syntax tree 3,000 levels deep.
  const pending: ts.Node[] = [file];
  while (pending.length) {
    const node = pending.pop()!;
    if (ts.isFunctionLike(node) && 'body' in node && node.body && isSummarised(node as FunctionNode)) functions.push(node as FunctionNode);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) assignedNames.add(node.left.text);
    if (ts.isClassLike(node) && node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ImplementsKeyword)) implementers.push(node);
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  const outline = { functions, implementers, assignedNames };
  outlines.set(file, outline);
  return outline;
}

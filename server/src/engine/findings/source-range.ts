/**
 * Stage: findings (positions).
 * Input: TypeScript nodes or offsets.
 * Output: `SourceRange`s with 1-based lines and UTF-16 columns, as the LSP and SARIF count them.
 * Invariant: the range starts at the node's first token (never at leading trivia or comments).
 */
import { ts } from 'ts-morph';
import type { SourceRange } from './finding';

export function rangeOfNode(node: ts.Node, sourceFile: ts.SourceFile = node.getSourceFile()): SourceRange {
  const start = node.getStart(sourceFile);
  return rangeOfOffsets(sourceFile, start, node.getEnd());
}

export function rangeOfOffsets(sourceFile: ts.SourceFile, start: number, end: number): SourceRange {
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(end);
  return {
    file: sourceFile.fileName,
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    offset: start,
    length: end - start,
  };
}

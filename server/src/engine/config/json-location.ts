/**
 * Stage: config (locations).
 * Input: the config text, its jsonc-parser tree, and a JSON Pointer (`/rules/no-id-number-logging/severity`).
 * Output: `file:line:column` of the value (or of the key, for a key that should not be there).
 * Invariant: lines and columns are 1-based, columns in UTF-16 code units, as editors and terminals link them.
 */
import { findNodeAtLocation, type Node, type Segment } from 'jsonc-parser';

export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

export function offsetToLineColumn(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** `/a~1b/0` → `['a/b', 0]` (RFC 6901 unescaping; numeric segments index arrays). */
export function pointerSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment;
    });
}

/** Offset of the value at `pointer`, or of its key when `pointAtKey`; falls back to the nearest existing parent. */
export function offsetOfPointer(tree: Node | undefined, pointer: string, pointAtKey = false): number {
  if (tree === undefined) return 0;
  const segments = pointerSegments(pointer);
  for (let length = segments.length; length >= 0; length--) {
    const node = findNodeAtLocation(tree, segments.slice(0, length));
    if (node === undefined) continue;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return pointAtKey && length === segments.length && key !== undefined ? key.offset : node.offset;
  }
  return tree.offset;
}

export function formatLocation(file: string, text: string, offset: number): string {
  const { line, column } = offsetToLineColumn(text, offset);
  return `${file}:${line}:${column}`;
}

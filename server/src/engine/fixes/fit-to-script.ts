/**
 * Stage: fixes (edits in files whose script is embedded: Vue single-file components, issue #16).
 * Input: a fix, and for each file it edits the script source the engine analysed (files/script-source.ts).
 * Output: the fix with every edit inside a script block, or undefined when one of its edits is not.
 * Invariant: a fix never edits outside a script block: not the template, not a style, not the tags themselves.
 * Positions need no mapping (a `.vue` file's virtual source has the file's offsets), except one: an insertion at
 * offset 0, where fixes put a new `import`, means the top of the module, and in a component the module starts
 * inside its first script block; the insertion moves to the start of that block's first line.
 */
import type { ScriptSource, TextRegion } from '../files/script-source';
import type { Fix, TextEdit } from '../findings/finding';

export function fitFixToScripts(fix: Fix, scriptSource: (file: string) => ScriptSource): Fix | undefined {
  let isMoved = false;
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const source = scriptSource(edit.file);
    const regions = source.regions;
    if (regions === undefined || regions.some((region) => isWithin(edit, region))) {
      edits.push(edit);
      continue;
    }
    const top = regions[0];
    if (edit.start !== 0 || edit.end !== 0 || top === undefined) return undefined;
    const start = startOfFirstLine(source.text, top);
    edits.push({ ...edit, start, end: start });
    isMoved = true;
  }
  return isMoved ? { ...fix, edits } : fix;
}

function isWithin(edit: TextEdit, region: TextRegion): boolean {
  return region.start <= edit.start && edit.end <= region.end;
}

/** `<script setup>⏎import …`: past the line break that ends the start tag's line, when the block's code starts below it. */
function startOfFirstLine(text: string, region: TextRegion): number {
  if (text.startsWith('\r\n', region.start) && region.start + 2 <= region.end) return region.start + 2;
  if ((text[region.start] === '\n' || text[region.start] === '\r') && region.start + 1 <= region.end) return region.start + 1;
  return region.start;
}

/**
 * Stage: files (the script a file holds, issue #16).
 * Input: a source file's path and its text.
 * Output: the text TypeScript parses for it and the language it is in. A script (`.ts`, `.js`, …) is its own text.
 * A Vue single-file component is a virtual source: the content of its `<script>` and `<script setup>` blocks
 * where it stands, and every other character (the tags, the template, the styles) replaced by a space.
 * Invariant: the virtual source has the same length and the same line breaks (`\n`, `\r`, U+2028, U+2029) at the
 * same offsets as the file, so an offset, a line and a column in it are the same in the file: findings, paths,
 * fixes and suppressions need no mapping. `regions` says where code may be edited (a fix never edits outside a
 * script block). The result depends on the text alone, never on the file system.
 */
import { scanSfcBlocks, type SfcBlock } from './vue-sfc-blocks';

/** The kind of script TypeScript parses: it decides whether types and JSX are allowed. */
export type ScriptLanguage = 'ts' | 'tsx' | 'js' | 'jsx';

/** A stretch of a file's text, `[start, end)`. */
export interface TextRegion {
  readonly start: number;
  readonly end: number;
}

export interface ScriptSource {
  /** What TypeScript parses: the file's text, or the virtual source of an embedded script. */
  readonly text: string;
  readonly language: ScriptLanguage;
  /** For an embedded script, the script blocks' content, in order; undefined when the whole file is script. */
  readonly regions?: readonly TextRegion[];
}

/** Files whose script is embedded in markup. */
export function isVueFileName(file: string): boolean {
  return /\.vue$/i.test(file);
}

export function scriptSourceOf(file: string, text: string): ScriptSource {
  if (!isVueFileName(file)) return { text, language: languageOfFileName(file) };
  return vueScriptSource(text);
}

/** `scriptSourceOf` for the files of one scan, each computed once from the text `textOf` gives. */
export function scriptSourcesOf(textOf: (file: string) => string): (file: string) => ScriptSource {
  const sources = new Map<string, ScriptSource>();
  return (file) => {
    let source = sources.get(file);
    if (!source) sources.set(file, (source = scriptSourceOf(file, textOf(file))));
    return source;
  };
}

/** The language of a plain script, from its extension (what TypeScript itself would pick). */
export function languageOfFileName(file: string): ScriptLanguage {
  const lower = file.toLowerCase();
  if (lower.endsWith('.tsx')) return 'tsx';
  if (lower.endsWith('.jsx')) return 'jsx';
  if (/\.[cm]?js$/.test(lower)) return 'js';
  return 'ts';
}

/** Langs a script block may be written in; a block in another (`coffee`) is not analysed. */
const BLOCK_LANGUAGES: ReadonlyMap<string, ScriptLanguage> = new Map([
  ['ts', 'ts'],
  ['tsx', 'tsx'],
  ['js', 'js'],
  ['jsx', 'jsx'],
]);

/**
 * The script blocks of a component that hold code here: `<script>` and `<script setup>` (Vue allows one of each,
 * in one language; a file with more is still read, every block in it), neither empty nor a `src` reference (whose
 * file is scanned as itself, where the scan includes it).
 */
export function vueScriptBlocks(text: string): { block: SfcBlock; language: ScriptLanguage }[] {
  const blocks: { block: SfcBlock; language: ScriptLanguage }[] = [];
  for (const block of scanSfcBlocks(text)) {
    if (block.tag !== 'script' || block.attributes.has('src') || block.contentEnd <= block.contentStart) continue;
    const lang = block.attributes.get('lang');
    const language = lang === undefined || lang === true || lang === '' ? 'js' : BLOCK_LANGUAGES.get(lang.toLowerCase());
    if (language !== undefined) blocks.push({ block, language });
  }
  return blocks;
}

function vueScriptSource(text: string): ScriptSource {
  const blocks = vueScriptBlocks(text);
  const regions = blocks.map(({ block }) => ({ start: block.contentStart, end: block.contentEnd }));
  const parts: string[] = [];
  let at = 0;
  for (const region of regions) {
    parts.push(blank(text.slice(at, region.start)), text.slice(region.start, region.end));
    at = region.end;
  }
  parts.push(blank(text.slice(at)));
  return { text: parts.join(''), language: joinedLanguage(blocks.map((block) => block.language)), regions };
}

/** One module from the blocks: TypeScript if any block is (Vue asks both to agree), JSX if any block has it. */
function joinedLanguage(languages: readonly ScriptLanguage[]): ScriptLanguage {
  const isTs = languages.some((language) => language === 'ts' || language === 'tsx');
  const hasJsx = languages.some((language) => language === 'tsx' || language === 'jsx');
  return isTs ? (hasJsx ? 'tsx' : 'ts') : hasJsx ? 'jsx' : 'js';
}

/** Every character but a line break becomes a space (one UTF-16 unit for one, so offsets stay). */
function blank(text: string): string {
  return text.replace(/[^\n\r\u2028\u2029]+/g, (run) => ' '.repeat(run.length));
}

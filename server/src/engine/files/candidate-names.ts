/**
 * Stage: files (which names are candidates).
 * Input: a file or folder name.
 * Output: whether a file name is a TypeScript/JavaScript source (or a Vue single-file component, whose script
 * blocks are analysed: script-source.ts), and whether a folder is one piilint never walks.
 * Invariant: decided from the name alone, without touching the file system, so the walker can prune early.
 */

/** Extensions piilint analyses. Declaration files share some of them and are excluded by `isSourceFileName`. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue'];

/** Declaration files hold types only: no runtime code, so no personal data can flow through them. */
const DECLARATION_SUFFIXES: readonly string[] = ['.d.ts', '.d.mts', '.d.cts'];

/**
 * Folders skipped whenever a folder is walked: dependencies, VCS metadata and build output. Build output repeats
 * the sources it was built from, so scanning it would report every finding twice, in code nobody edits.
 */
export const ALWAYS_SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.output',
  '.turbo',
  '.cache',
  '.vercel',
]);

export function isSourceFileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (DECLARATION_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return false;
  return SOURCE_EXTENSIONS.some((extension) => lower.endsWith(extension) && lower.length > extension.length);
}

export function isAlwaysSkippedFolder(name: string): boolean {
  return ALWAYS_SKIPPED_FOLDERS.has(name);
}

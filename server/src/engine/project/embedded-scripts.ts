/**
 * Stage: project (files whose script TypeScript cannot read by their name: Vue single-file components, issue #16).
 * Input: a file's path and text; an import specifier and the file it is written in.
 * Output: the parsed `SourceFile` of the file's script (files/script-source.ts: a `.vue` file's virtual source,
 * parsed as the language its blocks declare) under the file's own path, and the `.vue` file an import names.
 * Invariant: the program keeps the real path of every file, so findings, paths and fixes name the `.vue` file;
 * positions in its virtual source are positions in the file. Only specifiers that end in `.vue` are resolved
 * here, as TypeScript would resolve `Foo.vue.ts` (relative, absolute, `paths` and `baseUrl`), and never into
 * `node_modules`.
 */
import { ts } from 'ts-morph';
import { isVueFileName, scriptSourceOf, type ScriptLanguage } from '../files/script-source';

const SCRIPT_KINDS: Readonly<Record<ScriptLanguage, ts.ScriptKind>> = {
  ts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

export function toScriptKind(language: ScriptLanguage): ts.ScriptKind {
  return SCRIPT_KINDS[language];
}

/**
 * The text TypeScript parses for a file and how: a `.vue` file's virtual source in the language of its blocks;
 * any other file as it is, in the kind TypeScript picks from its name (`undefined`), JSON included.
 */
export function parsedTextOf(fileName: string, text: string): { readonly text: string; readonly kind: ts.ScriptKind | undefined } {
  if (!isVueFileName(fileName)) return { text, kind: undefined };
  const source = scriptSourceOf(fileName, text);
  return { text: source.text, kind: toScriptKind(source.language) };
}

/**
 * Compiler options that let a `.vue` file be a root of the program: TypeScript drops root names with an extension
 * it does not know unless `allowNonTsExtensions` (internal, as editors set it for embedded languages) is on. It
 * changes nothing else: which files a program reads through imports is decided by module resolution.
 */
export function withEmbeddedScripts(options: ts.CompilerOptions): ts.CompilerOptions {
  return { ...options, allowNonTsExtensions: true } as ts.CompilerOptions;
}

const VUE_AS_TS = /\.vue\.ts$/i;

/**
 * The `.vue` file that `specifier` names from `containingFile`, resolved the way TypeScript resolves any other
 * extension it does not know: it looks for `Foo.vue.ts`, and this host answers for `Foo.vue`.
 */
export function resolveVueImport(
  specifier: string,
  containingFile: string,
  options: ts.CompilerOptions,
  host: ts.ModuleResolutionHost,
): ts.ResolvedModuleFull | undefined {
  if (!isVueFileName(specifier)) return undefined;
  const vueHost: ts.ModuleResolutionHost = {
    ...host,
    fileExists: (file) => VUE_AS_TS.test(file) && host.fileExists(file.slice(0, -'.ts'.length)),
    readFile: (file) => (/package\.json$/.test(file) ? host.readFile(file) : undefined),
  };
  const resolved = ts.resolveModuleName(specifier, containingFile, options, vueHost).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || !VUE_AS_TS.test(resolved.resolvedFileName)) return undefined;
  const resolvedFileName = resolved.resolvedFileName.slice(0, -'.ts'.length);
  if (/[\\/]node_modules[\\/]/.test(resolvedFileName)) return undefined;
  return { resolvedFileName, extension: ts.Extension.Ts, isExternalLibraryImport: false };
}

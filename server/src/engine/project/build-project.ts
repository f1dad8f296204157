/**
 * Stage: project.
 * Input: the discovered files with their decoded texts, and the folder to look for a tsconfig from.
 * Output: the TypeScript `Program` over those files (TypeScript as ts-morph bundles it), with compiler options
 * from the nearest tsconfig (solution-style `references` included), or allowJs defaults when there is none.
 * The program is built with the raw compiler API, not ts-morph's `Project`: wrapping every source file cost
 * 1.1 s of 1.5 s on a 1,000-file project, and the dataflow walks raw nodes anyway.
 * Invariant: the program never reaches into `node_modules` (imports of packages stay unresolved and are modelled
 * by specifier), loads no default lib files and never type-checks whole files: what the dataflow needs is symbols,
 * and a linter must work on a checkout where nothing is installed. A broken tsconfig is a notice, not a failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { Notice } from '../findings/finding';

export interface ProjectFile {
  readonly path: string;
  readonly text: string;
}

export interface BuiltProject {
  readonly program: ts.Program;
  /** Files nested too deeply to parse safely: not analysed, reported as parse errors. */
  readonly tooDeep: readonly string[];
  /** The given files, in order (to tell whether the next build has the same ones). */
  readonly files: readonly string[];
  /** Module resolutions, reused by the next build of the same files. */
  readonly resolutionCache?: Map<string, ts.ResolvedModuleFull | undefined>;
  /**
   * TypeScript's own cache of package.json lookups: under `node16`/`nodenext` every file's module format is read
   * from the nearest package.json, which costs a stat per folder level and file without it. Reused like
   * `resolutionCache`.
   */
  readonly moduleCache?: ts.ModuleResolutionCache;
  /** The tsconfig as read, reused by the next build. */
  readonly loadedOptions?: LoadedOptions;
  /** Absolute path → parsed file, for the files that were given. */
  readonly sourceFiles: ReadonlyMap<string, ts.SourceFile>;
  readonly tsconfig?: string;
  readonly notices: readonly Notice[];
  /** The compiler options the program was built with (part of the scan cache's key). */
  readonly options: ts.CompilerOptions;
  /** What each file of the program imports, as resolved while building it (the scan cache's import graph). */
  readonly imports: ReadonlyMap<string, FileImports>;
  /** Files the dataflow may walk into: the given ones and project files they import, never packages. */
  isProjectFile(file: ts.SourceFile): boolean;
}

export interface FileImports {
  /** Project files its imports resolved to. */
  readonly resolved: Set<string>;
  /**
   * Every relative or absolute specifier as an absolute path without a script extension (`/app/src/shared/logger`
   * for `'../shared/logger.js'`), resolved or not: a file added later under that name may change what it means.
   */
  readonly stems: Set<string>;
}

const SCRIPT_EXTENSION = /\.(?:d\.)?(?:[cm]?tsx?|[cm]?jsx?)$/;

/** The stems a file can be imported by: its path without extension, and its folder for an index file. */
export function importStemsOf(file: string): string[] {
  const stem = file.replace(SCRIPT_EXTENSION, '');
  return path.basename(stem) === 'index' ? [stem, path.dirname(stem)] : [stem];
}

export function findTsconfig(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || path.basename(dir) === 'node_modules') return undefined;
    dir = parent;
  }
}

interface LoadedOptions {
  readonly options: ts.CompilerOptions;
  readonly notices: Notice[];
}

function tsconfigNotice(file: string, message: string): Notice {
  return {
    level: 'warning',
    code: 'tsconfig-error',
    file,
    message: `${file}: ${message.replace(/\.+$/, '')}. piilint goes on with default compiler options (allowJs, no path aliases); fix the tsconfig for cross-file analysis through path aliases.`,
  };
}

function loadCompilerOptions(tsconfig: string, depth = 0, seen = new Set<string>()): LoadedOptions {
  const notices: Notice[] = [];
  if (seen.has(tsconfig)) {
    notices.push(tsconfigNotice(tsconfig, 'project references form a cycle'));
    return { options: {}, notices };
  }
  seen.add(tsconfig);
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) {
    notices.push(tsconfigNotice(tsconfig, ts.flattenDiagnosticMessageText(read.error.messageText, ' ')));
    return { options: {}, notices };
  }
  // The program's files are the scanned ones, not the tsconfig's: its `include` globs are not expanded (a walk of
  // the whole folder on every run).
  const parsed = ts.parseJsonConfigFileContent(read.config, { ...ts.sys, readDirectory: () => [] }, path.dirname(tsconfig), undefined, tsconfig);
  for (const error of parsed.errors) {
    // "No inputs were found" is normal for solution-style configs and for configs whose files we scan anyway.
    if (error.code === 18003) continue;
    notices.push(tsconfigNotice(tsconfig, ts.flattenDiagnosticMessageText(error.messageText, ' ')));
  }
  let options = parsed.options;
  // Solution-style tsconfig: take path aliases and module settings from the referenced projects.
  if (parsed.projectReferences?.length && depth < 4) {
    for (const reference of parsed.projectReferences) {
      const referenced = ts.resolveProjectReferencePath(reference);
      const file = fs.existsSync(referenced) && fs.statSync(referenced).isDirectory() ? path.join(referenced, 'tsconfig.json') : referenced;
      if (!fs.existsSync(file)) {
        notices.push(tsconfigNotice(tsconfig, `the referenced project ${file} does not exist`));
        continue;
      }
      const inner = loadCompilerOptions(file, depth + 1, seen);
      notices.push(...inner.notices);
      options = {
        ...inner.options,
        ...options,
        paths: { ...(inner.options.paths ?? {}), ...(options.paths ?? {}) },
      };
    }
  }
  return { options, notices };
}

/**
 * A compiler host over the texts the files stage read (BOMs and UTF-16 already decoded, editor overlays applied).
 * Project files that are imported but were not given (a file outside the scanned folder) are read from disk;
 * nothing is read from node_modules, and no default lib is loaded.
 */
const MAX_NESTING = 400;

/**
 * Deepest nesting of brackets in a text (`((((…`, `{ { {…`), found by a linear scan before parsing; strings and
 * comments are not told apart, which can only overestimate. (Long operator chains are parsed and bound without
 * recursion, and the dataflow walks them in a loop.)
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 40 || code === 91 || code === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === 41 || code === 93 || code === 125) {
      if (depth > 0) depth--;
    }
  }
  return deepest;
}

function createHost(
  options: ts.CompilerOptions,
  texts: ReadonlyMap<string, string>,
  reuse: ReadonlyMap<string, ts.SourceFile>,
  resolutionCache: Map<string, ts.ResolvedModuleFull | undefined>,
  moduleCache: ts.ModuleResolutionCache,
  tooDeep: Set<string>,
  imports: Map<string, FileImports>,
): ts.CompilerHost {
  const base = ts.createCompilerHost(options, true);
  const isInPackages = (file: string) => file.includes('node_modules') && (file.includes(`${path.sep}node_modules${path.sep}`) || file.endsWith(`${path.sep}node_modules`));
  const moduleHost: ts.ModuleResolutionHost = {
    fileExists: (file) => texts.has(file) || (!isInPackages(file) && ts.sys.fileExists(file)),
    readFile: (file) => texts.get(file) ?? (isInPackages(file) ? undefined : ts.sys.readFile(file)),
    directoryExists: (dir) => !isInPackages(dir) && ts.sys.directoryExists(dir),
    realpath: ts.sys.realpath,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
  };
  const resolve = (name: string, containingFile: string): ts.ResolvedModuleFull | undefined => {
    const key = `${path.dirname(containingFile)}\u0000${name}`;
    if (resolutionCache.has(key)) return resolutionCache.get(key);
    let resolved: ts.ResolvedModuleFull | undefined;
    const isBare = !name.startsWith('.') && !path.isAbsolute(name);
    // Bare specifiers resolve only through path aliases; everything else would land in node_modules.
    if (!isBare || options.paths || options.baseUrl) {
      const module = ts.resolveModuleName(name, containingFile, options, moduleHost, moduleCache).resolvedModule;
      if (module && !module.isExternalLibraryImport && !isInPackages(module.resolvedFileName) && !module.resolvedFileName.endsWith('.d.ts')) resolved = module;
    }
    resolutionCache.set(key, resolved);
    return resolved;
  };
  return {
    ...base,
    fileExists: moduleHost.fileExists,
    readFile: moduleHost.readFile,
    directoryExists: moduleHost.directoryExists,
    getSourceFile(fileName, languageVersion) {
      const text = texts.get(fileName) ?? (isInPackages(fileName) ? undefined : ts.sys.readFile(fileName));
      if (text === undefined) return undefined;
      const previous = reuse.get(fileName);
      if (previous && previous.text === text) return previous;
      // TypeScript's parser and binder recurse once per nesting level: a file nested thousands deep would end the
      // whole run with a stack overflow. It is given up on (an empty file stands in) and reported instead.
      if (nestingDepth(text) > MAX_NESTING) {
        tooDeep.add(fileName);
        return ts.createSourceFile(fileName, '', languageVersion, true);
      }
      try {
        return ts.createSourceFile(fileName, text, languageVersion, true);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        tooDeep.add(fileName);
        return ts.createSourceFile(fileName, '', languageVersion, true);
      }
    },
    getModuleResolutionCache: () => moduleCache,
    resolveModuleNameLiterals(literals, containingFile) {
      let recorded = imports.get(containingFile);
      if (!recorded) imports.set(containingFile, (recorded = { resolved: new Set(), stems: new Set() }));
      return literals.map((literal) => {
        const resolvedModule = resolve(literal.text, containingFile);
        if (resolvedModule) recorded.resolved.add(resolvedModule.resolvedFileName);
        if (literal.text.startsWith('.') || path.isAbsolute(literal.text)) recorded.stems.add(path.resolve(path.dirname(containingFile), literal.text).replace(SCRIPT_EXTENSION, ''));
        return { resolvedModule };
      });
    },
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
  };
}

function isNodeResolution(kind: ts.ModuleResolutionKind | undefined): boolean {
  return kind === ts.ModuleResolutionKind.Node16 || kind === ts.ModuleResolutionKind.NodeNext;
}

const canonicalFileName = ts.sys.useCaseSensitiveFileNames ? (file: string) => file : (file: string) => file.toLowerCase();

export interface BuildProjectOptions {
  /** The previous project of the same folder (language server): unchanged files are reused, not parsed again. */
  readonly previous?: BuiltProject;
  /**
   * The files to build the program from (`--cache`: the files an edit can affect); the program then holds them and
   * what they import. The other given files only lend their texts. Default: all given files.
   */
  readonly roots?: readonly string[];
  /** The compiler options, when the caller has read them already (`loadProjectOptions`). */
  readonly projectOptions?: ProjectOptions;
}

/** The nearest tsconfig and the compiler options the program is built with. */
export interface ProjectOptions {
  readonly tsconfig?: string;
  readonly loaded: LoadedOptions;
  readonly options: ts.CompilerOptions;
}

export function loadProjectOptions(tsconfigSearchDir: string, previous?: BuiltProject): ProjectOptions {
  // An edit reuses the previous reading of the tsconfig (a changed tsconfig makes the session start over).
  const tsconfig = previous ? previous.tsconfig : findTsconfig(tsconfigSearchDir);
  const loaded = previous?.loadedOptions ?? (tsconfig ? loadCompilerOptions(tsconfig) : { options: {}, notices: [] });
  const options: ts.CompilerOptions = {
    ...loaded.options,
    allowJs: true,
    checkJs: false,
    noEmit: true,
    noLib: true,
    types: [],
    typeRoots: [],
    skipLibCheck: true,
    skipDefaultLibCheck: true,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    tsBuildInfoFile: undefined,
    noResolve: false,
    jsx: loaded.options.jsx ?? ts.JsxEmit.Preserve,
    moduleResolution: loaded.options.moduleResolution ?? ts.ModuleResolutionKind.Bundler,
    module: loaded.options.module ?? ts.ModuleKind.ESNext,
    target: loaded.options.target ?? ts.ScriptTarget.ES2022,
  };
  return { tsconfig, loaded, options };
}

export function buildProject(files: readonly ProjectFile[], tsconfigSearchDir: string, buildOptions: BuildProjectOptions = {}): BuiltProject {
  const previous = buildOptions.previous;
  const { tsconfig, loaded, options } = buildOptions.projectOptions ?? loadProjectOptions(tsconfigSearchDir, previous);
  // Imports resolve as the project says (`resolutionOptions`). The program itself is built as `bundler`: under
  // `node16`/`nodenext` TypeScript looks up every file's nearest package.json each time a program is built, even
  // when it reuses the file, which was a fifth of the time of an edit in the editor. Only diagnostics about ESM
  // and CommonJS interop differ, and piilint reports none of them.
  const resolutionOptions = options;
  const programOptions: ts.CompilerOptions = isNodeResolution(options.moduleResolution)
    ? { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext }
    : options;
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const reuse = new Map<string, ts.SourceFile>();
  if (previous) for (const file of previous.program.getSourceFiles()) reuse.set(file.fileName, file);
  // Module resolution only changes when files come or go: an edit reuses the previous build's answers.
  const sameFiles = !!previous && previous.files.length === files.length && files.every((file, index) => previous.files[index] === file.path);
  const resolutionCache = sameFiles && previous.resolutionCache ? previous.resolutionCache : new Map<string, ts.ResolvedModuleFull | undefined>();
  const moduleCache = sameFiles && previous.moduleCache ? previous.moduleCache : ts.createModuleResolutionCache(ts.sys.getCurrentDirectory(), canonicalFileName, resolutionOptions);
  const tooDeep = new Set<string>();
  const imports = new Map<string, FileImports>();
  const host = createHost(resolutionOptions, texts, reuse, resolutionCache, moduleCache, tooDeep, imports);
  const rootNames = buildOptions.roots ?? files.map((file) => file.path);
  const program = ts.createProgram({ rootNames, options: programOptions, host, oldProgram: previous?.program });
  const sourceFiles = new Map<string, ts.SourceFile>();
  for (const file of rootNames) {
    const sourceFile = program.getSourceFile(file);
    if (sourceFile) sourceFiles.set(file, sourceFile);
  }
  for (const file of tooDeep) sourceFiles.delete(file);
  return {
    program,
    sourceFiles,
    tooDeep: [...tooDeep],
    files: files.map((file) => file.path),
    resolutionCache,
    moduleCache,
    loadedOptions: loaded,
    tsconfig,
    notices: loaded.notices,
    options,
    imports,
    isProjectFile: (file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'),
  };
}

/** The parser's complaints about a file, if any (cheap: no type checking). */
export function syntaxErrorsOf(program: ts.Program, file: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return program.getSyntacticDiagnostics(file);
}

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
 * No file takes more than `PARSE_BUDGET_MS` to parse and bind: one that does is given up on (an empty file stands
 * in) and listed in `overBudget`, and the other files are parsed as usual (issue #11).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { Notice } from '../findings/finding';
import { parsedTextOf, resolveVueImport, withEmbeddedScripts } from './embedded-scripts';
import { readHostFile, readTsconfigText } from './host-reads';
import { DeadlineExceededError, runWithDeadline } from './run-with-deadline';

export interface ProjectFile {
  readonly path: string;
  readonly text: string;
}

export interface BuiltProject {
  readonly program: ts.Program;
  /** Files nested too deeply to parse safely: not analysed, reported as parse errors. */
  readonly tooDeep: readonly string[];
  /**
   * Files that took longer than the per-file budget to parse and bind, with the text that did: not analysed,
   * reported as parse errors. The next build of the same folder skips the same text at once.
   */
  readonly overBudget: ReadonlyMap<string, string>;
  /** The per-file budget this build was given, in milliseconds. */
  readonly parseBudgetMs: number;
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

/** The text without its closing full stops; `/\.+$/` would rescan a run of dots from each of them. */
function withoutTrailingDots(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '.') end--;
  return text.slice(0, end);
}

function tsconfigNotice(file: string, message: string): Notice {
  return {
    level: 'warning',
    code: 'tsconfig-error',
    file,
    message: `${file}: ${withoutTrailingDots(message)}. piilint goes on with default compiler options (allowJs, no path aliases); fix the tsconfig for cross-file analysis through path aliases.`,
  };
}

function loadCompilerOptions(tsconfig: string, depth = 0, seen = new Set<string>()): LoadedOptions {
  const notices: Notice[] = [];
  if (seen.has(tsconfig)) {
    notices.push(tsconfigNotice(tsconfig, 'project references form a cycle'));
    return { options: {}, notices };
  }
  seen.add(tsconfig);
  // A FIFO, a device, a huge or a deeply nested file is not read (host-reads.ts); the notice says which and why.
  const problems = new Map<string, string>();
  const readFile = (file: string) => readTsconfigText(file, problems);
  const read = ts.readConfigFile(tsconfig, readFile);
  if (read.error) {
    notices.push(tsconfigNotice(tsconfig, problems.get(tsconfig) ?? ts.flattenDiagnosticMessageText(read.error.messageText, ' ')));
    return { options: {}, notices };
  }
  // The program's files are the scanned ones, not the tsconfig's: its `include` globs are not expanded (a walk of
  // the whole folder on every run).
  const parsed = ts.parseJsonConfigFileContent(read.config, { ...ts.sys, readDirectory: () => [], readFile }, path.dirname(tsconfig), undefined, tsconfig);
  for (const [file, reason] of problems) notices.push(tsconfigNotice(file, `${reason}, so piilint did not read it`));
  for (const error of parsed.errors) {
    // "No inputs were found" is normal for solution-style configs and for configs whose files we scan anyway.
    if (error.code === 18003) continue;
    // "Cannot read file": the problem above says why.
    if (error.code === 5083 && problems.size > 0) continue;
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
  parsing: ParseState,
  /** The program's own options (binding must see what the checker will). */
  programOptions: ts.CompilerOptions,
): ts.CompilerHost {
  const base = ts.createCompilerHost(options, true);
  const isInPackages = (file: string) => file.includes('node_modules') && (file.includes(`${path.sep}node_modules${path.sep}`) || file.endsWith(`${path.sep}node_modules`));
  const moduleHost: ts.ModuleResolutionHost = {
    fileExists: (file) => texts.has(file) || (!isInPackages(file) && ts.sys.fileExists(file)),
    readFile: (file) => texts.get(file) ?? (isInPackages(file) ? undefined : readHostFile(file)),
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
      // A declaration file of the project's own (`pms-types.d.ts`) is read for its types; one of a package never.
      if (module && !module.isExternalLibraryImport && !isInPackages(module.resolvedFileName)) resolved = module;
      // `import Scanner from './Scanner.vue'`: the component's script (a shim's `declare module '*.vue'` is not it).
      if (!resolved || resolved.resolvedFileName.endsWith('.d.ts')) resolved = resolveVueImport(name, containingFile, options, moduleHost) ?? resolved;
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
      const text = texts.get(fileName) ?? (isInPackages(fileName) ? undefined : readHostFile(fileName));
      if (text === undefined) return undefined;
      // A `.vue` file is parsed as its virtual script source, under its own name (embedded-scripts.ts).
      const script = parsedTextOf(fileName, text);
      const previous = reuse.get(fileName);
      if (previous && previous.text === script.text) return previous;
      const standIn = (): ts.SourceFile => ts.createSourceFile(fileName, '', languageVersion, true, script.kind);
      if (parsing.overBudget.get(fileName) === text) return standIn();
      // Parsed by an earlier attempt of this build (see createProgramWithinBudget).
      const parsed = parsing.parsed.get(fileName);
      if (parsed && parsed.text === script.text) return parsed;
      // TypeScript's parser and binder recurse once per nesting level: a file nested thousands deep would end the
      // whole run with a stack overflow. It is given up on (an empty file stands in) and reported instead.
      if (nestingDepth(script.text) > MAX_NESTING) {
        tooDeep.add(fileName);
        return standIn();
      }
      // Not in a `finally`: when the deadline stops the parse, `inFlight` must still name the file.
      parsing.inFlight = { file: fileName, text, startedAt: performance.now() };
      let sourceFile: ts.SourceFile;
      try {
        sourceFile = ts.createSourceFile(fileName, script.text, languageVersion, true, script.kind);
        bindEarly(sourceFile, programOptions);
      } catch (error) {
        parsing.inFlight = undefined;
        if (!(error instanceof RangeError)) throw error;
        // A stack overflow in the binder leaves its state half-set, as a stopped run does.
        resetParserAndBinder(programOptions);
        tooDeep.add(fileName);
        return standIn();
      }
      parsing.inFlight = undefined;
      parsing.parsed.set(fileName, sourceFile);
      return sourceFile;
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

/**
 * How long one file may take to parse and bind (issue #11). Well-formed files take milliseconds (a 1 MB minified
 * bundle about a second on a slow machine); the inputs this stops run for minutes or forever: malformed code that
 * makes TypeScript's parser backtrack exponentially (26 unclosed `async keepPhoto(` headers), a JSDoc comment
 * ending in `word-*` + `/` that sends TypeScript 6.0's comment scanner into an endless loop, and tens of thousands
 * of declarations of one name, which TypeScript's binder adds to the symbol with a linear search each.
 */
export const PARSE_BUDGET_MS = 5_000;

interface ParseState {
  /** Files parsed and bound by this build, earlier attempts included. */
  readonly parsed: Map<string, ts.SourceFile>;
  /** Files that ran over the budget, with the text that did. */
  readonly overBudget: Map<string, string>;
  /** The file being parsed and bound right now, and since when (`performance.now()`). */
  inFlight?: { readonly file: string; readonly text: string; readonly startedAt: number };
}

type BindSourceFile = (file: ts.SourceFile, options: ts.CompilerOptions) => void;
/** TypeScript's binder: internal (not in the typings) but exported at run time; undefined if a release drops it. */
const bindSourceFile = (ts as unknown as { bindSourceFile?: BindSourceFile }).bindSourceFile;

/**
 * Binds a file right after parsing, so that binding runs under the same per-file budget. The type checker binds
 * every file when it is created and skips the files that already are (`file.locals` is set), so this moves the
 * work, it adds none.
 */
function bindEarly(sourceFile: ts.SourceFile, options: ts.CompilerOptions): void {
  bindSourceFile?.(sourceFile, options);
}

/**
 * TypeScript's parser and binder keep their state in module variables, which a stopped run leaves half-set; the
 * parser resets it when it starts a file, the binder only when it finishes one. Parsing and binding an empty file
 * to the end leaves both clean.
 */
function resetParserAndBinder(options: ts.CompilerOptions): void {
  bindEarly(ts.createSourceFile('piilint-reset.ts', '', ts.ScriptTarget.ES2022, true), options);
}

/**
 * Creates the program with every parse and bind under the budget. The program is built inside one deadline; when it
 * passes, the file in flight is given up on if it had (nearly) its whole budget, and the program is built again (the
 * files parsed so far are reused, so this is cheap) with a deadline that gives the next file its whole budget.
 * A deadline that passes outside any parse (module resolution of a very large project) is doubled.
 */
function createProgramWithinBudget(create: () => ts.Program, parsing: ParseState, budgetMs: number, options: ts.CompilerOptions): ts.Program {
  let timeoutMs = budgetMs;
  let previousInFlight: string | undefined;
  for (;;) {
    const attemptStart = performance.now();
    try {
      return runWithDeadline(create, timeoutMs);
    } catch (error) {
      if (!(error instanceof DeadlineExceededError)) throw error;
      const inFlight = parsing.inFlight;
      parsing.inFlight = undefined;
      resetParserAndBinder(options);
      if (!inFlight) {
        timeoutMs *= 2;
        continue;
      }
      const ranMs = performance.now() - inFlight.startedAt;
      // Nine tenths of the budget is enough to judge a file by (the first file of a build starts a little after the
      // deadline was armed); a file stopped twice had its whole budget the second time, which reached it sooner.
      if (ranMs >= 0.9 * budgetMs || inFlight.file === previousInFlight) {
        parsing.overBudget.set(inFlight.file, inFlight.text);
        previousInFlight = undefined;
      } else {
        previousInFlight = inFlight.file;
      }
      timeoutMs = budgetMs + (inFlight.startedAt - attemptStart);
    }
  }
}

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
  /** How long one file may take to parse and bind (default `PARSE_BUDGET_MS`). */
  readonly parseBudgetMs?: number;
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
  // `.vue` files are roots like the scripts (embedded-scripts.ts).
  const programOptions: ts.CompilerOptions = withEmbeddedScripts(
    isNodeResolution(options.moduleResolution) ? { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext } : options,
  );
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const reuse = new Map<string, ts.SourceFile>();
  if (previous) for (const file of previous.program.getSourceFiles()) reuse.set(file.fileName, file);
  // Module resolution only changes when files come or go: an edit reuses the previous build's answers.
  const sameFiles = !!previous && previous.files.length === files.length && files.every((file, index) => previous.files[index] === file.path);
  const resolutionCache = sameFiles && previous.resolutionCache ? previous.resolutionCache : new Map<string, ts.ResolvedModuleFull | undefined>();
  const moduleCache = sameFiles && previous.moduleCache ? previous.moduleCache : ts.createModuleResolutionCache(ts.sys.getCurrentDirectory(), canonicalFileName, resolutionOptions);
  const tooDeep = new Set<string>();
  const imports = new Map<string, FileImports>();
  const parseBudgetMs = buildOptions.parseBudgetMs ?? PARSE_BUDGET_MS;
  const parsing: ParseState = { parsed: new Map(), overBudget: new Map(previous?.parseBudgetMs === parseBudgetMs ? previous.overBudget : []) };
  const host = createHost(resolutionOptions, texts, reuse, resolutionCache, moduleCache, tooDeep, imports, parsing, programOptions);
  const rootNames = buildOptions.roots ?? files.map((file) => file.path);
  const program = createProgramWithinBudget(
    () => ts.createProgram({ rootNames, options: programOptions, host, oldProgram: previous?.program }),
    parsing,
    parseBudgetMs,
    programOptions,
  );
  const sourceFiles = new Map<string, ts.SourceFile>();
  for (const file of rootNames) {
    const sourceFile = program.getSourceFile(file);
    if (sourceFile) sourceFiles.set(file, sourceFile);
  }
  for (const file of tooDeep) sourceFiles.delete(file);
  for (const [file, text] of parsing.overBudget) {
    // An edited file is judged again: forget the text that ran over.
    if (texts.has(file) && texts.get(file) !== text) parsing.overBudget.delete(file);
    else sourceFiles.delete(file);
  }
  return {
    program,
    sourceFiles,
    tooDeep: [...tooDeep],
    overBudget: parsing.overBudget,
    parseBudgetMs,
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

/**
 * A declaration file the project wrote (`src/types/pms.d.ts`), not one of a package: the dataflow reads its types
 * (a whole object logged through its declared type), but it holds no code to analyse.
 */
export function isProjectDeclarationFile(file: ts.SourceFile): boolean {
  return file.isDeclarationFile && !/[\\/]node_modules[\\/]/.test(file.fileName);
}

/** The parser's complaints about a file, if any (cheap: no type checking). */
export function syntaxErrorsOf(program: ts.Program, file: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return program.getSyntacticDiagnostics(file);
}

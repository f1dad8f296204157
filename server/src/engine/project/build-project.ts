/**
 * Stage: project.
 * Input: the discovered files with their decoded texts, and the folder to look for a tsconfig from.
 * Output: a ts-morph `Project` and its TypeScript `Program` over those files, with compiler options from the
 * nearest tsconfig (solution-style `references` included), or allowJs defaults when there is none.
 * Invariant: the program never reaches into `node_modules` (imports of packages stay unresolved and are modelled
 * by specifier), loads no default lib files and never type-checks whole files: what the dataflow needs is symbols,
 * and a linter must work on a checkout where nothing is installed. A broken tsconfig is a notice, not a failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import type { Notice } from '../findings/finding';

export interface ProjectFile {
  readonly path: string;
  readonly text: string;
}

export interface BuiltProject {
  readonly project: Project;
  readonly program: ts.Program;
  /** Absolute path → parsed file, for the files that were given. */
  readonly sourceFiles: ReadonlyMap<string, ts.SourceFile>;
  readonly tsconfig?: string;
  readonly notices: readonly Notice[];
  /** Files the dataflow may walk into: the given ones and project files they import, never packages. */
  isProjectFile(file: ts.SourceFile): boolean;
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
    message: `${file}: ${message}. piilint goes on with default compiler options (allowJs, no path aliases); fix the tsconfig for cross-file analysis through path aliases.`,
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
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
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

/** Keeps resolution inside the project: a module found in node_modules is left unresolved, like a missing one. */
function createResolutionHost(moduleResolutionHost: ts.ModuleResolutionHost, getCompilerOptions: () => ts.CompilerOptions) {
  const cache = new Map<string, ts.ResolvedModuleFull | undefined>();
  return {
    resolveModuleNames(moduleNames: string[], containingFile: string): (ts.ResolvedModuleFull | undefined)[] {
      const options = getCompilerOptions();
      return moduleNames.map((name) => {
        const key = `${path.dirname(containingFile)}\u0000${name}`;
        if (cache.has(key)) return cache.get(key);
        let resolved: ts.ResolvedModuleFull | undefined;
        const isBare = !name.startsWith('.') && !path.isAbsolute(name);
        // Bare specifiers resolve only through path aliases; everything else would land in node_modules.
        if (!isBare || options.paths || options.baseUrl) {
          const result = ts.resolveModuleName(name, containingFile, options, moduleResolutionHost);
          const module = result.resolvedModule;
          if (module && !module.isExternalLibraryImport && !module.resolvedFileName.split(path.sep).includes('node_modules') && !module.resolvedFileName.includes('/node_modules/')) {
            resolved = module;
          }
        }
        cache.set(key, resolved);
        return resolved;
      });
    },
  };
}

export function buildProject(files: readonly ProjectFile[], tsconfigSearchDir: string): BuiltProject {
  const tsconfig = findTsconfig(tsconfigSearchDir);
  const loaded = tsconfig ? loadCompilerOptions(tsconfig) : { options: {}, notices: [] };
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
  const project = new Project({
    compilerOptions: options,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    resolutionHost: createResolutionHost,
  });
  for (const file of files) project.createSourceFile(file.path, file.text, { overwrite: true });
  const program = project.getProgram().compilerObject;
  const sourceFiles = new Map<string, ts.SourceFile>();
  for (const file of files) {
    const sourceFile = program.getSourceFile(file.path) ?? program.getSourceFile(file.path.split(path.sep).join('/'));
    if (sourceFile) sourceFiles.set(file.path, sourceFile);
  }
  return {
    project,
    program,
    sourceFiles,
    tsconfig,
    notices: loaded.notices,
    isProjectFile: (file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'),
  };
}

/** The parser's complaints about a file, if any (cheap: no type checking). */
export function syntaxErrorsOf(program: ts.Program, file: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return program.getSyntacticDiagnostics(file);
}

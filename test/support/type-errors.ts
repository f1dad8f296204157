/**
 * Test support: the type errors of a project's files, with the real declarations of its dependencies, before and
 * after a fix. A program is built again for each fix from the previous one, with the fixed texts laid over the
 * files on disk, so that only the files a fix changes are parsed again. Errors are compared without their line
 * numbers (a fix that inserts a line moves every error below it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  allowJs: true,
  checkJs: false,
  experimentalDecorators: true,
  skipLibCheck: true,
  noEmit: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
};

export class ProjectTypeErrors {
  private readonly options: ts.CompilerOptions;
  private readonly rootNames: readonly string[];
  private readonly cache = new Map<string, ts.SourceFile>();
  private previous: ts.Program | undefined;

  constructor(private readonly root: string) {
    const configFile = path.join(root, 'tsconfig.json');
    if (fs.existsSync(configFile)) {
      const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      if (!parsed) throw new Error(`cannot read ${configFile}`);
      this.options = { ...parsed.options, noEmit: true };
      this.rootNames = parsed.fileNames;
    } else {
      this.options = DEFAULT_OPTIONS;
      this.rootNames = listSources(root);
    }
  }

  /** `file TS1234 message` for each error in `files` (all the project's files when omitted), with `texts` laid over the disk. */
  errors(texts: ReadonlyMap<string, string> = new Map(), files?: readonly string[]): string[] {
    const host = ts.createCompilerHost(this.options, true);
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => texts.get(path.resolve(fileName)) ?? readFile(fileName);
    host.getSourceFile = (fileName, languageVersion) => {
      const overlay = texts.get(path.resolve(fileName));
      if (overlay !== undefined) return ts.createSourceFile(fileName, overlay, languageVersion, true);
      let sourceFile = this.cache.get(fileName);
      if (!sourceFile) {
        const text = readFile(fileName);
        if (text === undefined) return undefined;
        sourceFile = ts.createSourceFile(fileName, text, languageVersion, true);
        this.cache.set(fileName, sourceFile);
      }
      return sourceFile;
    };
    const program = ts.createProgram({ rootNames: this.rootNames, options: this.options, host, oldProgram: this.previous });
    this.previous = program;
    const wanted = new Set((files ?? this.rootNames).map((file) => path.resolve(file)));
    const out: string[] = [];
    for (const sourceFile of program.getSourceFiles()) {
      if (!wanted.has(path.resolve(sourceFile.fileName))) continue;
      for (const diagnostic of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
        out.push(`${path.relative(this.root, sourceFile.fileName)} TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
      }
    }
    return out.sort();
  }
}

/** The errors of `after` that `before` does not have as often. */
export function newErrors(before: readonly string[], after: readonly string[]): string[] {
  const remaining = new Map<string, number>();
  for (const error of before) remaining.set(error, (remaining.get(error) ?? 0) + 1);
  const added: string[] = [];
  for (const error of after) {
    const count = remaining.get(error) ?? 0;
    if (count > 0) remaining.set(error, count - 1);
    else added.push(error);
  }
  return added;
}

function listSources(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

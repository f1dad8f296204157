/**
 * What a baseline records of a finding besides its fingerprint: the report path of its file, its line, the function
 * around the sink and the sink's line as a snippet (see engine/findings/baseline.ts).
 * The enclosing function is read from the file's text with TypeScript's parser. TypeScript is loaded on first use,
 * as main.ts loads the engine, so that `piilint --version` and usage errors stay instant.
 */
import { readHostFile } from '../engine/project/host-reads';
import type { ts as TypeScript } from 'ts-morph';
import { scriptSourceOf } from '../engine/files/script-source';
import { snippetOfLine, type FindingIdentity } from '../engine/findings/baseline';
import type { Finding } from '../engine/findings/finding';
import { toReportPath } from './formatters/report-paths';

/**
 * Identities of findings, in the order given. `texts` are the files as the engine read them (a file it did not
 * keep is read from disk).
 */
export function identifyFindings(findings: readonly Finding[], cwd: string, texts: ReadonlyMap<string, string>): FindingIdentity[] {
  const sourceFiles = new Map<string, TypeScript.SourceFile>();
  return findings.map((finding) => {
    const file = finding.range.file;
    const text = texts.get(file) ?? readOrEmpty(file);
    let sourceFile = sourceFiles.get(file);
    if (sourceFile === undefined) {
      sourceFile = parse(file, text);
      sourceFiles.set(file, sourceFile);
    }
    return {
      finding,
      file: toReportPath(cwd, file),
      line: finding.range.line,
      function: enclosingFunctionName(sourceFile, finding.range.offset),
      snippet: snippetOfLine(text, finding.range.line),
    };
  });
}

let typescript: typeof TypeScript | undefined;

function loadTypeScript(): typeof TypeScript {
  typescript ??= (require('ts-morph') as typeof import('ts-morph')).ts;
  return typescript;
}

/** The file's script as the engine parsed it (a `.vue` file's virtual source has the file's offsets). */
function parse(file: string, text: string): TypeScript.SourceFile {
  const ts = loadTypeScript();
  const script = scriptSourceOf(file, text);
  const kinds = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX } as const;
  return ts.createSourceFile(file, script.text, ts.ScriptTarget.Latest, true, kinds[script.language]);
}

/**
 * `CustomerService.logVisit`, `handlers/visit`, `(module)`: the functions around `offset`, outermost first, joined
 * by `/`; an unnamed one is `(anonymous)`. Class members are prefixed with the class's name.
 */
export function enclosingFunctionName(sourceFile: TypeScript.SourceFile, offset: number): string {
  const ts = loadTypeScript();
  const names: string[] = [];
  let node: TypeScript.Node = sourceFile;
  for (;;) {
    const child: TypeScript.Node | undefined = node.forEachChild((candidate) =>
      candidate.getStart(sourceFile) <= offset && offset < candidate.getEnd() ? candidate : undefined,
    );
    if (child === undefined) break;
    if (ts.isFunctionLike(child) && 'body' in child && child.body !== undefined) {
      names.push(functionName(ts, child));
    }
    node = child;
  }
  return names.length === 0 ? '(module)' : names.join('/');
}

function functionName(ts: typeof TypeScript, fn: TypeScript.SignatureDeclaration): string {
  const owner = fn.parent;
  const className = (node: TypeScript.Node) => (ts.isClassLike(node) && node.name !== undefined ? node.name.text : '(class)');
  if (ts.isConstructorDeclaration(fn)) return `${className(owner)}.constructor`;
  const name = fn.name !== undefined && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
  if (name !== undefined) return ts.isClassLike(owner) ? `${className(owner)}.${name}` : name;
  if (
    owner !== undefined &&
    (ts.isVariableDeclaration(owner) || ts.isPropertyAssignment(owner) || ts.isPropertyDeclaration(owner)) &&
    ts.isIdentifier(owner.name)
  ) {
    return ts.isPropertyDeclaration(owner) && ts.isClassLike(owner.parent) ? `${className(owner.parent)}.${owner.name.text}` : owner.name.text;
  }
  return '(anonymous)';
}

function readOrEmpty(file: string): string {
  return readHostFile(file) ?? '';
}

/**
 * Stage: dataflow (keys of functions and stores).
 * Input: a function or a file's module code, a class field, a module-level variable.
 * Output: the keys the session's stores use while the program lives (`fieldKey`, `moduleKey`: by object identity),
 * and keys that outlive the syntax trees for the scan cache (`ownerKey`, stable store keys: by file and offset).
 * Invariant: a stable key starts with its file's path and a NUL (`fileOfKey`), and stays the same while its file's
 * text does.
 */
import { ts } from 'ts-morph';
import type { Owner } from './analysis-types';
import type { FieldOwner, FunctionNode } from './value';

export function fileOf(owner: Owner): string {
  return ts.isSourceFile(owner) ? owner.fileName : owner.getSourceFile().fileName;
}

/** A function (or a file's module code) named by its file and offset, which stay as they are while the file does. */
export function ownerKey(owner: FunctionNode | ts.SourceFile): string {
  return ts.isSourceFile(owner) ? owner.fileName : `${owner.getSourceFile().fileName}\u0000${owner.pos}`;
}

/** The file a function, store or module-code key (`ownerKey`, stable store keys) belongs to. */
export function fileOfKey(key: string): string {
  const end = key.indexOf('\u0000');
  return end < 0 ? key : key.slice(0, end);
}

export function stableFieldKey(cls: FieldOwner, name: string): string {
  return `${cls.getSourceFile().fileName}\u0000f${cls.pos}\u0000${name}`;
}

/** What a module's code assigned to its exports (`module.exports = …`, `export default …`). */
export function stableExportsKey(file: ts.SourceFile): string {
  return `${file.fileName}\u0000x`;
}

export function stableModuleKey(file: ts.SourceFile, symbol: ts.Symbol): string {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  return `${file.fileName}\u0000m${declaration?.pos ?? -1}\u0000${symbol.name}`;
}

const objectIds = new WeakMap<object, number>();

let nextObjectId = 1;

function objectId(object: object): number {
  let id = objectIds.get(object);
  if (id === undefined) objectIds.set(object, (id = nextObjectId++));
  return id;
}

export function fieldKey(cls: FieldOwner, name: string): string {
  return `f${objectId(cls)}.${name}`;
}

export function exportsKey(file: ts.SourceFile): string {
  return `x${objectId(file)}`;
}

export function moduleKey(symbol: ts.Symbol): string {
  return `m${objectId(symbol)}`;
}

/** An undeclared name assigned in a script: one global variable of that name, whatever file writes it. */
export function implicitGlobalKey(name: string): string {
  return `g${name}`;
}

/** The stable key of an implicit global: no file declares it, so it names no file (`fileOfKey` gives ''). */
export function stableImplicitGlobalKey(name: string): string {
  return `\u0000g\u0000${name}`;
}

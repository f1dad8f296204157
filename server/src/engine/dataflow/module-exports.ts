/**
 * Stage: dataflow (what a project module exports).
 * Input: writes to a module's exports met while walking its code (`module.exports = mongoose.model(…)`,
 * `module.exports.create = {…}`, `exports.x = …`, `export default model<IVisit>(…)`, `export = …`), and reads of a
 * project module: `require('./x')`, a default or named import of it, a namespace import (`import * as frs`).
 * Output: the exported values, kept in one store per module (`AnalysisHost.moduleExports`); and a module's exports
 * as one object: its exported functions and `const` variables, joined with what its code assigned to its exports
 * (with their API refs, constant strings such as a loopback URL in a config object, functions and instances).
 * Invariant: what goes into the store never mentions one function's parameters (`stripSymbolic`); `module` and
 * `exports` are CommonJS's only where no variable of the code binds those names.
 */
import { ts } from 'ts-morph';
import type { Box, Walker } from './host';
import { type FnValue, type Value, EMPTY, joinValues, readField, stripSymbolic, writeField } from './value';

/**
 * `module.exports…` or `exports…` written at `path` below `root`: records the write and returns true; false for
 * anything else.
 */
export function writeModuleExports(interp: Walker, root: ts.Identifier, path: readonly string[], value: Value): boolean {
  const exportPath = exportsPath(interp, root, path);
  if (!exportPath) return false;
  const shared = stripSymbolic(value);
  interp.host.writeModuleExports(root.getSourceFile(), exportPath.length ? writeField(EMPTY, exportPath, shared) : shared);
  return true;
}

/** `export default <expression>` (the `default` export) and `export = <expression>` (the whole exports). */
export function execExportAssignment(interp: Walker, statement: ts.ExportAssignment, box: Box): Value {
  const value = interp.eval(statement.expression, box);
  const shared = stripSymbolic(value);
  interp.host.writeModuleExports(statement.getSourceFile(), statement.isExportEquals ? shared : writeField(EMPTY, ['default'], shared));
  return value;
}

/** The path below the exports object that `module.exports.a.b` or `exports.a.b` names. */
function exportsPath(interp: Walker, root: ts.Identifier, path: readonly string[]): readonly string[] | undefined {
  let rest: readonly string[];
  if (root.text === 'module' && path[0] === 'exports') rest = path.slice(1);
  else if (root.text === 'exports') rest = path;
  else return undefined;
  const symbol = interp.resolver.symbolAt(root);
  const isBoundByCode = symbol?.declarations?.some((declaration) => ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration));
  return isBoundByCode ? undefined : rest;
}

/**
 * A project module's exports as one object (`require('./uploader')`, `import * as frs from './frs'`). With `only`,
 * just that member is looked up (`frs.addFace`), which spares building the object for a large module.
 */
export function moduleObject(interp: Walker, moduleSymbol: ts.Symbol, only?: string): Value {
  let exports: ts.Symbol[];
  try {
    exports = interp.resolver.checker.getExportsOfModule(moduleSymbol);
  } catch {
    return EMPTY;
  }
  let result: Value = EMPTY;
  for (const exported of exports) {
    if (only !== undefined && exported.name !== only && exported.name !== 'export=') continue;
    let value: Value = EMPTY;
    const fns: FnValue[] = [];
    for (const declaration of interp.resolver.projectDeclarations(exported)) {
      const fn = interp.resolver.functionOf(declaration);
      if (fn) fns.push({ kind: 'function', node: fn });
    }
    if (fns.length) value = { fns };
    const moduleValue = interp.host.moduleValue(exported);
    if (moduleValue) value = joinValues(value, moduleValue);
    if (exported.name === 'export=') result = joinValues(result, value);
    else if (value !== EMPTY) result = writeField(result, [exported.name], value);
  }
  const file = moduleSymbol.valueDeclaration;
  if (file && ts.isSourceFile(file) && interp.resolver.isProjectFile(file)) result = joinValues(result, interp.host.moduleExports(file));
  return result;
}

/**
 * What an import names, when it is an export value rather than a declaration: the whole module
 * (`import * as frs from './frs'`), `export default <expression>`, `module.exports = …` (a default import of a
 * CommonJS module), `exports.create = …` (a named import of one). `node` is the identifier read.
 */
export function importedExport(interp: Walker, target: ts.Symbol, node: ts.Identifier): Value | undefined {
  const declaration = target.valueDeclaration ?? target.declarations?.[0];
  if (!declaration) return undefined;
  if (ts.isSourceFile(declaration)) {
    if (!interp.resolver.isProjectFile(declaration)) return undefined;
    const parent = node.parent;
    const only = parent && ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
    return moduleObject(interp, target, only);
  }
  const file = declaration.getSourceFile();
  if (!interp.resolver.isProjectFile(file)) return undefined;
  if (ts.isExportAssignment(declaration)) {
    const exported = interp.host.moduleExports(file);
    return declaration.isExportEquals ? exported : readField(exported, 'default');
  }
  // CommonJS: `module.exports = …` is the `export=` symbol; `exports.create = …` declares `create`.
  if (ts.isBinaryExpression(declaration) || ts.isPropertyAccessExpression(declaration) || ts.isElementAccessExpression(declaration)) {
    const exported = interp.host.moduleExports(file);
    return target.name === 'export=' ? exported : readField(exported, target.name);
  }
  return undefined;
}

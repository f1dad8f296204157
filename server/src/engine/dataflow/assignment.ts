/**
 * Stage: dataflow (assignment and binding).
 * Input: a value and where it goes: a declared name or destructuring pattern, a parameter, an assignment target
 * (`x`, `obj.a.b`, `this.f`, `[a, b]`, `obj[key]`), or the receiver of a method that stores into it (`list.push(x)`,
 * `canvas.getContext('2d').drawImage(video)`).
 * Output: the state with the value bound, field by field; class fields and module variables written into the
 * stores every function reads; writes to parameters and to `this` recorded for callers to instantiate.
 * Invariant: an assignment replaces a local variable's value; what goes into a store shared by all functions never
 * mentions one function's parameters (`stripSymbolic`): callers store the instantiated value instead.
 */
import { ts } from 'ts-morph';
import { isRequestDecorator } from '../facts/guard-words';
import { parameterTypeValue } from './declared-types';
import { declaredTypeSources } from './declared-sources';
import type { Box, Callee, Walker } from './host';
import { readMember, readProperty } from './members';
import { writeModuleExports } from './module-exports';
import { addNameGuard, addNameSource, markDefaultTrue } from './name-facts';
import { literalKey, skipOuter, staticPropertyName } from './resolve';
import { classNamed } from './static-members';
import { writeSharedPath, writeStorePath } from './shared-objects';
import { hasSymbolicLabels } from './summary';
import { addWeakName, mergeTaint } from './taint';
import { type Value, EMPTY, compact, deepTaint, flatten, joinValues, readField, stripSymbolic, withStep, withoutFields, writeField } from './value';

export function bindParameterProperties(interp: Walker, box: Box): void {
  const fn = interp.fn;
  if (!ts.isConstructorDeclaration(fn) || !interp.cls) return;
  for (const parameter of fn.parameters) {
    if (!ts.isIdentifier(parameter.name)) continue;
    const isProperty = ts.getModifiers(parameter)?.some((modifier) =>
      [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword].includes(modifier.kind),
    );
    if (!isProperty) continue;
    const symbol = interp.resolver.declaredSymbol(parameter.name);
    const value = symbol ? box.state.get(symbol) : undefined;
    // Only what callers pass is news: the declared type is read from the declaration by every reader.
    if (value) recordFieldWrite(interp, [parameter.name.text], value);
  }
}

export function bindParameter(interp: Walker, parameter: ts.ParameterDeclaration, value: Value, box: Box, symbolic: boolean): void {
  // Its annotation, JSDoc `@param`, or the type its context declares for it (`onProfile: (p: DriverProfile) => void`).
  let bound = joinValues(value, parameterTypeValue(interp, parameter));
  if (parameter.initializer) {
    const initial = interp.eval(parameter.initializer, box);
    bound = joinValues(bound, markDefaultTrue(interp, parameter.initializer, initial));
    // `hideMiddle(value, head = 3, tail = 4)`: reading the helper's masking assumes the defaults.
    if (initial.num !== undefined) bound = compact({ ...bound, num: initial.num });
  }
  // `video: HTMLVideoElement`: what the type holds, should nothing in the project call the function.
  if (symbolic && bound.taint) for (const weak of declaredTypeSources(interp, parameter)) bound = compact({ ...bound, taint: addWeakName(bound.taint!, weak) });
  // `@Body() dto`, `@UploadedFile() file` (NestJS, Midway): what a client sent.
  if (ts.getDecorators(parameter)?.some((decorator) => isRequestDecorator(decoratorName(decorator)))) bound = { ...bound, provenance: 'request' };
  bindName(interp, parameter.name, bound, box, parameter.type);
}

function decoratorName(decorator: ts.Decorator): string {
  const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
  return ts.isIdentifier(expression) ? expression.text : ts.isPropertyAccessExpression(expression) ? expression.name.text : '';
}

/** Binds a declaration name or destructuring pattern to a value. */
export function bindName(interp: Walker, name: ts.BindingName, value: Value, box: Box, type?: ts.TypeNode): void {
  if (ts.isIdentifier(name)) {
    const symbol = interp.resolver.declaredSymbol(name);
    if (!symbol) return;
    let bound = addNameSource(interp, value, name.text, name, type);
    bound = addNameGuard(interp, bound, [name.text], name);
    box.state.set(symbol, bound);
    if (ts.isSourceFile(interp.fn) && !interp.inline && interp.host.isModuleVariable(symbol)) interp.host.writeModuleValue(symbol, bound);
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    const used: string[] = [];
    for (const element of name.elements) {
      if (element.dotDotDotToken) {
        bindName(interp, element.name, omitFields(value, used), box);
        continue;
      }
      const key = element.propertyName ? staticPropertyName(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      let fieldValue = key !== undefined ? readMember(interp, value, key, element) : flatten(value);
      if (key !== undefined) used.push(key);
      if (element.initializer) fieldValue = joinValues(fieldValue, markDefaultTrue(interp, element.initializer, interp.eval(element.initializer, box)));
      if (key !== undefined && element.propertyName) fieldValue = addNameSource(interp, fieldValue, key, element.propertyName);
      bindName(interp, element.name, fieldValue, box);
    }
    return;
  }
  name.elements.forEach((element, index) => {
    if (ts.isOmittedExpression(element)) return;
    let elementValue = element.dotDotDotToken ? value : (value.fields?.get(String(index)) ?? readField(value, String(index)));
    if (element.initializer) elementValue = joinValues(elementValue, interp.eval(element.initializer, box));
    bindName(interp, element.name, elementValue, box);
  });
}

export function assign(interp: Walker, target: ts.Expression, value: Value, box: Box): void {
  const node = skipOuter(target);
  if (ts.isIdentifier(node)) {
    const symbol = interp.resolver.symbolAt(node);
    const stepped = withStep(addNameSource(interp, value, node.text, node), node, 'step', `assigned to ${node.text}`);
    if (!symbol) {
      // `faceSrc = canvas.toDataURL()` with nothing declaring `faceSrc`: a script's implicit global.
      if (interp.resolver.isGlobalName(node, symbol) && !interp.resolver.isGlobalObjectName(node.text)) interp.host.writeImplicitGlobal(node.text, stripSymbolic(stepped));
      return;
    }
    box.state.set(symbol, stepped);
    if (interp.host.isModuleVariable(symbol)) {
      // A module-level variable written from a function: visible to every reader (flow-insensitively).
      interp.host.writeModuleValue(symbol, stripSymbolic(stepped));
    }
    return;
  }
  if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
    assignPattern(interp, node, value, box);
    return;
  }
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const path: string[] = [];
    let current: ts.Expression = node;
    while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      const name = ts.isPropertyAccessExpression(current) ? current.name.text : (literalKey(current.argumentExpression) ?? interp.eval(current.argumentExpression, box).str);
      if (name === undefined) {
        // obj[dynamicKey] = value: the value becomes one of the object's elements.
        path.length = 0;
        path.push('\u0000elem');
      } else {
        path.unshift(name);
      }
      current = skipOuter(current.expression);
    }
    const leaf = path[path.length - 1] ?? '';
    const stored = withStep(addNameSource(interp, value, leaf, node), node, 'step', `stored in ${node.getText().slice(0, 60)}`);
    const writePath = path.filter((segment) => segment !== '\u0000elem');
    if (current.kind === ts.SyntaxKind.ThisKeyword) {
      writeThisField(interp, writePath, stored);
      return;
    }
    // `module.exports = …`, `exports.create = …`: what other modules `require`.
    if (ts.isIdentifier(current) && writeModuleExports(interp, current, writePath, stored)) return;
    // `Telegram.bot = new TelegramBot(…)`: a static field, a store every function reads (static-members.ts).
    const staticOf = writePath.length ? classNamed(interp, current) : undefined;
    if (staticOf) {
      writeClassPath(interp, staticOf, writePath, stored);
      return;
    }
    if (ts.isIdentifier(current)) {
      const symbol = interp.resolver.symbolAt(current);
      if (!symbol) return;
      const base = box.state.get(symbol) ?? interp.host.moduleValue(symbol) ?? EMPTY;
      // `recorder.ondataavailable = (event) => …`: an event handler of an outside object runs with its data.
      if (value.fns?.length && /^on[a-z]/.test(leaf) && (base.api?.length || deepTaint(base)) && ts.isPropertyAccessExpression(node)) {
        // It runs later: what it checks does not hold after the assignment (a box of its own, on the same state).
        for (const fn of value.fns) interp.invoke(fn, [flatten(base)], base, node, { state: box.state });
      }
      const updated = path.includes('\u0000elem')
        ? compact({ ...base, elem: joinValues(base.elem ?? EMPTY, stored) })
        : writeField(base, writePath, stored);
      box.state.set(symbol, updated);
      writeModuleObject(interp, symbol, updated, stored);
      propagateToOwner(interp, base, stored, box);
      const paramIndex = interp.params.get(symbol);
      if (paramIndex !== undefined) interp.effects.paramWrites.push({ index: paramIndex, path: writePath, value: stored });
      if (base.classes) {
        for (const cls of base.classes) if (ts.isClassLike(cls) && writePath.length) writeClassPath(interp, cls, writePath, stored);
      }
      // `that.cameraCtx = …`, `store.photo = shot`, `photo.value = shot`: a shared object's store.
      if (base.shared) writeSharedPath(interp, base, writePath, stored);
      return;
    }
    // a.b().c = value and other shapes: evaluate for side effects only.
    interp.eval(current, box);
  }
}

function assignPattern(interp: Walker, pattern: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, value: Value, box: Box): void {
  if (ts.isArrayLiteralExpression(pattern)) {
    pattern.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      const target = ts.isSpreadElement(element) ? element.expression : element;
      assign(interp, target, ts.isSpreadElement(element) ? value : readField(value, String(index)), box);
    });
    return;
  }
  for (const property of pattern.properties) {
    if (ts.isShorthandPropertyAssignment(property)) {
      assign(interp, property.name, readProperty(interp, value, property.name.text, property.name), box);
    } else if (ts.isPropertyAssignment(property)) {
      const name = staticPropertyName(property.name);
      const target = ts.isBinaryExpression(property.initializer) ? property.initializer.left : property.initializer;
      assign(interp, target, name !== undefined ? readProperty(interp, value, name, property.name) : flatten(value), box);
    } else if (ts.isSpreadAssignment(property)) {
      assign(interp, property.expression, value, box);
    }
  }
}

export function writeThisField(interp: Walker, path: readonly string[], value: Value): void {
  if (path.length === 0) return;
  for (const cls of interp.thisValue.classes ?? []) {
    if (ts.isClassLike(cls)) writeClassPath(interp, cls, path, value);
  }
  writeSharedPath(interp, interp.thisValue, path, value);
}

/** A write of a symbolic value to `this.x`, for callers to instantiate (constructor parameter properties). */
function recordFieldWrite(interp: Walker, path: readonly string[], value: Value): void {
  for (const cls of interp.thisValue.classes ?? []) {
    if (ts.isClassLike(cls) && hasSymbolicLabels(value)) interp.effects.fieldWrites.push({ cls, path, value });
  }
}

function writeClassPath(interp: Walker, cls: ts.ClassLikeDeclaration, path: readonly string[], value: Value): void {
  writeStorePath(interp, cls, path, value);
}

/** `ctx.drawImage(video)` taints the canvas `ctx` came from (`const ctx = canvas.getContext('2d')`). */
function propagateToOwner(interp: Walker, base: Value, added: Value, box: Box): void {
  const owner = base.owner;
  if (!owner) return;
  const ownerValue = box.state.get(owner) ?? interp.host.moduleValue(owner);
  if (!ownerValue) return;
  const taint = deepTaint(added);
  if (!taint) return;
  box.state.set(owner, compact({ ...ownerValue, taint: mergeTaint(ownerValue.taint, taint) }));
}

export function mutateReceiver(interp: Walker, callee: Callee, args: Value[], box: Box): void {
  // `map.set(key, value)`, `form.append(name, blob, filename)`: the second argument is the stored value.
  const stored = (callee.name === 'set' || callee.name === 'append') && args.length >= 2 ? args[1]! : args.reduce((acc, arg) => joinValues(acc, arg), EMPTY);
  storeInto(interp, callee.receiverNode!, callee.receiver ?? EMPTY, stored, `stored by ${callee.name}()`, box);
}

/**
 * Data stored inside the object an expression denotes: a local variable, a field of `this`, or, for a value
 * obtained from a variable by a call (`canvas.getContext('2d').drawImage(video)`), that variable.
 */
export function storeInto(interp: Walker, receiverNode: ts.Expression, receiverValue: Value, stored: Value, message: string, box: Box): void {
  if (!deepTaint(stored)) return;
  const stepped = withStep(stored, receiverNode, 'step', message);
  if (!ts.isIdentifier(receiverNode) && !(ts.isPropertyAccessExpression(receiverNode) && receiverNode.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    // `photos.value.push(shot)`, `store.photos.push(shot)`: into the field of a shared object's store.
    if (ts.isPropertyAccessExpression(receiverNode) && ts.isIdentifier(receiverNode.expression)) {
      const symbol = interp.resolver.symbolAt(receiverNode.expression);
      const base = symbol && (box.state.get(symbol) ?? interp.host.moduleValue(symbol));
      if (base?.shared) writeSharedPath(interp, base, [receiverNode.name.text], { elem: stepped });
    }
    propagateToOwner(interp, receiverValue, stepped, box);
    return;
  }
  if (ts.isIdentifier(receiverNode)) {
    const symbol = interp.resolver.symbolAt(receiverNode);
    if (!symbol) return;
    const base = box.state.get(symbol) ?? interp.host.moduleValue(symbol) ?? EMPTY;
    const updated = compact({ ...base, elem: joinValues(base.elem ?? EMPTY, stepped) });
    box.state.set(symbol, updated);
    writeModuleObject(interp, symbol, updated, stepped);
    propagateToOwner(interp, base, stepped, box);
    const paramIndex = interp.params.get(symbol);
    if (paramIndex !== undefined) interp.effects.paramWrites.push({ index: paramIndex, path: [], value: { elem: stepped } });
  } else if (ts.isPropertyAccessExpression(receiverNode) && receiverNode.expression.kind === ts.SyntaxKind.ThisKeyword) {
    writeThisField(interp, [receiverNode.name.text], { elem: stepped });
  }
}

/**
 * `slots.raw = frame`, `ring.push(frame)`, `pending.set(id, frame)` on an object a module variable holds (of this
 * module or imported): like an assignment to the variable itself, every function that reads it sees the data
 * (flow-insensitively). Only data and clients are written: a counter bumped on every call would make its readers
 * stale for nothing.
 */
function writeModuleObject(interp: Walker, symbol: ts.Symbol, updated: Value, stored: Value): void {
  if (!deepTaint(stored) && !stored.api?.length) return;
  // `import { slots } from './slots'`: the variable the other module declares.
  const variable = symbol.flags & ts.SymbolFlags.Alias ? interp.resolver.aliasTarget(symbol) : symbol;
  if (variable && interp.host.isModuleVariable(variable)) interp.host.writeModuleValue(variable, stripSymbolic(updated));
}

/**
 * `const { idCardNo, ...rest } = lead`: rest keeps the declared type and every other field; the fields taken out are
 * held empty, so that the type's `idCardNo` is not counted in it (type-labels.ts), and a parameter's rest no longer
 * carries what the caller passes in them (value.ts `withoutFields`).
 */
function omitFields(value: Value, names: readonly string[]): Value {
  return withoutFields(value, names);
}

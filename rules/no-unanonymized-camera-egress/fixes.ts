/**
 * Fixes of `no-unanonymized-camera-egress`; all are suggestions, since anonymising changes what is sent.
 * - Apply the project's anonymiser to the camera value itself, before it is encoded or wrapped:
 *     `const snapshot = cv.imencode('.jpg', frame).toString('base64')` → `cv.imencode('.jpg', blurFacesAndPlates(frame))`
 *     `client.publish(topic, frame)`              → `client.publish(topic, await blurFacesAndPlates(frame))`
 *     `JSON.stringify({ visitId, photo })`        → `JSON.stringify({ visitId, photo: await blurFacesAndPlates(photo) })`
 *     `form.append('photo', snapshot)` (then `form` is sent) → `form.append('photo', await blurFacesAndPlates(snapshot))`
 *   The camera value is the first binding of the data in the sink's function (the source's own name, or the
 *   variable the source was assigned to), read from the path and the syntax tree; the fix wraps its one use in the
 *   next statement the data goes through. Wrapping a JPEG, a base64 text or a FormData that merely contains the
 *   frame would not type-check against an anonymiser of frames and would anonymise nothing, so the encoded value is
 *   never wrapped; an anonymiser whose parameter is declared with another type than the value is not used.
 * - The anonymiser is one the dataflow saw the project call (its own function, or a configured one that is in
 *   scope); it is imported when it lives in another file. An async anonymiser is awaited, and only in an `async`
 *   function; in another function a synchronous anonymiser is used when the project has one, and otherwise the
 *   fix is listed as not offered, with the reason.
 * - Suppress with a reason.
 */
import type { Fix, FixContext, FixNotOffered, FlowStep, KnownFunction, Locale, Reach, TextEdit } from '../../server/src/engine/rule-api';
import { ts } from '../../server/src/engine/rule-api';
import { importEditFor } from '../shared/imports';
import { escapeRegExp } from '../shared/names';
import { createSuppressFix } from '../shared/suppress-fix';
import { canAwaitAt, enclosingFunction, enclosingListedStatement, innermostNodeContaining, nodeAtRange } from '../shared/syntax';
import { isNameInScope } from '../shared/text';
import type { CameraEgressOptions } from './options';

const TITLE: Readonly<Record<Locale, (name: string) => string>> = {
  en: (name) => `Anonymise with ${name}() before sending`,
  'zh-CN': (name) => `发送前使用 ${name}() 做匿名化处理`,
};

const NOT_OFFERED: Readonly<Record<Locale, (name: string, fn: string) => string>> = {
  en: (name, fn) => `${name}() is async and ${fn}() is not, and the project has no synchronous anonymiser: make ${fn}() async to anonymise here`,
  'zh-CN': (name, fn) => `${name}() 是异步函数而 ${fn}() 不是，且项目中没有同步的匿名化函数：请将 ${fn}() 改为 async 后再在此处做匿名化处理`,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function createFixes(reach: Reach, context: FixContext, options: CameraEgressOptions, locale: Locale): (Fix | FixNotOffered)[] {
  const fixes: (Fix | FixNotOffered)[] = [];
  const wrap = createAnonymizeFix(reach, context, options, locale);
  if (wrap !== undefined) fixes.push(wrap);
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

interface Target {
  /** The expression to anonymise. */
  readonly node: ts.Expression;
  /** `photo: ` when the target is a shorthand property. */
  readonly prefix: string;
  /** The type the code declares for the value (`cv.Mat`, `Buffer`), when it declares one. */
  readonly declaredType?: string;
}

function createAnonymizeFix(reach: Reach, context: FixContext, options: CameraEgressOptions, locale: Locale): Fix | FixNotOffered | undefined {
  const file = reach.sink.argumentRange.file;
  const fileText = context.fileText(file);
  const tree = context.syntaxTree(file);
  const anonymizers = candidates(context, options, fileText);
  const target = findRawValue(tree, reach, new Set(anonymizers.map((fn) => fn.name)));
  if (target === undefined) return undefined;
  const isAsyncAllowed = canAwaitAt(target.node);
  let blocked: KnownFunction | undefined;
  for (const anonymizer of anonymizers) {
    if (!typesFit(context, anonymizer, target)) continue;
    const importEdit = importEditFor(anonymizer, file, fileText);
    if (importEdit === undefined) continue;
    // Where the declaration was not seen (a configured or library anonymiser), how the file calls it tells.
    const isAsync = anonymizer.isAsync || (anonymizer.file === undefined && new RegExp(`\\bawait\\s+(?:[\\w$]+\\.)*${escapeRegExp(anonymizer.name)}\\s*\\(`).test(fileText));
    if (isAsync && !isAsyncAllowed) {
      blocked ??= anonymizer;
      continue;
    }
    const start = target.node.getStart(tree);
    const call = `${isAsync ? 'await ' : ''}${anonymizer.name}(${target.node.getText(tree)})`;
    const edits: TextEdit[] = [];
    if (importEdit !== null) edits.push(importEdit);
    edits.push({ file, start, end: target.node.end, newText: `${target.prefix}${call}` });
    return { title: TITLE[locale](anonymizer.name), isSafe: false, isPreferred: true, edits };
  }
  if (blocked === undefined) return undefined;
  return { title: TITLE[locale](blocked.name), notOffered: NOT_OFFERED[locale](blocked.name, functionNameOf(target.node)) };
}

function functionNameOf(node: ts.Node): string {
  const fn = enclosingFunction(node);
  return fn && 'name' in fn && fn.name && ts.isIdentifier(fn.name) ? fn.name.text : 'this function';
}

/**
 * Anonymisers to offer, best first: the project's own functions the dataflow saw acting as anonymisers, then the
 * configured ones that are already in scope in the file. Library helpers seen inside the project's anonymiser
 * (`blurAll` of a vendor SDK) cannot be imported and are skipped by the caller.
 */
function candidates(context: FixContext, options: CameraEgressOptions, fileText: string): KnownFunction[] {
  const usable = context.knownSanitizers.filter((fn) => IDENTIFIER.test(fn.name) && fn.arity >= 1);
  const own = usable.filter((fn) => fn.file !== undefined);
  const others = usable.filter((fn) => fn.file === undefined);
  const configured = options.anonymizers
    .filter((name) => IDENTIFIER.test(name) && isNameInScope(fileText, name) && !usable.some((fn) => fn.name === name))
    .map((name): KnownFunction => ({ name, isExported: false, isAsync: false, arity: 1 }));
  // Synchronous ones first among equals would change the project's choice; only the order the dataflow gave counts.
  return [...own, ...others, ...configured];
}

/**
 * Whether the anonymiser takes the value: when both the anonymiser's first parameter and the value have a declared
 * type, the two must be written alike (`cv.Mat` and `cv.Mat`); an undeclared type on either side is left to the
 * construction (the value wrapped is the camera value itself, never its encoding).
 */
function typesFit(context: FixContext, anonymizer: KnownFunction, target: Target): boolean {
  if (anonymizer.file === undefined || target.declaredType === undefined) return true;
  const parameterType = firstParameterType(context.syntaxTree(anonymizer.file), anonymizer.name);
  return parameterType === undefined || normaliseType(parameterType) === normaliseType(target.declaredType);
}

function normaliseType(text: string): string {
  return text.replace(/\s+/g, '');
}

function firstParameterType(tree: ts.SourceFile, name: string): string | undefined {
  for (const statement of tree.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement.parameters[0]?.type?.getText(tree);
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
        return init.parameters[0]?.type?.getText(tree);
      }
    }
  }
  return undefined;
}

/**
 * The camera value in the sink's function and the one use of it to wrap (see the header); undefined when it cannot
 * be told.
 */
function findRawValue(tree: ts.SourceFile, reach: Reach, anonymizers: ReadonlySet<string>): Target | undefined {
  const file = reach.sink.argumentRange.file;
  const sinkNode = innermostNodeContaining(tree, reach.sink.callRange.offset, reach.sink.callRange.length);
  if (!sinkNode) return undefined;
  const fn = enclosingFunction(sinkNode);
  const isLocal = (step: FlowStep) => step.range.file === file && (!fn || (step.range.offset >= fn.pos && step.range.offset < fn.end));
  const steps = reach.path.slice(0, -1);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (!isLocal(step)) continue;
    const binding = bindingOf(tree, step);
    if (binding === undefined) {
      // The source is written inside what is sent (`publish(topic, cv.imencode('.jpg', camera.read()))`). A source
      // assigned to a variable is anonymised where the variable is used on the way out, not where it is read: the
      // frame may also be used on the device (`detectMultiScale(frame)`), which must keep seeing the real one.
      const isBoundNext = /^assigned to /.test(steps[index + 1]?.message ?? '');
      if (step.kind === 'source' && !isBoundNext) {
        const node = nodeAtRange(tree, step.range);
        if (node && ts.isCallExpression(node)) return { node, prefix: '' };
      }
      continue;
    }
    const consumer = steps.slice(index + 1).find((next) => isLocal(next) && (/^assigned to |^stored by /.test(next.message)));
    const where = consumer ? enclosingListedStatement(innermostNodeContaining(tree, consumer.range.offset, consumer.range.length) ?? sinkNode) : nodeAtRange(tree, reach.sink.argumentRange);
    // A binding not used once where it goes on (a stream drawn into a canvas and read back as a data URL) is not
    // the value to wrap; a later binding on the path may be.
    if (!where) continue;
    const uses = usesOf(where, binding.name);
    if (uses.length !== 1) continue;
    const use = uses[0]!;
    // `if (share) payload = await anonymizeFrame(frame)`: that use is already anonymised; the raw value leaves by
    // the other branch, so the value sent is wrapped instead.
    if (isAnonymised(use, anonymizers)) break;
    const isShorthand = ts.isShorthandPropertyAssignment(use.parent);
    return { node: use, prefix: isShorthand ? `${binding.name}: ` : '', declaredType: binding.declaredType };
  }
  // No binding in this function is on the path (the value came in from the caller): the argument is wrapped when it
  // is a plain value (`publish(topic, frame)`, `{ body: clip }`), never when it is built from the frame.
  const argument = nodeAtRange(tree, reach.sink.argumentRange);
  const value = argument && ts.isPropertyAssignment(argument) ? argument.initializer : argument;
  if (value && (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value))) {
    return { node: value, prefix: ts.isShorthandPropertyAssignment(value.parent) ? `${value.getText(tree)}: ` : '' };
  }
  return undefined;
}

function isAnonymised(node: ts.Node, anonymizers: ReadonlySet<string>): boolean {
  for (let current = node.parent; current && !ts.isStatement(current); current = current.parent) {
    if (ts.isCallExpression(current)) {
      const callee = ts.isPropertyAccessExpression(current.expression) ? current.expression.name : current.expression;
      if (ts.isIdentifier(callee) && anonymizers.has(callee.text)) return true;
    }
  }
  return false;
}

/** The variable or parameter a step binds the data to: `assigned to frame`, or a source that is a parameter's name. */
function bindingOf(tree: ts.SourceFile, step: FlowStep): { readonly name: string; readonly declaredType?: string } | undefined {
  const assigned = /^assigned to ([A-Za-z_$][\w$]*)$/.exec(step.message);
  const node = nodeAtRange(tree, step.range);
  if (assigned) {
    const declaration = node && ts.isVariableDeclaration(node.parent) ? node.parent : undefined;
    return { name: assigned[1]!, declaredType: declaration?.type?.getText(tree) };
  }
  if (step.kind === 'source' && node && ts.isIdentifier(node)) {
    const parameter = ts.isParameter(node.parent) ? node.parent : undefined;
    return { name: node.text, declaredType: parameter?.type?.getText(tree) };
  }
  return undefined;
}

/** References to `name` in `where` that pass its value on (not a declaration, a property name or a receiver). */
function usesOf(where: ts.Node, name: string): ts.Identifier[] {
  const uses: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) || (ts.isVariableDeclaration(parent) && parent.name === node);
      const isReceiver = ts.isPropertyAccessExpression(parent) && parent.expression === node;
      const isCallee = ts.isCallExpression(parent) && parent.expression === node;
      if (!isName && !isReceiver && !isCallee) uses.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(where);
  return uses;
}

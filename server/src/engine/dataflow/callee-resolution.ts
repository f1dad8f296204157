/**
 * Stage: dataflow (callee resolution).
 * Input: the callee expression of a call or `new` (`send`, `this.repo.save`, `client.publish`, `require('./x')`),
 * with the caller's state.
 * Output: what is called (`Callee`: its value, and for a method the receiver and the names along it) and the
 * project functions it can be: function values the analysis tracked, what the checker resolves a plain name to,
 * implementations of an interface method, members inherited from project base classes, constructors; and the
 * exports of a project module loaded with `require`.
 * Invariant: the checker is asked for the symbols of plain names only: a method resolves through what the analysis
 * knows of its receiver (`new`, declared types, summaries' return values, interface implementations).
 */
import { ts } from 'ts-morph';
import type { ApiRef } from '../facts/api-ref';
import type { Box, CallNode, Callee, Walker } from './host';
import { findMember, readMember } from './members';
import { moduleObject } from './module-exports';
import { accessChainNames, literalKey, skipOuter } from './resolve';
import { classNamed } from './static-members';
import { type FnValue, type FunctionNode, type Value, EMPTY, joinValues } from './value';

export function evaluateCallee(interp: Walker, calleeNode: ts.Expression, box: Box): Callee {
  if (ts.isPropertyAccessExpression(calleeNode) || (ts.isElementAccessExpression(calleeNode) && literalKey(calleeNode.argumentExpression) !== undefined)) {
    const name = ts.isPropertyAccessExpression(calleeNode) ? calleeNode.name.text : literalKey(calleeNode.argumentExpression)!;
    const receiverNode = skipOuter(calleeNode.expression);
    const isThis = receiverNode.kind === ts.SyntaxKind.ThisKeyword || receiverNode.kind === ts.SyntaxKind.SuperKeyword;
    const receiver = isThis ? interp.thisValue : interp.eval(calleeNode.expression, box);
    const value = readMember(interp, isThis ? { ...receiver, fields: undefined } : receiver, name, calleeNode);
    // `this.enrol(…)`, and `FaceRegistry.enrol(…)`: a static method of a class named directly.
    const staticOf = isThis ? undefined : classNamed(interp, receiverNode);
    const methods = isThis ? memberFunctions(interp, receiver, name) : staticOf ? memberFunctions(interp, { classes: [staticOf] }, name) : EMPTY;
    return {
      value: joinValues(value, methods),
      receiver,
      receiverNode,
      name,
      receiverNames: accessChainNames(receiverNode),
    };
  }
  const value = interp.eval(calleeNode, box);
  return { value, name: ts.isIdentifier(calleeNode) ? calleeNode.text : undefined };
}

function memberFunctions(interp: Walker, receiver: Value, name: string): Value {
  const fns: FnValue[] = [];
  for (const cls of receiver.classes ?? []) {
    if (!ts.isClassLike(cls)) continue;
    const member = findMemberInHierarchy(interp, cls, name);
    if (member) fns.push({ kind: 'function', node: member });
  }
  return fns.length ? { fns } : EMPTY;
}

export function projectTargets(interp: Walker, node: CallNode, callee: Callee): FnValue[] {
  const targets: FnValue[] = [...(callee.value.fns ?? [])];
  if (targets.length === 0) {
    // The checker resolves what our own value tracking cannot (`repo.save` with `repo` of a project type).
    const calleeNode = skipOuter(node.expression);
    const nameNode = ts.isPropertyAccessExpression(calleeNode) ? calleeNode.name : ts.isIdentifier(calleeNode) ? calleeNode : undefined;
    // Only for plain calls: for a method, the checker would type-check the receiver expression, which cost a third
    // of a scan's time. Methods resolve through what the analysis knows of the receiver (`new`, declared types,
    // summaries' return values, interface implementations).
    if (nameNode && ts.isIdentifier(calleeNode)) {
      const symbol = interp.resolver.symbolAt(nameNode);
      if (symbol) {
        for (const declaration of interp.resolver.projectDeclarations(symbol)) {
          const fn = interp.resolver.functionOf(declaration);
          if (fn) targets.push({ kind: 'function', node: fn });
          else if ((ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) && ts.isInterfaceDeclaration(declaration.parent) && callee.name) {
            for (const impl of interp.host.implementationsOf(declaration.parent, callee.name)) targets.push({ kind: 'function', node: impl });
          }
        }
      }
    }
  }
  if (targets.length === 0 && callee.receiver?.classes && callee.name) {
    for (const cls of callee.receiver.classes) {
      if (ts.isInterfaceDeclaration(cls)) {
        for (const impl of interp.host.implementationsOf(cls, callee.name)) targets.push({ kind: 'function', node: impl });
      }
    }
  }
  return targets;
}

/**
 * The library functions a callee may be besides project functions: `this.debug = opts.debug ?? console.log` holds a
 * project closure or `console.log`, and a call runs either, so the API models apply to the library one. A project
 * method overrides what its class inherits from a library class (`class AuditLogger extends Logger { log() {…} }`):
 * then the inherited member is never called, and the call is the project's only.
 */
export function externalAlternatives(callee: Callee, targets: readonly FnValue[]): readonly ApiRef[] {
  const api = callee.value.api;
  if (!api?.length || targets.length === 0) return [];
  const overrides = targets.some((target) => target.kind === 'function' && isClassMember(target.node));
  return overrides ? [] : api;
}

/** A method or accessor of a class (a field holding a function is a value the code may replace). */
function isClassMember(fn: FunctionNode): boolean {
  return ts.isClassLike(fn.parent);
}

export function projectClassesOf(interp: Walker, calleeNode: ts.Expression): ts.ClassLikeDeclaration[] {
  const nameNode = ts.isPropertyAccessExpression(calleeNode) ? calleeNode.name : ts.isIdentifier(calleeNode) ? calleeNode : undefined;
  if (!nameNode) return [];
  const symbol = interp.resolver.symbolAt(nameNode);
  if (!symbol) return [];
  return interp.resolver.projectDeclarations(symbol).filter((declaration): declaration is ts.ClassLikeDeclaration => ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration));
}

export function findConstructor(cls: ts.ClassLikeDeclaration): FunctionNode | undefined {
  const own = cls.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
  return own;
}

function findMemberInHierarchy(interp: Walker, cls: ts.ClassLikeDeclaration, name: string, depth = 0): FunctionNode | undefined {
  const member = findMember(cls, name);
  if (member) {
    const fn = interp.resolver.functionOf(member);
    if (fn) return fn;
  }
  if (depth > 5) return undefined;
  const base = baseClassOf(interp, cls);
  return base ? findMemberInHierarchy(interp, base, name, depth + 1) : undefined;
}

export function baseClassOf(interp: Walker, cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const heritage = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = heritage?.types[0]?.expression;
  if (!expression) return undefined;
  return projectClassesOf(interp, expression)[0];
}

/** `require('./uploader')` of a project module: an object whose fields are the module's exports (module-exports.ts). */
export function moduleExports(interp: Walker, specifier: ts.StringLiteralLike): Value {
  const moduleSymbol = interp.resolver.symbolAt(specifier);
  return moduleSymbol ? moduleObject(interp, moduleSymbol) : EMPTY;
}

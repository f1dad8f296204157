/**
 * Stage: dataflow (guards a framework runs before a controller method).
 * Input: a function about to be summarised, and the analysis host.
 * Output: the guards that hold when it starts: for a controller method under a guard decorator (NestJS
 * `@UseGuards(FaceConsentGuard)`, Midway `@UseGuard(FaceConsentGuard)`, on the method or on its class), what each
 * guard class's `canActivate` checks when it lets the request through (it returns a truthy value, or returns at
 * all after throwing on the other paths). Which decorators and methods these are is data
 * (facts/route-frameworks.ts).
 * Invariant: every guard named must pass, so their checks add up; the guard classes' methods are summarised through
 * the host, so that an edit of a guard analyses the methods behind it again.
 */
import { ts } from 'ts-morph';
import { guardMethodOfDecorator } from '../facts/route-frameworks';
import type { AnalysisHost } from './host';
import { findMember } from './members';
import { skipOuter } from './resolve';
import type { FunctionNode, GuardFact } from './value';

export function entryGuards(host: AnalysisHost, fn: FunctionNode | ts.SourceFile): readonly GuardFact[] {
  if (ts.isSourceFile(fn) || !ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent) || host.guardRules.length === 0) return [];
  const decorators = [...(ts.getDecorators(fn) ?? []), ...(ts.getDecorators(fn.parent) ?? [])];
  const facts: GuardFact[] = [];
  for (const decorator of decorators) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call)) continue;
    const callee = skipOuter(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const method = name === undefined ? undefined : guardMethodOfDecorator(name);
    if (!method) continue;
    for (const guard of call.arguments.flatMap((argument) => guardClasses(host, argument))) {
      const check = inheritedMethod(host, guard, method, 0);
      if (!check || check === fn) continue;
      const summary = host.summaryOf(check);
      for (const fact of [...(summary.retCond?.whenTrue ?? []), ...summary.guardsOnReturn]) {
        if (!fact.validates && !facts.includes(fact)) facts.push(fact);
      }
    }
  }
  return facts;
}

/** The class's own method, or the one it inherits from a project base class (`extends ConsentGuardBase`). */
function inheritedMethod(host: AnalysisHost, cls: ts.ClassLikeDeclaration, name: string, depth: number): FunctionNode | undefined {
  const member = findMember(cls, name);
  const own = member && host.resolver.functionOf(member);
  if (own || depth > 4) return own;
  const base = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const parent = base && guardClasses(host, base)[0];
  return parent ? inheritedMethod(host, parent, name, depth + 1) : undefined;
}

/** `FaceConsentGuard`, `new FaceConsentGuard()`, `[AuthGuard, FaceConsentGuard]`: the project classes named. */
function guardClasses(host: AnalysisHost, argument: ts.Expression): ts.ClassLikeDeclaration[] {
  const node = skipOuter(argument);
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((element) => guardClasses(host, element));
  const named = ts.isNewExpression(node) ? skipOuter(node.expression) : node;
  const nameNode = ts.isIdentifier(named) ? named : ts.isPropertyAccessExpression(named) ? named.name : undefined;
  const symbol = nameNode && host.resolver.symbolAt(nameNode);
  if (!symbol) return [];
  return host.resolver.projectDeclarations(symbol).filter((declaration): declaration is ts.ClassLikeDeclaration => ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration));
}

/**
 * Stage: dataflow (static members of project classes).
 * Input: the object of a member access, write or call (`Telegram.bot`, `Telegram.bot = new TelegramBot(…)`,
 * `FaceRegistry.enrol(…)`).
 * Output: the project class it names, when it names one directly (a class declaration, or an import of one).
 * Invariant: static fields share the class's field store with instance fields: `Telegram.bot` written in one
 * function is read in every other, as `this.bot` is, and `static bot = new TelegramBot(…)` is the store's
 * initial value (statements.ts). Names only: a variable that holds a class is not followed.
 */
import { ts } from 'ts-morph';
import type { Walker } from './host';
import { skipOuter } from './resolve';

export function classNamed(interp: Walker, expression: ts.Expression): ts.ClassLikeDeclaration | undefined {
  const node = skipOuter(expression);
  if (!ts.isIdentifier(node)) return undefined;
  const symbol = interp.resolver.symbolAt(node);
  if (!symbol) return undefined;
  const isClass = symbol.flags & ts.SymbolFlags.Alias ? !!((interp.resolver.aliasTarget(symbol)?.flags ?? 0) & ts.SymbolFlags.Class) : !!(symbol.flags & ts.SymbolFlags.Class);
  if (!isClass) return undefined;
  for (const declaration of interp.resolver.projectDeclarations(symbol)) {
    if (ts.isClassDeclaration(declaration)) return declaration;
  }
  return undefined;
}

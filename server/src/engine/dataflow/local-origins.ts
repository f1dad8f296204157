/**
 * Stage: dataflow (where a local name comes from, read off the syntax).
 * Input: an identifier of the function being walked, or a name in a destructuring pattern.
 * Output: the declaration that binds it and, when it is bound from an expression (`const consent = await
 * fetchBiometricConsent(driverId)`, `const { primary, family } = req.body`), that expression and the path into it.
 * Invariant: syntax only, through a few steps at most; a name bound by a loop, a `catch` or a module import has no
 * origin here. A `let` counts by its initializer: what is assigned to it later is not followed.
 */
import { ts } from 'ts-morph';
import type { Walker } from './host';
import { skipOuter, staticPropertyName } from './resolve';

/** A name's binding: the declaration, and the expression it was bound from with the path into it. */
export interface LocalOrigin {
  readonly declaration: ts.Declaration;
  /** The initializer (or the destructured expression) it was bound from, when there is one. */
  readonly from?: ts.Expression;
  /** The property path from `from` to the name (`['family']` for `const { family } = req.body`). */
  readonly path: readonly string[];
}

/** How an identifier (a use or a declared name) was bound, or undefined for a global or an import. */
export function localOrigin(interp: Walker, identifier: ts.Identifier): LocalOrigin | undefined {
  // `{ personId }`: the variable `personId`, not the property.
  const parent = identifier.parent;
  const symbol = parent && ts.isShorthandPropertyAssignment(parent) && parent.name === identifier ? interp.resolver.shorthandValueSymbol(parent) : interp.resolver.symbolAt(identifier);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (!declaration || declaration.getSourceFile() !== identifier.getSourceFile()) return undefined;
  return originOfDeclaration(declaration);
}

export function originOfDeclaration(declaration: ts.Declaration): LocalOrigin | undefined {
  if (ts.isVariableDeclaration(declaration)) {
    const forOf = declaration.parent?.parent;
    if (forOf && ts.isForOfStatement(forOf)) return { declaration, from: forOf.expression, path: ['[]'] };
    return { declaration, from: declaration.initializer, path: [] };
  }
  if (ts.isParameter(declaration)) return { declaration, path: [] };
  if (ts.isBindingElement(declaration)) {
    const path: string[] = [];
    let element: ts.Node = declaration;
    while (ts.isBindingElement(element)) {
      const pattern: ts.BindingPattern = element.parent;
      if (ts.isObjectBindingPattern(pattern)) {
        const key = element.propertyName ? staticPropertyName(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        if (key === undefined) return undefined;
        path.unshift(key);
      } else {
        path.unshift(String(pattern.elements.indexOf(element)));
      }
      element = pattern.parent;
    }
    if (ts.isParameter(element)) return { declaration: element, path };
    if (ts.isVariableDeclaration(element)) {
      const outer = originOfDeclaration(element);
      return outer ? { declaration: element, from: outer.from, path: [...outer.path, ...path] } : undefined;
    }
  }
  return undefined;
}

/** `await fetchBiometricConsent(id)`, `(await api.get(url)).data`: the call whose result the expression is. */
export function originCall(expression: ts.Expression): ts.CallExpression | undefined {
  let current = expression;
  for (let depth = 0; depth < 6; depth++) {
    current = skipOuter(current);
    if (ts.isAwaitExpression(current)) current = current.expression;
    else if (ts.isCallExpression(current)) return current;
    else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = current.expression;
    else return undefined;
  }
  return undefined;
}

/** The root identifier of a property chain (`consent` in `consent.face.grantedAt`), if it has one. */
export function chainRoot(node: ts.Node): ts.Identifier | undefined {
  let current: ts.Node = node;
  for (let depth = 0; depth < 8; depth++) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      return ts.isIdentifier(current) ? current : undefined;
    }
  }
  return undefined;
}

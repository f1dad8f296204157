/**
 * Syntax questions fixes ask of the file they edit, answered from the tree `FixContext.syntaxTree` gives (parsed
 * from the analysed text, so the reach's offsets index into it). No fixer reads the text token by token.
 */
import { ts } from '../../server/src/engine/rule-api';
import type { SourceRange } from '../../server/src/engine/rule-api';

/** The outermost node that spans exactly `range` (or the innermost one that contains it). */
export function nodeAtRange(tree: ts.SourceFile, range: Pick<SourceRange, 'offset' | 'length'>): ts.Node | undefined {
  const end = range.offset + range.length;
  let found: ts.Node | undefined;
  // The outermost exact node may be wrapped (`(x)`, `x as T`): the first exact match from the top is kept.
  for (let node = childContaining(tree, tree, range.offset, end); node; node = childContaining(tree, node, range.offset, end)) {
    found = node;
    if (node.getStart(tree) === range.offset && node.end === end) break;
  }
  return found;
}

/** The innermost node whose span contains `[offset, offset + length)`. */
export function innermostNodeContaining(tree: ts.SourceFile, offset: number, length = 0): ts.Node | undefined {
  let found: ts.Node | undefined;
  for (let node = childContaining(tree, tree, offset, offset + length); node; node = childContaining(tree, node, offset, offset + length)) found = node;
  return found;
}

/**
 * The first child of `parent` whose span (from its first token) contains `[offset, end)`. A list of children (a
 * block's statements) is searched by halves, so a lookup in a function of 100,000 statements costs ~17 steps, not
 * 100,000: fixers look up every finding's nodes.
 */
function childContaining(tree: ts.SourceFile, parent: ts.Node, offset: number, end: number): ts.Node | undefined {
  const contains = (node: ts.Node) => node.end >= end && node.pos <= offset && node.getStart(tree) <= offset;
  let found: ts.Node | undefined;
  ts.forEachChild(
    parent,
    (child) => {
      if (contains(child)) return (found = child);
      return child.pos > offset ? child : undefined;
    },
    (children) => {
      // The first child that ends at or after `end`; children are in order and do not overlap.
      let low = 0;
      let high = children.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (children[middle]!.end < end) low = middle + 1;
        else high = middle;
      }
      const candidate = children[low];
      if (candidate && contains(candidate)) return (found = candidate);
      return children.pos > offset ? children : undefined;
    },
  );
  return found;
}

function isStatementList(node: ts.Node): boolean {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

/**
 * The statement that a check must come before so that it runs before `node`: the innermost statement that sits
 * in a block (an `if` without braces, an `else` branch and a label go with their statement; a call in another
 * call's arguments or in an expression-bodied arrow goes with the whole statement). Undefined outside statements
 * (a class field's initializer, a parameter default).
 */
export function enclosingListedStatement(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (ts.isClassLike(current) || ts.isParameter(current)) return undefined;
    if (current.parent && ts.isStatement(current) && isStatementList(current.parent)) return current;
  }
  return undefined;
}

/** The function whose body holds `node` (an arrow counts), undefined at module level. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

export function isAsyncFunction(fn: ts.SignatureDeclaration | undefined): boolean {
  if (!fn || !ts.canHaveModifiers(fn)) return false;
  return !!ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

/** Whether `await` may be written at `node`: inside an `async` function (never at module level: scripts and CommonJS reject it). */
export function canAwaitAt(node: ts.Node): boolean {
  return isAsyncFunction(enclosingFunction(node));
}

/** The class whose `this` is in scope at `node`: arrows see through to the method that holds them. */
export function classOfThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (ts.isFunctionLike(current)) {
      const owner = current.parent;
      const isMember = ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isGetAccessor(current) || ts.isSetAccessor(current);
      return isMember && owner && ts.isClassLike(owner) ? owner : undefined;
    }
    if (ts.isClassLike(current)) return current;
  }
  return undefined;
}

const PARAMETER_PROPERTY_MODIFIERS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
]);

/** Whether the class declares member `name`: a property, a method, an accessor or a constructor parameter property. */
export function classHasMember(owner: ts.ClassLikeDeclaration, name: string): boolean {
  for (const member of owner.members) {
    if (member.name && ts.isIdentifier(member.name) && member.name.text === name) return true;
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        const isProperty = ts.getModifiers(parameter)?.some((modifier) => PARAMETER_PROPERTY_MODIFIERS.has(modifier.kind)) ?? false;
        if (isProperty && ts.isIdentifier(parameter.name) && parameter.name.text === name) return true;
      }
    }
  }
  return false;
}

/** Names bound in scope at `node` by its enclosing functions' parameters and the file's top-level declarations and imports. */
export function isBoundAt(node: ts.Node, name: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && current.parameters.some((parameter) => bindsName(parameter.name, name))) return true;
    if (ts.isBlock(current) || ts.isSourceFile(current)) {
      for (const statement of current.statements) {
        if (statement.pos >= node.pos && !ts.isSourceFile(current)) break;
        if (statementDeclares(statement, name)) return true;
      }
    }
  }
  return false;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

function statementDeclares(statement: ts.Statement, name: string): boolean {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((declaration) => bindsName(declaration.name, name));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return true;
  if (ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
    const clause = statement.importClause;
    if (clause.name?.text === name) return true;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return bindings.name.text === name;
    if (bindings && ts.isNamedImports(bindings)) return bindings.elements.some((element) => !element.isTypeOnly && element.name.text === name);
  }
  return false;
}

/**
 * Whether `receiver.method(…)` can be called at `node`: `this.consent` when the class of `this` declares `consent`,
 * `this` when it declares the method, a plain name when it is bound there.
 */
export function canCallOn(node: ts.Node, receiver: string, method: string): boolean {
  if (receiver === 'this') {
    const owner = classOfThis(node);
    return !!owner && classHasMember(owner, method);
  }
  const member = /^this\.([A-Za-z_$][\w$]*)$/.exec(receiver);
  if (member) {
    const owner = classOfThis(node);
    return !!owner && classHasMember(owner, member[1]!);
  }
  return /^[A-Za-z_$][\w$]*$/.test(receiver) && isBoundAt(node, receiver);
}

/**
 * Whether an enclosing `if` tests the expression `text` as present before `node` runs: `if (x)`, `if (x != null)`,
 * `if (x !== undefined && …)`. The engine's type facts are the declared types (narrowing per expression was too
 * slow, see expression-facts.ts), so a fix asks this of the tree instead.
 */
export function isCheckedPresent(node: ts.Node, text: string): boolean {
  for (let current = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isFunctionLike(parent)) return false;
    if (ts.isIfStatement(parent) && parent.thenStatement === current && testsPresent(parent.expression, text)) return true;
  }
  return false;
}

function testsPresent(condition: ts.Expression, text: string): boolean {
  const inner = ts.isParenthesizedExpression(condition) ? condition.expression : condition;
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return testsPresent(inner.left, text) || testsPresent(inner.right, text);
    // Only a loose `!= null` (or `!= undefined`) rules out both; a strict one leaves the other nullish value.
    const isLooseInequality = operator === ts.SyntaxKind.ExclamationEqualsToken;
    const other = inner.left.getText() === text ? inner.right : inner.right.getText() === text ? inner.left : undefined;
    if (!isLooseInequality || other === undefined) return false;
    return other.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(other) && other.text === 'undefined');
  }
  return inner.getText() === text;
}

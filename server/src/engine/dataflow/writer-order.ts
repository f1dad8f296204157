/**
 * Stage: dataflow (the order a file's functions are summarised in).
 * Input: a parsed source file and its summarised functions (file-outline.ts).
 * Output: the same functions, writers of a module variable before its readers and callees before their callers,
 * otherwise in source order: a relay of stages that hand a frame over through `let` slots (`latestFrame = …` in
 * `capture`, `resized = latestFrame` in `shrink`, …), or through the fields of a module object (`slots.raw = …`), is
 * complete after one pass instead of needing one per stage.
 * Invariant: syntax only, and only an order: every function is still summarised, and a store that grows after it was
 * read still makes its readers stale (scheduler.ts). Cycles keep their source order.
 */
import { ts } from 'ts-morph';
import type { FunctionNode } from './value';

const orders = new WeakMap<ts.SourceFile, readonly FunctionNode[]>();

export function writersFirst(file: ts.SourceFile, functions: readonly FunctionNode[]): readonly FunctionNode[] {
  const cached = orders.get(file);
  if (cached) return cached;
  const ordered = order(file, functions);
  orders.set(file, ordered);
  return ordered;
}

function order(file: ts.SourceFile, functions: readonly FunctionNode[]): readonly FunctionNode[] {
  const variables = moduleVariables(file);
  const declared = new Map<string, number>();
  functions.forEach((fn, index) => {
    if (ts.isFunctionDeclaration(fn) && fn.name && fn.parent === file) declared.set(fn.name.text, index);
  });
  if (variables.size === 0 && declared.size === 0) return functions;
  const uses = functions.map((fn) => usesOf(fn, variables, declared));
  // Edges: the writer of a variable before each reader; a called function before its caller.
  const before: Set<number>[] = functions.map(() => new Set<number>());
  uses.forEach((use, index) => {
    for (const read of use.reads) {
      uses.forEach((writer, at) => {
        if (at !== index && [...writer.writes].some((written) => sees(read, written))) before[index]!.add(at);
      });
    }
    for (const callee of use.calls) if (callee !== index) before[index]!.add(callee);
  });
  if (before.every((set) => set.size === 0)) return functions;
  // Depth-first, in source order: each function after what must come before it; a cycle is cut where it is met.
  const out: FunctionNode[] = [];
  const state = new Uint8Array(functions.length); // 0 new, 1 on the stack, 2 placed
  for (let start = 0; start < functions.length; start++) {
    if (state[start]) continue;
    const stack: { index: number; pending: number[] }[] = [{ index: start, pending: [...before[start]!].sort((a, b) => a - b) }];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = top.pending.shift();
      if (next === undefined) {
        stack.pop();
        state[top.index] = 2;
        out.push(functions[top.index]!);
      } else if (!state[next]) {
        state[next] = 1;
        stack.push({ index: next, pending: [...before[next]!].sort((a, b) => a - b) });
      }
    }
  }
  return out;
}

/** Names of the file's top-level variables: the slots (or holders of slots) functions hand data over through. */
function moduleVariables(file: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
  }
  return names;
}

interface Uses {
  /** Slots written: a variable (`latestFrame`) or one field of it (`slots.raw`). */
  readonly writes: Set<string>;
  readonly reads: Set<string>;
  readonly calls: Set<number>;
}

/** Methods that put data into the collection they are called on. */
const STORING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append', 'fill']);

function usesOf(fn: FunctionNode, variables: ReadonlySet<string>, declared: ReadonlyMap<string, number>): Uses {
  const uses: Uses = { writes: new Set(), reads: new Set(), calls: new Set() };
  if (!fn.body) return uses;
  const pending: ts.Node[] = [fn.body];
  while (pending.length) {
    const node = pending.pop()!;
    if (ts.isIdentifier(node)) {
      if (variables.has(node.text)) noteSlot(node, uses);
      const callee = declared.get(node.text);
      if (callee !== undefined && ts.isCallExpression(node.parent) && node.parent.expression === node) uses.calls.add(callee);
      continue;
    }
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  return uses;
}

/** `slots.raw = …` writes `slots.raw`, `ring.push(…)` writes `ring`, `latestFrame` alone reads `latestFrame`. */
function noteSlot(identifier: ts.Identifier, uses: Uses): void {
  let slot = identifier.text;
  let target: ts.Expression = identifier;
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === identifier && !isMethodCall(parent)) {
    slot = `${identifier.text}.${parent.name.text}`;
    target = parent;
  }
  const access = target.parent;
  const stores = isAssigned(target) || (ts.isPropertyAccessExpression(access) && access.expression === target && isMethodCall(access) && STORING_METHODS.has(access.name.text));
  (stores ? uses.writes : uses.reads).add(slot);
}

function isMethodCall(access: ts.PropertyAccessExpression): boolean {
  return ts.isCallExpression(access.parent) && access.parent.expression === access;
}

/** Whether a reader's slot sees what a writer's slot holds: the same slot, or a variable and one of its fields. */
function sees(read: string, written: string): boolean {
  return read === written || written.startsWith(`${read}.`) || read.startsWith(`${written}.`);
}

function isAssigned(target: ts.Expression): boolean {
  const parent = target.parent;
  return ts.isBinaryExpression(parent) && parent.left === target && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

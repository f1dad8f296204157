/**
 * Stage: findings (the project's own guards and sanitizers, for fixes).
 * Input: the uses of project functions the dataflow saw acting as a rule's guard or sanitizer, counted per file.
 * Output: per rule, the `KnownFunction`s a fixer may call, most used first.
 * Invariant: the result does not depend on the order in which functions were analysed (ties are broken by name,
 * and a name declared twice resolves to the declaration first in path order), so that a scan that reuses the
 * counts of unchanged files from the cache (issue #9) offers exactly the fixes of a scan from scratch.
 */
import { ts } from 'ts-morph';
import type { FunctionNode } from '../dataflow/value';
import type { KnownFunction } from '../rule-api';

export type KnownFunctionKind = 'guard' | 'sanitizer';

/** How often one file's functions used one function as a rule's guard or sanitizer. Plain data (cached). */
export interface KnownUseCount {
  readonly kind: KnownFunctionKind;
  readonly rule: string;
  readonly name: string;
  /** What it was called on (`this.consent`), for methods. */
  readonly receiver?: string;
  readonly count: number;
  /** The declaration, when it is the project's own: what a fixer needs, and where it is (`at`, to break ties). */
  readonly declaration?: KnownFunction & { readonly at: readonly [file: string, offset: number] };
}

export interface KnownFunctions {
  readonly guards: ReadonlyMap<string, readonly KnownFunction[]>;
  readonly sanitizers: ReadonlyMap<string, readonly KnownFunction[]>;
}

/** What a fixer needs to know about a project function it may call. */
export function describeKnownFunction(name: string, receiver: string | undefined, node: FunctionNode): KnownUseCount['declaration'] & object {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  const statement = ts.isVariableDeclaration(node.parent) ? node.parent.parent?.parent : node;
  const statementModifiers = statement && ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  const file = node.getSourceFile().fileName;
  return {
    name,
    receiver,
    file,
    isExported: !!statementModifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
    isAsync: !!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword),
    arity: node.parameters.length,
    at: [file, node.pos],
  };
}

/** Adds up the counts of every file, per rule; most used first, then by name. */
export function mergeKnownUses(counts: Iterable<KnownUseCount>): KnownFunctions {
  interface Entry {
    name: string;
    receiver?: string;
    key: string;
    count: number;
    declaration?: KnownUseCount['declaration'];
  }
  const byKind = { guard: new Map<string, Map<string, Entry>>(), sanitizer: new Map<string, Map<string, Entry>>() };
  for (const use of counts) {
    let byKey = byKind[use.kind].get(use.rule);
    if (!byKey) byKind[use.kind].set(use.rule, (byKey = new Map()));
    const key = use.receiver ? `${use.receiver}.${use.name}` : use.name;
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { name: use.name, receiver: use.receiver, key, count: use.count, declaration: use.declaration });
      continue;
    }
    entry.count += use.count;
    if (use.declaration && (!entry.declaration || isBefore(use.declaration.at, entry.declaration.at))) entry.declaration = use.declaration;
  }
  const toList = (byRule: Map<string, Map<string, Entry>>) =>
    new Map(
      [...byRule].map(([rule, entries]) => [
        rule,
        [...entries.values()]
          .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map((entry): KnownFunction => {
            if (!entry.declaration) return { name: entry.name, receiver: entry.receiver, isExported: false, isAsync: false, arity: 1 };
            const { at: _at, ...known } = entry.declaration;
            return { ...known, name: entry.name, receiver: entry.receiver };
          }),
      ]),
    );
  return { guards: toList(byKind.guard), sanitizers: toList(byKind.sanitizer) };
}

function isBefore(a: readonly [string, number], b: readonly [string, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/**
 * Stage: dataflow (whole program).
 * Input: the TypeScript program, the files to analyse and the compiled rules.
 * Output: `CompleteReach`es (a rule's source reaching its sink unprotected, with the path and, for rules whose
 * protection is a guard, the unguarded call chain), plus run statistics and the project functions seen acting as
 * guards or sanitizers (for fixes).
 * Invariant: each function is summarised once per pass, on demand (callees before callers); class fields and
 * module variables are flow-insensitive stores, and the analysis repeats (at most MAX_PASSES) only when a store
 * grew after it had been read. A reach of a guard rule is reported only at a function nobody calls (a root) that
 * it reaches without a guard on the way, so a consent check in every caller protects the sink.
 */
import { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import { type AnalysisHost, type Budget, Interpreter } from './interpreter';
import { Resolver, isSummarised, staticPropertyName } from './resolve';
import { EMPTY_SUMMARY, type PendingReach, type SinkSite, type Summary } from './summary';
import { type FunctionNode, type GuardFact, type Label, type Step, type Value, EMPTY, deepTaint, joinValues } from './value';

const MAX_PASSES = 3;

/** `this.frames.push(frame)` writes the field as much as `this.frames = …` does. */
const STORING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']);

export interface CompleteReach {
  readonly rule: string;
  readonly sink: SinkSite;
  /** A source label (never a parameter label). */
  readonly label: Label;
  readonly fieldPath: readonly string[];
  readonly weak: readonly GuardFact[];
  readonly callChain: Step | undefined;
}

export interface KnownFunctionUse {
  readonly name: string;
  readonly node: FunctionNode | undefined;
  readonly count: number;
}

export interface DataflowResult {
  readonly reaches: readonly CompleteReach[];
  readonly functionsSummarised: number;
  readonly passes: number;
  /** Why another pass was needed (the first stores that grew after they were read), for `--debug`. */
  readonly passReasons: readonly string[];
  /** Budget kinds that ran out, with how often. */
  readonly budgetsHit: ReadonlyMap<string, number>;
  readonly knownGuards: ReadonlyMap<string, readonly KnownFunctionUse[]>;
  readonly knownSanitizers: ReadonlyMap<string, readonly KnownFunctionUse[]>;
}

export interface DataflowInput {
  readonly program: ts.Program;
  readonly files: readonly ts.SourceFile[];
  readonly isProjectFile: (file: ts.SourceFile) => boolean;
  readonly rules: readonly CompiledRule[];
  readonly onFileDone?: (done: number, total: number) => void;
}

export function analyseProgram(input: DataflowInput): DataflowResult {
  const checker = input.program.getTypeChecker();
  const resolver = new Resolver(input.program, checker, input.isProjectFile);
  const budgetsHit = new Map<string, number>();
  const known = { guard: new Map<string, Map<string, { node: FunctionNode | undefined; count: number }>>(), sanitizer: new Map<string, Map<string, { node: FunctionNode | undefined; count: number }>>() };
  const classFields = new Map<ts.ClassLikeDeclaration, Map<string, Value>>();
  const moduleVars = new Map<ts.Symbol, Value>();
  const interfaceImpls = new Map<ts.InterfaceDeclaration, ts.ClassLikeDeclaration[]>();
  let interfaceIndexBuilt = false;

  let summaries = new Map<FunctionNode | ts.SourceFile, Summary>();
  let inProgress = new Set<FunctionNode | ts.SourceFile>();
  let callSites = new Map<FunctionNode, { caller: FunctionNode | ts.SourceFile; guards: ReadonlySet<string> }[]>();
  let escaped = new Set<FunctionNode>();
  let readStores = new Set<unknown>();
  let needsAnotherPass = false;
  let callDepth = 0;

  const passReasons: string[] = [];
  function markGrown(what: string): void {
    needsAnotherPass = true;
    if (passReasons.length < 5) passReasons.push(what);
  }

  const budget: Budget = {
    maxInlineDepth: 4,
    maxCallDepth: 40,
    hit(kind) {
      budgetsHit.set(kind, (budgetsHit.get(kind) ?? 0) + 1);
    },
  };

  const storeKey = (owner: object, name: string) => `${name}@${objectId(owner)}`;

  function grew(before: Value | undefined, after: Value): boolean {
    if (!before) return valueSize(after) > 0;
    return valueSize(after) > valueSize(before);
  }

  function moduleVariableFile(symbol: ts.Symbol): ts.SourceFile | undefined {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    let node: ts.Node = declaration;
    if (ts.isBindingElement(node)) {
      while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
    }
    if (!ts.isVariableDeclaration(node)) return undefined;
    const statement = node.parent?.parent;
    if (!statement || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
    return input.isProjectFile(statement.parent) ? statement.parent : undefined;
  }

  const host: AnalysisHost = {
    resolver,
    rules: input.rules,
    guardRules: input.rules.filter((rule) => rule.guards.length > 0),
    budget,
    summaryOf(fn) {
      const cached = summaries.get(fn);
      if (cached) return cached;
      if (inProgress.has(fn)) {
        budget.hit('recursion', fn);
        return EMPTY_SUMMARY;
      }
      if (callDepth >= budget.maxCallDepth) {
        budget.hit('call-depth', fn);
        return EMPTY_SUMMARY;
      }
      inProgress.add(fn);
      callDepth++;
      let summary: Summary;
      try {
        summary = new Interpreter(host, fn).summarise();
      } finally {
        callDepth--;
        inProgress.delete(fn);
      }
      summaries.set(fn, summary);
      return summary;
    },
    moduleValue(symbol) {
      const file = moduleVariableFile(symbol);
      if (!file) return undefined;
      if (!summaries.has(file) && !inProgress.has(file)) analyseModule(file);
      readStores.add(symbol);
      return moduleVars.get(symbol) ?? EMPTY;
    },
    isModuleVariable(symbol) {
      return moduleVariableFile(symbol) !== undefined;
    },
    writeModuleValue(symbol, value) {
      const before = moduleVars.get(symbol);
      const after = before ? joinValues(before, value) : value;
      moduleVars.set(symbol, after);
      if (readStores.has(symbol) && grew(before, after)) markGrown(`module variable ${symbol.name}`);
    },
    readClassField(cls, name) {
      // Summarise the members that write this field first (the constructor that connects the client, the
      // `start()` that sets the timer), so that one pass usually sees every write before the reads.
      for (const writer of fieldWritersOf(cls).get(name) ?? []) {
        if (!summaries.has(writer) && !inProgress.has(writer)) host.summaryOf(writer);
      }
      readStores.add(storeKey(cls, name));
      return classFields.get(cls)?.get(name);
    },
    peekClassField(cls, name) {
      return classFields.get(cls)?.get(name);
    },
    writeClassField(cls, name, value) {
      let fields = classFields.get(cls);
      if (!fields) classFields.set(cls, (fields = new Map()));
      const before = fields.get(name);
      const after = before ? joinValues(before, value) : value;
      fields.set(name, after);
      if (readStores.has(storeKey(cls, name)) && grew(before, after)) markGrown(`field ${cls.name?.text ?? '(class)'}.${name}`);
    },
    recordCallSite(callee, caller, _site, guards) {
      let sites = callSites.get(callee);
      if (!sites) callSites.set(callee, (sites = []));
      sites.push({ caller, guards });
    },
    noteEscape(fn) {
      escaped.add(fn);
    },
    noteKnownFunction(kind, rule, name, node) {
      const byRule = known[kind];
      let names = byRule.get(rule);
      if (!names) byRule.set(rule, (names = new Map()));
      const entry = names.get(name);
      if (entry) entry.count++;
      else names.set(name, { node, count: 1 });
    },
    implementationsOf(iface, method) {
      if (!interfaceIndexBuilt) buildInterfaceIndex();
      const out: FunctionNode[] = [];
      for (const cls of interfaceImpls.get(iface) ?? []) {
        for (const member of cls.members) {
          if (member.name && staticPropertyName(member.name) === method) {
            const fn = resolver.functionOf(member);
            if (fn) out.push(fn);
          }
        }
      }
      return out;
    },
  };

  const fieldWriters = new Map<ts.ClassLikeDeclaration, Map<string, FunctionNode[]>>();
  function fieldWritersOf(cls: ts.ClassLikeDeclaration): Map<string, FunctionNode[]> {
    let writers = fieldWriters.get(cls);
    if (writers) return writers;
    writers = new Map();
    fieldWriters.set(cls, writers);
    for (const member of cls.members) {
      const fn = resolver.functionOf(member);
      if (!fn) continue;
      const visit = (node: ts.Node): void => {
        // this.x = …, this.x += …, this.x.push(…)
        let target: ts.Expression | undefined;
        if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = node.left;
        else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STORING_METHODS.has(node.expression.name.text)) target = node.expression.expression;
        if (target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const list = writers!.get(target.name.text) ?? [];
          if (!list.includes(fn)) list.push(fn);
          writers!.set(target.name.text, list);
        }
        ts.forEachChild(node, visit);
      };
      visit(fn);
    }
    return writers;
  }

  function buildInterfaceIndex(): void {
    interfaceIndexBuilt = true;
    for (const file of input.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isClassLike(node)) {
          for (const clause of node.heritageClauses ?? []) {
            if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
            for (const type of clause.types) {
              const nameNode = ts.isPropertyAccessExpression(type.expression) ? type.expression.name : type.expression;
              const symbol = resolver.symbolAt(nameNode);
              if (!symbol) continue;
              for (const declaration of resolver.projectDeclarations(symbol)) {
                if (!ts.isInterfaceDeclaration(declaration)) continue;
                let list = interfaceImpls.get(declaration);
                if (!list) interfaceImpls.set(declaration, (list = []));
                list.push(node);
              }
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }

  function analyseModule(file: ts.SourceFile): Summary {
    const cached = summaries.get(file);
    if (cached) return cached;
    inProgress.add(file);
    const interpreter = new Interpreter(host, file);
    let summary: Summary;
    try {
      summary = interpreter.summarise();
    } finally {
      inProgress.delete(file);
    }
    summaries.set(file, summary);
    return summary;
  }

  const functionsByFile = new Map<ts.SourceFile, FunctionNode[]>();
  for (const file of input.files) functionsByFile.set(file, collectSummarisedFunctions(file));

  let pass = 0;
  for (; pass < MAX_PASSES; pass++) {
    summaries = new Map();
    inProgress = new Set();
    callSites = new Map();
    escaped = new Set();
    readStores = new Set();
    needsAnotherPass = false;
    for (const names of known.guard.values()) names.clear();
    for (const names of known.sanitizer.values()) names.clear();
    // Module code first, all of it: it creates the instances and clients that methods then read from stores.
    for (const file of input.files) analyseModule(file);
    let done = 0;
    for (const file of input.files) {
      for (const fn of functionsByFile.get(file) ?? []) host.summaryOf(fn);
      done++;
      if (pass === 0) input.onFileDone?.(done, input.files.length);
    }
    if (!needsAnotherPass) break;
  }
  if (pass === MAX_PASSES) budget.hit('passes', input.files[0] ?? input.program.getSourceFiles()[0]!);

  const reaches: CompleteReach[] = [];
  const ruleById = new Map(input.rules.map((rule) => [rule.id, rule]));
  for (const [fn, summary] of summaries) {
    const isRoot = ts.isSourceFile(fn) || !callSites.get(fn)?.length || escaped.has(fn);
    for (const reach of summary.reaches) {
      if (reach.label.origin.kind !== 'source') continue;
      const rule = ruleById.get(reach.rule);
      if (!rule) continue;
      if (rule.guardProtects) {
        if (reach.guarded || !isRoot) continue;
      }
      reaches.push(toComplete(reach));
    }
  }

  const toUses = (byRule: Map<string, Map<string, { node: FunctionNode | undefined; count: number }>>) =>
    new Map([...byRule].map(([rule, names]) => [rule, [...names].map(([name, use]) => ({ name, node: use.node, count: use.count })).sort((a, b) => b.count - a.count)]));

  return {
    reaches,
    functionsSummarised: summaries.size,
    passes: pass + (pass === MAX_PASSES ? 0 : 1),
    budgetsHit,
    passReasons,
    knownGuards: toUses(known.guard),
    knownSanitizers: toUses(known.sanitizer),
  };

  function toComplete(reach: PendingReach): CompleteReach {
    return { rule: reach.rule, sink: reach.sink, label: reach.label, fieldPath: reach.fieldPath, weak: reach.weak, callChain: reach.callChain };
  }
}

/** Functions analysed once and summarised: module-level functions and class members (closures are inlined). */
function collectSummarisedFunctions(file: ts.SourceFile): FunctionNode[] {
  const out: FunctionNode[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && isSummarised(node as FunctionNode)) out.push(node as FunctionNode);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
function objectId(object: object): number {
  let id = objectIds.get(object);
  if (id === undefined) objectIds.set(object, (id = nextObjectId++));
  return id;
}

function valueSize(value: Value, depth = 0): number {
  let size = (deepTaint(value)?.size ?? 0) + (value.api?.length ?? 0) + (value.fns?.length ?? 0) + (value.classes?.length ?? 0);
  if (depth < 3 && value.fields) for (const field of value.fields.values()) size += valueSize(field, depth + 1);
  return size;
}

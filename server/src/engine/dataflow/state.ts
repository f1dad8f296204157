/**
 * Stage: dataflow (program state at one point of a function).
 * Input: values of local variables and the guards known to hold.
 * Output: `FlowState` with the operations the interpreter needs at branches and merges.
 * Invariant: a guard is in `guards` only if it holds on every path that reaches this point; `merge` therefore
 * intersects guards and unions variable values. An unreachable state (after `return`/`throw`) is the identity of
 * `merge`.
 */
import type { ts } from 'ts-morph';
import { type GuardFact, type Value, EMPTY, joinBranches, joinValues } from './value';

export class FlowState {
  constructor(
    readonly vars: Map<ts.Symbol, Value>,
    /** Strong guards that hold here, by rule id. */
    readonly guards: ReadonlyMap<string, GuardFact>,
    /** Checks seen on the way that do not count (for messages). */
    readonly weak: readonly GuardFact[],
    readonly reachable: boolean,
  ) {}

  static initial(): FlowState {
    return new FlowState(new Map(), new Map(), [], true);
  }

  static unreachable(): FlowState {
    return new FlowState(new Map(), new Map(), [], false);
  }

  clone(): FlowState {
    return new FlowState(new Map(this.vars), this.guards, this.weak, this.reachable);
  }

  get(symbol: ts.Symbol): Value | undefined {
    return this.vars.get(symbol);
  }

  /** Mutates this state: the interpreter owns the state it is given and clones before branching. */
  set(symbol: ts.Symbol, value: Value): void {
    this.vars.set(symbol, value);
  }

  withFacts(facts: readonly GuardFact[]): FlowState {
    // Always a new state: the caller walks a branch with it and must not change the state it branched from.
    if (!this.reachable) return this;
    if (facts.length === 0) return this.clone();
    const guards = new Map(this.guards);
    let weak = this.weak;
    const vars = new Map(this.vars);
    for (const fact of facts) {
      if (fact.validates) {
        const { symbol, label } = fact.validates;
        const current = vars.get(symbol) ?? EMPTY;
        vars.set(symbol, joinValues(current, { taint: new Map([[label.rule + '\u0000' + label.origin.key, label]]) }));
      } else if (fact.weakReason) {
        if (!weak.includes(fact)) weak = [...weak, fact];
      } else if (!guards.has(fact.rule)) {
        guards.set(fact.rule, fact);
      }
    }
    return new FlowState(vars, guards, weak, this.reachable);
  }

  merge(other: FlowState): FlowState {
    if (!other.reachable) return this;
    if (!this.reachable) return other;
    if (other === this) return this;
    const vars = new Map(this.vars);
    for (const [symbol, value] of other.vars) {
      const mine = vars.get(symbol);
      vars.set(symbol, mine ? joinBranches(mine, value) : value);
    }
    const guards = new Map<string, GuardFact>();
    const weak = [...this.weak, ...other.weak.filter((fact) => !this.weak.includes(fact))];
    // A guard on one branch only is remembered as a check that does not hold on every path.
    const addPartial = (fact: GuardFact) => {
      if (!weak.some((seen) => seen.node === fact.node && seen.rule === fact.rule && seen.weakReason === 'notDominating')) {
        weak.push({ ...fact, weakReason: 'notDominating' });
      }
    };
    for (const [rule, fact] of this.guards) {
      if (other.guards.has(rule)) guards.set(rule, fact);
      else addPartial(fact);
    }
    for (const [rule, fact] of other.guards) if (!this.guards.has(rule)) addPartial(fact);
    return new FlowState(vars, guards, weak, true);
  }
}

export function mergeAll(states: readonly FlowState[]): FlowState {
  let out = FlowState.unreachable();
  for (const state of states) out = out.merge(state);
  return out;
}

export { EMPTY };

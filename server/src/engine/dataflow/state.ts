/**
 * Stage: dataflow (program state at one point of a function).
 * Input: values of local variables and the guards known to hold.
 * Output: `FlowState` with the operations the interpreter needs at branches and merges.
 * Invariant: a guard is in `guards` only if it holds on every path that reaches this point; `merge` therefore
 * intersects guards and unions variable values; a rule's check met twice keeps whose consent either one tested. An
 * unreachable state (after `return`/`throw`) is the identity of `merge`.
 */
import { WEAK_GUARD_REASONS } from '../reasons';
import type { ts } from 'ts-morph';
import { type GuardFact, type Value, EMPTY, joinBranches, joinValues, readField, writeField } from './value';

export class FlowState {
  /**
   * Variables are copied on write: a branch starts from its parent's map and copies it only when it assigns.
   * Branching is frequent and most branches assign nothing, so this saves most of the copying.
   */
  private isShared = false;

  constructor(
    private variables: Map<ts.Symbol, Value>,
    /** Strong guards that hold here, by rule id. */
    readonly guards: ReadonlyMap<string, GuardFact>,
    /** Checks seen on the way that do not count (for messages). */
    readonly weak: readonly GuardFact[],
    readonly reachable: boolean,
  ) {}

  get vars(): ReadonlyMap<ts.Symbol, Value> {
    return this.variables;
  }

  /** A state with these parts, sharing this state's variables until one of the two writes. */
  private derive(guards: ReadonlyMap<string, GuardFact>, weak: readonly GuardFact[], reachable = this.reachable): FlowState {
    this.isShared = true;
    const state = new FlowState(this.variables, guards, weak, reachable);
    state.isShared = true;
    return state;
  }

  /** Same variables (copied on write), other guards: a loop's next iteration, a catch block's entry. */
  withGuards(guards: ReadonlyMap<string, GuardFact>): FlowState {
    return this.derive(guards, this.weak, true);
  }

  static initial(): FlowState {
    return new FlowState(new Map(), new Map(), [], true);
  }

  static unreachable(): FlowState {
    return new FlowState(new Map(), new Map(), [], false);
  }

  clone(): FlowState {
    return this.derive(this.guards, this.weak);
  }

  get(symbol: ts.Symbol): Value | undefined {
    return this.vars.get(symbol);
  }

  /** Mutates this state: the interpreter owns the state it is given and clones before branching. */
  set(symbol: ts.Symbol, value: Value): void {
    if (this.isShared) {
      this.variables = new Map(this.variables);
      this.isShared = false;
    }
    this.variables.set(symbol, value);
  }

  withFacts(facts: readonly GuardFact[]): FlowState {
    // Always a new state: the caller walks a branch with it and must not change the state it branched from.
    if (!this.reachable) return this;
    if (facts.length === 0) return this.clone();
    const guards = new Map(this.guards);
    let weak = this.weak;
    const validations: [ts.Symbol, Value][] = [];
    for (const fact of facts) {
      if (fact.validates) {
        const { symbol, path = [], label } = fact.validates;
        const current = this.variables.get(symbol) ?? EMPTY;
        const validated = joinValues(path.reduce(readField, current), { taint: new Map([[label.rule + '\u0000' + label.origin.key, label]]) });
        validations.push([symbol, writeField(current, path, validated)]);
      } else if (fact.weakReason) {
        if (!weak.includes(fact)) weak = [...weak, fact];
      } else {
        const held = guards.get(fact.rule);
        guards.set(fact.rule, held ? joinSubjects(held, fact) : fact);
      }
    }
    const state = this.derive(guards, weak);
    for (const [symbol, value] of validations) state.set(symbol, value);
    return state;
  }

  merge(other: FlowState): FlowState {
    if (!other.reachable) return this;
    if (!this.reachable) return other;
    if (other === this) return this;
    let vars = this.variables;
    if (vars !== other.variables) {
      vars = new Map(vars);
      for (const [symbol, value] of other.variables) {
        const mine = vars.get(symbol);
        if (mine !== value) vars.set(symbol, mine ? joinBranches(mine, value) : value);
      }
    }
    const guards = new Map<string, GuardFact>();
    const weak = [...this.weak, ...other.weak.filter((fact) => !this.weak.includes(fact))];
    // A guard on one branch only is remembered as a check that does not hold on every path.
    const addPartial = (fact: GuardFact) => {
      if (!weak.some((seen) => seen.node === fact.node && seen.rule === fact.rule && seen.weakReason === WEAK_GUARD_REASONS.notDominating)) {
        weak.push({ ...fact, weakReason: WEAK_GUARD_REASONS.notDominating });
      }
    };
    for (const [rule, fact] of this.guards) {
      const theirs = other.guards.get(rule);
      if (theirs) guards.set(rule, joinSubjects(fact, theirs));
      else addPartial(fact);
    }
    for (const [rule, fact] of other.guards) if (!this.guards.has(rule)) addPartial(fact);
    if (vars === this.variables) return this.derive(guards, weak, true);
    return new FlowState(vars, guards, weak, true);
  }
}

/**
 * One rule's strong check met twice (one after another, or on both branches of a merge): whichever person either
 * tested may be the one whose data is written, so their places (and person words) add up; unknown stays unknown.
 */
function joinSubjects(kept: GuardFact, other: GuardFact): GuardFact {
  if (kept === other) return kept;
  const places = kept.subjectPlaces && other.subjectPlaces ? [...kept.subjectPlaces, ...other.subjectPlaces.filter((place) => !kept.subjectPlaces!.includes(place))].slice(0, 16) : undefined;
  const subjects = kept.subjects?.length && other.subjects?.length ? [...new Set([...kept.subjects, ...other.subjects])] : undefined;
  if (places === kept.subjectPlaces && subjects === kept.subjects) return kept;
  return { ...kept, subjectPlaces: places, subjects };
}

export function mergeAll(states: readonly FlowState[]): FlowState {
  let out = FlowState.unreachable();
  for (const state of states) out = out.merge(state);
  return out;
}

export { EMPTY };

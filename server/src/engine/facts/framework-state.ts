/**
 * Stage: facts (state that frameworks keep for the code).
 * Input: nothing; what UI and state frameworks do with the objects the code hands them or gets from them.
 * Output: `COMPONENT_MODELS` (calls, or an `export default`, that take an options object whose methods share `this`:
 * mini-program `Page`/`Component`/`App`, Vue's options API, Pinia's `defineStore`) and `STATE_CELL_MODELS` (calls
 * that make a cell of state every closure of a component shares: React's `useState` and `useRef`, Vue's `ref` and
 * `reactive`), matched by API path (`api-ref.ts`).
 * Invariant: data only. The dataflow treats every object these describe alike (dataflow/shared-objects.ts): its
 * fields are a store, as a class instance's are, whichever framework made it.
 */
import { type ApiPathPattern, globalRef, moduleRef, parseApiPath } from './api-ref';

/** A call by API path: a module (`vue`) or global (`Page`) root and a dotted path below it (`''`: the root itself). */
export interface FrameworkCallee {
  readonly module?: string;
  readonly global?: string;
  readonly path: string;
  /** Matched when constructed (`new Vue({…})`) rather than called. */
  readonly construct?: boolean;
}

/** An object-literal component: the options object a framework keeps, whose functions run with it as `this`. */
export interface ComponentModel {
  readonly framework: string;
  /** The calls that take the options object; absent for a module's `export default { … }`. */
  readonly callees?: readonly FrameworkCallee[];
  /** For `export default { … }`: a component only when it has one of these properties. */
  readonly exportDefaultWith?: readonly string[];
  /**
   * Properties of the options whose object holds more functions sharing `this` (`methods`, `actions`,
   * `lifetimes`); the options' own functions always do (lifecycle hooks, page event handlers).
   */
  readonly methodGroups: readonly string[];
  /** Properties whose functions are read as fields (`computed`, Pinia `getters`): reading `this.x` runs them. */
  readonly getterGroups: readonly string[];
  /** Functions that return the initial fields of `this` (Vue `data()`, Pinia `state()`). */
  readonly stateFunctions: readonly string[];
  /** The options' own data properties are fields of `this` (mini-programs: `this.data`, `this.cameraCtx`). */
  readonly ownPropertiesAreFields: boolean;
  /** Methods the framework gives `this` that write the fields of their argument: into `field`, or `this` itself. */
  readonly setters: readonly { readonly method: string; readonly field?: string }[];
  /** The call returns a function that returns the instance (Pinia: `const useGarage = defineStore(…)`). */
  readonly returnsInstanceHook?: boolean;
}

const VUE_MODULES = ['vue', '@vue/composition-api', 'vue-demi', '@dcloudio/uni-app'] as const;
const VUE_GROUPS = { methodGroups: ['methods', 'watch'], getterGroups: ['computed'], stateFunctions: ['data'] } as const;
/** Properties only a Vue options component has (a uni-app page is one too). */
const VUE_OPTION_PROPERTIES = ['data', 'methods', 'computed', 'watch', 'mounted', 'created', 'onLoad', 'onShow', 'beforeDestroy', 'beforeUnmount'];
const MINI_PROGRAM_GROUPS = ['methods', 'lifetimes', 'pageLifetimes', 'observers'];

export const COMPONENT_MODELS: readonly ComponentModel[] = [
  {
    framework: 'mini-program page',
    callees: [{ global: 'Page', path: '' }, { global: 'App', path: '' }],
    methodGroups: [],
    getterGroups: [],
    stateFunctions: [],
    ownPropertiesAreFields: true,
    setters: [{ method: 'setData', field: 'data' }],
  },
  {
    framework: 'mini-program component',
    callees: [{ global: 'Component', path: '' }, { global: 'Behavior', path: '' }],
    methodGroups: MINI_PROGRAM_GROUPS,
    getterGroups: [],
    stateFunctions: [],
    ownPropertiesAreFields: true,
    setters: [{ method: 'setData', field: 'data' }],
  },
  {
    framework: 'Vue options component',
    callees: [
      ...VUE_MODULES.flatMap((module): FrameworkCallee[] => [
        { module, path: 'defineComponent|createApp|extend' },
        { module, path: 'component', },
        { module, path: '', construct: true },
      ]),
      { global: 'Vue', path: 'extend|component' },
      { global: 'Vue', path: '', construct: true },
    ],
    ...VUE_GROUPS,
    ownPropertiesAreFields: false,
    setters: [],
  },
  {
    framework: 'Vue options component',
    exportDefaultWith: VUE_OPTION_PROPERTIES,
    ...VUE_GROUPS,
    ownPropertiesAreFields: false,
    setters: [],
  },
  {
    framework: 'Pinia store',
    callees: [{ module: 'pinia', path: 'defineStore' }],
    methodGroups: ['actions'],
    getterGroups: ['getters'],
    stateFunctions: ['state'],
    ownPropertiesAreFields: false,
    setters: [{ method: '$patch' }],
    returnsInstanceHook: true,
  },
];

/** A call that makes a cell of state, shared by the closures of the component that made it. */
export interface StateCellModel {
  readonly callee: FrameworkCallee;
  /**
   * `value`: an object holding the state in `field`, initially argument 0 (`ref(x).value`, `useRef(x).current`);
   * `object`: argument 0's fields are the state (`reactive({ … })`);
   * `pair`: `[state, setState]`, the state initially argument 0 (`useState(x)`).
   */
  readonly shape: 'value' | 'object' | 'pair';
  readonly field?: string;
}

const REACT_MODULES = ['react', 'preact/hooks', 'preact/compat'] as const;

export const STATE_CELL_MODELS: readonly StateCellModel[] = [
  ...REACT_MODULES.flatMap((module): StateCellModel[] => [
    { callee: { module, path: 'useState' }, shape: 'pair' },
    { callee: { module, path: 'useRef' }, shape: 'value', field: 'current' },
  ]),
  ...VUE_MODULES.flatMap((module): StateCellModel[] => [
    { callee: { module, path: 'ref|shallowRef' }, shape: 'value', field: 'value' },
    { callee: { module, path: 'reactive|shallowReactive' }, shape: 'object' },
  ]),
];

/** The API roots the models above start from (`m:vue`, `g:Page`): a call from any other root is none of theirs. */
export const FRAMEWORK_ROOTS: ReadonlySet<string> = new Set(
  [...COMPONENT_MODELS.flatMap((model) => model.callees ?? []), ...STATE_CELL_MODELS.map((model) => model.callee)].map((callee) => rootOf(callee)),
);

function rootOf(callee: FrameworkCallee): string {
  return callee.module !== undefined ? moduleRef(callee.module).root : globalRef(callee.global ?? '').root;
}

export interface CompiledFrameworkCallee {
  readonly pattern: ApiPathPattern;
  readonly construct: boolean;
}

/** A callee model as a pattern over API refs (`m:vue|.defineComponent`, `g:Page`). */
export function compileFrameworkCallee(callee: FrameworkCallee): CompiledFrameworkCallee {
  return { pattern: parseApiPath(rootOf(callee), callee.path), construct: !!callee.construct };
}

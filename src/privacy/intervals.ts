import highsModule from 'highs';

type HighsLoader = typeof import('highs').default;
type Highs = Awaited<ReturnType<HighsLoader>>;

/** The package is CommonJS: its loader is the module itself, or its `default` under some loaders. */
export const loadHighs: HighsLoader =
  (highsModule as unknown as { default?: HighsLoader }).default ?? (highsModule as unknown as HighsLoader);

/**
 * The linear-programming side of disclosure control: what an attacker who knows every published cell
 * can still say about a hidden sum. Unknowns are non-negative; each published cell is an equation.
 */
export interface LinearSystem {
  /** How many unknowns (non-negative reals). */
  unknowns: number;
  /** Equations: the unknowns listed add up to `sum`. */
  equations: ReadonlyArray<{ unknowns: readonly number[]; sum: number }>;
}

/** The smallest and largest value a sum of unknowns can take; `upper` may be `Infinity`. */
export interface Interval {
  lower: number;
  upper: number;
}

/** A system loaded into a solver, optimised again and again with different objectives. */
export interface LoadedSystem {
  /** The feasible interval of a sum of unknowns. */
  interval(target: readonly number[]): Interval;
  /** A solution maximising Σ coefficient × unknown (bounded: every unknown lies in some equation). */
  vertex(coefficients: ReadonlyMap<number, number>): Float64Array;
  dispose(): void;
}

/** Loads linear systems for the disclosure audit. */
export interface IntervalSolver {
  load(system: LinearSystem): LoadedSystem;
}

/**
 * An interval solver backed by HiGHS (compiled to WebAssembly). A system is loaded once as a sparse
 * matrix; each objective after the first starts from the previous optimal basis, so the many programs
 * of an audit cost a few simplex iterations each rather than a fresh solve.
 *
 * @example
 * const solver = await highsIntervalSolver();
 * const loaded = solver.load({ unknowns: 2, equations: [{ unknowns: [0, 1], sum: 5 }] });
 * loaded.interval([0]); // → { lower: 0, upper: 5 }
 * loaded.dispose();
 */
export async function highsIntervalSolver(): Promise<IntervalSolver> {
  loading ??= loadHighs();
  const highs = await loading;
  return { load: (system) => loadInto(highs, system) };
}

// The WebAssembly module is compiled once per process (it holds no state between models).
let loading: Promise<Highs> | undefined;

function loadInto(highs: Highs, system: LinearSystem): LoadedSystem {
  const n = system.unknowns;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const equation of system.equations) {
    for (const u of [...new Set(equation.unknowns)].sort((a, b) => a - b)) {
      indices.push(u);
      values.push(1);
    }
    starts.push(indices.length);
  }
  const sums = system.equations.map((e) => e.sum);
  const model = highs.createModel();
  model.options.set('output_flag', false);
  model.options.set('presolve', 'off');
  // Primal simplex: after a change of objective the previous optimum is still feasible, so each
  // further program starts where the last one ended.
  model.options.set('simplex_strategy', 4);
  model.passModel({
    numCols: n,
    numRows: system.equations.length,
    colCost: new Float64Array(n),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(highs.infinity),
    rowLower: sums,
    rowUpper: sums,
    matrix: { format: 'csr', numRows: system.equations.length, numCols: n, starts, indices, values },
  });
  const all = { kind: 'range', from: 0, to: n - 1 } as const;
  const optimise = (costs: Float64Array, sense: 'minimize' | 'maximize'): number | undefined => {
    model.changeColsCost(all, costs);
    model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
    const { modelStatus } = model.run();
    if (modelStatus === highs.constants.modelStatus.optimal) {
      const solution = model.getSolution().colValue;
      let objective = 0;
      for (let u = 0; u < n; u++) objective += (costs[u] as number) * (solution[u] as number);
      return objective;
    }
    if (modelStatus === highs.constants.modelStatus.unbounded && sense === 'maximize') return undefined;
    throw new Error(`The disclosure audit's linear program ended with HiGHS model status ${modelStatus}.`);
  };
  return {
    interval(target) {
      const costs = new Float64Array(n);
      for (const u of target) costs[u] = 1;
      const lower = optimise(costs, 'minimize') ?? 0;
      const upper = optimise(costs, 'maximize') ?? Number.POSITIVE_INFINITY;
      return { lower: Math.max(0, lower), upper };
    },
    vertex(coefficients) {
      const costs = new Float64Array(n);
      for (const [u, c] of coefficients) costs[u] = c;
      if (optimise(costs, 'maximize') === undefined) throw new Error('An audit direction was unbounded.');
      return Float64Array.from(model.getSolution().colValue);
    },
    dispose: () => model.dispose(),
  };
}

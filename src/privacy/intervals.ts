import highsModule from 'highs';

type HighsLoader = typeof import('highs').default;

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

/** Finds the feasible interval of a sum of unknowns under a linear system. */
export interface IntervalSolver {
  interval(system: LinearSystem, target: readonly number[]): Interval;
}

/**
 * An interval solver backed by HiGHS (compiled to WebAssembly), loaded once per call of this function.
 *
 * @example
 * const solver = await highsIntervalSolver();
 * solver.interval({ unknowns: 2, equations: [{ unknowns: [0, 1], sum: 5 }] }, [0]); // → { lower: 0, upper: 5 }
 */
export async function highsIntervalSolver(): Promise<IntervalSolver> {
  const highs = await loadHighs();
  let cachedSystem: LinearSystem | undefined;
  let cachedConstraints = '';
  return {
    interval(system, target) {
      if (system !== cachedSystem) {
        cachedSystem = system;
        cachedConstraints = constraintsOf(system);
      }
      const objective = target.map((u) => `x${u}`).join(' + ');
      const solve = (sense: 'Minimize' | 'Maximize'): number => {
        const result = highs.solve(`${sense}\n obj: ${objective}\n${cachedConstraints}`);
        if (result.Status === 'Optimal') return result.ObjectiveValue;
        if (result.Status === 'Unbounded' && sense === 'Maximize') return Number.POSITIVE_INFINITY;
        throw new Error(`The disclosure audit's linear program ended as "${result.Status}".`);
      };
      return { lower: Math.max(0, solve('Minimize')), upper: solve('Maximize') };
    },
  };
}

function constraintsOf(system: LinearSystem): string {
  const lines = ['Subject To'];
  system.equations.forEach((equation, i) => {
    lines.push(` c${i}: ${equation.unknowns.map((u) => `x${u}`).join(' + ')} = ${equation.sum}`);
  });
  // Every unknown must appear somewhere for the solver to know it; a free-standing bound does that.
  lines.push('Bounds');
  for (let u = 0; u < system.unknowns; u++) lines.push(` x${u} >= 0`);
  lines.push('End');
  return lines.join('\n');
}

/**
 * Secondary suppression by lines, and the audit by linear programming that widens whatever an attacker
 * could still pin down: the equations published cells give, certification of hidden cells from sampled
 * attacker solutions, exact intervals, and the greedy choice of further cells to hide.
 */
import type { Interval, IntervalSolver } from './intervals.js';
import { type Release, secondaryStatus } from './linked-release.js';
import type { SuppressionReport } from './suppression.js';

/** Solutions drawn at most per round to certify hidden cells. */
const certifyingSolutions = 8;

/** Up to this many uncertified cells in a round get their exact interval (two programs each). */
export const exactAuditsPerRound = 3;

/** Rounds of audit and repair before the audit gives up and hides every positive cell. */
export const maxRounds = 60;

/**
 * Secondary suppression by lines: wherever a line holds exactly one hidden cell, the line's total
 * would give it away, so the smallest other positive cell of the line is hidden too. Works through the
 * lines touched by each newly hidden cell until no line of any table has a lone hidden cell.
 */
export function closeLines(release: Release, status: Uint8Array): void {
  const pending = release.lines.map((_, i) => i);
  const queued = new Uint8Array(release.lines.length).fill(1);
  while (pending.length > 0) {
    const index = pending.pop() as number;
    queued[index] = 0;
    const line = release.lines[index] as Int32Array;
    let hidden = 0;
    for (const cell of line) if (status[cell]) hidden++;
    if (hidden !== 1) continue;
    const partner = cheapestPartner(release, status, line);
    if (partner === undefined) continue;
    status[partner] = secondaryStatus;
    for (const other of release.linesOf[partner] as number[]) {
      if (!queued[other]) {
        queued[other] = 1;
        pending.push(other);
      }
    }
  }
}

/** The cell to hide beside a lone hidden one: the smallest positive inner cell, else the total. */
function cheapestPartner(release: Release, status: Uint8Array, line: Int32Array): number | undefined {
  let best: number | undefined;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let k = 0; k < line.length - 1; k++) {
    const cell = line[k] as number;
    const value = release.values[cell] as number;
    if (!status[cell] && value > 0 && value < bestValue) {
      best = cell;
      bestValue = value;
    }
  }
  const lineTotal = line[line.length - 1] as number;
  if (best === undefined && !status[lineTotal] && (release.values[lineTotal] as number) > 0) return lineTotal;
  return best;
}

/**
 * Hides more cells so that every exposed cell gets a new hidden neighbour on one of its lines, choosing
 * greedily the cells that serve the most exposed cells at once (the smaller the better among equals),
 * so that one hidden cell often widens several exposed ones. Where no line of an exposed cell has a
 * positive published cell left, the smallest positive cell anywhere is hidden.
 */
export function hideNeighbours(release: Release, status: Uint8Array, exposed: readonly number[]): boolean {
  const serves = new Map<number, number[]>();
  for (const cell of exposed) {
    for (const index of release.linesOf[cell] as number[]) {
      for (const other of release.lines[index] as Int32Array) {
        if (status[other] || (release.values[other] as number) <= 0) continue;
        const list = serves.get(other);
        if (!list) serves.set(other, [cell]);
        else if (list[list.length - 1] !== cell) list.push(cell);
      }
    }
  }
  const uncovered = new Set(exposed);
  let widened = false;
  while (uncovered.size > 0) {
    let best: number | undefined;
    let bestCount = 0;
    let bestValue = Number.POSITIVE_INFINITY;
    for (const [candidate, cells] of serves) {
      const count = cells.reduce((n, c) => n + (uncovered.has(c) ? 1 : 0), 0);
      const value = release.values[candidate] as number;
      if (count > bestCount || (count === bestCount && count > 0 && value < bestValue)) {
        best = candidate;
        bestCount = count;
        bestValue = value;
      }
    }
    if (best === undefined) break;
    status[best] = secondaryStatus;
    widened = true;
    for (const c of serves.get(best) as number[]) uncovered.delete(c);
    serves.delete(best);
  }
  if (uncovered.size > 0) {
    // Nothing on their lines is left to hide: hide the smallest positive cell anywhere in the release.
    let best: number | undefined;
    let bestValue = Number.POSITIVE_INFINITY;
    release.values.forEach((value, cell) => {
      if (!status[cell] && value > 0 && value < bestValue) {
        best = cell;
        bestValue = value;
      }
    });
    if (best !== undefined) {
      status[best] = secondaryStatus;
      widened = true;
    }
  }
  return widened;
}

/** The equations an attacker has, reduced; see `publishedSystem`. */
export interface ReducedSystem {
  /** Unknowns whose value the published cells give away. */
  known: Map<number, number>;
  /** The group of an unknown that appears in some equation; undefined for one in none (unbounded). */
  groupOf(unknown: number): number | undefined;
  groups: Map<number, Array<{ unknowns: number[]; sum: number }>>;
}

/**
 * The equations an attacker has: every published cell is a sum of the base's non-zero cells. Cells the
 * equations fix outright (alone in an equation, or the last unknown of one) are substituted first, so
 * the programs the solver sees hold only what is truly uncertain; the rest are grouped by the unknowns
 * they share.
 */
export function publishedSystem(release: Release, status: Uint8Array): ReducedSystem {
  const equations: Array<{ unknowns: number[]; sum: number }> = [];
  release.unknownsOf.forEach((unknowns, cell) => {
    if (!status[cell] && unknowns.length > 0) {
      equations.push({ unknowns, sum: release.values[cell] as number });
    }
  });
  const known = new Map<number, number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      let open = -1;
      let openCount = 0;
      let rest = 0;
      for (const u of equation.unknowns) {
        const value = known.get(u);
        if (value === undefined) {
          open = u;
          openCount++;
        } else rest += value;
      }
      if (openCount !== 1) continue;
      known.set(open, equation.sum - rest);
      changed = true;
    }
  }
  const reduced: Array<{ unknowns: number[]; sum: number }> = [];
  for (const equation of equations) {
    const open = equation.unknowns.filter((u) => !known.has(u));
    if (open.length === 0) continue;
    const sum = equation.sum - equation.unknowns.reduce((s, u) => s + (known.get(u) ?? 0), 0);
    reduced.push({ unknowns: open, sum });
  }
  // Unknowns linked by an equation belong together; a hidden cell's interval depends only on the
  // groups its unknowns are in, so an exact program holds only those groups.
  const parent = new Map<number, number>();
  const find = (u: number): number => {
    let root = u;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as number;
    parent.set(u, root);
    return root;
  };
  for (const equation of reduced) {
    const [first, ...rest] = equation.unknowns;
    for (const u of rest) {
      const a = find(first as number);
      const b = find(u);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<number, Array<{ unknowns: number[]; sum: number }>>();
  for (const equation of reduced) {
    const root = find(equation.unknowns[0] as number);
    const group = groups.get(root);
    if (group) group.push(equation);
    else groups.set(root, [equation]);
  }
  return { known, groupOf: (u) => (parent.has(u) ? find(u) : undefined), groups };
}

/**
 * Certifies many hidden cells at once. Every table the attacker cannot rule out gives each hidden cell
 * a value it might have; a cell whose values across such tables (the true one among them) already span
 * `width` is protected — its true interval can only be wider. The tables are optimal solutions for
 * random directions (each uncertified cell pushed up or down), drawn until every cell is certified or
 * the draws run out. They stay valid in later rounds, since hiding more cells only removes equations,
 * so `solutions` carries them over.
 */
export function certify(
  release: Release,
  reduced: ReducedSystem,
  pending: readonly number[],
  width: number,
  solver: IntervalSolver,
  report: SuppressionReport,
  safe: Map<number, Interval>,
  solutions: Float64Array[],
): void {
  const cells = pending.flatMap((cell) => {
    const all = release.unknownsOf[cell] as number[];
    const open = all.filter((u) => !reduced.known.has(u));
    if (open.length === 0) return [];
    // An unknown no published cell constrains can grow without bound.
    if (open.some((u) => reduced.groupOf(u) === undefined)) {
      safe.set(cell, { lower: 0, upper: Number.POSITIVE_INFINITY });
      return [];
    }
    const value = release.values[cell] as number;
    return [{ cell, all, open, low: value, high: value }];
  });
  const certified = (c: (typeof cells)[number]) => c.high - c.low + 1e-6 >= width;
  const measure = (solution: Float64Array) => {
    for (const c of cells) {
      let value = 0;
      for (const u of c.all) value += solution[u] as number;
      c.low = Math.min(c.low, value);
      c.high = Math.max(c.high, value);
    }
  };
  for (const solution of solutions) measure(solution);
  let open = cells.filter((c) => !certified(c));
  if (open.length > exactAuditsPerRound) {
    const loaded = solver.load({
      unknowns: release.unknowns,
      equations: [...reduced.groups.values()].flat(),
    });
    try {
      let seed = 0x9e3779b9 ^ solutions.length;
      const coin = () => {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        return seed & 0x10000 ? 1 : -1;
      };
      let fruitless = 0;
      for (let draw = 0; draw < certifyingSolutions && open.length > 0; draw++) {
        const coefficients = new Map<number, number>();
        for (const c of open) {
          const sign = coin();
          for (const u of c.open) coefficients.set(u, (coefficients.get(u) ?? 0) + sign);
        }
        const solution = loaded.vertex(coefficients);
        report.programs += 1;
        // Unknowns the published cells fix take their values, so the solution is a whole table.
        for (const [u, value] of reduced.known) solution[u] = value;
        solutions.push(solution);
        measure(solution);
        const before = open.length;
        open = open.filter((c) => !certified(c));
        // Two draws in a row that certify nothing more suggest the rest are truly exposed.
        fruitless = open.length === before ? fruitless + 1 : 0;
        if (fruitless === 2) break;
      }
    } finally {
      loaded.dispose();
    }
  }
  for (const c of cells) if (certified(c)) safe.set(c.cell, { lower: c.low, upper: c.high });
}

/** A hidden cell's exact interval: two programs over the groups of unknowns it depends on. */
export function intervalOf(
  release: Release,
  reduced: ReducedSystem,
  cell: number,
  solver: IntervalSolver,
  report: SuppressionReport,
): Interval {
  const unknowns = release.unknownsOf[cell] as number[];
  const fixed = unknowns.reduce((sum, u) => sum + (reduced.known.get(u) ?? 0), 0);
  const open = unknowns.filter((u) => !reduced.known.has(u));
  if (open.length === 0) return { lower: fixed, upper: fixed };
  const roots = new Set<number>();
  for (const u of open) {
    const root = reduced.groupOf(u);
    // An unknown no published cell constrains can grow without bound.
    if (root === undefined) return { lower: fixed, upper: Number.POSITIVE_INFINITY };
    roots.add(root);
  }
  // Renumber the groups' unknowns from zero, so the program holds only them.
  const numbering = new Map<number, number>();
  const number = (u: number) => {
    let n = numbering.get(u);
    if (n === undefined) {
      n = numbering.size;
      numbering.set(u, n);
    }
    return n;
  };
  const equations = [...roots].flatMap((root) =>
    (reduced.groups.get(root) ?? []).map((e) => ({ unknowns: e.unknowns.map(number), sum: e.sum })),
  );
  report.programs += 2;
  const loaded = solver.load({ unknowns: numbering.size, equations });
  try {
    const interval = loaded.interval(open.map(number));
    return { lower: fixed + interval.lower, upper: fixed + interval.upper };
  } finally {
    loaded.dispose();
  }
}

import { highsIntervalSolver, type Interval, type IntervalSolver } from './intervals.js';
import {
  type CountTable,
  coordinatesOf,
  forEachIndex,
  type MarginalTable,
  stridesOf,
  total,
  withMargins,
} from './table.js';

/** How cells are protected. */
export interface SuppressionOptions {
  /**
   * Cells from 1 to `threshold − 1` are suppressed (primary suppression). Default 5: published counts
   * show "<5", as UNODC publishes them.
   */
  threshold?: number;
  /**
   * The narrowest interval an attacker who knows every published cell of the release may derive for a
   * suppressed cell (upper − lower, by linear programming). Default: the threshold.
   */
  protectionWidth?: number;
  /** The solver used to audit; HiGHS by default. */
  solver?: IntervalSolver;
}

export const defaultThreshold = 5;

/** Why a cell is not published. */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** One table of a release after disclosure control. */
export interface ProtectedTable {
  table: MarginalTable;
  /** Per cell of `table.values`: 0 published, 1 primary suppression, 2 secondary suppression. */
  status: Uint8Array;
}

/** What the audit found: the attacker's interval for every suppressed cell. */
export interface SuppressionReport {
  primary: number;
  secondary: number;
  /**
   * The narrowest feasible interval shown for any suppressed cell (Infinity when none is suppressed).
   * Where a cell was certified by sampled solutions this is a lower bound of its true interval.
   */
  narrowestInterval: number;
  /** Linear programs solved. */
  programs: number;
  /** Rounds of audit and repair. */
  rounds: number;
}

const primaryStatus = 1;
const secondaryStatus = 2;

/** Solutions drawn at most per round to certify hidden cells. */
const certifyingSolutions = 8;

/** Up to this many uncertified cells in a round get their exact interval (two programs each). */
const exactAuditsPerRound = 3;

/** Rounds of audit and repair before the audit gives up and hides every positive cell. */
const maxRounds = 60;

/**
 * Protects tables that describe the same records: each table's dimensions are some of `base`'s, and a
 * cell that appears in several tables (a shared margin) is published or hidden in all of them alike.
 * Primary suppression hides small cells; secondary suppression hides more until every line of every
 * table (a row, column or pillar with its total) has no lone hidden cell; then an audit by linear
 * programming over all the release's published cells widens any hidden cell an attacker could still
 * pin down to an interval narrower than `protectionWidth`, and repeats until none can.
 *
 * @example
 * const base = tabulate(['year', 'sex'], rows);
 * const { tables } = await protectTables(base, [['year', 'sex'], ['year']]);
 */
export async function protectTables(
  base: CountTable,
  tables: ReadonlyArray<readonly string[]>,
  options: SuppressionOptions = {},
): Promise<{ tables: ProtectedTable[]; report: SuppressionReport }> {
  const threshold = options.threshold ?? defaultThreshold;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError('The threshold must be a whole number ≥ 1.');
  }
  const width = options.protectionWidth ?? threshold;
  const release = linkTables(base, tables);
  const status = new Uint8Array(release.values.length);
  release.values.forEach((value, cell) => {
    if (value > 0 && value < threshold) status[cell] = primaryStatus;
  });
  const hiddenCells = () => {
    const list: number[] = [];
    status.forEach((s, cell) => {
      if (s) list.push(cell);
    });
    return list;
  };
  const report: SuppressionReport = {
    primary: hiddenCells().length,
    secondary: 0,
    narrowestInterval: Number.POSITIVE_INFINITY,
    programs: 0,
    rounds: 0,
  };
  const safe = new Map<number, Interval>();
  // One table over all the data: hypercubes protect every hidden cell by construction, with no
  // programs to solve. Where a cell has no suitable cube, or tables are linked, the audit decides.
  const single = release.tables.length === 1 && tables[0]?.length === base.dimensions.length;
  const protectedByCubes =
    single && protectByHypercubes(release, release.tables[0] as LinkedTable, status, width, safe);
  const needsAudit = report.primary > 0 && !protectedByCubes;
  const solver = options.solver ?? (needsAudit ? await highsIntervalSolver() : undefined);
  const solutions: Float64Array[] = [];
  for (let round = 1; needsAudit && solver; round++) {
    report.rounds = round;
    if (round > maxRounds) {
      // Not settled in time (a huge, sparse release): hide every positive cell rather than publish
      // anything unaudited. Nothing a hidden cell could be recovered from is left.
      release.values.forEach((value, cell) => {
        if (value > 0 && !status[cell]) status[cell] = secondaryStatus;
      });
      break;
    }
    closeLines(release, status);
    const system = publishedSystem(release, status);
    certify(
      release,
      system,
      hiddenCells().filter((cell) => !safe.has(cell)),
      width,
      solver,
      report,
      safe,
      solutions,
    );
    const uncertain = hiddenCells().filter((cell) => !safe.has(cell));
    const exposed: number[] = [];
    for (const cell of uncertain) {
      // Many uncertain cells: treat them as exposed rather than solve two programs each; hiding more
      // only ever widens intervals, so this errs on the side of protection.
      const interval =
        uncertain.length <= exactAuditsPerRound
          ? intervalOf(release, system, cell, solver, report)
          : { lower: 0, upper: 0 };
      if (interval.upper - interval.lower + 1e-6 < width) exposed.push(cell);
      else safe.set(cell, interval);
    }
    if (exposed.length === 0) break;
    if (!hideNeighbours(release, status, exposed)) break;
  }
  for (const interval of safe.values()) {
    // To the millionth: the solver's floating point leaves 4.999999999 where 5 is meant.
    const widthFound = Math.round((interval.upper - interval.lower) * 1e6) / 1e6;
    report.narrowestInterval = Math.min(report.narrowestInterval, widthFound);
  }
  report.secondary = status.filter((s) => s === secondaryStatus).length;
  return {
    tables: release.tables.map((table) => ({
      table: table.marginal,
      status: Uint8Array.from(table.cells, (cell) => status[cell] as number),
    })),
    report,
  };
}

/**
 * The status of every cell as a word, for presenters.
 *
 * @example
 * statusName(1); // → 'primary'
 */
export function statusName(code: number): CellStatus {
  return code === primaryStatus ? 'primary' : code === secondaryStatus ? 'secondary' : 'published';
}

/**
 * The release's distinct cells, numbered: a cell that several tables show (a shared margin) is one
 * cell. Its lines (each a run of cells along one dimension, the line's total last), and the base
 * table's non-zero cells (the unknowns) each cell adds up.
 */
interface LinkedTable {
  marginal: MarginalTable;
  /** The release-wide cell id of each cell of `marginal`. */
  cells: Int32Array;
}

interface Release {
  tables: LinkedTable[];
  values: Float64Array;
  lines: Int32Array[];
  /** For each cell, the lines it lies on. */
  linesOf: number[][];
  /** For each cell, the unknowns it is the sum of. */
  unknownsOf: number[][];
  unknowns: number;
}

/** Marginalises the base onto each table and numbers the distinct quantities across tables. */
function linkTables(base: CountTable, tables: ReadonlyArray<readonly string[]>): Release {
  const baseIds = base.dimensions.map((d) => d.id);
  const ids = new Map<string, number>();
  const values: number[] = [];
  const idOf = (key: string, value: number) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = values.length;
      ids.set(key, id);
      values.push(value);
    }
    return id;
  };
  const positionsOf = tables.map((dimensions) =>
    dimensions.map((id) => {
      const position = baseIds.indexOf(id);
      if (position < 0)
        throw new RangeError(`The table's dimension "${id}" is not among the release's data.`);
      return position;
    }),
  );
  const linked = positionsOf.map((positions) => {
    const marginal = withMargins(project(base, positions));
    const cells = Int32Array.from(marginal.values, (value, i) =>
      idOf(keyOf(baseIds.length, positions, coordinatesOf(marginal, i)), value),
    );
    return { marginal, cells };
  });
  const lines: Int32Array[] = [];
  const linesOf: number[][] = values.map(() => []);
  for (const table of linked) {
    forEachLine(table.marginal, (indexes) => {
      const line = Int32Array.from(indexes, (i) => table.cells[i] as number);
      for (const cell of line) linesOf[cell]?.push(lines.length);
      lines.push(line);
    });
  }
  const unknownsOf: number[][] = values.map(() => []);
  let unknowns = 0;
  forEachIndex(
    base.dimensions.map((d) => d.values.length),
    (coordinates, i) => {
      if ((base.counts[i] as number) === 0) return;
      const unknown = unknowns++;
      for (const positions of positionsOf) {
        // The base cell adds to every cell of this table that keeps or sums each of its dimensions.
        for (let mask = 0; mask < 1 << positions.length; mask++) {
          const own = positions.map((p, j) => (mask & (1 << j) ? total : (coordinates[p] as number)));
          const cell = ids.get(keyOf(baseIds.length, positions, own)) as number;
          const list = unknownsOf[cell] as number[];
          if (list[list.length - 1] !== unknown) list.push(unknown);
        }
      }
    },
  );
  return { tables: linked, values: Float64Array.from(values), lines, linesOf, unknownsOf, unknowns };
}

/** Candidate hypercubes examined at most per hidden cell before the method gives way to the audit. */
const maxCubeCandidates = 60_000;

/**
 * The hypercube method (after Repsilber's, as in τ-ARGUS): a small cell p is hidden together with the
 * other corners of a box — in each dimension p's position and one other (another category, or the
 * total). Adding t to the box's inner corners with alternating signs (a dimension whose other position
 * is the total does not alternate) changes no cell outside the box, so whoever sees every published cell
 * cannot tell p from p + t for any t that keeps the inner corners non-negative: every corner's interval
 * is at least (smallest + corner) + (smallest − corner) wide. Inner corners must be non-zero (an
 * attacker may know which combinations are empty). Among the boxes wide enough, the one hiding the
 * least not yet hidden is chosen. Returns true when every hidden cell is protected by a box.
 */
function protectByHypercubes(
  release: Release,
  table: LinkedTable,
  status: Uint8Array,
  width: number,
  safe: Map<number, Interval>,
): boolean {
  const { shape } = table.marginal;
  const d = shape.length;
  const strides = stridesOf(shape);
  const valueAt = (index: number) => release.values[table.cells[index] as number] as number;
  const hiddenAt = (index: number) => status[table.cells[index] as number] !== 0;
  const corners = 1 << d;
  const primaries: number[] = [];
  table.cells.forEach((cell, index) => {
    if (status[cell] === primaryStatus) primaries.push(index);
  });
  primaries.sort((a, b) => valueAt(a) - valueAt(b));
  const positions = new Array<number>(d);
  const other = new Array<number>(d);
  for (const p of primaries) {
    if (safe.has(table.cells[p] as number)) continue;
    let rest = p;
    for (let k = d - 1; k >= 0; k--) {
      positions[k] = rest % (shape[k] as number);
      rest = Math.floor(rest / (shape[k] as number));
    }
    // Per dimension, the other position: any but p's own; the total only if p's is not the total.
    const options = positions.map((position, k) => {
      const totalAt = (shape[k] as number) - 1;
      const list: number[] = [];
      for (let q = 0; q <= totalAt; q++)
        if (q !== position && !(q === totalAt && position === totalAt)) list.push(q);
      return list;
    });
    const candidates = options.reduce((n, list) => n * list.length, 1);
    if (candidates === 0 || candidates > maxCubeCandidates) return false;
    let best: { corners: number[]; width: number; cost: number } | undefined;
    forEachIndex(
      options.map((list) => list.length),
      (choice) => {
        for (let k = 0; k < d; k++) other[k] = (options[k] as number[])[choice[k] as number] as number;
        let plus = Number.POSITIVE_INFINITY;
        let minus = Number.POSITIVE_INFINITY;
        let cost = 0;
        const box: number[] = [];
        for (let mask = 0; mask < corners; mask++) {
          let index = 0;
          let inner = true;
          let sign = 1;
          for (let k = 0; k < d; k++) {
            const at = mask & (1 << k) ? (other[k] as number) : (positions[k] as number);
            const totalAt = (shape[k] as number) - 1;
            index += at * (strides[k] as number);
            if (at === totalAt) inner = false;
            else if (mask & (1 << k) && positions[k] !== totalAt) sign = -sign;
          }
          const value = valueAt(index);
          if (inner) {
            if (value <= 0) return;
            if (sign > 0) plus = Math.min(plus, value);
            else minus = Math.min(minus, value);
          }
          if (!hiddenAt(index)) cost += value + 1e-3;
          box.push(index);
        }
        const boxWidth = plus + minus;
        if (boxWidth + 1e-9 < width || (best && cost >= best.cost)) return;
        best = { corners: box, width: boxWidth, cost };
      },
    );
    if (!best) return false;
    const chosen: { corners: number[]; width: number; cost: number } = best;
    for (const index of chosen.corners) {
      const cell = table.cells[index] as number;
      if (!status[cell]) status[cell] = secondaryStatus;
      const known = safe.get(cell);
      if (!known || known.upper - known.lower < chosen.width)
        safe.set(cell, { lower: 0, upper: chosen.width });
    }
  }
  // Every hidden cell is a corner of some box (primaries got one; the rest were hidden as corners).
  return true;
}

/** A quantity's name across tables: each base dimension's category, or `*` when summed or absent. */
function keyOf(dimensions: number, positions: readonly number[], coordinates: readonly number[]): string {
  const parts = new Array<string>(dimensions).fill('*');
  positions.forEach((p, j) => {
    const c = coordinates[j] as number;
    if (c !== total) parts[p] = String(c);
  });
  return parts.join('|');
}

/** Sums the base over the dimensions not in `positions`. */
function project(base: CountTable, positions: readonly number[]): CountTable {
  const dimensions = positions.map((p) => base.dimensions[p] as CountTable['dimensions'][number]);
  const strides = stridesOf(dimensions.map((d) => d.values.length));
  const counts = new Array<number>(dimensions.reduce((n, d) => n * d.values.length, 1)).fill(0);
  forEachIndex(
    base.dimensions.map((d) => d.values.length),
    (coordinates, i) => {
      let index = 0;
      positions.forEach((p, j) => {
        index += (coordinates[p] as number) * (strides[j] as number);
      });
      counts[index] = (counts[index] as number) + (base.counts[i] as number);
    },
  );
  return { dimensions, counts };
}

/** Calls `visit` with the cell indexes of every line of a marginal table (its total last). */
function forEachLine(table: MarginalTable, visit: (cells: number[]) => void): void {
  const strides = stridesOf(table.shape);
  table.shape.forEach((size, d) => {
    const stride = strides[d] as number;
    forEachIndex(
      table.shape.map((n, e) => (e === d ? 1 : n)),
      (coordinates) => {
        let start = 0;
        coordinates.forEach((c, e) => {
          start += c * (strides[e] as number);
        });
        visit(Array.from({ length: size }, (_, k) => start + k * stride));
      },
    );
  });
}

/**
 * Secondary suppression by lines: wherever a line holds exactly one hidden cell, the line's total
 * would give it away, so the smallest other positive cell of the line is hidden too. Works through the
 * lines touched by each newly hidden cell until no line of any table has a lone hidden cell.
 */
function closeLines(release: Release, status: Uint8Array): void {
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
function hideNeighbours(release: Release, status: Uint8Array, exposed: readonly number[]): boolean {
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
interface ReducedSystem {
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
function publishedSystem(release: Release, status: Uint8Array): ReducedSystem {
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
function certify(
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
function intervalOf(
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

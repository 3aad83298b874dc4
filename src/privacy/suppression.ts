import { highsIntervalSolver, type Interval, type IntervalSolver, type LinearSystem } from './intervals.js';
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
  /** The narrowest feasible interval found for any suppressed cell (Infinity when none is suppressed). */
  narrowestInterval: number;
  /** Linear programs solved. */
  programs: number;
  /** Rounds of audit and repair. */
  rounds: number;
}

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
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError('The threshold must be a whole number ≥ 1.');
  const width = options.protectionWidth ?? threshold;
  const release = linkTables(base, tables);
  const status = new Map<string, number>();
  for (const [key, value] of release.values)
    if (value > 0 && value < threshold) status.set(key, primaryStatus);

  const solver = options.solver ?? (status.size > 0 ? await highsIntervalSolver() : undefined);
  const report: SuppressionReport = {
    primary: status.size,
    secondary: 0,
    narrowestInterval: Number.POSITIVE_INFINITY,
    programs: 0,
    rounds: 0,
  };
  const safe = new Map<string, Interval>();
  for (let round = 1; status.size > 0 && solver; round++) {
    report.rounds = round;
    closeLines(release, status);
    const system = publishedSystem(release, status);
    const exposed: string[] = [];
    for (const key of status.keys()) {
      if (safe.has(key)) continue;
      const interval = intervalOf(release, system, key, solver, report);
      if (interval.upper - interval.lower + 1e-6 < width) exposed.push(key);
      else safe.set(key, interval);
    }
    if (exposed.length === 0) break;
    let widened = false;
    for (const key of exposed) widened = hideNeighbour(release, status, key) || widened;
    if (!widened) break;
  }
  for (const interval of safe.values()) {
    report.narrowestInterval = Math.min(report.narrowestInterval, interval.upper - interval.lower);
  }
  report.secondary = [...status.values()].filter((s) => s === secondaryStatus).length;
  return {
    tables: release.tables.map((table) => ({
      table: table.marginal,
      status: Uint8Array.from(table.keys, (key) => status.get(key) ?? 0),
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

const primaryStatus = 1;
const secondaryStatus = 2;

interface LinkedTable {
  marginal: MarginalTable;
  /** The release-wide key of each cell: the same quantity has the same key in every table. */
  keys: string[];
}

interface Release {
  tables: LinkedTable[];
  /** The value of every distinct cell of the release. */
  values: Map<string, number>;
  /** The non-zero cells of the base table (the unknowns), as the keys of the cells each adds to. */
  unknownsOf: Map<string, number[]>;
  unknowns: number;
}

/** Marginalises the base onto each table and gives every cell a key naming the quantity it is. */
function linkTables(base: CountTable, tables: ReadonlyArray<readonly string[]>): Release {
  const baseIds = base.dimensions.map((d) => d.id);
  const values = new Map<string, number>();
  const linked = tables.map((ids) => {
    const positions = ids.map((id) => {
      const position = baseIds.indexOf(id);
      if (position < 0)
        throw new RangeError(`The table's dimension "${id}" is not among the release's data.`);
      return position;
    });
    const marginal = withMargins(project(base, positions));
    const keys = marginal.values.map((value, i) => {
      const coordinates = coordinatesOf(marginal, i);
      const key = keyOf(baseIds.length, positions, coordinates);
      values.set(key, value);
      return key;
    });
    return { marginal, keys };
  });
  const unknownsOf = new Map<string, number[]>();
  let unknowns = 0;
  forEachIndex(
    base.dimensions.map((d) => d.values.length),
    (coordinates, i) => {
      if ((base.counts[i] as number) === 0) return;
      const unknown = unknowns++;
      for (const ids of tables) {
        const positions = ids.map((id) => baseIds.indexOf(id));
        // The cell adds to every cell of this table that keeps or sums each of its dimensions.
        for (let mask = 0; mask < 1 << positions.length; mask++) {
          const own = positions.map((p, j) => (mask & (1 << j) ? total : (coordinates[p] as number)));
          const key = keyOf(baseIds.length, positions, own);
          const list = unknownsOf.get(key);
          if (!list) unknownsOf.set(key, [unknown]);
          else if (list[list.length - 1] !== unknown) list.push(unknown);
        }
      }
    },
  );
  return { tables: linked, values, unknownsOf, unknowns };
}

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

/**
 * Secondary suppression by lines: wherever a line (the cells along one dimension with their total)
 * holds exactly one hidden cell, the line's total would give it away, so the smallest other positive
 * cell of the line is hidden too. Repeats until no line of any table has a lone hidden cell.
 */
function closeLines(release: Release, status: Map<string, number>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const table of release.tables) {
      forEachLine(table.marginal, (cells) => {
        const keys = cells.map((i) => table.keys[i] as string);
        if (keys.filter((key) => status.has(key)).length !== 1) return;
        const partner = cheapestPartner(release, status, keys);
        if (partner !== undefined) {
          status.set(partner, secondaryStatus);
          changed = true;
        }
      });
    }
  }
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

/** The cell to hide beside a lone hidden one: the smallest positive inner cell, else the total. */
function cheapestPartner(
  release: Release,
  status: Map<string, number>,
  line: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestValue = Number.POSITIVE_INFINITY;
  line.slice(0, -1).forEach((key) => {
    const value = release.values.get(key) as number;
    if (!status.has(key) && value > 0 && value < bestValue) {
      best = key;
      bestValue = value;
    }
  });
  const lineTotal = line[line.length - 1] as string;
  if (best === undefined && !status.has(lineTotal) && (release.values.get(lineTotal) as number) > 0)
    return lineTotal;
  return best;
}

/** Hides the smallest positive published cell on any line through an exposed cell. */
function hideNeighbour(release: Release, status: Map<string, number>, exposed: string): boolean {
  let best: string | undefined;
  let bestValue = Number.POSITIVE_INFINITY;
  for (const table of release.tables) {
    forEachLine(table.marginal, (cells) => {
      const keys = cells.map((i) => table.keys[i] as string);
      if (!keys.includes(exposed)) return;
      for (const key of keys) {
        const value = release.values.get(key) as number;
        if (!status.has(key) && value > 0 && value < bestValue) {
          best = key;
          bestValue = value;
        }
      }
    });
  }
  if (best === undefined) {
    // Nothing on its lines is left to hide: hide the smallest positive cell anywhere in the release.
    for (const [key, value] of release.values) {
      if (!status.has(key) && value > 0 && value < bestValue) {
        best = key;
        bestValue = value;
      }
    }
  }
  if (best === undefined) return false;
  status.set(best, secondaryStatus);
  return true;
}

/**
 * The equations an attacker has: every published cell is a sum of the base's non-zero cells. Cells the
 * equations fix outright (alone in an equation, or the last unknown of one) are substituted first, so
 * the programs the solver sees hold only what is truly uncertain.
 */
function publishedSystem(release: Release, status: Map<string, number>): ReducedSystem {
  const equations: Array<{ unknowns: number[]; sum: number }> = [];
  for (const [key, unknowns] of release.unknownsOf) {
    if (!status.has(key)) equations.push({ unknowns: [...unknowns], sum: release.values.get(key) as number });
  }
  const known = new Map<number, number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const open = equation.unknowns.filter((u) => !known.has(u));
      if (open.length !== 1) continue;
      const rest = equation.unknowns.reduce((sum, u) => sum + (known.get(u) ?? 0), 0);
      known.set(open[0] as number, equation.sum - rest);
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
  return { system: { unknowns: release.unknowns, equations: reduced }, known };
}

interface ReducedSystem {
  system: LinearSystem;
  known: Map<number, number>;
}

function intervalOf(
  release: Release,
  reduced: ReducedSystem,
  key: string,
  solver: IntervalSolver,
  report: SuppressionReport,
): Interval {
  const unknowns = release.unknownsOf.get(key) ?? [];
  const fixed = unknowns.reduce((sum, u) => sum + (reduced.known.get(u) ?? 0), 0);
  const open = unknowns.filter((u) => !reduced.known.has(u));
  if (open.length === 0) return { lower: fixed, upper: fixed };
  report.programs += 2;
  const interval = solver.interval(reduced.system, open);
  return { lower: fixed + interval.lower, upper: fixed + interval.upper };
}

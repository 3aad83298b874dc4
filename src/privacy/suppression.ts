import { protectByHypercubes } from './hypercube.js';
import { highsIntervalSolver, type Interval, type IntervalSolver } from './intervals.js';
import { type LinkedTable, linkTables, primaryStatus, secondaryStatus } from './linked-release.js';
import {
  certify,
  closeLines,
  exactAuditsPerRound,
  hideNeighbours,
  intervalOf,
  maxRounds,
  publishedSystem,
} from './lp-audit.js';
import type { CountTable, MarginalTable } from './table.js';

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

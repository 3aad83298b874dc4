/**
 * k-anonymity for microdata releases: every combination of quasi-identifier values that is published
 * occurs at least k times. Reached by global recoding (one generalisation level per quasi-identifier,
 * from a hierarchy) and local suppression of the rows still in too small a class, as IOM's CTDC global
 * dataset is published (k = 11).
 */

import { type Hierarchy, suppressed } from './generalisation-hierarchies.js';

/** k of CTDC's published global dataset. */
export const defaultK = 11;

/** Share of rows that may be locally suppressed when no share is given. */
export const defaultMaxSuppression = 0.05;

/** Above this many nodes the lattice of generalisation levels is searched greedily, not exhaustively. */
export const maxLatticeNodes = 2_000;

/** Quasi-identifiers, the hierarchy of each, k and the suppression limit. */
export interface AnonymiseOptions {
  /** Column name → how it is generalised. Columns not named here are passed through unchanged. */
  quasiIdentifiers: Readonly<Record<string, Hierarchy>>;
  /** Every published combination of quasi-identifier values occurs at least k times. Default 11. */
  k?: number;
  /** Share of rows whose quasi-identifiers may all be set to '*' (local suppression). Default 0.05. */
  maxSuppression?: number;
}

/** How much a release lost to reach k-anonymity. */
export interface InformationLoss {
  /** Rows given. */
  rows: number;
  /** Rows published: `rows − removedRows`. */
  releasedRows: number;
  k: number;
  maxSuppression: number;
  /** Rows whose quasi-identifiers were all set to '*' because their class stayed smaller than k. */
  suppressedRows: number;
  /** Suppressed rows left out altogether, because they were fewer than k even all together. */
  removedRows: number;
  /** Per quasi-identifier: its hierarchy, the level chosen and the highest level. */
  levels: Record<string, { hierarchy: string; level: number; levels: number }>;
  /** Mean over the quasi-identifiers of level / levels: 0 published as given, 1 all '*'. */
  precisionLoss: number;
  /**
   * Discernibility metric: the sum over published classes of size², plus `rows` for every removed row
   * (a removed row is as indistinguishable as can be, as in Bayardo and Agrawal's definition).
   */
  discernibility: number;
  /** Equivalence classes published (combinations of quasi-identifier values). */
  classes: number;
  averageClassSize: number;
  /** 0 when nothing is published. */
  smallestClassSize: number;
  /** 'lattice' when every node of the lattice was evaluated, 'greedy' when it was too large for that. */
  search: 'lattice' | 'greedy';
}

/** A k-anonymous release: its rows, the level chosen per quasi-identifier, and what it cost. */
export interface AnonymisedRelease {
  rows: Array<Record<string, string | null>>;
  levels: Record<string, number>;
  report: InformationLoss;
}

type Row = Readonly<Record<string, string | null>>;

/** One quasi-identifier at one level: a small integer code per distinct input combination. */
interface ColumnCoding {
  codes: Int32Array;
  cardinality: number;
  /** The tuples in order of their code, so that a refinement needs no hashing. */
  byCode: Int32Array;
  /** 1 where the generalised value is '*'. */
  star: Uint8Array;
}

/** The distinct quasi-identifier combinations of the input, how many rows hold each, and their codes. */
interface Tabulation {
  rowsPerTuple: number[];
  /** [quasi-identifier][level] → coding. */
  columns: ColumnCoding[][];
}

/** The classes the distinct combinations fall into at some levels of the first few quasi-identifiers. */
interface Partition {
  classOf: Int32Array;
  classes: number;
  /** 1 where every quasi-identifier considered so far is '*'. */
  allStar: Uint8Array;
}

/** What a node of the lattice (one level per quasi-identifier) would cost. */
interface NodeOutcome {
  levels: number[];
  suppressedRows: number;
  /** Cells lost: generalised cells count level / levels each, suppressed cells 1 each. */
  cellLoss: number;
  discernibility: number;
}

/**
 * Makes rows k-anonymous over the quasi-identifiers. Every node of the lattice of generalisation levels
 * is evaluated when there are at most 2,000 nodes (a greedy Datafly-like climb otherwise); among the
 * nodes that need to suppress at most `maxSuppression` of the rows, the one losing the fewest cells
 * (Sweeney's precision over cells, a suppressed row losing all its quasi-identifier cells) is chosen,
 * then the lowest discernibility, then the first in level order. Rows still in a class smaller than k have
 * every quasi-identifier set to '*'; if those rows (with any row already all '*') are fewer than k, they
 * are removed. Other columns and the order of the rows are kept; the input is not changed.
 *
 * @example
 * const release = anonymise(rows, {
 *   quasiIdentifiers: { gender: categoricalHierarchy('gender'), ageBroad: ageBandHierarchy() },
 *   k: 11,
 * });
 * release.levels; // { gender: 0, ageBroad: 1 }
 * release.report.suppressedRows; // 3
 */
export function anonymise(rows: ReadonlyArray<Row>, options: AnonymiseOptions): AnonymisedRelease {
  const names = Object.keys(options.quasiIdentifiers);
  const hierarchies = Object.values(options.quasiIdentifiers);
  const k = options.k ?? defaultK;
  const maxSuppression = options.maxSuppression ?? defaultMaxSuppression;
  checkOptions(hierarchies, k, maxSuppression);
  const tabulation = tabulateTuples(rows, names, hierarchies);
  const budget = Math.floor(maxSuppression * rows.length);
  const nodes = hierarchies.reduce((product, hierarchy) => product * (hierarchy.levels + 1), 1);
  const search = nodes <= maxLatticeNodes ? 'lattice' : 'greedy';
  const best =
    search === 'lattice'
      ? searchLattice(tabulation, hierarchies, k, budget)
      : climbGreedily(tabulation, hierarchies, k, budget);
  const released = release(rows, names, hierarchies, best.levels, k);
  return {
    rows: released.rows,
    levels: Object.fromEntries(names.map((name, q) => [name, best.levels[q] ?? 0])),
    report: {
      rows: rows.length,
      releasedRows: released.rows.length,
      k,
      maxSuppression,
      suppressedRows: released.suppressedRows,
      removedRows: released.removedRows,
      levels: Object.fromEntries(
        names.map((name, q) => {
          const hierarchy = hierarchies[q];
          return [
            name,
            {
              hierarchy: hierarchy?.name ?? name,
              level: best.levels[q] ?? 0,
              levels: hierarchy?.levels ?? 1,
            },
          ];
        }),
      ),
      precisionLoss: names.length === 0 ? 0 : generalisedShare(best.levels, hierarchies) / names.length,
      ...classStatistics(released.rows, names, rows.length, released.removedRows),
      search,
    },
  };
}

function checkOptions(hierarchies: readonly Hierarchy[], k: number, maxSuppression: number): void {
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new RangeError(`k must be a whole number of at least 1, not ${k}.`);
  }
  if (!(maxSuppression >= 0 && maxSuppression <= 1)) {
    throw new RangeError(`maxSuppression is a share of the rows, from 0 to 1, not ${maxSuppression}.`);
  }
  for (const hierarchy of hierarchies) {
    if (!Number.isSafeInteger(hierarchy.levels) || hierarchy.levels < 1) {
      throw new RangeError(
        `Hierarchy "${hierarchy.name}" must have at least 1 level, not ${hierarchy.levels}.`,
      );
    }
  }
}

function tabulateTuples(
  rows: ReadonlyArray<Row>,
  names: readonly string[],
  hierarchies: readonly Hierarchy[],
): Tabulation {
  const tupleOfKey = new Map<string, number>();
  const rowsPerTuple: number[] = [];
  const tuples: Array<Array<string | null>> = [];
  for (const row of rows) {
    const values = names.map((name) => row[name] ?? null);
    const key = JSON.stringify(values);
    const tuple = tupleOfKey.get(key) ?? tuples.length;
    if (tuple === tuples.length) {
      tupleOfKey.set(key, tuple);
      tuples.push(values);
      rowsPerTuple.push(0);
    }
    rowsPerTuple[tuple] = (rowsPerTuple[tuple] ?? 0) + 1;
  }
  const columns = hierarchies.map((hierarchy, q) => {
    const values = tuples.map((tuple) => tuple[q] ?? null);
    return Array.from({ length: hierarchy.levels + 1 }, (_, level) => encode(hierarchy, values, level));
  });
  return { rowsPerTuple, columns };
}

function encode(hierarchy: Hierarchy, values: ReadonlyArray<string | null>, level: number): ColumnCoding {
  const codeOf = new Map<string | null, number>();
  const codes = new Int32Array(values.length);
  const star = new Uint8Array(values.length);
  values.forEach((value, t) => {
    const generalised = hierarchy.generalise(value, level);
    const code = codeOf.get(generalised) ?? codeOf.size;
    codeOf.set(generalised, code);
    codes[t] = code;
    star[t] = generalised === suppressed ? 1 : 0;
  });
  return { codes, cardinality: codeOf.size, byCode: countingSort(codes, codeOf.size), star };
}

/** Indices of `codes` ordered by code (codes are 0 to cardinality − 1). */
function countingSort(codes: Int32Array, cardinality: number): Int32Array {
  const next = new Int32Array(cardinality + 1);
  for (const code of codes) next[code + 1] = (next[code + 1] ?? 0) + 1;
  for (let code = 1; code <= cardinality; code++) next[code] = (next[code] ?? 0) + (next[code - 1] ?? 0);
  const order = new Int32Array(codes.length);
  codes.forEach((code, t) => {
    const at = next[code] ?? 0;
    order[at] = t;
    next[code] = at + 1;
  });
  return order;
}

function wholePartition(tuples: number): Partition {
  return {
    classOf: new Int32Array(tuples),
    classes: tuples > 0 ? 1 : 0,
    allStar: new Uint8Array(tuples).fill(1),
  };
}

/**
 * Splits each class by one more quasi-identifier's codes. Tuples are visited in order of that code, so
 * the tuples of a class that share a code come one after another: remembering the last code seen per
 * class is enough to give them one new class id, with no hash table.
 */
function refine(partition: Partition, column: ColumnCoding): Partition {
  const lastCode = new Int32Array(partition.classes).fill(-1);
  const lastId = new Int32Array(partition.classes);
  const classOf = new Int32Array(partition.classOf.length);
  const allStar = new Uint8Array(partition.classOf.length);
  let classes = 0;
  for (const t of column.byCode) {
    const previous = partition.classOf[t] ?? 0;
    const code = column.codes[t] ?? 0;
    if (lastCode[previous] !== code) {
      lastCode[previous] = code;
      lastId[previous] = classes++;
    }
    classOf[t] = lastId[previous] ?? 0;
    allStar[t] = (partition.allStar[t] ?? 0) & (column.star[t] ?? 0);
  }
  return { classOf, classes, allStar };
}

function generalisedShare(levels: readonly number[], hierarchies: readonly Hierarchy[]): number {
  return levels.reduce((sum, level, q) => sum + level / (hierarchies[q]?.levels ?? 1), 0);
}

function evaluate(
  partition: Partition,
  tabulation: Tabulation,
  node: { levels: number[]; hierarchies: readonly Hierarchy[]; k: number },
): NodeOutcome {
  const sizes = new Array<number>(partition.classes).fill(0);
  let starClass = -1;
  tabulation.rowsPerTuple.forEach((count, t) => {
    const id = partition.classOf[t] ?? 0;
    sizes[id] = (sizes[id] ?? 0) + count;
    if (partition.allStar[t] === 1) starClass = id;
  });
  const rows = sizes.reduce((sum, size) => sum + size, 0);
  let suppressedRows = 0;
  let discernibility = 0;
  sizes.forEach((size, id) => {
    if (size < node.k) suppressedRows += size;
    else if (id !== starClass) discernibility += size * size;
  });
  const alreadyStar = sizes[starClass] ?? 0;
  const starSize = suppressedRows + (alreadyStar >= node.k ? alreadyStar : 0);
  discernibility += starSize >= node.k ? starSize * starSize : suppressedRows * rows;
  const cellLoss =
    (rows - suppressedRows) * generalisedShare(node.levels, node.hierarchies) +
    suppressedRows * node.hierarchies.length;
  return { levels: node.levels, suppressedRows, cellLoss, discernibility };
}

/** Whether `candidate` is a better node than `best`: within the budget, then fewer cells lost, then DM. */
function isBetter(candidate: NodeOutcome, best: NodeOutcome | undefined, budget: number): boolean {
  if (best === undefined) return true;
  const fits = candidate.suppressedRows <= budget;
  if (fits !== best.suppressedRows <= budget) return fits;
  if (!fits && candidate.suppressedRows !== best.suppressedRows) {
    return candidate.suppressedRows < best.suppressedRows;
  }
  if (candidate.cellLoss !== best.cellLoss) return candidate.cellLoss < best.cellLoss;
  return candidate.discernibility < best.discernibility;
}

/** Evaluates every node, depth first, refining the partition one quasi-identifier at a time. */
function searchLattice(tabulation: Tabulation, hierarchies: readonly Hierarchy[], k: number, budget: number) {
  let best: NodeOutcome | undefined;
  const visit = (q: number, partition: Partition, levels: number[]): void => {
    const column = tabulation.columns[q];
    if (column === undefined) {
      const outcome = evaluate(partition, tabulation, { levels, hierarchies, k });
      if (isBetter(outcome, best, budget)) best = outcome;
      return;
    }
    for (const [level, coding] of column.entries()) {
      visit(q + 1, refine(partition, coding), [...levels, level]);
    }
  };
  visit(0, wholePartition(tabulation.rowsPerTuple.length), []);
  return best ?? evaluateNode(tabulation, hierarchies, k, []);
}

function evaluateNode(
  tabulation: Tabulation,
  hierarchies: readonly Hierarchy[],
  k: number,
  levels: number[],
) {
  const partition = tabulation.columns.reduce(
    (partial, codings, q) => refine(partial, codings[levels[q] ?? 0] as ColumnCoding), // levels[q] ≤ levels
    wholePartition(tabulation.rowsPerTuple.length),
  );
  return evaluate(partition, tabulation, { levels, hierarchies, k });
}

/**
 * Datafly: from the original values, generalise the quasi-identifier with the most distinct values one
 * level at a time until the suppression budget is met (at the latest when everything is '*').
 */
function climbGreedily(tabulation: Tabulation, hierarchies: readonly Hierarchy[], k: number, budget: number) {
  const levels = hierarchies.map(() => 0);
  for (;;) {
    const outcome = evaluateNode(tabulation, hierarchies, k, [...levels]);
    let widest = -1;
    let widestCardinality = 0;
    levels.forEach((level, q) => {
      const cardinality = tabulation.columns[q]?.[level]?.cardinality ?? 0;
      if (level < (hierarchies[q]?.levels ?? 0) && cardinality > widestCardinality) {
        widest = q;
        widestCardinality = cardinality;
      }
    });
    if (outcome.suppressedRows <= budget || widest < 0) return outcome;
    levels[widest] = (levels[widest] ?? 0) + 1;
  }
}

/** Applies the chosen levels, suppresses rows in small classes and removes them if they stay too few. */
function release(
  rows: ReadonlyArray<Row>,
  names: readonly string[],
  hierarchies: readonly Hierarchy[],
  levels: readonly number[],
  k: number,
) {
  const generalised = rows.map((row) =>
    names.map((name, q) => hierarchies[q]?.generalise(row[name] ?? null, levels[q] ?? 0) ?? null),
  );
  const keys = generalised.map((values) => JSON.stringify(values));
  const sizes = countBy(keys);
  const isSuppressed = keys.map((key) => (sizes.get(key) ?? 0) < k);
  const suppressedRows = isSuppressed.filter(Boolean).length;
  const alreadyStar = sizes.get(JSON.stringify(names.map(() => suppressed))) ?? 0;
  const starSize = suppressedRows + (alreadyStar >= k ? alreadyStar : 0);
  const removeSuppressed = suppressedRows > 0 && starSize < k;
  const released: Array<Record<string, string | null>> = [];
  rows.forEach((row, i) => {
    if (isSuppressed[i] && removeSuppressed) return;
    const values = isSuppressed[i] ? names.map(() => suppressed) : (generalised[i] ?? []);
    released.push({ ...row, ...Object.fromEntries(names.map((name, q) => [name, values[q] ?? null])) });
  });
  return { rows: released, suppressedRows, removedRows: removeSuppressed ? suppressedRows : 0 };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Class statistics of the published rows, counted afresh from them. */
function classStatistics(
  released: ReadonlyArray<Row>,
  names: readonly string[],
  rows: number,
  removed: number,
) {
  const sizes = [
    ...countBy(released.map((row) => JSON.stringify(names.map((name) => row[name] ?? null)))).values(),
  ];
  return {
    classes: sizes.length,
    discernibility: sizes.reduce((sum, size) => sum + size * size, 0) + removed * rows,
    averageClassSize: sizes.length === 0 ? 0 : released.length / sizes.length,
    smallestClassSize: sizes.length === 0 ? 0 : Math.min(...sizes),
  };
}

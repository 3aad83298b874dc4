/**
 * The cells of a release's tables, numbered across tables (a margin two tables share is one cell), their
 * lines, and which non-zero cells of the base table each adds up: what suppression and its audit work on.
 */
import {
  type CountTable,
  coordinatesOf,
  forEachIndex,
  type MarginalTable,
  stridesOf,
  total,
  withMargins,
} from './table.js';

/** A cell's status: 0 published, 1 primary suppression, 2 secondary suppression. */
export const primaryStatus = 1;
export const secondaryStatus = 2;

/**
 * The release's distinct cells, numbered: a cell that several tables show (a shared margin) is one
 * cell. Its lines (each a run of cells along one dimension, the line's total last), and the base
 * table's non-zero cells (the unknowns) each cell adds up.
 */
export interface LinkedTable {
  marginal: MarginalTable;
  /** The release-wide cell id of each cell of `marginal`. */
  cells: Int32Array;
}

export interface Release {
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
export function linkTables(base: CountTable, tables: ReadonlyArray<readonly string[]>): Release {
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
export function forEachLine(table: MarginalTable, visit: (cells: number[]) => void): void {
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

/**
 * Frequency tables for disclosure control: a dense cross-classification over a few dimensions, and the
 * same table with every margin (each dimension can also be "all"), which is what a release publishes.
 */

/** One dimension of a table and the categories it takes, in the order they are shown. */
export interface TableDimension {
  id: string;
  values: readonly string[];
}

/** Counts (or sums of non-negative integers) of every combination of the dimensions' values. */
export interface CountTable {
  dimensions: readonly TableDimension[];
  /** Row-major over the dimensions: the last dimension varies fastest. */
  counts: readonly number[];
}

/** A grouped row, as a `GROUP BY` returns it: one value per dimension and the count of that group. */
export interface GroupedRow {
  values: readonly string[];
  count: number;
}

/** Above this many cells, with margins, a table is refused: it could not be shown or audited anyway. */
export const maxTableCells = 20_000;

/** The coordinate that stands for "all values" of a dimension in a table with margins. */
export const total = -1;

/**
 * A dense table from grouped rows. Each dimension's categories are those met in the rows, in the order
 * of `order` (codelist order; others after, sorted), plus every category listed in `complete` for that
 * dimension even when no row has it. A combination with no rows is a zero.
 *
 * @example
 * const table = tabulate(['year', 'sex'], [{ values: ['2020', 'Female'], count: 3 }]);
 * // table.counts → [3]
 */
export function tabulate(
  dimensionIds: readonly string[],
  rows: Iterable<GroupedRow>,
  order: Readonly<Record<string, readonly string[]>> = {},
  complete: Readonly<Record<string, readonly string[]>> = {},
): CountTable {
  const collected = [...rows];
  const dimensions = dimensionIds.map((id, d) => {
    const met = new Set([...collected.map((row) => row.values[d] as string), ...(complete[id] ?? [])]);
    const given = (order[id] ?? []).filter((value) => met.has(value));
    const known = new Set(given);
    const extra = [...met].filter((value) => !known.has(value)).sort();
    return { id, values: [...given, ...extra] };
  });
  const shape = dimensions.map((dimension) => dimension.values.length);
  checkSize(shape);
  const positions = dimensions.map((dimension) => new Map(dimension.values.map((value, i) => [value, i])));
  const counts = new Array<number>(product(shape)).fill(0);
  for (const row of collected) {
    if (!Number.isSafeInteger(row.count) || row.count < 0) {
      throw new RangeError(`A table cell must be a non-negative whole number, not ${row.count}.`);
    }
    let index = 0;
    for (let d = 0; d < shape.length; d++) {
      index = index * (shape[d] as number) + (positions[d]?.get(row.values[d] as string) as number);
    }
    counts[index] = (counts[index] as number) + row.count;
  }
  return { dimensions, counts };
}

/**
 * The table with all its margins, as a dense array over the shape where each dimension has one more
 * position (its last) standing for "all values": the row totals, column totals, grand total and so on.
 */
export interface MarginalTable {
  dimensions: readonly TableDimension[];
  /** Each dimension's number of values plus one (the total). */
  shape: readonly number[];
  values: readonly number[];
}

/**
 * Every cell of a table and every sum of its cells along any set of dimensions.
 *
 * @example
 * withMargins(tabulate(['sex'], [{ values: ['F'], count: 2 }, { values: ['M'], count: 3 }])).values;
 * // → [2, 3, 5]
 */
export function withMargins(table: CountTable): MarginalTable {
  const inner = table.dimensions.map((dimension) => dimension.values.length);
  const shape = inner.map((n) => n + 1);
  checkSize(shape);
  const values = new Array<number>(product(shape)).fill(0);
  const strides = stridesOf(shape);
  // Place the interior cells, then sum along one dimension at a time: after the last pass every
  // combination of totals holds its sum.
  forEachIndex(inner, (coordinates, i) => {
    values[offsetOf(coordinates, strides)] = table.counts[i] as number;
  });
  for (let d = 0; d < shape.length; d++) {
    const stride = strides[d] as number;
    const n = inner[d] as number;
    forEachIndex(
      shape.map((size, e) => (e === d ? 1 : size)),
      (coordinates) => {
        const start = offsetOf(coordinates, strides);
        let sum = 0;
        for (let k = 0; k < n; k++) sum += values[start + k * stride] as number;
        values[start + n * stride] = sum;
      },
    );
  }
  return { dimensions: table.dimensions, shape, values };
}

/** The coordinates of a cell of a marginal table; `total` (−1) where the cell sums a dimension. */
export function coordinatesOf(table: MarginalTable, index: number): number[] {
  const coordinates = new Array<number>(table.shape.length);
  let rest = index;
  for (let d = table.shape.length - 1; d >= 0; d--) {
    const size = table.shape[d] as number;
    const position = rest % size;
    coordinates[d] = position === size - 1 ? total : position;
    rest = Math.floor(rest / size);
  }
  return coordinates;
}

/** The index of a cell of a marginal table from its coordinates (`total` for a summed dimension). */
export function indexOf(table: MarginalTable, coordinates: readonly number[]): number {
  let index = 0;
  for (let d = 0; d < table.shape.length; d++) {
    const size = table.shape[d] as number;
    const position = coordinates[d] as number;
    index = index * size + (position === total ? size - 1 : position);
  }
  return index;
}

/** Distance in the dense array between neighbours along each dimension (row-major). */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d] as number;
  }
  return strides;
}

/** Calls `visit` for every combination of positions within `shape`, in row-major order. */
export function forEachIndex(
  shape: readonly number[],
  visit: (coordinates: number[], i: number) => void,
): void {
  if (shape.some((size) => size === 0)) return;
  const coordinates = shape.map(() => 0);
  const count = product(shape);
  for (let i = 0; i < count; i++) {
    visit(coordinates, i);
    for (let d = shape.length - 1; d >= 0; d--) {
      coordinates[d] = (coordinates[d] as number) + 1;
      if ((coordinates[d] as number) < (shape[d] as number)) break;
      coordinates[d] = 0;
    }
  }
}

function offsetOf(coordinates: readonly number[], strides: readonly number[]): number {
  let offset = 0;
  for (let d = 0; d < strides.length; d++) offset += (coordinates[d] as number) * (strides[d] as number);
  return offset;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function checkSize(shape: readonly number[]): void {
  const cells = shape.reduce((a, b) => a * (b + 1), 1);
  if (cells > maxTableCells) {
    throw new RangeError(
      `This table would have ${cells.toLocaleString('en')} cells with its totals; the most is ${maxTableCells.toLocaleString('en')}. Choose fewer dimensions or filter.`,
    );
  }
}

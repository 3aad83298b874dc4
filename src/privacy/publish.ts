import { type CellStatus, type ProtectedTable, statusName } from './suppression.js';
import { coordinatesOf, total } from './table.js';

/** A cell as it leaves the engine: its categories (null for "all"), and its value unless hidden. */
export interface PublishedCell {
  coordinates: Array<string | null>;
  /** Null when the cell is suppressed. */
  value: number | null;
  status: CellStatus;
}

/**
 * The cells of a protected table, ready to present: hidden values removed, the rest optionally rounded.
 *
 * @example
 * publishedCells(protectedTable, { roundingBase: 3 });
 */
export function publishedCells(
  table: ProtectedTable,
  options: { roundingBase?: number } = {},
): PublishedCell[] {
  const base = options.roundingBase ?? 1;
  if (!Number.isInteger(base) || base < 1)
    throw new RangeError('The rounding base must be a whole number ≥ 1.');
  return table.table.values.map((value, i) => {
    const status = statusName(table.status[i] as number);
    return {
      coordinates: coordinatesOf(table.table, i).map((c, d) =>
        c === total ? null : (table.table.dimensions[d]?.values[c] as string),
      ),
      value: status === 'published' ? roundToBase(value, base) : null,
      status,
    };
  });
}

/**
 * Rounds to the nearest multiple of `base`, halves up. Totals are rounded on their own, so rounded
 * cells need not add up to a rounded total; a release's method note says so.
 *
 * @example
 * roundToBase(7, 5); // → 5
 * roundToBase(8, 5); // → 10
 */
export function roundToBase(value: number, base: number): number {
  return base <= 1 ? value : Math.floor(value / base + 0.5) * base;
}

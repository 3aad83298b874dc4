import { describe, expect, it } from 'vitest';
import { maxTableCells, tabulate, withMargins } from './table.js';

describe('tables', () => {
  it('add every margin: row, column and grand totals', () => {
    const table = tabulate(
      ['sex', 'year'],
      [
        { values: ['F', '2023'], count: 2 },
        { values: ['F', '2024'], count: 3 },
        { values: ['M', '2024'], count: 7 },
      ],
    );
    // F: 2023, 2024, all; M: 2023, 2024, all; all: 2023, 2024, all.
    expect(withMargins(table).values).toEqual([2, 3, 5, 0, 7, 7, 2, 10, 12]);
  });

  it('refuse more cells than can be shown or protected, saying what to do', () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const rows = values.flatMap((a) =>
      values.flatMap((b) => values.map((c) => ({ values: [a, b, c], count: 1 }))),
    );
    expect(31 ** 3).toBeGreaterThan(maxTableCells);
    expect(() => tabulate(['a', 'b', 'c'], rows)).toThrow(/fewer dimensions/);
  });
});

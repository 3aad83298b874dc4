import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedCells, roundToBase } from './publish.js';
import { protectTables } from './suppression.js';
import { tabulate } from './table.js';

describe('published cells', () => {
  it('round to the nearest multiple of the base, halves up, and leave zero at zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 20 }), (value, base) => {
        const rounded = roundToBase(value, base);
        expect(rounded % base).toBe(0);
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(base / 2);
        if (value === 0) expect(rounded).toBe(0);
      }),
    );
    expect(roundToBase(7, 5)).toBe(5);
    expect(roundToBase(8, 5)).toBe(10);
  });

  it('carry no value for a suppressed cell, rounded or not, and name "all" as null', async () => {
    const base = tabulate(
      ['sex'],
      [
        { values: ['F'], count: 2 },
        { values: ['M'], count: 37 },
        { values: ['X'], count: 41 },
      ],
    );
    const { tables } = await protectTables(base, [['sex']]);
    const cells = publishedCells(tables[0] as NonNullable<(typeof tables)[0]>, { roundingBase: 5 });
    expect(cells.find((c) => c.coordinates[0] === 'F')).toMatchObject({ value: null, status: 'primary' });
    expect(cells.filter((c) => c.value === null).length).toBeGreaterThanOrEqual(2);
    for (const cell of cells) if (cell.value !== null) expect(cell.value % 5).toBe(0);
    expect(cells.at(-1)?.coordinates).toEqual([null]);
    expect(() => publishedCells(tables[0] as NonNullable<(typeof tables)[0]>, { roundingBase: 0 })).toThrow(
      /rounding base/,
    );
  });
});

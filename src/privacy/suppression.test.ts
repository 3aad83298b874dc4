import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs } from './intervals.js';
import { protectTables } from './suppression.js';
import { type CountTable, coordinatesOf, forEachIndex, tabulate, total, withMargins } from './table.js';

const highs = await loadHighs();

/** A release as an attacker sees it: for each table, each cell's coordinates and value or "hidden". */
interface Seen {
  dimensions: string[];
  cells: Array<{ coordinates: number[]; value: number; hidden: boolean }>;
}

/**
 * The attack, written apart from the engine: unknowns are the base table's non-zero cells (the attacker
 * is even told which combinations are empty); every published cell of every table is an equation; for
 * each hidden cell, minimise and maximise its sum.
 */
function attack(
  base: CountTable,
  seen: readonly Seen[],
): Array<{ lower: number; upper: number; value: number }> {
  const ids = base.dimensions.map((d) => d.id);
  const unknowns: number[][] = [];
  forEachIndex(
    base.dimensions.map((d) => d.values.length),
    (coordinates, i) => {
      if ((base.counts[i] as number) > 0) unknowns.push([...coordinates]);
    },
  );
  const members = (table: Seen, coordinates: readonly number[]) =>
    unknowns.flatMap((u, j) =>
      table.dimensions.every((id, k) => coordinates[k] === total || coordinates[k] === u[ids.indexOf(id)])
        ? [j]
        : [],
    );
  const equations: string[] = [];
  for (const table of seen) {
    for (const cell of table.cells) {
      const list = members(table, cell.coordinates);
      if (!cell.hidden && list.length > 0)
        equations.push(`${list.map((j) => `x${j}`).join(' + ')} = ${cell.value}`);
    }
  }
  const constraints = `Subject To\n${equations.map((e, i) => ` c${i}: ${e}`).join('\n')}\nBounds\n${unknowns
    .map((_, j) => ` x${j} >= 0`)
    .join('\n')}\nEnd`;
  const results: Array<{ lower: number; upper: number; value: number }> = [];
  for (const table of seen) {
    for (const cell of table.cells.filter((c) => c.hidden)) {
      const objective = members(table, cell.coordinates)
        .map((j) => `x${j}`)
        .join(' + ');
      const min = highs.solve(`Minimize\n obj: ${objective}\n${constraints}`);
      const max = highs.solve(`Maximize\n obj: ${objective}\n${constraints}`);
      results.push({
        lower: min.ObjectiveValue,
        upper: max.Status === 'Unbounded' ? Number.POSITIVE_INFINITY : max.ObjectiveValue,
        value: cell.value,
      });
    }
  }
  return results;
}

const dimensionNames = ['year', 'sex', 'country'];

/** A base table over two or three dimensions with mostly small counts, and one to three tables of it. */
const releases = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }),
    seed: fc.array(
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 5, max: 60 })),
      {
        minLength: 64,
        maxLength: 64,
      },
    ),
    tables: fc.array(fc.subarray([0, 1, 2], { minLength: 1 }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ sizes, seed, tables }) => {
    const ids = dimensionNames.slice(0, sizes.length);
    const rows: Array<{ values: string[]; count: number }> = [];
    forEachIndex(sizes, (coordinates, i) => {
      rows.push({
        values: coordinates.map((c, d) => `${ids[d]}${c}`),
        count: seed[i % seed.length] as number,
      });
    });
    const base = tabulate(ids, rows);
    const chosen = tables
      .map((t) => t.filter((d) => d < ids.length).map((d) => ids[d] as string))
      .filter((t) => t.length);
    return { base, tables: chosen.length ? chosen : [ids] };
  });

describe('cell suppression', () => {
  it('publishes no cell under the threshold and leaves every hidden cell an interval at least as wide as asked', async () => {
    await fc.assert(
      fc.asyncProperty(releases, fc.integer({ min: 2, max: 6 }), async ({ base, tables }, threshold) => {
        const { tables: protectedTables } = await protectTables(base, tables, { threshold });
        const seen: Seen[] = protectedTables.map((p, t) => ({
          dimensions: [...(tables[t] as string[])],
          cells: p.table.values.map((value, i) => ({
            coordinates: coordinatesOf(p.table, i),
            value,
            hidden: p.status[i] !== 0,
          })),
        }));
        for (const table of seen) {
          for (const cell of table.cells) {
            if (!cell.hidden) expect(cell.value === 0 || cell.value >= threshold).toBe(true);
          }
        }
        for (const interval of attack(base, seen)) {
          expect(interval.lower).toBeLessThanOrEqual(interval.value + 1e-6);
          expect(interval.upper).toBeGreaterThanOrEqual(interval.value - 1e-6);
          expect(interval.upper - interval.lower).toBeGreaterThanOrEqual(threshold - 1e-6);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('protects a single table by hypercubes that withstand the attack, often with no program at all', async () => {
    let withoutPrograms = 0;
    await fc.assert(
      fc.asyncProperty(releases, fc.integer({ min: 2, max: 6 }), async ({ base }, threshold) => {
        const ids = base.dimensions.map((d) => d.id);
        const { tables: protectedTables, report } = await protectTables(base, [ids], { threshold });
        if (report.primary > 0 && report.programs === 0) withoutPrograms++;
        const [only] = protectedTables;
        if (!only) throw new Error('no table');
        const seen: Seen[] = [
          {
            dimensions: ids,
            cells: only.table.values.map((value, i) => ({
              coordinates: coordinatesOf(only.table, i),
              value,
              hidden: only.status[i] !== 0,
            })),
          },
        ];
        for (const cell of seen[0]?.cells ?? []) {
          if (!cell.hidden) expect(cell.value === 0 || cell.value >= threshold).toBe(true);
        }
        for (const interval of attack(base, seen)) {
          expect(interval.upper - interval.lower).toBeGreaterThanOrEqual(threshold - 1e-6);
        }
      }),
      { numRuns: 80 },
    );
    expect(withoutPrograms).toBeGreaterThan(0);
  }, 120_000);

  it('hides a shared margin in every table of the release that shows it', async () => {
    await fc.assert(
      fc.asyncProperty(releases, async ({ base, tables }) => {
        const { tables: protectedTables } = await protectTables(base, tables);
        const statusOf = new Map<string, number>();
        protectedTables.forEach((p, t) => {
          p.table.values.forEach((_, i) => {
            const coordinates = coordinatesOf(p.table, i);
            const key = base.dimensions
              .map((d) => {
                const k = (tables[t] as string[]).indexOf(d.id);
                return k < 0 || coordinates[k] === total ? '*' : String(coordinates[k]);
              })
              .join('|');
            const hidden = p.status[i] === 0 ? 0 : 1;
            if (statusOf.has(key)) expect(statusOf.get(key)).toBe(hidden);
            statusOf.set(key, hidden);
          });
        });
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('keeps published totals equal to the sums of the cells', async () => {
    await fc.assert(
      fc.asyncProperty(releases, async ({ base, tables }) => {
        const { tables: protectedTables } = await protectTables(base, tables);
        for (const p of protectedTables) {
          const again = withMargins({
            dimensions: p.table.dimensions,
            counts: p.table.values.filter((_, i) => !coordinatesOf(p.table, i).includes(total)),
          });
          expect(p.table.values).toEqual(again.values);
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('suppresses a lone small cell together with enough of its neighbours', async () => {
    const base = tabulate(
      ['year', 'sex'],
      [
        { values: ['2020', 'F'], count: 3 },
        { values: ['2020', 'M'], count: 40 },
        { values: ['2021', 'F'], count: 25 },
        { values: ['2021', 'M'], count: 31 },
      ],
    );
    const { tables, report } = await protectTables(base, [['year', 'sex']]);
    const [table] = tables;
    const hidden = table ? table.table.values.filter((_, i) => table.status[i] !== 0) : [];
    expect(report.primary).toBe(1);
    expect(hidden).toEqual([3, 40, 25, 31]);
    expect(report.narrowestInterval).toBeGreaterThanOrEqual(5);
  });

  it('publishes everything when no cell is small', async () => {
    const base = tabulate(
      ['sex'],
      [
        { values: ['F'], count: 12 },
        { values: ['M'], count: 30 },
      ],
    );
    const { tables, report } = await protectTables(base, [['sex']]);
    expect([...(tables[0]?.status ?? [])]).toEqual([0, 0, 0]);
    expect(report.programs).toBe(0);
  });

  it('refuses a threshold that is not a whole number of at least one', async () => {
    const base = tabulate(['sex'], [{ values: ['F'], count: 1 }]);
    await expect(protectTables(base, [['sex']], { threshold: 0 })).rejects.toThrow(/threshold/);
  });
});

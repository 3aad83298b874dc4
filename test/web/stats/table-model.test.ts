import { describe, expect, it } from 'vitest';
import type { StatCell, StatTableView } from '../../../web/src/stats/api.js';
import { latestSdgYear } from '../../../web/src/stats/sdg-model.js';
import {
  cellMark,
  chartKindFor,
  chartTable,
  suppressionCounts,
  tableCsv,
  yearRange,
} from '../../../web/src/stats/table-model.js';

const L = (text: string) => ({ en: text, es: text, fr: text, nl: text });

const cell = (coordinates: Array<string | null>, value: number | null, status: StatCell['status']) => ({
  coordinates,
  value,
  status,
});

/** Victims by year and sex: 2024 men small (primary), 2024 women hidden to protect them (secondary). */
const table: StatTableView = {
  measure: 'victims',
  measureLabel: L('Victims'),
  dimensions: [
    {
      id: 'year',
      label: L('Year'),
      categories: [
        { code: '2024', label: L('2024') },
        { code: '2025', label: L('2025') },
      ],
    },
    {
      id: 'sex',
      label: L('Sex'),
      categories: [
        { code: 'F', label: L('Female') },
        { code: 'M', label: L('Male') },
      ],
    },
  ],
  cells: [
    cell(['2024', 'F'], null, 'secondary'),
    cell(['2024', 'M'], null, 'primary'),
    cell(['2024', null], 15, 'published'),
    cell(['2025', 'F'], 9, 'published'),
    cell(['2025', 'M'], 7, 'published'),
    cell(['2025', null], 16, 'published'),
    cell([null, 'F'], 21, 'published'),
    cell([null, 'M'], 10, 'published'),
    cell([null, null], 31, 'published'),
  ],
  method: 'suppression',
  threshold: 5,
  roundingBase: 1,
};

describe('statistics tables in the web app', () => {
  it('marks hidden cells by why they are hidden, never as a figure', () => {
    expect(cellMark(table.cells[0])).toEqual({ kind: 'secondary' });
    expect(cellMark(table.cells[1])).toEqual({ kind: 'primary' });
    expect(cellMark(table.cells[3])).toEqual({ kind: 'value', value: 9 });
    expect(cellMark(cell(['2025', 'F'], 0, 'published'))).toEqual({ kind: 'value', value: 0 });
    expect(suppressionCounts(table)).toEqual({ primary: 1, secondary: 1 });
  });

  it('gives charts the inner cells, or the margins of the dimensions kept, with suppression carried over', () => {
    const full = chartTable(table, { title: 'By year and sex', language: 'en' });
    expect(full.cells).toHaveLength(4);
    expect(full.cells.find((c) => c.coordinates.join() === '2024,M')).toEqual({
      coordinates: ['2024', 'M'],
      value: null,
      suppressed: true,
    });
    const byYear = chartTable(table, { title: 'By year', language: 'en', keep: [0] });
    expect(byYear.dimensions.map((d) => d.id)).toEqual(['year']);
    expect(byYear.cells).toEqual([
      { coordinates: ['2024'], value: 15, suppressed: false },
      { coordinates: ['2025'], value: 16, suppressed: false },
    ]);
  });

  it('draws years as lines, exclusive groups stacked, other splits side by side, and wide tables not at all', () => {
    const dims = (...ids: string[]) => ({
      dimensions: ids.map((id) => ({ id, label: L(id), categories: [] })),
    });
    expect(chartKindFor(dims('year'))).toBe('line');
    expect(chartKindFor(dims('exploitation'))).toBe('bar');
    expect(chartKindFor(dims('year', 'sex'))).toBe('stacked');
    expect(chartKindFor(dims('year', 'exploitation'))).toBe('bar');
    expect(chartKindFor(dims('year', 'sex', 'ageBand'))).toBeNull();
  });

  it('filters years only when the range leaves some out, in either order', () => {
    const years = ['2021', '2022', '2023'];
    expect(yearRange(years, null, null)).toEqual([]);
    expect(yearRange(years, '2021', '2023')).toEqual([]);
    expect(yearRange(years, '2022', null)).toEqual(['2022', '2023']);
    expect(yearRange(years, '2023', '2022')).toEqual(['2022', '2023']);
  });

  it('writes every cell to CSV with its totals and status, a hidden value empty', () => {
    const rows = tableCsv(table, 'en', {
      total: 'Total',
      value: 'Victims',
      status: 'Status',
      perHundredThousand: 'Per 100,000',
      statusLabel: (status) => status,
    });
    expect(rows[0]).toEqual(['Year', 'Sex', 'Victims', 'Status']);
    expect(rows).toContainEqual(['2024', 'Male', null, 'primary']);
    expect(rows).toContainEqual(['Total', 'Total', 31, 'published']);
  });

  it('shows SDG 16.2.2 for the latest year with a rate, else the latest with victims', () => {
    const byCountry = (cells: StatCell[]): StatTableView => ({
      ...table,
      dimensions: [
        table.dimensions[0] as StatTableView['dimensions'][number],
        { id: 'country', label: L('Country'), categories: [{ code: 'TT', label: L('TT') }] },
      ],
      cells,
    });
    const rated = { ...cell(['2024', 'TT'], 15, 'published'), per100k: 1.1 };
    expect(latestSdgYear(byCountry([rated, cell(['2025', 'TT'], 16, 'published')]))).toBe('2024');
    expect(
      latestSdgYear(byCountry([cell(['2024', 'TT'], 0, 'published'), cell(['2025', 'TT'], null, 'primary')])),
    ).toBe('2025');
    expect(latestSdgYear(byCountry([cell(['2025', 'TT'], 0, 'published')]))).toBeNull();
  });
});

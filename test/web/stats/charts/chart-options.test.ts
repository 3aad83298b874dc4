import { describe, expect, it } from 'vitest';
import {
  buildStatChartOption,
  type ChartTable,
  chartModel,
  type StatChartLabels,
  statChartCsv,
  statTooltip,
} from '../../../../web/src/stats/charts/chart-options.js';
import { toCsv } from '../../../../web/src/stats/charts/csv.js';
import { seriesOf, tooltipFor } from './helpers.js';

const labels: StatChartLabels = {
  download: 'Download',
  png: 'PNG',
  svg: 'SVG',
  csv: 'CSV',
  suppressed: 'Suppressed',
  value: 'Victims',
};

const years = [
  { code: '2022', label: '2022' },
  { code: '2023', label: '2023' },
  { code: '2024', label: '2024' },
];

/** Victims by year and sex: 2023 male suppressed (<5), 2024 female hidden by secondary suppression, 2024 "=X" absent. */
const byYearAndSex: ChartTable = {
  title: 'Victims by year and sex',
  dimensions: [
    { id: 'year', label: 'Year', values: years },
    {
      id: 'sex',
      label: 'Sex',
      values: [
        { code: 'F', label: 'Female' },
        { code: 'M', label: 'Male' },
        { code: 'X', label: '=X' },
      ],
    },
  ],
  cells: [
    { coordinates: ['2022', 'F'], value: 10, suppressed: false },
    { coordinates: ['2022', 'M'], value: 7, suppressed: false },
    { coordinates: ['2022', 'X'], value: 0, suppressed: false },
    { coordinates: ['2023', 'F'], value: 12, suppressed: false },
    { coordinates: ['2023', 'M'], value: null, suppressed: true },
    { coordinates: ['2023', 'X'], value: 5, suppressed: false },
    { coordinates: ['2024', 'F'], value: null, suppressed: true },
    { coordinates: ['2024', 'M'], value: 9, suppressed: false },
  ],
};

const byYear: ChartTable = {
  title: 'Victims by year',
  dimensions: [{ id: 'year', label: 'Year', values: years }],
  cells: [
    { coordinates: ['2022'], value: 17, suppressed: false },
    { coordinates: ['2023'], value: 21, suppressed: false },
    { coordinates: ['2024'], value: 30, suppressed: false },
  ],
};

describe('statistics chart option', () => {
  it('arranges a two-dimension table as one series per value of the second', () => {
    const model = chartModel(byYearAndSex, 'Victims');
    expect(model.categories.map((c) => c.code)).toEqual(['2022', '2023', '2024']);
    expect(model.series.map((s) => s.label)).toEqual(['Female', 'Male', '=X']);
    expect(model.series[1]?.cells).toEqual([
      { kind: 'value', value: 7 },
      { kind: 'suppressed' },
      { kind: 'value', value: 9 },
    ]);
    expect(model.series[2]?.cells[2]).toEqual({ kind: 'missing' });
  });

  it.each(['bar', 'line', 'stacked'] as const)(
    '%s: leaves a suppressed cell out of its series, never 0',
    (kind) => {
      const series = seriesOf(buildStatChartOption({ kind, table: byYearAndSex, labels }));
      const female = series.find((s) => s.id === 'series-0');
      const male = series.find((s) => s.id === 'series-1');
      expect(female?.data).toEqual([10, 12, '-']);
      expect(male?.data).toEqual([7, '-', 9]);
      // A published 0 stays a 0.
      expect(series.find((s) => s.id === 'series-2')?.data).toEqual([0, 5, '-']);
    },
  );

  it('bar: marks each suppressed cell with a labelled, hatched stub in its own series slot', () => {
    const series = seriesOf(buildStatChartOption({ kind: 'bar', table: byYearAndSex, labels }));
    expect(series.find((s) => s.id === 'series-1')).toMatchObject({ stack: 'slot-1' });
    const stub = series.find((s) => s.id === 'suppressed-1');
    expect(stub).toMatchObject({ type: 'bar', name: 'Suppressed', stack: 'slot-1', data: ['-', 0, '-'] });
    expect(stub).toMatchObject({
      barMinHeight: expect.any(Number),
      label: { show: true, formatter: 'Suppressed' },
    });
    expect(stub).toMatchObject({ itemStyle: { borderType: 'dashed', decal: expect.any(Object) } });
    expect(series.find((s) => s.id === 'suppressed-2')).toBeUndefined();
  });

  it('stacked: puts one stub on top of the stack where any part is suppressed', () => {
    const series = seriesOf(buildStatChartOption({ kind: 'stacked', table: byYearAndSex, labels }));
    const figures = series.filter((s) => s.id?.toString().startsWith('series-'));
    expect(figures).toHaveLength(3);
    for (const figure of figures) expect(figure).toMatchObject({ type: 'bar', stack: 'total' });
    expect(series.at(-1)).toMatchObject({ id: 'suppressed', stack: 'total', data: ['-', 0, 0] });
  });

  it('line: breaks the lines and marks the suppressed categories with an unstacked stub', () => {
    const series = seriesOf(buildStatChartOption({ kind: 'line', table: byYearAndSex, labels }));
    expect(series.find((s) => s.id === 'series-1')).toMatchObject({ type: 'line' });
    expect(series.find((s) => s.id === 'series-1')).not.toHaveProperty('stack');
    expect(series.at(-1)).toMatchObject({
      id: 'suppressed',
      type: 'bar',
      stack: undefined,
      data: ['-', 0, 0],
    });
  });

  it('names suppressed cells in the tooltip, leaves absent ones out and escapes labels', () => {
    const option = buildStatChartOption({ kind: 'bar', table: byYearAndSex, labels, locale: 'en' });
    const tooltip = tooltipFor(option, [{ dataIndex: 2 }]);
    expect(tooltip).toContain('Female: <strong>Suppressed</strong>');
    expect(tooltip).toContain('Male: <strong>9</strong>');
    expect(tooltip).not.toContain('=X');
    const model = chartModel(
      { ...byYear, dimensions: [{ id: 'y', label: 'Y', values: [{ code: '1', label: '<b>' }] }] },
      'V',
    );
    expect(statTooltip(model, 0, labels, String)).toContain('&#60;b&#62;');
  });

  it('has no stubs and no legend for a one-dimension table without suppression', () => {
    const option = buildStatChartOption({ kind: 'bar', table: byYear, labels });
    expect(seriesOf(option).map((s) => s.id)).toEqual(['series-0']);
    expect(option.legend).toMatchObject({ show: false });
  });

  it('describes every figure for screen readers, suppressed ones in words', () => {
    const option = buildStatChartOption({ kind: 'bar', table: byYearAndSex, labels, locale: 'en' });
    expect(option.aria).toMatchObject({ enabled: true });
    expect(option.aria).toMatchObject({
      label: {
        description:
          'Victims by year and sex. 2022: Female 10, Male 7, =X 0; 2023: Female 12, Male Suppressed, =X 5; 2024: Female Suppressed, Male 9.',
      },
    });
    const told = buildStatChartOption({
      kind: 'bar',
      table: byYear,
      labels: { ...labels, description: 'Rising.' },
    });
    expect(told.aria).toMatchObject({ label: { description: 'Rising.' } });
  });
});

describe('statistics chart CSV', () => {
  it('writes a header, one row per cell, suppressed cells as the suppressed label, formulas neutralised', () => {
    expect(toCsv(statChartCsv(byYearAndSex, labels))).toBe(
      [
        'Year,Sex,Victims',
        '2022,Female,10',
        '2022,Male,7',
        "2022,'=X,0",
        '2023,Female,12',
        '2023,Male,Suppressed',
        "2023,'=X,5",
        '2024,Female,Suppressed',
        '2024,Male,9',
        '',
      ].join('\r\n'),
    );
  });

  it('has no series column for a one-dimension table', () => {
    expect(statChartCsv(byYear, labels)).toEqual([
      ['Year', 'Victims'],
      ['2022', 17],
      ['2023', 21],
      ['2024', 30],
    ]);
  });
});

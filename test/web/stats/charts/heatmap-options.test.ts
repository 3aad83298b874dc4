import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../web/src/stats/charts/csv.js';
import {
  buildHeatMapOption,
  type HeatMapLabels,
  heatMapCsv,
} from '../../../../web/src/stats/charts/heatmap-options.js';
import { colorAt, readableTextColor, viridisColors } from '../../../../web/src/stats/charts/palette.js';
import { seriesOf, tooltipFor } from './helpers.js';

const labels: HeatMapLabels = {
  download: 'Download',
  png: 'PNG',
  svg: 'SVG',
  csv: 'CSV',
  noData: 'No data',
  rows: 'Field',
  columns: 'Organisation',
};

const input = {
  title: 'Completeness',
  rows: [
    { code: 'sex', label: 'Sex' },
    { code: 'age', label: 'Age' },
  ],
  columns: [
    { code: 'a', label: 'Org A' },
    { code: 'b', label: 'Org B' },
  ],
  values: [
    { row: 'sex', column: 'a', value: 1 },
    { row: 'sex', column: 'b', value: 0.875 },
    { row: 'age', column: 'a', value: 0 },
    { row: 'age', column: 'b', value: null },
  ],
  labels,
  locale: 'en',
};

describe('completeness heat map option', () => {
  const option = buildHeatMapOption(input);
  const [shares, empty] = seriesOf(option);

  it('writes each share as a percentage in its cell, readable on its colour', () => {
    expect(shares?.data).toEqual([
      { value: [0, 0, 1], label: { color: '#1a1a1a', formatter: '100%' } },
      { value: [1, 0, 0.875], label: { color: '#1a1a1a', formatter: '88%' } },
      { value: [0, 1, 0], label: { color: '#ffffff', formatter: '0%' } },
    ]);
  });

  it('colours shares 0..1 on viridis and paints cells without a share grey, named in the legend', () => {
    expect(option.visualMap).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ min: 0, max: 1, seriesIndex: 0, inRange: { color: viridisColors } }),
      ]),
    );
    expect(empty).toMatchObject({ name: 'No data', data: [[1, 1, 0]] });
    expect(option.legend).toMatchObject({ show: true, data: ['No data'] });
  });

  it('says the share or "no data" in the tooltip', () => {
    expect(tooltipFor(option, { seriesIndex: 0, value: [1, 0, 0.875] })).toBe(
      '<strong>Sex</strong><br/>Org B: <strong>88%</strong>',
    );
    expect(tooltipFor(option, { seriesIndex: 1, value: [1, 1, 0] })).toBe(
      '<strong>Age</strong><br/>Org B: <strong>No data</strong>',
    );
  });

  it('describes every share for screen readers', () => {
    expect(option.aria).toMatchObject({
      enabled: true,
      label: { description: 'Completeness. Sex: Org A 100%, Org B 88%; Age: Org A 0%, Org B No data.' },
    });
  });
});

describe('completeness heat map CSV', () => {
  it('writes the matrix with shares 0..1 and "no data" where there is none', () => {
    expect(toCsv(heatMapCsv(input))).toBe('Field,Org A,Org B\r\nSex,1,0.875\r\nAge,0,No data\r\n');
  });
});

describe('palette', () => {
  it('interpolates between stops and clamps outside 0..1', () => {
    expect(colorAt(['#000000', '#ffffff'], 0.5)).toBe('#808080');
    expect(colorAt(viridisColors, -1)).toBe('#440154');
    expect(colorAt(viridisColors, 2)).toBe('#fde725');
  });

  it('chooses the text colour with more contrast', () => {
    expect(readableTextColor('#fde725')).toBe('#1a1a1a');
    expect(readableTextColor('#440154')).toBe('#ffffff');
  });
});

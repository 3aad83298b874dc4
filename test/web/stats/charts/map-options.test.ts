import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../web/src/stats/charts/csv.js';
import {
  buildMapOption,
  type CaribbeanMapLabels,
  type MapFigure,
  mapCsv,
  mapTerritories,
  territoryOfClick,
} from '../../../../web/src/stats/charts/map-options.js';
import { noDataColor } from '../../../../web/src/stats/charts/palette.js';
import { readCaribbeanGeometry, seriesOf, tooltipFor } from './helpers.js';

const labels: CaribbeanMapLabels = {
  download: 'Download',
  png: 'PNG',
  svg: 'SVG',
  csv: 'CSV',
  suppressed: 'Suppressed',
  noData: 'No data',
  country: 'Country',
  code: 'Code',
  value: 'Victims',
};

const values: Record<string, MapFigure> = {
  JM: { value: 120, suppressed: false, label: 'Jamaïque' },
  CU: { value: null, suppressed: true },
  KN: { value: 7, suppressed: false },
  AG: { value: null, suppressed: true },
};

const geometry = readCaribbeanGeometry();
const option = buildMapOption({ title: 'Victims, 2024', geometry, values, labels, locale: 'en' });
const [areas, markers, ...legendOnly] = seriesOf(option);

function datum(series: typeof areas, code: string) {
  const data = (series?.data ?? []) as Array<{ name?: string; value?: unknown; itemStyle?: object }>;
  return data.find((d) => d.name === code);
}

describe('Caribbean map option', () => {
  it('colours areas with figures by the scale and leaves the others out of it', () => {
    expect(datum(areas, 'JM')?.value).toBe(120);
    expect(datum(areas, 'HT')?.value).toBeNaN();
    expect(option.geo).toMatchObject({
      map: 'caribbean',
      nameProperty: 'code',
      itemStyle: { areaColor: noDataColor },
    });
    expect(option.visualMap).toMatchObject({ min: 0, max: 120, seriesIndex: [0, 1] });
  });

  it('hatches and outlines suppressed areas, never colouring them as a figure', () => {
    expect(datum(areas, 'CU')).toMatchObject({ value: Number.NaN, itemStyle: { decal: expect.any(Object) } });
    const hatched = { itemStyle: { areaColor: '#ffffff', borderType: 'dashed', decal: expect.any(Object) } };
    expect(option.geo).toMatchObject({
      regions: [
        { name: 'AG', ...hatched },
        { name: 'CU', ...hatched },
      ],
    });
  });

  it('gives small islands a symbol coloured by the same scale, grey without a figure', () => {
    expect(datum(markers, 'KN')?.value).toEqual([
      ...(geometry.features.find((f) => f.properties.code === 'KN')?.properties.cp ?? []),
      7,
    ]);
    expect(datum(markers, 'MS')).toMatchObject({ itemStyle: { color: noDataColor } });
    expect(datum(markers, 'AG')).toMatchObject({ itemStyle: { borderType: 'dashed' } });
    expect(datum(markers, 'CU')).toBeUndefined();
  });

  it('puts a territory the geometry lacks at its approximate capital', () => {
    const withoutBermuda = {
      ...geometry,
      features: geometry.features.filter((f) => f.properties.code !== 'BM'),
    };
    const bermuda = mapTerritories(withoutBermuda, {}).find((t) => t.code === 'BM');
    expect(bermuda).toMatchObject({
      area: false,
      marker: true,
      point: [-64.78, 32.29],
      state: { kind: 'noData' },
    });
  });

  it('explains "no data" and "suppressed" in the legend', () => {
    expect(legendOnly.map((s) => s.name)).toEqual(['No data', 'Suppressed']);
    expect(option.legend).toMatchObject({ data: ['No data', 'Suppressed'] });
  });

  it('says the figure, "suppressed" or "no data" in the tooltip, with the page\'s name', () => {
    expect(tooltipFor(option, { name: 'JM' })).toBe('<strong>Jamaïque</strong><br/>120');
    expect(tooltipFor(option, { name: 'CU' })).toBe('<strong>Cuba</strong><br/>Suppressed');
    expect(tooltipFor(option, { name: 'HT' })).toBe('<strong>Haiti</strong><br/>No data');
  });

  it('reports the territory clicked, area or symbol, and nothing for the legend', () => {
    const territories = mapTerritories(geometry, values);
    expect(territoryOfClick({ componentType: 'geo', name: 'JM' }, territories)).toBe('JM');
    expect(territoryOfClick({ componentType: 'series', seriesIndex: 1, name: 'KN' }, territories)).toBe('KN');
    expect(
      territoryOfClick({ componentType: 'series', seriesIndex: 3, name: 'Suppressed' }, territories),
    ).toBeUndefined();
  });

  it('describes the figures for screen readers', () => {
    expect(option.aria).toMatchObject({
      enabled: true,
      label: {
        description:
          'Victims, 2024. Antigua and Barbuda: Suppressed; Cuba: Suppressed; Jamaïque: 120; Saint Kitts and Nevis: 7.',
      },
    });
  });
});

describe('Caribbean map CSV', () => {
  it('lists every territory by name with its figure, "suppressed" or "no data"', () => {
    const lines = toCsv(mapCsv(mapTerritories(geometry, values), labels)).split('\r\n');
    expect(lines[0]).toBe('Country,Code,Victims');
    expect(lines).toContain('Cuba,CU,Suppressed');
    expect(lines).toContain('Jamaïque,JM,120');
    expect(lines).toContain('Haiti,HT,No data');
    expect(lines).toContain('"Bonaire, Sint Eustatius and Saba",BQ,No data');
    expect(lines).toHaveLength(33 + 2);
  });
});

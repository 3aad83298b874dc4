import type { MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GeoComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { caribbeanTerritories } from './caribbean-territories.js';
import type { ChartOption, DownloadLabels } from './chart-types.js';
import type { CsvValue } from './csv.js';
import { escapeHtml, type NumberFormat, numberFormat } from './format.js';
import { hatch, noDataColor, sequentialColors, suppressedInk } from './palette.js';

/** The name under which the Caribbean geometry is registered with ECharts. */
export const caribbeanMapName = 'caribbean';

/** Properties of a territory in caribbean.geo.json (written by scripts/build-caribbean-geometry.mjs). */
export interface TerritoryProperties {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** English short name. */
  name: string;
  /** [longitude, latitude] of the label point: the centroid of the territory's largest polygon. */
  cp: [number, number];
  /** Too small on the map to click: the map adds a symbol at `cp`. */
  small: boolean;
}

/** The Caribbean geometry: one feature per territory, keyed by alpha-2 code. */
export type CaribbeanGeometry = FeatureCollection<Polygon | MultiPolygon, TerritoryProperties>;

/** A territory's figure. `value: null` and not suppressed means no figure ("no data"). */
export interface MapFigure {
  value: number | null;
  suppressed: boolean;
  /** The territory's name as the page shows it (translated); the geometry's English name when absent. */
  label?: string;
}

/** The texts of the map; the page translates them. */
export interface CaribbeanMapLabels extends DownloadLabels {
  /** For suppressed figures: legend, tooltip and CSV, e.g. "Suppressed". */
  suppressed: string;
  /** For territories without a figure: legend, tooltip and CSV, e.g. "No data". */
  noData: string;
  /** CSV column headers, e.g. "Country or territory", "ISO code", "Victims". */
  country: string;
  code: string;
  value: string;
  /** What a screen reader says about the map; by default a list of every figure. */
  description?: string;
}

type FigureState = { kind: 'value'; value: number } | { kind: 'suppressed' } | { kind: 'noData' };

/** A territory as the map draws it. */
export interface MapTerritory {
  code: string;
  name: string;
  state: FigureState;
  /** Where its symbol goes, when it has one. */
  point: [number, number];
  /** Drawn as a filled area (it has geometry). */
  area: boolean;
  /** Drawn with a clickable symbol too: too small to click, or without geometry. */
  marker: boolean;
}

function stateOf(figure: MapFigure | undefined): FigureState {
  if (figure?.suppressed) return { kind: 'suppressed' };
  if (figure?.value === null || figure?.value === undefined) return { kind: 'noData' };
  return { kind: 'value', value: figure.value };
}

/**
 * Every territory of Coral's list with what the map shows for it: those in the geometry as areas (with a
 * symbol when small), those missing from it as a symbol at their approximate capital. Sorted by name.
 */
export function mapTerritories(
  geometry: CaribbeanGeometry,
  values: Record<string, MapFigure>,
): MapTerritory[] {
  const fromGeometry = geometry.features.map(({ properties: p }) => ({
    code: p.code,
    name: values[p.code]?.label ?? p.name,
    state: stateOf(values[p.code]),
    point: p.cp,
    area: true,
    marker: p.small,
  }));
  const drawn = new Set(fromGeometry.map((t) => t.code));
  const fallback = caribbeanTerritories
    .filter((t) => !drawn.has(t.code))
    .map((t) => ({
      code: t.code,
      name: values[t.code]?.label ?? t.name,
      state: stateOf(values[t.code]),
      point: t.capital,
      area: false,
      marker: true,
    }));
  return [...fromGeometry, ...fallback].sort((a, b) => a.name.localeCompare(b.name));
}

function stateText(state: FigureState, labels: CaribbeanMapLabels, format: NumberFormat): string {
  if (state.kind === 'value') return format(state.value);
  return state.kind === 'suppressed' ? labels.suppressed : labels.noData;
}

/** The tooltip of a territory: its name, then its figure, "suppressed" or "no data". */
export function mapTooltip(
  territory: MapTerritory,
  labels: CaribbeanMapLabels,
  format: NumberFormat,
): string {
  return `<strong>${escapeHtml(territory.name)}</strong><br/>${escapeHtml(stateText(territory.state, labels, format))}`;
}

const suppressedStyle = {
  borderColor: suppressedInk,
  borderType: 'dashed' as const,
  decal: hatch(suppressedInk),
};

/** A symbol for a small or geometry-less territory, coloured like its area would be. */
function markerDatum(territory: MapTerritory): NonNullable<ScatterSeriesOption['data']>[number] {
  const [lon, lat] = territory.point;
  const value = territory.state.kind === 'value' ? territory.state.value : Number.NaN;
  const base = { name: territory.code, value: [lon, lat, value] };
  if (territory.state.kind === 'suppressed') {
    return { ...base, itemStyle: { ...suppressedStyle, color: '#ffffff', borderWidth: 1.5 } };
  }
  if (territory.state.kind === 'noData') return { ...base, itemStyle: { color: noDataColor } };
  return base;
}

/** An area's figure for the map series; NaN (no colour from the scale) when there is none to show. */
function areaDatum(territory: MapTerritory): NonNullable<MapSeriesOption['data']>[number] {
  if (territory.state.kind === 'value') return { name: territory.code, value: territory.state.value };
  // The hatching is a data visual: ECharts takes it from here even though the geo component draws the area.
  const itemStyle = territory.state.kind === 'suppressed' ? { decal: hatch(suppressedInk) } : undefined;
  return { name: territory.code, value: Number.NaN, itemStyle };
}

/** Series drawn only so the legend explains the grey of "no data" and the hatching of "suppressed". */
function legendSeries(labels: CaribbeanMapLabels): ScatterSeriesOption[] {
  return [
    {
      type: 'scatter',
      coordinateSystem: 'geo',
      name: labels.noData,
      data: [],
      itemStyle: { color: noDataColor },
    },
    {
      type: 'scatter',
      coordinateSystem: 'geo',
      name: labels.suppressed,
      data: [],
      itemStyle: { ...suppressedStyle, color: '#ffffff', borderWidth: 1.5 },
    },
  ];
}

/** The outlines: grey where there is no figure, hatched where it is suppressed; zoom and pan allowed. */
function geoComponent(territories: MapTerritory[]): GeoComponentOption {
  const regions = territories
    .filter((t) => t.area && t.state.kind === 'suppressed')
    .map((t) => ({ name: t.code, itemStyle: { ...suppressedStyle, areaColor: '#ffffff', borderWidth: 1 } }));
  return {
    map: caribbeanMapName,
    nameProperty: 'code',
    top: 40,
    bottom: 40,
    // Degrees of longitude are ~0.95 of a degree of latitude at 18° N (ECharts assumes 0.75, Europe's).
    aspectScale: 0.95,
    // Zoom and pan, for the Lesser Antilles' crowded symbols.
    roam: true,
    scaleLimit: { min: 1, max: 12 },
    itemStyle: { areaColor: noDataColor, borderColor: '#7f7f7f', borderWidth: 0.5 },
    emphasis: { label: { show: false }, itemStyle: { borderColor: '#1a1a1a', borderWidth: 1.5 } },
    select: { disabled: true },
    regions,
  };
}

/** The colour scale of the areas and the symbols (series 0 and 1), from 0 to the largest figure. */
function scale(max: number, format: NumberFormat): VisualMapComponentOption {
  return {
    type: 'continuous',
    min: 0,
    max,
    seriesIndex: [0, 1],
    inRange: { color: sequentialColors },
    text: [format(max), format(0)],
    calculable: false,
    left: 0,
    bottom: 0,
    itemHeight: 100,
  };
}

/** A plain-text account of the figures for screen readers: "Title. Jamaica: 12; Haiti: suppressed; …". */
export function describeMap(
  title: string,
  territories: MapTerritory[],
  labels: CaribbeanMapLabels,
  format: NumberFormat,
): string {
  const shown = territories.filter((t) => t.state.kind !== 'noData');
  return `${title}. ${shown.map((t) => `${t.name}: ${stateText(t.state, labels, format)}`).join('; ')}.`;
}

/** What the map's option builder needs. */
export interface MapOptionInput {
  title: string;
  geometry: CaribbeanGeometry;
  values: Record<string, MapFigure>;
  labels: CaribbeanMapLabels;
  /** BCP 47 language for numbers; the browser's when absent. */
  locale?: string;
}

/**
 * The ECharts option for the Caribbean choropleth: areas coloured by figure (grey for no data, hatched
 * for suppressed), a symbol for each small territory so it can be seen and clicked, a legend for the
 * scale, "no data" and "suppressed".
 */
export function buildMapOption({ title, geometry, values, labels, locale }: MapOptionInput): ChartOption {
  const format = numberFormat(locale);
  const territories = mapTerritories(geometry, values);
  const byCode = new Map(territories.map((t) => [t.code, t]));
  const figures = territories.flatMap((t) => (t.state.kind === 'value' ? [t.state.value] : []));
  const max = Math.max(1, ...figures);
  return {
    aria: {
      enabled: true,
      label: { description: labels.description ?? describeMap(title, territories, labels, format) },
    },
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 15, fontWeight: 600 } },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const name = Array.isArray(params) ? params[0]?.name : params.name;
        const territory = name === undefined ? undefined : byCode.get(name);
        return territory ? mapTooltip(territory, labels, format) : '';
      },
    },
    legend: { bottom: 0, right: 0, selectedMode: false, data: [labels.noData, labels.suppressed] },
    visualMap: scale(max, format),
    geo: geoComponent(territories),
    series: [
      {
        type: 'map',
        geoIndex: 0,
        data: territories.filter((t) => t.area).map((t) => areaDatum(t)),
      },
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 12,
        itemStyle: { borderColor: '#4d4d4d', borderWidth: 1 },
        emphasis: { scale: 1.3 },
        data: territories.filter((t) => t.marker).map(markerDatum),
      },
      ...legendSeries(labels),
    ],
  };
}

/** The territory code a click on the map names (an area or a symbol), if any. */
export function territoryOfClick(
  params: { componentType?: string; seriesIndex?: number; name?: string },
  territories: MapTerritory[],
): string | undefined {
  // Series 0 and 1 are the areas and the symbols; the others only explain the legend.
  const onTerritory =
    params.componentType === 'geo' ||
    (params.componentType === 'series' && (params.seriesIndex === 0 || params.seriesIndex === 1));
  return onTerritory && territories.some((t) => t.code === params.name) ? params.name : undefined;
}

/** The map's figures as CSV rows: name, code and figure (or "suppressed" / "no data") of every territory. */
export function mapCsv(territories: MapTerritory[], labels: CaribbeanMapLabels): CsvValue[][] {
  const rows = territories.map((t): CsvValue[] => [
    t.name,
    t.code,
    t.state.kind === 'value' ? t.state.value : stateText(t.state, labels, String),
  ]);
  return [[labels.country, labels.code, labels.value], ...rows];
}

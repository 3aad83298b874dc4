/** Coral's statistics charts: tables as bar/line charts, the Caribbean map, the completeness heat map. */
export { CaribbeanMap, type CaribbeanMapProps } from './CaribbeanMap';
export type { ChartModel, ChartTable, StatChartKind, StatChartLabels } from './chart-options';
export type { CodedLabel, DownloadLabels } from './chart-types';
export { HeatMap, type HeatMapProps } from './HeatMap';
export type { HeatMapLabels, HeatMapValue } from './heatmap-options';
export type { CaribbeanMapLabels, MapFigure } from './map-options';
export { StatChart, type StatChartProps } from './StatChart';

import type {
  BarSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  AriaComponentOption,
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** An ECharts option limited to the charts and components Coral registers (see echarts.ts). */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | MapSeriesOption
  | HeatmapSeriesOption
  | AriaComponentOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The texts of the download menu every chart has; the page translates them. */
export interface DownloadLabels {
  /** The menu's button, e.g. "Download". */
  download: string;
  /** The menu items, e.g. "Image (PNG)", "Vector image (SVG)", "Table (CSV)". */
  png: string;
  svg: string;
  csv: string;
}

/** One value of a dimension or axis: its code and the text people read. */
export interface CodedLabel {
  code: string;
  label: string;
}

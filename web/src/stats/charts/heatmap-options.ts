import type { HeatmapSeriesOption } from 'echarts/charts';
import type { VisualMapComponentOption } from 'echarts/components';
import type { ChartOption, CodedLabel, DownloadLabels } from './chart-types.js';
import type { CsvValue } from './csv.js';
import { escapeHtml, type NumberFormat, percentFormat } from './format.js';
import { colorAt, noDataColor, readableTextColor, viridisColors } from './palette.js';

/** One cell of a completeness matrix: the share (0..1) of records that have the field, or null. */
export interface HeatMapValue {
  row: string;
  column: string;
  /** Share 0..1; null when there is nothing to measure. */
  value: number | null;
}

/** The texts of the heat map; the page translates them. */
export interface HeatMapLabels extends DownloadLabels {
  /** For cells without a share: legend, tooltip and CSV, e.g. "No data". */
  noData: string;
  /** The axes' names (and the CSV's corner cell), e.g. "Field" and "Organisation". */
  rows?: string;
  columns?: string;
  /** What a screen reader says about the chart; by default a list of every share. */
  description?: string;
}

/** What the heat map's option builder needs. */
export interface HeatMapOptionInput {
  title: string;
  rows: CodedLabel[];
  columns: CodedLabel[];
  values: HeatMapValue[];
  labels: HeatMapLabels;
  /** BCP 47 language for percentages; the browser's when absent. */
  locale?: string;
}

/** The share of each row × column, null where none is given. */
function lookup(values: HeatMapValue[]): (row: string, column: string) => number | null {
  const shares = new Map(values.map((v) => [`${v.row}\u0000${v.column}`, v.value]));
  return (row, column) => shares.get(`${row}\u0000${column}`) ?? null;
}

/** The tooltip of a cell: row, column and share (or "no data"). */
export function heatMapTooltip(
  row: CodedLabel,
  column: CodedLabel,
  share: number | null,
  labels: HeatMapLabels,
  format: NumberFormat,
): string {
  const text = share === null ? labels.noData : format(share);
  return `<strong>${escapeHtml(row.label)}</strong><br/>${escapeHtml(column.label)}: <strong>${escapeHtml(text)}</strong>`;
}

/** A plain-text account for screen readers: "Title. Sex: Org A 100 %, Org B no data; …". */
export function describeHeatMap(input: HeatMapOptionInput, format: NumberFormat): string {
  const share = lookup(input.values);
  const parts = input.rows.map((row) => {
    const cells = input.columns.map((column) => {
      const value = share(row.code, column.code);
      return `${column.label} ${value === null ? input.labels.noData : format(value)}`;
    });
    return `${row.label}: ${cells.join(', ')}`;
  });
  return `${input.title}. ${parts.join('; ')}.`;
}

type HeatDatum = NonNullable<HeatmapSeriesOption['data']>[number];

function cellData(
  input: HeatMapOptionInput,
  format: NumberFormat,
): { shares: HeatDatum[]; empty: HeatDatum[] } {
  const share = lookup(input.values);
  const shares: HeatDatum[] = [];
  const empty: HeatDatum[] = [];
  input.rows.forEach((row, y) => {
    input.columns.forEach((column, x) => {
      const value = share(row.code, column.code);
      if (value === null) {
        empty.push([x, y, 0]);
        return;
      }
      const color = readableTextColor(colorAt(viridisColors, value));
      shares.push({ value: [x, y, value], label: { color, formatter: format(value) } });
    });
  });
  return { shares, empty };
}

/**
 * The scales: viridis for the shares (series 0), shown; and, since ECharts draws a heatmap only under a
 * visualMap, a hidden one that paints the cells without a share (series 1) grey.
 */
function scales(format: NumberFormat): VisualMapComponentOption[] {
  return [
    {
      type: 'continuous',
      min: 0,
      max: 1,
      seriesIndex: 0,
      inRange: { color: viridisColors },
      text: [format(1), format(0)],
      calculable: false,
      orient: 'horizontal',
      left: 0,
      bottom: 0,
      itemWidth: 12,
      itemHeight: 140,
    },
    {
      type: 'continuous',
      show: false,
      min: 0,
      max: 1,
      seriesIndex: 1,
      inRange: { color: [noDataColor, noDataColor] },
    },
  ];
}

/** The cells with a share, labelled with it, then those without (a stand-in 0 each), named for the legend. */
function cellSeries(shares: HeatDatum[], empty: HeatDatum[], labels: HeatMapLabels): HeatmapSeriesOption[] {
  const cellStyle = { borderColor: '#ffffff', borderWidth: 1 };
  const emphasis = { itemStyle: { borderColor: '#1a1a1a', borderWidth: 1.5 } };
  return [
    { type: 'heatmap', data: shares, label: { show: true, fontSize: 11 }, itemStyle: cellStyle, emphasis },
    {
      type: 'heatmap',
      name: labels.noData,
      data: empty,
      itemStyle: { ...cellStyle, color: noDataColor },
      emphasis,
    },
  ];
}

/**
 * The ECharts option for a data-completeness matrix: one cell per row × column, coloured by share on
 * the viridis scale (dark violet 0 % to yellow 100 %, readable with any colour vision; red–green would
 * not be), the share written in the cell; cells without a share grey, named in the legend.
 */
export function buildHeatMapOption(input: HeatMapOptionInput): ChartOption {
  const { title, rows, columns, labels, locale } = input;
  const format = percentFormat(locale);
  const { shares, empty } = cellData(input, format);
  return {
    aria: { enabled: true, label: { description: labels.description ?? describeHeatMap(input, format) } },
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 15, fontWeight: 600 } },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const [x, y, share] = Array.isArray(item?.value) ? item.value : [];
        const row = rows[Number(y)];
        const column = columns[Number(x)];
        if (!row || !column) return '';
        // The second series holds the cells without a share (drawn with a stand-in 0).
        const value = item?.seriesIndex === 0 ? Number(share) : null;
        return heatMapTooltip(row, column, value, labels, format);
      },
    },
    legend: { show: empty.length > 0, bottom: 0, right: 0, selectedMode: false, data: [labels.noData] },
    grid: { left: 8, right: 16, top: 48, bottom: 72 },
    xAxis: {
      type: 'category',
      name: labels.columns,
      nameLocation: 'middle',
      nameGap: 28,
      data: columns.map((c) => c.label),
      splitArea: { show: false },
      axisLabel: { interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      name: labels.rows,
      // Rows read top to bottom; with the axis inverted its start, where the name goes, is the top.
      nameLocation: 'start',
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { interval: 0 },
    },
    visualMap: scales(format),
    series: cellSeries(shares, empty, labels),
  };
}

/** The matrix as CSV rows: a header of column names, then one row per row with its shares (0..1). */
export function heatMapCsv(
  input: Pick<HeatMapOptionInput, 'rows' | 'columns' | 'values' | 'labels'>,
): CsvValue[][] {
  const share = lookup(input.values);
  const header = [input.labels.rows ?? '', ...input.columns.map((c) => c.label)];
  const rows = input.rows.map((row): CsvValue[] => [
    row.label,
    ...input.columns.map((column) => {
      const value = share(row.code, column.code);
      return value === null ? input.labels.noData : Math.round(value * 10_000) / 10_000;
    }),
  ]);
  return [header, ...rows];
}

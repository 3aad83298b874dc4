import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { ChartOption, CodedLabel, DownloadLabels } from './chart-types.js';
import type { CsvValue } from './csv.js';
import { escapeHtml, type NumberFormat, numberFormat, tooltipLine } from './format.js';
import { hatch, seriesColors, suppressedInk } from './palette.js';

/** A statistics table as the statistics API publishes it, after disclosure control. */
export interface ChartTable {
  title: string;
  /** One or two dimensions: the first is the x axis (e.g. year), the optional second the series (e.g. sex). */
  dimensions: Array<{ id: string; label: string; values: CodedLabel[] }>;
  /** Cells: one per combination; value null when suppressed (published as "<5" or hidden by secondary suppression). */
  cells: Array<{ coordinates: string[]; value: number | null; suppressed: boolean }>;
}

/** Bars side by side, lines, or bars stacked into a total. */
export type StatChartKind = 'bar' | 'line' | 'stacked';

/** The texts a statistics chart shows besides the table's own; the page translates them. */
export interface StatChartLabels extends DownloadLabels {
  /** Marks a suppressed cell: its label on the chart, the legend, the tooltip and the CSV, e.g. "Suppressed". */
  suppressed: string;
  /** The value axis and the CSV's value column, e.g. "Victims"; also the series name of a one-dimension table. */
  value: string;
  /** What a screen reader says about the chart; by default a list of every figure. */
  description?: string;
}

/** A cell as the chart shows it: a figure, suppressed (never drawn as a figure), or not in the table. */
export type CellState = { kind: 'value'; value: number } | { kind: 'suppressed' } | { kind: 'missing' };

/** A table arranged for a chart: categories along the x axis, and one row of cells per series. */
export interface ChartModel {
  title: string;
  categoryLabel: string;
  categories: CodedLabel[];
  series: Array<CodedLabel & { cells: CellState[] }>;
}

/** Height in pixels of the stub that stands for a suppressed cell: a fixed mark, not a figure. */
const stubHeight = 14;

function cellState(cell: ChartTable['cells'][number] | undefined): CellState {
  if (!cell) return { kind: 'missing' };
  if (cell.suppressed) return { kind: 'suppressed' };
  return cell.value === null ? { kind: 'missing' } : { kind: 'value', value: cell.value };
}

/**
 * Arranges a table for a chart. A one-dimension table makes one series, named `valueLabel`.
 *
 * @example chartModel(victimsByYear, 'Victims').series[0].cells // [{ kind: 'value', value: 12 }, { kind: 'suppressed' }]
 */
export function chartModel(table: ChartTable, valueLabel: string): ChartModel {
  const [x, split] = table.dimensions;
  const cells = new Map(table.cells.map((cell) => [cell.coordinates.join('\u0000'), cell]));
  const categories = x?.values ?? [];
  const seriesKeys = split ? split.values : [{ code: '', label: valueLabel }];
  return {
    title: table.title,
    categoryLabel: x?.label ?? '',
    categories,
    series: seriesKeys.map((key) => ({
      ...key,
      cells: categories.map((category) =>
        cellState(cells.get(split ? `${category.code}\u0000${key.code}` : category.code)),
      ),
    })),
  };
}

const colorOf = (index: number) => seriesColors[index % seriesColors.length] ?? suppressedInk;

function cellText(cell: CellState | undefined, labels: StatChartLabels, format: NumberFormat): string | null {
  if (cell?.kind === 'value') return format(cell.value);
  return cell?.kind === 'suppressed' ? labels.suppressed : null;
}

/** The tooltip for one category: every series' figure, "suppressed" where suppressed, missing ones left out. */
export function statTooltip(
  model: ChartModel,
  categoryIndex: number,
  labels: StatChartLabels,
  format: NumberFormat,
): string {
  const lines = model.series.flatMap((series, index) => {
    const text = cellText(series.cells[categoryIndex], labels, format);
    return text === null ? [] : [tooltipLine(colorOf(index), series.label, text)];
  });
  return [`<strong>${escapeHtml(model.categories[categoryIndex]?.label ?? '')}</strong>`, ...lines].join(
    '<br/>',
  );
}

/** A plain-text account of every figure, for screen readers: "Title. 2023: Female 12, Male suppressed; …". */
export function describeModel(model: ChartModel, labels: StatChartLabels, format: NumberFormat): string {
  const single = model.series.length === 1;
  const parts = model.categories.map((category, index) => {
    const figures = model.series.flatMap((series) => {
      const text = cellText(series.cells[index], labels, format);
      if (text === null) return [];
      return [single ? text : `${series.label} ${text}`];
    });
    return `${category.label}: ${figures.join(', ')}`;
  });
  return `${model.title}. ${parts.join('; ')}.`;
}

/** The style of a suppressed stub: white, hatched and outlined with a dashed line, labelled in words. */
function stubStyle(color: string, labels: StatChartLabels): BarSeriesOption {
  return {
    type: 'bar',
    name: labels.suppressed,
    barMinHeight: stubHeight,
    itemStyle: {
      color: '#ffffff',
      borderColor: color,
      borderWidth: 1.5,
      borderType: 'dashed',
      decal: hatch(color),
    },
    label: {
      show: true,
      position: 'top',
      rotate: 90,
      align: 'left',
      verticalAlign: 'middle',
      distance: 4,
      formatter: labels.suppressed,
      color: suppressedInk,
      fontSize: 11,
    },
    emphasis: { disabled: true },
  };
}

/**
 * Suppressed cells are gaps in their series and are drawn by companion bar series as stubs of fixed
 * height. The stubs carry the value 0 only so that ECharts lays them out at the base (bar kind) or on
 * top of the stack (stacked kind) without moving anything else; `barMinHeight` gives them their height,
 * and the tooltip, label, legend and screen-reader text all say "suppressed", never 0.
 */
function suppressedSeries(
  model: ChartModel,
  kind: StatChartKind,
  labels: StatChartLabels,
): BarSeriesOption[] {
  if (kind === 'bar') {
    return model.series.flatMap((series, index) =>
      series.cells.some((cell) => cell.kind === 'suppressed')
        ? [
            {
              ...stubStyle(colorOf(index), labels),
              id: `suppressed-${index}`,
              stack: `slot-${index}`,
              data: series.cells.map((cell) => (cell.kind === 'suppressed' ? 0 : '-')),
            },
          ]
        : [],
    );
  }
  // Stacks and lines get one neutral stub per category: on top of the stack, or where the line breaks.
  const anySuppressed = model.categories.map((_, i) =>
    model.series.some((series) => series.cells[i]?.kind === 'suppressed'),
  );
  if (!anySuppressed.includes(true)) return [];
  return [
    {
      ...stubStyle(suppressedInk, labels),
      id: 'suppressed',
      stack: kind === 'stacked' ? 'total' : undefined,
      barWidth: kind === 'line' ? 12 : undefined,
      data: anySuppressed.map((suppressed) => (suppressed ? 0 : '-')),
    },
  ];
}

function figureSeries(model: ChartModel, kind: StatChartKind): Array<BarSeriesOption | LineSeriesOption> {
  return model.series.map((series, index) => {
    const data = series.cells.map((cell) => (cell.kind === 'value' ? cell.value : '-'));
    const color = colorOf(index);
    if (kind === 'line') {
      return {
        type: 'line',
        id: `series-${index}`,
        name: series.label,
        data,
        itemStyle: { color },
        symbolSize: 7,
      };
    }
    const hasStub = series.cells.some((cell) => cell.kind === 'suppressed');
    const stack = kind === 'stacked' ? 'total' : hasStub ? `slot-${index}` : undefined;
    return { type: 'bar', id: `series-${index}`, name: series.label, data, stack, itemStyle: { color } };
  });
}

/** What the option builder needs: the table, how to draw it, the page's texts and language. */
export interface StatChartOptionInput {
  kind: StatChartKind;
  table: ChartTable;
  labels: StatChartLabels;
  /** BCP 47 language for numbers, e.g. "fr"; the browser's when absent. */
  locale?: string;
}

/**
 * The ECharts option for a statistics table: bars, lines or stacked bars, one series per value of the
 * second dimension, suppressed cells as labelled hatched stubs, a screen-reader description.
 *
 * @example buildStatChartOption({ kind: 'bar', table, labels })
 */
export function buildStatChartOption({ kind, table, labels, locale }: StatChartOptionInput): ChartOption {
  const model = chartModel(table, labels.value);
  const format = numberFormat(locale);
  const figures = figureSeries(model, kind);
  const stubs = suppressedSeries(model, kind, labels);
  const showLegend = model.series.length > 1 || stubs.length > 0;
  const integers = model.series.every((s) =>
    s.cells.every((c) => c.kind !== 'value' || Number.isInteger(c.value)),
  );
  return {
    aria: {
      enabled: true,
      label: { description: labels.description ?? describeModel(model, labels, format) },
    },
    title: { text: model.title, left: 0, top: 0, textStyle: { fontSize: 15, fontWeight: 600 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: kind === 'line' ? 'line' : 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        return statTooltip(model, first?.dataIndex ?? 0, labels, format);
      },
    },
    legend: { show: showLegend, bottom: 0, selectedMode: false },
    grid: { left: 8, right: 16, top: 48, bottom: showLegend ? 64 : 36 },
    xAxis: {
      type: 'category',
      name: model.categoryLabel,
      nameLocation: 'middle',
      nameGap: 28,
      data: model.categories.map((category) => category.label),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', name: labels.value, minInterval: integers ? 1 : undefined },
    series: [...figures, ...stubs],
  };
}

/**
 * The table as CSV rows: a header of the dimensions' names and the value's, then one row per cell in
 * the dimensions' order; a suppressed cell reads as the suppressed label, never as a number.
 */
export function statChartCsv(
  table: ChartTable,
  labels: Pick<StatChartLabels, 'suppressed' | 'value'>,
): CsvValue[][] {
  const model = chartModel(table, labels.value);
  const split = table.dimensions.length > 1;
  const header = [model.categoryLabel, ...(split ? [table.dimensions[1]?.label ?? ''] : []), labels.value];
  const rows = model.categories.flatMap((category, index) =>
    model.series.flatMap((series): CsvValue[][] => {
      const cell = series.cells[index];
      if (!cell || cell.kind === 'missing') return [];
      const value = cell.kind === 'value' ? cell.value : labels.suppressed;
      return [[category.label, ...(split ? [series.label] : []), value]];
    }),
  );
  return [header, ...rows];
}

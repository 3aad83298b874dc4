import { useMemo } from 'react';
import { ChartFrame } from './ChartFrame';
import {
  buildStatChartOption,
  type ChartTable,
  type StatChartKind,
  type StatChartLabels,
  statChartCsv,
} from './chart-options';

export interface StatChartProps {
  /** Bars side by side, lines, or stacked bars. */
  kind: StatChartKind;
  /** The statistics table; its title is the chart's title and accessible name. */
  table: ChartTable;
  /** Translated texts. Keep this object (and the data) stable, e.g. with useMemo: a new one redraws the chart. */
  labels: StatChartLabels;
  /** File name of downloads, without extension. */
  fileName: string;
  /** Height in pixels (360 by default); the width follows the container. */
  height?: number;
  /** BCP 47 language for numbers, e.g. i18n.language; the browser's when absent. */
  locale?: string;
}

/**
 * A statistics table as a bar, line or stacked bar chart, with suppressed cells marked as such (a
 * hatched, labelled stub, never a 0) and downloads as PNG, SVG and CSV.
 *
 * @example <StatChart kind="bar" table={victimsByYearAndSex} labels={chartLabels(t)} fileName="victims-2024" />
 */
export function StatChart({ kind, table, labels, fileName, height = 360, locale }: StatChartProps) {
  const option = useMemo(
    () => buildStatChartOption({ kind, table, labels, locale }),
    [kind, table, labels, locale],
  );
  return (
    <ChartFrame
      title={table.title}
      option={option}
      height={height}
      fileName={fileName}
      labels={labels}
      csvRows={() => statChartCsv(table, labels)}
    />
  );
}

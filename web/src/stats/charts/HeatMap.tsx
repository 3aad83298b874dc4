import { useMemo } from 'react';
import { ChartFrame } from './ChartFrame';
import type { CodedLabel } from './chart-types';
import { buildHeatMapOption, type HeatMapLabels, type HeatMapValue, heatMapCsv } from './heatmap-options';

export interface HeatMapProps {
  title: string;
  /** The matrix's rows (top to bottom), e.g. the fields of a record. */
  rows: CodedLabel[];
  /** Its columns (left to right), e.g. organisations or years. */
  columns: CodedLabel[];
  /** Shares 0..1 by row and column code; a missing or null share shows as "no data". */
  values: HeatMapValue[];
  /** Translated texts. Keep this object (and the data) stable, e.g. with useMemo: a new one redraws the chart. */
  labels: HeatMapLabels;
  /** File name of downloads, without extension. */
  fileName: string;
  /** Height in pixels (28 per row plus room for the title and scale by default). */
  height?: number;
  /** BCP 47 language for percentages; the browser's when absent. */
  locale?: string;
}

/**
 * A data-completeness matrix: each cell the share of records with a value, coloured on a colour-blind
 * safe scale and written as a percentage, with downloads as PNG, SVG and CSV.
 *
 * @example <HeatMap title="Completeness" rows={fields} columns={organisations} values={shares} labels={labels} fileName="completeness" />
 */
export function HeatMap({ title, rows, columns, values, labels, fileName, height, locale }: HeatMapProps) {
  const option = useMemo(
    () => buildHeatMapOption({ title, rows, columns, values, labels, locale }),
    [title, rows, columns, values, labels, locale],
  );
  return (
    <ChartFrame
      title={title}
      option={option}
      height={height ?? 140 + 28 * rows.length}
      fileName={fileName}
      labels={labels}
      csvRows={() => heatMapCsv({ rows, columns, values, labels })}
    />
  );
}

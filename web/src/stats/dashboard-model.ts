import type { MeasureView } from './api';

/** Dimensions that split people by sex, by measure: the second dimension of the stacked chart. */
const sexDimensions = ['sex', 'migrantSex'];

/** The dimension that splits a measure by sex, if it has one. */
export function sexDimensionOf(measure: MeasureView | undefined): string | null {
  return measure?.dimensions.find((d) => sexDimensions.includes(d.id))?.id ?? null;
}

/** Dimensions a measure can be broken down by in the dashboard's bar chart: any but the year. */
export function breakdownDimensionsOf(measure: MeasureView | undefined): MeasureView['dimensions'] {
  return measure?.dimensions.filter((d) => d.id !== 'year') ?? [];
}

/**
 * The breakdown shown first: the one asked for if the measure has it, else form of exploitation, else
 * the first that is not sex (shown already), else sex.
 */
export function defaultBreakdown(measure: MeasureView | undefined, asked: string | null): string | null {
  const candidates = breakdownDimensionsOf(measure).map((d) => d.id);
  if (asked && candidates.includes(asked)) return asked;
  if (candidates.includes('exploitation')) return 'exploitation';
  return candidates.find((id) => !sexDimensions.includes(id)) ?? candidates[0] ?? null;
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Labels } from '../../../src/standard/languages';
import { api } from '../api/client';

/** How well one field is filled in, over the period's records. */
export interface FieldGap {
  path: string;
  label: Labels;
  /** The HTCDS 2.0 field it maps to, if any. */
  htcds?: string;
  /** An HTCDS core field. */
  core: boolean;
  /** Share of records with the field filled in (0..1); null without records. */
  completeness: number | null;
  /** Share of records where it says "unknown". */
  unknownShare: number | null;
}

export type Producible = 'yes' | 'partly' | 'no';

/** A breakdown an SDG or GCM indicator asks for, and whether the records allow it. */
export interface DisaggregationGap {
  id: string;
  framework: string;
  label: Labels;
  coverage: number | null;
  producible: Producible;
}

/** Something to do about a gap, said in every language. */
export interface Recommendation {
  code: string;
  field?: string;
  disaggregation?: string;
  message: Labels;
}

/** The assessment of one kind of record. */
export interface KindGaps {
  kind: 'thbCase' | 'somIncident';
  records: number;
  medianLagDays: number | null;
  fields: FieldGap[];
  disaggregations: DisaggregationGap[];
  recommendations: Recommendation[];
}

/** The data-gap assessment, as `GET /api/v1/statistics/gaps` answers. */
export interface GapsView {
  period: { from: number; to: number };
  kinds: KindGaps[];
}

/** The data-gap assessment of the acting organisation's records in a period (asked only when enabled). */
export function useGaps(from: number, to: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['statistics', 'gaps', from, to],
    queryFn: () =>
      api<GapsView>(
        'GET',
        `/api/v1/statistics/gaps?${new URLSearchParams({ from: String(from), to: String(to) })}`,
      ),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * Where the assessment downloads as a document: Markdown to read, CSV to work with, in a language.
 *
 * @example gapsReportUrl({ from: 2021, to: 2025, format: 'csv', language: 'fr' })
 */
export function gapsReportUrl(options: {
  from: number;
  to: number;
  format: 'markdown' | 'csv';
  language: string;
}): string {
  const params = new URLSearchParams({
    from: String(options.from),
    to: String(options.to),
    format: options.format,
    language: options.language,
  });
  return `/api/v1/statistics/gaps/report?${params}`;
}

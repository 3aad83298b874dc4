import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Labels } from '../../../src/standard/languages.js';
import { api } from '../api/client.js';

/** A measure of the catalogue, as `GET /api/v1/statistics/measures` answers. */
export interface MeasureView {
  id: string;
  kind: string;
  label: Labels;
  help: Labels;
  dimensions: Array<{ id: string; label: Labels }>;
}

/** Whether a cell is shown, hidden because it is small, or hidden to protect a small one. */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** One cell of a statistics table; a null coordinate stands for "all" (a total). */
export interface StatCell {
  coordinates: Array<string | null>;
  /** Null when suppressed. */
  value: number | null;
  status: CellStatus;
  /** SDG 16.2.2: per 100,000 population, where known. */
  per100k?: number;
}

/** A dimension of a table with the categories met. */
export interface StatDimension {
  id: string;
  label: Labels;
  categories: Array<{ code: string; label: Labels }>;
}

/** A table after disclosure control, as the statistics API and releases give it. */
export interface StatTableView {
  title?: string;
  measure: string;
  measureLabel: Labels;
  dimensions: StatDimension[];
  cells: StatCell[];
  method: 'suppression' | 'differential-privacy' | 'exact';
  threshold: number;
  roundingBase: number;
  epsilon?: string;
  report?: {
    primary: number;
    secondary: number;
    narrowestInterval: number | null;
    programs: number;
    rounds: number;
  };
}

/** A country's latest published figure, as `GET /api/v1/statistics/regional` answers. */
export interface RegionalFigure {
  country: string;
  organisation: string;
  releaseId: string;
  value: number | null;
  suppressed: boolean;
}

/** What a dashboard asks for: a measure by some dimensions, optionally filtered by years. */
export interface TableQuery {
  measure: string;
  by: string[];
  /** Only these years; every year when absent or empty. */
  years?: string[];
  /** 1 shows exact small counts (data officers and analysts only); the server's 5 when absent. */
  minCell?: number;
}

/** The query string of a table request, e.g. `measure=victims&by=year,sex&filter=year=2024`. */
export function tableSearch(query: TableQuery): string {
  const params = new URLSearchParams({ measure: query.measure, by: query.by.join(',') });
  for (const year of query.years ?? []) params.append('filter', `year=${year}`);
  if (query.minCell !== undefined) params.set('minCell', String(query.minCell));
  return params.toString();
}

/** What Coral counts and by what (public; rarely changes). */
export function useMeasures() {
  return useQuery({
    queryKey: ['statistics', 'measures'],
    queryFn: () => api<MeasureView[]>('GET', '/api/v1/statistics/measures'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A table of the acting organisation's records, small cells suppressed by the server. */
export function useStatTable(query: TableQuery | null) {
  const search = query ? tableSearch(query) : '';
  return useQuery({
    queryKey: ['statistics', 'table', search],
    queryFn: () => api<StatTableView>('GET', `/api/v1/statistics/table?${search}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The years with a published figure of a measure, newest first (public). */
export function useRegionalYears(measure: string) {
  return useQuery({
    queryKey: ['statistics', 'regional-years', measure],
    queryFn: () =>
      api<string[]>('GET', `/api/v1/statistics/regional/years?${new URLSearchParams({ measure })}`),
    enabled: Boolean(measure),
  });
}

/** Each country's latest published figure for a measure and year (public). */
export function useRegional(measure: string, year: string) {
  return useQuery({
    queryKey: ['statistics', 'regional', measure, year],
    queryFn: () =>
      api<RegionalFigure[]>('GET', `/api/v1/statistics/regional?${new URLSearchParams({ measure, year })}`),
    enabled: Boolean(measure && year),
    placeholderData: keepPreviousData,
  });
}

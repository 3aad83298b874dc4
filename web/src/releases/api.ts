import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { StatTableView } from '../stats/api.js';

/** One table of a release, as asked for: a measure by one to four dimensions. */
export interface ReleaseTableSpec {
  measure: string;
  by: string[];
  filters?: Record<string, string[]>;
  title?: string;
}

/** How a release protects its figures (see the server's releaseSpec for each field). */
export interface ReleaseSpec {
  tables: ReleaseTableSpec[];
  method: 'suppression' | 'differential-privacy';
  threshold: number;
  protectionWidth?: number;
  roundingBase: number;
  /** Differential privacy: ε per table, e.g. "0.5" or "1/3". */
  epsilonPerTable?: string;
  /** Differential privacy: ε all versions may spend together. */
  epsilonBudget?: string;
  period?: { from: number; to: number };
  methodNote: string;
  /** A k-anonymous record-level file to publish too (set from the command line; kept as it is). */
  microdata?: {
    measure: string;
    quasiIdentifiers: string[];
    columns: string[];
    k: number;
    maxSuppression: number;
  };
}

/** What a release publishes: its tables, frozen. */
export interface ReleaseContent {
  tables: StatTableView[];
  /** The k-anonymous record-level file, when the release has one (downloaded as CSV). */
  microdata?: {
    columns: Array<{ id: string; quasiIdentifier: boolean }>;
    report: { rows: number; releasedRows: number; k: number; suppressedRows: number };
  };
  generatedAt: string;
  populationSource: string;
}

export type ReleaseStatus = 'draft' | 'published';

/** A release as `GET /api/v1/releases/{id}` answers. */
export interface ReleaseView {
  id: string;
  series: string;
  version: number;
  status: ReleaseStatus;
  title: string;
  organisation?: { name: string; country: string };
  spec: ReleaseSpec;
  /** The published figures; null for a draft. */
  content: ReleaseContent | null;
  ledger: Array<{ label: string; epsilon: string; at: string }>;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** A release in a list, without its figures. */
export interface ReleaseSummary {
  id: string;
  series: string;
  version: number;
  status: ReleaseStatus;
  title: string;
  organisation?: { name: string; country: string };
  methodNote: string;
  method: string;
  tables: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** A draft's title and spec, as written to the API. */
export interface ReleaseInput {
  title: string;
  spec: ReleaseSpec;
}

const keys = {
  published: ['releases', 'published'] as const,
  mine: ['releases', 'mine'] as const,
  one: (id: string) => ['releases', 'one', id] as const,
};

/** Every organisation's published releases, newest first (public). */
export function usePublishedReleases() {
  return useQuery({
    queryKey: keys.published,
    queryFn: () => api<ReleaseSummary[]>('GET', '/api/v1/releases'),
  });
}

/** The acting organisation's releases, drafts and published. */
export function useMyReleases() {
  return useQuery({
    queryKey: keys.mine,
    queryFn: () => api<ReleaseSummary[]>('GET', '/api/v1/releases/mine'),
  });
}

/** One release: published ones for anyone, drafts within their organisation. */
export function useRelease(id: string | undefined) {
  return useQuery({
    queryKey: keys.one(id ?? ''),
    queryFn: () => api<ReleaseView>('GET', `/api/v1/releases/${id}`),
    enabled: Boolean(id),
    retry: false,
  });
}

/** After a change: the release's new state, and the lists it appears in asked again. */
function useSettle() {
  const client = useQueryClient();
  return (release?: ReleaseView) => {
    if (release) client.setQueryData(keys.one(release.id), release);
    void client.invalidateQueries({ queryKey: keys.mine });
    void client.invalidateQueries({ queryKey: keys.published });
    void client.invalidateQueries({ queryKey: ['statistics', 'regional'] });
  };
}

/** Where a published release's k-anonymous record-level file downloads as CSV (public). */
export const microdataUrl = (id: string) => `/api/v1/releases/${id}/microdata.csv`;

/** Where a published release's tables download in the shape of UNODC GLOTIP data, as CSV (public). */
export const glotipUrl = (id: string) => `/api/v1/releases/${id}/glotip.csv`;

/** Starts a release as a draft. */
export function useCreateRelease() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: ReleaseInput) => api<ReleaseView>('POST', '/api/v1/releases', input),
    onSuccess: settle,
  });
}

/** Saves a draft's title and spec. */
export function useUpdateRelease(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: ReleaseInput) => api<ReleaseView>('PATCH', `/api/v1/releases/${id}`, input),
    onSuccess: settle,
  });
}

/** Deletes a draft (published versions stay). */
export function useDeleteRelease(id: string) {
  const settle = useSettle();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', `/api/v1/releases/${id}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.one(id) });
      settle();
    },
  });
}

/** What the saved draft would publish, computed now and not stored. */
export function usePreviewRelease(id: string) {
  return useMutation({
    mutationFn: () => api<ReleaseContent>('POST', `/api/v1/releases/${id}/preview`),
  });
}

/** Publishes the draft: its figures are frozen and public from then on. */
export function usePublishRelease(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: () => api<ReleaseView>('POST', `/api/v1/releases/${id}/publish`),
    onSuccess: settle,
  });
}

/** Starts the next version of a published release, as a draft. */
export function useReviseRelease(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: () => api<ReleaseView>('POST', `/api/v1/releases/${id}/revise`),
    onSuccess: settle,
  });
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EntityId } from '../../../src/standard/field';
import { recordKinds } from '../../../src/standard/record-views';
import { api, apiWithHeaders } from '../api/client';

/** A record as the API returns it. */
export interface RecordView {
  id: string;
  kind: EntityId;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  identifyingShown: boolean;
  record: Record<string, unknown>;
  warnings: Array<{ path: string; code: string; message: string }>;
}

export interface RecordSummary {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  summary: Record<string, unknown>;
  /** In lists of deleted records only. */
  deleted?: { at: string; reason: string };
}

export interface HistoryEntry {
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  changedFields: string[];
  changedAt: string;
  changedBy: string;
}

/** The API path of a kind of record. */
export const recordsPath = (kind: EntityId) => `/api/v1/${recordKinds[kind].segment}`;

/** Pages of a list, following nextCursor. `query` holds the filters as URL parameters. */
export function useRecordList(kind: EntityId, query: URLSearchParams) {
  const key = query.toString();
  return useInfiniteQuery({
    queryKey: ['records', kind, 'list', key],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(query);
      params.set('limit', '50');
      if (pageParam) params.set('cursor', pageParam);
      return api<{ items: RecordSummary[]; nextCursor: string | null }>(
        'GET',
        `${recordsPath(kind)}?${params}`,
      );
    },
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useRecord(kind: EntityId, id: string | undefined) {
  return useQuery({
    queryKey: ['records', kind, 'one', id],
    enabled: Boolean(id),
    queryFn: () => api<RecordView>('GET', `${recordsPath(kind)}/${id}`),
    retry: false,
  });
}

export function useHistory(kind: EntityId, id: string) {
  return useQuery({
    queryKey: ['records', kind, 'history', id],
    queryFn: () => api<HistoryEntry[]>('GET', `${recordsPath(kind)}/${id}/history`),
  });
}

export function useCreateRecord(kind: EntityId) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (record: Record<string, unknown>) => api<RecordView>('POST', recordsPath(kind), record),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records', kind, 'list'] }),
  });
}

/** Saves a merge patch against the version the person edited (If-Match); a 412 means someone saved first. */
export function useUpdateRecord(kind: EntityId, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ patch, version }: { patch: Record<string, unknown>; version: number }) =>
      (
        await apiWithHeaders<RecordView>('PATCH', `${recordsPath(kind)}/${id}`, patch, {
          'if-match': `"${version}"`,
        })
      ).body,
    onSuccess: (saved) => {
      client.setQueryData(['records', kind, 'one', id], saved);
      void client.invalidateQueries({ queryKey: ['records', kind, 'list'] });
      void client.invalidateQueries({ queryKey: ['records', kind, 'history', id] });
    },
  });
}

export function useDeleteRecord(kind: EntityId, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ reason, version }: { reason: string; version: number }) =>
      api<void>('DELETE', `${recordsPath(kind)}/${id}`, { reason }, { 'if-match': `"${version}"` }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records', kind] }),
  });
}

/** Brings a deleted record back (data officers). */
export function useRestoreRecord(kind: EntityId) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<RecordView>('POST', `${recordsPath(kind)}/${id}/restore`),
    onSuccess: (restored) => {
      client.setQueryData(['records', kind, 'one', restored.id], restored);
      void client.invalidateQueries({ queryKey: ['records', kind, 'list'] });
      void client.invalidateQueries({ queryKey: ['records', kind, 'history', restored.id] });
    },
  });
}

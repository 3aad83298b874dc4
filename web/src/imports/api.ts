import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EntityId } from '../../../src/standard/field';
import { ApiError, api, csrfToken, requestLanguage } from '../api/client';

export type ImportStatus =
  | 'validating'
  | 'validated'
  | 'rejected'
  | 'committing'
  | 'committed'
  | 'failed'
  | 'cancelled';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  invalid: number;
}

/** An import as `GET /api/v1/imports/{id}` answers. */
export interface ImportView {
  id: string;
  kind: EntityId;
  format: string;
  source: string;
  fileName: string;
  fileSize: number;
  status: ImportStatus;
  fileKept: boolean;
  mappingName: string | null;
  summary: {
    detected?: {
      container: string;
      encoding?: string;
      delimiter?: string;
      format: string;
      kind: string;
      columns: string[];
    };
    rows: number;
    valid: number;
    invalid: number;
    withWarnings: number;
    problems: number;
    plan?: Counts;
    result?: Counts & { dryRun: boolean };
    sameFileAs?: { importId: string; committedAt: string };
    needsMapping?: boolean;
  };
  failure: string | null;
  progress: {
    phase: 'reading' | 'validating' | 'committing';
    rows: number;
    bytes: number;
    totalBytes: number;
  } | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  committedAt: string | null;
  committedBy: string | null;
  createdByName: string | null;
  committedByName: string | null;
}

export interface ImportProblem {
  seq: number;
  row: number;
  column: string;
  path: string | null;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface PreviewRow {
  row: number;
  record: Record<string, unknown>;
  problems: Array<{ column: string; code: string; severity: 'error' | 'warning'; message: string }>;
}

export interface MappingSuggestion {
  header: string[];
  columns: Array<{
    column: string;
    field: string | null;
    confidence: number;
    values?: Record<string, string | null>;
  }>;
  externalIdColumn: string | null;
  fields: Array<{ field: string; label: string }>;
}

export interface ColumnMapping {
  kind: EntityId;
  headerRow: number;
  columns: Array<{ column: string; field: string; values?: Record<string, string> }>;
  externalIdColumn?: string;
  dateOrder: 'DMY' | 'MDY';
}

export const running = (status: ImportStatus | undefined) =>
  status === 'validating' || status === 'committing';

export function useImports() {
  return useQuery({
    queryKey: ['imports'],
    queryFn: () => api<ImportView[]>('GET', '/api/v1/imports?limit=50'),
    refetchInterval: (query) => (query.state.data?.some((i) => running(i.status)) ? 2000 : false),
  });
}

/** One import, polled every second while it is being validated or committed. */
export function useImport(id: string) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => api<ImportView>('GET', `/api/v1/imports/${id}`),
    refetchInterval: (query) => (running(query.state.data?.status) ? 1000 : false),
  });
}

export function useProblems(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', id, 'problems'],
    queryFn: () => api<ImportProblem[]>('GET', `/api/v1/imports/${id}/problems?limit=200`),
    enabled,
  });
}

export function usePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', id, 'preview'],
    queryFn: () => api<PreviewRow[]>('GET', `/api/v1/imports/${id}/preview?limit=10`),
    enabled,
  });
}

export function useSuggestion(id: string, kind: EntityId, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', id, 'suggestion', kind],
    queryFn: () => api<MappingSuggestion>('GET', `/api/v1/imports/${id}/suggested-mapping?kind=${kind}`),
    enabled,
  });
}

function useImportAction<Input>(id: string, call: (input: Input) => Promise<ImportView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (view) => {
      queryClient.setQueryData(['imports', id], view);
      void queryClient.invalidateQueries({ queryKey: ['imports', id] });
      void queryClient.invalidateQueries({ queryKey: ['imports'], exact: true });
    },
  });
}

export function useCommit(id: string) {
  return useImportAction(id, (input: { strategy: string; dryRun: boolean; skipInvalid: boolean }) =>
    api<ImportView>('POST', `/api/v1/imports/${id}/commit`, input),
  );
}

export function useCancel(id: string) {
  return useImportAction(id, () => api<ImportView>('POST', `/api/v1/imports/${id}/cancel`));
}

/** How to read the file again: any of these; what is left out stays as it was. */
export interface ReadingChoices {
  mapping?: ColumnMapping;
  mappingName?: string;
  kind?: EntityId;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  dateOrder?: 'DMY' | 'MDY';
}

export function useConfigure(id: string) {
  return useImportAction(id, (input: ReadingChoices) =>
    api<ImportView>('PATCH', `/api/v1/imports/${id}`, input),
  );
}

export interface SavedMapping {
  id: string;
  name: string;
  mapping: ColumnMapping;
  updatedAt: string;
}

export function useSavedMappings() {
  return useQuery({
    queryKey: ['import-mappings'],
    queryFn: () => api<SavedMapping[]>('GET', '/api/v1/import-mappings'),
  });
}

export function useDeleteMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/v1/import-mappings/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['import-mappings'] }),
  });
}

export function useSaveMapping() {
  return useMutation({
    mutationFn: ({ name, mapping }: { name: string; mapping: ColumnMapping }) =>
      api<unknown>('PUT', `/api/v1/import-mappings/${encodeURIComponent(name)}`, mapping),
  });
}

/**
 * Uploads a file as the raw request body, reporting how much has been sent (fetch cannot). Resolves with
 * the new import; rejects with an ApiError.
 */
export function uploadFile(
  file: File,
  options: { kind?: EntityId },
  onProgress: (fraction: number) => void,
): Promise<ImportView> {
  const params = new URLSearchParams({ fileName: file.name });
  if (options.kind) params.set('kind', options.kind);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/imports?${params}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('accept-language', requestLanguage());
    const token = csrfToken();
    if (token) request.setRequestHeader('x-csrf-token', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () =>
      reject(new ApiError(0, 'network', 'Coral cannot be reached. Check the connection and try again.'));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: reported below
      }
      if (request.status === 202) resolve(body as ImportView);
      else {
        const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
        reject(new ApiError(request.status, error?.code ?? 'unknown', error?.message ?? request.statusText));
      }
    };
    request.send(file);
  });
}

import type { z } from 'zod';
import type { SavedMapping, StoredProblem } from './imports.repository.js';
import type { importView, mappingView } from './imports.schema.js';
import type { ImportView } from './imports.service.js';

/**
 * An import as the API shows it: an allow-list. Never the wrapped key of the staged file nor the file's
 * hash; only whether the file is still kept.
 */
export function presentImport(view: ImportView): z.infer<typeof importView> {
  const options = view.options as { mappingName?: unknown };
  return {
    id: view.id,
    kind: view.kind,
    format: view.format,
    source: view.source,
    fileName: view.fileName,
    fileSize: view.fileSize,
    status: view.status,
    fileKept: view.stagedKey !== null,
    mappingName: typeof options.mappingName === 'string' ? options.mappingName : null,
    summary: view.summary as z.infer<typeof importView>['summary'],
    failure: view.failure,
    progress: view.progress,
    createdAt: view.createdAt.toISOString(),
    createdBy: view.createdBy,
    updatedAt: view.updatedAt.toISOString(),
    committedAt: view.committedAt?.toISOString() ?? null,
    committedBy: view.committedBy,
    createdByName: view.names?.createdBy ?? null,
    committedByName: view.names?.committedBy ?? null,
  };
}

export function presentProblem(problem: StoredProblem): StoredProblem {
  return {
    seq: problem.seq,
    row: problem.row,
    column: problem.column,
    path: problem.path,
    code: problem.code,
    severity: problem.severity,
    message: problem.message,
  };
}

export function presentMapping(mapping: SavedMapping): z.infer<typeof mappingView> {
  return {
    id: mapping.id,
    name: mapping.name,
    mapping: mapping.mapping,
    updatedAt: mapping.updatedAt.toISOString(),
    updatedBy: mapping.updatedBy,
  };
}

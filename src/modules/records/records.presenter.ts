import { type CoralRecord, getPath } from '../../standard/record-path.js';
import type { RecordKind } from '../../standard/record-views.js';
import type { HistoryEntry, StoredRecord } from './records.repository.js';
import type { RecordRead } from './records.service.js';

/** A record as the API shows it; the record is already projected for the reader's role. */
export function presentRecord(read: RecordRead) {
  const { stored } = read;
  return {
    id: stored.id,
    kind: stored.kind,
    version: stored.version,
    createdAt: stored.createdAt.toISOString(),
    createdBy: stored.createdBy,
    updatedAt: stored.updatedAt.toISOString(),
    updatedBy: stored.updatedBy,
    identifyingShown: read.identifyingShown,
    record: read.record,
    warnings: read.warnings.map(({ path, code, message }) => ({ path, code, message })),
  };
}

/** A record in a list: the kind's summary fields only, all of them non-identifying. */
export function presentSummary(kind: RecordKind, stored: StoredRecord) {
  const summary: CoralRecord = {};
  for (const path of kind.summaryFields) {
    const value = getPath(stored.data, path);
    if (value !== undefined) summary[path] = value;
  }
  return {
    id: stored.id,
    version: stored.version,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    summary,
  };
}

export function presentHistory(entries: HistoryEntry[]) {
  return entries.map((entry) => ({ ...entry, changedAt: entry.changedAt.toISOString() }));
}

import type { CoralRecord } from '../../standard/record-path.js';
import type { HistoryEntry, ListedRecord } from './records.repository.js';
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
export function presentSummary(listed: ListedRecord) {
  return {
    id: listed.id,
    version: listed.version,
    createdAt: listed.createdAt,
    updatedAt: listed.updatedAt,
    summary: listed.fields as CoralRecord,
    ...(listed.deleted ? { deleted: { at: listed.deleted.at, reason: listed.deleted.reason } } : {}),
  };
}

export function presentHistory(entries: HistoryEntry[]) {
  return entries.map((entry) => ({ ...entry, changedAt: entry.changedAt.toISOString() }));
}

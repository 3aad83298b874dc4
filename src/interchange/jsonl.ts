import type { EntityId } from '../standard/field.js';
import type { Language } from '../standard/languages.js';
import type { CoralRecord } from '../standard/record-path.js';
import { type RowMapper, rowProblem } from './row-mapping.js';

/**
 * Coral JSON Lines: one record per line, as `{"id": …, "externalId": …, "record": {…}}` (what Coral
 * exports) or the bare record. Blank lines are skipped by the reader.
 */
export function jsonlRowMapper(kind: EntityId, options: { language: Language }): RowMapper {
  return {
    kind,
    fileProblems: [],
    columnOf: (path) => path,
    map(cells) {
      const line = cells[0] ?? '';
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return {
          record: {},
          problems: [rowProblem(kind, '', undefined, 'invalid_record', options.language)],
        };
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return {
          record: {},
          problems: [rowProblem(kind, '', undefined, 'invalid_record', options.language)],
        };
      }
      const object = parsed as Record<string, unknown>; // checked: a non-null, non-array object
      const wrapped =
        typeof object.record === 'object' && object.record !== null && !Array.isArray(object.record);
      const record = (wrapped ? object.record : object) as CoralRecord; // checked: an object
      const id = wrapped && typeof object.id === 'string' ? object.id : undefined;
      const externalId = wrapped && typeof object.externalId === 'string' ? object.externalId : undefined;
      return { record, problems: [], ...(id ? { id } : {}), ...(externalId ? { externalId } : {}) };
    },
  };
}

/** One record as a line of Coral JSON Lines (newline included). */
export function jsonlLine(record: CoralRecord, meta: { id?: string; externalId?: string | null }): string {
  return `${JSON.stringify({ ...(meta.id ? { id: meta.id } : {}), ...(meta.externalId ? { externalId: meta.externalId } : {}), record })}\n`;
}

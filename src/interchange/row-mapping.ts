import type { EntityId } from '../standard/field.js';
import type { Language } from '../standard/languages.js';
import type { MappingProblem } from '../standard/mappings/lookup.js';
import type { CoralRecord } from '../standard/record-path.js';
import { formatMessage, type ProblemCode, typeNames } from '../standard/validation/messages.js';
import { labelOf } from '../standard/validation/validate.js';

/** A problem with one row of a file: the column it is in (as the file names it), what, how serious. */
export interface RowProblem {
  /** The file's column, or '' for the row as a whole. */
  column: string;
  /** The field of the standard, when known. */
  path?: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

/** A row of a file turned into a record of the standard. */
export interface MappedRow {
  record: CoralRecord;
  /** The Coral id the row names (Coral's own formats), if any. */
  id?: string;
  /** The source's own id for the record, if the file has one. */
  externalId?: string;
  problems: RowProblem[];
}

/** Turns the rows of one file (after its header) into records of one kind. */
export interface RowMapper {
  readonly kind: EntityId;
  /** The file's column a field comes from, to place validation problems. */
  columnOf(path: string): string | undefined;
  map(cells: readonly string[]): MappedRow;
  /** Problems with the file as a whole (unknown columns), reported once. */
  readonly fileProblems: readonly RowProblem[];
}

/** A problem in the reader's language, from the standard's message catalogue. */
export function rowProblem(
  kind: EntityId,
  column: string,
  path: string | undefined,
  code: ProblemCode,
  language: Language,
  values: Record<string, string | number> = {},
  severity: 'error' | 'warning' = 'error',
): RowProblem {
  const field = path ? labelOf(kind, path, language) : column;
  return {
    column,
    ...(path ? { path } : {}),
    code,
    severity,
    message: formatMessage(code, language, { field, column, ...values }),
  };
}

/** The standard mappings' problems (HTCDS, CTDC) in the reader's language. */
export function fromMappingProblem(
  kind: EntityId,
  problem: MappingProblem,
  path: string | undefined,
  language: Language,
): RowProblem {
  switch (problem.code) {
    case 'invalid_number':
      return rowProblem(kind, problem.column, path, 'invalid_type', language, {
        expected: typeNames.number?.[language] ?? 'a number',
      });
    case 'invalid_boolean':
      return rowProblem(kind, problem.column, path, 'invalid_type', language, {
        expected: typeNames.boolean?.[language] ?? 'yes or no',
      });
    case 'invalid_date':
      return rowProblem(kind, problem.column, path, 'invalid_date', language);
    default:
      return rowProblem(kind, problem.column, path, 'invalid_code', language);
  }
}

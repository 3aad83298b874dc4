import { entities } from '../standard/entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf } from '../standard/field.js';
import type { Language } from '../standard/languages.js';
import { codeOf } from '../standard/mappings/lookup.js';
import { type CoralRecord, getPath, setPath } from '../standard/record-path.js';
import { typeNames } from '../standard/validation/messages.js';
import { type DateOrder, parseBooleanCell, parseDateCell, parseNumberCell } from './cells.js';
import { type MappedRow, type RowMapper, type RowProblem, rowProblem } from './row-mapping.js';
import { unneutralise } from './writers.js';

/** A column of Coral CSV: its name, the field it holds and, for flags, the one code. */
export interface CoralColumn {
  name: string;
  path: string;
  field: FieldDefinition;
  /** For a flags field: the code this column says yes, no or nothing about. */
  flag?: string;
}

/** The two columns before the fields: Coral's id of the record, and the source's own id. */
export const coralIdColumn = 'id';
export const coralExternalIdColumn = 'externalId';

/**
 * The columns of Coral CSV for a kind, in the standard's order: one per field, groups flattened
 * (`victim.gender`), one per code for flags (`meansOfControl.DebtBondage`, holding true, false or
 * nothing), lists as one column of JSON. `identifying: false` leaves identifying fields out.
 */
export function coralColumns(
  kind: EntityId,
  options: { identifying: boolean } = { identifying: true },
): CoralColumn[] {
  const columns: CoralColumn[] = [];
  const walk = (fields: readonly FieldDefinition[], prefix: string) => {
    for (const field of fields) {
      if (!options.identifying && field.sensitivity === 'identifying') continue;
      const path = prefix ? `${prefix}.${field.id}` : field.id;
      if (field.type.kind === 'group') walk(field.type.fields, path);
      else if (field.type.kind === 'flags') {
        for (const entry of field.type.codelist.entries)
          columns.push({ name: `${path}.${entry.code}`, path, field, flag: entry.code });
      } else columns.push({ name: path, path, field });
    }
  };
  walk(fieldsOf(entities[kind]), '');
  return columns;
}

/** The header row of Coral CSV. */
export function coralHeader(columns: readonly CoralColumn[]): string[] {
  return [coralIdColumn, coralExternalIdColumn, ...columns.map((c) => c.name)];
}

/** A record as a row of Coral CSV, under `coralHeader(columns)`. */
export function coralCells(
  columns: readonly CoralColumn[],
  record: CoralRecord,
  meta: { id?: string; externalId?: string | null },
): string[] {
  return [
    meta.id ?? '',
    meta.externalId ?? '',
    ...columns.map((column) => writeCell(column, getPath(record, column.path))),
  ];
}

function writeCell(column: CoralColumn, value: unknown): string {
  if (value === undefined || value === null) return '';
  const type = column.field.type;
  if (column.flag) {
    const flag = (value as Record<string, unknown>)[column.flag];
    return flag === true ? 'true' : flag === false ? 'false' : '';
  }
  switch (type.kind) {
    case 'codes':
    case 'references':
      return Array.isArray(value) ? value.join(';') : '';
    case 'list':
      return Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : '';
    case 'boolean':
      return value === true ? 'true' : value === false ? 'false' : '';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * Reads one cell of a column into the record, or notes why it cannot be read (shared by Coral CSV and
 * mapped sheets, whose columns are Coral CSV columns).
 */
export function applyCell(
  record: CoralRecord,
  problems: RowProblem[],
  column: CoralColumn,
  columnName: string,
  text: string,
  context: { kind: EntityId; language: Language; dateOrder: DateOrder },
): void {
  const read = readCell(column, text, context.dateOrder);
  if ('problem' in read) {
    problems.push(
      rowProblem(
        context.kind,
        columnName,
        column.path,
        read.problem,
        context.language,
        read.problem === 'invalid_type'
          ? { expected: typeNames[read.expected]?.[context.language] ?? read.expected }
          : {},
      ),
    );
  } else setPath(record, column.flag ? `${column.path}.${column.flag}` : column.path, read.value);
}

/**
 * Reads Coral CSV (or a spreadsheet with the same columns) into records. Column names are matched
 * without regard to case; columns the standard does not have are reported once and ignored.
 */
export function coralRowMapper(
  kind: EntityId,
  header: readonly string[],
  options: { language: Language; dateOrder?: DateOrder },
): RowMapper {
  const byName = new Map(coralColumns(kind).map((column) => [column.name.toLowerCase(), column]));
  const fileProblems: RowProblem[] = [];
  let idIndex = -1;
  let externalIdIndex = -1;
  const readers: Array<{ index: number; column: CoralColumn }> = [];
  const columnOfPath = new Map<string, string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (!name) return;
    if (key === coralIdColumn) idIndex = index;
    else if (key === coralExternalIdColumn.toLowerCase()) externalIdIndex = index;
    else {
      const column = byName.get(key);
      if (column) {
        readers.push({ index, column });
        if (!columnOfPath.has(column.path)) columnOfPath.set(column.path, name);
      } else
        fileProblems.push(
          rowProblem(kind, name, undefined, 'unknown_column', options.language, {}, 'warning'),
        );
    }
  });
  return {
    kind,
    fileProblems,
    columnOf: (path) => columnOfPath.get(path) ?? columnOfPath.get(path.replace(/\.\d+(\..*)?$/, '')),
    map(cells) {
      const record: CoralRecord = {};
      const problems: RowProblem[] = [];
      for (const { index, column } of readers) {
        const text = unneutralise((cells[index] ?? '').trim());
        if (text === '') continue;
        applyCell(record, problems, column, header[index] ?? column.name, text, {
          kind,
          language: options.language,
          dateOrder: options.dateOrder ?? 'DMY',
        });
      }
      const row: MappedRow = { record, problems };
      const id = idIndex >= 0 ? (cells[idIndex] ?? '').trim() : '';
      const externalId = externalIdIndex >= 0 ? (cells[externalIdIndex] ?? '').trim() : '';
      if (id) row.id = id;
      if (externalId) row.externalId = externalId;
      return row;
    },
  };
}

type CellRead =
  | { value: unknown }
  | { problem: 'invalid_code' | 'invalid_date' | 'invalid_json' }
  | { problem: 'invalid_type'; expected: 'number' | 'boolean' | 'string' };

/** One cell's text as the value of a field of the standard. */
function readCell(column: Pick<CoralColumn, 'field' | 'flag'>, text: string, order: DateOrder): CellRead {
  const type = column.field.type;
  const expected = (name: 'number' | 'boolean'): CellRead => ({ problem: 'invalid_type', expected: name });
  if (column.flag) {
    const flag = parseBooleanCell(text);
    return flag === undefined ? expected('boolean') : { value: flag };
  }
  switch (type.kind) {
    case 'text':
    case 'reference':
      return { value: text };
    case 'integer':
    case 'decimal': {
      const number = parseNumberCell(text);
      return number === undefined ? expected('number') : { value: number };
    }
    case 'boolean': {
      const answer = parseBooleanCell(text);
      return answer === undefined ? expected('boolean') : { value: answer };
    }
    case 'date': {
      const date = parseDateCell(text, order);
      return date === undefined ? { problem: 'invalid_date' } : { value: date };
    }
    case 'code': {
      const code = codeOf(type.codelist, text, ['code', 'label', 'htcds', 'htcdsLabel']);
      return code === undefined ? { problem: 'invalid_code' } : { value: code };
    }
    case 'codes': {
      const codes = splitList(text).map((part) =>
        codeOf(type.codelist, part, ['code', 'label', 'htcds', 'htcdsLabel']),
      );
      return codes.some((code) => code === undefined)
        ? { problem: 'invalid_code' }
        : { value: [...new Set(codes)] };
    }
    case 'flags': {
      // A flags field in one column: the codes that are "yes", separated by ";".
      const codes = splitList(text).map((part) =>
        codeOf(type.codelist, part, ['code', 'label', 'htcds', 'htcdsLabel']),
      );
      if (codes.some((code) => code === undefined)) return { problem: 'invalid_code' };
      return { value: Object.fromEntries(codes.map((code) => [code, true])) };
    }
    case 'references':
      return { value: splitList(text) };
    case 'list': {
      try {
        const parsed: unknown = JSON.parse(text);
        return Array.isArray(parsed) ? { value: parsed } : { problem: 'invalid_json' };
      } catch {
        return { problem: 'invalid_json' };
      }
    }
    default:
      return { problem: 'invalid_type', expected: 'string' };
  }
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
}

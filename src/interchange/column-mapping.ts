import { z } from 'zod';
import { type EntityId, entityIds } from '../standard/field.js';
import type { Language } from '../standard/languages.js';
import { codeOf } from '../standard/mappings/lookup.js';
import type { CoralRecord } from '../standard/record-path.js';
import { type DateOrder, parseDateCell, squash } from './cells.js';
import { applyCell, type CoralColumn, coralColumns } from './coral-table.js';
import { type RowMapper, type RowProblem, rowProblem } from './row-mapping.js';
import { isExternalIdHeader } from './standard-tables.js';

/**
 * How the columns of any spreadsheet become fields of the standard: which column holds which field,
 * and for coded fields what each of the sheet's own values means (`"F" → "Feminine"`). People confirm
 * a suggested mapping, and may keep it under a name to reuse.
 */
export const columnMappingSchema = z
  .object({
    kind: z.enum(entityIds).describe('The kind of record each row becomes'),
    headerRow: z.number().int().min(1).max(50).default(1).describe('The row holding the column names'),
    columns: z
      .array(
        z
          .object({
            column: z.string().min(1).max(200).describe('The column name as the file writes it'),
            field: z
              .string()
              .min(1)
              .max(200)
              .describe('A Coral CSV column: a field path, or path.CODE for one flag'),
            values: z
              .record(z.string().max(200), z.string().max(200))
              .optional()
              .describe("The sheet's own values and the codes they mean"),
          })
          .strict(),
      )
      .max(1000),
    externalIdColumn: z
      .string()
      .max(200)
      .optional()
      .describe("The column holding the source's own record id"),
    dateOrder: z
      .enum(['DMY', 'MDY'])
      .default('DMY')
      .describe('How to read 01/02/2023: day first or month first'),
  })
  .strict();

export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** Problems with a mapping itself (a field the kind does not have, a column used twice). Empty if sound. */
export function checkMapping(mapping: ColumnMapping): string[] {
  const known = new Map(coralColumns(mapping.kind).map((c) => [c.name, c]));
  const problems: string[] = [];
  const seenFields = new Set<string>();
  for (const { column, field, values } of mapping.columns) {
    const target = known.get(field);
    if (!target) {
      problems.push(`Column "${column}": ${field} is not a field of ${mapping.kind}.`);
      continue;
    }
    if (seenFields.has(field)) problems.push(`${field} is mapped from more than one column.`);
    seenFields.add(field);
    const type = target.field.type;
    if (values && !target.flag && 'codelist' in type) {
      for (const [from, code] of Object.entries(values)) {
        if (!type.codelist.entries.some((entry) => entry.code === code)) {
          problems.push(`Column "${column}": "${from}" maps to ${code}, which is not a code of ${field}.`);
        }
      }
    }
  }
  return problems;
}

/** Reads rows through a confirmed column mapping. Unmapped columns are ignored without complaint. */
export function mappedRowMapper(
  mapping: ColumnMapping,
  header: readonly string[],
  options: { language: Language },
): RowMapper {
  const kind = mapping.kind;
  const known = new Map(coralColumns(kind).map((c) => [c.name, c]));
  const headerIndex = new Map(header.map((name, index) => [name.trim(), index]));
  const readers: Array<{ index: number; column: CoralColumn; name: string; values: Map<string, string> }> =
    [];
  const fileProblems: RowProblem[] = [];
  const columnOfPath = new Map<string, string>();
  for (const entry of mapping.columns) {
    const column = known.get(entry.field);
    const index = headerIndex.get(entry.column.trim());
    if (!column) continue;
    if (index === undefined) {
      fileProblems.push(
        rowProblem(kind, entry.column, column.path, 'missing_column', options.language, {}, 'warning'),
      );
      continue;
    }
    const values = new Map(Object.entries(entry.values ?? {}).map(([from, to]) => [squash(from), to]));
    readers.push({ index, column, name: entry.column, values });
    columnOfPath.set(column.path, entry.column);
  }
  const externalIdIndex = mapping.externalIdColumn
    ? headerIndex.get(mapping.externalIdColumn.trim())
    : undefined;
  return {
    kind,
    fileProblems,
    columnOf: (path) => columnOfPath.get(path) ?? columnOfPath.get(path.replace(/\.\d+(\..*)?$/, '')),
    map(cells) {
      const record: CoralRecord = {};
      const problems: RowProblem[] = [];
      for (const { index, column, name, values } of readers) {
        let text = (cells[index] ?? '').trim();
        if (!text) continue;
        text = values.get(squash(text)) ?? text;
        applyCell(record, problems, column, name, text, {
          kind,
          language: options.language,
          dateOrder: mapping.dateOrder,
        });
      }
      const externalId = externalIdIndex === undefined ? '' : (cells[externalIdIndex] ?? '').trim();
      return { record, problems, ...(externalId ? { externalId } : {}) };
    },
  };
}

/** A suggested mapping of one column, and how sure the suggestion is (0–1). */
export interface ColumnSuggestion {
  column: string;
  field: string | null;
  confidence: number;
  /** For coded fields: each value met in the sample, and the code it seems to mean (null: unknown). */
  values?: Record<string, string | null>;
}

/**
 * Suggests a mapping from a sheet's header and first rows: each column is matched against every field's
 * path, labels in the four languages, HTCDS name and CTDC column; for coded fields, the values met are
 * matched against codes and labels. A suggestion, not a decision: people confirm it.
 */
export function suggestMapping(
  kind: EntityId,
  header: readonly string[],
  sample: ReadonlyArray<readonly string[]>,
  dateOrder: DateOrder = 'DMY',
): { columns: ColumnSuggestion[]; externalIdColumn: string | null } {
  const candidates = coralColumns(kind).map((column) => ({ column, names: namesOf(column) }));
  let externalIdColumn: string | null = null;
  // Every (column, field) pair scored, then the best pairs taken first across the whole sheet, so a
  // column that names a field exactly is not beaten to it by an earlier, vaguer column.
  const pairs: Array<{ index: number; column: CoralColumn; score: number }> = [];
  header.forEach((raw, index) => {
    const column = raw.trim();
    if (!column) return;
    if (externalIdColumn === null && isExternalIdHeader(column)) {
      externalIdColumn = column;
      return;
    }
    const wanted = squash(column);
    for (const candidate of candidates) {
      const score = Math.max(...candidate.names.map((name) => similarity(wanted, name)));
      if (score >= minimumScore) pairs.push({ index, column: candidate.column, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Map<number, { column: CoralColumn; score: number }>();
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (chosen.has(pair.index) || taken.has(pair.column.name)) continue;
    chosen.set(pair.index, pair);
    taken.add(pair.column.name);
  }
  const columns = header.map((raw, index): ColumnSuggestion => {
    const column = raw.trim();
    const best = chosen.get(index);
    if (!column || !best) return { column, field: null, confidence: 0 };
    const values = sample.map((row) => (row[index] ?? '').trim()).filter(Boolean);
    const suggestion: ColumnSuggestion = {
      column,
      field: best.column.name,
      confidence: Number(best.score.toFixed(2)),
    };
    const type = best.column.field.type;
    if (!best.column.flag && 'codelist' in type && values.length > 0) {
      suggestion.values = Object.fromEntries(
        [...new Set(values.flatMap((v) => (type.kind === 'code' ? [v] : v.split(';').map((p) => p.trim()))))]
          .slice(0, 50)
          .map((value) => [
            value,
            codeOf(type.codelist, value, ['code', 'label', 'htcds', 'htcdsLabel', 'ctdc']) ??
              guessCode(type.codelist.entries, value),
          ]),
      );
    }
    if (
      type.kind === 'date' &&
      values.length > 0 &&
      values.every((v) => parseDateCell(v, dateOrder) === undefined)
    ) {
      suggestion.confidence = Number((suggestion.confidence * 0.5).toFixed(2));
    }
    return suggestion;
  });
  return { columns, externalIdColumn };
}

/**
 * Column headers met in the region's own registers for fields whose labels say it differently ("Sex"
 * for gender, "Nationality" for citizenship), in the four languages. Keyed by the field's last path part.
 */
const commonHeaders: Record<string, readonly string[]> = {
  gender: ['sex', 'sexo', 'sexe', 'geslacht'],
  citizenships: ['nationality', 'ciudadanía', 'citoyenneté', 'staatsburgerschap', 'country of citizenship'],
  birthDate: ['dob', 'birth date', 'born', 'fecha nacimiento', 'date naissance', 'geboren'],
  estimatedAge: ['age', 'edad', 'âge', 'leeftijd'],
  givenNames: [
    'first name',
    'first names',
    'nombre',
    'nombres',
    'prénom',
    'prénoms',
    'voornaam',
    'voornamen',
  ],
  familyNames: ['last name', 'surname', 'apellido', 'apellidos', 'nom de famille', 'achternaam'],
};

function namesOf(column: CoralColumn): string[] {
  const last = column.path.split('.').at(-1) ?? '';
  const names = [
    column.name,
    last,
    ...Object.values(column.field.label),
    ...(column.flag ? [] : (commonHeaders[last] ?? [])),
  ];
  if (column.flag) {
    const type = column.field.type;
    const entry = 'codelist' in type ? type.codelist.entries.find((e) => e.code === column.flag) : undefined;
    names.push(column.flag, ...(entry ? Object.values(entry.labels) : []));
  } else {
    if (column.field.htcds) names.push(column.field.htcds, column.field.htcds.replace(/^[a-z]+_/, ''));
    if (column.field.ctdc) names.push(...column.field.ctdc.split(/,\s*/));
  }
  return names.map(squash).filter(Boolean);
}

/** A code whose label is close to the value (a misspelling, a short form), or null. */
function guessCode(
  entries: ReadonlyArray<{ code: string; labels: Record<string, string> }>,
  value: string,
): string | null {
  const wanted = squash(value);
  // A short form ("F", "Fem") that begins the labels of one code only.
  if (wanted.length >= 1 && wanted.length <= 3) {
    const byCode = entries.filter((entry) => squash(entry.code).startsWith(wanted));
    if (byCode.length === 1) return byCode[0]?.code ?? null;
    const byLabel = entries.filter((entry) =>
      Object.values(entry.labels).some((label) => squash(label).startsWith(wanted)),
    );
    if (byCode.length === 0 && byLabel.length === 1) return byLabel[0]?.code ?? null;
  }
  let best: { code: string; score: number } | undefined;
  for (const entry of entries) {
    for (const label of [entry.code, ...Object.values(entry.labels)]) {
      const score = similarity(wanted, squash(label));
      if (!best || score > best.score) best = { code: entry.code, score };
    }
  }
  return best && best.score >= 0.75 ? best.code : null;
}

/** Below this similarity a column is left unmapped rather than guessed. */
const minimumScore = 0.75;

/** Sørensen–Dice similarity of two squashed strings over letter pairs; 1 for equal strings. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const pair = a.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const pair = b.slice(i, i + 2);
    const count = pairs.get(pair) ?? 0;
    if (count > 0) {
      shared++;
      pairs.set(pair, count - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

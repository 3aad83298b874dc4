import type { EntityId } from '../standard/field.js';
import type { Language } from '../standard/languages.js';
import { ctdcColumns, ctdcNotice, fromCtdcRow } from '../standard/mappings/ctdc.js';
import { fromHtcdsRow, htcdsAliases, htcdsFields } from '../standard/mappings/htcds.js';
import { type DateOrder, parseDateCell, squash } from './cells.js';
import { fromMappingProblem, type RowMapper, type RowProblem, rowProblem } from './row-mapping.js';
import { unneutralise } from './writers.js';

/** Headers that name a record's own id in the source, when a file has one. */
const externalIdHeaders = new Set(
  [
    'id',
    'externalId',
    'caseId',
    'caseNo',
    'caseNumber',
    'recordId',
    'cas_CaseId',
    'cas_CaseNumber',
    'sourceId',
  ].map(squash),
);

/** Whether a header names the source's own record id. */
export function isExternalIdHeader(header: string): boolean {
  return externalIdHeaders.has(squash(header));
}

/** How many cells of a row are HTCDS field names of a kind. */
export function countHtcdsNames(kind: EntityId, cells: readonly string[]): number {
  const names = new Set(htcdsFields(kind).map((f) => f.name));
  return cells.filter((cell) => names.has(htcdsAliases[cell.trim()] ?? cell.trim())).length;
}

/**
 * Whether the row under the HTCDS names is the templates' second header row of labels ("Case Owner",
 * "First Name"): most of its cells read as a label of an HTCDS field. Its order need not match the
 * names row (in the official templates it does not), so it is never used to find columns.
 */
export function isHtcdsLabelRow(kind: EntityId, cells: readonly string[]): boolean {
  const labels = new Set<string>();
  for (const { name, field } of htcdsFields(kind)) {
    labels.add(squash(name.replace(/^[a-z]+_/, '')));
    for (const label of Object.values(field.label)) labels.add(squash(label));
  }
  const filled = cells.filter((cell) => cell.trim() !== '');
  return filled.length > 0 && filled.filter((cell) => labels.has(squash(cell))).length >= filled.length / 2;
}

/**
 * The column a Coral export adds before the HTCDS fields, holding Coral's id of each record, so that
 * importing the file again updates those records rather than adding copies.
 */
export const htcdsCoralIdColumn = 'coral_id';

/**
 * Reads rows of an HTCDS 2.0 spreadsheet (the official Excel templates, or any sheet or CSV whose header
 * row holds HTCDS field names): columns are found by their names, whatever their order; misspellings met
 * in official files are understood; columns HTCDS does not have are reported once and ignored, except one
 * that names the source's own id ("Case ID", "id"), which becomes the record's external id. Dates may be
 * ISO text, Excel dates or `31/01/2023`.
 */
export function htcdsRowMapper(
  kind: EntityId,
  header: readonly string[],
  options: { language: Language; dateOrder?: DateOrder; externalIdColumn?: string },
): RowMapper {
  const fields = new Map(htcdsFields(kind).map((f) => [f.name, f]));
  const nameAt: Array<string | undefined> = [];
  const columnOfPath = new Map<string, string>();
  const fileProblems: RowProblem[] = [];
  let externalIdIndex = -1;
  let idIndex = -1;
  header.forEach((raw, index) => {
    const cell = raw.trim();
    if (!cell) return;
    if (cell === htcdsCoralIdColumn) {
      idIndex = index;
      return;
    }
    const name = htcdsAliases[cell] ?? cell;
    const field = fields.get(name);
    if (
      options.externalIdColumn
        ? cell === options.externalIdColumn
        : externalIdIndex < 0 && !field && isExternalIdHeader(cell)
    ) {
      externalIdIndex = index;
    } else if (field) {
      nameAt[index] = name;
      columnOfPath.set(field.path, cell);
    } else {
      fileProblems.push(rowProblem(kind, cell, undefined, 'unknown_column', options.language, {}, 'warning'));
    }
  });
  const pathOfName = new Map([...fields.values()].map((f) => [f.name, f.path]));
  const dateNames = new Set(
    [...fields.values()].filter((f) => f.field.type.kind === 'date').map((f) => f.name),
  );
  return {
    kind,
    fileProblems,
    columnOf: (path) => columnOfPath.get(path) ?? columnOfPath.get(path.replace(/\.\d+(\..*)?$/, '')),
    map(cells) {
      const row: Record<string, string> = {};
      nameAt.forEach((name, index) => {
        if (!name) return;
        let value = unneutralise((cells[index] ?? '').trim());
        if (value && dateNames.has(name)) value = parseDateCell(value, options.dateOrder) ?? value;
        if (value) row[name] = value;
      });
      const mapped = fromHtcdsRow(row, kind);
      const externalId = externalIdIndex >= 0 ? (cells[externalIdIndex] ?? '').trim() : '';
      const id = idIndex >= 0 ? (cells[idIndex] ?? '').trim() : '';
      return {
        record: mapped.record,
        ...(id ? { id } : {}),
        problems: mapped.problems.map((p) => {
          const name = htcdsAliases[p.column] ?? p.column;
          return fromMappingProblem(
            kind,
            { ...p, column: columnOfPath.get(pathOfName.get(name) ?? '') ?? p.column },
            pathOfName.get(name),
            options.language,
          );
        }),
        ...(externalId ? { externalId } : {}),
      };
    },
  };
}

/** Whether a header row is the CTDC global dataset's. */
export function isCtdcHeader(cells: readonly string[]): boolean {
  // By its columns, not its notice alone: read with the wrong delimiter, the notice still starts the
  // first cell while every column is lost.
  const known = new Set(ctdcColumns);
  return cells.filter((cell) => known.has(cell.trim())).length >= 10;
}

/**
 * Reads rows of the CTDC global k-anonymised dataset (semicolon-separated, a notice in the first header
 * cell) into trafficking cases, by column name. CTDC rows have no ids: importing the same file twice is
 * recognised by its content, not row by row.
 */
export function ctdcRowMapper(header: readonly string[], options: { language: Language }): RowMapper {
  const kind: EntityId = 'thbCase';
  const known = new Set(ctdcColumns);
  const columns: Array<{ index: number; name: string }> = [];
  const fileProblems: RowProblem[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (!name || name === ctdcNotice || name.startsWith('By using this data')) return;
    if (known.has(name)) columns.push({ index, name });
    else
      fileProblems.push(rowProblem(kind, name, undefined, 'unknown_column', options.language, {}, 'warning'));
  });
  return {
    kind,
    fileProblems,
    columnOf: () => undefined,
    map(cells) {
      const row: Record<string, string> = {};
      for (const { index, name } of columns) row[name] = cells[index] ?? '';
      const mapped = fromCtdcRow(row);
      return {
        record: mapped.record,
        problems: mapped.problems.map((p) => fromMappingProblem(kind, p, undefined, options.language)),
      };
    },
  };
}

import { type EntityId, entityIds } from '../standard/field.js';
import type { Language } from '../standard/languages.js';
import type { DateOrder } from './cells.js';
import { type ColumnMapping, mappedRowMapper } from './column-mapping.js';
import { coralColumns, coralExternalIdColumn, coralIdColumn, coralRowMapper } from './coral-table.js';
import { DelimitedParser, sniffDelimiter } from './delimited.js';
import { FileProblem, type ReadLimits } from './file-problem.js';
import { jsonlRowMapper } from './jsonl.js';
import type { RowMapper } from './row-mapping.js';
import type { ByteSource } from './source.js';
import {
  countHtcdsNames,
  ctdcRowMapper,
  htcdsRowMapper,
  isCtdcHeader,
  isHtcdsLabelRow,
} from './standard-tables.js';
import { decodeText, sniffEncoding, type TextEncoding } from './text.js';
import { readXlsxRows } from './xlsx.js';

/** The layouts Coral imports. `mapped` is any sheet, read through a column mapping people confirm. */
export const importFormats = ['htcds-xlsx', 'htcds-csv', 'ctdc', 'coral-csv', 'jsonl', 'mapped'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** A row of a table: its number in the file (line or sheet row) and its cells. */
export interface TableRow {
  number: number;
  cells: string[];
}

/** A file opened as rows, with what was found out about it. */
export interface Table {
  container: 'xlsx' | 'delimited' | 'jsonl';
  encoding?: TextEncoding;
  delimiter?: string;
  /** Every non-empty row from the top, read afresh each time (the file is read again, not kept). */
  rows(): AsyncIterable<TableRow>;
  /**
   * The same rows as `rows()`, several at a time (a delimited file's come a chunk of text at a time):
   * bulk imports read millions of rows, and a row at a time each costs several promises.
   */
  batches(): AsyncIterable<TableRow[]>;
}

export interface OpenOptions {
  limits: ReadLimits;
  encoding?: TextEncoding | undefined;
  delimiter?: string | undefined;
  sheet?: string | undefined;
}

const maxJsonLine = 2_000_000;

/**
 * Opens a file as a table: an XLSX workbook (by its zip signature), JSON Lines (text starting with "{"),
 * or delimited text, with its encoding and delimiter found out unless given.
 */
export async function openTable(source: ByteSource, options: OpenOptions): Promise<Table> {
  if (source.size === 0) throw new FileProblem('empty_file', 'The file is empty.');
  const head = await source.read(0, Math.min(source.size, 1 << 20));
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const rows = () => nonEmpty(xlsxRows(source, options));
    return { container: 'xlsx', rows, batches: () => oneByOne(rows()) };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new FileProblem(
      'not_a_spreadsheet',
      'This is an old Excel file (.xls). Save it as .xlsx or CSV and import that.',
    );
  }
  const sniffed = sniffEncoding(head);
  const encoding = options.encoding ?? sniffed.encoding;
  const bomLength = options.encoding && options.encoding !== sniffed.encoding ? 0 : sniffed.bomLength;
  // Lenient here: the first megabyte may end inside a character; the full read is strict.
  const text = new TextDecoder(encoding).decode(head.subarray(bomLength));
  // Text never holds NUL in a one-byte encoding; otherwise allow a stray control character or two.
  const sample = text.slice(0, 100_000);
  const nul = encoding.startsWith('utf-16') ? false : sample.includes('\u0000');
  if (nul || controlCharacters(sample) > Math.max(2, sample.length * 0.01)) {
    throw new FileProblem(
      'unknown_format',
      'This does not look like a spreadsheet, CSV or JSON Lines file. Import an .xlsx, .csv or .jsonl file.',
    );
  }
  if (text.trimStart().startsWith('{')) {
    const rows = () => jsonLines(source, encoding, bomLength, options.limits);
    return { container: 'jsonl', encoding, rows, batches: () => oneByOne(rows()) };
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  return {
    container: 'delimited',
    encoding,
    delimiter,
    rows: () => oneAtATime(delimitedBatches(source, encoding, bomLength, delimiter, options.limits)),
    batches: () => delimitedBatches(source, encoding, bomLength, delimiter, options.limits),
  };
}

/** How many characters below space other than tab, line feed, vertical tab, form feed and return. */
function controlCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && (code < 9 || code > 13)) count++;
  }
  return count;
}

async function* xlsxRows(source: ByteSource, options: OpenOptions): AsyncIterable<TableRow> {
  for await (const row of readXlsxRows(
    source,
    options.limits,
    options.sheet ? { sheet: options.sheet } : {},
  )) {
    yield { number: row.row, cells: row.cells };
  }
}

/**
 * The non-empty rows of a delimited file, a chunk of text at a time. Rows before a fault still come
 * before it.
 */
async function* delimitedBatches(
  source: ByteSource,
  encoding: TextEncoding,
  bomLength: number,
  delimiter: string,
  limits: ReadLimits,
): AsyncIterable<TableRow[]> {
  const parser = new DelimitedParser(delimiter, limits);
  let count = 0;
  for await (const text of decodeText(source.chunks(), encoding, bomLength)) {
    const batch: TableRow[] = [];
    try {
      for (const row of parser.push(text)) {
        if (++count > limits.maxRows + 1) throw tooManyRows(limits, row.line);
        if (hasContent(row.cells)) batch.push({ number: row.line, cells: row.cells });
      }
    } catch (error) {
      // The rows before the fault still come first, as they would one by one.
      if (batch.length > 0) yield batch;
      throw error;
    }
    if (batch.length > 0) yield batch;
  }
  const batch: TableRow[] = [];
  for (const row of parser.end()) {
    if (hasContent(row.cells)) batch.push({ number: row.line, cells: row.cells });
  }
  if (batch.length > 0) yield batch;
}

async function* oneByOne(rows: AsyncIterable<TableRow>): AsyncIterable<TableRow[]> {
  for await (const row of rows) yield [row];
}

async function* oneAtATime(batches: AsyncIterable<TableRow[]>): AsyncIterable<TableRow> {
  for await (const batch of batches) yield* batch;
}

async function* jsonLines(
  source: ByteSource,
  encoding: TextEncoding,
  bomLength: number,
  limits: ReadLimits,
): AsyncIterable<TableRow> {
  let rest = '';
  let line = 0;
  let rows = 0;
  const tooLong = (at: number) =>
    new FileProblem('cell_too_large', `Line ${at} is longer than ${maxJsonLine} characters.`, `line ${at}`);
  for await (const text of decodeText(source.chunks(), encoding, bomLength)) {
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    if (rest.length > maxJsonLine) throw tooLong(line + parts.length + 1);
    for (const part of parts) {
      line++;
      if (part.length > maxJsonLine) throw tooLong(line);
      const content = part.replace(/\r$/, '');
      if (!content.trim()) continue;
      if (++rows > limits.maxRows) throw tooManyRows(limits, line);
      yield { number: line, cells: [content] };
    }
  }
  line++;
  if (rest.trim()) {
    if (++rows > limits.maxRows) throw tooManyRows(limits, line);
    yield { number: line, cells: [rest.replace(/\r$/, '')] };
  }
}

async function* nonEmpty(rows: AsyncIterable<TableRow>): AsyncIterable<TableRow> {
  for await (const row of rows) {
    if (hasContent(row.cells)) yield row;
  }
}

function hasContent(cells: readonly string[]): boolean {
  return cells.some((cell) => cell.trim() !== '');
}

function tooManyRows(limits: ReadLimits, line: number): FileProblem {
  return new FileProblem(
    'too_many_rows',
    `The file has more than ${limits.maxRows} rows; split it.`,
    `line ${line}`,
  );
}

/** What a file holds, as far as its first rows tell. */
export interface Detected {
  format: ImportFormat;
  kind: EntityId;
  /** How many rows at the top are headers (HTCDS templates have two: names, then labels). */
  headerRows: number;
  /** Which of them holds the column names (1-based; 0 for none). */
  namesRow: number;
}

/**
 * Recognises the layout of a table from its first rows: CTDC by its header, HTCDS by its field names,
 * Coral CSV by its columns, JSON Lines by its container; anything else needs a column mapping.
 */
export function detectFormat(table: Table, first: readonly TableRow[], kindHint?: EntityId): Detected {
  const kind = kindHint ?? 'thbCase';
  if (table.container === 'jsonl') return { format: 'jsonl', kind, headerRows: 0, namesRow: 0 };
  const header = first[0]?.cells ?? [];
  if (isCtdcHeader(header)) return { format: 'ctdc', kind: 'thbCase', headerRows: 1, namesRow: 1 };
  const htcdsKinds: EntityId[] = kindHint ? [kindHint] : ['thbCase', 'offender'];
  const htcds = htcdsKinds
    .map((k) => ({ kind: k, count: countHtcdsNames(k, header) }))
    .sort((a, b) => b.count - a.count)[0];
  if (htcds && htcds.count >= 3) {
    const labelRow = first[1] !== undefined && isHtcdsLabelRow(htcds.kind, first[1].cells);
    return {
      format: table.container === 'xlsx' ? 'htcds-xlsx' : 'htcds-csv',
      kind: htcds.kind,
      headerRows: labelRow ? 2 : 1,
      namesRow: 1,
    };
  }
  const filled = header.map((cell) => cell.trim().toLowerCase()).filter(Boolean);
  const coralKinds: readonly EntityId[] = kindHint ? [kindHint] : entityIds;
  for (const candidate of coralKinds) {
    const names = new Set([
      coralIdColumn,
      coralExternalIdColumn.toLowerCase(),
      ...coralColumns(candidate).map((c) => c.name.toLowerCase()),
    ]);
    if (
      filled.length > 0 &&
      filled.filter((cell) => names.has(cell)).length >= Math.max(2, filled.length / 2)
    ) {
      return { format: 'coral-csv', kind: candidate, headerRows: 1, namesRow: 1 };
    }
  }
  return { format: 'mapped', kind, headerRows: 1, namesRow: 1 };
}

/** The row mapper for a format, given the header row (none for JSON Lines). */
export function rowMapperFor(
  format: ImportFormat,
  kind: EntityId,
  header: readonly string[],
  options: { language: Language; dateOrder?: DateOrder; mapping?: ColumnMapping; externalIdColumn?: string },
): RowMapper {
  switch (format) {
    case 'ctdc':
      return ctdcRowMapper(header, { language: options.language });
    case 'htcds-xlsx':
    case 'htcds-csv':
      return htcdsRowMapper(kind, header, {
        language: options.language,
        ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
        ...(options.externalIdColumn ? { externalIdColumn: options.externalIdColumn } : {}),
      });
    case 'coral-csv':
      return coralRowMapper(kind, header, {
        language: options.language,
        ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      });
    case 'jsonl':
      return jsonlRowMapper(kind, { language: options.language });
    case 'mapped':
      if (!options.mapping) throw new Error('a mapped import needs a column mapping');
      return mappedRowMapper(options.mapping, header, { language: options.language });
  }
}

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FileProblem, type ReadLimits } from './file-problem.js';
import type { ByteSource } from './source.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip.js';

/** A row of a worksheet: its number (1-based) and its cells as text, by column (A = 0). */
export interface SheetRow {
  row: number;
  cells: string[];
}

/**
 * Reads the rows of one worksheet of an XLSX workbook, streamed, as text: shared and inline strings,
 * numbers as written (`2016`, `0.5`), yes/no as `true`/`false`, and cells formatted as dates as ISO
 * dates (`2023-01-31`, or with a time when they have one). Formula cells give their last computed value,
 * never the formula.
 *
 * Written on a small zip reader rather than exceljs's streaming reader, which spills worksheets to
 * temporary files in clear text when they come before the shared strings (Excel's usual order), and
 * cannot bound what a part unzips to. Here nothing touches the disk, and a part that unzips to more than
 * it declares, or than the limits allow, stops the read (zip bombs).
 */
export async function* readXlsxRows(
  source: ByteSource,
  limits: ReadLimits,
  options: { sheet?: string } = {},
): AsyncIterable<SheetRow> {
  const book = await openWorkbook(source, limits);
  const target = options.sheet ? book.sheets.find((s) => s.name === options.sheet) : book.sheets[0];
  if (!target) {
    throw new FileProblem(
      'no_sheet',
      options.sheet
        ? `The workbook has no sheet named "${options.sheet}" (it has: ${book.sheets.map((s) => s.name).join(', ')}).`
        : 'The workbook has no worksheet.',
    );
  }
  const entry = book.entries.get(target.path);
  if (!entry) throw new FileProblem('no_sheet', `The sheet "${target.name}" is missing from the workbook.`);
  yield* sheetRows(source, entry, book, limits);
}

interface Workbook {
  entries: Map<string, ZipEntry>;
  sheets: Array<{ name: string; path: string }>;
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

async function openWorkbook(source: ByteSource, limits: ReadLimits): Promise<Workbook> {
  const list = await readZipDirectory(source);
  const declared = list.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxUnzippedBytes) {
    throw new FileProblem(
      'zip_bomb',
      `The workbook unzips to ${declared} bytes, more than Coral reads (${limits.maxUnzippedBytes}).`,
    );
  }
  const entries = new Map(list.map((entry) => [entry.name, entry]));
  const workbookEntry = entries.get('xl/workbook.xml');
  if (!workbookEntry)
    throw new FileProblem('not_a_spreadsheet', 'The file is a zip, but not an XLSX workbook.');
  const sheets: Array<{ name: string; id: string }> = [];
  let date1904 = false;
  await parseXml(source, workbookEntry, limits.maxSharedStringsBytes, limits, {
    open(tag) {
      if (tag.name === 'sheet')
        sheets.push({ name: tag.attributes.name ?? '', id: tag.attributes['r:id'] ?? '' });
      if (tag.name === 'workbookPr') date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
    },
  });
  const targets = new Map<string, string>();
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    await parseXml(source, rels, limits.maxSharedStringsBytes, limits, {
      open(tag) {
        if (tag.name === 'Relationship') targets.set(tag.attributes.Id ?? '', tag.attributes.Target ?? '');
      },
    });
  }
  const resolved = sheets.map((sheet, index) => {
    const target = targets.get(sheet.id) ?? `worksheets/sheet${index + 1}.xml`;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    return { name: sheet.name, path };
  });
  return {
    entries,
    sheets: resolved,
    sharedStrings: await readSharedStrings(source, entries.get('xl/sharedStrings.xml'), limits),
    dateStyles: await readDateStyles(source, entries.get('xl/styles.xml'), limits),
    date1904,
  };
}

async function readSharedStrings(
  source: ByteSource,
  entry: ZipEntry | undefined,
  limits: ReadLimits,
): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let inPhonetic = false;
  await parseXml(source, entry, limits.maxSharedStringsBytes, limits, {
    open(tag) {
      if (tag.name === 'si') current = '';
      else if (tag.name === 'rPh') inPhonetic = true;
      else if (tag.name === 't' && !inPhonetic) inText = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current ?? '');
        current = undefined;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText && current !== undefined) {
        current += text;
        if (current.length > limits.maxCellChars) {
          throw new FileProblem(
            'cell_too_large',
            `A text in the workbook is longer than ${limits.maxCellChars} characters.`,
          );
        }
      }
    },
  });
  return strings;
}

/** Built-in number formats that are dates or times. */
const builtinDateFormats = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

async function readDateStyles(
  source: ByteSource,
  entry: ZipEntry | undefined,
  limits: ReadLimits,
): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!entry) return dates;
  const customDates = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  await parseXml(source, entry, limits.maxSharedStringsBytes, limits, {
    open(tag) {
      if (tag.name === 'numFmt') {
        const code = (tag.attributes.formatCode ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
        if (/[dmyhs]/i.test(code)) customDates.add(Number(tag.attributes.numFmtId));
      } else if (tag.name === 'cellXfs') {
        inCellXfs = true;
      } else if (tag.name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        if (builtinDateFormats.has(id) || customDates.has(id)) dates.add(index);
        index++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

async function* sheetRows(
  source: ByteSource,
  entry: ZipEntry,
  book: Workbook,
  limits: ReadLimits,
): AsyncIterable<SheetRow> {
  let rows: SheetRow[] = [];
  let row: SheetRow | undefined;
  let nextRow = 1;
  let cell: { column: number; type: string; style: number; value: string } | undefined;
  let nextColumn = 0;
  let inValue = false;
  let scanned = 0;
  const handlers: XmlHandlers = {
    open(tag) {
      if (tag.name === 'row') {
        const number = Number(tag.attributes.r ?? nextRow);
        row = { row: number, cells: [] };
        nextRow = number + 1;
        nextColumn = 0;
        if (++scanned > limits.maxRows) {
          throw new FileProblem(
            'too_many_rows',
            `The sheet has more than ${limits.maxRows} rows.`,
            `row ${number}`,
          );
        }
      } else if (tag.name === 'c') {
        const column = tag.attributes.r ? columnIndex(tag.attributes.r) : nextColumn;
        if (column >= limits.maxColumns) {
          throw new FileProblem(
            'too_many_columns',
            `Row ${row?.row ?? nextRow} has a cell beyond column ${limits.maxColumns}.`,
            `row ${row?.row ?? nextRow}`,
          );
        }
        cell = { column, type: tag.attributes.t ?? 'n', style: Number(tag.attributes.s ?? 0), value: '' };
        nextColumn = column + 1;
      } else if ((tag.name === 'v' || tag.name === 't') && cell) {
        inValue = true;
      }
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c' && cell && row) {
        row.cells[cell.column] = cellText(cell, book);
        cell = undefined;
      } else if (name === 'row' && row) {
        for (let i = 0; i < row.cells.length; i++) row.cells[i] ??= '';
        rows.push(row);
        row = undefined;
      }
    },
    text(text) {
      if (inValue && cell) {
        cell.value += text;
        if (cell.value.length > limits.maxCellChars) {
          throw new FileProblem(
            'cell_too_large',
            `A cell in row ${row?.row ?? nextRow} is longer than ${limits.maxCellChars} characters.`,
            `row ${row?.row ?? nextRow}`,
          );
        }
      }
    },
  };
  for await (const _ of xmlChunks(source, entry, limits.maxUnzippedBytes, limits, handlers)) {
    if (rows.length > 0) {
      yield* rows;
      rows = [];
    }
  }
  yield* rows;
}

function cellText(cell: { type: string; style: number; value: string }, book: Workbook): string {
  switch (cell.type) {
    case 's':
      return book.sharedStrings[Number(cell.value)] ?? '';
    case 'b':
      return cell.value === '1' ? 'true' : 'false';
    case 'str':
    case 'inlineStr':
    case 'e':
    case 'd':
      return cell.value;
    default: {
      if (cell.value === '' || !book.dateStyles.has(cell.style)) return cell.value;
      const serial = Number(cell.value);
      return Number.isFinite(serial) ? excelSerialToIso(serial, book.date1904) : cell.value;
    }
  }
}

/**
 * An Excel date serial as an ISO date (`2023-01-31`), with the time when it has one. The 1900 system
 * counts a 29 February 1900 that never was; serials before it are a day off and corrected.
 */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const day = 86_400_000;
  const base = date1904
    ? Date.UTC(1904, 0, 1)
    : serial < 60
      ? Date.UTC(1899, 11, 31)
      : Date.UTC(1899, 11, 30);
  const offset = date1904 || serial >= 60 ? serial : serial - 1;
  const ms = Math.round(base + offset * day);
  const iso = new Date(ms).toISOString();
  return ms % day === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** "BC12" → 54 (A = 0). */
function columnIndex(reference: string): number {
  let index = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

interface XmlHandlers {
  open?(tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

async function parseXml(
  source: ByteSource,
  entry: ZipEntry,
  maxBytes: number,
  limits: ReadLimits,
  handlers: XmlHandlers,
): Promise<void> {
  for await (const _ of xmlChunks(source, entry, maxBytes, limits, handlers));
}

/** Feeds a part through the XML parser, yielding after each chunk so callers can hand out what was read. */
async function* xmlChunks(
  source: ByteSource,
  entry: ZipEntry,
  maxBytes: number,
  limits: ReadLimits,
  handlers: XmlHandlers,
): AsyncIterable<void> {
  // The parser holds a text or a tag whole until it ends, before any handler can look at its length:
  // a run of characters without < or > longer than any cell could be is refused as it streams in.
  // (Eight times the cell limit leaves room for entities such as &amp;.)
  const maxRun = limits.maxCellChars * 8;
  let run = 0;
  const tooLong = () =>
    new FileProblem(
      'cell_too_large',
      `The workbook part ${entry.name} holds a cell or formula longer than ${limits.maxCellChars} characters.`,
      entry.name,
    );
  const brackets = /[<>]/g;
  const checkRun = (text: string) => {
    let start = 0;
    brackets.lastIndex = 0;
    for (let found = brackets.exec(text); found; found = brackets.exec(text)) {
      if (run + found.index - start > maxRun) throw tooLong();
      run = 0;
      start = found.index + 1;
    }
    run += text.length - start;
    if (run > maxRun) throw tooLong();
  };
  const parser = new SaxesParser();
  let failure: unknown;
  parser.on('opentag', (tag) => {
    try {
      handlers.open?.(tag as SaxesTagPlain);
    } catch (error) {
      failure ??= error;
    }
  });
  parser.on('closetag', (tag) => {
    try {
      handlers.close?.(tag.name);
    } catch (error) {
      failure ??= error;
    }
  });
  if (handlers.text) {
    const onText = handlers.text;
    const text = (value: string) => {
      try {
        onText(value);
      } catch (error) {
        failure ??= error;
      }
    };
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('error', (error) => {
    failure ??= new FileProblem(
      'malformed',
      `The workbook part ${entry.name} is not well-formed XML (${error.message}).`,
      entry.name,
    );
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of readZipEntry(source, entry, maxBytes)) {
    const text = decoder.decode(chunk, { stream: true });
    checkRun(text);
    parser.write(text);
    if (failure) throw failure;
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  yield;
}

import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateCell } from './cells.js';
import { suggestMapping } from './column-mapping.js';
import { DelimitedParser, sniffDelimiter } from './delimited.js';
import { defaultReadLimits, FileProblem, type ReadLimits } from './file-problem.js';
import { openTable, type TableRow } from './open-table.js';
import { bufferSource } from './source.js';
import { sniffEncoding } from './text.js';
import { csvLine, neutralise } from './writers.js';

async function rowsOf(
  bytes: Uint8Array | string,
  limits: ReadLimits = defaultReadLimits,
): Promise<TableRow[]> {
  const source = bufferSource(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  const table = await openTable(source, { limits });
  const rows: TableRow[] = [];
  for await (const row of table.rows()) rows.push(row);
  return rows;
}

async function problemOf(work: Promise<unknown>): Promise<FileProblem> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FileProblem) return error;
    throw error;
  }
  throw new Error('expected a FileProblem');
}

const cellsOf = (rows: TableRow[]) => rows.map((row) => row.cells);

describe('delimited text', () => {
  it('reads quoted cells with delimiters, doubled quotes, and line breaks inside, numbering rows by line', async () => {
    const rows = await rowsOf('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nlast,,\n');
    expect(cellsOf(rows)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['last', '', ''],
    ]);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 4]);
  });

  it('gives back any table it wrote, whatever the cells hold and however the text is cut', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(',', ';', '\t'),
        (table, cut, delimiter) => {
          const text = table.map((cells) => csvLine(cells, delimiter)).join('');
          const parser = new DelimitedParser(delimiter, defaultReadLimits);
          const rows = [];
          for (let i = 0; i < text.length; i += cut) rows.push(...parser.push(text.slice(i, i + cut)));
          rows.push(...parser.end());
          // A row of empty cells is written as ",," and read back as such.
          expect(rows.map((r) => r.cells)).toEqual(table);
        },
      ),
    );
  });

  it('finds the delimiter Excel used: comma, semicolon (European settings) or tab', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('name,"a;b",c\n1,2,3\n')).toBe(',');
  });

  it('refuses a cell larger than the limit, naming the line', async () => {
    const limits = { ...defaultReadLimits, maxCellChars: 1000 };
    const problem = await problemOf(rowsOf(`a,b\n1,${'x'.repeat(10_000_000)}\n`, limits));
    expect(problem.code).toBe('cell_too_large');
    expect(problem.message).toMatch(/line 2/);
  });

  it('refuses an unterminated quote rather than swallowing the rest of the file', async () => {
    const problem = await problemOf(rowsOf('a,b\n"open,2\n3,4\n'));
    expect(problem.code).toBe('malformed');
  });

  it('passes over a million empty lines without keeping them', async () => {
    const rows = await rowsOf(`a,b\n${'\n'.repeat(1_000_000)}1,2\n`);
    expect(cellsOf(rows)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows[1]?.number).toBe(1_000_002);
  });

  it('stops at the row limit with a message saying to split the file', async () => {
    const limits = { ...defaultReadLimits, maxRows: 100 };
    const problem = await problemOf(rowsOf(`a\n${'1\n'.repeat(500)}`, limits));
    expect(problem.code).toBe('too_many_rows');
    expect(problem.message).toMatch(/split/);
  });
});

describe('text encodings', () => {
  const text = 'nombre,país\nJosé,Haïti\n';
  it('reads UTF-8 with and without a byte-order mark, UTF-16 both ways, and Windows-1252', async () => {
    const utf16be = Buffer.from(text, 'utf16le');
    utf16be.swap16();
    const files = [
      Buffer.from(text),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
      Buffer.from(text, 'latin1'),
    ];
    for (const file of files) {
      expect(cellsOf(await rowsOf(file))).toEqual([
        ['nombre', 'país'],
        ['José', 'Haïti'],
      ]);
    }
    expect(sniffEncoding(Buffer.from(text, 'latin1')).encoding).toBe('windows-1252');
    expect(sniffEncoding(Buffer.from(text, 'utf16le')).encoding).toBe('utf-16le');
  });

  it('stops on bytes that are not UTF-8 past the sniffed start, saying how to save the file', async () => {
    const file = Buffer.concat([Buffer.from(`a,b\n${'x,y\n'.repeat(400_000)}`), Buffer.from([0xe9, 0x0a])]);
    const problem = await problemOf(rowsOf(file));
    expect(problem.code).toBe('encoding');
    expect(problem.message).toMatch(/UTF-8/);
  });

  it('refuses binary files and old .xls workbooks with a plain reason', async () => {
    expect((await problemOf(rowsOf(Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7])))).code).toBe(
      'unknown_format',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const problem = await problemOf(rowsOf(xls));
    expect(problem.code).toBe('not_a_spreadsheet');
    expect(problem.message).toMatch(/\.xlsx/);
    expect((await problemOf(rowsOf(''))).code).toBe('empty_file');
  });
});

describe('XLSX workbooks', () => {
  async function workbook(fill: (sheet: ExcelJS.Worksheet) => void, name = 'Data'): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    fill(book.addWorksheet(name));
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads text, numbers, booleans and dates, skipping empty rows', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['name', 'count', 'flag', 'date']);
      sheet.addRow(['Ana', 3, true, new Date(Date.UTC(2024, 1, 29))]);
      sheet.addRow([]);
      sheet.addRow(['Ben', 4.5, false, '31/01/2023']);
    });
    const rows = await rowsOf(file);
    expect(rows[1]?.cells.slice(0, 3)).toEqual(['Ana', '3', 'true']);
    expect(parseDateCell(rows[1]?.cells[3] ?? '')).toBe('2024-02-29');
    expect(rows[2]?.cells).toEqual(['Ben', '4.5', 'false', '31/01/2023']);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 4]);
  });

  it('stops a workbook that unzips to more than the limit (a zip bomb)', async () => {
    const file = await workbook((sheet) => {
      for (let i = 0; i < 50_000; i++) sheet.addRow([i, i * 2, i * 3]);
    });
    expect(file.length).toBeLessThan(1_000_000);
    const problem = await problemOf(rowsOf(file, { ...defaultReadLimits, maxUnzippedBytes: 1_000_000 }));
    expect(problem.code).toBe('zip_bomb');
  });

  it('refuses a cell or formula longer than the limit before holding it whole', async () => {
    const limits = { ...defaultReadLimits, maxCellChars: 1000 };
    const formula = await workbook((sheet) => {
      sheet.addRow(['a']);
      sheet.getCell('A2').value = { formula: `LEN("${'x'.repeat(50_000)}")`, result: 50_000 };
    });
    expect((await problemOf(rowsOf(formula, limits))).code).toBe('cell_too_large');
    const text = await workbook((sheet) => sheet.addRow(['a', 'y'.repeat(50_000)]));
    expect((await problemOf(rowsOf(text, limits))).code).toBe('cell_too_large');
  });

  it('refuses a damaged workbook', async () => {
    const file = await workbook((sheet) => sheet.addRow(['a']));
    const damaged = Buffer.concat([file.subarray(0, 200), Buffer.alloc(300, 7)]);
    expect(['not_a_spreadsheet', 'malformed']).toContain((await problemOf(rowsOf(damaged))).code);
  });
});

describe('spreadsheet output', () => {
  it('keeps any cell from running as a formula, leaving plain numbers alone', () => {
    expect(neutralise('=HYPERLINK("http://x","click")')).toBe('\'=HYPERLINK("http://x","click")');
    expect(neutralise('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('-12.5')).toBe('-12.5');
    expect(neutralise('Port of Spain')).toBe('Port of Spain');
    expect(csvLine(['=1+1', 'a,b'])).toBe('\'=1+1,"a,b"\r\n');
  });
});

describe('column mapping suggestions', () => {
  it('matches headers in any of the four languages and the registers’ own words, best pairs first', () => {
    const header = ['Case no', 'Sexo', 'Nacionalidad', 'Trafficking status', 'Gender', 'Remarks 2'];
    const sample = [['U-1', 'F', 'VE', 'Actual victim of trafficking', 'Feminine', 'x']];
    const suggestion = suggestMapping('thbCase', header, sample);
    const field = (column: string) => suggestion.columns.find((c) => c.column === column)?.field;
    expect(suggestion.externalIdColumn).toBe('Case no');
    expect(field('Nacionalidad')).toBe('victim.citizenships');
    expect(field('Trafficking status')).toBe('traffickingStatus');
    // "Sexo" and "Gender" both name gender exactly; one column per field, the first keeps it.
    expect(field('Sexo')).toBe('victim.gender');
    expect(field('Gender')).toBeNull();
    expect(field('Remarks 2')).toBeNull();
    expect(suggestion.columns.find((c) => c.column === 'Sexo')?.values).toEqual({ F: 'Feminine' });
  });
});

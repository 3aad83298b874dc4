import { FileProblem, type ReadLimits } from './file-problem.js';

/** A row of a delimited file and the line it starts on (1-based, physical lines). */
export interface TextRow {
  line: number;
  cells: string[];
}

const quote = 34;
const cr = 13;
const lf = 10;

enum State {
  /** At the start of a cell. */
  CellStart = 0,
  /** Inside a cell without quotes. */
  Plain = 1,
  /** Inside a quoted cell. */
  Quoted = 2,
  /** Just after a quote inside a quoted cell: either "" (a quote) or the end of the cell. */
  QuoteInQuoted = 3,
}

/**
 * RFC 4180 delimited text, streamed: cells may be quoted, quotes inside doubled, and quoted cells may
 * hold the delimiter and line breaks; lines end with CRLF, LF or CR. A quote in the middle of an unquoted
 * cell is kept as text (real files have them). Cells longer than the limit, or rows with more columns,
 * stop the read with a message naming the line.
 *
 * Written here rather than taken from csv-parse: it is several times faster on the wide files Coral
 * imports, and enforces Coral's limits as it goes (see docs/architecture.md).
 *
 * @example
 * const parser = new DelimitedParser(';', limits);
 * for (const text of chunks) for (const row of parser.push(text)) use(row);
 * for (const row of parser.end()) use(row);
 */
export class DelimitedParser {
  private readonly delimiter: number;
  private state = State.CellStart;
  private cells: string[] = [];
  private cell = '';
  private line = 1;
  private rowLine = 1;
  private afterCr = false;

  constructor(
    delimiter: string,
    private readonly limits: Pick<ReadLimits, 'maxCellChars' | 'maxColumns'>,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Parses the next piece of text; returns the rows it completed. */
  push(text: string): TextRow[] {
    const rows: TextRow[] = [];
    const delimiter = this.delimiter;
    const length = text.length;
    let i = 0;
    if (this.afterCr && length > 0) {
      this.afterCr = false;
      if (text.charCodeAt(0) === lf && this.state !== State.Quoted) i = 1;
    }
    while (i < length) {
      switch (this.state) {
        case State.CellStart: {
          const code = text.charCodeAt(i);
          if (code === quote) {
            this.state = State.Quoted;
            i++;
          } else {
            this.state = State.Plain;
          }
          break;
        }
        case State.Plain: {
          let j = i;
          let code = 0;
          while (j < length) {
            code = text.charCodeAt(j);
            if (code === delimiter || code === lf || code === cr) break;
            j++;
          }
          this.append(text, i, j);
          if (j === length) {
            i = j;
            break;
          }
          if (code === delimiter) {
            this.endCell();
            i = j + 1;
          } else {
            this.endCell();
            rows.push(this.endRow());
            i = this.skipLineEnd(text, j, code);
          }
          break;
        }
        case State.Quoted: {
          const end = text.indexOf('"', i);
          const j = end < 0 ? length : end;
          this.countLines(text, i, j);
          this.append(text, i, j);
          if (end < 0) {
            i = length;
          } else {
            this.state = State.QuoteInQuoted;
            i = end + 1;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const code = text.charCodeAt(i);
          if (code === quote) {
            this.cell += '"';
            this.state = State.Quoted;
            i++;
          } else if (code === delimiter) {
            this.endCell();
            i++;
          } else if (code === lf || code === cr) {
            this.endCell();
            rows.push(this.endRow());
            i = this.skipLineEnd(text, i, code);
          } else {
            // Text after a closing quote ("ab"cd): kept, as spreadsheets do.
            this.state = State.Plain;
          }
          break;
        }
      }
    }
    return rows;
  }

  /** Ends the text; returns the last row if the text did not end with a line break. */
  end(): TextRow[] {
    if (this.state === State.Quoted) {
      throw new FileProblem(
        'malformed',
        `A quoted cell that starts on line ${this.rowLine} never ends: a quote (") is missing.`,
        `line ${this.rowLine}`,
      );
    }
    if (this.state === State.CellStart && this.cells.length === 0) return [];
    this.endCell();
    return [this.endRow()];
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.cell.length + (to - from) > this.limits.maxCellChars) {
      throw new FileProblem(
        'cell_too_large',
        `A cell on line ${this.rowLine} is longer than ${this.limits.maxCellChars} characters.`,
        `line ${this.rowLine}`,
      );
    }
    this.cell += text.slice(from, to);
  }

  private endCell(): void {
    if (this.cells.length >= this.limits.maxColumns) {
      throw new FileProblem(
        'too_many_columns',
        `Line ${this.rowLine} has more than ${this.limits.maxColumns} columns.`,
        `line ${this.rowLine}`,
      );
    }
    this.cells.push(this.cell);
    this.cell = '';
    this.state = State.CellStart;
  }

  private endRow(): TextRow {
    const row = { line: this.rowLine, cells: this.cells };
    this.cells = [];
    this.state = State.CellStart;
    return row;
  }

  /** Moves past a line break at `at` (CRLF counts once, even split across pushes). */
  private skipLineEnd(text: string, at: number, code: number): number {
    this.line++;
    this.rowLine = this.line;
    if (code === cr) {
      if (at + 1 < text.length) return text.charCodeAt(at + 1) === lf ? at + 2 : at + 1;
      this.afterCr = true;
    }
    return at + 1;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const code = text.charCodeAt(k);
      if (code === lf || (code === cr && text.charCodeAt(k + 1) !== lf)) this.line++;
    }
  }
}

/** The column separators Coral reads (and sniffs among). */
export const delimiters = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

/**
 * Guesses the delimiter from the first lines: the one of , ; tab | that appears (outside quotes) most
 * consistently, line after line. Comma when nothing tells.
 */
export function sniffDelimiter(text: string): Delimiter {
  const candidates = delimiters;
  const lines: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < 10; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (current) lines.push(current);
      current = '';
    } else if (!inQuotes) {
      current += ch;
    }
  }
  if (current && lines.length < 10) lines.push(current);
  let best: (typeof candidates)[number] = ',';
  let bestScore = 0;
  for (const candidate of candidates) {
    const counts = lines.map((line) => line.split(candidate).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((count) => count === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Why a whole file cannot be read. Each code has a message for people; the web app translates codes. */
export type FileProblemCode =
  | 'empty_file'
  | 'unknown_format'
  | 'not_a_spreadsheet'
  | 'encoding'
  | 'cell_too_large'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'too_large'
  | 'zip_bomb'
  | 'no_header'
  | 'no_sheet'
  | 'malformed';

/**
 * A file Coral cannot read as a whole (as opposed to a row with a problem): the import stops before
 * anything is stored, with a message that says what to do.
 */
export class FileProblem extends Error {
  constructor(
    readonly code: FileProblemCode,
    message: string,
    /** Where, when known: a line or row number, a part of a zip. */
    readonly where?: string,
  ) {
    super(message);
    this.name = 'FileProblem';
  }
}

/** Limits that keep a hostile or broken file from exhausting memory or time. */
export interface ReadLimits {
  /** Largest cell, in characters. */
  maxCellChars: number;
  /** Most data rows read. */
  maxRows: number;
  /** Most columns. */
  maxColumns: number;
  /** Largest total size of an XLSX's parts once unzipped, in bytes. */
  maxUnzippedBytes: number;
  /** Largest XLSX shared-strings part once unzipped (it is held in memory), in bytes. */
  maxSharedStringsBytes: number;
}

export const defaultReadLimits: ReadLimits = {
  maxCellChars: 100_000,
  maxRows: 2_000_000,
  maxColumns: 2_000,
  maxUnzippedBytes: 1_000_000_000,
  maxSharedStringsBytes: 100_000_000,
};

/** A CSV cell before formatting: text, a number written as is, or nothing. */
export type CsvValue = string | number | null;

/** Characters that make a spreadsheet read a cell as a formula (or hide one behind a control character). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell: numbers as they are; text that a spreadsheet would run as a formula neutralised with a
 * leading apostrophe (CSV injection); quoted when it holds a comma, quote or line break.
 *
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV file (RFC 4180: comma-separated, CRLF line ends) from rows of cells, the first row the header.
 *
 * @example toCsv([['Year', 'Victims'], ['2024', 12]]) // 'Year,Victims\r\n2024,12\r\n'
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/**
 * A file name safe on every common system: no path separators, reserved or control characters.
 *
 * @example safeFileName('victims/2024: by sex') // 'victims-2024- by sex'
 */
export function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').trim();
  return cleaned.replace(/^\.+/, '') || 'chart';
}

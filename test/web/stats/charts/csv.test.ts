import { describe, expect, it } from 'vitest';
import { csvCell, safeFileName, toCsv } from '../../../../web/src/stats/charts/csv.js';

describe('CSV for chart downloads', () => {
  it('writes numbers as they are, nothing as an empty cell', () => {
    expect(
      toCsv([
        ['Year', 'Victims'],
        ['2024', 12],
        ['2025', null],
        ['2026', 0.25],
      ]),
    ).toBe('Year,Victims\r\n2024,12\r\n2025,\r\n2026,0.25\r\n');
  });

  it('quotes text holding a comma, a quote or a line break', () => {
    expect(csvCell('Bonaire, Sint Eustatius and Saba')).toBe('"Bonaire, Sint Eustatius and Saba"');
    expect(csvCell('the "other" sex')).toBe('"the ""other"" sex"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])(
    'neutralises %j, which a spreadsheet would run',
    (text) => {
      expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('neutralises a formula that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('leaves negative numbers as numbers', () => {
    expect(csvCell(-3)).toBe('-3');
  });

  it('makes file names safe on every system', () => {
    expect(safeFileName('victims/2024: by sex')).toBe('victims-2024- by sex');
    expect(safeFileName('..')).toBe('chart');
  });
});

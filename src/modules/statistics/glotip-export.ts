import { csvLine } from '../../interchange/writers.js';
import type { CountryCode } from '../../standard/codelists/countries.js';
import { exploitationForms } from '../../standard/codelists/thb.js';
import {
  type AggregateCell,
  type GlotipIndicator,
  type GlotipRow,
  toGlotipRows,
} from '../../standard/mappings/glotip.js';
import type { ReleaseContent, StatisticsTable } from './statistics.service.js';

const indicatorOf: Record<string, GlotipIndicator> = {
  victims: 'detectedVictims',
  prosecutions: 'prosecuted',
  convictions: 'convicted',
};

const forms = new Set<string>(exploitationForms.entries.map((entry) => entry.code));

/**
 * A published release's tables in the shape of UNODC's GLOTIP data, through the standard's GLOTIP
 * mapping: tables of victims, prosecutions or convictions by year, alone or with sex, age, form of
 * exploitation or citizenship. Values stay as published (suppressed ones empty); categories GLOTIP
 * groups are summed, and a group holding a suppressed cell is suppressed whole. Cells of several forms
 * or citizenships at once have no GLOTIP category and are left out.
 *
 * @example
 * glotipCsv(release.content, 'TT');
 */
export function glotipCsv(content: ReleaseContent, country: string): string {
  const rows = content.tables.flatMap((table) => glotipRowsOf(table, country as CountryCode));
  const header = csvLine(['Country', 'Indicator', 'Dimension', 'Category', 'Sex', 'Age', 'Year', 'Value']);
  return (
    header +
    rows
      .map((row) =>
        csvLine([
          row.Country,
          row.Indicator,
          row.Dimension,
          row.Category,
          row.Sex,
          row.Age,
          String(row.Year),
          row.value === null ? '' : String(row.value),
        ]),
      )
      .join('')
  );
}

function glotipRowsOf(table: StatisticsTable, country: CountryCode): GlotipRow[] {
  const indicator = indicatorOf[table.measure];
  const ids = table.dimensions.map((d) => d.id);
  const yearAt = ids.indexOf('year');
  if (!indicator || yearAt < 0 || ids.length > 2) return [];
  const otherAt = ids.length === 2 ? 1 - yearAt : -1;
  const other = otherAt >= 0 ? ids[otherAt] : undefined;
  if (other && !['sex', 'majority', 'ageBand', 'exploitation', 'citizenship'].includes(other)) return [];
  const cells: AggregateCell[] = [];
  for (const cell of table.cells) {
    const year = Number(cell.coordinates[yearAt]);
    if (!Number.isInteger(year)) continue;
    const category = otherAt >= 0 ? cell.coordinates[otherAt] : null;
    const base = { year, value: cell.value };
    if (category === null || category === undefined) {
      // The year's total: GLOTIP's "Total" row (once, from whichever table gives it).
      if (!other || other === 'sex') cells.push(base);
      continue;
    }
    const mapped = mapCategory(other as string, category);
    if (mapped) cells.push({ ...base, ...mapped });
  }
  return toGlotipRows({ indicator, country, cells });
}

function mapCategory(dimension: string, code: string): Partial<AggregateCell> | undefined {
  switch (dimension) {
    case 'sex':
      return { sex: code === 'Feminine' ? 'Female' : code === 'Masculine' ? 'Male' : 'Unknown' };
    case 'majority':
      return { age: code === 'Minor' ? 'Child' : code === 'Adult' ? 'Adult' : 'Unknown' };
    case 'ageBand':
      return { age: code === '0-8' || code === '9-17' ? 'Child' : code === 'Unknown' ? 'Unknown' : 'Adult' };
    case 'exploitation':
      return forms.has(code)
        ? { formOfExploitation: code as AggregateCell['formOfExploitation'] }
        : undefined;
    case 'citizenship':
      return /^[A-Z]{2}$/.test(code) ? { citizenship: code as CountryCode } : undefined;
    default:
      return undefined;
  }
}

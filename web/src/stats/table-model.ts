import type { Language } from '../../../src/standard/languages.js';
import type { StatCell, StatTableView } from './api.js';
import type { ChartTable, StatChartKind } from './charts/chart-options.js';
import type { CsvValue } from './charts/csv.js';

/** A cell as people read it: a figure, or the mark of a suppressed one. */
export type CellMark = { kind: 'value'; value: number } | { kind: 'primary' } | { kind: 'secondary' };

/** What a cell shows: its value, or why it is hidden (a hidden cell is never shown as 0). */
export function cellMark(cell: StatCell | undefined): CellMark | null {
  if (!cell) return null;
  if (cell.status === 'primary') return { kind: 'primary' };
  if (cell.status === 'secondary') return { kind: 'secondary' };
  return cell.value === null ? null : { kind: 'value', value: cell.value };
}

const key = (coordinates: ReadonlyArray<string | null>) =>
  coordinates.map((c) => (c === null ? '\u0001' : c)).join('\u0000');

/**
 * Finds cells by their coordinates (null for "all").
 *
 * @example cellFinder(table)(['2024', null]) // the 2024 total
 */
export function cellFinder(
  table: StatTableView,
): (coordinates: Array<string | null>) => StatCell | undefined {
  const cells = new Map(table.cells.map((cell) => [key(cell.coordinates), cell]));
  return (coordinates) => cells.get(key(coordinates));
}

/**
 * A table (or its margins over some dimensions) as the charts take it: the dimensions kept, in their
 * order, the others totalled ("all"). Suppressed cells stay suppressed.
 *
 * @example chartTable(victimsByYearAndSex, { title: 'Victims by year', language: 'en', keep: [0] })
 */
export function chartTable(
  table: StatTableView,
  options: { title: string; language: Language; keep?: number[] },
): ChartTable {
  const keep = options.keep ?? table.dimensions.map((_, i) => i);
  const kept = new Set(keep);
  const cells = table.cells.filter((cell) =>
    cell.coordinates.every((c, i) => (kept.has(i) ? c !== null : c === null)),
  );
  return {
    title: options.title,
    dimensions: keep.map((i) => {
      const dimension = table.dimensions[i];
      return {
        id: dimension?.id ?? String(i),
        label: dimension?.label[options.language] ?? '',
        values: (dimension?.categories ?? []).map((c) => ({
          code: c.code,
          label: c.label[options.language],
        })),
      };
    }),
    cells: cells.map((cell) => ({
      coordinates: keep.map((i) => cell.coordinates[i] ?? ''),
      value: cell.status === 'published' ? cell.value : null,
      suppressed: cell.status !== 'published',
    })),
  };
}

/** Dimensions whose categories add up (one category per record), so that stacking them makes sense. */
const stackable = new Set(['sex', 'migrantSex', 'ageBand', 'majority', 'migrantAge']);

/**
 * How a table is best drawn: a line over years, stacked bars when the second dimension splits people
 * into exclusive groups, side-by-side bars otherwise; null when it has more dimensions than a chart shows.
 */
export function chartKindFor(table: Pick<StatTableView, 'dimensions'>): StatChartKind | null {
  const [first, second, third] = table.dimensions;
  if (!first || third) return null;
  if (!second) return first.id === 'year' ? 'line' : 'bar';
  return stackable.has(second.id) ? 'stacked' : 'bar';
}

/** How many cells a table hides: small ones (primary) and those hidden to protect them (secondary). */
export function suppressionCounts(table: Pick<StatTableView, 'cells'>): {
  primary: number;
  secondary: number;
} {
  let primary = 0;
  let secondary = 0;
  for (const cell of table.cells) {
    if (cell.status === 'primary') primary++;
    else if (cell.status === 'secondary') secondary++;
  }
  return { primary, secondary };
}

/** The years of a table's year dimension, oldest first (empty when it has none). */
export function yearsOf(table: StatTableView | undefined): string[] {
  const years = table?.dimensions.find((d) => d.id === 'year')?.categories.map((c) => c.code) ?? [];
  return [...years].sort();
}

/**
 * The years from one to another, inclusive (in either order); none (no filter) when the range covers
 * every year available.
 *
 * @example yearRange(['2021', '2022', '2023'], '2022', '2023') // ['2022', '2023']
 */
export function yearRange(available: string[], from: string | null, to: string | null): string[] {
  const [low, high] = from && to && from > to ? [to, from] : [from, to];
  const inRange = available.filter((y) => (!low || y >= low) && (!high || y <= high));
  return inRange.length === available.length ? [] : inRange;
}

/** A file name from a title: lower case, words joined by hyphens. */
export function fileNameOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug.slice(0, 80) || 'coral-statistics';
}

/** The words a table's CSV needs besides the table's own labels. */
export interface TableCsvWords {
  total: string;
  value: string;
  status: string;
  perHundredThousand: string;
  /** The status of a cell in words: published, primary, secondary. */
  statusLabel: (status: StatCell['status']) => string;
}

/**
 * A table as CSV rows, totals included: one column per dimension ("Total" where a cell covers all of
 * it), the value (empty when suppressed, never 0), the cell's status, and the SDG 16.2.2 rate if any.
 */
export function tableCsv(table: StatTableView, language: Language, words: TableCsvWords): CsvValue[][] {
  const rates = table.cells.some((cell) => cell.per100k !== undefined);
  const header: CsvValue[] = [
    ...table.dimensions.map((d) => d.label[language]),
    words.value,
    words.status,
    ...(rates ? [words.perHundredThousand] : []),
  ];
  const rows = table.cells.map((cell): CsvValue[] => [
    ...cell.coordinates.map((code, d) =>
      code === null
        ? words.total
        : (table.dimensions[d]?.categories.find((c) => c.code === code)?.label[language] ?? code),
    ),
    cell.status === 'published' ? cell.value : null,
    words.statusLabel(cell.status),
    ...(rates ? [cell.per100k ?? null] : []),
  ]);
  return [header, ...rows];
}

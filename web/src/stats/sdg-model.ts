import type { StatCell, StatTableView } from './api.js';

/** The cells of a year × country table for one year that count someone or hide a figure. */
export function sdgRows(table: StatTableView, year: string): Array<{ country: string; cell: StatCell }> {
  const yearAt = table.dimensions.findIndex((d) => d.id === 'year');
  const countryAt = table.dimensions.findIndex((d) => d.id === 'country');
  return table.cells.flatMap((cell) => {
    const country = cell.coordinates[countryAt];
    if (cell.coordinates[yearAt] !== year || !country) return [];
    if (cell.status === 'published' && !cell.value) return [];
    return [{ country, cell }];
  });
}

/**
 * The year the card shows: the latest with a rate (population figures lag a year or two), else the
 * latest in which someone was counted or a figure hidden.
 */
export function latestSdgYear(table: StatTableView): string | null {
  const years = table.dimensions.find((d) => d.id === 'year')?.categories.map((c) => c.code) ?? [];
  const newestFirst = [...years].sort().reverse();
  const rated = newestFirst.find((year) =>
    sdgRows(table, year).some((row) => row.cell.per100k !== undefined),
  );
  return rated ?? newestFirst.find((year) => sdgRows(table, year).length > 0) ?? null;
}

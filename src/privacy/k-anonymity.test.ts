import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../testing/reference.js';
import {
  ageBandHierarchy,
  ageHierarchy,
  categoricalHierarchy,
  countryHierarchy,
  defineHierarchy,
  type Hierarchy,
  yearHierarchy,
} from './generalisation-hierarchies.js';
import { anonymise } from './k-anonymity.js';

type Row = Record<string, string | null>;

/** How often each combination of the quasi-identifiers occurs in rows. */
function classSizes(rows: readonly Row[], quasiIdentifiers: readonly string[]): number[] {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(quasiIdentifiers.map((name) => row[name] ?? null));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return [...sizes.values()];
}

const survey = {
  sex: categoricalHierarchy('sex'),
  age: ageHierarchy(),
  country: countryHierarchy(),
  year: yearHierarchy(),
};
const surveyColumns = Object.keys(survey);

const surveyRow = fc.record({
  sex: fc.constantFrom('Female', 'Male', null, ''),
  age: fc.oneof(fc.integer({ min: 0, max: 90 }).map(String), fc.constantFrom('Unknown', 'about 30')),
  country: fc.constantFrom('JM', 'TT', 'HT', 'DOM', 'US', 'MX', 'MD', 'UA', 'XX', null),
  year: fc.integer({ min: 2010, max: 2021 }).map(String),
  note: fc.oneof(fc.string({ maxLength: 5 }), fc.constant(null)),
});

/** Rows with a unique `id` (not a quasi-identifier), so tests can tell which rows came through. */
const surveyRows = fc
  .array(surveyRow, { maxLength: 150 })
  .map((rows) => rows.map((row, i): Row => ({ id: `r${i}`, ...row })));

describe('generalisation hierarchies', () => {
  it('take an age through 5-year bands, CTDC bands and minor/adult to *', () => {
    const age = ageHierarchy();
    expect(age.levels).toBe(4);
    expect([0, 1, 2, 3, 4].map((level) => age.generalise('16', level))).toEqual([
      '16',
      '15-19',
      '9-17',
      '0-17',
      '*',
    ]);
    expect([1, 2, 3].map((level) => age.generalise('48', level))).toEqual(['45-49', '48+', '18+']);
    expect(age.generalise('121', 1)).toBe('*');
    expect(age.generalise('-3', 3)).toBe('*');
  });

  it('read CTDC age bands as CTDC writes them, and as Coral does', () => {
    const bands = ageBandHierarchy();
    expect(
      ['0--8', '9-17', '18--20', '48+', '0-17', '18+', 'teen'].map((v) => bands.generalise(v, 1)),
    ).toEqual(['0-17', '0-17', '18+', '18+', '0-17', '18+', '*']);
    expect(bands.generalise('9--17', 0)).toBe('9--17');
    expect(bands.generalise('9--17', 2)).toBe('*');
  });

  it('group years in 3-year periods aligned on 2000, then decades', () => {
    const year = yearHierarchy();
    expect(['2017', '2018', '2020', '2021', '1999'].map((v) => year.generalise(v, 1))).toEqual([
      '2015-2017',
      '2018-2020',
      '2018-2020',
      '2021-2023',
      '1997-1999',
    ]);
    expect(year.generalise('2019', 2)).toBe('2010-2019');
    expect(year.generalise('19', 1)).toBe('*');
  });

  it('place countries by alpha-2 or alpha-3 code in their M49 subregion and region', () => {
    const country = countryHierarchy();
    const codes = [
      'JM',
      'jam',
      'HT',
      'DO',
      'CW',
      'MX',
      'GT',
      'BR',
      'VE',
      'US',
      'CA',
      'NG',
      'MD',
      'RU',
      'LA',
      'MM',
    ];
    expect(codes.map((code) => country.generalise(code, 1))).toEqual([
      'Caribbean',
      'Caribbean',
      'Caribbean',
      'Caribbean',
      'Caribbean',
      'Central America',
      'Central America',
      'South America',
      'South America',
      'Northern America',
      'Northern America',
      'Western Africa',
      'Eastern Europe',
      'Eastern Europe',
      'South-eastern Asia',
      'South-eastern Asia',
    ]);
    expect(['TT', 'UKR', 'KR', 'ID', 'FJ', 'ZZ'].map((code) => country.generalise(code, 2))).toEqual([
      'Americas',
      'Europe',
      'Asia',
      'Asia',
      'Oceania',
      'Other',
    ]);
  });

  it('keep missing values as a category of their own until everything is *', () => {
    for (const hierarchy of [ageHierarchy(), ageBandHierarchy(), yearHierarchy(), countryHierarchy()]) {
      for (const missing of [null, '', 'Unknown']) {
        expect(hierarchy.generalise(missing, hierarchy.levels - 1)).toBe(missing);
        expect(hierarchy.generalise(missing, hierarchy.levels)).toBe('*');
      }
    }
  });

  it('refuse a level that does not exist', () => {
    expect(() => categoricalHierarchy('sex').generalise('F', 2)).toThrow(RangeError);
    expect(() => yearHierarchy().generalise('2019', 1.5)).toThrow(RangeError);
  });
});

describe('anonymise', () => {
  it('always publishes every quasi-identifier combination at least k times, within the suppression limit', () => {
    fc.assert(
      fc.property(
        surveyRows,
        fc.integer({ min: 2, max: 15 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (rows, k, maxSuppression) => {
          const { rows: released, report } = anonymise(rows, { quasiIdentifiers: survey, k, maxSuppression });
          expect(Math.min(...classSizes(released, surveyColumns))).toBeGreaterThanOrEqual(k);
          expect(released.length).toBe(rows.length - report.removedRows);
          if (rows.length >= k)
            expect(report.suppressedRows).toBeLessThanOrEqual(Math.floor(maxSuppression * rows.length));
          expect(report.search).toBe('lattice');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('does not change its input', () => {
    fc.assert(
      fc.property(surveyRows, fc.integer({ min: 2, max: 15 }), (rows, k) => {
        const before = structuredClone(rows);
        anonymise(rows, { quasiIdentifiers: survey, k });
        expect(rows).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the order of the rows it publishes and their other columns as they were', () => {
    fc.assert(
      fc.property(surveyRows, fc.integer({ min: 2, max: 15 }), (rows, k) => {
        const released = anonymise(rows, { quasiIdentifiers: survey, k }).rows;
        const byId = new Map(rows.map((row, i) => [row.id, { row, i }]));
        let previous = -1;
        for (const row of released) {
          const source = byId.get(row.id);
          expect(source).toBeDefined();
          expect(source?.i).toBeGreaterThan(previous);
          previous = source?.i ?? previous;
          expect(Object.keys(row)).toEqual(Object.keys(source?.row ?? {}));
          expect(row.note).toBe(source?.row.note);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('publishes the values as they are when the input is already k-anonymous', () => {
    const distinctRows = fc.uniqueArray(surveyRow, {
      minLength: 1,
      maxLength: 8,
      selector: (row) => JSON.stringify(surveyColumns.map((name) => row[name as keyof typeof row])),
    });
    fc.assert(
      fc.property(
        distinctRows,
        fc.integer({ min: 2, max: 15 }),
        fc.integer({ min: 0, max: 3 }),
        (distinct, k, extra) => {
          const rows: Row[] = distinct.flatMap((row) =>
            Array.from({ length: k + extra }, () => ({ ...row })),
          );
          const release = anonymise(rows, { quasiIdentifiers: survey, k, maxSuppression: 0 });
          expect(release.levels).toEqual({ sex: 0, age: 0, country: 0, year: 0 });
          expect(release.rows).toEqual(rows);
          expect(release.report.suppressedRows).toBe(0);
          expect(release.report.precisionLoss).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('generalises when the suppression limit does not allow suppressing instead', () => {
    const rows = [
      ...Array.from({ length: 2 }, () => ({ gender: 'Female', ageBroad: '0--8' })),
      ...Array.from({ length: 20 }, () => ({ gender: 'Female', ageBroad: '9--17' })),
      ...Array.from({ length: 40 }, () => ({ gender: 'Female', ageBroad: '48+' })),
    ];
    const quasiIdentifiers = { gender: categoricalHierarchy('gender'), ageBroad: ageBandHierarchy() };
    const strict = anonymise(rows, { quasiIdentifiers, k: 11, maxSuppression: 0 });
    expect(strict.levels).toEqual({ gender: 0, ageBroad: 1 });
    expect(classSizes(strict.rows, ['gender', 'ageBroad']).sort()).toEqual([22, 40]);
    expect(strict.report).toMatchObject({ suppressedRows: 0, removedRows: 0, precisionLoss: 0.25 });
    expect(strict.report.discernibility).toBe(22 * 22 + 40 * 40);
  });

  it('suppresses rather than generalises when that loses fewer cells, even at a higher discernibility', () => {
    const rows = [
      ...Array.from({ length: 2 }, () => ({ gender: 'Female', ageBroad: '0--8' })),
      ...Array.from({ length: 20 }, () => ({ gender: 'Female', ageBroad: '9--17' })),
      ...Array.from({ length: 40 }, () => ({ gender: 'Female', ageBroad: '48+' })),
    ];
    const quasiIdentifiers = { gender: categoricalHierarchy('gender'), ageBroad: ageBandHierarchy() };
    const loose = anonymise(rows, { quasiIdentifiers, k: 11, maxSuppression: 0.05 });
    // 2 rows × 2 cells lost, against 62 rows × half a cell when the age band becomes minor/adult.
    expect(loose.levels).toEqual({ gender: 0, ageBroad: 0 });
    // The two suppressed rows would form a '*' class of 2 < 11, so they are left out.
    expect(loose.report).toMatchObject({ suppressedRows: 2, removedRows: 2, releasedRows: 60, classes: 2 });
    expect(loose.report.discernibility).toBe(20 * 20 + 40 * 40 + 2 * 62);
    expect(loose.report.discernibility).toBeGreaterThan(22 * 22 + 40 * 40);
  });

  it('keeps suppressed rows, all *, when there are at least k of them', () => {
    const common = Array.from(
      { length: 300 },
      (_, i): Row => ({ id: `c${i}`, country: i % 2 ? 'JM' : 'TT' }),
    );
    const rare = ['US', 'MX', 'BR', 'NG', 'MD', 'UA', 'RU', 'TH', 'LA', 'MM', 'KR'].map(
      (country, i): Row => ({ id: `r${i}`, country }),
    );
    const release = anonymise([...rare, ...common], {
      quasiIdentifiers: { country: countryHierarchy() },
      k: 11,
    });
    expect(release.levels).toEqual({ country: 0 });
    expect(release.report).toMatchObject({ suppressedRows: 11, removedRows: 0, smallestClassSize: 11 });
    expect(release.rows.slice(0, 11).map((row) => [row.id, row.country])).toEqual(
      rare.map((row) => [row.id, '*']),
    );
  });

  it('removes every row when there are fewer than k, and says so', () => {
    const rows = [{ sex: 'F' }, { sex: 'F' }, { sex: 'M' }];
    const release = anonymise(rows, { quasiIdentifiers: { sex: categoricalHierarchy('sex') }, k: 5 });
    expect(release.rows).toEqual([]);
    expect(release.report).toMatchObject({ rows: 3, removedRows: 3, releasedRows: 0, smallestClassSize: 0 });
  });

  it('climbs greedily when the lattice is too large to search, still k-anonymous', () => {
    const wide: Record<string, Hierarchy> = {
      ...survey,
      age2: ageHierarchy(),
      year2: yearHierarchy(),
    };
    fc.assert(
      fc.property(surveyRows, fc.integer({ min: 2, max: 15 }), (rows, k) => {
        const doubled = rows.map((row) => ({ ...row, age2: row.age ?? null, year2: row.year ?? null }));
        const { rows: released, report } = anonymise(doubled, { quasiIdentifiers: wide, k });
        expect(report.search).toBe('greedy');
        expect(Math.min(...classSizes(released, Object.keys(wide)))).toBeGreaterThanOrEqual(k);
        if (rows.length >= k)
          expect(report.suppressedRows).toBeLessThanOrEqual(Math.floor(0.05 * rows.length));
      }),
      { numRuns: 50 },
    );
  });

  it('accepts hierarchies of its caller', () => {
    const parity = defineHierarchy('parity', [(value) => (Number(value) % 2 === 0 ? 'even' : 'odd')]);
    const rows = Array.from({ length: 30 }, (_, i): Row => ({ n: String(i) }));
    const release = anonymise(rows, { quasiIdentifiers: { n: parity }, k: 15 });
    expect(release.levels).toEqual({ n: 1 });
    expect(release.report.levels).toEqual({ n: { hierarchy: 'parity', level: 1, levels: 2 } });
  });

  it('refuses a k or a suppression share that makes no sense', () => {
    const quasiIdentifiers = { sex: categoricalHierarchy('sex') };
    expect(() => anonymise([], { quasiIdentifiers, k: 0 })).toThrow(RangeError);
    expect(() => anonymise([], { quasiIdentifiers, k: 2.5 })).toThrow(RangeError);
    expect(() => anonymise([], { quasiIdentifiers, maxSuppression: 1.5 })).toThrow(RangeError);
  });
});

describe('anonymise on the CTDC global dataset sample', () => {
  const text = readFileSync(referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'), 'utf8');
  const [header, ...body]: string[][] = parse(text, { delimiter: ';' });
  const rows = body.map(
    (cells): Row => Object.fromEntries((header ?? []).map((column, i) => [column, cells[i] ?? ''])),
  );
  const quasiIdentifiers = {
    gender: categoricalHierarchy('gender'),
    ageBroad: ageBandHierarchy(),
    citizenship: countryHierarchy(),
    CountryOfExploitation: countryHierarchy(),
    yearOfRegistration: yearHierarchy(),
  };
  const columns = Object.keys(quasiIdentifiers);

  it('has the columns it takes as quasi-identifiers', () => {
    expect(rows.length).toBe(1002);
    expect(header).toEqual(expect.arrayContaining(columns));
  });

  it.each([11, 25])('publishes it %i-anonymous, suppressing at most 5%% of the rows', (k) => {
    const { rows: released, report } = anonymise(rows, { quasiIdentifiers, k });
    expect(Math.min(...classSizes(released, columns))).toBeGreaterThanOrEqual(k);
    expect(report.suppressedRows).toBeLessThanOrEqual(0.05 * rows.length);
    expect(report.smallestClassSize).toBeGreaterThanOrEqual(k);
    // The sample's rows outside any class of k are at least k together, so they stay, as '*'.
    expect(report.removedRows).toBe(0);
    const others = (row: Row) => Object.entries(row).filter(([column]) => !columns.includes(column));
    expect(released.map(others)).toEqual(rows.map(others));
  });
});

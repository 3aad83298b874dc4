import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../../testing/reference.js';
import { ctdcRepresentableCase } from '../../testing/standard-arbitraries.js';
import { validateThbCase } from '../validation/validate.js';
import { ctdcColumns, fromCtdcRow, toCtdcRow } from './ctdc.js';

const derived = new Set([
  'meansOfControlConcatenated',
  'typeOfExploitConcatenated',
  'typeOfLabourConcatenated',
  'typeOfSexConcatenated',
  'RecruiterRelationship',
  'isSexAndLabour',
]);

function readSample(): { header: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'), 'utf8');
  const records: string[][] = parse(text, { delimiter: ';', relax_column_count: false });
  const [header, ...body] = records;
  if (!header) throw new Error('empty sample');
  return {
    header,
    rows: body.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']))),
  };
}

const items = (text: string) =>
  text
    .split(';')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

describe('CTDC global dataset mapping', () => {
  const sample = readSample();

  it('knows the published layout: 64 columns, notice first, in order', () => {
    expect(sample.header).toEqual([...ctdcColumns]);
  });

  it('maps every sample row without a problem, into a record the standard accepts', () => {
    for (const row of sample.rows) {
      const { record, problems } = fromCtdcRow(row);
      expect(problems).toEqual([]);
      const result = validateThbCase(record);
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
  });

  it('loses nothing its layout holds: every column comes back, derived text only from the flags', () => {
    for (const row of sample.rows) {
      const back = toCtdcRow(fromCtdcRow(row).record);
      for (const column of ctdcColumns) {
        if (derived.has(column)) continue;
        expect({ column, value: back[column] }).toEqual({ column, value: row[column] });
      }
      for (const column of derived) {
        if (column === 'isSexAndLabour') continue;
        const regenerated = new Set(items(back[column] ?? ''));
        for (const item of items(row[column] ?? ''))
          expect({ column, item, present: regenerated.has(item) }).toEqual({ column, item, present: true });
      }
      if (row.isSexAndLabour === '1') expect(back.isSexAndLabour).toBe('1');
    }
  });

  it('reports values it does not know, per column, without throwing', () => {
    const first = sample.rows[0];
    if (!first) throw new Error('no rows');
    const { problems } = fromCtdcRow({
      ...first,
      gender: 'Robot',
      meansOfControlDebtBondage: 'yes',
      citizenship: 'ZZ',
      yearOfRegistration: 'soon',
    });
    expect(problems.map((p) => [p.column, p.code])).toEqual([
      ['yearOfRegistration', 'invalid_number'],
      ['gender', 'unknown_value'],
      ['citizenship', 'unknown_value'],
      ['meansOfControlDebtBondage', 'invalid_flag'],
    ]);
  });

  it('round-trips any case CTDC can hold: Coral → CTDC → Coral gives the same case', () => {
    fc.assert(
      fc.property(ctdcRepresentableCase(), (record) => {
        expect(fromCtdcRow(toCtdcRow(record)).record).toEqual(record);
      }),
      { numRuns: 300 },
    );
  });

  it('derives the age band and adult/minor from a birth date', () => {
    const row = toCtdcRow({
      traffickingStatus: 'ActualVictimOfTrafficking',
      identificationDate: '2024-03-01',
      victim: { birthDate: '2009-06-15', citizenships: ['HT', 'DO'] },
    });
    expect([row.yearOfRegistration, row.ageBroad, row.majorityStatus, row.citizenship]).toEqual([
      '2024',
      '9--17',
      'Minor',
      'HT',
    ]);
  });
});

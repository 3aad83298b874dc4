import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesOf } from '../codelists/codelist.js';
import { exploitationForms } from '../codelists/thb.js';
import { type AggregateCell, glotipFormCategories, toGlotipRows } from './glotip.js';

const cell = fc.record(
  {
    year: fc.integer({ min: 2015, max: 2025 }),
    sex: fc.constantFrom('Female' as const, 'Male' as const, 'Unknown' as const),
    age: fc.constantFrom('Adult' as const, 'Child' as const, 'Unknown' as const),
    formOfExploitation: fc.constantFrom(...codesOf(exploitationForms)),
    value: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  },
  { requiredKeys: ['year', 'value'] },
) as fc.Arbitrary<AggregateCell>;

describe('GLOTIP-shaped export', () => {
  it('has a GLOTIP category for every Coral form of exploitation', () => {
    expect(Object.keys(glotipFormCategories).sort()).toEqual([...codesOf(exploitationForms)].sort());
  });

  it('keeps totals: the rows add up to the cells when nothing is suppressed', () => {
    fc.assert(
      fc.property(
        fc.array(
          cell.map((c) => ({ ...c, value: c.value ?? 1 })),
          { maxLength: 40 },
        ),
        (cells) => {
          const rows = toGlotipRows({ indicator: 'detectedVictims', country: 'TT', cells });
          const total = (list: Array<{ value: number | null }>) =>
            list.reduce((sum, x) => sum + (x.value ?? 0), 0);
          expect(total(rows)).toBe(total(cells));
        },
      ),
    );
  });

  it('suppresses a grouped row whenever any cell in it was suppressed', () => {
    const rows = toGlotipRows({
      indicator: 'detectedVictims',
      country: 'GY',
      cells: [
        { year: 2024, sex: 'Female', age: 'Adult', formOfExploitation: 'Servitude', value: 7 },
        { year: 2024, sex: 'Female', age: 'Adult', formOfExploitation: 'Surrogacy', value: null },
        { year: 2024, sex: 'Male', age: 'Child', formOfExploitation: 'ForcedLabour', value: 9 },
      ],
    });
    expect(rows).toEqual([
      {
        Country: 'GY',
        Indicator: 'Detected trafficking victims',
        Dimension: 'by form of exploitation',
        Category: 'Other forms of exploitation',
        Sex: 'Female',
        Age: 'Adult',
        Year: 2024,
        value: null,
      },
      {
        Country: 'GY',
        Indicator: 'Detected trafficking victims',
        Dimension: 'by form of exploitation',
        Category: 'Forced labour',
        Sex: 'Male',
        Age: 'Minor',
        Year: 2024,
        value: 9,
      },
    ]);
  });
});

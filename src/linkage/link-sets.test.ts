import { describe, expect, it } from 'vitest';
import { createClkEncoder } from './clk-encoder.js';
import { coralPersonSchema, personLinkageValues } from './coral-person-schema.js';
import { linkSets } from './link-sets.js';
import { candidatePairs, packFilters } from './similarity.js';
import { syntheticPeople } from './synthetic-people.js';

describe('linkSets', () => {
  const encoder = createClkEncoder(coralPersonSchema, 'synthetic-secret-for-link-sets');
  const people = syntheticPeople(400, { seed: 11 });
  // Synthetic people in FEBRL's fields, as persons of the standard.
  const encode = (rows: typeof people.a) =>
    packFilters(
      rows.map((row, i) =>
        encoder.encode(
          personLinkageValues(String(i), {
            givenNames: row.given_name,
            familyNames: row.surname,
            birthDate: (row.date_of_birth ?? '').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'),
          }),
        ),
      ),
    );

  it('compares every pair exactly when asked, as candidatePairs does', async () => {
    const [a, b] = [encode(people.a), encode(people.b)];
    const expected = candidatePairs(a, b, 0.8).map(({ a, b, score }) => ({ a, b, score }));
    expect(await linkSets(a, b, 0.8, 'all-pairs')).toEqual(expected);
    expect(await linkSets(a, b, 0.8)).toEqual(expected);
  });

  it('with blocking finds the pairs of one person that all pairs find, with the same scores', async () => {
    const [a, b] = [encode(people.a), encode(people.b)];
    const all = candidatePairs(a, b, 0.9);
    expect(all.length).toBeGreaterThan(200);
    const blocked = await linkSets(a, b, 0.9, 'blocking');
    const key = (p: { a: number; b: number }) => `${p.a}:${p.b}`;
    const scores = new Map(all.map((p) => [key(p), p.score]));
    for (const pair of blocked) expect(pair.score).toBe(scores.get(key(pair)));
    expect(blocked.length / all.length).toBeGreaterThanOrEqual(0.95);
  });
});

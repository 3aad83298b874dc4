import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../testing/reference.js';
import { createClkEncoder, encodeRecords } from './clk-encoder.js';
import { parseLinkageSchema } from './linkage-schema.js';
import { seededRandom } from './seeded-random.js';
import { dice } from './similarity.js';
import { syntheticPeople, typo } from './synthetic-people.js';

const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as {
  schema: unknown;
  secret: string;
};
const fields = vectors.schema as { features: { identifier: string }[] };

describe('syntheticPeople', () => {
  it('gives the same people for the same seed and others for another seed', () => {
    expect(syntheticPeople(50, { seed: 3 })).toEqual(syntheticPeople(50, { seed: 3 }));
    expect(syntheticPeople(50, { seed: 4 }).a).not.toEqual(syntheticPeople(50, { seed: 3 }).a);
  });

  it("has exactly the FEBRL schema's fields, and a duplicate per original named by the truth", () => {
    const { a, b, truth } = syntheticPeople(200);
    const identifiers = fields.features.map((feature) => feature.identifier).sort();
    for (const record of [...a, ...b]) expect(Object.keys(record).sort()).toEqual(identifiers);
    expect(new Set(truth).size).toBe(200);
    a.forEach((original, i) => {
      expect(b[truth[i] as number]?.rec_id).toBe(original.rec_id?.replace('-org', '-dup-0'));
    });
  });

  it('corrupts every duplicate, and every record fits the FEBRL schema', () => {
    const { a, b, truth } = syntheticPeople(500, { seed: 9 });
    const encoder = createClkEncoder(parseLinkageSchema(vectors.schema), vectors.secret);
    const [encodedA, encodedB] = [encodeRecords(encoder, a), encodeRecords(encoder, b)];
    expect(encodedA.errors).toEqual([]);
    expect(encodedB.errors).toEqual([]);
    const scores = a.map((_, i) =>
      dice(encodedA.clks[i] as Uint8Array, encodedB.clks[truth[i] as number] as Uint8Array),
    );
    // A corruption may change nothing (a blank field blanked, two equal letters transposed), but rarely.
    expect(scores.filter((score) => score < 1).length / scores.length).toBeGreaterThan(0.9);
    // Most duplicates stay recognisable at the usual 0.8 threshold, as FEBRL's do.
    expect(scores.filter((score) => score >= 0.8).length / scores.length).toBeGreaterThan(0.9);
  });

  it('makes a typo of one edit: a substitution, insertion, deletion or transposition', () => {
    const random = seededRandom(2);
    for (let n = 0; n < 200; n++) {
      const changed = typo(random, 'marisol');
      expect(Math.abs(changed.length - 'marisol'.length)).toBeLessThanOrEqual(1);
    }
  });
});

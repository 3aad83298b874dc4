import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../testing/reference.js';
import { candidateBlocks } from './blocking.js';
import { createClkEncoder, encodeRecords } from './clk-encoder.js';
import { parseFebrlCsv } from './febrl.js';
import { parseLinkageSchema } from './linkage-schema.js';
import { scoreCandidates } from './matching.js';
import { parallelCandidatePairs } from './parallel-match.js';
import { seededRandom } from './seeded-random.js';
import { candidatePairs, dice, packFilters } from './similarity.js';

/** Random filters of 256 bits around the same few prototypes for every seed, so a useful number of pairs reach the threshold. */
function randomFilters(count: number, seed: number): Uint8Array[] {
  const shared = seededRandom(0);
  const prototypes = Array.from({ length: 8 }, () => Uint8Array.from({ length: 32 }, () => shared() * 256));
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const filter = Uint8Array.from(prototypes[Math.floor(random() * 8)] as Uint8Array);
    for (let flips = 0; flips < 12; flips++) {
      const bit = Math.floor(random() * 256);
      filter[bit >> 3] = (filter[bit >> 3] as number) ^ (1 << (bit & 7));
    }
    return filter;
  });
}

function febrlClks(): Uint8Array[] {
  const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as {
    schema: unknown;
    secret: string;
  };
  const encoder = createClkEncoder(parseLinkageSchema(vectors.schema), vectors.secret);
  const records = parseFebrlCsv(readFileSync(referenceFile('febrl', 'dataset1.csv'), 'utf8'));
  return encodeRecords(
    encoder,
    records.map((record) => record.values),
  ).clks.filter((clk): clk is Uint8Array => clk !== null);
}

describe('parallelCandidatePairs', () => {
  it('finds exactly the pairs of single-thread candidatePairs on random filters, with both engines', async () => {
    const a = packFilters(randomFilters(300, 1));
    const b = packFilters(randomFilters(250, 2));
    const expected = candidatePairs(a, b, 0.75);
    expect(expected.length).toBeGreaterThan(100);
    for (const engine of ['wasm', 'js'] as const) {
      expect(await parallelCandidatePairs(a, b, 0.75, { workers: 2, engine })).toEqual(expected);
    }
    expect(await parallelCandidatePairs(a, b, 0.75, { workers: 3, sharesPerWorker: 5 })).toEqual(expected);
  });

  it('finds exactly the pairs of single-thread candidatePairs on FEBRL dataset1', async () => {
    const clks = febrlClks();
    const half = Math.floor(clks.length / 2);
    const a = packFilters(clks.slice(0, half));
    const b = packFilters(clks.slice(half));
    const expected = candidatePairs(a, b, 0.8);
    expect(await parallelCandidatePairs(a, b, 0.8, { workers: 2 })).toEqual(expected);
  });

  it('scores only the candidate pairs it is given, as scoreCandidates does', async () => {
    const [left, right] = [randomFilters(300, 3), randomFilters(300, 4)];
    const candidates = candidateBlocks(left, right, { lambda: 8, k: 12, seed: 5 });
    const expected = scoreCandidates(
      candidates,
      (i, j) => dice(left[i] as Uint8Array, right[j] as Uint8Array),
      0.7,
    );
    expect(expected.length).toBeGreaterThan(50);
    const found = await parallelCandidatePairs(packFilters(left), packFilters(right), 0.7, {
      workers: 2,
      pairs: candidates,
    });
    expect(found).toEqual(expected);
    const flat = Uint32Array.from(candidates.flat());
    expect(
      await parallelCandidatePairs(packFilters(left), packFilters(right), 0.7, { workers: 2, pairs: flat }),
    ).toEqual(expected);
  });

  it('returns nothing for empty sets or no candidates', async () => {
    const empty = packFilters([], 256);
    const some = packFilters(randomFilters(10, 6));
    expect(await parallelCandidatePairs(empty, some, 0.8, { workers: 2 })).toEqual([]);
    expect(await parallelCandidatePairs(some, some, 0.8, { workers: 2, pairs: [] })).toEqual([]);
  });

  it('refuses a threshold outside (0, 1] and sets of different lengths', async () => {
    const some = packFilters(randomFilters(4, 7));
    await expect(parallelCandidatePairs(some, some, 0)).rejects.toMatchObject({ code: 'bad_request' });
    const longer = packFilters([new Uint8Array(64)]);
    await expect(parallelCandidatePairs(some, longer, 0.8)).rejects.toMatchObject({ code: 'bad_request' });
  });
});

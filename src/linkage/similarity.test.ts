import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { referenceFile } from '../testing/reference.js';
import { clkPopcount } from './clk-encoder.js';
import {
  type CandidatePair,
  candidatePairs,
  dice,
  diceWasm,
  type FilterSet,
  mayReachThreshold,
  packFilters,
} from './similarity.js';

const lengths = [64, 128, 256, 512, 1024, 2048] as const;
const engines = ['wasm', 'js'] as const;

/** Random CLKs of `bits` bits with varied densities: empty, sparse, half, dense. */
function clkOf(bits: number): fc.Arbitrary<Uint8Array> {
  const bytes = fc.uint8Array({ minLength: bits / 8, maxLength: bits / 8 });
  return fc.tuple(bytes, bytes, bytes, fc.integer({ min: 0, max: 4 })).map(([x, y, z, density]) =>
    x.map((byte, i) => {
      const [other, third] = [y[i] as number, z[i] as number];
      return [0, byte & other & third, byte & other, byte, byte | other][density] as number;
    }),
  );
}

const clkPair = fc.constantFrom(...lengths).chain((bits) => fc.tuple(clkOf(bits), clkOf(bits)));

const filterSets = fc.constantFrom(...lengths).chain((bits) =>
  fc.record({
    a: fc.array(clkOf(bits), { maxLength: 10 }),
    b: fc.array(clkOf(bits), { maxLength: 10 }),
    bits: fc.constant(bits),
  }),
);

const thresholds = fc.double({ min: 0.01, max: 1, noNaN: true });

/** Dice from the definition, one bit at a time (bit i is bit 7 − i mod 8 of byte ⌊i / 8⌋). */
function naiveDice(a: Uint8Array, b: Uint8Array): number {
  let [both, inA, inB] = [0, 0, 0];
  for (let i = 0; i < a.length * 8; i++) {
    const bitA = ((a[i >> 3] as number) >> (7 - (i & 7))) & 1;
    const bitB = ((b[i >> 3] as number) >> (7 - (i & 7))) & 1;
    both += bitA & bitB;
    inA += bitA;
    inB += bitB;
  }
  return inA + inB === 0 ? 0 : (2 * both) / (inA + inB);
}

/** Every pair compared, nothing pruned: what candidatePairs must return. */
function allPairsAbove(a: Uint8Array[], b: Uint8Array[], threshold: number): CandidatePair[] {
  return a.flatMap((x, i) =>
    b.flatMap((y, j) => {
      const score = naiveDice(x, y);
      return score >= threshold ? [{ a: i, b: j, score }] : [];
    }),
  );
}

function appErrorOf(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected an AppError.');
}

describe('dice', () => {
  it('matches the bit-by-bit definition for filters of 64 to 2048 bits', () => {
    fc.assert(
      fc.property(clkPair, ([a, b]) => {
        expect(dice(a, b)).toBe(naiveDice(a, b));
      }),
    );
  });

  it('gives the same score from WebAssembly as from JS, to the last bit', () => {
    fc.assert(
      fc.property(clkPair, ([a, b]) => {
        expect(Object.is(diceWasm(a, b), dice(a, b))).toBe(true);
      }),
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(clkPair, ([a, b]) => {
        expect(dice(a, b)).toBe(dice(b, a));
        expect(diceWasm(a, b)).toBe(diceWasm(b, a));
      }),
    );
  });

  it('gives 1 for a non-empty filter with itself, and 0 for two empty filters', () => {
    fc.assert(
      fc.property(clkPair, ([a]) => {
        const expected = clkPopcount(a) === 0 ? 0 : 1;
        expect(dice(a, a)).toBe(expected);
        expect(diceWasm(a, a)).toBe(expected);
      }),
    );
    expect(dice(new Uint8Array(128), new Uint8Array(128))).toBe(0);
  });

  it('scores a worked example', () => {
    const a = Uint8Array.of(0xff, 0, 0, 0, 0, 0, 0, 0);
    const b = Uint8Array.of(0x0f, 0x01, 0, 0, 0, 0, 0, 0);
    expect(dice(a, b)).toBe(8 / 13);
    expect(diceWasm(a, b)).toBe(8 / 13);
  });

  it('refuses CLKs of different lengths or of a length that is not a power of two ≥ 64 bits', () => {
    for (const compare of [dice, diceWasm]) {
      const different = appErrorOf(() => compare(new Uint8Array(8), new Uint8Array(16)));
      expect(different.code).toBe('bad_request');
      expect(different.message).toBe('The two CLKs differ in length: 64 and 128 bits.');
      expect(appErrorOf(() => compare(new Uint8Array(12), new Uint8Array(12))).message).toMatch(
        /The first CLK is 96 bits long; a CLK must be a power of two bits long, at least 64/,
      );
      expect(appErrorOf(() => compare(new Uint8Array(8), new Uint8Array(4))).message).toMatch(
        /The second CLK is 32 bits long/,
      );
    }
  });
});

describe('mayReachThreshold', () => {
  it('never rules out a pair whose score reaches the threshold', () => {
    fc.assert(
      fc.property(clkPair, thresholds, ([a, b], t) => {
        if (dice(a, b) >= t) expect(mayReachThreshold(clkPopcount(a), clkPopcount(b), t)).toBe(true);
      }),
    );
  });

  it('is tight: a filter and a subset of it reach the bound exactly', () => {
    fc.assert(
      fc.property(clkPair, ([a, b]) => {
        const subset = a.map((byte, i) => byte & (b[i] as number));
        const score = dice(a, subset);
        fc.pre(score > 0);
        expect(mayReachThreshold(clkPopcount(a), clkPopcount(subset), score)).toBe(true);
        expect(mayReachThreshold(clkPopcount(a), clkPopcount(subset), score + 1e-9)).toBe(false);
      }),
    );
  });

  it('rules out popcounts too far apart', () => {
    expect(mayReachThreshold(100, 60, 0.8)).toBe(false); // at most 120 / 160 = 0.75
    expect(mayReachThreshold(100, 67, 0.8)).toBe(true); // |d| = 33 ≤ 2·67·0.25 = 33.5
    expect(mayReachThreshold(0, 0, 0.01)).toBe(false);
  });
});

describe.each(engines)('candidatePairs with the %s engine', (engine) => {
  it('finds exactly the pairs an unpruned comparison of all pairs finds, in blocks of any size', () => {
    fc.assert(
      fc.property(filterSets, thresholds, fc.integer({ min: 1, max: 4 }), ({ a, b, bits }, t, chunkSize) => {
        const pairs = candidatePairs(packFilters(a, bits), packFilters(b, bits), t, { engine, chunkSize });
        expect(pairs).toEqual(allPairsAbove(a, b, t));
      }),
    );
  });

  it('keeps a pair whose score equals the threshold exactly', () => {
    fc.assert(
      fc.property(filterSets, fc.nat(), ({ a, b, bits }, pick) => {
        fc.pre(a.length > 0 && b.length > 0);
        const x = a[pick % a.length] as Uint8Array;
        const subset = x.map((byte, i) => byte & ((b[0] as Uint8Array)[i] as number));
        const t = dice(x, subset);
        fc.pre(t > 0);
        const pairs = candidatePairs(packFilters(a, bits), packFilters([...b, subset], bits), t, { engine });
        expect(pairs).toContainEqual({ a: pick % a.length, b: b.length, score: t });
        const reversed = candidatePairs(packFilters([...b, subset], bits), packFilters(a, bits), t, {
          engine,
        });
        expect(reversed).toContainEqual({ a: b.length, b: pick % a.length, score: t });
      }),
    );
  });

  it('keeps every pair at the edge of the popcount bound, for every popcount of 64-bit filters', () => {
    // Filter k has its k lowest bits set, so any two are nested and score exactly 2·min / (pa + pb).
    const nested = Array.from({ length: 65 }, (_, k) => {
      const clk = new Uint8Array(8);
      for (let i = 0; i < k; i++) clk[7 - (i >> 3)] = (clk[7 - (i >> 3)] as number) | (1 << (i & 7));
      return clk;
    });
    const set = packFilters(nested);
    const scores = [...new Set(nested.flatMap((x) => nested.map((y) => dice(x, y))))].filter((t) => t > 0);
    for (const t of scores.filter((_, i) => i % 7 === 0)) {
      expect(candidatePairs(set, set, t, { engine })).toEqual(allPairsAbove(nested, nested, t));
    }
  });

  it('gives the same pairs with pruning as without', () => {
    fc.assert(
      fc.property(filterSets, thresholds, ({ a, b, bits }, t) => {
        const [setA, setB] = [packFilters(a, bits), packFilters(b, bits)];
        expect(candidatePairs(setA, setB, t, { engine })).toEqual(
          candidatePairs(setA, setB, t, { engine, prune: false }),
        );
      }),
    );
  });

  it('is symmetric in its two sets', () => {
    fc.assert(
      fc.property(filterSets, thresholds, ({ a, b, bits }, t) => {
        const forward = candidatePairs(packFilters(a, bits), packFilters(b, bits), t, { engine });
        const backward = candidatePairs(packFilters(b, bits), packFilters(a, bits), t, { engine });
        const mirrored = backward.map((pair) => ({ a: pair.b, b: pair.a, score: pair.score }));
        expect(mirrored.sort((x, y) => x.a - y.a || x.b - y.b)).toEqual(forward);
      }),
    );
  });
});

describe('the two engines', () => {
  it('return identical pairs and scores', () => {
    fc.assert(
      fc.property(filterSets, thresholds, ({ a, b, bits }, t) => {
        const [setA, setB] = [packFilters(a, bits), packFilters(b, bits)];
        expect(candidatePairs(setA, setB, t, { engine: 'wasm' })).toStrictEqual(
          candidatePairs(setA, setB, t, { engine: 'js' }),
        );
      }),
    );
  });

  it('agree on blocks larger than the initial WebAssembly memory', () => {
    const random = fc.sample(clkOf(2048), { numRuns: 1200, seed: 7 });
    const [setA, setB] = [packFilters(random.slice(0, 200)), packFilters(random.slice(200))];
    const wasm = candidatePairs(setA, setB, 0.6, { engine: 'wasm', chunkSize: 1000 });
    expect(wasm).toStrictEqual(candidatePairs(setA, setB, 0.6, { engine: 'js' }));
    expect(wasm.length).toBeGreaterThan(0);
  });

  it('link every FEBRL reference CLK to itself with score 1', () => {
    const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as {
      records: { clk_b64: string }[];
    };
    const set = packFilters(vectors.records.map((record) => Buffer.from(record.clk_b64, 'base64')));
    const pairs = candidatePairs(set, set, 1);
    expect(pairs).toEqual(vectors.records.map((_, i) => ({ a: i, b: i, score: 1 })));
  });
});

describe('input checks', () => {
  const set = (bits: number, count = 1): FilterSet =>
    packFilters(Array(count).fill(new Uint8Array(bits / 8)));

  it('refuses CLKs of mixed lengths, naming the first wrong one', () => {
    const error = appErrorOf(() =>
      packFilters([new Uint8Array(128), new Uint8Array(128), new Uint8Array(64)]),
    );
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe('CLK 2 has 512 bits where the others have 1024.');
  });

  it('refuses an empty list without a length, and a length that is not a power of two', () => {
    expect(appErrorOf(() => packFilters([])).message).toMatch(/needs the filter length/);
    expect(packFilters([], 1024)).toMatchObject({ bits: 1024, count: 0 });
    expect(appErrorOf(() => packFilters([], 1000)).message).toMatch(/1000 bits long/);
    expect(appErrorOf(() => packFilters([new Uint8Array(24)])).message).toMatch(/CLK 0 is 192 bits long/);
  });

  it('refuses sets of different lengths and thresholds outside (0, 1]', () => {
    expect(appErrorOf(() => candidatePairs(set(1024), set(512), 0.8)).message).toBe(
      'The two filter sets differ in length: 1024 and 512 bits.',
    );
    for (const t of [0, -0.5, 1.01, Number.NaN]) {
      expect(appErrorOf(() => candidatePairs(set(64), set(64), t)).message).toMatch(
        /greater than 0 and at most 1/,
      );
    }
  });

  it('refuses a filter set whose parts disagree', () => {
    const broken = { ...set(64, 2), count: 3 };
    expect(appErrorOf(() => candidatePairs(broken, set(64), 0.5)).message).toMatch(
      /Filter set a is inconsistent/,
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistentTable,
  noisyCounts,
  type RandomSource,
  sampleBernoulliExp,
  sampleDiscreteGaussian,
  sampleDiscreteLaplace,
  secureRandom,
} from './differential-privacy.js';
import { BudgetExceededError, PrivacyLedger } from './privacy-ledger.js';
import { formatRational, parseEpsilon, type Rational } from './rational.js';

/** A seeded RandomSource (sfc32, 53 bits a draw, biased tail rejected): the same draws on every run. */
function seededRandom(seed: number): RandomSource {
  let [a, b, c, d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
  const next32 = () => {
    const t = (((a + b) | 0) + d + 1) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32();
  return {
    randomInt(maxExclusive) {
      const limit = 2 ** 53 - (2 ** 53 % maxExclusive);
      for (;;) {
        const draw = (next32() >>> 11) * 2 ** 32 + next32();
        if (draw < limit) return draw % maxExclusive;
      }
    },
  };
}

const draws = 20_000;

function sample(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function variance(values: readonly number[]): number {
  const centre = mean(values);
  return values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1);
}

/** Five standard errors of a proportion p estimated from `n` draws: a fixed seed either passes or not. */
const fiveStandardErrors = (p: number, n: number) => 5 * Math.sqrt((p * (1 - p)) / n);

// Rationals compared in the test by cross-multiplication, independently of the module's arithmetic.
const big = (r: Rational) => [BigInt(r.numerator), BigInt(r.denominator)] as const;
const sumOf = (x: Rational, y: Rational): [bigint, bigint] => {
  const [a, b] = big(x);
  const [c, d] = big(y);
  return [a * d + c * b, b * d];
};
const equal = ([a, b]: readonly [bigint, bigint], [c, d]: readonly [bigint, bigint]) => a * d === c * b;
const atMost = ([a, b]: readonly [bigint, bigint], [c, d]: readonly [bigint, bigint]) => a * d <= c * b;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const smallRational = fc.record({
  numerator: fc.integer({ min: 1, max: 5 }),
  denominator: fc.integer({ min: 1, max: 12 }),
});

describe('parseEpsilon', () => {
  it('reads decimals and fractions exactly, reduced', () => {
    expect(parseEpsilon('0.5')).toEqual({ numerator: 1, denominator: 2 });
    expect(parseEpsilon('1/3')).toEqual({ numerator: 1, denominator: 3 });
    expect(parseEpsilon(' 6 / 4 ')).toEqual({ numerator: 3, denominator: 2 });
    expect(parseEpsilon('2')).toEqual({ numerator: 2, denominator: 1 });
    expect(parseEpsilon('.25')).toEqual({ numerator: 1, denominator: 4 });
    expect(parseEpsilon('0.10')).toEqual({ numerator: 1, denominator: 10 });
  });

  it.each([
    '0',
    '0.0',
    '-1',
    '-0.5',
    '1e-3',
    'abc',
    '',
    '.',
    '1/0',
    '0/5',
    'Infinity',
    'NaN',
    '0.1.2',
    '1/-3',
  ])('refuses "%s", saying how to write ε', (text) => {
    expect(() => parseEpsilon(text)).toThrow(RangeError);
    expect(() => parseEpsilon(text)).toThrow(/greater than 0.*0\.5.*1\/3/);
  });

  it('refuses ε with more digits than it can keep exactly', () => {
    expect(() => parseEpsilon('0.12345678901234567')).toThrow(/too many digits/);
  });
});

describe('sampleBernoulliExp', () => {
  it.each([
    [0, 1],
    [1, 3],
    [1, 1],
    [5, 2],
    [7, 1],
    // Denominators past 2^53 after the first step: uniform draws built from several 32-bit words.
    [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER],
  ])('is true with probability exp(−%i/%i)', (numerator, denominator) => {
    const random = seededRandom(numerator * 31 + denominator);
    const expected = Math.exp(-numerator / denominator);
    const hits = sample(draws, () => (sampleBernoulliExp({ numerator, denominator }, random) ? 1 : 0));
    expect(Math.abs(mean(hits) - expected)).toBeLessThanOrEqual(fiveStandardErrors(expected, draws));
  });
});

describe('sampleDiscreteLaplace', () => {
  it.each([
    [2, 1],
    [3, 2],
    [1, 3],
  ])('draws with the discrete Laplace distribution of scale %i/%i', (numerator, denominator) => {
    const random = seededRandom(1000 + numerator * 7 + denominator);
    const noise = sample(draws, () => sampleDiscreteLaplace({ numerator, denominator }, random));
    const p = Math.exp(-denominator / numerator);
    const expectedVariance = (2 * p) / (1 - p) ** 2;
    expect(noise.every(Number.isSafeInteger)).toBe(true);
    expect(Math.abs(mean(noise))).toBeLessThanOrEqual(5 * Math.sqrt(expectedVariance / draws));
    expect(Math.abs(variance(noise) / expectedVariance - 1)).toBeLessThanOrEqual(0.08);
    for (const z of [-2, -1, 0, 1, 2]) {
      const probability = ((1 - p) / (1 + p)) * p ** Math.abs(z);
      const share = noise.filter((value) => value === z).length / draws;
      expect({ z, off: Math.abs(share - probability) <= fiveStandardErrors(probability, draws) }).toEqual({
        z,
        off: true,
      });
    }
  });

  it('is symmetric: as many draws above 0 as below', () => {
    const random = seededRandom(7);
    const noise = sample(draws, () => sampleDiscreteLaplace({ numerator: 5, denominator: 1 }, random));
    const above = noise.filter((value) => value > 0).length;
    const below = noise.filter((value) => value < 0).length;
    expect(Math.abs(above - below)).toBeLessThanOrEqual(5 * Math.sqrt(above + below));
  });

  it('refuses a scale that is not a positive fraction', () => {
    expect(() => sampleDiscreteLaplace({ numerator: 0, denominator: 1 })).toThrow(RangeError);
    expect(() => sampleDiscreteLaplace({ numerator: 1, denominator: 0.5 })).toThrow(RangeError);
  });
});

describe('sampleDiscreteGaussian', () => {
  it.each([
    [4, 1],
    [9, 4],
  ])('has variance close to σ² = %i/%i', (numerator, denominator) => {
    const random = seededRandom(2000 + numerator);
    const noise = sample(draws, () => sampleDiscreteGaussian({ numerator, denominator }, random));
    const sigma2 = numerator / denominator;
    expect(Math.abs(mean(noise))).toBeLessThanOrEqual(5 * Math.sqrt(sigma2 / draws));
    // The discrete Gaussian's variance is σ² within 1e-8 for σ² ≥ 1; the rest is sampling error.
    expect(Math.abs(variance(noise) / sigma2 - 1)).toBeLessThanOrEqual(0.06);
  });
});

describe('secureRandom', () => {
  it('draws integers within the bound, also past the 2^48 node:crypto can draw at once', () => {
    for (const bound of [1, 2, 6, 2 ** 48, 2 ** 48 + 1, Number.MAX_SAFE_INTEGER]) {
      const values = sample(50, () => secureRandom.randomInt(bound));
      expect(values.every((value) => Number.isSafeInteger(value) && value >= 0 && value < bound)).toBe(true);
    }
    expect(new Set(sample(50, () => secureRandom.randomInt(Number.MAX_SAFE_INTEGER))).size).toBeGreaterThan(
      45,
    );
    expect(() => secureRandom.randomInt(0)).toThrow(RangeError);
  });
});

describe('noisyCounts', () => {
  it('returns non-negative integers, one per count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 50 }), { maxLength: 30 }),
        smallRational,
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (counts, epsilon, sensitivity, seed) => {
          const noisy = noisyCounts(counts, epsilon, { sensitivity, random: seededRandom(seed) });
          expect(noisy).toHaveLength(counts.length);
          expect(noisy.every((cell) => Number.isSafeInteger(cell) && cell >= 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adds noise of scale sensitivity/ε, centred on the count', () => {
    const random = seededRandom(11);
    const epsilon = parseEpsilon('0.5');
    const noise = noisyCounts(new Array(draws).fill(1000), epsilon, { sensitivity: 2, random }).map(
      (c) => c - 1000,
    );
    const p = Math.exp(-1 / 4);
    const expectedVariance = (2 * p) / (1 - p) ** 2;
    expect(Math.abs(mean(noise))).toBeLessThanOrEqual(5 * Math.sqrt(expectedVariance / draws));
    expect(Math.abs(variance(noise) / expectedVariance - 1)).toBeLessThanOrEqual(0.08);
  });

  it('refuses counts that are not whole numbers and ε that is not positive', () => {
    const epsilon = { numerator: 1, denominator: 1 };
    expect(() => noisyCounts([1.5], epsilon)).toThrow(RangeError);
    expect(() => noisyCounts([-1], epsilon)).toThrow(RangeError);
    expect(() => noisyCounts([1], { numerator: 0, denominator: 1 })).toThrow(RangeError);
    expect(() => noisyCounts([1], epsilon, { sensitivity: 0 })).toThrow(RangeError);
  });
});

describe('consistentTable', () => {
  it('releases non-negative integer cells and totals added up from them', () => {
    expect(consistentTable([3, -2, 5, 1], { columns: 2 })).toEqual({
      cells: [3, 0, 5, 1],
      rowTotals: [3, 6],
      columnTotals: [8, 1],
      total: 9,
    });
  });

  it('keeps every margin equal to the sum of its released cells', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -20, max: 100 }), { minLength: 36, maxLength: 36 }),
        (rows, columns, values) => {
          const table = consistentTable(values.slice(0, rows * columns), { columns });
          const cell = (r: number, c: number) => table.cells[r * columns + c] ?? Number.NaN;
          expect(table.cells.every((value) => Number.isSafeInteger(value) && value >= 0)).toBe(true);
          for (let r = 0; r < rows; r++) {
            expect(table.rowTotals[r]).toBe(
              Array.from({ length: columns }, (_, c) => cell(r, c)).reduce((a, b) => a + b),
            );
          }
          for (let c = 0; c < columns; c++) {
            expect(table.columnTotals[c]).toBe(
              Array.from({ length: rows }, (_, r) => cell(r, c)).reduce((a, b) => a + b),
            );
          }
          expect(table.total).toBe(table.cells.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });

  it('refuses cells that do not fill whole rows', () => {
    expect(() => consistentTable([1, 2, 3], { columns: 2 })).toThrow(RangeError);
  });
});

describe('PrivacyLedger', () => {
  const at = '2025-01-31T10:00:00Z';

  it('never spends more than its budget, and a refused charge changes nothing', () => {
    fc.assert(
      fc.property(smallRational, fc.array(smallRational, { maxLength: 30 }), (budget, charges) => {
        const ledger = new PrivacyLedger(budget);
        for (const [i, epsilon] of charges.entries()) {
          const spentBefore = ledger.spent();
          const entriesBefore = ledger.entries();
          const wouldSpend = sumOf(spentBefore, epsilon);
          if (atMost(wouldSpend, big(budget))) {
            expect(ledger.charge(`release ${i}`, epsilon, at)).toHaveLength(entriesBefore.length + 1);
            expect(equal(big(ledger.spent()), wouldSpend)).toBe(true);
          } else {
            expect(() => ledger.charge(`release ${i}`, epsilon, at)).toThrow(BudgetExceededError);
            expect(ledger.spent()).toEqual(spentBefore);
            expect(ledger.entries()).toEqual(entriesBefore);
          }
          expect(atMost(big(ledger.spent()), big(budget))).toBe(true);
          expect(equal(sumOf(ledger.spent(), ledger.remaining()), big(budget))).toBe(true);
          expect(gcd(ledger.spent().numerator, ledger.spent().denominator)).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adds exactly: ten charges of 0.1 spend a budget of 1 to the last bit', () => {
    const ledger = new PrivacyLedger({ numerator: 1, denominator: 1 });
    for (let i = 0; i < 10; i++) ledger.charge(`table ${i}`, parseEpsilon('0.1'), at);
    expect(ledger.spent()).toEqual({ numerator: 1, denominator: 1 });
    expect(ledger.remaining()).toEqual({ numerator: 0, denominator: 1 });
    expect(() => ledger.charge('one more', parseEpsilon('0.001'), at)).toThrow(
      'Releasing "one more" with ε = 1/1000 would exceed the privacy budget: only ε = 0 is left.',
    );
  });

  it('says how much is left when it refuses a charge', () => {
    const ledger = new PrivacyLedger(parseEpsilon('1'), [
      { label: 'by year', epsilon: parseEpsilon('2/3'), at },
    ]);
    const refusal = (() => {
      try {
        ledger.charge('by country', parseEpsilon('0.5'), at);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(BudgetExceededError);
    expect(refusal).toMatchObject({
      requested: { numerator: 1, denominator: 2 },
      remaining: { numerator: 1, denominator: 3 },
    });
    expect(formatRational(ledger.remaining())).toBe('1/3');
  });

  it('starts from stored entries and refuses ones that already overspend', () => {
    const entries = [
      { label: 'a', epsilon: parseEpsilon('1/2'), at },
      { label: 'b', epsilon: parseEpsilon('1/3'), at },
    ];
    expect(new PrivacyLedger(parseEpsilon('1'), entries).spent()).toEqual({ numerator: 5, denominator: 6 });
    expect(() => new PrivacyLedger(parseEpsilon('0.8'), entries)).toThrow(RangeError);
  });

  it('refuses, changing nothing, a sum too fine to keep in safe integers', () => {
    const ledger = new PrivacyLedger(parseEpsilon('1'));
    ledger.charge('a', { numerator: 1, denominator: 2 ** 27 + 1 }, at);
    expect(() => ledger.charge('b', { numerator: 1, denominator: 2 ** 27 - 1 }, at)).toThrow(/too fine/);
    expect(ledger.entries().map((entry) => entry.label)).toEqual(['a']);
    expect(ledger.spent()).toEqual({ numerator: 1, denominator: 2 ** 27 + 1 });
  });

  it('hands out entries that cannot change it', () => {
    const ledger = new PrivacyLedger(parseEpsilon('1'));
    const returned = ledger.charge('a', parseEpsilon('0.5'), at);
    returned.push({ label: 'forged', epsilon: parseEpsilon('0.5'), at });
    const first = returned[0];
    if (first) first.epsilon.numerator = 0;
    expect(Object.isFrozen(ledger.entries())).toBe(true);
    expect(ledger.entries()).toEqual([{ label: 'a', epsilon: { numerator: 1, denominator: 2 }, at }]);
    expect(ledger.remaining()).toEqual({ numerator: 1, denominator: 2 });
  });
});

/**
 * Differential privacy for counts, exact: noise from the discrete Laplace (and discrete Gaussian)
 * distributions sampled with integer arithmetic and uniform integers only, as in Canonne, Kamath and
 * Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020). No floating-point Laplace,
 * whose rounding leaks (Mironov, 2012). ε is a rational number (`rational.ts`); the ledger of each
 * release's spending is `privacy-ledger.ts`.
 */
import { randomInt } from 'node:crypto';
import { checkRational, type Exact, isSafe, one, type Rational } from './rational.js';

/** Where the samplers get uniform integers. Tests inject a seeded one. */
export interface RandomSource {
  /** A uniform integer from 0 to `maxExclusive − 1`; `maxExclusive` is a safe integer of at least 1. */
  randomInt(maxExclusive: number): number;
}

/** node:crypto's randomInt draws below at most 2^48 − 1. */
const maxCryptoBound = 2 ** 48 - 1;
const twoTo53 = 2 ** 53;

/**
 * Uniform integers from the operating system's cryptographic random source (`node:crypto`).
 *
 * @example
 * secureRandom.randomInt(6); // 0 to 5
 */
export const secureRandom: RandomSource = {
  randomInt(maxExclusive) {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1) {
      throw new RangeError(`randomInt needs a whole number bound of at least 1, not ${maxExclusive}.`);
    }
    if (maxExclusive <= maxCryptoBound) return randomInt(maxExclusive);
    // Beyond what node:crypto draws at once: 53 bits from two draws, rejecting the tail that would bias.
    const limit = twoTo53 - (twoTo53 % maxExclusive);
    for (;;) {
      const draw = randomInt(2 ** 29) * 2 ** 24 + randomInt(2 ** 24);
      if (draw < limit) return draw % maxExclusive;
    }
  },
};

/** A uniform BigInt from 0 to bound − 1, from 32-bit draws past 2^53, rejecting the biased tail. */
function uniformBelow(bound: bigint, random: RandomSource): bigint {
  if (bound <= BigInt(Number.MAX_SAFE_INTEGER)) return BigInt(random.randomInt(Number(bound)));
  let words = 0n;
  while (1n << (32n * words) < bound) words += 1n;
  const span = 1n << (32n * words);
  const limit = span - (span % bound);
  for (;;) {
    let draw = 0n;
    for (let word = 0n; word < words; word++) draw = (draw << 32n) | BigInt(random.randomInt(2 ** 32));
    if (draw < limit) return draw % bound;
  }
}

/** Bernoulli(num/den), num ≤ den. */
function bernoulli(p: Exact, random: RandomSource): boolean {
  return uniformBelow(p.den, random) < p.num;
}

/** Bernoulli(exp(−γ)) for γ in [0, 1]: CKS Algorithm 1, the parity of the first failed Bernoulli(γ/k). */
function bernoulliExpAtMostOne(gamma: Exact, random: RandomSource): boolean {
  let k = 1n;
  while (bernoulli({ num: gamma.num, den: gamma.den * k }, random)) k += 1n;
  return k % 2n === 1n;
}

/** Bernoulli(exp(−γ)) for γ ≥ 0: exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)), stopping at the first 0. */
function bernoulliExp(gamma: Exact, random: RandomSource): boolean {
  let num = gamma.num;
  while (num > gamma.den) {
    if (!bernoulliExpAtMostOne(one, random)) return false;
    num -= gamma.den;
  }
  return bernoulliExpAtMostOne({ num, den: gamma.den }, random);
}

/**
 * True with probability exactly exp(−γ), for a rational γ ≥ 0 (numerator may be 0).
 *
 * @example
 * sampleBernoulliExp({ numerator: 1, denominator: 2 }); // true about 61% of the time
 */
export function sampleBernoulliExp(gamma: Rational, random: RandomSource = secureRandom): boolean {
  return bernoulliExp(checkRational(gamma, 'γ', { positive: false }), random);
}

/** Discrete Laplace with scale t/s: CKS Algorithm 2. P(z) ∝ exp(−|z|·s/t). */
function discreteLaplace(s: bigint, t: bigint, random: RandomSource): bigint {
  for (;;) {
    const u = uniformBelow(t, random);
    if (!bernoulliExp({ num: u, den: t }, random)) continue;
    let v = 0n;
    while (bernoulliExp(one, random)) v += 1n;
    const magnitude = (u + t * v) / s;
    const negative = random.randomInt(2) === 1;
    if (negative && magnitude === 0n) continue;
    return negative ? -magnitude : magnitude;
  }
}

function toSafeNumber(value: bigint): number {
  if (!isSafe(value))
    throw new RangeError('The noise drawn is beyond the safe integers; the scale is far too large.');
  return Number(value);
}

/**
 * An integer z drawn with probability proportional to exp(−|z| / scale), exactly: the discrete Laplace
 * distribution. For a count with sensitivity Δ under ε, the scale is Δ/ε.
 *
 * @example
 * sampleDiscreteLaplace({ numerator: 2, denominator: 1 }); // e.g. -1; variance ≈ 7.8
 */
export function sampleDiscreteLaplace(scale: Rational, random: RandomSource = secureRandom): number {
  const { num, den } = checkRational(scale, 'The scale', { positive: true });
  return toSafeNumber(discreteLaplace(den, num, random));
}

/** ⌊√n⌋ for n ≥ 0, by Newton's method on BigInt. */
function integerSquareRoot(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/**
 * An integer z drawn with probability proportional to exp(−z² / (2σ²)), exactly: the discrete Gaussian
 * (CKS Algorithm 3, by rejection from the discrete Laplace with scale ⌊σ⌋ + 1). σ² is rational.
 *
 * @example
 * sampleDiscreteGaussian({ numerator: 4, denominator: 1 }); // e.g. 2; variance ≈ 4
 */
export function sampleDiscreteGaussian(sigma2: Rational, random: RandomSource = secureRandom): number {
  const { num: p, den: q } = checkRational(sigma2, 'σ²', { positive: true });
  const t = integerSquareRoot(p / q) + 1n;
  for (;;) {
    const y = discreteLaplace(1n, t, random);
    // (|y| − σ²/t)² / (2σ²) with σ² = p/q is (|y|·q·t − p)² / (2·p·q·t²).
    const distance = (y < 0n ? -y : y) * q * t - p;
    if (bernoulliExp({ num: distance * distance, den: 2n * p * q * t * t }, random)) return toSafeNumber(y);
  }
}

/** A released table: non-negative integer cells, and margins added up from those cells. */
export interface ReleasedTable {
  /** Row-major, as given. */
  cells: number[];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/**
 * Post-processes noisy cells for release: each cell is rounded to an integer and raised to 0 if below,
 * and every total is added up from the released cells, so the table is consistent by construction (a
 * total is never noised separately). Post-processing costs no privacy; raising negative cells to 0 does
 * bias small cells and totals upwards.
 *
 * @example
 * consistentTable([3, -2, 5, 1], { columns: 2 });
 * // { cells: [3, 0, 5, 1], rowTotals: [3, 6], columnTotals: [8, 1], total: 9 }
 */
export function consistentTable(
  noisyCells: readonly number[],
  options: { columns?: number } = {},
): ReleasedTable {
  const columns = options.columns ?? Math.max(1, noisyCells.length);
  if (!Number.isSafeInteger(columns) || columns < 1 || noisyCells.length % columns !== 0) {
    throw new RangeError(`${noisyCells.length} cells cannot be laid out in rows of ${columns}.`);
  }
  const cells = noisyCells.map((cell) => {
    if (!Number.isFinite(cell)) throw new RangeError(`A noisy cell must be a finite number, not ${cell}.`);
    return Math.max(0, Math.round(cell));
  });
  const rowTotals = Array.from({ length: cells.length / columns }, (_, row) =>
    cells.slice(row * columns, (row + 1) * columns).reduce((sum, cell) => sum + cell, 0),
  );
  const columnTotals = Array.from({ length: columns }, (_, column) =>
    cells.reduce((sum, cell, i) => (i % columns === column ? sum + cell : sum), 0),
  );
  return { cells, rowTotals, columnTotals, total: rowTotals.reduce((sum, cell) => sum + cell, 0) };
}

/**
 * ε-differentially private counts of a histogram: discrete Laplace noise with scale sensitivity/ε added
 * to each cell, then cells below 0 raised to 0. With each person counted in one cell, adding or removing
 * a person changes the whole vector by 1, so the default sensitivity 1 covers the whole histogram.
 *
 * @example
 * noisyCounts([12, 0, 7], parseEpsilon('0.5')); // e.g. [14, 1, 5]
 */
export function noisyCounts(
  counts: readonly number[],
  epsilon: Rational,
  options: { sensitivity?: number; random?: RandomSource } = {},
): number[] {
  const { num, den } = checkRational(epsilon, 'ε', { positive: true });
  const sensitivity = options.sensitivity ?? 1;
  if (!Number.isSafeInteger(sensitivity) || sensitivity < 1) {
    throw new RangeError(`The sensitivity must be a whole number of at least 1, not ${sensitivity}.`);
  }
  const random = options.random ?? secureRandom;
  const noisy = counts.map((count) => {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`A count must be a non-negative whole number, not ${count}.`);
    }
    // scale Δ/ε = Δ·den/num, i.e. t = Δ·den and s = num in CKS's notation.
    return toSafeNumber(BigInt(count) + discreteLaplace(num, BigInt(sensitivity) * den, random));
  });
  return consistentTable(noisy).cells;
}

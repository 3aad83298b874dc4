/**
 * Differential privacy for counts, exact: noise from the discrete Laplace (and discrete Gaussian)
 * distributions sampled with integer arithmetic and uniform integers only, as in Canonne, Kamath and
 * Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020). No floating-point Laplace,
 * whose rounding leaks (Mironov, 2012). ε is a rational number, and a ledger keeps each release's spending
 * within its budget exactly.
 */
import { randomInt } from 'node:crypto';

/** A rational number: numerator and denominator are safe integers, the denominator at least 1. */
export interface Rational {
  numerator: number;
  denominator: number;
}

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

/** A rational in BigInt, for exact arithmetic past 2^53. Not necessarily reduced. */
interface Exact {
  num: bigint;
  den: bigint;
}

const one: Exact = { num: 1n, den: 1n };

function checkRational(value: Rational, what: string, { positive }: { positive: boolean }): Exact {
  const { numerator, denominator } = value;
  const least = positive ? 1 : 0;
  if (
    !Number.isSafeInteger(numerator) ||
    numerator < least ||
    !Number.isSafeInteger(denominator) ||
    denominator < 1
  ) {
    const kind = positive ? 'positive' : 'non-negative';
    throw new RangeError(
      `${what} must be a ${kind} fraction of whole numbers, not ${numerator}/${denominator}.`,
    );
  }
  return { num: BigInt(numerator), den: BigInt(denominator) };
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

function reduce({ num, den }: Exact): Exact {
  const divisor = gcd(num, den);
  return divisor === 0n ? { num: 0n, den: 1n } : { num: num / divisor, den: den / divisor };
}

function add(a: Exact, b: Exact): Exact {
  return reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
}

function subtract(a: Exact, b: Exact): Exact {
  return reduce({ num: a.num * b.den - b.num * a.den, den: a.den * b.den });
}

function exceeds(a: Exact, b: Exact): boolean {
  return a.num * b.den > b.num * a.den;
}

const isSafe = (value: bigint) =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);

/** A reduced rational back in safe integers, or undefined when it does not fit. */
function toRational(value: Exact): Rational | undefined {
  const { num, den } = reduce(value);
  return isSafe(num) && isSafe(den) ? { numerator: Number(num), denominator: Number(den) } : undefined;
}

/**
 * A rational as a person writes it: "1/3", or "2" when it is whole.
 *
 * @example
 * formatRational({ numerator: 1, denominator: 3 }); // '1/3'
 */
export function formatRational({ numerator, denominator }: Rational): string {
  return denominator === 1 ? `${numerator}` : `${numerator}/${denominator}`;
}

/** "n/d", unreduced; undefined if the text is not a fraction of whole numbers. */
function readFraction(text: string): Exact | undefined {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  return match ? { num: BigInt(match[1] ?? '0'), den: BigInt(match[2] ?? '1') } : undefined;
}

/** "2", "0.25", ".25" as n/10^d, unreduced; undefined if the text is not such a decimal. */
function readDecimal(text: string): Exact | undefined {
  const match = /^(\d*)(?:\.(\d+))?$/.exec(text);
  const [whole, decimals] = [match?.[1] ?? '', match?.[2] ?? ''];
  if (whole === '' && decimals === '') return undefined;
  return { num: BigInt(`${whole}${decimals}`), den: 10n ** BigInt(decimals.length) };
}

/**
 * Reads ε as a positive decimal ("0.5", "2", ".25") or fraction ("1/3"), exactly. Anything else (zero,
 * negatives, exponents, "Infinity") is refused with a RangeError that says what to write instead.
 *
 * @example
 * parseEpsilon('0.5'); // { numerator: 1, denominator: 2 }
 * parseEpsilon('1/3'); // { numerator: 1, denominator: 3 }
 */
export function parseEpsilon(text: string): Rational {
  const exact = readFraction(text.trim()) ?? readDecimal(text.trim());
  if (exact === undefined || exact.num === 0n || exact.den === 0n) {
    throw new RangeError(
      `ε must be a number greater than 0, written as a decimal such as 0.5 or a fraction such as 1/3, not "${text}".`,
    );
  }
  const rational = toRational(exact);
  if (rational === undefined) {
    throw new RangeError(`ε "${text}" has too many digits to be used exactly; round it, e.g. to 0.001.`);
  }
  return rational;
}

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

/** One release's spending of ε. */
export interface LedgerEntry {
  /** What was released, e.g. 'Victims by year and sex, 2024'. */
  label: string;
  epsilon: Rational;
  /** When, as an ISO 8601 timestamp. */
  at: string;
}

/** A charge that would spend more ε than the budget has left. */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
  readonly requested: Rational;
  readonly remaining: Rational;

  constructor(label: string, requested: Rational, remaining: Rational) {
    super(
      `Releasing "${label}" with ε = ${formatRational(requested)} would exceed the privacy budget: ` +
        `only ε = ${formatRational(remaining)} is left. Use a smaller ε or release less.`,
    );
    this.requested = requested;
    this.remaining = remaining;
  }
}

/**
 * The ε a dataset's releases have spent, against its budget, in exact rational arithmetic (BigInt inside).
 * A charge that would exceed the budget is refused and changes nothing; the ledger never holds more
 * spending than its budget.
 *
 * @example
 * const ledger = new PrivacyLedger({ numerator: 1, denominator: 1 });
 * ledger.charge('Victims by year', parseEpsilon('0.25'), '2025-01-31T10:00:00Z');
 * formatRational(ledger.remaining()); // '3/4'
 */
export class PrivacyLedger {
  readonly #budget: Exact;
  #spent: Exact = { num: 0n, den: 1n };
  #entries: ReadonlyArray<Readonly<LedgerEntry>> = [];

  /** Throws a RangeError if the budget is not positive or the prior entries already spend more than it. */
  constructor(budget: Rational, entries: readonly LedgerEntry[] = []) {
    this.#budget = reduce(checkRational(budget, 'The budget', { positive: true }));
    for (const entry of entries) {
      this.#record(entry);
      if (exceeds(this.#spent, this.#budget)) {
        throw new RangeError(
          `The ledger's entries spend more than its budget of ε = ${formatRational(budget)} (at "${entry.label}").`,
        );
      }
    }
  }

  /**
   * The budget, reduced.
   *
   * @example
   * new PrivacyLedger({ numerator: 2, denominator: 4 }).budget(); // { numerator: 1, denominator: 2 }
   */
  budget(): Rational {
    return toRational(this.#budget) as Rational; // reduced from a Rational, so it fits
  }

  /**
   * The exact sum of the entries' ε, reduced.
   *
   * @example
   * ledger.spent(); // { numerator: 1, denominator: 4 }
   */
  spent(): Rational {
    return toRational(this.#spent) as Rational; // #record keeps it within safe integers
  }

  /**
   * Budget minus spent, reduced; { numerator: 0, denominator: 1 } when all is spent.
   *
   * @example
   * ledger.remaining(); // { numerator: 3, denominator: 4 }
   */
  remaining(): Rational {
    return toRational(subtract(this.#budget, this.#spent)) as Rational; // between 0 and the budget
  }

  /**
   * Records a release's ε and returns all entries, for storing; throws BudgetExceededError, changing
   * nothing, when the charge would spend more than is left.
   *
   * @example
   * ledger.charge('Victims by country', { numerator: 1, denominator: 10 }, '2025-02-01T09:00:00Z');
   */
  charge(label: string, epsilon: Rational, at: string): LedgerEntry[] {
    const requested = reduce(checkRational(epsilon, 'ε', { positive: true }));
    if (exceeds(add(this.#spent, requested), this.#budget)) {
      throw new BudgetExceededError(label, toRational(requested) as Rational, this.remaining()); // reduced ε
    }
    this.#record({ label, epsilon, at });
    return this.entries().map((entry) => ({ ...entry, epsilon: { ...entry.epsilon } }));
  }

  /**
   * The entries so far, oldest first.
   *
   * @example
   * ledger.entries().map((entry) => entry.label); // ['Victims by year']
   */
  entries(): ReadonlyArray<Readonly<LedgerEntry>> {
    return this.#entries;
  }

  #record(entry: LedgerEntry): void {
    const spent = add(this.#spent, checkRational(entry.epsilon, `ε of "${entry.label}"`, { positive: true }));
    if (toRational(spent) === undefined) {
      throw new RangeError(
        `Adding ε = ${formatRational(entry.epsilon)} makes a sum too fine to keep exactly; use ε with fewer digits.`,
      );
    }
    const frozen = Object.freeze({ ...entry, epsilon: Object.freeze({ ...entry.epsilon }) });
    this.#entries = Object.freeze([...this.#entries, frozen]);
    this.#spent = spent;
  }
}

import { AppError } from '../platform/errors.js';
import { seededRandom } from './seeded-random.js';

/**
 * Blocking for CLK linkage: λ-fold locality-sensitive hashing on the Bloom filters (bit sampling, the
 * Hamming LSH of Indyk & Motwani 1998, as used on CLKs by Karapiperis & Verykios 2015). Each of λ tables
 * keys a filter by k of its bit positions, drawn with a seeded random source; two filters become a
 * candidate pair when they share the key in at least one table. Only candidates are compared, instead of
 * every pair.
 *
 * Why it finds the pairs that matter: for filters a and b of l bits whose bits agree (both 0 or both 1) at
 * a fraction p of positions, a position drawn uniformly at random agrees with probability p. Positions are
 * drawn with replacement and independently for every table, so a pair shares a table's key with
 * probability p^k and is found with probability
 *
 *   P(found) = 1 − (1 − p^k)^λ.
 *
 * The agreement follows from the Dice coefficient and the popcounts: the Hamming distance is
 * |a| + |b| − 2·|a ∧ b| = (|a| + |b|)·(1 − Dice), so p = 1 − (|a| + |b|)·(1 − Dice) / l; with both filters
 * at density d (|a| = |b| = d·l), p = 1 − 2·d·(1 − Dice). Unrelated filters of density d agree at
 * q = d² + (1 − d)² of positions, which is what makes them unlikely to collide.
 *
 * For large sets use `linkWithBlocking` (`blocked-linkage.ts`) instead: `candidateBlocks` returns every
 * candidate as a tuple (out of memory from about 20,000 × 20,000), and on real CLKs unrelated filters
 * agree at more than d² + (1 − d)² (bits are correlated through shared tokens), so plans from
 * `chooseLshParameters` without a measured `unrelatedAgreement` yield more candidates than expected.
 */

/** Two records that may match: an index into the first party's filters and one into the second's. */
export type CandidatePair = readonly [aIndex: number, bIndex: number];

/** The shape of the hash tables. Both parties must use the same options (and so the same positions). */
export interface LshOptions {
  /** λ: number of hash tables; more tables find more pairs and cost more. */
  readonly lambda: number;
  /** k: bits sampled per table key (1–52); more bits make keys rarer, so fewer unrelated pairs collide. */
  readonly k: number;
  /** Seed of the random source that draws the positions; fixed, so every run blocks the same way. */
  readonly seed: number;
}

/** Largest k: a key of k bits is kept exactly in a JavaScript number. */
const maxKeyBits = 52;

function checkOptions(options: LshOptions): void {
  const { lambda, k, seed } = options;
  if (!Number.isInteger(lambda) || lambda < 1) {
    throw new AppError('bad_request', 'LSH blocking needs a whole number of tables (lambda ≥ 1).');
  }
  if (!Number.isInteger(k) || k < 1 || k > maxKeyBits) {
    throw new AppError('bad_request', `LSH blocking needs k between 1 and ${maxKeyBits} bits a key.`);
  }
  if (!Number.isInteger(seed)) throw new AppError('bad_request', 'The LSH seed must be a whole number.');
}

/**
 * The bit positions of every table: λ lists of k positions in [0, bits), drawn with replacement from the
 * seeded random source, so the same options give the same tables on every party's side.
 *
 * @example
 * sampleBitPositions(1024, { lambda: 2, k: 3, seed: 7 }); // [[11, 63, 1000], [715, 533, 415]]
 */
export function sampleBitPositions(bits: number, options: LshOptions): number[][] {
  checkOptions(options);
  const next = seededRandom(options.seed);
  return Array.from({ length: options.lambda }, () =>
    Array.from({ length: options.k }, () => Math.floor(next() * bits)),
  );
}

/** The key of a filter in one table: its bits at `positions`, read as a binary number. */
function keyOf(filter: Uint8Array, positions: readonly number[]): number {
  let key = 0;
  for (const position of positions) {
    // Bit i is bit 7 − i mod 8 of byte ⌊i / 8⌋, as the CLK encoder packs it.
    key = key * 2 + (((filter[position >> 3] as number) >> (7 - (position & 7))) & 1);
  }
  return key;
}

/** The common filter length in bits; throws when the filters differ in length. */
function filterBits(a: readonly Uint8Array[], b: readonly Uint8Array[]): number {
  const first = a[0] ?? b[0];
  const bytes = first?.length ?? 0;
  for (const filter of [...a, ...b]) {
    if (filter.length !== bytes) {
      throw new AppError('bad_request', 'All CLKs must have the same length to be blocked together.');
    }
  }
  return bytes * 8;
}

/**
 * Candidate pairs by λ-fold LSH: every (i, j) such that `a[i]` and `b[j]` share a key in at least one
 * table, each pair once, ordered by i and then j. A pair whose bits agree at a fraction p of positions is
 * found with probability 1 − (1 − p^k)^λ (see {@link lshFindProbability}).
 *
 * @example
 * const pairs = candidateBlocks(clksOfA, clksOfB, { lambda: 60, k: 12, seed: 1 });
 * pairs[0]; // [0, 17]
 */
export function candidateBlocks(
  a: readonly Uint8Array[],
  b: readonly Uint8Array[],
  options: LshOptions,
): CandidatePair[] {
  checkOptions(options);
  if (a.length === 0 || b.length === 0) return [];
  const tables = sampleBitPositions(filterBits(a, b), options);
  const buckets = tables.map((positions) => {
    const bucket = new Map<number, number[]>();
    for (const [j, filter] of b.entries()) {
      const key = keyOf(filter, positions);
      const members = bucket.get(key);
      if (members) members.push(j);
      else bucket.set(key, [j]);
    }
    return bucket;
  });
  const pairs: CandidatePair[] = [];
  // seenBy[j] = i + 1 once (i, j) is taken, so each pair is emitted once however many tables share it.
  const seenBy = new Int32Array(b.length);
  for (const [i, filter] of a.entries()) {
    const found: number[] = [];
    for (const [t, positions] of tables.entries()) {
      for (const j of buckets[t]?.get(keyOf(filter, positions)) ?? []) {
        if (seenBy[j] === i + 1) continue;
        seenBy[j] = i + 1;
        found.push(j);
      }
    }
    found.sort((x, y) => x - y);
    for (const j of found) pairs.push([i, j]);
  }
  return pairs;
}

/**
 * The probability that λ-fold bit-sampling LSH finds a pair whose bits agree at a fraction `agreement`
 * of positions: 1 − (1 − p^k)^λ.
 *
 * @example
 * lshFindProbability(0.9, { lambda: 20, k: 10 }); // 0.9998…
 */
export function lshFindProbability(agreement: number, options: Pick<LshOptions, 'lambda' | 'k'>): number {
  return 1 - (1 - agreement ** options.k) ** options.lambda;
}

/**
 * The fraction of agreeing bits of two filters of density `density` (set bits / l) at a Dice
 * coefficient `dice`: 1 − 2·d·(1 − Dice). Denser filters agree less at the same Dice.
 *
 * @example
 * bitAgreementAtDice(0.8, 0.7); // 0.72
 */
export function bitAgreementAtDice(dice: number, density: number): number {
  return 1 - 2 * density * (1 - dice);
}

/** What blocking must achieve, and the sizes it works on. */
export interface LshTarget {
  /** Dice coefficient from which pairs count as matches (the matching threshold). */
  readonly threshold: number;
  /** Probability with which every pair at or above the threshold must be found, e.g. 0.98. */
  readonly recall: number;
  /** Fraction of bits set in the filters; use a high quantile, since denser filters agree less. */
  readonly density: number;
  /** Number of pairs all-pairs comparison would make (|A|·|B|). */
  readonly pairs: number;
  /** Number of filters hashed into every table (|A| + |B|). */
  readonly records: number;
  /** Cost of keying one filter in one table, in Dice comparisons; 1 unless measured otherwise. */
  readonly keyCost?: number;
  /** Agreement of unrelated filters; d² + (1 − d)² (independent bits) unless measured. */
  readonly unrelatedAgreement?: number;
  /** Most tables to consider. */
  readonly maxTables?: number;
}

/** The chosen table shape and what it is expected to do. */
export interface LshPlan {
  readonly lambda: number;
  readonly k: number;
  /** Agreement p of a pair exactly at the threshold: 1 − 2·d·(1 − t). */
  readonly agreementAtThreshold: number;
  /** 1 − (1 − p^k)^λ at the threshold: at least `recall`; pairs above the threshold do better. */
  readonly foundAtThreshold: number;
  /** Expected comparisons: λ · pairs · q^k (an upper bound, pairs sharing several tables count once). */
  readonly expectedCandidates: number;
}

/**
 * The cheapest (λ, k) that finds every pair at or above a Dice threshold with probability ≥ `recall`.
 * For each k, the fewest tables that reach the target are λ(k) = ⌈ln(1 − recall) / ln(1 − p^k)⌉ (from
 * P(found) = 1 − (1 − p^k)^λ); the plan keeps the k with the least expected work,
 * λ(k) · (pairs · q^k + records · keyCost), where q is the agreement of unrelated filters. Returns
 * undefined when no k reaches the target within `maxTables`.
 *
 * @example
 * chooseLshParameters({ threshold: 0.8, recall: 0.98, density: 0.7, pairs: 4e6, records: 5000 });
 * // { lambda: 144, k: 11, agreementAtThreshold: 0.72, foundAtThreshold: 0.9805, expectedCandidates: 1439231 }
 */
export function chooseLshParameters(target: LshTarget): LshPlan | undefined {
  const { threshold, recall, density, pairs, records, keyCost = 1, maxTables = 10_000 } = target;
  const p = bitAgreementAtDice(threshold, density);
  const q = target.unrelatedAgreement ?? density ** 2 + (1 - density) ** 2;
  let best: (LshPlan & { cost: number }) | undefined;
  if (!(p > 0)) return undefined;
  for (let k = 1; k <= maxKeyBits; k++) {
    const tables = Math.ceil(Math.log(1 - recall) / Math.log(1 - p ** k));
    // p^k too small to register (1 − p^k rounds to 1) gives an infinite count: no plan with this k.
    if (!Number.isFinite(tables) || tables > maxTables) continue;
    const lambda = Math.max(1, tables);
    const expectedCandidates = Math.min(pairs, lambda * pairs * q ** k);
    const cost = expectedCandidates + lambda * records * keyCost;
    if (best !== undefined && cost >= best.cost) continue;
    const foundAtThreshold = lshFindProbability(p, { lambda, k });
    best = { lambda, k, agreementAtThreshold: p, foundAtThreshold, expectedCandidates, cost };
  }
  if (best === undefined) return undefined;
  const { cost: _cost, ...plan } = best;
  return plan;
}

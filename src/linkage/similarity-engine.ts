/**
 * The engines that compute Dice scores of one query filter against a block of filters: WebAssembly
 * (`wasm/dice-kernel.ts`) and the pure-JS fallback here. Both compute the same integers and the same
 * f64 division, so they give identical scores.
 */

/** The engine names `candidatePairs` accepts. */
export type DiceEngineName = 'wasm' | 'js';

/** Where an engine stages queries and a block of filters; valid until the engine's next `reserve`. */
export interface DiceBlock {
  /** The (first) query filter's bytes. */
  readonly query: Uint8Array;
  /** `queryCapacity` query filters, one after another; the first is `query`. */
  readonly queries: Uint8Array;
  /** `capacity` filters of the reserved length, one after another. */
  readonly filters: Uint8Array;
  /** The popcount of each staged filter. */
  readonly popcounts: Uint32Array;
}

/** Called for each filter whose score reaches the threshold, with its index in the block. */
export type HitListener = (index: number, score: number) => void;

/** Called for each (query, filter) whose score reaches the threshold, with their indexes. */
export type QueryHitListener = (query: number, index: number, score: number) => void;

/** For staged queries 0…count − 1: the popcount of each and the range of filters [from, to) to compare. */
export interface QueryWindows {
  readonly count: number;
  readonly popcounts: Uint32Array;
  readonly from: Uint32Array;
  readonly to: Uint32Array;
}

/** A Dice kernel over a staged block of filters. */
export interface DiceEngine {
  readonly name: DiceEngineName;
  /**
   * Makes room for `queryCapacity` queries (default 1) and `capacity` filters of `bytesPerFilter`
   * bytes (a multiple of 8) and returns where to write them. Earlier views may be invalid afterwards.
   */
  reserve(bytesPerFilter: number, capacity: number, queryCapacity?: number): DiceBlock;
  /**
   * Compares the staged query, whose popcount is `queryPopcount`, with staged filters `from` to
   * `to − 1`, calling `onHit` in block order for every score ≥ `threshold`. The score is
   * 2·|q ∧ f| / (|q| + |f|) in f64; a pair whose popcounts sum to 0 is never a hit.
   */
  scan(queryPopcount: number, from: number, to: number, threshold: number, onHit: HitListener): void;
  /**
   * What `scan` does, for each staged query q < `windows.count` with the filters from `windows.from[q]`
   * to `windows.to[q]` − 1, calling `onHit` in order of query, then filter.
   */
  scanQueries(windows: QueryWindows, threshold: number, onHit: QueryHitListener): void;
}

/** A bound no intersection reaches: the popcount sum admits no hit. */
export const noHit = 0xffff_ffff;

/**
 * For every popcount sum s in 0…2·bits, the least intersection i ≤ bits with 2·i / s ≥ `threshold` in
 * f64 — the very test the JS engine makes on its score — or `noHit` (s = 0, or no i is enough). The
 * f64 quotient of an exact numerator by a fixed divisor never decreases as the numerator grows, so for
 * any intersection i: i ≥ bounds[s] exactly when 2·i / s ≥ threshold. Found by binary search.
 *
 * @example
 * leastIntersections(64, 0.8)[100]; // 40: 2·40 / 100 = 0.8
 */
export function leastIntersections(bits: number, threshold: number): Uint32Array {
  const bounds = new Uint32Array(2 * bits + 1).fill(noHit);
  for (let sum = 1; sum <= 2 * bits; sum++) {
    const reaches = (inter: number) => (2 * inter) / sum >= threshold;
    if (!reaches(bits)) continue;
    let [lo, hi] = [0, bits];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (reaches(mid)) hi = mid;
      else lo = mid + 1;
    }
    bounds[sum] = lo;
  }
  return bounds;
}

/**
 * The number of bits set in a 32-bit word (SWAR: sums of 2, 4, 8 bits, then a multiply adds the bytes).
 *
 * @example
 * popcount32(0xf0f0_0001); // 9
 */
export function popcount32(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The number of bits set in `bytes` (its length a multiple of 4, its offset 4-byte aligned). */
export function popcountAligned(bytes: Uint8Array): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  let count = 0;
  for (let i = 0; i < words.length; i++) count += popcount32(words[i] as number);
  return count;
}

/**
 * |q ∧ f| for the `words` 32-bit words of f from `start`, `words` even (filters are ≥ 64 bits). Two
 * words share the last SWAR steps: their 4-bit counts (≤ 4 each) add up without overflow.
 */
function intersectionPopcount(q: Uint32Array, f: Uint32Array, start: number, words: number): number {
  let count = 0;
  for (let w = 0, i = start; w < words; w += 2, i += 2) {
    let x = (q[w] as number) & (f[i] as number);
    let y = (q[w + 1] as number) & (f[i + 1] as number);
    x -= (x >>> 1) & 0x55555555;
    y -= (y >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    y = (y & 0x33333333) + ((y >>> 2) & 0x33333333);
    x += y;
    x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
    count += Math.imul(x, 0x01010101) >>> 24;
  }
  return count;
}

/** The pure-JS engine: 32-bit words and SWAR popcounts over buffers of its own. */
export function createJsDiceEngine(): DiceEngine {
  let buffer = new ArrayBuffer(0);
  let queries = new Uint32Array(0);
  let filters = new Uint32Array(0);
  let popcounts = new Uint32Array(0);
  let wordsPerFilter = 0;
  /** Query q (its words from q · wordsPerFilter) against filters [from, to). */
  const scanQuery = (
    q: number,
    queryPopcount: number,
    [from, to]: readonly [number, number],
    threshold: number,
    onHit: QueryHitListener,
  ) => {
    // Locals, not the closure's variables, so the optimiser can keep them in registers.
    const f = filters;
    const p = popcounts;
    const words = wordsPerFilter;
    const query = queries.subarray(q * words, (q + 1) * words);
    for (let j = from; j < to; j++) {
      const sum = queryPopcount + (p[j] as number);
      if (sum === 0) continue;
      const inter = intersectionPopcount(query, f, j * words, words);
      // The same f64 operation as the WebAssembly engine: both integers are exact in f64.
      const score = (2 * inter) / sum;
      if (score >= threshold) onHit(q, j, score);
    }
  };
  return {
    name: 'js',
    reserve(bytesPerFilter, capacity, queryCapacity = 1) {
      const queryBytes = bytesPerFilter * queryCapacity;
      const needed = queryBytes + bytesPerFilter * capacity + 4 * capacity;
      if (buffer.byteLength < needed) buffer = new ArrayBuffer(needed);
      wordsPerFilter = bytesPerFilter >>> 2;
      queries = new Uint32Array(buffer, 0, queryBytes >>> 2);
      filters = new Uint32Array(buffer, queryBytes, wordsPerFilter * capacity);
      popcounts = new Uint32Array(buffer, queryBytes + bytesPerFilter * capacity, capacity);
      return {
        query: new Uint8Array(buffer, 0, bytesPerFilter),
        queries: new Uint8Array(buffer, 0, queryBytes),
        filters: new Uint8Array(buffer, queryBytes, bytesPerFilter * capacity),
        popcounts,
      };
    },
    scan(queryPopcount, from, to, threshold, onHit) {
      scanQuery(0, queryPopcount, [from, to], threshold, (_q, index, score) => onHit(index, score));
    },
    scanQueries(windows, threshold, onHit) {
      for (let q = 0; q < windows.count; q++) {
        const range = [windows.from[q] as number, windows.to[q] as number] as const;
        scanQuery(q, windows.popcounts[q] as number, range, threshold, onHit);
      }
    },
  };
}

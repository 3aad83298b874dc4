/**
 * The engines that compute Dice scores of one query filter against a block of filters: WebAssembly
 * (`wasm/dice-kernel.ts`) and the pure-JS fallback here. Both compute the same integers and the same
 * f64 division, so they give identical scores.
 */

/** The engine names `candidatePairs` accepts. */
export type DiceEngineName = 'wasm' | 'js';

/** Where an engine stages a query and a block of filters; valid until the engine's next `reserve`. */
export interface DiceBlock {
  /** The query filter's bytes. */
  readonly query: Uint8Array;
  /** `capacity` filters of the reserved length, one after another. */
  readonly filters: Uint8Array;
  /** The popcount of each staged filter. */
  readonly popcounts: Uint32Array;
}

/** Called for each filter whose score reaches the threshold, with its index in the block. */
export type HitListener = (index: number, score: number) => void;

/** A Dice kernel over a staged block of filters. */
export interface DiceEngine {
  readonly name: DiceEngineName;
  /**
   * Makes room for a query and `capacity` filters of `bytesPerFilter` bytes (a multiple of 8) and
   * returns where to write them. Earlier views may be invalid afterwards.
   */
  reserve(bytesPerFilter: number, capacity: number): DiceBlock;
  /**
   * Compares the staged query, whose popcount is `queryPopcount`, with staged filters `from` to
   * `to − 1`, calling `onHit` in block order for every score ≥ `threshold`. The score is
   * 2·|q ∧ f| / (|q| + |f|) in f64; a pair whose popcounts sum to 0 is never a hit.
   */
  scan(queryPopcount: number, from: number, to: number, threshold: number, onHit: HitListener): void;
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
  let query = new Uint32Array(0);
  let filters = new Uint32Array(0);
  let popcounts = new Uint32Array(0);
  let wordsPerFilter = 0;
  return {
    name: 'js',
    reserve(bytesPerFilter, capacity) {
      const needed = bytesPerFilter * (capacity + 1) + 4 * capacity;
      if (buffer.byteLength < needed) buffer = new ArrayBuffer(needed);
      wordsPerFilter = bytesPerFilter >>> 2;
      query = new Uint32Array(buffer, 0, wordsPerFilter);
      filters = new Uint32Array(buffer, bytesPerFilter, wordsPerFilter * capacity);
      popcounts = new Uint32Array(buffer, bytesPerFilter * (capacity + 1), capacity);
      return {
        query: new Uint8Array(buffer, 0, bytesPerFilter),
        filters: new Uint8Array(buffer, bytesPerFilter, bytesPerFilter * capacity),
        popcounts,
      };
    },
    scan(queryPopcount, from, to, threshold, onHit) {
      // Locals, not the closure's variables, so the optimiser can keep them in registers.
      const q = query;
      const f = filters;
      const p = popcounts;
      const words = wordsPerFilter;
      for (let j = from; j < to; j++) {
        const sum = queryPopcount + (p[j] as number);
        if (sum === 0) continue;
        const inter = intersectionPopcount(q, f, j * words, words);
        // The same f64 operation as the WebAssembly kernel: both integers are exact in f64.
        const score = (2 * inter) / sum;
        if (score >= threshold) onHit(j, score);
      }
    },
  };
}

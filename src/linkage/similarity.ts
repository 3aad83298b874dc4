import { AppError } from '../platform/errors.js';
import {
  createJsDiceEngine,
  type DiceEngine,
  type DiceEngineName,
  popcount32,
  popcountAligned,
} from './similarity-engine.js';
import { createWasmDiceEngine, wasmSupported } from './wasm/dice-kernel.js';

/**
 * Dice similarity of CLKs (Bloom-filter encodings of records, see `clk-encoder.ts`):
 * Dice(A, B) = 2·|A ∧ B| / (|A| + |B|), computed in f64 from exact integer popcounts. Two empty filters
 * have Dice 0 by convention (so they never match). A CLK is a `Uint8Array` of l / 8 bytes, l a power
 * of two ≥ 64; bit order inside the bytes does not matter to popcounts as long as both sides agree.
 *
 * Pairs are compared by a WebAssembly kernel using `i64.popcnt` (`wasm/dice-module.ts`) or, where the
 * runtime has no WebAssembly or on request, by a pure-JS engine; both give identical scores.
 */

export type { DiceEngineName } from './similarity-engine.js';

/** Many CLKs of one length packed for comparison. Build it with `packFilters`. */
export interface FilterSet {
  /** Length of each filter in bits: a power of two, at least 64. */
  readonly bits: number;
  /** Number of filters. */
  readonly count: number;
  /** The filters one after another: filter i is bytes i·bits/8 to (i + 1)·bits/8 − 1. */
  readonly bytes: Uint8Array;
  /** The number of bits set in each filter; pruning and scores rely on them being right. */
  readonly popcounts: Uint32Array;
}

/** A pair of filters, one from each set, whose Dice score reaches the threshold. */
export interface CandidatePair {
  /** Index in the first set. */
  readonly a: number;
  /** Index in the second set. */
  readonly b: number;
  /** Dice score, in (0, 1]. */
  readonly score: number;
}

export interface CandidatePairsOptions {
  /** `wasm` (the default where the runtime has WebAssembly) or `js`; the results are identical. */
  readonly engine?: DiceEngineName;
  /** Skip pairs whose popcounts rule out the threshold (default true; never changes the result). */
  readonly prune?: boolean;
  /** Filters of each set staged per block (default: as many as fit 1 MiB). */
  readonly chunkSize?: number;
}

const bytePopcounts = Uint8Array.from({ length: 256 }, (_, byte) => popcount32(byte));

function badRequest(message: string): AppError {
  return new AppError('bad_request', message);
}

/** Refuses a filter length that is not a power of two of at least 64 bits, with a clear error. */
function checkBits(bits: number, what: string): void {
  if (!Number.isInteger(bits) || bits < 64 || (bits & (bits - 1)) !== 0) {
    throw badRequest(`${what} is ${bits} bits long; a CLK must be a power of two bits long, at least 64.`);
  }
}

function checkSameLength(a: Uint8Array, b: Uint8Array): void {
  checkBits(a.length * 8, 'The first CLK');
  checkBits(b.length * 8, 'The second CLK');
  if (a.length !== b.length) {
    throw badRequest(`The two CLKs differ in length: ${a.length * 8} and ${b.length * 8} bits.`);
  }
}

function bytewisePopcount(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) count += bytePopcounts[byte] as number;
  return count;
}

/** 2·inter / (pa + pb) in f64, 0 for two empty filters: the one formula every engine uses. */
function diceScore(inter: number, sum: number): number {
  return sum === 0 ? 0 : (2 * inter) / sum;
}

/**
 * Dice coefficient of two CLKs of the same length, in pure JS. Throws a `bad_request` AppError when a
 * length is not a power of two ≥ 64 bits or the lengths differ.
 *
 * @example
 * dice(Uint8Array.of(0xff, 0, 0, 0, 0, 0, 0, 0), Uint8Array.of(0x0f, 0, 0, 0, 0, 0, 0, 0)); // 2·4 / 12
 */
export function dice(a: Uint8Array, b: Uint8Array): number {
  checkSameLength(a, b);
  let inter = 0;
  for (let i = 0; i < a.length; i++) inter += bytePopcounts[(a[i] as number) & (b[i] as number)] as number;
  return diceScore(inter, bytewisePopcount(a) + bytewisePopcount(b));
}

const engines: Partial<Record<DiceEngineName, DiceEngine>> = {};

/** The engine of that name, created at first use and reused (a WebAssembly instance is kept warm). */
function engineFor(name: DiceEngineName | undefined): DiceEngine {
  const chosen = name ?? (wasmSupported() ? 'wasm' : 'js');
  engines[chosen] ??= chosen === 'wasm' ? createWasmDiceEngine() : createJsDiceEngine();
  return engines[chosen];
}

/**
 * Dice coefficient of two CLKs computed by the WebAssembly kernel; identical to `dice`.
 *
 * @example
 * diceWasm(clk1, clk2) === dice(clk1, clk2); // true
 */
export function diceWasm(a: Uint8Array, b: Uint8Array): number {
  checkSameLength(a, b);
  const engine = engineFor('wasm');
  const block = engine.reserve(a.length, 1);
  block.query.set(a);
  block.filters.set(b);
  block.popcounts[0] = bytewisePopcount(b);
  let score = 0;
  // Threshold 0 reports every pair with a non-zero popcount sum, so score stays 0 only for two empty filters.
  engine.scan(bytewisePopcount(a), 0, 1, 0, (_index, found) => {
    score = found;
  });
  return score;
}

/**
 * Packs CLKs of one length for `candidatePairs`, counting their bits. `bits` gives the length for an
 * empty list (and must match the CLKs otherwise). Throws a `bad_request` AppError naming the first CLK
 * whose length is wrong.
 *
 * @example
 * const set = packFilters(clks); // { bits: 1024, count: clks.length, bytes, popcounts }
 */
export function packFilters(clks: readonly Uint8Array[], bits?: number): FilterSet {
  const length = bits ?? (clks[0]?.length ?? 0) * 8;
  if (clks.length === 0 && bits === undefined) {
    throw badRequest('packFilters needs the filter length in bits for an empty list of CLKs.');
  }
  checkBits(length, bits === undefined ? 'CLK 0' : 'The filter length');
  const bytesPerFilter = length / 8;
  const bytes = new Uint8Array(bytesPerFilter * clks.length);
  const popcounts = new Uint32Array(clks.length);
  for (const [i, clk] of clks.entries()) {
    if (clk.length !== bytesPerFilter) {
      throw badRequest(`CLK ${i} has ${clk.length * 8} bits where the others have ${length}.`);
    }
    bytes.set(clk, i * bytesPerFilter);
    // Fresh buffer, offsets multiples of 8: the aligned 32-bit popcount applies.
    popcounts[i] = popcountAligned(bytes.subarray(i * bytesPerFilter, (i + 1) * bytesPerFilter));
  }
  return { bits: length, count: clks.length, bytes, popcounts };
}

/**
 * Whether filters with popcounts `pa` and `pb` could reach Dice ≥ `threshold` at all.
 *
 * Since |A ∧ B| ≤ min(pa, pb), Dice ≤ 2·min / (pa + pb). With d = |pa − pb| this reaches t only if
 * d ≤ 2·min(pa, pb)·(1/t − 1); the bound is tight (a subset reaches it). linkage.md writes popcount(a)
 * for the minimum, which equals it when a is the smaller filter and prunes less (still safely) when a
 * is the larger. The test is made in the same f64 arithmetic as the score, fl(2·min / (pa + pb)) ≥ t:
 * rounding is monotone and 2·inter ≤ 2·min, so a pair it rules out never scores ≥ t, even at a
 * rounding boundary. Two empty filters never reach a threshold (Dice 0).
 *
 * @example
 * mayReachThreshold(100, 60, 0.8); // false: at most 2·60 / 160 = 0.75
 */
export function mayReachThreshold(pa: number, pb: number, threshold: number): boolean {
  return diceScore(Math.min(pa, pb), pa + pb) >= threshold;
}

/**
 * For every query popcount pa in 0…bits, the popcounts pb that may reach the threshold: the bound
 * 2·min / (pa + pb) rises with pb up to pa and falls after, so they form an interval [low, high]
 * (empty, low > high, for pa = 0), found by binary search on each side of pa.
 */
function popcountWindows(bits: number, threshold: number): { low: Uint32Array; high: Uint32Array } {
  const low = new Uint32Array(bits + 1);
  const high = new Uint32Array(bits + 1);
  low[0] = 1;
  for (let pa = 1; pa <= bits; pa++) {
    let [lo, hi] = [0, pa]; // smallest pb ≤ pa that may reach; pa itself does (Dice 1 ≥ t)
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mayReachThreshold(pa, mid, threshold)) hi = mid;
      else lo = mid + 1;
    }
    low[pa] = lo;
    [lo, hi] = [pa, bits]; // largest pb ≥ pa that may reach
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (mayReachThreshold(pa, mid, threshold)) lo = mid;
      else hi = mid - 1;
    }
    high[pa] = lo;
  }
  return { low, high };
}

/** The first index in sorted[from, to) whose value is ≥ value (`to` if none). */
function lowerBound(sorted: Uint32Array, value: number, from: number, to: number): number {
  let [lo, hi] = [from, to];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indexes of the filters in ascending popcount order (a counting sort; ties keep their order). */
function orderByPopcount(popcounts: Uint32Array, bits: number): Uint32Array {
  const next = new Uint32Array(bits + 2);
  for (const p of popcounts) next[p + 1] = (next[p + 1] as number) + 1;
  for (let p = 1; p < next.length; p++) next[p] = (next[p] as number) + (next[p - 1] as number);
  const order = new Uint32Array(popcounts.length);
  for (const [j, p] of popcounts.entries()) {
    order[next[p] as number] = j;
    next[p] = (next[p] as number) + 1;
  }
  return order;
}

function checkFilterSet(set: FilterSet, name: string): void {
  checkBits(set.bits, `Filter set ${name}`);
  const shapeRight =
    Number.isInteger(set.count) &&
    set.bytes.length === (set.count * set.bits) / 8 &&
    set.popcounts.length === set.count &&
    set.popcounts.every((p) => p <= set.bits);
  if (!shapeRight) throw badRequest(`Filter set ${name} is inconsistent; build it with packFilters.`);
}

function checkThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) {
    throw badRequest(`The threshold must be greater than 0 and at most 1; got ${threshold}.`);
  }
}

/**
 * Every pair (one filter of `a`, one of `b`) with Dice ≥ `threshold`, ordered by `a` then `b`. All
 * pairs are considered (blocking comes later); those whose popcounts rule out the threshold are
 * skipped without changing the result (see `mayReachThreshold`): `b` is sorted by popcount and each
 * filter of `a` is compared only with the window of popcounts that may reach it. `b` is staged in
 * blocks of `chunkSize` filters, and `a` in chunks of as many, each chunk copied once per block and
 * scanned in one engine call: the engine's memory stays bounded; the result does not (a low threshold
 * on large sets yields many pairs). Throws a `bad_request` AppError for a threshold outside
 * (0, 1] or sets of different or wrong lengths.
 *
 * @example
 * candidatePairs(packFilters(ours), packFilters(theirs), 0.8); // [{ a: 0, b: 17, score: 0.91 }, …]
 */
export function candidatePairs(
  a: FilterSet,
  b: FilterSet,
  threshold: number,
  options: CandidatePairsOptions = {},
): CandidatePair[] {
  checkThreshold(threshold);
  checkFilterSet(a, 'a');
  checkFilterSet(b, 'b');
  if (a.bits !== b.bits) {
    throw badRequest(`The two filter sets differ in length: ${a.bits} and ${b.bits} bits.`);
  }
  const engine = engineFor(options.engine);
  const bytes = a.bits / 8;
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 2 ** 20 / bytes));
  const windows = options.prune === false ? undefined : popcountWindows(a.bits, threshold);
  const order = orderByPopcount(b.popcounts, b.bits);
  const queryCapacity = Math.min(chunkSize, Math.max(1, a.count));
  const from = new Uint32Array(queryCapacity);
  const to = new Uint32Array(queryCapacity);
  const pairs: CandidatePair[] = [];
  let [queryStart, blockStart] = [0, 0];
  const onHit = (query: number, index: number, score: number) => {
    pairs.push({ a: queryStart + query, b: order[blockStart + index] as number, score });
  };
  for (blockStart = 0; blockStart < b.count; blockStart += chunkSize) {
    const size = Math.min(chunkSize, b.count - blockStart);
    const block = engine.reserve(bytes, size, queryCapacity);
    for (let k = 0; k < size; k++) {
      const j = order[blockStart + k] as number;
      block.filters.set(b.bytes.subarray(j * bytes, (j + 1) * bytes), k * bytes);
      block.popcounts[k] = b.popcounts[j] as number;
    }
    // A's filters are staged a chunk at a time, in one copy, and scanned in one engine call.
    for (queryStart = 0; queryStart < a.count; queryStart += queryCapacity) {
      const count = Math.min(queryCapacity, a.count - queryStart);
      const popcounts = a.popcounts.subarray(queryStart, queryStart + count);
      block.queries.set(a.bytes.subarray(queryStart * bytes, (queryStart + count) * bytes));
      for (let q = 0; q < count; q++) {
        const pa = popcounts[q] as number;
        const first = windows ? lowerBound(block.popcounts, windows.low[pa] as number, 0, size) : 0;
        from[q] = first;
        to[q] = windows ? lowerBound(block.popcounts, (windows.high[pa] as number) + 1, first, size) : size;
      }
      engine.scanQueries({ count, popcounts, from, to }, threshold, onHit);
    }
  }
  return pairs.sort((x, y) => x.a - y.a || x.b - y.b);
}

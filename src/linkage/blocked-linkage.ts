import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../platform/errors.js';
import { buildSubKeyTable, HitList, joinChunk, subKeyPositions, tablePairs } from './lsh-join.js';
import type { JoinWorkerResult, JoinWorkerSetup, JoinWorkerTask, SharedSide } from './lsh-join-worker.js';
import type { ScoredPair } from './matching.js';
import { createJsPairKernel, createWasmPairKernel, pairKernelWasmSupported } from './pair-kernel.js';
import { startModuleWorker } from './parallel-match.js';
import type { FilterSet } from './similarity.js';

/**
 * Linkage of two parties' CLKs with blocking, for sets too large to compare every pair (100,000 ×
 * 100,000 and up): pairs-of-sub-keys LSH on the bits that carry information (`lsh-join.ts`), every
 * pair that shares a bucket scored at once, only pairs at or above the threshold kept — no candidate
 * list is ever held. Runs on worker threads; `workers: 0` runs on the calling thread.
 *
 * What it finds: a pair whose bits agree at a fraction p of the sampled positions is found with
 * probability ≈ 1 − (1 − σ)^m − m·σ·(1 − σ)^(m − 1), σ = p^s (see `lsh-join.ts`). True matches of
 * synthetic people (median Dice 0.97) are found almost surely; pairs just above the threshold (Dice
 * 0.8, p ≈ 0.73) only sometimes, so blocking recall against all-pairs comparison is lower than recall
 * against the truth: the benchmark (`bench/linkage-large.ts`) measures both.
 */

export interface BlockedLinkageOptions {
  /** m: number of sub-keys (default 44); the tables are all m·(m − 1)/2 pairs of them. */
  readonly subKeys?: number;
  /** s: bits per sub-key (default 11); a table key has 2s bits. */
  readonly subKeyBits?: number;
  /** Seed of the positions (default 1). Both parties' filters are given, so both use the same. */
  readonly seed?: number;
  /**
   * Sample positions only from bits set in between `min` and `max` of all filters (default 0–1: every
   * bit; 0.3–0.85 halved the comparisons at 100,000 × 100,000 but lowered recall from 0.985 to 0.977):
   * a bit set in nearly every filter agrees for unrelated pairs too, so it separates little. Falls back
   * to every bit when too few qualify.
   */
  readonly informativeBits?: { readonly min: number; readonly max: number };
  /** Worker threads (default `os.availableParallelism()`); 0 runs on this thread. */
  readonly workers?: number;
  /** `wasm` (default where available) or `js`; the results are identical. */
  readonly engine?: 'wasm' | 'js';
  /** B's filters joined at once against all of A (default 32,768: about 4 MiB of 1024-bit filters, kept in cache). */
  readonly chunkSize?: number;
}

/** Pairs with Dice ≥ threshold, ordered by A index then B index, as parallel typed arrays. */
export interface LinkedPairs {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly scores: Float64Array;
  /** Dice scores computed: pairs sharing a bucket, counted once per table they share. */
  readonly comparisons: number;
  /** Number of LSH tables. */
  readonly tables: number;
  /** The sampled bit positions of every sub-key. */
  readonly positions: number[][];
}

const defaults = {
  subKeys: 44,
  subKeyBits: 11,
  seed: 1,
  informativeBits: { min: 0, max: 1 },
  chunkSize: 32_768,
} as const;

function check(a: FilterSet, b: FilterSet, threshold: number, options: BlockedLinkageOptions): void {
  const bad = (message: string) => new AppError('bad_request', message);
  if (!(threshold > 0 && threshold <= 1)) {
    throw bad(`The threshold must be greater than 0 and at most 1; got ${threshold}.`);
  }
  if (a.bits !== b.bits) throw bad(`The two filter sets differ in length: ${a.bits} and ${b.bits} bits.`);
  if (a.bits % 64 !== 0) throw bad(`Blocked linkage needs filters of a multiple of 64 bits; got ${a.bits}.`);
  const { subKeys = defaults.subKeys, subKeyBits = defaults.subKeyBits, workers = 0 } = options;
  if (!Number.isInteger(subKeys) || subKeys < 2 || subKeys > 255)
    throw bad('subKeys must be a whole number in 2–255.');
  if (!Number.isInteger(subKeyBits) || subKeyBits < 1 || subKeyBits > 15 || subKeyBits > a.bits) {
    throw bad('subKeyBits must be a whole number in 1–15.');
  }
  if (!Number.isInteger(workers) || workers < 0)
    throw bad(`workers must be a whole number ≥ 0; got ${workers}.`);
}

/**
 * The bit positions whose share of set bits, over both parties' filters, lies in [min, max]; every
 * position when fewer than `atLeast` do. Counted byte by byte (a histogram of byte values per byte
 * offset), which is far cheaper than reading every bit of every filter.
 *
 * @example
 * informativePositions([packFilters(ours), packFilters(theirs)], { min: 0.3, max: 0.85 }, 11); // [0, 2, 3, …]
 */
export function informativePositions(
  sets: readonly FilterSet[],
  range: { readonly min: number; readonly max: number },
  atLeast: number,
): number[] {
  const bits = sets[0]?.bits ?? 0;
  const bytesPerFilter = bits / 8;
  const histogram = new Uint32Array(bytesPerFilter * 256);
  let filters = 0;
  for (const set of sets) {
    for (let at = 0; at < set.bytes.length; at++) {
      const slot = (at % bytesPerFilter) * 256 + (set.bytes[at] as number);
      histogram[slot] = (histogram[slot] as number) + 1;
    }
    filters += set.count;
  }
  const allowed: number[] = [];
  for (let position = 0; position < bits; position++) {
    const [offset, mask] = [position >> 3, 0x80 >> (position & 7)];
    let set = 0;
    for (let value = 0; value < 256; value++)
      if (value & mask) set += histogram[offset * 256 + value] as number;
    const share = set / Math.max(1, filters);
    if (share >= range.min && share <= range.max) allowed.push(position);
  }
  return allowed.length >= atLeast ? allowed : Array.from({ length: bits }, (_, i) => i);
}

/** Hits of several tasks as one result ordered by A then B. */
function collect(parts: readonly HitList[] | readonly JoinWorkerResult[], bCount: number) {
  let total = 0;
  for (const part of parts) total += part instanceof HitList ? part.length : part.a.length;
  const [a, b, scores] = [new Uint32Array(total), new Uint32Array(total), new Float64Array(total)];
  let at = 0;
  for (const part of parts) {
    const length = part instanceof HitList ? part.length : part.a.length;
    a.set(part.a.subarray(0, length), at);
    b.set(part.b.subarray(0, length), at);
    scores.set(part.scores.subarray(0, length), at);
    at += length;
  }
  const order = Uint32Array.from({ length: total }, (_, k) => k).sort(
    (x, y) => (a[x] as number) * bCount + (b[x] as number) - ((a[y] as number) * bCount + (b[y] as number)),
  );
  return {
    a: Uint32Array.from(order, (k) => a[k] as number),
    b: Uint32Array.from(order, (k) => b[k] as number),
    scores: Float64Array.from(order, (k) => scores[k] as number),
  };
}

/** [0, count) cut into ranges of `size`. */
function ranges(count: number, size: number): { from: number; to: number }[] {
  const cut: { from: number; to: number }[] = [];
  for (let from = 0; from < count; from += size) cut.push({ from, to: Math.min(count, from + size) });
  return cut;
}

/** Runs `tasks` on the pool, each handed to the next free worker; resolves with every result. */
function runOnPool(pool: readonly Worker[], tasks: readonly JoinWorkerTask[]): Promise<JoinWorkerResult[]> {
  const queue = [...tasks];
  const results: JoinWorkerResult[] = [];
  return new Promise((resolve, reject) => {
    if (tasks.length === 0) resolve(results);
    for (const worker of pool) {
      const next = () => {
        const task = queue.shift();
        if (task) worker.postMessage(task);
      };
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      worker.on('message', (result: JoinWorkerResult) => {
        results.push(result);
        if (results.length === tasks.length) resolve(results);
        else next();
      });
      worker.on('error', reject);
      next();
    }
  });
}

function shareSide(set: FilterSet, subKeys: number): SharedSide {
  const bytes = new SharedArrayBuffer(set.bytes.length);
  new Uint8Array(bytes).set(set.bytes);
  const popcounts = new SharedArrayBuffer(set.popcounts.byteLength);
  new Uint32Array(popcounts).set(set.popcounts);
  return { count: set.count, bytes, popcounts, keys: new SharedArrayBuffer(2 * subKeys * set.count) };
}

/**
 * Every pair (one filter of `a`, one of `b`) with Dice ≥ `threshold` that blocking finds, ordered by
 * `a` then `b`, with the same scores as `candidatePairs`. Rejects with a `bad_request` AppError for a
 * threshold outside (0, 1], sets of different lengths or options out of range.
 *
 * @example
 * const found = await linkWithBlocking(packFilters(ours), packFilters(theirs), 0.8);
 * greedyAssignment(toScoredPairs(found)); // one-to-one matches
 */
export async function linkWithBlocking(
  a: FilterSet,
  b: FilterSet,
  threshold: number,
  options: BlockedLinkageOptions = {},
): Promise<LinkedPairs> {
  const workers = options.workers ?? availableParallelism();
  check(a, b, threshold, { ...options, workers });
  const subKeys = options.subKeys ?? defaults.subKeys;
  const subKeyBits = options.subKeyBits ?? defaults.subKeyBits;
  const allowed = informativePositions(
    [a, b],
    options.informativeBits ?? defaults.informativeBits,
    subKeyBits,
  );
  const positions = subKeyPositions(
    a.bits,
    { subKeys, subKeyBits, seed: options.seed ?? defaults.seed },
    allowed,
  );
  const tables = tablePairs(subKeys).length;
  const chunks = ranges(b.count, Math.max(1, options.chunkSize ?? defaults.chunkSize));
  const engine = options.engine ?? (pairKernelWasmSupported() ? 'wasm' : 'js');
  if (a.count === 0 || b.count === 0) {
    return {
      a: new Uint32Array(0),
      b: new Uint32Array(0),
      scores: new Float64Array(0),
      comparisons: 0,
      tables,
      positions,
    };
  }
  if (workers === 0) {
    const inputs = {
      subKeyBits,
      threshold,
      popcountsA: a.popcounts,
      popcountsB: b.popcounts,
      a: buildSubKeyTable(a, positions),
      b: buildSubKeyTable(b, positions),
    };
    const kernelSets = { bits: a.bits, a: a.bytes, b: b.bytes };
    const kernel = engine === 'wasm' ? createWasmPairKernel(kernelSets) : createJsPairKernel(kernelSets);
    const hits = new HitList();
    let comparisons = 0;
    for (const chunk of chunks) comparisons += joinChunk(inputs, kernel, chunk, hits);
    return { ...collect([hits], b.count), comparisons, tables, positions };
  }
  const setup: JoinWorkerSetup = {
    bits: a.bits,
    threshold,
    subKeyBits,
    positions,
    engine,
    a: shareSide(a, subKeys),
    b: shareSide(b, subKeys),
  };
  const pool = Array.from({ length: workers }, () => startModuleWorker('lsh-join-worker', setup));
  try {
    // Phase 1: sub-keys, in ranges of filters; phase 2: B's chunks against all of A.
    let id = 0;
    const keyTasks = (['a', 'b'] as const).flatMap((side) =>
      ranges(setup[side].count, Math.ceil(setup[side].count / (2 * workers))).map(
        (range): JoinWorkerTask => ({ kind: 'keys', id: id++, side, ...range }),
      ),
    );
    await runOnPool(pool, keyTasks);
    const joins = await runOnPool(
      pool,
      chunks.map((chunk): JoinWorkerTask => ({ kind: 'join', id: id++, ...chunk })),
    );
    const comparisons = joins.reduce((sum, result) => sum + result.scored, 0);
    return { ...collect(joins, b.count), comparisons, tables, positions };
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/**
 * The pairs as `ScoredPair` objects, for `greedyAssignment`.
 *
 * @example
 * greedyAssignment(toScoredPairs(await linkWithBlocking(a, b, 0.8)));
 */
export function toScoredPairs(pairs: Pick<LinkedPairs, 'a' | 'b' | 'scores'>): ScoredPair[] {
  return Array.from(pairs.a, (a, k) => ({ a, b: pairs.b[k] as number, score: pairs.scores[k] as number }));
}

import type { PairKernel } from './pair-kernel.js';
import { seededRandom } from './seeded-random.js';
import type { FilterSet } from './similarity.js';

/**
 * The engine of blocked linkage (`blocked-linkage.ts`): bit-sampling LSH on CLKs with tables built from
 * pairs of sub-keys (Andoni & Indyk's "pairs of hash functions"), joined table by table with sorted
 * typed arrays, scoring every pair that shares a bucket at once and keeping only those at or above
 * the threshold. No candidate pair is ever stored.
 *
 * Sub-keys: m keys of s bits each, every one a seeded sample of s distinct bit positions. A table is a
 * pair of sub-keys (u, v), u < v, and keys a filter by both: m sub-keys give m·(m − 1)/2 tables of 2s
 * bits for the price of computing m keys. Two filters share a bucket of some table exactly when they
 * agree on at least two sub-keys. For a pair whose bits differ at h of the l positions, one sub-key
 * agrees with probability σ = C(l − h, s) / C(l, s) (≈ p^s, p = 1 − h / l the bit agreement), and
 * sub-keys are drawn independently, so the pair is found with probability
 *
 *   P(found) = 1 − (1 − σ)^m − m·σ·(1 − σ)^(m − 1)      (at least two of m agree).
 *
 * The join works on a chunk of B at a time (a few MiB of filters): for each table the chunk's keys go
 * into a small hash table and A's keys stream past it in order. Scoring reads A in order and B within
 * the chunk, both from cache; scoring the same pairs in bucket order over the whole of B was 5–8 times
 * slower (every pair a cache miss) on the 2-core benchmark machine.
 *
 * A pair that agrees on several sub-keys meets in several tables. It is kept only in the first of them
 * in (u, v) order — the one whose u and v are its two lowest agreeing sub-keys — so every pair is
 * reported once without a set of pairs seen.
 */

/** Sub-key shape: how many sub-keys, of how many bits each; both parties must use the same. */
export interface SubKeyShape {
  /** m: number of sub-keys (2–255); the tables are all m·(m − 1)/2 pairs of them. */
  readonly subKeys: number;
  /** s: bits per sub-key (1–16); a table key has 2s bits. */
  readonly subKeyBits: number;
  /** Seed of the random source that draws the positions. */
  readonly seed: number;
}

/**
 * The sub-keys of one party's filters as one flat typed array, w-major (sub-key w of filter i is
 * `keys[w · count + i]`), so that a table reads two runs in order, and so it can live in a
 * SharedArrayBuffer.
 */
export interface SubKeyTable {
  readonly count: number;
  /** keys[w · count + i]: sub-key w of filter i. */
  readonly keys: Uint16Array;
}

/**
 * The bit positions of every sub-key: m lists of s distinct positions in [0, bits), drawn from a seeded
 * random source (a partial Fisher–Yates shuffle per sub-key), so every party draws the same.
 *
 * @example
 * subKeyPositions(1024, { subKeys: 2, subKeyBits: 3, seed: 7 }); // [[…3 positions…], […3 positions…]]
 */
export function subKeyPositions(
  bits: number,
  shape: SubKeyShape,
  allowed: readonly number[] = Array.from({ length: bits }, (_, i) => i),
): number[][] {
  const random = seededRandom(shape.seed);
  return Array.from({ length: shape.subKeys }, () => {
    const pool = [...allowed];
    for (let s = 0; s < shape.subKeyBits; s++) {
      const pick = s + Math.floor(random() * (pool.length - s));
      [pool[s], pool[pick]] = [pool[pick] as number, pool[s] as number];
    }
    return pool.slice(0, shape.subKeyBits);
  });
}

/** The tables: every pair of sub-keys `(u, v)`, u < v, in the order they are joined. */
export function tablePairs(subKeys: number): [u: number, v: number][] {
  const tables: [number, number][] = [];
  for (let u = 0; u < subKeys; u++) for (let v = u + 1; v < subKeys; v++) tables.push([u, v]);
  return tables;
}

/** Where typed arrays get their memory: plain ArrayBuffers, or SharedArrayBuffers for workers. */
export type Allocate = (bytes: number) => ArrayBuffer | SharedArrayBuffer;
const ownMemory: Allocate = (bytes) => new ArrayBuffer(bytes);

/**
 * Sub-keys of every filter of `set`, w-major. Bit i of a filter is bit 7 − i mod 8 of byte ⌊i / 8⌋, as
 * the CLK encoder packs it.
 */
export function buildSubKeyTable(set: FilterSet, positions: number[][], allocate = ownMemory): SubKeyTable {
  const keys = new Uint16Array(allocate(2 * positions.length * set.count));
  writeSubKeys(set, positions, keys, { from: 0, to: set.count });
  return { count: set.count, keys };
}

/** Writes the sub-keys of filters [from, to) of `set` into `keys` (w-major, `set.count` per sub-key). */
export function writeSubKeys(
  set: FilterSet,
  positions: number[][],
  keys: Uint16Array,
  range: { from: number; to: number },
): void {
  const { count, bytes } = set;
  const bytesPerFilter = set.bits / 8;
  const byte = Int32Array.from(positions.flat(), (p) => p >> 3);
  const shift = Int32Array.from(positions.flat(), (p) => 7 - (p & 7));
  const bitsPerKey = positions[0]?.length ?? 0;
  for (let i = range.from; i < range.to; i++) {
    const base = i * bytesPerFilter;
    for (let w = 0, at = 0; w < positions.length; w++) {
      let key = 0;
      for (let s = 0; s < bitsPerKey; s++, at++) {
        key = (key << 1) | (((bytes[base + (byte[at] as number)] as number) >> (shift[at] as number)) & 1);
      }
      keys[w * count + i] = key;
    }
  }
}

/** Pairs found at or above the threshold, as growable parallel typed arrays. */
export class HitList {
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  scores = new Float64Array(1024);
  length = 0;

  push(a: number, b: number, score: number): void {
    if (this.length === this.a.length) {
      const grow = <T extends Uint32Array | Float64Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.a = grow(this.a, new Uint32Array(2 * this.length));
      this.b = grow(this.b, new Uint32Array(2 * this.length));
      this.scores = grow(this.scores, new Float64Array(2 * this.length));
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.scores[this.length] = score;
    this.length++;
  }

  /** The hits as exactly sized arrays (copies that own their buffers, so they can be transferred). */
  take(): { a: Uint32Array<ArrayBuffer>; b: Uint32Array<ArrayBuffer>; scores: Float64Array<ArrayBuffer> } {
    return {
      a: this.a.slice(0, this.length),
      b: this.b.slice(0, this.length),
      scores: this.scores.slice(0, this.length),
    };
  }
}

/** Everything a join reads: both parties' popcounts and sub-keys, and the matching threshold. */
export interface JoinInputs {
  readonly subKeyBits: number;
  readonly threshold: number;
  readonly popcountsA: Uint32Array;
  readonly popcountsB: Uint32Array;
  readonly a: SubKeyTable;
  readonly b: SubKeyTable;
}

/** The bucket index of one table over a chunk of B: a hash table in CSR form, small enough for cache. */
interface ChunkIndex {
  /** Bucket h holds entries heads[h] to heads[h + 1] − 1. */
  readonly heads: Uint32Array;
  /** The B filter of each entry, as an offset into the chunk. */
  readonly members: Uint32Array;
  /** The table key of each entry (different keys may share a bucket). */
  readonly keys: Uint32Array;
  /** log2 of the number of buckets. */
  readonly hashBits: number;
}

/** Fibonacci hashing of a table key to `hashBits` bits. */
const bucketOf = (key: number, hashBits: number) => Math.imul(key, 0x9e3779b1) >>> (32 - hashBits);

function chunkIndex(size: number): ChunkIndex {
  const hashBits = Math.max(4, Math.ceil(Math.log2(size)) + 1);
  return {
    heads: new Uint32Array((1 << hashBits) + 1),
    members: new Uint32Array(size),
    keys: new Uint32Array(size),
    hashBits,
  };
}

/** Fills `index` with the keys of table (u, v) for B's filters [from, to) (a counting sort by bucket). */
function indexChunk(
  inputs: JoinInputs,
  index: ChunkIndex,
  u: number,
  v: number,
  from: number,
  to: number,
): void {
  const { b, subKeyBits } = inputs;
  const { heads, members, keys, hashBits } = index;
  const [uB, vB] = [b.keys.subarray(u * b.count), b.keys.subarray(v * b.count)];
  heads.fill(0);
  for (let j = from; j < to; j++) {
    const next = bucketOf(((uB[j] as number) << subKeyBits) | (vB[j] as number), hashBits) + 1;
    heads[next] = (heads[next] as number) + 1;
  }
  for (let h = 1; h < heads.length; h++) heads[h] = (heads[h] as number) + (heads[h - 1] as number);
  for (let j = from; j < to; j++) {
    const key = ((uB[j] as number) << subKeyBits) | (vB[j] as number);
    const h = bucketOf(key, hashBits);
    const at = heads[h] as number;
    members[at] = j - from;
    keys[at] = key;
    heads[h] = at + 1;
  }
  // The scatter advanced every head to the next bucket's start: shift them back by one bucket.
  heads.copyWithin(1, 0, heads.length - 1);
  heads[0] = 0;
}

/**
 * Joins B's filters [from, to) with all of A in every table: for each table, the chunk's keys go into
 * a small hash table and A's keys stream past it, so that A is read in order and the chunk's filters
 * stay in cache while they are scored. Pairs with Dice ≥ threshold are added to `hits`, each once over
 * all tables. Returns the number of pairs scored (a pair meeting in several tables counts in each).
 */
export function joinChunk(
  inputs: JoinInputs,
  kernel: PairKernel,
  chunk: { from: number; to: number },
  hits: HitList,
): number {
  const { a, subKeyBits } = inputs;
  const subKeys = a.count === 0 ? 0 : a.keys.length / a.count;
  const index = chunkIndex(chunk.to - chunk.from);
  const { heads, members, keys, hashBits } = index;
  const { pairs, capacity } = kernel;
  let scored = 0;
  for (const [u, v] of tablePairs(subKeys)) {
    indexChunk(inputs, index, u, v, chunk.from, chunk.to);
    const [uA, vA] = [a.keys.subarray(u * a.count), a.keys.subarray(v * a.count)];
    let staged = 0;
    for (let i = 0; i < a.count; i++) {
      const key = ((uA[i] as number) << subKeyBits) | (vA[i] as number);
      const h = bucketOf(key, hashBits);
      for (let e = heads[h] as number, end = heads[h + 1] as number; e < end; e++) {
        if (keys[e] !== key) continue;
        pairs[2 * staged] = i;
        pairs[2 * staged + 1] = chunk.from + (members[e] as number);
        if (++staged === capacity) {
          scored += scoreStaged(inputs, kernel, staged, u, v, hits);
          staged = 0;
        }
      }
    }
    scored += scoreStaged(inputs, kernel, staged, u, v, hits);
  }
  return scored;
}

/** Scores the staged pairs of table (u, v) and keeps those at or above the threshold met here first. */
function scoreStaged(
  inputs: JoinInputs,
  kernel: PairKernel,
  staged: number,
  u: number,
  v: number,
  hits: HitList,
): number {
  if (staged === 0) return 0;
  kernel.run(staged);
  const { pairs, counts } = kernel;
  const { popcountsA, popcountsB, threshold } = inputs;
  for (let c = 0; c < staged; c++) {
    const [i, j] = [pairs[2 * c] as number, pairs[2 * c + 1] as number];
    const sum = (popcountsA[i] as number) + (popcountsB[j] as number);
    // The same f64 operation as similarity.ts, so scores are identical to all-pairs comparison.
    const score = sum === 0 ? 0 : (2 * (counts[c] as number)) / sum;
    if (score >= threshold && firstMeeting(inputs, i, j, u, v)) hits.push(i, j, score);
  }
  return staged;
}

/** Whether (u, v) are the two lowest sub-keys on which a[i] and b[j] agree (they agree on u and v). */
function firstMeeting(inputs: JoinInputs, i: number, j: number, u: number, v: number): boolean {
  const { a, b } = inputs;
  for (let w = 0; w < v; w++) {
    if (w !== u && a.keys[w * a.count + i] === b.keys[w * b.count + j]) return false;
  }
  return true;
}

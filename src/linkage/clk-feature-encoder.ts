import type { FieldIssue } from '../platform/errors.js';
import { tokenHasher } from './clk-token-hashing.js';
import { createValuePreparer, featureEncoding } from './feature-value.js';
import type { HashedFeature } from './linkage-schema.js';
import { type TokenSink, TokenWriter } from './token-bytes.js';
import { tokenize } from './tokenizer.js';

/**
 * One feature of a CLK: a value is prepared (checked and normalised), cut into tokens, and each token
 * hashed to k bit positions of the Bloom filter.
 *
 * The positions of a value depend on nothing but the value (under the encoder's keys), and real columns
 * repeat their values (given names, suburbs, states, postcodes), so each feature remembers the positions
 * of the values it has seen, up to `valuePoolLimit` positions in all: a repeated value then costs one
 * lookup and its stores. Values that do not fit the schema are never remembered. The cache belongs to
 * the encoder and goes with it; `createClkEncoder(…, { cacheValues: false })` turns it off for a
 * long-lived encoder that should keep no values.
 */

/** Positions remembered per feature, 2 bytes each (4 MiB: about 10,000 values of 200 bits). */
export const valuePoolLimit = 1 << 21;

/** Filters up to this many bits (before folding) remember values: their positions fit 16 bits. */
const cachedFilterBits = 1 << 16;

export interface FeatureEncoder {
  readonly identifier: string;
  /**
   * Sets the value's bits in `filter` (packed: bit i is bit 7 − i mod 8 of byte ⌊i / 8⌋), or returns the
   * problem with the value (setting nothing).
   */
  add(value: string, filter: Uint8Array): FieldIssue | undefined;
}

/** Sets bit `position` of a packed filter. */
function setBit(filter: Uint8Array, position: number): void {
  filter[position >>> 3] = (filter[position >>> 3] as number) | (0x80 >>> (position & 7));
}

/** The bit positions of a feature's values, written to a growing log. */
class PositionLog {
  positions = new Uint32Array(1024);
  length = 0;

  /** Makes room for `count` more positions. */
  reserve(count: number): void {
    if (this.length + count <= this.positions.length) return;
    const grown = new Uint32Array(2 * (this.length + count));
    grown.set(this.positions.subarray(0, this.length));
    this.positions = grown;
  }
}

/** Prepares a value and logs its tokens' positions; returns the problem with the value, if any. */
function positionLogger(
  feature: HashedFeature,
  keys: readonly [Uint8Array, Uint8Array],
  l: number,
  log: PositionLog,
): (value: string) => FieldIssue | undefined {
  const prepare = createValuePreparer(feature);
  const writer = new TokenWriter(featureEncoding(feature));
  const hashToken = tokenHasher(feature.hashing.hash, keys, l);
  const { comparison, strategy } = feature.hashing;
  const issue = (code: string, reason: string): FieldIssue => ({
    path: feature.identifier,
    code,
    message: `The value ${reason}.`,
  });
  const perFeature = strategy.bitsPerFeature ?? 0;
  const sink: TokenSink = (bytes, length, index, count) => {
    // insertionsPerToken, without an array: ⌊B / n⌋ each and one more for the first B mod n tokens.
    const k = strategy.bitsPerToken ?? Math.floor(perFeature / count) + (index < perFeature % count ? 1 : 0);
    log.reserve(k);
    hashToken(bytes, length, k, log.positions, log.length);
    log.length += k;
  };
  return (value) => {
    log.length = 0;
    const prepared = prepare(value);
    if (!prepared.ok) return issue(prepared.code, prepared.reason);
    if (comparison.type === 'ngram') {
      writer.ngrams(prepared.text, comparison.n, comparison.positional, sink);
      return undefined;
    }
    const tokens = tokenize(comparison, prepared.text);
    if (tokens === undefined) return issue('not_number', 'is not a number');
    writer.strings(tokens, sink);
    return undefined;
  };
}

/** The distinct positions of remembered values, end to end in one pool; a value maps to its start. */
class ValueCache {
  private readonly starts = new Map<string, number>();
  /** At a value's start: its number of positions n, then the n positions. */
  pool = new Uint16Array(4096);
  private used = 0;
  /** Marks of the positions already taken while adding a value; all zero in between. */
  private readonly seen: Uint8Array;

  constructor(l: number) {
    this.seen = new Uint8Array(l);
  }

  /** Where the value's entry starts in `pool`, or −1. */
  find(value: string): number {
    return this.starts.get(value) ?? -1;
  }

  /** Remembers the value's distinct positions (so a hit sets each bit once), unless the pool is full. */
  add(value: string, positions: Uint32Array, count: number): void {
    const start = this.used;
    if (start + 1 + count > valuePoolLimit || count > 0xffff) return;
    if (start + 1 + count > this.pool.length) {
      const grown = new Uint16Array(Math.min(valuePoolLimit, 2 * (start + 1 + count)));
      grown.set(this.pool.subarray(0, start));
      this.pool = grown;
    }
    const { pool, seen } = this;
    let end = start + 1;
    for (let i = 0; i < count; i++) {
      const position = positions[i] as number;
      if (seen[position]) continue;
      seen[position] = 1;
      pool[end++] = position;
    }
    for (let i = start + 1; i < end; i++) seen[pool[i] as number] = 0;
    pool[start] = end - start - 1;
    this.starts.set(value, start);
    this.used = end;
  }
}

/**
 * The encoder of one hashed feature into filters of l bits (l · 2^folds, before folding), under the
 * feature's two keys; `cacheValues` remembers the positions of values seen.
 *
 * @example
 * const surname = featureEncoder(feature, keys, 1024, true);
 * surname.add('smith', packedFilter); // undefined: the bits are set
 */
export function featureEncoder(
  feature: HashedFeature,
  keys: readonly [Uint8Array, Uint8Array],
  l: number,
  cacheValues: boolean,
): FeatureEncoder {
  const log = new PositionLog();
  const logPositions = positionLogger(feature, keys, l, log);
  const cache = cacheValues && l <= cachedFilterBits ? new ValueCache(l) : undefined;
  return {
    identifier: feature.identifier,
    add(value, filter) {
      const start = cache ? cache.find(value) : -1;
      if (cache && start >= 0) {
        const pool = cache.pool;
        const end = start + 1 + (pool[start] as number);
        for (let i = start + 1; i < end; i++) setBit(filter, pool[i] as number);
        return undefined;
      }
      const problem = logPositions(value);
      if (problem) return problem;
      const positions = log.positions;
      for (let i = 0; i < log.length; i++) setBit(filter, positions[i] as number);
      cache?.add(value, positions, log.length);
      return undefined;
    },
  };
}

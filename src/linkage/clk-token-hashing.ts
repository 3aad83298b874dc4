import { createHmac } from 'node:crypto';
import { createBlake2bWords } from './blake2b.js';
import { createHmacMd5, createHmacSha1 } from './hmac-digests.js';
import type { HashConfig } from './linkage-schema.js';
import { TokenTable, tokenTableBytes } from './token-table.js';

/**
 * The two token hashings of clkhash 0.18.3 (`clkhash/bloomfilter.py`): each gives a token's k bit
 * positions in a Bloom filter. Tokens arrive as bytes in a reused buffer and nothing is allocated per
 * token; the keyed states are computed once per feature key.
 *
 * Hashes of short tokens (up to `tokenTableBytes`) are remembered: real values share most of their
 * n-grams (a few hundred bigrams make up most names and addresses), so most tokens are hashed once per
 * encoder. The cache is keyed by the token's bytes, holds only what the hash would give again, and is
 * bounded (`cacheLimit` tokens per feature, beyond which new tokens are hashed every time), so results
 * are the same with or without it.
 */

/** Tokens remembered per feature and hash (about 64 bytes each for blakeHash, 16 for doubleHash). */
export const cacheLimit = 1 << 15;

/**
 * Writes the k bit positions of one token, `token[0, length)`, to `positions[at, at + k)` (the caller
 * makes room). Positions may repeat, as bits of a Bloom filter do.
 */
export type TokenHasher = (
  token: Uint8Array,
  length: number,
  k: number,
  positions: Uint32Array,
  at: number,
) => void;

/** A digest read as a big-endian integer, modulo l. */
function digestModulo(digest: Uint8Array, l: number): number {
  if ((l & (l - 1)) === 0 && l <= 0x1000000) {
    // Modulo a power of two, only the last three bytes count.
    const end = digest.length;
    const low =
      (digest[end - 1] as number) | ((digest[end - 2] as number) << 8) | ((digest[end - 3] as number) << 16);
    return low & (l - 1);
  }
  let remainder = 0;
  for (let i = 0; i < digest.length; i++) remainder = (remainder * 256 + (digest[i] as number)) % l;
  return remainder;
}

/** Schnell et al.'s double hashing: bit (HMAC-SHA1 + i · HMAC-MD5) mod l for i < k. */
function doubleHasher(
  keys: readonly [Uint8Array, Uint8Array],
  preventSingularity: boolean,
  l: number,
): TokenHasher {
  const [sha1Key, md5Key] = keys;
  const sha1 = createHmacSha1(sha1Key);
  const md5 = createHmacMd5(md5Key);
  // Remembered tokens: slot s holds (firsts[s], seconds[s]).
  const table = new TokenTable();
  let firsts = new Int32Array(256);
  let seconds = new Int32Array(256);
  return (token, length, k, out, at) => {
    const cacheable = length <= tokenTableBytes;
    const slot = cacheable ? table.find(token, length) : -1;
    let first: number;
    let second: number;
    if (slot >= 0) {
      first = firsts[slot] as number;
      second = seconds[slot] as number;
    } else {
      [first, second] = positions(token, length);
      if (cacheable && table.size < cacheLimit) {
        const added = table.add();
        if (added >= firsts.length) {
          firsts = grow(firsts);
          seconds = grow(seconds);
        }
        firsts[added] = first;
        seconds[added] = second;
      }
    }
    // Positions first + i · second mod l, stepped without multiplying (second < l).
    for (let i = 0, position = first; i < k; i++) {
      out[at + i] = position;
      position += second;
      if (position >= l) position -= l;
    }
  };

  function positions(token: Uint8Array, length: number): [number, number] {
    const first = digestModulo(sha1(token, length), l);
    let second = digestModulo(md5(token, length), l);
    // With second ≡ 0 all k positions coincide; clkhash re-hashes the token followed by chr(0), chr(1), ….
    // This is rare, so Node's HMAC does it.
    for (let i = 0; preventSingularity && second === 0; i++) {
      const suffix = new TextEncoder().encode(String.fromCodePoint(i));
      const mac = createHmac('md5', md5Key).update(token.subarray(0, length)).update(suffix);
      second = digestModulo(mac.digest(), l);
    }
    return [first, second];
  }
}

/** Keyed BLAKE2b salted '0', '1', …: each 64-byte digest gives 32 positions, 16-bit words mod l. */
function blakeHasher(key: Uint8Array, l: number): TokenHasher {
  const salted: SaltedHasher[] = [];
  const hasher = (index: number) => {
    salted[index] ??= {
      hash: createBlake2bWords({ key, salt: new TextEncoder().encode(String(index)) }),
      cache: new WordCache(),
    };
    return salted[index];
  };
  // The schema requires l to be a power of two for blakeHash, so the modulo is a mask.
  const mask = l - 1;
  if ((l & mask) !== 0) throw new RangeError(`blakeHash needs l to be a power of two, not ${l}.`);
  return (token, length, k, out, at) => {
    const cacheable = length <= tokenTableBytes;
    for (let mac = 0; mac * 32 < k; mac++) {
      const { hash, cache } = hasher(mac);
      const slot = cacheable ? cache.table.find(token, length) : -1;
      let words: Uint16Array;
      let from = 0;
      if (slot >= 0) {
        words = cache.pool;
        from = 32 * slot;
      } else {
        words = hash(token, length);
        if (cacheable) cache.add(words);
      }
      const count = Math.min(32, k - mac * 32);
      const to = at + mac * 32;
      for (let i = 0; i < count; i++) out[to + i] = (words[from + i] as number) & mask;
    }
  };
}

/** One salted BLAKE2b under a feature key, with its remembered digests. */
interface SaltedHasher {
  readonly hash: (message: Uint8Array, length: number) => Uint16Array;
  readonly cache: WordCache;
}

/** Remembered digests, 32 16-bit words each, in one growing pool (no object per token). */
class WordCache {
  readonly table = new TokenTable();
  /** The words of slot s are pool[32 s, 32 s + 32). */
  pool = new Uint16Array(32 * 64);

  /** Remembers the digest of the token `table.find` last missed, unless the cache is full. */
  add(words: Uint16Array): void {
    if (this.table.size >= cacheLimit) return;
    const slot = this.table.add();
    if (this.pool.length < 32 * (slot + 1)) this.pool = grow(this.pool);
    this.pool.set(words, 32 * slot);
  }
}

/** A typed array twice as long, with the same start. */
function grow<T extends Int32Array | Uint16Array>(array: T): T {
  const grown = new (array.constructor as new (length: number) => T)(2 * array.length);
  grown.set(array);
  return grown;
}

/**
 * The token hashing a feature's hash configuration names, under the feature's two keys, into a filter
 * of l bits.
 *
 * @example
 * const hash = tokenHasher({ type: 'blakeHash' }, keys, 1024);
 * hash(tokenBytes, tokenLength, 20, positions, 0); // positions[0, 20) are set
 */
export function tokenHasher(
  hash: HashConfig,
  keys: readonly [Uint8Array, Uint8Array],
  l: number,
): TokenHasher {
  if (hash.type === 'doubleHash') return doubleHasher(keys, hash.prevent_singularity === true, l);
  return blakeHasher(keys[0], l);
}

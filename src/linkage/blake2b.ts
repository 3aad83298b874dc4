import { blake2bIv, blake2bMixes, blake2bSigma } from './blake2b-constants.js';
import { blake2bKernel } from './blake2b-wasm.js';

/**
 * BLAKE2b (RFC 7693) with the key, salt and personalisation parameters that Node's built-in
 * `createHash('blake2b512')` cannot set. clkhash's blakeHash keys BLAKE2b with a feature's key and
 * salts it with the insertion index, so a bit-identical encoder needs the full parameter block.
 *
 * 64-bit words are held as (low, high) pairs of 32-bit integers: plain numbers are exact to 2^53
 * only, and BigInt arithmetic would be an order of magnitude slower. The compression itself runs in
 * WebAssembly (`blake2b-wasm.ts`, native 64-bit words) where the runtime has it; the JavaScript one is
 * the fallback.
 */

/** Options of one BLAKE2b hasher; every field may be left out. */
export interface Blake2bOptions {
  /** Secret key, up to 64 bytes; keyed hashing is a MAC. */
  readonly key?: Uint8Array;
  /** Salt, up to 16 bytes; shorter salts are padded with zero bytes, as hashlib and libb2 do. */
  readonly salt?: Uint8Array;
  /** Personalisation, up to 16 bytes, padded like the salt. */
  readonly personal?: Uint8Array;
  /** Digest length in bytes, 1 to 64; 64 by default. */
  readonly outputLength?: number;
}

const blockBytes = 128;

/** The initialisation vector as (low, high) 32-bit word pairs. */
const iv = Uint32Array.from(blake2bIv.flatMap((word) => [Number(word & 0xffffffffn), Number(word >> 32n)]));

/** The message schedule as offsets (times two) of the (low, high) message words. */
const sigma = Int32Array.from(blake2bSigma.flat(), (word) => word * 2);

/** The column and diagonal steps of a round: indices (times two) of a, b, c, d in the work vector. */
const steps = Int32Array.from(blake2bMixes.flat(), (word) => word * 2);

/** v[a] += v[b] + m[x], modulo 2^64. */
function addInto(v: Uint32Array, a: number, b: number, m: Uint32Array, x: number): void {
  // Uint32Array stores modulo 2^32; the carries are taken before that truncation.
  const low = (v[a] as number) + (v[b] as number) + (m[x] as number);
  v[a + 1] =
    (v[a + 1] as number) + (v[b + 1] as number) + (m[x + 1] as number) + Math.floor(low / 0x100000000);
  v[a] = low;
}

/** v[a] += v[b], modulo 2^64. */
function add(v: Uint32Array, a: number, b: number): void {
  const low = (v[a] as number) + (v[b] as number);
  v[a + 1] = (v[a + 1] as number) + (v[b + 1] as number) + (low >= 0x100000000 ? 1 : 0);
  v[a] = low;
}

/** v[d] = (v[d] ^ v[a]) rotated right by `bits` (16, 24, 32 or 63). */
function xorRotate(v: Uint32Array, d: number, a: number, bits: number): void {
  const low = (v[d] as number) ^ (v[a] as number);
  const high = (v[d + 1] as number) ^ (v[a + 1] as number);
  if (bits === 32) {
    v[d] = high;
    v[d + 1] = low;
  } else if (bits === 63) {
    v[d] = (high >>> 31) | (low << 1);
    v[d + 1] = (low >>> 31) | (high << 1);
  } else {
    v[d] = (low >>> bits) | (high << (32 - bits));
    v[d + 1] = (high >>> bits) | (low << (32 - bits));
  }
}

function mix(
  v: Uint32Array,
  m: Uint32Array,
  a: number,
  b: number,
  c: number,
  d: number,
  x: number,
  y: number,
): void {
  addInto(v, a, b, m, x);
  xorRotate(v, d, a, 32);
  add(v, c, d);
  xorRotate(v, b, c, 24);
  addInto(v, a, b, m, y);
  xorRotate(v, d, a, 16);
  add(v, c, d);
  xorRotate(v, b, c, 63);
}

// Work space of `compress`, shared: hashing is synchronous, so no two compressions overlap.
const m = new Uint32Array(32);
const v = new Uint32Array(32);

/** The portable compression: one 128-byte block into the chain value `h` (`counter`: bytes so far). */
export function compressJs(
  h: Uint32Array,
  block: Uint8Array,
  offset: number,
  counter: number,
  last: boolean,
): void {
  for (let i = 0; i < 32; i++) {
    const at = offset + i * 4;
    m[i] =
      (block[at] as number) |
      ((block[at + 1] as number) << 8) |
      ((block[at + 2] as number) << 16) |
      ((block[at + 3] as number) << 24);
  }
  v.set(h, 0);
  v.set(iv, 16);
  v[24] = (v[24] as number) ^ counter;
  v[25] = (v[25] as number) ^ Math.floor(counter / 0x100000000);
  if (last) {
    v[28] = ~(v[28] as number);
    v[29] = ~(v[29] as number);
  }
  for (let round = 0; round < 12; round++) {
    const s = (round % 10) * 16;
    for (let i = 0; i < 8; i++) {
      const at = i * 4;
      mix(
        v,
        m,
        steps[at] as number,
        steps[at + 1] as number,
        steps[at + 2] as number,
        steps[at + 3] as number,
        sigma[s + 2 * i] as number,
        sigma[s + 2 * i + 1] as number,
      );
    }
  }
  for (let i = 0; i < 16; i++) h[i] = (h[i] as number) ^ (v[i] as number) ^ (v[i + 16] as number);
}

/**
 * The WebAssembly kernel, where the runtime has one and stores words little-endian (as WebAssembly
 * memory does, so that a Uint32Array over it reads the (low, high) pairs this file uses).
 */
const kernel = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? blake2bKernel() : null;
// The kernel's memory: the chain value at 0 (64 bytes), the block at 64 (128 bytes).
const chainAt = 0;
const blockAt = 64;
const kernelWords = kernel && new Uint32Array(kernel.memory.buffer, chainAt, 16);
const kernelDigestWords = kernel && new Uint16Array(kernel.memory.buffer, chainAt, 32);

/** Compresses one 128-byte block into `h`: in WebAssembly where possible, else in JavaScript. */
export function compress(
  h: Uint32Array,
  block: Uint8Array,
  offset: number,
  counter: number,
  last: boolean,
): void {
  if (kernel === null || kernelWords === null) {
    compressJs(h, block, offset, counter, last);
    return;
  }
  kernelWords.set(h);
  kernel.memory.set(block.subarray(offset, offset + blockBytes), blockAt);
  kernel.compress(chainAt, chainAt, blockAt, counter >>> 0, Math.floor(counter / 0x100000000), last ? -1 : 0);
  h.set(kernelWords);
}

/** XORs up to 16 bytes, zero-padded, into the chain words starting at `word` (little-endian). */
function xorParameter(h: Uint32Array, word: number, bytes: Uint8Array): void {
  const padded = new Uint8Array(16);
  padded.set(bytes);
  for (let i = 0; i < 4; i++) {
    const at = i * 4;
    const value =
      (padded[at] as number) |
      ((padded[at + 1] as number) << 8) |
      ((padded[at + 2] as number) << 16) |
      ((padded[at + 3] as number) << 24);
    h[word + i] = (h[word + i] as number) ^ value;
  }
}

function checkOptions(key: Uint8Array, salt: Uint8Array, personal: Uint8Array, outputLength: number): void {
  if (key.length > 64) throw new RangeError(`A BLAKE2b key has at most 64 bytes, not ${key.length}.`);
  if (salt.length > 16) throw new RangeError(`A BLAKE2b salt has at most 16 bytes, not ${salt.length}.`);
  if (personal.length > 16) {
    throw new RangeError(`A BLAKE2b personalisation has at most 16 bytes, not ${personal.length}.`);
  }
  if (!Number.isInteger(outputLength) || outputLength < 1 || outputLength > 64) {
    throw new RangeError(`A BLAKE2b digest has 1 to 64 bytes, not ${outputLength}.`);
  }
}

/** The parameters of a hasher, checked, and its chain values before and after the key block. */
function prepare(options: Blake2bOptions) {
  const key = options.key ?? new Uint8Array(0);
  const salt = options.salt ?? new Uint8Array(0);
  const personal = options.personal ?? new Uint8Array(0);
  const outputLength = options.outputLength ?? 64;
  checkOptions(key, salt, personal, outputLength);

  const initial = new Uint32Array(iv);
  initial[0] = (initial[0] as number) ^ (0x01010000 | (key.length << 8) | outputLength);
  xorParameter(initial, 8, salt);
  xorParameter(initial, 12, personal);

  const keyBlock = new Uint8Array(blockBytes);
  keyBlock.set(key);
  // The state after the key block, valid whenever a message follows it (the key block is then not last).
  const keyed = new Uint32Array(initial);
  if (key.length > 0) compress(keyed, keyBlock, 0, blockBytes, false);
  return { key, outputLength, initial, keyBlock, keyed };
}

/**
 * A BLAKE2b hash function with fixed parameters. The key block is compressed once, when the hasher is
 * made, so hashing many short messages under one key (as a Bloom-filter encoder does) costs one
 * compression per message.
 *
 * @example
 * const hash = createBlake2b({ key: featureKey, salt: new TextEncoder().encode('0') });
 * const digest = hash(new TextEncoder().encode(' a')); // 64 bytes
 */
export function createBlake2b(options: Blake2bOptions = {}): (message: Uint8Array) => Uint8Array {
  const { key, outputLength, initial, keyBlock, keyed } = prepare(options);
  return (message) => {
    if (key.length > 0 && message.length === 0) {
      const h = new Uint32Array(initial);
      compress(h, keyBlock, 0, blockBytes, true);
      return digestBytes(h, outputLength);
    }
    const h = new Uint32Array(keyed);
    const prefix = key.length > 0 ? blockBytes : 0;
    const fullBlocks = Math.max(0, Math.ceil(message.length / blockBytes) - 1);
    for (let i = 0; i < fullBlocks; i++) {
      compress(h, message, i * blockBytes, prefix + (i + 1) * blockBytes, false);
    }
    const tail = new Uint8Array(blockBytes);
    tail.set(message.subarray(fullBlocks * blockBytes));
    compress(h, tail, 0, prefix + message.length, true);
    return digestBytes(h, outputLength);
  };
}

function digestBytes(h: Uint32Array, outputLength: number): Uint8Array {
  const out = new Uint8Array(64);
  for (let i = 0; i < 16; i++) {
    const word = h[i] as number;
    out[i * 4] = word & 0xff;
    out[i * 4 + 1] = (word >>> 8) & 0xff;
    out[i * 4 + 2] = (word >>> 16) & 0xff;
    out[i * 4 + 3] = (word >>> 24) & 0xff;
  }
  return out.slice(0, outputLength);
}

/**
 * A BLAKE2b hash function with a 64-byte digest that hands the digest back as 32 little-endian 16-bit
 * words (clkhash's blakeHash reads it so) and allocates nothing: the words are a view that the next call
 * of any such hasher overwrites. The message is `message[0, length)`. Short keyed messages (one block),
 * a Bloom-filter encoder's tokens, take one WebAssembly compression from the precomputed keyed state.
 *
 * @example
 * const hash = createBlake2bWords({ key: featureKey, salt: new TextEncoder().encode('0') });
 * const words = hash(tokenBytes, tokenLength); // Uint16Array(32), valid until the next call
 */
export function createBlake2bWords(
  options: Omit<Blake2bOptions, 'outputLength'> = {},
): (message: Uint8Array, length: number) => Uint16Array {
  const { key, keyed } = prepare({ ...options, outputLength: 64 });
  const slow = createBlake2b({ ...options, outputLength: 64 });
  const slowWords = new Uint16Array(32);
  return (message, length) => {
    if (
      kernel === null ||
      kernelWords === null ||
      kernelDigestWords === null ||
      key.length === 0 ||
      length === 0 ||
      length > blockBytes
    ) {
      const digest = slow(message.subarray(0, length));
      for (let i = 0; i < 32; i++)
        slowWords[i] = (digest[2 * i] as number) | ((digest[2 * i + 1] as number) << 8);
      return slowWords;
    }
    const memory = kernel.memory;
    kernelWords.set(keyed);
    for (let i = 0; i < length; i++) memory[blockAt + i] = message[i] as number;
    memory.fill(0, blockAt + length, blockAt + blockBytes);
    kernel.compress(chainAt, chainAt, blockAt, blockBytes + length, 0, -1);
    return kernelDigestWords;
  };
}

/**
 * BLAKE2b of one message.
 *
 * @example
 * blake2b(new TextEncoder().encode('abc'), { key, salt: new TextEncoder().encode('1') });
 */
export function blake2b(message: Uint8Array, options: Blake2bOptions = {}): Uint8Array {
  return createBlake2b(options)(message);
}

import { createHash } from 'node:crypto';

/**
 * HMAC-SHA1 and HMAC-MD5 (RFC 2104) for clkhash's doubleHash, tuned for many short messages under one
 * key. Node's `createHmac` costs microseconds a call (a native object per token, and the two key pads
 * compressed every time); here the states after the inner and outer key pads are computed once per key,
 * so a token of up to 55 bytes costs two compressions, and nothing is allocated per call. SHA-1 and MD5
 * are 32-bit algorithms, which JavaScript's integer operations run at near-native speed.
 */

/** A Merkle–Damgård hash with 64-byte blocks: its initial state, compression and byte order. */
interface MdHash {
  /** Node's name of the hash, for keys longer than a block (which HMAC hashes first). */
  readonly name: 'sha1' | 'md5';
  readonly initial: readonly number[];
  readonly compress: (h: Int32Array, block: Uint8Array, offset: number) => void;
  /** SHA-1 writes words and the length big-endian, MD5 little-endian. */
  readonly bigEndian: boolean;
}

const sha1Schedule = new Int32Array(80);

function sha1Compress(h: Int32Array, block: Uint8Array, offset: number): void {
  const w = sha1Schedule;
  for (let i = 0; i < 16; i++) {
    const at = offset + 4 * i;
    w[i] =
      ((block[at] as number) << 24) |
      ((block[at + 1] as number) << 16) |
      ((block[at + 2] as number) << 8) |
      (block[at + 3] as number);
  }
  for (let i = 16; i < 80; i++) {
    const x = (w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number);
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  // Four stages of 20 steps, each with its own boolean function and constant (FIPS 180-4, 6.1.2);
  // a loop per stage keeps the steps free of branches.
  for (let i = 0; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + (w[i] as number) + 0x5a827999) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 20; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (w[i] as number) + 0x6ed9eba1) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 40; i < 60; i++) {
    const t =
      (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + (w[i] as number) - 0x70e44324) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 60; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (w[i] as number) - 0x359d3e2a) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
}

/** MD5's per-step constants ⌊|sin(i + 1)| · 2^32⌋ and rotation amounts (RFC 1321, 3.4). */
const md5Constants = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32),
);
const md5Shifts = Int32Array.from({ length: 64 }, (_, i) => {
  const table = [
    [7, 12, 17, 22],
    [5, 9, 14, 20],
    [4, 11, 16, 23],
    [6, 10, 15, 21],
  ];
  return (table[i >> 4] as number[])[i & 3] as number;
});
const md5Words = new Int32Array(16);

function md5Compress(h: Int32Array, block: Uint8Array, offset: number): void {
  const m = md5Words;
  for (let i = 0; i < 16; i++) {
    const at = offset + 4 * i;
    m[i] =
      (block[at] as number) |
      ((block[at + 1] as number) << 8) |
      ((block[at + 2] as number) << 16) |
      ((block[at + 3] as number) << 24);
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  // Four rounds of 16 steps (RFC 1321, 3.4), a loop per round so that the steps have no branches.
  for (let i = 0; i < 16; i++) {
    const sum = (a + ((b & c) | (~b & d)) + (md5Constants[i] as number) + (m[i] as number)) | 0;
    const shift = md5Shifts[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  for (let i = 16; i < 32; i++) {
    const sum =
      (a + ((d & b) | (~d & c)) + (md5Constants[i] as number) + (m[(5 * i + 1) & 15] as number)) | 0;
    const shift = md5Shifts[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  for (let i = 32; i < 48; i++) {
    const sum = (a + (b ^ c ^ d) + (md5Constants[i] as number) + (m[(3 * i + 5) & 15] as number)) | 0;
    const shift = md5Shifts[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  for (let i = 48; i < 64; i++) {
    const sum = (a + (c ^ (b | ~d)) + (md5Constants[i] as number) + (m[(7 * i) & 15] as number)) | 0;
    const shift = md5Shifts[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
}

const sha1: MdHash = {
  name: 'sha1',
  initial: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
  compress: sha1Compress,
  bigEndian: true,
};

const md5: MdHash = {
  name: 'md5',
  initial: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476],
  compress: md5Compress,
  bigEndian: false,
};

/** Shared padding space: the tail of a message, the 0x80 marker and the length fill at most two blocks. */
const tail = new Uint8Array(128);

/**
 * Finishes a hash whose state `h` has absorbed 64 bytes (a key pad) and now absorbs
 * `message[0, length)`; writes the digest into `out`.
 */
function finish(hash: MdHash, h: Int32Array, message: Uint8Array, length: number, out: Uint8Array): void {
  const fullBlocks = length >> 6;
  for (let i = 0; i < fullBlocks; i++) hash.compress(h, message, i * 64);
  const rest = length - fullBlocks * 64;
  for (let i = 0; i < rest; i++) tail[i] = message[fullBlocks * 64 + i] as number;
  tail[rest] = 0x80;
  const blocks = rest + 9 > 64 ? 2 : 1;
  tail.fill(0, rest + 1, blocks * 64);
  // The bit length (key pad included): below 2^53, so two 32-bit halves of a plain number.
  const bits = (64 + length) * 8;
  const low = bits >>> 0;
  const high = Math.floor(bits / 0x100000000);
  const end = blocks * 64;
  for (let i = 0; i < 4; i++) {
    if (hash.bigEndian) {
      tail[end - 1 - i] = (low >>> (8 * i)) & 0xff;
      tail[end - 5 - i] = (high >>> (8 * i)) & 0xff;
    } else {
      tail[end - 8 + i] = (low >>> (8 * i)) & 0xff;
      tail[end - 4 + i] = (high >>> (8 * i)) & 0xff;
    }
  }
  for (let b = 0; b < blocks; b++) hash.compress(h, tail, b * 64);
  for (let i = 0; i < out.length; i++) {
    const word = h[i >> 2] as number;
    const shift = hash.bigEndian ? 24 - 8 * (i & 3) : 8 * (i & 3);
    out[i] = (word >>> shift) & 0xff;
  }
}

/** HMAC under one key: message and length in, the digest out (a buffer the next call overwrites). */
export type KeyedDigest = (message: Uint8Array, length: number) => Uint8Array;

function createHmac(hash: MdHash, key: Uint8Array): KeyedDigest {
  const digestBytes = hash.initial.length * 4;
  const blockKey = new Uint8Array(64);
  blockKey.set(key.length > 64 ? createHash(hash.name).update(key).digest() : key);
  const pad = new Uint8Array(64);
  const padState = (byte: number) => {
    for (let i = 0; i < 64; i++) pad[i] = (blockKey[i] as number) ^ byte;
    const h = Int32Array.from(hash.initial);
    hash.compress(h, pad, 0);
    return h;
  };
  const inner = padState(0x36);
  const outer = padState(0x5c);
  const h = new Int32Array(hash.initial.length);
  const innerDigest = new Uint8Array(digestBytes);
  const digest = new Uint8Array(digestBytes);
  return (message, length) => {
    h.set(inner);
    finish(hash, h, message, length, innerDigest);
    h.set(outer);
    finish(hash, h, innerDigest, digestBytes, digest);
    return digest;
  };
}

/**
 * HMAC-SHA1 under `key`, as Node's `createHmac('sha1', key)` computes it.
 *
 * @example
 * const mac = createHmacSha1(key);
 * mac(tokenBytes, tokenLength); // 20 bytes, overwritten by the next call
 */
export function createHmacSha1(key: Uint8Array): KeyedDigest {
  return createHmac(sha1, key);
}

/**
 * HMAC-MD5 under `key`, as Node's `createHmac('md5', key)` computes it.
 *
 * @example
 * const mac = createHmacMd5(key);
 * mac(tokenBytes, tokenLength); // 16 bytes, overwritten by the next call
 */
export function createHmacMd5(key: Uint8Array): KeyedDigest {
  return createHmac(md5, key);
}

import { blake2bIv, blake2bMixes, blake2bSigma } from './blake2b-constants.js';
import { name, section, signedLeb128, unsignedLeb128 } from './wasm/wasm-binary.js';
/**
 * The BLAKE2b compression function (RFC 7693, section 3.2) as a WebAssembly kernel with native 64-bit
 * additions and rotations, about ten times faster than the (low, high) 32-bit pairs plain JavaScript
 * needs. The module is written out byte by byte here, fully unrolled (12 rounds × 8 mixes, straight-line
 * code, no loops), so the repository holds no opaque binary. It has one export besides its memory:
 *
 *   compress(src, dst, block, tLow, tHigh, lastMask)
 *
 * reads the 64-byte chain value at `src`, compresses the 128-byte block at `block` with the byte
 * counter tHigh · 2^32 + tLow (both unsigned) and the final-block flag (lastMask = −1 for the last
 * block, 0 otherwise), and writes the new chain value to `dst` (which may equal `src`).
 */

/** The kernel of one thread: its memory as bytes and the compression function. */
export interface Blake2bKernel {
  /** The module's memory (one 64 KiB page, never grown, so this view stays valid). */
  readonly memory: Uint8Array;
  readonly compress: (
    src: number,
    dst: number,
    block: number,
    tLow: number,
    tHigh: number,
    lastMask: number,
  ) => void;
}

/** The initialisation vector as signed 64-bit integers (i64.const takes signed LEB128). */
const iv = blake2bIv.map((word) => BigInt.asIntN(64, word));
const sigma = blake2bSigma;

const mixes = blake2bMixes;

/** The opcodes the kernel uses (WebAssembly core specification, section 5.4). */
const code = {
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i64Load: 0x29,
  i64Store: 0x37,
  i64Const: 0x42,
  i64Or: 0x84,
  i64Xor: 0x85,
  i64Shl: 0x86,
  i64Rotr: 0x8a,
  i64Add: 0x7c,
  i64ExtendI32S: 0xac,
  i64ExtendI32U: 0xad,
};

// Locals: the six i32 parameters, then the work vector v0..v15 and the message words m0..m15 (i64).
const param = { src: 0, dst: 1, block: 2, tLow: 3, tHigh: 4, lastMask: 5 };
const vLocal = (i: number) => 6 + i;
const mLocal = (i: number) => 22 + i;

/** Writes instructions of the body, with the few helpers the kernel needs. */
class Body {
  readonly bytes: number[] = [];

  get(local: number): void {
    this.bytes.push(code.localGet, local);
  }

  set(local: number): void {
    this.bytes.push(code.localSet, local);
  }

  constant(value: bigint): void {
    this.bytes.push(code.i64Const, ...signedLeb128(value));
  }

  /** Opcodes without immediates. */
  op(...opcodes: number[]): void {
    this.bytes.push(...opcodes);
  }

  /** i64.load of the word at `base` + `offset` (alignment 2^3). */
  load(base: number, offset: number): void {
    this.get(base);
    this.bytes.push(code.i64Load, 3, ...unsignedLeb128(offset));
  }

  /** a += b (+ m). */
  addInto(a: number, b: number, m?: number): void {
    this.get(a);
    this.get(b);
    this.op(code.i64Add);
    if (m !== undefined) {
      this.get(m);
      this.op(code.i64Add);
    }
    this.set(a);
  }

  /** d = (d ^ a) rotated right by `bits`. */
  xorRotate(d: number, a: number, bits: bigint): void {
    this.get(d);
    this.get(a);
    this.op(code.i64Xor);
    this.constant(bits);
    this.op(code.i64Rotr);
    this.set(d);
  }
}

/** Loads the message words and the work vector: v = h ‖ IV, with the counter and final flag mixed in. */
function initialise(body: Body): void {
  for (let i = 0; i < 16; i++) {
    body.load(param.block, 8 * i);
    body.set(mLocal(i));
  }
  for (let i = 0; i < 8; i++) {
    body.load(param.src, 8 * i);
    body.set(vLocal(i));
    body.constant(iv[i] as bigint);
    body.set(vLocal(8 + i));
  }
  // v12 ^= t (the counter, high and low halves joined); v14 ^= the final-block mask.
  body.get(vLocal(12));
  body.get(param.tHigh);
  body.op(code.i64ExtendI32U);
  body.constant(32n);
  body.op(code.i64Shl);
  body.get(param.tLow);
  body.op(code.i64ExtendI32U, code.i64Or, code.i64Xor);
  body.set(vLocal(12));
  body.get(vLocal(14));
  body.get(param.lastMask);
  body.op(code.i64ExtendI32S, code.i64Xor);
  body.set(vLocal(14));
}

/** The twelve rounds of eight G mixes, unrolled. */
function rounds(body: Body): void {
  for (let round = 0; round < 12; round++) {
    const s = sigma[round % 10] as number[];
    for (const [i, words] of mixes.entries()) {
      const [a, b, c, d] = words.map(vLocal) as [number, number, number, number];
      // G: a += b + m[x]; d = (d ^ a) >>> 32; c += d; b = (b ^ c) >>> 24; again with m[y], 16 and 63.
      body.addInto(a, b, mLocal(s[2 * i] as number));
      body.xorRotate(d, a, 32n);
      body.addInto(c, d);
      body.xorRotate(b, c, 24n);
      body.addInto(a, b, mLocal(s[2 * i + 1] as number));
      body.xorRotate(d, a, 16n);
      body.addInto(c, d);
      body.xorRotate(b, c, 63n);
    }
  }
}

/** The body of `compress` as bytes: initialise, mix, then dst[i] = src[i] ^ v[i] ^ v[i + 8]. */
function compressBody(): number[] {
  const body = new Body();
  initialise(body);
  rounds(body);
  for (let i = 0; i < 8; i++) {
    body.get(param.dst);
    body.load(param.src, 8 * i);
    body.get(vLocal(i));
    body.op(code.i64Xor);
    body.get(vLocal(8 + i));
    body.op(code.i64Xor, code.i64Store, 3, ...unsignedLeb128(8 * i));
  }
  body.op(code.end);
  return body.bytes;
}

/** The module's bytes: one type, one function, one memory page, two exports, one body. */
export function blake2bModuleBytes(): Uint8Array {
  const i32 = 0x7f;
  const i64 = 0x7e;
  const body = [1, 32, i64, ...compressBody()]; // one local declaration: 32 × i64
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 6, i32, i32, i32, i32, i32, i32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('compress'), 0x00, 0]),
    ...section(10, [1, ...unsignedLeb128(body.length), ...body]),
  ]);
}

/** The few parts of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

let kernel: Blake2bKernel | null | undefined;

/**
 * This thread's BLAKE2b kernel, compiled on first use; null where the runtime has no WebAssembly
 * (Node run with --jitless).
 *
 * @example
 * const kernel = blake2bKernel();
 * kernel?.compress(0, 0, 64, 128, 0, -1);
 */
export function blake2bKernel(): Blake2bKernel | null {
  if (kernel !== undefined) return kernel;
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) {
    kernel = null;
    return kernel;
  }
  const { exports } = new api.Instance(new api.Module(blake2bModuleBytes()));
  // The module's own exports, as blake2bModuleBytes declares them.
  const memory = exports.memory as { readonly buffer: ArrayBuffer };
  kernel = { memory: new Uint8Array(memory.buffer), compress: exports.compress as Blake2bKernel['compress'] };
  return kernel;
}

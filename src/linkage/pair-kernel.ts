import { popcount32 } from './similarity-engine.js';
import { name, section, unsignedLeb128 } from './wasm/wasm-binary.js';

/**
 * Intersection counts |a_i ∧ b_j| for a batch of scattered pairs (i, j) of two packed filter sets: the
 * inner loop of blocked linkage (`lsh-join.ts`), which scores the pairs that share a bucket wherever
 * they sit in the sets. `similarity.ts` scores one query against a contiguous block; here every pair
 * reads its own two filters, so nothing is copied per pair.
 *
 * The WebAssembly kernel (`i64.popcnt`, the loop over a filter's words unrolled) keeps both sets in its
 * own memory; the JS kernel is the fallback for runtimes without WebAssembly and the reference in tests.
 * Both return the same integers; callers turn them into Dice scores.
 */

/** Where a kernel takes a batch of pairs and returns their intersection counts. */
export interface PairKernel {
  /** Room for `capacity` pairs: pair c is (pairs[2c], pairs[2c + 1]), indexes into A and B. */
  readonly pairs: Uint32Array;
  /** After `run(count)`: counts[c] = |a ∧ b| of pair c. */
  readonly counts: Uint32Array;
  /** Most pairs a batch holds. */
  readonly capacity: number;
  /** Computes the counts of the first `count` staged pairs. */
  run(count: number): void;
}

/** The two packed sets a kernel reads (as `packFilters` lays them out: filter i at i · bits / 8). */
export interface KernelSets {
  readonly bits: number;
  readonly a: Uint8Array;
  readonly b: Uint8Array;
}

const defaultCapacity = 1 << 16;
const pageBytes = 65_536;

/** A pure-JS kernel over 32-bit words (SWAR popcounts), with buffers of its own. */
export function createJsPairKernel(sets: KernelSets, capacity = defaultCapacity): PairKernel {
  const words = sets.bits >>> 5;
  // Copies, so the words are 4-byte aligned whatever the callers' buffers.
  const a = new Uint32Array(Uint8Array.from(sets.a).buffer);
  const b = new Uint32Array(Uint8Array.from(sets.b).buffer);
  const pairs = new Uint32Array(2 * capacity);
  const counts = new Uint32Array(capacity);
  return {
    pairs,
    counts,
    capacity,
    run(count) {
      for (let c = 0; c < count; c++) {
        const x = (pairs[2 * c] as number) * words;
        const y = (pairs[2 * c + 1] as number) * words;
        let inter = 0;
        for (let w = 0; w < words; w++) inter += popcount32((a[x + w] as number) & (b[y + w] as number));
        counts[c] = inter;
      }
    },
  };
}

/** The few parts of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

function webAssembly(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

/** Whether this runtime can run the WebAssembly kernel. */
export function pairKernelWasmSupported(): boolean {
  return webAssembly() !== undefined;
}

/**
 * The module, for filters of `bits` bits (a multiple of 64). It exports its memory and
 *
 *   intersections(pairs, count, out, aBase, bBase)
 *
 * which, for c < count, reads i = u32[pairs + 8c] and j = u32[pairs + 8c + 4] and stores
 * Σ_w popcnt(u64[aBase + i·bytes + 8w] & u64[bBase + j·bytes + 8w]) at u32[out + 4c].
 */
function kernelModule(bits: number): Uint8Array {
  const shift = Math.log2(bits / 8);
  const [pairs, count, out, aBase, bBase, c, at, a, b] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const get = (local: number) => [0x20, local];
  const set = (local: number) => [0x21, local];
  const i32 = 0x7f;
  /** The address of a filter: base + (index << shift), the index loaded from pair c at `offset`. */
  const filterAddress = (offset: number, base: number) => [
    ...get(at),
    0x28,
    2,
    offset, // i32.load
    0x41,
    shift,
    0x74, // i32.const shift; i32.shl
    ...get(base),
    0x6a, // i32.add
  ];
  const wordCount: number[] = [];
  for (let w = 0; w < bits / 64; w++) {
    // i64.load a; i64.load b; i64.and; i64.popcnt; then i64.add into the running sum.
    wordCount.push(
      ...get(a),
      0x29,
      3,
      ...unsignedLeb128(8 * w),
      ...get(b),
      0x29,
      3,
      ...unsignedLeb128(8 * w),
      0x83,
      0x7b,
    );
    if (w > 0) wordCount.push(0x7c);
  }
  const body = [
    1,
    4,
    i32, // locals c, at, a, b
    0x02,
    0x40,
    0x03,
    0x40, // block, loop
    ...get(c),
    ...get(count),
    0x4f,
    0x0d,
    1, // if c ≥ count, leave the block
    ...get(pairs),
    ...get(c),
    0x41,
    3,
    0x74,
    0x6a,
    ...set(at), // at = pairs + 8c
    ...filterAddress(0, aBase),
    ...set(a),
    ...filterAddress(4, bBase),
    ...set(b),
    ...get(out),
    ...get(c),
    0x41,
    2,
    0x74,
    0x6a, // the store's address: out + 4c
    ...wordCount,
    0xa7,
    0x36,
    2,
    0, // i32.wrap_i64; i32.store
    ...get(c),
    0x41,
    1,
    0x6a,
    ...set(c), // c += 1
    0x0c,
    0, // next pair
    0x0b,
    0x0b,
    0x0b, // end loop, block, function
  ];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0, // magic, version 1
    ...section(1, [1, 0x60, 5, i32, i32, i32, i32, i32, 0]), // type: (i32 × 5) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0, 1]), // one memory, at least one page
    ...section(7, [2, ...name('memory'), 2, 0, ...name('intersections'), 0, 0]),
    ...section(10, [1, ...unsignedLeb128(body.length), ...body]),
  ]);
}

const compiled = new Map<number, object>();

/**
 * A WebAssembly kernel with its own instance: both sets are copied into its memory once. Throws when
 * the runtime has no WebAssembly (see {@link pairKernelWasmSupported}).
 */
export function createWasmPairKernel(sets: KernelSets, capacity = defaultCapacity): PairKernel {
  const api = webAssembly();
  if (api === undefined) throw new Error('WebAssembly is not available in this runtime.');
  let module = compiled.get(sets.bits);
  if (module === undefined) {
    module = new api.Module(kernelModule(sets.bits));
    compiled.set(sets.bits, module);
  }
  // The module's exports are those written in kernelModule just above.
  const exports = new api.Instance(module, {}).exports as {
    memory: { buffer: ArrayBuffer; grow(pages: number): number };
    intersections: (pairs: number, count: number, out: number, aBase: number, bBase: number) => void;
  };
  const bBase = sets.a.length;
  const pairsAt = Math.ceil((bBase + sets.b.length) / 8) * 8;
  const countsAt = pairsAt + 8 * capacity;
  const needed = countsAt + 4 * capacity;
  const have = exports.memory.buffer.byteLength;
  if (needed > have) exports.memory.grow(Math.ceil((needed - have) / pageBytes));
  const memory = exports.memory.buffer;
  new Uint8Array(memory).set(sets.a, 0);
  new Uint8Array(memory).set(sets.b, bBase);
  return {
    pairs: new Uint32Array(memory, pairsAt, 2 * capacity),
    counts: new Uint32Array(memory, countsAt, capacity),
    capacity,
    run(count) {
      exports.intersections(pairsAt, count, countsAt, 0, bBase);
    },
  };
}

import { AppError } from '../../platform/errors.js';
import type { DiceBlock, DiceEngine } from '../similarity-engine.js';
import { diceFunctionName, diceModuleBytes } from './dice-module.js';

/**
 * The WebAssembly Dice engine: one instance of the kernel in `dice-module.ts`, its memory grown as
 * blocks need (WebAssembly memory never shrinks, so callers keep blocks bounded).
 *
 * Memory layout for a block of `capacity` filters of `bytes` bytes each (every region 8-byte aligned):
 *
 *   0                         query filter                      bytes
 *   bytes                     filters, one after another        capacity · bytes
 *   bytes · (capacity + 1)    their popcounts (u32)             capacity · 4, padded to 8
 *   then                      hits: u32 index, 4 unused, f64    capacity · 16
 */

/** The few parts of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly kernel: (
    query: number,
    queryPopcount: number,
    block: number,
    popcounts: number,
    count: number,
    words: number,
    threshold: number,
    out: number,
  ) => number;
}

const pageBytes = 65_536;

function webAssembly(): WebAssemblyApi | undefined {
  // WebAssembly is a global of every Node version Coral supports, unless disabled (--jitless).
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

/** Whether this runtime can run the WebAssembly engine. */
export function wasmSupported(): boolean {
  return webAssembly() !== undefined;
}

let compiled: object | undefined;

function instantiate(): KernelExports {
  const api = webAssembly();
  if (api === undefined) {
    throw new AppError('unavailable', 'WebAssembly is not available in this runtime; use the JS engine.');
  }
  // The compiled module is immutable and small, so it is compiled once per process, synchronously.
  compiled ??= new api.Module(diceModuleBytes());
  const { exports } = new api.Instance(compiled, {});
  const memory = exports.memory;
  const kernel = exports[diceFunctionName];
  if (typeof kernel !== 'function' || typeof memory !== 'object' || memory === null) {
    throw new Error('The Dice kernel module does not export its memory and kernel.');
  }
  // Checked just above; the signatures are those of dice-module.ts.
  return { memory: memory as KernelExports['memory'], kernel: kernel as KernelExports['kernel'] };
}

const align8 = (offset: number) => Math.ceil(offset / 8) * 8;

/**
 * A WebAssembly Dice engine with its own instance and memory. Throws an `unavailable` AppError when
 * the runtime has no WebAssembly.
 *
 * @example
 * const engine = createWasmDiceEngine();
 * const block = engine.reserve(128, 1000); // fill block.query, block.filters, block.popcounts
 * engine.scan(popcountOfQuery, 0, 1000, 0.8, (index, score) => hits.push({ index, score }));
 */
export function createWasmDiceEngine(): DiceEngine {
  const { memory, kernel } = instantiate();
  let bytes = 0;
  let popcountsAt = 0;
  let hitsAt = 0;
  let hitIndexes = new Uint32Array(0);
  let hitScores = new Float64Array(0);

  return {
    name: 'wasm',
    reserve(bytesPerFilter, capacity): DiceBlock {
      bytes = bytesPerFilter;
      popcountsAt = bytes * (capacity + 1);
      hitsAt = align8(popcountsAt + 4 * capacity);
      const needed = hitsAt + 16 * capacity;
      const have = memory.buffer.byteLength;
      if (needed > have) memory.grow(Math.ceil((needed - have) / pageBytes));
      // Growing detaches the old buffer: every view is made anew.
      const buffer = memory.buffer;
      hitIndexes = new Uint32Array(buffer, hitsAt, 4 * capacity);
      hitScores = new Float64Array(buffer, hitsAt, 2 * capacity);
      return {
        query: new Uint8Array(buffer, 0, bytes),
        filters: new Uint8Array(buffer, bytes, bytes * capacity),
        popcounts: new Uint32Array(buffer, popcountsAt, capacity),
      };
    },
    scan(queryPopcount, from, to, threshold, onHit) {
      if (to <= from) return;
      const block = bytes * (1 + from);
      const hits = kernel(
        0,
        queryPopcount,
        block,
        popcountsAt + 4 * from,
        to - from,
        bytes / 8,
        threshold,
        hitsAt,
      );
      for (let h = 0; h < hits; h++) {
        onHit(from + (hitIndexes[4 * h] as number), hitScores[2 * h + 1] as number);
      }
    },
  };
}

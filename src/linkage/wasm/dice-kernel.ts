import { AppError } from '../../platform/errors.js';
import {
  type DiceBlock,
  type DiceEngine,
  leastIntersections,
  type QueryHitListener,
  type QueryWindows,
} from '../similarity-engine.js';
import {
  diceFunctionName,
  diceManyFunctionName,
  diceMemoryImport,
  diceModuleBytes,
  diceTaskBytes,
} from './dice-module.js';

/**
 * The WebAssembly Dice engine: kernels from `dice-module.ts`, one per filter length, all over one
 * memory that the engine owns and grows as blocks need (WebAssembly memory never shrinks, so callers
 * keep blocks bounded).
 *
 * Memory layout for filters of `bits` bits (`bytes` = bits / 8), `queries` query filters and a block
 * of `capacity` filters, every region 8-byte aligned:
 *
 *   0             least intersections (u32) per popcount sum 0…2·bits       (2·bits + 1) · 4
 *   queriesAt     query filters, one after another                          queries · bytes
 *   filtersAt     filters, one after another                                capacity · bytes
 *   popcountsAt   their popcounts (u32)                                     capacity · 4
 *   tasksAt       tasks of dice_scan_queries: query address, from, count,   queries · 16
 *                 address of the bounds, 4 · its popcount (u32 each)
 *   countsAt      hits per task (u32)                                       queries · 4
 *   hitsAt        hits: u32 index from the task's `from`, u32 intersection  hitCapacity · 8
 *
 * The kernel finds the hits by comparing intersections with the table (see `leastIntersections`);
 * the scores of the hits are computed here, 2·inter / (pa + pb) in f64, exactly as the JS engine does.
 * The hits region holds `hitCapacity` ≥ `capacity` hits, so one call takes the tasks whose windows add
 * up to at most that many filters.
 */

/** The few parts of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  readonly Memory: new (descriptor: { initial: number }) => KernelMemory;
}

interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The two kernels of dice-module.ts, over the engine's memory. */
interface Kernel {
  readonly one: (
    query: number,
    block: number,
    popcounts: number,
    count: number,
    bounds: number,
    out: number,
  ) => number;
  readonly many: (
    tasks: number,
    taskCount: number,
    block: number,
    popcounts: number,
    counts: number,
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

function requireWebAssembly(): WebAssemblyApi {
  const api = webAssembly();
  if (api === undefined) {
    throw new AppError('unavailable', 'WebAssembly is not available in this runtime; use the JS engine.');
  }
  return api;
}

/** Compiled kernels by filter length: immutable and small, so compiled once per process, synchronously. */
const compiled = new Map<number, object>();

function instantiate(api: WebAssemblyApi, bits: number, memory: KernelMemory): Kernel {
  let module = compiled.get(bits);
  if (module === undefined) {
    module = new api.Module(diceModuleBytes(bits));
    compiled.set(bits, module);
  }
  const [moduleName, memoryName] = diceMemoryImport;
  const { exports } = new api.Instance(module, { [moduleName]: { [memoryName]: memory } });
  const [one, many] = [exports[diceFunctionName], exports[diceManyFunctionName]];
  if (typeof one !== 'function' || typeof many !== 'function') {
    throw new Error('The Dice kernel module does not export its kernels.');
  }
  // Checked just above; the signatures are those of dice-module.ts.
  return { one, many } as Kernel;
}

/** Room for this many hits at least (128 KiB), so that many small windows go in one call. */
const minimumHitCapacity = 16_384;

const align8 = (offset: number) => Math.ceil(offset / 8) * 8;

function viewsOf(buffer: ArrayBuffer, at: Layout): Views {
  const { queries } = at;
  return {
    at,
    popcounts: new Uint32Array(buffer, at.popcountsAt, at.capacity),
    tasks: new Uint32Array(buffer, at.tasksAt, (diceTaskBytes / 4) * queries),
    counts: new Uint32Array(buffer, at.countsAt, queries),
    hits: new Uint32Array(buffer, at.hitsAt, 2 * at.hitCapacity),
  };
}

/** Where the regions of one block are, in bytes from the start of memory. */
interface Layout {
  readonly bits: number;
  readonly capacity: number;
  readonly queries: number;
  /** Hits one kernel call may write: at least one full block, so that any one window fits. */
  readonly hitCapacity: number;
  readonly queriesAt: number;
  readonly filtersAt: number;
  readonly popcountsAt: number;
  readonly tasksAt: number;
  readonly countsAt: number;
  readonly hitsAt: number;
  readonly end: number;
}

function layout(bits: number, capacity: number, queries: number): Layout {
  const bytes = bits / 8;
  const queriesAt = align8(4 * (2 * bits + 1));
  const filtersAt = queriesAt + bytes * queries;
  const popcountsAt = filtersAt + bytes * capacity;
  const tasksAt = align8(popcountsAt + 4 * capacity);
  const countsAt = tasksAt + diceTaskBytes * queries;
  const hitsAt = align8(countsAt + 4 * queries);
  const hitCapacity = Math.max(capacity, minimumHitCapacity);
  const end = hitsAt + 8 * hitCapacity;
  return {
    bits,
    capacity,
    queries,
    hitCapacity,
    queriesAt,
    filtersAt,
    popcountsAt,
    tasksAt,
    countsAt,
    hitsAt,
    end,
  };
}

/** The views of one layout, made anew whenever memory grows (growing detaches the old buffer). */
interface Views {
  readonly at: Layout;
  readonly popcounts: Uint32Array;
  readonly tasks: Uint32Array;
  readonly counts: Uint32Array;
  readonly hits: Uint32Array;
}

/**
 * Fills tasks from query `first` on, skipping empty windows, until the windows add up to the hits'
 * capacity (a single window never exceeds it). Returns the number of tasks and the next query.
 */
function fillTasks(views: Views, windows: QueryWindows, first: number): { tasks: number; next: number } {
  const { at, tasks } = views;
  const bytes = at.bits / 8;
  let [t, total, q] = [0, 0, first];
  for (; q < windows.count; q++) {
    const [from, to] = [windows.from[q] as number, windows.to[q] as number];
    if (to > at.capacity) throw new RangeError(`Query ${q}'s window ends past the block, at ${to}.`);
    const size = Math.max(0, to - from);
    if (size === 0) continue;
    if (total + size > at.hitCapacity) break;
    tasks[4 * t] = at.queriesAt + q * bytes;
    tasks[4 * t + 1] = from;
    tasks[4 * t + 2] = size;
    tasks[4 * t + 3] = 4 * (windows.popcounts[q] as number);
    total += size;
    t++;
  }
  return { tasks: t, next: q };
}

/** Reports the hits of `taskCount` tasks run by dice_scan_queries, with their scores. */
function reportHits(views: Views, taskCount: number, onHit: QueryHitListener): void {
  const { at, tasks, counts, hits, popcounts } = views;
  const bytes = at.bits / 8;
  let h = 0;
  for (let t = 0; t < taskCount; t++) {
    const query = ((tasks[4 * t] as number) - at.queriesAt) / bytes;
    const from = tasks[4 * t + 1] as number;
    const queryPopcount = (tasks[4 * t + 3] as number) / 4;
    for (const end = h + (counts[t] as number); h < end; h++) {
      const index = from + (hits[2 * h] as number);
      const inter = hits[2 * h + 1] as number;
      // The JS engine's formula; the kernel's bound guarantees it reaches the threshold.
      onHit(query, index, (2 * inter) / (queryPopcount + (popcounts[index] as number)));
    }
  }
}

/**
 * A WebAssembly Dice engine with its own memory. Throws an `unavailable` AppError when the runtime has
 * no WebAssembly.
 *
 * @example
 * const engine = createWasmDiceEngine();
 * const block = engine.reserve(128, 1000); // fill block.query, block.filters, block.popcounts
 * engine.scan(popcountOfQuery, 0, 1000, 0.8, (index, score) => hits.push({ index, score }));
 */
export function createWasmDiceEngine(): DiceEngine {
  const api = requireWebAssembly();
  const memory = new api.Memory({ initial: 1 });
  const kernels = new Map<number, Kernel>();
  let kernel: Kernel = { one: () => 0, many: () => 0 };
  /** Lays the regions out, growing memory as needed. */
  const lay = (bits: number, capacity: number, queries: number): Views => {
    const at = layout(bits, capacity, queries);
    const have = memory.buffer.byteLength;
    if (at.end > have) memory.grow(Math.ceil((at.end - have) / pageBytes));
    return viewsOf(memory.buffer, at);
  };
  let views = lay(64, 0, 1);
  /** The threshold whose least intersections are in the table (undefined: none yet). */
  let tableThreshold: number | undefined;

  const stageBounds = (threshold: number) => {
    if (Object.is(threshold, tableThreshold)) return;
    const { bits } = views.at;
    new Uint32Array(memory.buffer, 0, 2 * bits + 1).set(leastIntersections(bits, threshold));
    tableThreshold = threshold;
  };

  return {
    name: 'wasm',
    reserve(bytesPerFilter, capacity, queryCapacity = 1): DiceBlock {
      const bits = 8 * bytesPerFilter;
      if (bits !== views.at.bits) tableThreshold = undefined;
      views = lay(bits, capacity, queryCapacity);
      const { at } = views;
      let found = kernels.get(bits);
      if (found === undefined) {
        found = instantiate(api, bits, memory);
        kernels.set(bits, found);
      }
      kernel = found;
      return {
        query: new Uint8Array(memory.buffer, at.queriesAt, bytesPerFilter),
        queries: new Uint8Array(memory.buffer, at.queriesAt, bytesPerFilter * queryCapacity),
        filters: new Uint8Array(memory.buffer, at.filtersAt, bytesPerFilter * capacity),
        popcounts: views.popcounts,
      };
    },
    scan(queryPopcount, from, to, threshold, onHit) {
      if (to <= from) return;
      stageBounds(threshold);
      const { at, hits, popcounts } = views;
      const found = kernel.one(
        at.queriesAt,
        at.filtersAt + (at.bits / 8) * from,
        at.popcountsAt + 4 * from,
        to - from,
        4 * queryPopcount,
        at.hitsAt,
      );
      for (let h = 0; h < found; h++) {
        const index = from + (hits[2 * h] as number);
        const inter = hits[2 * h + 1] as number;
        // The JS engine's formula; the kernel's bound guarantees it reaches the threshold.
        onHit(index, (2 * inter) / (queryPopcount + (popcounts[index] as number)));
      }
    },
    scanQueries(windows, threshold, onHit) {
      if (windows.count > views.at.queries) {
        throw new RangeError(`${windows.count} queries, but room was reserved for ${views.at.queries}.`);
      }
      stageBounds(threshold);
      const { at } = views;
      for (let next = 0; next < windows.count; ) {
        const batch = fillTasks(views, windows, next);
        if (batch.tasks > 0) {
          kernel.many(at.tasksAt, batch.tasks, at.filtersAt, at.popcountsAt, at.countsAt, at.hitsAt);
          reportHits(views, batch.tasks, onHit);
        }
        next = batch.next;
      }
    },
  };
}

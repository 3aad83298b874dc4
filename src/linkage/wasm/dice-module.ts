import {
  declareLocals,
  encodeModule,
  type Instruction,
  type Local,
  type ModuleDefinition,
  moduleText,
  op,
  type ValueType,
} from './wasm-binary.js';

/**
 * The Dice kernel as WebAssembly functions generated for one filter length (see `wasm-binary.ts` for
 * the encoder). Being generated at run time, the module is specialised to the length: the loop over a
 * filter's 64-bit words is unrolled completely (up to 16384 bits; longer filters loop over unrolled
 * chunks of 256 words), the query's words are loaded into locals once per call, and four filters are
 * compared per loop step.
 *
 * `dice_scan(query, block, popcounts, count, bounds, out) → hits` (function 0) compares the query
 * filter at `query` with `count` filters laid out one after another at `block` (`words` 64-bit words
 * each, read as little-endian u64: popcounts do not depend on byte order as long as both sides are
 * read the same way), whose popcounts are the u32s at `popcounts`. For filter j it computes
 *
 *   inter = Σ_w i64.popcnt(i64.and(query[w], filter_j[w]))
 *
 * and, when inter ≥ bounds[popcounts[j]] (u32s, compared unsigned), appends an 8-byte hit at `out`:
 * the u32 index j at +0 and the u32 inter at +4. It returns the number of hits. The caller points
 * `bounds` into a table of least intersections, indexed by the sum of both popcounts, at the query's
 * popcount (see `leastIntersections` in `similarity-engine.ts`): so the Dice test
 * 2·inter / (pa + pb) ≥ t is one integer comparison here, with no division, and the caller computes
 * the score of the few hits in the same f64 arithmetic as the JS engine.
 *
 * `dice_scan_queries` (function 1) runs `dice_scan` for many queries in one call; see `manyFunction`.
 *
 * Addresses must be 8-byte aligned (filters) or 4-byte aligned (the rest); `out` needs room for
 * `count` hits.
 */

/**
 * Words unrolled, the query's held in locals; longer filters (over 16384 bits) loop over chunks of this
 * many, the query read from memory. Unrolled, 8192-bit filters ran about 1.6 times as fast as in chunks
 * of 64 words.
 */
const chunkWords = 256;

/** Filters compared per loop step, sharing the query's words (a remainder loop takes the rest). */
const filtersPerStep = 4;

const params = declareLocals(0, {
  query: 'i32',
  block: 'i32',
  popcounts: 'i32',
  count: 'i32',
  bounds: 'i32',
  out: 'i32',
});

const locals = declareLocals(Object.keys(params).length, {
  /** The popcount of the filter being compared; it walks from `popcounts`, 4 bytes a filter. */
  p: 'i32',
  /** Where the steps of `filtersPerStep` filters end, and where all filters end. */
  stepsEnd: 'i32',
  end: 'i32',
  /** The filter being compared; it walks from `block`, `words · 8` bytes a filter. */
  b: 'i32',
  /** Where the next hit goes. */
  o: 'i32',
  inter: 'i32',
  /** Chunk cursors in the query and in the filter (only for filters longer than one chunk). */
  qc: 'i32',
  bc: 'i32',
  chunkSum: 'i64',
});

const { query, block, popcounts, count, bounds, out } = params;
const { p, stepsEnd, end, b, o, inter, qc, bc, chunkSum } = locals;

/** `local += by` for an i32 local. */
function increment(local: Local, by: number): Instruction[] {
  return [op.localGet(local), op.i32Const(by), op.i32Add(), op.localSet(local)];
}

/** Where the query's words come from: locals q0… (loaded once per call), or memory at a cursor. */
type QueryWords =
  | { readonly kind: 'locals'; readonly words: readonly Local[] }
  | { readonly kind: 'memory'; readonly cursor: Local };

/**
 * Pushes Σ popcnt(query[w] ∧ filter[w]) for words 0…count − 1, the filter's word w at byte
 * `filterOffset + 8w` from `cursor`. The sum is a plain chain, one add per word: V8's TurboFan then
 * interleaves load, and, popcnt and add word by word, whereas a tree of adds had it load every word
 * first and spill most of them to the stack (about 40 % slower at 1024 bits).
 */
function wordSum(queryWords: QueryWords, cursor: Local, filterOffset: number, count: number): Instruction[] {
  return Array.from({ length: count }, (_, w) => [
    ...(queryWords.kind === 'locals'
      ? [op.localGet(queryWords.words[w] as Local)]
      : [op.localGet(queryWords.cursor), op.i64Load(8 * w)]),
    op.localGet(cursor),
    op.i64Load(filterOffset + 8 * w),
    op.i64And(),
    op.i64Popcnt(),
    ...(w === 0 ? [] : [op.i64Add()]),
  ]).flat();
}

/** Pushes |query ∧ filter| as an i32 for the filter `filterOffset` bytes after the cursor b. */
function intersection(words: number, queryWords: QueryWords, filterOffset: number): Instruction[] {
  if (queryWords.kind === 'locals') {
    return [...wordSum(queryWords, b, filterOffset, words), op.i32WrapI64()];
  }
  // Filters longer than a chunk: loop over chunks, the query read from memory.
  return [
    op.i64Const(0n),
    op.localSet(chunkSum),
    op.localGet(query),
    op.localSet(qc),
    op.localGet(b),
    op.localSet(bc),
    op.loop('chunk'),
    op.localGet(chunkSum),
    ...wordSum(queryWords, bc, filterOffset, chunkWords),
    op.i64Add(),
    op.localSet(chunkSum),
    ...increment(qc, 8 * chunkWords),
    ...increment(bc, 8 * chunkWords),
    op.localGet(qc),
    op.localGet(query),
    op.i32Const(8 * words),
    op.i32Add(),
    op.i32LtU(),
    op.brIf(0, 'chunk'),
    op.end(),
    op.localGet(chunkSum),
    op.i32WrapI64(),
  ];
}

/** Compares the `k`-th filter from the cursors (b, p) and records a hit when inter reaches its bound. */
function compare(words: number, queryWords: QueryWords, k: number): Instruction[] {
  const index = [op.localGet(p), op.localGet(popcounts), op.i32Sub(), op.i32Const(2), op.i32ShrU()];
  return [
    op.comment(`filter ${k} of the step: inter ≥ bounds[popcount]?`),
    ...intersection(words, queryWords, 8 * words * k),
    op.localTee(inter),
    op.localGet(bounds),
    op.localGet(p),
    op.i32Load(4 * k),
    op.i32Const(2),
    op.i32Shl(),
    op.i32Add(),
    op.i32Load(0),
    op.i32GeU(),
    op.if(),
    op.localGet(o),
    ...index,
    ...(k === 0 ? [] : [op.i32Const(k), op.i32Add()]),
    op.i32Store(0),
    op.localGet(o),
    op.localGet(inter),
    op.i32Store(4),
    ...increment(o, 8),
    op.end(),
  ];
}

/** A loop comparing `perStep` filters a step while p < stepEnd (skipped when p ≥ stepEnd at entry). */
function filterLoop(words: number, queryWords: QueryWords, perStep: number, stepEnd: Local): Instruction[] {
  const steps = Array.from({ length: perStep }, (_, k) => compare(words, queryWords, k)).flat();
  return [
    op.block(`done${perStep}`),
    op.localGet(p),
    op.localGet(stepEnd),
    op.i32GeU(),
    op.brIf(0, `done${perStep}`),
    op.loop(`step${perStep}`),
    ...steps,
    ...increment(b, 8 * words * perStep),
    ...increment(p, 4 * perStep),
    op.localGet(p),
    op.localGet(stepEnd),
    op.i32LtU(),
    op.brIf(0, `step${perStep}`),
    op.end(),
    op.end(),
  ];
}

/** Pushes the number of 8-byte hits written from `start` to the cursor `cursor`. */
function hitsSince(cursor: Local, start: Local): Instruction[] {
  return [op.localGet(cursor), op.localGet(start), op.i32Sub(), op.i32Const(3), op.i32ShrU()];
}

/** Sets the cursors p, b and o and the ends of the two filter loops. */
function startCursors(perStep: number): Instruction[] {
  return [
    op.comment('p walks the popcounts, b the filters, o the hits'),
    op.localGet(popcounts),
    op.localSet(p),
    op.localGet(block),
    op.localSet(b),
    op.localGet(out),
    op.localSet(o),
    op.comment('end = popcounts + 4 · count; stepsEnd = popcounts + 4 · (count rounded down to a step)'),
    op.localGet(popcounts),
    op.localGet(count),
    op.i32Const(2),
    op.i32Shl(),
    op.i32Add(),
    op.localSet(end),
    op.localGet(popcounts),
    op.localGet(count),
    op.i32Const(-perStep),
    op.i32And(),
    op.i32Const(2),
    op.i32Shl(),
    op.i32Add(),
    op.localSet(stepsEnd),
  ];
}

/** The kernel for one query and filters of `words` 64-bit words (a power of two); function 0. */
function kernelFunction(words: number) {
  const inLocals = words <= chunkWords;
  const i64: ValueType = 'i64';
  const queryLocals = Object.values(
    declareLocals(
      Object.keys(params).length + Object.keys(locals).length,
      Object.fromEntries(Array.from({ length: inLocals ? words : 0 }, (_, w) => [`q${w}`, i64])),
    ),
  );
  const queryWords: QueryWords = inLocals
    ? { kind: 'locals', words: queryLocals }
    : { kind: 'memory', cursor: qc };
  const perStep = inLocals ? filtersPerStep : 1;
  const body: Instruction[] = [
    ...startCursors(perStep),
    op.comment('the query words go to locals q0…, once'),
    ...queryLocals.flatMap((local, w) => [op.localGet(query), op.i64Load(8 * w), op.localSet(local)]),
    ...(perStep > 1 ? filterLoop(words, queryWords, perStep, stepsEnd) : []),
    ...filterLoop(words, queryWords, 1, end),
    op.comment('hits = (o − out) / 8'),
    ...hitsSince(o, out),
  ];
  return {
    name: diceFunctionName,
    params: Object.values(params),
    locals: [...Object.values(locals), ...queryLocals],
    result: 'i32' as const,
    body,
  };
}

/** The name under which the module exports the kernel for one query. */
export const diceFunctionName = 'dice_scan';

/** The name under which the module exports the kernel for many queries. */
export const diceManyFunctionName = 'dice_scan_queries';

/** The bytes of one task of `dice_scan_queries`: four u32s. */
export const diceTaskBytes = 16;

const many = declareLocals(0, {
  tasks: 'i32',
  taskCount: 'i32',
  block: 'i32',
  popcounts: 'i32',
  counts: 'i32',
  out: 'i32',
});
const manyLocals = declareLocals(Object.keys(many).length, {
  t: 'i32',
  tEnd: 'i32',
  c: 'i32',
  o: 'i32',
  found: 'i32',
});

/** `block + 4·from` style address: base + (u32 at t + taskOffset) · scale. */
function taskAddress(base: Local, taskOffset: number, scale: number): Instruction[] {
  const { t } = manyLocals;
  return [
    op.localGet(base),
    op.localGet(t),
    op.i32Load(taskOffset),
    op.i32Const(scale),
    op.i32Mul(),
    op.i32Add(),
  ];
}

/** counts[i] = found = dice_scan(query, block + from · stride, popcounts + 4 · from, count, bounds, o) */
function scanTask(words: number): Instruction[] {
  const { t, c, o, found } = manyLocals;
  return [
    op.localGet(c),
    op.localGet(t),
    op.i32Load(0),
    ...taskAddress(many.block, 4, 8 * words),
    ...taskAddress(many.popcounts, 4, 4),
    op.localGet(t),
    op.i32Load(8),
    op.localGet(t),
    op.i32Load(12),
    op.localGet(o),
    op.call(0, diceFunctionName),
    op.localTee(found),
    op.i32Store(0),
  ];
}

/**
 * `dice_scan_queries(tasks, taskCount, block, popcounts, counts, out) → hits`: runs `dice_scan` for
 * each task, so that a block of queries costs one call from JS. A task is four u32s: the query's
 * address, the first filter's index `from` in the block at `block` (popcounts at `popcounts`), the
 * number of filters, and the address of the bounds for the query's popcount. The hits of all tasks
 * follow one another at `out` (indexes relative to each task's `from`); the number of hits of task i
 * is stored as the u32 `counts[i]`.
 */
function manyFunction(words: number) {
  const { tasks, taskCount, counts } = many;
  const { t, tEnd, c, o, found } = manyLocals;
  const body: Instruction[] = [
    op.localGet(tasks),
    op.localSet(t),
    op.localGet(counts),
    op.localSet(c),
    op.localGet(many.out),
    op.localSet(o),
    op.localGet(tasks),
    op.localGet(taskCount),
    op.i32Const(diceTaskBytes),
    op.i32Mul(),
    op.i32Add(),
    op.localSet(tEnd),
    op.block('done'),
    op.localGet(t),
    op.localGet(tEnd),
    op.i32GeU(),
    op.brIf(0, 'done'),
    op.loop('task'),
    ...scanTask(words),
    op.comment('o += 8 · found; next task and count'),
    op.localGet(o),
    op.localGet(found),
    op.i32Const(3),
    op.i32Shl(),
    op.i32Add(),
    op.localSet(o),
    ...increment(c, 4),
    ...increment(t, diceTaskBytes),
    op.localGet(t),
    op.localGet(tEnd),
    op.i32LtU(),
    op.brIf(0, 'task'),
    op.end(),
    op.end(),
    op.comment('hits = (o − out) / 8'),
    ...hitsSince(o, many.out),
  ];
  return {
    name: diceManyFunctionName,
    params: Object.values(many),
    locals: Object.values(manyLocals),
    result: 'i32' as const,
    body,
  };
}

/** Where the module imports its memory from: `{ [diceMemoryImport[0]]: { [diceMemoryImport[1]]: memory } }`. */
export const diceMemoryImport = ['kernel', 'memory'] as const;

/**
 * The module for filters of `bits` bits (a power of two, at least 64): the kernel over an imported
 * memory, which the caller creates and grows.
 *
 * @example
 * diceModule(1024).functions[0]?.name; // 'dice_scan'
 */
export function diceModule(bits: number): ModuleDefinition {
  return {
    memory: { module: diceMemoryImport[0], name: diceMemoryImport[1], minimumPages: 1 },
    functions: [kernelFunction(bits / 64), manyFunction(bits / 64)],
  };
}

/**
 * The kernel module's binary for filters of `bits` bits, encoded from the instruction lists above.
 *
 * @example
 * const module = new WebAssembly.Module(diceModuleBytes(1024));
 */
export function diceModuleBytes(bits: number): Uint8Array {
  return encodeModule(diceModule(bits));
}

/**
 * The kernel module for filters of `bits` bits in WebAssembly text format, for reading and review.
 *
 * @example
 * console.error(diceModuleText(1024)); // (module (import "kernel" "memory" (memory 1)) (func $dice_scan …
 */
export function diceModuleText(bits: number): string {
  return moduleText(diceModule(bits));
}

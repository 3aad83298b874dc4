import {
  declareLocals,
  encodeModule,
  type Instruction,
  type Local,
  type ModuleDefinition,
  moduleText,
  op,
} from './wasm-binary.js';

/**
 * The Dice kernel as a hand-written WebAssembly function (see `wasm-binary.ts` for the encoder).
 *
 * `dice_candidates(query, queryPopcount, block, popcounts, count, words, threshold, out) → hits`
 * compares one query filter with `count` filters laid out one after another at `block` (each `words`
 * 64-bit words, read as little-endian u64: popcounts do not depend on byte order as long as both sides
 * are read the same way), whose popcounts are the u32s at `popcounts`. For filter j with
 * queryPopcount + popcounts[j] > 0 it computes
 *
 *   inter = Σ i64.popcnt(i64.and(query[w], filter_j[w]))      (four words per step, then one at a time)
 *   score = f64(2 · inter) / f64(queryPopcount + popcounts[j])
 *
 * and, when score ≥ threshold, appends a 16-byte hit at `out`: the u32 index j at +0, the f64 score at
 * +8. It returns the number of hits. Filters whose popcounts sum to 0 are never hits (Dice 0 by
 * convention). `query`, `block` and `out` must be 8-byte aligned; the caller sizes memory so that
 * `out` has room for `count` hits.
 */

const params = declareLocals(0, {
  query: 'i32',
  queryPopcount: 'i32',
  block: 'i32',
  popcounts: 'i32',
  count: 'i32',
  words: 'i32',
  threshold: 'f64',
  out: 'i32',
});

const locals = declareLocals(Object.keys(params).length, {
  j: 'i32',
  stride: 'i32',
  sum: 'i32',
  a: 'i32',
  b: 'i32',
  end4: 'i32',
  end: 'i32',
  inter: 'i64',
  score: 'f64',
  hits: 'i32',
});

const { query, queryPopcount, block, popcounts, count, words, threshold, out } = params;
const { j, stride, sum, a, b, end4, end, inter, score, hits } = locals;

/** `local += by` for an i32 local. */
function increment(local: Local, by: number): Instruction[] {
  return [op.localGet(local), op.i32Const(by), op.i32Add(), op.localSet(local)];
}

/** Pushes popcnt(a[offset] & b[offset]) for the word at byte `offset` from the cursors a and b. */
function wordIntersection(offset: number): Instruction[] {
  return [
    op.localGet(a),
    op.i64Load(offset),
    op.localGet(b),
    op.i64Load(offset),
    op.i64And(),
    op.i64Popcnt(),
  ];
}

/** inter = |query ∧ filter| for the filter at b: four words per step, then the remaining 0–3 words. */
const intersection: Instruction[] = [
  op.i64Const(0n),
  op.localSet(inter),
  op.localGet(query),
  op.localSet(a),
  op.localGet(block),
  op.localSet(b),
  op.comment('end4 = query + stride rounded down to 32 bytes; end = query + stride'),
  op.localGet(query),
  op.localGet(stride),
  op.i32Const(-32),
  op.i32And(),
  op.i32Add(),
  op.localSet(end4),
  op.localGet(query),
  op.localGet(stride),
  op.i32Add(),
  op.localSet(end),
  op.block('fourDone'),
  op.loop('four'),
  op.localGet(a),
  op.localGet(end4),
  op.i32GeU(),
  op.brIf(1, 'fourDone'),
  op.localGet(inter),
  ...wordIntersection(0),
  ...wordIntersection(8),
  op.i64Add(),
  ...wordIntersection(16),
  ...wordIntersection(24),
  op.i64Add(),
  op.i64Add(),
  op.i64Add(),
  op.localSet(inter),
  ...increment(a, 32),
  ...increment(b, 32),
  op.br(0, 'four'),
  op.end(),
  op.end(),
  op.block('oneDone'),
  op.loop('one'),
  op.localGet(a),
  op.localGet(end),
  op.i32GeU(),
  op.brIf(1, 'oneDone'),
  op.localGet(inter),
  ...wordIntersection(0),
  op.i64Add(),
  op.localSet(inter),
  ...increment(a, 8),
  ...increment(b, 8),
  op.br(0, 'one'),
  op.end(),
  op.end(),
];

/** score = f64(2 · inter) / f64(sum); a hit (j, score) at out when score ≥ threshold. */
const scoring: Instruction[] = [
  op.localGet(inter),
  op.i32WrapI64(),
  op.i32Const(1),
  op.i32Shl(),
  op.f64ConvertI32U(),
  op.localGet(sum),
  op.f64ConvertI32U(),
  op.f64Div(),
  op.localSet(score),
  op.localGet(score),
  op.localGet(threshold),
  op.f64Ge(),
  op.if(),
  op.localGet(out),
  op.localGet(j),
  op.i32Store(0),
  op.localGet(out),
  op.localGet(score),
  op.f64Store(8),
  ...increment(out, 16),
  ...increment(hits, 1),
  op.end(),
];

const body: Instruction[] = [
  op.comment('stride = words · 8, the bytes of one filter'),
  op.localGet(words),
  op.i32Const(3),
  op.i32Shl(),
  op.localSet(stride),
  op.block('done'),
  op.loop('next'),
  op.localGet(j),
  op.localGet(count),
  op.i32GeU(),
  op.brIf(1, 'done'),
  op.comment('sum = queryPopcount + popcounts[j]; empty pairs (sum 0) are skipped'),
  op.localGet(queryPopcount),
  op.localGet(popcounts),
  op.i32Load(0),
  op.i32Add(),
  op.localSet(sum),
  op.localGet(sum),
  op.if(),
  ...intersection,
  ...scoring,
  op.end(),
  op.comment('next filter: j += 1, block += stride, popcounts += 4'),
  ...increment(j, 1),
  op.localGet(block),
  op.localGet(stride),
  op.i32Add(),
  op.localSet(block),
  ...increment(popcounts, 4),
  op.br(0, 'next'),
  op.end(),
  op.end(),
  op.localGet(hits),
];

/** The name under which the module exports the kernel. */
export const diceFunctionName = 'dice_candidates';

/** The module: one exported memory (grown by the caller) and the kernel. */
export const diceModule: ModuleDefinition = {
  memory: { exportName: 'memory', initialPages: 1 },
  functions: [
    {
      name: diceFunctionName,
      params: Object.values(params),
      locals: Object.values(locals),
      result: 'i32',
      body,
    },
  ],
};

/**
 * The kernel module's binary (under 400 bytes), encoded from the instruction lists above.
 *
 * @example
 * const module = new WebAssembly.Module(diceModuleBytes());
 */
export function diceModuleBytes(): Uint8Array {
  return encodeModule(diceModule);
}

/**
 * The kernel module in WebAssembly text format, for reading and review.
 *
 * @example
 * console.error(diceModuleText()); // (module (memory (export "memory") 1) (func $dice_candidates …
 */
export function diceModuleText(): string {
  return moduleText(diceModule);
}

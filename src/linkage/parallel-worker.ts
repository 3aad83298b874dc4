import { parentPort, workerData } from 'node:worker_threads';
import { candidatePairs, type FilterSet } from './similarity.js';
import { createJsDiceEngine, type DiceEngine, type DiceEngineName } from './similarity-engine.js';
import { createWasmDiceEngine } from './wasm/dice-kernel.js';

/**
 * The worker side of `parallel-match.ts`: the filter sets arrive once, as views on SharedArrayBuffers;
 * each task message names a share of the work (a range of A's filters, or a range of candidate pairs)
 * and is answered with the hits found there, as transferred typed arrays.
 */

/** The shared inputs every worker receives at start. */
export interface WorkerSetup {
  readonly bits: number;
  readonly threshold: number;
  readonly engine: DiceEngineName;
  readonly a: SharedSet;
  readonly b: SharedSet;
  /** Candidate pairs, interleaved (a0, b0, a1, b1, …), or absent when comparing all pairs. */
  readonly pairs?: SharedArrayBuffer;
}

/** A filter set whose bytes and popcounts live in SharedArrayBuffers. */
export interface SharedSet {
  readonly count: number;
  readonly bytes: SharedArrayBuffer;
  readonly popcounts: SharedArrayBuffer;
}

/** One share of the work: [from, to) of A's filters, or of the candidate pairs. */
export interface WorkerTask {
  readonly id: number;
  readonly from: number;
  readonly to: number;
}

/** The hits of one task, in ascending (a, b) order for ranges of A, in candidate order for pairs. */
export interface WorkerResult {
  readonly id: number;
  readonly a: Uint32Array<ArrayBuffer>;
  readonly b: Uint32Array<ArrayBuffer>;
  readonly scores: Float64Array<ArrayBuffer>;
}

function filterSet(bits: number, shared: SharedSet): FilterSet {
  return {
    bits,
    count: shared.count,
    bytes: new Uint8Array(shared.bytes),
    popcounts: new Uint32Array(shared.popcounts),
  };
}

/** A's filters [from, to) as a set of their own (views, no copy). */
function slice(set: FilterSet, from: number, to: number): FilterSet {
  const bytes = set.bits / 8;
  return {
    bits: set.bits,
    count: to - from,
    bytes: set.bytes.subarray(from * bytes, to * bytes),
    popcounts: set.popcounts.subarray(from, to),
  };
}

function rangeTask(setup: WorkerSetup, a: FilterSet, b: FilterSet, task: WorkerTask): WorkerResult {
  const found = candidatePairs(slice(a, task.from, task.to), b, setup.threshold, { engine: setup.engine });
  return {
    id: task.id,
    a: Uint32Array.from(found, (pair) => pair.a + task.from),
    b: Uint32Array.from(found, (pair) => pair.b),
    scores: Float64Array.from(found, (pair) => pair.score),
  };
}

/**
 * Scores candidate pairs [from, to): each run of pairs with the same A filter is staged as one block
 * and scanned once, so the per-pair cost is the kernel's, not a call's.
 */
function pairsTask(
  setup: WorkerSetup,
  sets: { a: FilterSet; b: FilterSet },
  engine: DiceEngine,
  task: WorkerTask,
): WorkerResult {
  const pairs = new Uint32Array(setup.pairs as SharedArrayBuffer);
  const bytes = setup.bits / 8;
  const hits: { a: number[]; b: number[]; scores: number[] } = { a: [], b: [], scores: [] };
  let run = task.from;
  while (run < task.to) {
    const i = pairs[2 * run] as number;
    let end = run + 1;
    while (end < task.to && pairs[2 * end] === i) end++;
    const block = engine.reserve(bytes, end - run);
    block.query.set(sets.a.bytes.subarray(i * bytes, (i + 1) * bytes));
    for (let k = run; k < end; k++) {
      const j = pairs[2 * k + 1] as number;
      block.filters.set(sets.b.bytes.subarray(j * bytes, (j + 1) * bytes), (k - run) * bytes);
      block.popcounts[k - run] = sets.b.popcounts[j] as number;
    }
    const start = run;
    engine.scan(sets.a.popcounts[i] as number, 0, end - run, setup.threshold, (index, score) => {
      hits.a.push(i);
      hits.b.push(pairs[2 * (start + index) + 1] as number);
      hits.scores.push(score);
    });
    run = end;
  }
  return {
    id: task.id,
    a: Uint32Array.from(hits.a),
    b: Uint32Array.from(hits.b),
    scores: Float64Array.from(hits.scores),
  };
}

function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('parallel-worker.ts must run in a worker thread.');
  // The setup is built by parallel-match.ts, the only code that starts this worker.
  const setup = workerData as WorkerSetup;
  const sets = { a: filterSet(setup.bits, setup.a), b: filterSet(setup.bits, setup.b) };
  const engine = setup.engine === 'wasm' ? createWasmDiceEngine() : createJsDiceEngine();
  port.on('message', (task: WorkerTask) => {
    const result =
      setup.pairs === undefined
        ? rangeTask(setup, sets.a, sets.b, task)
        : pairsTask(setup, sets, engine, task);
    port.postMessage(result, [result.a.buffer, result.b.buffer, result.scores.buffer]);
  });
}

serve();

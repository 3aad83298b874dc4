import { parentPort, workerData } from 'node:worker_threads';
import { HitList, type JoinInputs, joinChunk, writeSubKeys } from './lsh-join.js';
import { createJsPairKernel, createWasmPairKernel, type PairKernel } from './pair-kernel.js';
import type { FilterSet } from './similarity.js';

/**
 * The worker side of `blocked-linkage.ts`. Both parties' filters, popcounts and sub-key arrays arrive
 * once as SharedArrayBuffers. Tasks come in two kinds, in two phases: `keys` fills the sub-keys of a
 * range of one party's filters (each worker writes its own range of the shared arrays), then `join`
 * joins a chunk of B against all of A in every table and answers with the pairs found.
 */

/** One party's inputs, shared. */
export interface SharedSide {
  readonly count: number;
  readonly bytes: SharedArrayBuffer;
  readonly popcounts: SharedArrayBuffer;
  /** The sub-keys, w-major (`lsh-join.ts`), filled by `keys` tasks. */
  readonly keys: SharedArrayBuffer;
}

export interface JoinWorkerSetup {
  readonly bits: number;
  readonly threshold: number;
  readonly subKeyBits: number;
  readonly positions: number[][];
  readonly engine: 'wasm' | 'js';
  readonly a: SharedSide;
  readonly b: SharedSide;
}

export type JoinWorkerTask =
  | {
      readonly kind: 'keys';
      readonly id: number;
      readonly side: 'a' | 'b';
      readonly from: number;
      readonly to: number;
    }
  | { readonly kind: 'join'; readonly id: number; readonly from: number; readonly to: number };

export interface JoinWorkerResult {
  readonly id: number;
  readonly a: Uint32Array<ArrayBuffer>;
  readonly b: Uint32Array<ArrayBuffer>;
  readonly scores: Float64Array<ArrayBuffer>;
  /** Pairs scored (with multiplicity over tables). */
  readonly scored: number;
}

function filterSet(bits: number, side: SharedSide): FilterSet {
  return {
    bits,
    count: side.count,
    bytes: new Uint8Array(side.bytes),
    popcounts: new Uint32Array(side.popcounts),
  };
}

function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('lsh-join-worker.ts must run in a worker thread.');
  // The setup is built by blocked-linkage.ts, the only code that starts this worker.
  const setup = workerData as JoinWorkerSetup;
  const sets = { a: filterSet(setup.bits, setup.a), b: filterSet(setup.bits, setup.b) };
  const inputs: JoinInputs = {
    subKeyBits: setup.subKeyBits,
    threshold: setup.threshold,
    popcountsA: sets.a.popcounts,
    popcountsB: sets.b.popcounts,
    a: { count: setup.a.count, keys: new Uint16Array(setup.a.keys) },
    b: { count: setup.b.count, keys: new Uint16Array(setup.b.keys) },
  };
  let kernel: PairKernel | undefined;
  port.on('message', (task: JoinWorkerTask) => {
    if (task.kind === 'keys') {
      writeSubKeys(sets[task.side], setup.positions, inputs[task.side].keys, task);
      port.postMessage({
        id: task.id,
        a: new Uint32Array(0),
        b: new Uint32Array(0),
        scores: new Float64Array(0),
        scored: 0,
      });
      return;
    }
    // The kernel copies both sets into its own memory: once per worker, at the first join.
    const kernelSets = { bits: setup.bits, a: sets.a.bytes, b: sets.b.bytes };
    kernel ??= setup.engine === 'wasm' ? createWasmPairKernel(kernelSets) : createJsPairKernel(kernelSets);
    const hits = new HitList();
    const scored = joinChunk(inputs, kernel, task, hits);
    const result: JoinWorkerResult = { id: task.id, ...hits.take(), scored };
    port.postMessage(result, [result.a.buffer, result.b.buffer, result.scores.buffer]);
  });
}

serve();

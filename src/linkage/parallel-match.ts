import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../platform/errors.js';
import type { CandidatePair as IndexPair } from './blocking.js';
import type { WorkerResult, WorkerSetup, WorkerTask } from './parallel-worker.js';
import { type CandidatePair, candidatePairs, type FilterSet } from './similarity.js';
import type { DiceEngineName } from './similarity-engine.js';
import { wasmSupported } from './wasm/dice-kernel.js';

/**
 * `candidatePairs` spread over worker threads. The packed filters are copied once into
 * SharedArrayBuffers that every worker reads; the work is cut into more shares than workers (so a slow
 * share does not hold the others up) and handed out as workers become free. Every share is computed by
 * the same kernel as the single-thread path, so the result is identical to it.
 */

export interface ParallelPairsOptions {
  /** Worker threads to use (default `os.availableParallelism()`); 0 computes on this thread. */
  readonly workers?: number;
  /** `wasm` (the default where the runtime has WebAssembly) or `js`; the results are identical. */
  readonly engine?: DiceEngineName;
  /**
   * Candidate pairs from blocking (`candidateBlocks`), ordered by A index: only these are scored. As
   * `[a, b]` tuples or one Uint32Array of a0, b0, a1, b1, …. Absent: all pairs are compared.
   */
  readonly pairs?: readonly IndexPair[] | Uint32Array;
  /** Shares per worker (default 8). */
  readonly sharesPerWorker?: number;
}

/**
 * Starts a worker running the module `name` of this folder (e.g. `parallel-worker`): the compiled `.js`
 * beside this file, or, when this module runs from its TypeScript source (vitest, `tsx`), the `.ts`
 * source behind tsx's loader. Node 20 does not apply `--import tsx` from a worker's execArgv to the
 * worker's entry file, so the worker starts from a two-line bootstrap that registers tsx's hooks first
 * and then imports the source. `blocked-linkage.ts` starts its workers through this too.
 */
export function startModuleWorker(name: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData });
  // tsx's ESM register API (its exports map points `import` of `tsx/esm/api` here; require would get the CJS one).
  const tsxApi = new URL(
    'dist/esm/api/index.mjs',
    pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function startWorker(setup: WorkerSetup): Worker {
  return startModuleWorker('parallel-worker', setup);
}

function share(set: FilterSet): WorkerSetup['a'] {
  const bytes = new SharedArrayBuffer(set.bytes.length);
  new Uint8Array(bytes).set(set.bytes);
  const popcounts = new SharedArrayBuffer(set.popcounts.byteLength);
  new Uint32Array(popcounts).set(set.popcounts);
  return { count: set.count, bytes, popcounts };
}

function sharePairs(pairs: readonly IndexPair[] | Uint32Array): SharedArrayBuffer {
  const length = pairs instanceof Uint32Array ? pairs.length : pairs.length * 2;
  const buffer = new SharedArrayBuffer(length * 4);
  const view = new Uint32Array(buffer);
  if (pairs instanceof Uint32Array) view.set(pairs);
  else {
    for (const [k, [i, j]] of pairs.entries()) {
      view[2 * k] = i;
      view[2 * k + 1] = j;
    }
  }
  return buffer;
}

/**
 * Cuts [0, total) into about `count` tasks; with candidate pairs, a cut never splits a run of pairs
 * with the same A index (so the kernel scans each run in one block).
 */
function tasks(total: number, count: number, pairs?: Uint32Array): WorkerTask[] {
  const size = Math.max(1, Math.ceil(total / count));
  const cut: WorkerTask[] = [];
  let from = 0;
  while (from < total) {
    let to = Math.min(total, from + size);
    while (pairs && to < total && pairs[2 * to] === pairs[2 * (to - 1)]) to++;
    cut.push({ id: cut.length, from, to });
    from = to;
  }
  return cut;
}

function runTasks(setup: WorkerSetup, work: WorkerTask[], workers: number): Promise<WorkerResult[]> {
  const results: WorkerResult[] = [];
  const pool = Array.from({ length: Math.min(workers, work.length) }, () => startWorker(setup));
  const queue = [...work];
  return new Promise<WorkerResult[]>((resolve, reject) => {
    const finish = (error?: unknown) => {
      for (const worker of pool) void worker.terminate();
      if (error === undefined) resolve(results);
      else reject(error);
    };
    for (const worker of pool) {
      const next = () => {
        const task = queue.shift();
        if (task) worker.postMessage(task);
      };
      worker.on('message', (result: WorkerResult) => {
        results.push(result);
        if (results.length === work.length) finish();
        else next();
      });
      worker.on('error', finish);
      next();
    }
    if (work.length === 0) finish();
  });
}

function checkInputs(a: FilterSet, b: FilterSet, threshold: number, workers: number): void {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new AppError(
      'bad_request',
      `The threshold must be greater than 0 and at most 1; got ${threshold}.`,
    );
  }
  if (a.bits !== b.bits) {
    throw new AppError('bad_request', `The two filter sets differ in length: ${a.bits} and ${b.bits} bits.`);
  }
  if (!Number.isInteger(workers) || workers < 0) {
    throw new AppError('bad_request', `The number of workers must be a whole number ≥ 0; got ${workers}.`);
  }
}

/**
 * Every pair (one filter of `a`, one of `b`) with Dice ≥ `threshold` — among all pairs, or among
 * `options.pairs` — ordered by `a` then `b`: the same pairs and scores as `candidatePairs` (restricted
 * to the candidates when given), computed on `options.workers` worker threads. Rejects with a
 * `bad_request` AppError for a threshold outside (0, 1] or sets of different lengths.
 *
 * @example
 * const found = await parallelCandidatePairs(packFilters(ours), packFilters(theirs), 0.8, { workers: 2 });
 * found[0]; // { a: 0, b: 17, score: 0.91 }
 */
export async function parallelCandidatePairs(
  a: FilterSet,
  b: FilterSet,
  threshold: number,
  options: ParallelPairsOptions = {},
): Promise<CandidatePair[]> {
  const workers = options.workers ?? availableParallelism();
  checkInputs(a, b, threshold, workers);
  const engine = options.engine ?? (wasmSupported() ? 'wasm' : 'js');
  if (workers === 0 && options.pairs === undefined) return candidatePairs(a, b, threshold, { engine });
  const pairs = options.pairs === undefined ? undefined : sharePairs(options.pairs);
  const setup: WorkerSetup = { bits: a.bits, threshold, engine, a: share(a), b: share(b), pairs };
  const total = pairs === undefined ? a.count : pairs.byteLength / 8;
  const pairView = pairs && new Uint32Array(pairs);
  const work = tasks(total, Math.max(1, workers) * (options.sharesPerWorker ?? 8), pairView);
  const results = await runTasks(setup, work, Math.max(1, workers));
  const found: CandidatePair[] = [];
  for (const result of results.sort((x, y) => x.id - y.id)) {
    for (let k = 0; k < result.a.length; k++) {
      found.push({ a: result.a[k] as number, b: result.b[k] as number, score: result.scores[k] as number });
    }
  }
  // Ranges of A come back sorted; candidate pairs come in the caller's order, which may not be.
  return pairs === undefined ? found : found.sort((x, y) => x.a - y.a || x.b - y.b);
}

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type FieldIssue } from '../platform/errors.js';
import {
  type ClkBatchResult,
  type ClkEncoder,
  type ClkRecord,
  createClkEncoder,
  encodeRecords,
} from './clk-encoder.js';
import type { LinkageSchemaInput } from './linkage-schema.js';
import type {
  EncodeTask,
  EncodeTaskResult,
  EncodeWorkerReady,
  EncodeWorkerSetup,
} from './parallel-encode-worker.js';

/**
 * `encodeRecords` spread over threads: the calling thread and `threads − 1` workers. Every thread builds
 * the same encoder from the schema and secret; the records are cut into shares, handed out as threads
 * become free (the calling thread takes one share at a time and lets its event loop run in between;
 * once none are left it re-does shares a slower worker still holds), and the answers are put back in
 * record order, so the result is exactly the single-thread one.
 */

export interface ParallelEncodeOptions {
  /**
   * Threads that encode, the calling one included (default `os.availableParallelism()`): `threads − 1`
   * workers are started; 1 encodes on the calling thread alone.
   */
  readonly threads?: number;
  /** Records per share (default 250; the calling thread holds its event loop for one share at a time). */
  readonly shareSize?: number;
}

/** A pool of encoding threads for one schema and secret; `close` it when done. */
export interface ParallelClkEncoder {
  /** Length of each CLK in bits. */
  readonly bits: number;
  /** Threads that encode, the calling one included. */
  readonly threads: number;
  /** The same result as `encodeRecords(createClkEncoder(schema, secret), records)`. */
  encode(records: readonly ClkRecord[]): Promise<ClkBatchResult>;
  /**
   * Encodes `sample` on every thread and discards the result, so that each thread's code is compiled and
   * its caches hold the sample before the encoding that counts (benchmarks warm up so).
   */
  warmUp(sample: readonly ClkRecord[]): Promise<void>;
  /** Stops the workers. */
  close(): Promise<void>;
}

/**
 * One share of records encoded: the CLKs end to end in one buffer (zeros where a row failed) and the
 * failed rows, counted within the share. Workers answer with it; the calling thread makes it too.
 *
 * @example
 * const result = encodeShare(encoder, { batch: 1, id: 3, records });
 * result.ok && new Uint8Array(result.clks).length; // records.length × bits / 8
 */
export function encodeShare(encoder: ClkEncoder, task: EncodeTask): EncodeTaskResult {
  try {
    const clkBytes = Math.ceil(encoder.bits / 8);
    const { clks, errors } = encodeRecords(encoder, task.records);
    const packed = new Uint8Array(clks.length * clkBytes);
    for (const [i, clk] of clks.entries()) if (clk) packed.set(clk, i * clkBytes);
    return { batch: task.batch, id: task.id, ok: true, clks: packed.buffer, errors };
  } catch (error) {
    return { batch: task.batch, id: task.id, ok: false, message: (error as Error).message };
  }
}

/**
 * Starts a worker running `parallel-encode-worker`: the compiled `.js` beside this file, or, when this
 * module runs from its TypeScript source (vitest, `tsx`), the `.ts` source behind tsx's loader (Node 20
 * does not apply `--import tsx` to a worker's entry file; see `parallel-match.ts`).
 */
function startWorker(setup: EncodeWorkerSetup): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(
    fromSource ? './parallel-encode-worker.ts' : './parallel-encode-worker.js',
    import.meta.url,
  );
  if (!fromSource) return new Worker(entry, { workerData: setup });
  const tsxApi = new URL(
    'dist/esm/api/index.mjs',
    pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/** Waits for a worker's first message: its encoder is ready, or could not be built. */
function whenReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: EncodeWorkerReady) => {
      worker.off('error', reject);
      if (message.ready) resolve();
      else reject(new Error(`An encoding worker could not start: ${message.message}`));
    });
  });
}

/** Lets the event loop run (worker answers arrive, other work proceeds) before the next share. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the tasks of one batch. Each worker takes a new task as it answers (two in flight, so none waits
 * for this thread); this thread encodes tasks with `local` while any are left, then re-does the tasks
 * still unanswered, last first, rather than wait for a slower worker (encoding is deterministic, so the
 * first answer to a task is kept and a later one dropped). Answers come in task order.
 */
async function runTasks(
  workers: readonly Worker[],
  local: ClkEncoder | undefined,
  tasks: readonly EncodeTask[],
): Promise<EncodeTaskResult[]> {
  const results: (EncodeTaskResult | undefined)[] = new Array(tasks.length);
  const batch = tasks[0]?.batch;
  let next = 0;
  let remaining = tasks.length;
  const take = (result: EncodeTaskResult) => {
    // Answers of an earlier batch (a task this thread re-did) and second answers are dropped.
    if (result.batch !== batch || results[result.id] !== undefined) return;
    results[result.id] = result;
    remaining--;
  };
  const cleanups: (() => void)[] = [];
  const fromWorkers = new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown) => {
      if (error !== undefined) reject(error);
      else if (remaining === 0) resolve();
    };
    const give = (worker: Worker) => {
      const task = tasks[next++];
      if (task) worker.postMessage(task);
    };
    for (const worker of workers) {
      const onMessage = (result: EncodeTaskResult) => {
        take(result);
        give(worker);
        settle();
      };
      worker.on('message', onMessage);
      worker.on('error', settle);
      cleanups.push(() => {
        worker.off('message', onMessage);
        worker.off('error', settle);
      });
      give(worker);
      give(worker);
    }
    settle();
  });
  // A worker failing while this thread encodes is reported by the await below, not as unhandled.
  fromWorkers.catch(() => undefined);
  try {
    while (local && remaining > 0) {
      const task = next < tasks.length ? tasks[next++] : unanswered(tasks, results);
      if (task === undefined) break;
      take(encodeShare(local, task));
      await yieldToEventLoop();
    }
    if (remaining > 0) await fromWorkers;
    return results as EncodeTaskResult[];
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}

/** The last task without an answer yet. */
function unanswered(
  tasks: readonly EncodeTask[],
  results: readonly (EncodeTaskResult | undefined)[],
): EncodeTask | undefined {
  for (let i = tasks.length - 1; i >= 0; i--) if (results[i] === undefined) return tasks[i];
  return undefined;
}

/** Joins the answers of the shares (in order) into one batch result with rows counted over all records. */
function assemble(results: readonly EncodeTaskResult[], shareSize: number, clkBytes: number): ClkBatchResult {
  const clks: (Uint8Array | null)[] = [];
  const errors: { row: number; issues: FieldIssue[] }[] = [];
  for (const result of results) {
    if (!result.ok) throw new Error(`An encoding thread failed: ${result.message}`);
    const bytes = new Uint8Array(result.clks);
    const failed = new Set(result.errors.map((error) => error.row));
    const count = bytes.length / clkBytes;
    for (let i = 0; i < count; i++) {
      clks.push(failed.has(i) ? null : bytes.slice(i * clkBytes, (i + 1) * clkBytes));
    }
    const offset = result.id * shareSize;
    for (const error of result.errors) errors.push({ row: offset + error.row, issues: error.issues });
  }
  return { ok: errors.length === 0, clks, errors };
}

function checkOptions(threads: number, shareSize: number): void {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new AppError('bad_request', `The number of threads must be a whole number ≥ 1; got ${threads}.`);
  }
  if (!Number.isInteger(shareSize) || shareSize < 1) {
    throw new AppError('bad_request', `The share size must be a whole number ≥ 1; got ${shareSize}.`);
  }
}

/**
 * A pool of `options.threads` encoding threads (this one and `threads − 1` workers) under one schema
 * and secret. The schema and secret are checked here first (a `validation_failed` or `bad_request`
 * AppError, as `createClkEncoder` throws); the promise settles once every worker has built its encoder.
 *
 * @example
 * const pool = await createParallelClkEncoder(schema, secret, { threads: 2 });
 * const { clks, errors } = await pool.encode(records);
 * await pool.close();
 */
export async function createParallelClkEncoder(
  schema: LinkageSchemaInput,
  secret: string | Uint8Array,
  options: ParallelEncodeOptions = {},
): Promise<ParallelClkEncoder> {
  const local = createClkEncoder(schema, secret);
  const threads = options.threads ?? availableParallelism();
  const shareSize = options.shareSize ?? 250;
  checkOptions(threads, shareSize);
  const clkBytes = Math.ceil(local.bits / 8);
  const workers = Array.from({ length: threads - 1 }, () => startWorker({ schema: local.schema, secret }));
  try {
    await Promise.all(workers.map(whenReady));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  // Numbers the batches, so that a late answer to an earlier batch is never taken for this one's.
  let batches = 0;
  return {
    bits: local.bits,
    threads,
    async encode(records) {
      const batch = ++batches;
      const tasks: EncodeTask[] = [];
      for (let from = 0; from < records.length; from += shareSize) {
        tasks.push({ batch, id: tasks.length, records: records.slice(from, from + shareSize) });
      }
      return assemble(await runTasks(workers, local, tasks), shareSize, clkBytes);
    },
    async warmUp(sample) {
      const task: EncodeTask = { batch: ++batches, id: 0, records: sample };
      await Promise.all([
        ...workers.map((worker) => runTasks([worker], undefined, [task])),
        runTasks([], local, [task]),
      ]);
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Encodes many records on several threads: the same CLKs and errors, in the same order, as
 * `encodeRecords(createClkEncoder(schema, secret), records)`. Starts and stops its own workers; to
 * encode several batches, keep a pool from `createParallelClkEncoder`.
 *
 * @example
 * const { ok, clks, errors } = await encodeRecordsParallel(schema, secret, rows, { threads: 2 });
 */
export async function encodeRecordsParallel(
  schema: LinkageSchemaInput,
  secret: string | Uint8Array,
  records: readonly ClkRecord[],
  options: ParallelEncodeOptions = {},
): Promise<ClkBatchResult> {
  const pool = await createParallelClkEncoder(schema, secret, options);
  try {
    return await pool.encode(records);
  } finally {
    await pool.close();
  }
}

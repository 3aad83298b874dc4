import { parentPort, workerData } from 'node:worker_threads';
import { type ClkRecord, createClkEncoder, type encodeRecords } from './clk-encoder.js';
import type { LinkageSchemaInput } from './linkage-schema.js';
import { encodeShare } from './parallel-encode.js';

/**
 * The worker side of `parallel-encode.ts`: it builds one encoder from the schema and secret it is
 * started with, then answers each share of records with their CLKs packed end to end in one transferred
 * buffer, and the rows (within the share) that do not fit the schema.
 */

/** What every encoding worker receives at start. */
export interface EncodeWorkerSetup {
  readonly schema: LinkageSchemaInput;
  readonly secret: string | Uint8Array;
}

/** One share of the records; `id` orders the answers, `batch` tells batches apart. */
export interface EncodeTask {
  readonly batch: number;
  readonly id: number;
  readonly records: readonly ClkRecord[];
}

/** The answer to a task: CLK i is bytes [i · clkBytes, (i + 1) · clkBytes) unless row i failed. */
export type EncodeTaskResult =
  | {
      readonly batch: number;
      readonly id: number;
      readonly ok: true;
      readonly clks: ArrayBuffer;
      readonly errors: ReturnType<typeof encodeRecords>['errors'];
    }
  | { readonly batch: number; readonly id: number; readonly ok: false; readonly message: string };

/** The first message of a worker: its encoder is built (or the reason it could not be). */
export type EncodeWorkerReady =
  | { readonly ready: true }
  | { readonly ready: false; readonly message: string };

function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('parallel-encode-worker.ts must run in a worker thread.');
  // The setup is built by parallel-encode.ts, the only code that starts this worker.
  const setup = workerData as EncodeWorkerSetup;
  let encoder: ReturnType<typeof createClkEncoder>;
  try {
    encoder = createClkEncoder(setup.schema, setup.secret);
  } catch (error) {
    port.postMessage({ ready: false, message: (error as Error).message } satisfies EncodeWorkerReady);
    return;
  }
  port.postMessage({ ready: true } satisfies EncodeWorkerReady);
  port.on('message', (task: EncodeTask) => {
    const result = encodeShare(encoder, task);
    port.postMessage(result, result.ok ? [result.clks] : []);
  });
}

serve();

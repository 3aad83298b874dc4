/**
 * One measured import for `npm run bench:import`, in a process of its own so its peak memory is its own:
 * opens the storage named by the environment (DATABASE_URL, or CORAL_DATA for PGlite), creates an
 * organisation, imports BENCH_FILE in one transaction, and prints one line of JSON. With
 * BENCH_SETUP_ONLY it only creates and migrates the storage.
 */
import { loadConfig } from '../src/config.js';
import { operatorContext } from '../src/platform/actor.js';
import { createLogger } from '../src/platform/logger.js';
import { openRuntime } from '../src/runtime.js';

const file = process.env.BENCH_FILE ?? '';
const runtime = await openRuntime(loadConfig(process.env), {
  purpose: 'bench:import',
  logger: createLogger({ level: 'warn', destination: process.stderr }),
});
async function measure(): Promise<void> {
  const ctx = operatorContext('bench');
  const org = await runtime.services.organisations.create(ctx, {
    name: `Bench ${Date.now()}`,
    type: 'LawEnforcement',
    country: 'TT',
  });
  const started = process.hrtime.bigint();
  const { record } = await runtime.services.imports.importFile(
    ctx,
    org.id,
    file,
    { fileName: 'bench.csv', options: { format: 'ctdc' } },
    { strategy: 'create', dryRun: false, skipInvalid: true },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = record.summary as { rows: number; invalid: number; result?: { created: number } };
  process.stdout.write(
    `${JSON.stringify({
      status: record.status,
      rows: summary.rows,
      created: summary.result?.created ?? 0,
      invalid: summary.invalid,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round((summary.result?.created ?? 0) / seconds),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

try {
  // A first run only creates the database, so the measured run's peak memory is the import's alone
  // (PGlite's initdb of a new data folder peaks near 900 MB, once).
  if (!process.env.BENCH_SETUP_ONLY) await measure();
} finally {
  await runtime.close();
}

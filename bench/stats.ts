/**
 * `npm run bench:stats`: a three-dimension table with disclosure control over BENCH_CASES (default
 * 1,000,000) cases on PostgreSQL, beside the plain SQL GROUP BY of the same table in the same run; then
 * the dashboard's API under 20 concurrent clients (BENCH_CONNECTIONS), cold and warm. Prints JSON.
 * Needs a PostgreSQL server where the user may create databases: BENCH_DATABASE_URL or
 * CORAL_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import autocannon from 'autocannon';
import { freshDatabase, machine, startServer, stopServer } from './support.js';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const database = await freshDatabase('stats');
const { server, info } = await startServer<{
  port: number;
  token: string;
  cases: number;
  loadSeconds: number;
  table: Record<string, unknown>;
  plainMs: number[];
  engineMs: number[];
}>('stats-server.ts', database.url);

const headers = { authorization: `Bearer ${info.token}` };
const base = `http://127.0.0.1:${info.port}/api/v1/statistics/table?measure=victims`;
// What the national dashboard asks for.
const dashboard = [
  '&by=year,sex',
  '&by=year,country',
  '&by=year,exploitation',
  '&by=ageBand',
  '&by=citizenship',
];

// Cold: each of the dashboard's tables asked for once, nothing cached yet.
const coldMs: number[] = [];
for (const query of dashboard) {
  const t = Date.now();
  const response = await fetch(`${base}${query}`, { headers });
  if (!response.ok) throw new Error(`dashboard request failed: ${response.status}`);
  await response.arrayBuffer();
  coldMs.push(Date.now() - t);
}
const warm = await autocannon({
  url: base,
  connections,
  duration,
  headers,
  requests: dashboard.map((query) => ({
    method: 'GET',
    path: `/api/v1/statistics/table?measure=victims${query}`,
  })),
});

await stopServer(server);
await database.drop();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const plainMs = median(info.plainMs);
const engineMs = median(info.engineMs);
const ratio = engineMs / plainMs;
const summary = {
  benchmark: 'stats',
  machine: machine(database.version),
  setup: { cases: info.cases, loadSeconds: info.loadSeconds, connections, durationSeconds: duration },
  table: {
    ...info.table,
    plainGroupByMs: Math.round(plainMs),
    coralMs: Math.round(engineMs),
    ratio: Number(ratio.toFixed(3)),
    runs: { plainMs: info.plainMs.map(Math.round), coralMs: info.engineMs.map(Math.round) },
  },
  dashboard: {
    coldMs,
    warm: {
      requestsPerSecond: Math.round(warm.requests.average),
      p50Ms: warm.latency.p50,
      p90Ms: warm.latency.p90,
      p97_5Ms: warm.latency.p97_5,
      p99Ms: warm.latency.p99,
      errors: warm.errors + warm.non2xx,
    },
  },
  targets: {
    ratioAtMost: 1.5,
    dashboardP95MsBelow: 100,
    ratioMet: ratio <= 1.5,
    // autocannon reports p90 and p97.5; p95 lies between them, so p97.5 under the target is enough.
    dashboardMet: warm.latency.p97_5 < 100 && warm.errors + warm.non2xx === 0,
  },
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

/**
 * `npm run bench:stats`: a three-dimension table with disclosure control over BENCH_CASES (default
 * 1,000,000) cases on PostgreSQL, beside the plain SQL GROUP BY of the same table in the same run; then
 * the dashboard's API under 20 concurrent clients (BENCH_CONNECTIONS), cold and warm. Prints JSON.
 * Needs a PostgreSQL server where the user may create databases: BENCH_DATABASE_URL or
 * CORAL_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { packageRoot } from '../src/platform/paths.js';

const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.CORAL_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const admin = new Kysely({
  dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
});
const name = `coral_bench_stats_${Date.now()}`;
await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
const target = new URL(adminUrl);
target.pathname = `/${name}`;
const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(admin))
  .rows[0]?.v;

const server = spawn(process.execPath, ['--import', 'tsx', join(packageRoot(), 'bench', 'stats-server.ts')], {
  env: { ...process.env, BENCH_DATABASE_URL: target.toString() },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<{
  port: number;
  token: string;
  cases: number;
  loadSeconds: number;
  table: Record<string, unknown>;
  plainMs: number[];
  engineMs: number[];
}>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const line = out.split('\n').find((l) => l.includes('"ready"'));
    if (line) resolve(JSON.parse(line));
  });
  server.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});

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

server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));
await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
await admin.destroy();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const plainMs = median(info.plainMs);
const engineMs = median(info.engineMs);
const ratio = engineMs / plainMs;
const summary = {
  benchmark: 'stats',
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: version,
  },
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

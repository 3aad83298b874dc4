/**
 * What the HTTP-level benchmarks share: a fresh PostgreSQL database per run, a server script in a
 * process of its own (so the load generator does not share its CPU time), and the machine's description.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { packageRoot } from '../src/platform/paths.js';

/** A server where the user may create databases. */
export const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.CORAL_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, empty database for this run, and how to drop it afterwards. */
export async function freshDatabase(
  label: string,
): Promise<{ url: string; version: string; drop(): Promise<void> }> {
  const admin = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
  });
  const name = `coral_bench_${label}_${Date.now()}`;
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const version =
    (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(admin)).rows[0]?.v ?? '';
  return {
    url: target.toString(),
    version,
    async drop() {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}

/**
 * Starts `bench/<script>` on the database and waits for the JSON line it prints when ready.
 *
 * @example
 * const { server, info } = await startServer<{ port: number }>('stats-server.ts', database.url);
 */
export async function startServer<T>(
  script: string,
  databaseUrl: string,
): Promise<{ server: ChildProcess; info: T }> {
  const server = spawn(process.execPath, ['--import', 'tsx', join(packageRoot(), 'bench', script)], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<T>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (line) resolve(JSON.parse(line));
    });
    server.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { server, info };
}

/** Stops a server started by `startServer`. */
export async function stopServer(server: ChildProcess): Promise<void> {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
}

/** The machine the figures were measured on. */
export function machine(postgres: string) {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
  };
}

/**
 * `npm run bench:import`: BENCH_ROWS (default 1,000,000) synthetic rows in the CTDC layout, drawn from
 * the real CTDC sample, imported by Coral into PostgreSQL and into PGlite, beside a raw COPY of the same
 * file into an unconstrained table of text columns on the same server in the same run. Each import runs
 * in its own process, which reports its peak RSS. Prints JSON. Needs a PostgreSQL server where the user
 * may create databases: BENCH_DATABASE_URL or CORAL_TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeTo } from '../src/interchange/writers.js';
import { packageRoot } from '../src/platform/paths.js';
import { referenceFile } from '../src/testing/reference.js';

const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.CORAL_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const work = mkdtempSync(join(tmpdir(), 'coral-bench-import-'));
const file = join(work, 'ctdc.csv');

// The file: the sample's header, then rows drawn at random (seeded) from the sample's rows.
const [header, ...sample] = readFileSync(referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'), 'utf8')
  .replace(/\r/g, '')
  .trim()
  .split('\n');
let seed = 20261129;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed;
};
const out = createWriteStream(file);
await writeTo(out, `${header}\n`);
let chunk = '';
for (let i = 0; i < rows; i++) {
  chunk += `${sample[next() % sample.length]}\n`;
  if (chunk.length > 1 << 20) {
    await writeTo(out, chunk);
    chunk = '';
  }
}
out.end(chunk);
await new Promise<void>((resolve) => out.on('close', () => resolve()));

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const version = (await admin.query('SHOW server_version')).rows[0]?.server_version as string;
const databases: string[] = [];
async function freshDatabase(label: string): Promise<string> {
  const name = `coral_bench_${label}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  databases.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Baseline: COPY of the same file into a table of text columns with no constraints or indexes.
async function rawCopy(): Promise<{ seconds: number; rowsPerSecond: number }> {
  const client = new pg.Client({ connectionString: await freshDatabase('raw') });
  await client.connect();
  const columns = (header ?? '').split(';').map((_, i) => `c${i} text`);
  await client.query(`CREATE TABLE ctdc_raw (${columns.join(', ')})`);
  const started = process.hrtime.bigint();
  await pipeline(
    createReadStream(file),
    client.query(copyFrom(`COPY ctdc_raw FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)`)),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const copied = Number((await client.query('SELECT count(*) AS n FROM ctdc_raw')).rows[0]?.n);
  await client.end();
  if (copied !== rows) throw new Error(`raw COPY stored ${copied} rows, not ${rows}`);
  return { seconds: round(seconds), rowsPerSecond: Math.round(rows / seconds) };
}

function coralImport(env: Record<string, string>, setupOnly = false): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(packageRoot(), 'bench', 'import-child.ts')],
      {
        env: {
          ...withoutStorage(process.env),
          CORAL_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
          CORAL_IMPORT_DIR: join(work, 'staging'),
          ...env,
          BENCH_FILE: file,
          ...(setupOnly ? { BENCH_SETUP_ONLY: '1' } : {}),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (data) => {
      text += data;
    });
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`import exited with ${code}`));
      else resolve(setupOnly ? {} : JSON.parse(text.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

function withoutStorage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, CORAL_DATA: _data, ...rest } = env;
  return rest;
}

const round = (n: number) => Math.round(n * 10) / 10;

try {
  const raw = await rawCopy();
  const postgresEnv = { DATABASE_URL: await freshDatabase('coral') };
  await coralImport(postgresEnv, true);
  const postgres = await coralImport(postgresEnv);
  const pgliteEnv = { CORAL_DATA: join(work, 'pglite') };
  await coralImport(pgliteEnv, true);
  const pglite = await coralImport(pgliteEnv);
  const ratio = Math.round((100 * Number(postgres.rowsPerSecond)) / raw.rowsPerSecond) / 100;
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'import',
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
          postgres: version,
        },
        file: {
          rows,
          megabytes: round(statSync(file).size / 2 ** 20),
          layout: 'CTDC (semicolons), rows drawn from the real sample',
        },
        baseline: { rawCopy: raw },
        postgres: { ...postgres, ofRawCopy: ratio },
        pglite,
        targets: {
          postgresAtLeastHalfOfRawCopy: ratio >= 0.5,
          peakRssUnder512MB: Number(postgres.peakRssMB) < 512 && Number(pglite.peakRssMB) < 512,
          pgliteAtLeast20kRowsPerSecond: Number(pglite.rowsPerSecond) >= 20_000,
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}

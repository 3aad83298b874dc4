import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { openMemoryPGlite } from '../db/pglite/pglite-storage.js';
import { describePostgresUrl, openPostgresStorage } from '../db/postgres/postgres-storage.js';
import type { DB } from '../db/schema.js';

/** A way to get a fresh, migrated, empty database for one test file. */
export interface TestStorage {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

/** The PostgreSQL server tests also run on, when one is given. */
export const testPostgresUrl = process.env.CORAL_TEST_DATABASE_URL;

/**
 * PGlite always; PostgreSQL too when CORAL_TEST_DATABASE_URL names a server where the user may create
 * databases. Each open gives a new database of its own.
 */
export function testStorages(): TestStorage[] {
  const storages: TestStorage[] = [{ name: 'pglite', open: openTestPGlite }];
  if (testPostgresUrl) storages.push({ name: 'postgres', open: () => openTestPostgres(testPostgresUrl) });
  return storages;
}

/**
 * Runs a suite once per storage, like Kysely's own tests loop over dialects.
 *
 * @example
 * describeEachStorage('organisations repository', (storage) => {
 *   let database: Database;
 *   beforeAll(async () => { database = await storage.open(); });
 *   afterAll(() => database.close());
 * });
 */
export function describeEachStorage(title: string, suite: (storage: TestStorage) => void): void {
  for (const storage of testStorages()) {
    describe(`${title} [${storage.name}]`, () => suite(storage));
  }
}

async function openTestPGlite(): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'coral-test-db-'));
  cpSync(inject('pgliteTemplate'), folder, { recursive: true });
  const database = await openMemoryPGlite(folder);
  database.afterClose(async () => rmSync(folder, { recursive: true, force: true }));
  return database;
}

async function openTestPostgres(url: string): Promise<Database> {
  const name = `coral_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const opened = openPostgresStorage({ url: target.toString(), maxConnections: 5 });
  const report = await migrateToLatest(opened.executor);
  if (!report.ok)
    throw new Error(`migration failed on ${describePostgresUrl(target.toString())}: ${report.error}`);
  opened.afterClose(async () => {
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
  });
  return opened;
}

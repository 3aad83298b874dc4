import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.js';
import type { CoralMigration } from './migrations/migration.js';
import type { DB } from './schema.js';

/** What a migration run did. Batch work reports; it does not throw. */
export interface MigrationReport {
  ok: boolean;
  applied: string[];
  error?: string;
}

/**
 * Brings the database to the newest schema. Safe to run at every start and from several processes at
 * once on PostgreSQL (Kysely takes an advisory lock); each migration runs in its own transaction.
 *
 * @example
 * const report = await migrateToLatest(database.executor);
 * if (!report.ok) throw new Error(report.error);
 */
export async function migrateToLatest(
  db: Kysely<DB>,
  list: readonly CoralMigration[] = migrations,
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => toKysely(list) },
    migrationTableName: 'coral_migration',
    migrationLockTableName: 'coral_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  return summarise(results, error);
}

function toKysely(list: readonly CoralMigration[]): Record<string, Migration> {
  const byName: Record<string, Migration> = {};
  for (const migration of list) {
    byName[migration.name] = {
      up: async (db) => {
        for (const statement of migration.statements) await sql.raw(statement).execute(db);
      },
    };
  }
  return byName;
}

function summarise(results: MigrationResultSet['results'], error: unknown): MigrationReport {
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error === undefined) return { ok: true, applied };
  const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, applied, error: failed ? `${failed}: ${reason}` : reason };
}

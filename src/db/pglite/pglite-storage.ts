import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { type BulkCopy, Database, reportTransactionConnection } from '../database.js';
import type { DB } from '../schema.js';
import { lockDataFolder } from './data-folder-lock.js';

export interface PGliteStorageOptions {
  /** Coral's data folder. The database lives in its `pgdata` subfolder beside the lock file. */
  folder: string;
  /** What this process is doing, shown to a second process that finds the folder locked. */
  purpose: string;
  /** Called if another process took the folder (this one was judged dead): stop at once. Exits by default. */
  onLockLost?: () => void;
}

/**
 * Opens (creating on first use) the embedded PGlite database in a data folder, after locking the folder.
 *
 * @example
 * const database = await openPGliteStorage({ folder: './coral-data', purpose: 'coral serve' });
 */
export async function openPGliteStorage(options: PGliteStorageOptions): Promise<Database> {
  const folder = resolve(options.folder);
  const lock = lockDataFolder(folder, options.purpose, {
    onLost:
      options.onLockLost ??
      (() => {
        process.stderr.write(
          `coral: another process took the data folder ${folder}; stopping to protect it.\n`,
        );
        process.exit(70);
      }),
  });
  try {
    const pglite = await PGlite.create(join(folder, 'pgdata'));
    return new Database({
      kysely: new Kysely<DB>({ dialect: new PGliteDialect({ pglite: reportingTransactions(pglite) }) }),
      kind: 'pglite',
      location: `PGlite in ${folder}`,
      onClose: async () => lock.release(),
      bulkCopy: copyThroughBlob,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Opens a PGlite database held only in memory (or from a prepared folder), unlocked: for tests.
 *
 * @example
 * const database = await openMemoryPGlite();
 */
export async function openMemoryPGlite(folder?: string): Promise<Database> {
  const pglite = await PGlite.create(folder);
  return new Database({
    kysely: new Kysely<DB>({ dialect: new PGliteDialect({ pglite: reportingTransactions(pglite) }) }),
    kind: 'pglite',
    bulkCopy: copyThroughBlob,
    location: folder ? `PGlite in ${folder}` : 'PGlite in memory',
  });
}

/**
 * The PGlite instance as Kysely sees it, except that each transaction it opens reports its handle, so
 * `Database.copyInto` can COPY inside it (PGlite runs one transaction at a time: a COPY on the instance
 * itself would wait for the transaction to end).
 */
function reportingTransactions(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(work: (tx: Transaction) => Promise<T>) =>
          target.transaction((tx) => {
            reportTransactionConnection(tx);
            return work(tx);
          });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** COPY … FROM '/dev/blob': PGlite's way to stream rows in, on the open transaction. */
const copyThroughBlob: BulkCopy = async (connection, table, columns, text) => {
  await (connection as Transaction).query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
    blob: new Blob([text]),
  });
};

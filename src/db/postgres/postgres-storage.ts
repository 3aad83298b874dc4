import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type BulkCopy, Database, reportTransactionConnection } from '../database.js';
import type { DB } from '../schema.js';

export interface PostgresStorageOptions {
  url: string;
  /** Largest number of connections the pool opens. */
  maxConnections?: number;
}

/**
 * Connects to a PostgreSQL server. The pool connects lazily; call `checkPostgresDurability` to learn
 * whether the server is set up to keep committed data.
 *
 * @example
 * const database = openPostgresStorage({ url: process.env.DATABASE_URL });
 */
export function openPostgresStorage(options: PostgresStorageOptions): Database {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  // A connection the server drops (a restart, an administrator's terminate, a closing pool's last
  // message) emits 'error'; unheard, that would end the process. The pool discards such a connection
  // and the next query opens another; a query under way on it fails with the error itself.
  pool.on('error', ignoreDroppedConnection);
  const heard = new WeakSet<pg.PoolClient>();
  const reporting = {
    connect: async () => {
      const client = await pool.connect();
      if (!heard.has(client)) {
        client.on('error', ignoreDroppedConnection);
        heard.add(client);
      }
      reportTransactionConnection(client);
      return client;
    },
    end: () => pool.end(),
    options: pool.options,
    Client: pg.Client,
  };
  return new Database({
    kysely: new Kysely<DB>({ dialect: new PostgresDialect({ pool: reporting }) }),
    kind: 'postgres',
    location: `PostgreSQL at ${describePostgresUrl(options.url)}`,
    bulkCopy: copyThroughClient,
  });
}

function ignoreDroppedConnection(): void {
  // Nothing to do: see openPostgresStorage.
}

/** COPY … FROM STDIN on the transaction's client. Table and columns are the repositories' constants. */
const copyThroughClient: BulkCopy = (connection, table, columns, text) =>
  new Promise((resolve, reject) => {
    const client = connection as pg.PoolClient;
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });

/** host:port/database of a connection URL, without user or password, for messages and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '') || '(default database)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * Lists the server settings that would lose committed data in a crash (fsync or synchronous_commit off,
 * full_page_writes off). An empty list means the server is durable.
 */
export async function checkPostgresDurability(database: Database): Promise<string[]> {
  const unsafe: string[] = [];
  for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
    const result = await sql<{
      setting: string;
    }>`SELECT setting FROM pg_settings WHERE name = ${setting}`.execute(database.executor);
    if (result.rows[0]?.setting === 'off') unsafe.push(`${setting} is off`);
  }
  return unsafe;
}

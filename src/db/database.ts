import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

export type StorageKind = 'pglite' | 'postgres';

/**
 * Loads rows into a table with PostgreSQL's COPY on the connection of the open transaction: the raw
 * connection a storage reported for it, the table, its columns, and the rows in COPY's text format.
 */
export type BulkCopy = (
  connection: unknown,
  table: string,
  columns: readonly string[],
  text: string,
) => Promise<void>;

/** Where a storage reports the raw connection a transaction was given (see `reportTransactionConnection`). */
const connectionSink = new AsyncLocalStorage<{ connection?: unknown }>();

/**
 * Called by a storage when it hands Kysely a connection: inside `Database.transaction` it is the
 * transaction's connection, which `copyInto` then uses. Elsewhere it does nothing.
 */
export function reportTransactionConnection(connection: unknown): void {
  const sink = connectionSink.getStore();
  if (sink && sink.connection === undefined) sink.connection = connection;
}

/**
 * Coral's handle on its database: one Kysely instance, plus the transaction the current call runs in.
 *
 * Repositories ask for `executor` and get the open transaction when there is one, so a service can make
 * several repositories' writes (and the audit entry for them) atomic without passing a handle around.
 * On PGlite there is one connection: a query outside the open transaction would wait for it forever,
 * which this design rules out.
 *
 * @example
 * await database.transaction(async () => {
 *   await users.insert(user);          // same transaction
 *   await audit.append(entry);         // same transaction
 * });
 */
export class Database {
  readonly kind: StorageKind;
  /** Where the data lives, for people and logs; never holds a password. */
  readonly location: string;
  private readonly root: Kysely<DB>;
  private readonly current = new AsyncLocalStorage<TransactionScope>();
  private onClose: () => Promise<void>;
  private readonly bulkCopy: BulkCopy | undefined;

  constructor(options: {
    kysely: Kysely<DB>;
    kind: StorageKind;
    location: string;
    onClose?: () => Promise<void>;
    bulkCopy?: BulkCopy;
  }) {
    this.root = options.kysely;
    this.kind = options.kind;
    this.location = options.location;
    this.onClose = options.onClose ?? (async () => {});
    this.bulkCopy = options.bulkCopy;
  }

  /** The open transaction of this call, or the database itself. */
  get executor(): Kysely<DB> {
    return this.current.getStore()?.trx ?? this.root;
  }

  /** True inside `transaction()`. */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `work` in one transaction: all of its writes land, or none. Nested calls join the outer one.
   * Keep transactions short: on PGlite every other request waits for them.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const scope: TransactionScope = { trx: undefined, afterwards: [], connection: undefined };
    const sink: { connection?: unknown } = {};
    let result: T;
    try {
      result = await connectionSink.run(sink, () =>
        this.root.transaction().execute((trx) => {
          scope.trx = trx;
          scope.connection = sink.connection;
          return connectionSink.exit(() => this.current.run(scope, work));
        }),
      );
    } catch (error) {
      // Deferred work (an audit entry of a refusal) runs whatever happened; the work's own error wins.
      await this.runAfterwards(scope);
      throw error;
    }
    const failure = await this.runAfterwards(scope);
    if (failure) throw failure;
    return result;
  }

  /** Runs every deferred task; returns the first failure, if any, after trying them all. */
  private async runAfterwards(scope: TransactionScope): Promise<unknown> {
    let failure: unknown;
    for (const task of scope.afterwards) {
      try {
        await task();
      } catch (error) {
        failure ??= error;
      }
    }
    return failure;
  }

  /**
   * Runs `task` outside any transaction: now when there is none, otherwise once the transaction has ended,
   * whether it committed or rolled back. The audit log uses it so a denial is recorded even when the
   * work that was denied is undone.
   */
  async outsideTransaction(task: () => Promise<void>): Promise<void> {
    const scope = this.current.getStore();
    if (scope) {
      scope.afterwards.push(() => this.current.exit(task));
      return;
    }
    await task();
  }

  /**
   * Loads many rows at once with COPY, inside the open transaction (so they land with it or not at
   * all). `rows` is COPY's text format: one line per row, columns separated by tabs (see `copyLine`).
   */
  async copyInto(table: string, columns: readonly string[], rows: string): Promise<void> {
    const scope = this.current.getStore();
    if (!scope) throw new Error('copyInto needs a transaction');
    if (!this.bulkCopy || scope.connection === undefined) {
      throw new Error(`This storage (${this.kind}) cannot COPY inside a transaction`);
    }
    if (rows.length === 0) return;
    await this.bulkCopy(scope.connection, table, columns, rows);
  }

  /** Adds work to do once the database is closed (tests remove their scratch databases so). */
  afterClose(task: () => Promise<void>): void {
    const before = this.onClose;
    this.onClose = async () => {
      await before();
      await task();
    };
  }

  /** Closes the connection (and, for PGlite, flushes and unlocks the data folder). */
  async close(): Promise<void> {
    await this.root.destroy();
    await this.onClose();
  }
}

interface TransactionScope {
  trx: Transaction<DB> | undefined;
  afterwards: Array<() => Promise<void>>;
  /** The storage's raw connection of this transaction, for COPY. */
  connection: unknown;
}

/** A value in COPY's text format: NULL as \N, backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/** A text[] value as a PostgreSQL array literal (each element quoted), ready for `copyValue`. */
export function arrayLiteral(values: readonly string[]): string {
  // Most elements (field paths, tokens) need no escaping: then one join does.
  if (!values.some((v) => /[\\"]/.test(v))) return values.length ? `{"${values.join('","')}"}` : '{}';
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** One row of COPY's text format, newline included. */
export function copyLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(copyValue).join('\t')}\n`;
}

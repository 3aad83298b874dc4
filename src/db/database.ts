import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

export type StorageKind = 'pglite' | 'postgres';

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
  private readonly onClose: () => Promise<void>;

  constructor(options: {
    kysely: Kysely<DB>;
    kind: StorageKind;
    location: string;
    onClose?: () => Promise<void>;
  }) {
    this.root = options.kysely;
    this.kind = options.kind;
    this.location = options.location;
    this.onClose = options.onClose ?? (async () => {});
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
    const scope: TransactionScope = { trx: undefined, afterwards: [] };
    let result: T;
    try {
      result = await this.root.transaction().execute((trx) => {
        scope.trx = trx;
        return this.current.run(scope, work);
      });
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

  /** Closes the connection (and, for PGlite, flushes and unlocks the data folder). */
  async close(): Promise<void> {
    await this.root.destroy();
    await this.onClose();
  }
}

interface TransactionScope {
  trx: Transaction<DB> | undefined;
  afterwards: Array<() => Promise<void>>;
}

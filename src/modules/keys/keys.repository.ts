import type { Database } from '../../db/database.js';

/** A data key as stored: wrapped by a master key. */
export interface WrappedKey {
  orgId: string;
  wrappedKey: string;
  masterKeyId: string;
}

/** Data keys' only door to the database. */
export class KeysRepository {
  constructor(private readonly database: Database) {}

  async get(orgId: string): Promise<WrappedKey | undefined> {
    const row = await this.database.executor
      .selectFrom('org_data_keys')
      .select(['org_id', 'wrapped_key', 'master_key_id'])
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return row && { orgId: row.org_id, wrappedKey: row.wrapped_key, masterKeyId: row.master_key_id };
  }

  /** Stores a new data key unless one exists (two first writes at once keep the first). */
  async insertIfAbsent(key: WrappedKey, at: Date): Promise<void> {
    await this.database.executor
      .insertInto('org_data_keys')
      .values({
        org_id: key.orgId,
        wrapped_key: key.wrappedKey,
        master_key_id: key.masterKeyId,
        created_at: at,
      })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .execute();
  }

  async list(): Promise<WrappedKey[]> {
    const rows = await this.database.executor
      .selectFrom('org_data_keys')
      .select(['org_id', 'wrapped_key', 'master_key_id'])
      .execute();
    return rows.map((row) => ({
      orgId: row.org_id,
      wrappedKey: row.wrapped_key,
      masterKeyId: row.master_key_id,
    }));
  }

  async rewrap(key: WrappedKey, at: Date): Promise<void> {
    await this.database.executor
      .updateTable('org_data_keys')
      .set({ wrapped_key: key.wrappedKey, master_key_id: key.masterKeyId, rewrapped_at: at })
      .where('org_id', '=', key.orgId)
      .execute();
  }
}

import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** Platform settings and database liveness. */
export class SystemRepository {
  constructor(private readonly database: Database) {}

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.database.executor
      .selectFrom('coral_settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  /** Stores a setting unless it exists; returns the value now stored. */
  async putSettingIfAbsent(key: string, value: string): Promise<string> {
    await this.database.executor
      .insertInto('coral_settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.getSetting(key)) ?? value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.database.executor
      .insertInto('coral_settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** Round trip to the database. */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.database.executor);
  }
}

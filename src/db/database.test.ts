import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStorage } from '../testing/storages.js';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describeEachStorage('database', (storage) => {
  let database: Database;
  beforeAll(async () => {
    database = await storage.open();
  });
  afterAll(() => database.close());

  const settings = () =>
    database.executor.selectFrom('coral_settings').selectAll().where('key', 'like', 'test-%').execute();

  it('lands all writes of a transaction, or none when it fails', async () => {
    await database.transaction(async () => {
      await database.executor.insertInto('coral_settings').values({ key: 'test-a', value: '1' }).execute();
      await database.executor.insertInto('coral_settings').values({ key: 'test-b', value: '2' }).execute();
    });
    await expect(
      database.transaction(async () => {
        await database.executor.insertInto('coral_settings').values({ key: 'test-c', value: '3' }).execute();
        await database.executor
          .insertInto('coral_settings')
          .values({ key: 'test-a', value: 'duplicate' })
          .execute();
      }),
    ).rejects.toThrow();
    expect((await settings()).map((row) => row.key).sort()).toEqual(['test-a', 'test-b']);
  });

  it('joins nested transactions to the outer one', async () => {
    await expect(
      database.transaction(async () => {
        await database.transaction(async () => {
          await database.executor
            .insertInto('coral_settings')
            .values({ key: 'test-nested', value: '1' })
            .execute();
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect((await settings()).map((row) => row.key)).not.toContain('test-nested');
  });

  it('runs deferred work after a rollback, outside the transaction', async () => {
    await expect(
      database.transaction(async () => {
        await database.outsideTransaction(async () => {
          await database.executor
            .insertInto('coral_settings')
            .values({ key: 'test-kept', value: '1' })
            .execute();
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    expect((await settings()).map((row) => row.key)).toContain('test-kept');
  });

  it('applies migrations once: a second run applies nothing', async () => {
    const report = await migrateToLatest(database.executor);
    expect(report).toEqual({ ok: true, applied: [] });
  });

  it('reports a failed migration instead of throwing, and leaves no half-applied schema', async () => {
    const report = await migrateToLatest(database.executor, [
      ...migrations,
      { name: '9999-broken', statements: ['CREATE TABLE half_made (id int)', 'CREATE TABLE broken ('] },
    ]);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/9999-broken/);
    const tables = await database.executor.introspection.getTables();
    expect(tables.map((table) => table.name)).not.toContain('half_made');
  });
});

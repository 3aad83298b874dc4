import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStorage } from '../testing/storages.js';
import { arrayLiteral, copyLine, type Database } from './database.js';
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

  it('COPYs rows in inside the transaction, whatever they hold, and not at all when it rolls back', async () => {
    await sql`CREATE TABLE copy_probe (n int, t text, tags text[], j jsonb)`.execute(database.executor);
    const awkward = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', 'Núñez “quoted” 𝄞', '', '\\.'];
    const lines = awkward.map((text, n) =>
      copyLine([n, text, arrayLiteral([text, 'x"y', 'a,b', '{}']), JSON.stringify({ text })]),
    );
    lines.push(copyLine([99, null, '{}', null]));
    await database.transaction(() =>
      database.copyInto('copy_probe', ['n', 't', 'tags', 'j'], lines.join('')),
    );
    const rows = await sql<{ n: number; t: string | null; tags: string[]; j: { text: string } | null }>`
      SELECT n, t, tags, j FROM copy_probe ORDER BY n`.execute(database.executor);
    expect(rows.rows).toEqual([
      ...awkward.map((text, n) => ({ n, t: text, tags: [text, 'x"y', 'a,b', '{}'], j: { text } })),
      { n: 99, t: null, tags: [], j: null },
    ]);
    await expect(
      database.transaction(async () => {
        await database.copyInto('copy_probe', ['n', 't', 'tags', 'j'], copyLine([100, 'gone', '{}', null]));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(database.copyInto('copy_probe', ['n'], copyLine([101]))).rejects.toThrow(/transaction/);
    const count = await sql<{ c: number }>`SELECT count(*)::int AS c FROM copy_probe`.execute(
      database.executor,
    );
    expect(count.rows[0]?.c).toBe(awkward.length + 1);
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

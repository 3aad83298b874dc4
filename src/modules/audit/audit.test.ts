import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorContext } from '../../platform/actor.js';
import { describeEachStorage } from '../../testing/storages.js';
import {
  createTestApp,
  login,
  loginAs,
  seedOrganisation,
  seedUser,
  type TestApp,
  testPassword,
} from '../../testing/test-app.js';

describeEachStorage('audit log', (storage) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
  });
  afterAll(() => t.close());

  const operator = operatorContext('auditor');
  const actions = async (since: string) =>
    (await t.services.audit.list(operator, { limit: 500 }))
      .filter((entry) => BigInt(entry.id) > BigInt(since) && entry.action !== 'audit.list')
      .map((entry) => `${entry.action}:${entry.outcome}`)
      .reverse();
  const lastId = async () => (await t.services.audit.list(operator, { limit: 1 }))[0]?.id ?? '0';

  it('is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE', async () => {
    await seedOrganisation(t);
    for (const statement of [
      'UPDATE audit_log SET outcome = $$success$$',
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      await expect(sql.raw(statement).execute(t.database.executor)).rejects.toThrow(/append-only/);
    }
    expect((await t.services.audit.list(operator, { limit: 1 })).length).toBe(1);
  });

  it('records a success for every write, in order', async () => {
    const since = await lastId();
    const admin = await loginAs(t, 'admin', orgId);
    await admin.request('PATCH', `/api/v1/organisations/${orgId}`, { name: 'Audited organisation' });
    const added = await admin.request('POST', `/api/v1/organisations/${orgId}/members`, {
      email: 'new.member@test.example',
      displayName: 'New Member',
      role: 'viewer',
      password: testPassword,
    });
    const memberId = added.json<{ id: string }>().id;
    await admin.request('PATCH', `/api/v1/organisations/${orgId}/members/${memberId}`, { role: 'analyst' });
    const token = (await admin.request('POST', '/api/v1/tokens', { name: 'audit' })).json<{ id: string }>();
    await admin.request('DELETE', `/api/v1/tokens/${token.id}`);
    await admin.request('DELETE', `/api/v1/organisations/${orgId}/members/${memberId}`);
    await admin.request('POST', '/api/v1/auth/logout');
    expect(await actions(since)).toEqual([
      'user.create:success', // seeding the admin (operator)
      'auth.login:success',
      'totp.enrol:success',
      'totp.confirm:success',
      'organisation.update:success',
      'user.create:success',
      'membership.update:success',
      'user.read:success', // the PATCH answers with the member
      'token.create:success',
      'token.revoke:success',
      'membership.delete:success',
      'auth.logout:success',
    ]);
  });

  it('records failed sign-ins and denials, with request id and client address', async () => {
    const since = await lastId();
    const viewer = await loginAs(t, 'viewer', orgId);
    const denied = await viewer.request('GET', `/api/v1/organisations/${orgId}/members`);
    expect(denied.statusCode).toBe(403);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x@test.example', password: 'wrong one' },
    });
    const entries = (await t.services.audit.list(operator, { limit: 500 })).filter(
      (e) => BigInt(e.id) > BigInt(since),
    );
    const denial = entries.find((e) => e.action === 'user.list');
    expect(denial).toMatchObject({
      outcome: 'denied',
      reason: 'forbidden',
      actorId: viewer.userId,
      orgId,
      requestId: denied.headers['x-request-id'],
      clientAddress: '127.0.0.1',
    });
    const failure = entries.find((e) => e.action === 'auth.login' && e.outcome === 'failure');
    expect(failure).toMatchObject({ actorType: 'anonymous', reason: 'invalid_credentials' });
  });

  it('keeps a denial even when the work around it is rolled back', async () => {
    const viewer = await loginAs(t, 'viewer', orgId);
    const before = await lastId();
    await expect(
      t.database.transaction(async () => {
        await t.services.organisations.create(operator, { name: 'Rolled back', type: 'NGO', country: 'TT' });
        await t.services.users.listMembers(
          {
            actor: {
              kind: 'user',
              userId: viewer.userId,
              orgId,
              role: 'viewer',
              platformAdmin: false,
              mfa: false,
              via: { type: 'session' },
            },
            origin: { requestId: null, clientAddress: null },
          },
          orgId,
        );
      }),
    ).rejects.toThrow();
    const after = (await t.services.audit.list(operator, { limit: 500 })).filter(
      (e) => BigInt(e.id) > BigInt(before) && e.action !== 'audit.list',
    );
    expect(after.map((e) => `${e.action}:${e.outcome}`)).toEqual(['user.list:denied']);
    const names = (await t.services.organisations.list(operator)).map((o) => o.name);
    expect(names).not.toContain('Rolled back');
  });

  it('never holds personal data: no e-mail, name or password of anyone in any entry', async () => {
    const { email } = await seedUser(t, orgId, 'case-worker');
    const client = await login(t, email);
    await client.request('POST', '/api/v1/auth/password', {
      currentPassword: testPassword,
      newPassword: 'another fine passphrase',
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ghost@test.example', password: 'guess' },
    });
    const dump = JSON.stringify(
      await sql`SELECT * FROM audit_log`.execute(t.database.executor),
      (_key, value) => (typeof value === 'bigint' ? value.toString() : value),
    );
    for (const secret of [
      email,
      'ghost@test.example',
      testPassword,
      'another fine passphrase',
      'Test case-worker',
      'New Member',
    ]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('pages through entries with a cursor and filters by time, actor and action', async () => {
    const admin = await loginAs(t, 'admin', orgId);
    const first = await admin.request('GET', '/api/v1/audit?limit=2');
    const page1 = first.json<{ entries: Array<{ id: string }>; nextCursor: string }>();
    expect(page1.entries).toHaveLength(2);
    const second = await admin.request('GET', `/api/v1/audit?limit=2&before=${page1.nextCursor}`);
    const page2 = second.json<{ entries: Array<{ id: string }> }>();
    expect(BigInt(page2.entries[0]?.id ?? '0')).toBeLessThan(BigInt(page1.entries[1]?.id ?? '0'));

    const mine = await admin.request('GET', `/api/v1/audit?actor=${admin.userId}&action=totp.confirm`);
    expect(mine.json<{ entries: unknown[] }>().entries).toHaveLength(1);
    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const none = await admin.request('GET', `/api/v1/audit?since=${encodeURIComponent(future)}`);
    expect(none.json<{ entries: unknown[] }>().entries).toEqual([]);
  });
});

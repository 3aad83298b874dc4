import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStorage } from '../../testing/storages.js';
import {
  type Client,
  createTestApp,
  login,
  loginAs,
  seedOrganisation,
  type TestApp,
  testPassword,
} from '../../testing/test-app.js';

describeEachStorage('members and roles', (storage) => {
  let t: TestApp;
  let orgId: string;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
    admin = await loginAs(t, 'admin', orgId);
  });
  afterAll(() => t.close());

  const add = (body: Record<string, unknown>, org = orgId) =>
    admin.request('POST', `/api/v1/organisations/${org}/members`, body);

  it('creates an account with a role; the person can sign in with it', async () => {
    const response = await add({
      email: ' Maria.Lopez@Test.Example ',
      displayName: 'Maria',
      role: 'case-worker',
      password: testPassword,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      email: 'maria.lopez@test.example',
      role: 'case-worker',
      totpEnabled: false,
    });
    expect(JSON.stringify(response.json())).not.toMatch(/argon2|password/i);
    const client = await login(t, 'maria.lopez@test.example');
    expect((await client.request('GET', '/api/v1/auth/session')).json().role).toBe('case-worker');
  });

  it('asks for a password for a new account, and checks its length', async () => {
    const missing = await add({ email: 'nopass@test.example', displayName: 'No Pass', role: 'viewer' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.issues[0].path).toBe('password');
    const short = await add({
      email: 'short@test.example',
      displayName: 'Short',
      role: 'viewer',
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
  });

  it('adds an existing account to a second organisation; the person then switches between them', async () => {
    const second = await seedOrganisation(t, { country: 'JM' });
    await add({
      email: 'two.orgs@test.example',
      displayName: 'Two Orgs',
      role: 'viewer',
      password: testPassword,
    });
    const adminOfSecond = await loginAs(t, 'admin', second);
    const refused = await adminOfSecond.request('POST', `/api/v1/organisations/${second}/members`, {
      email: 'two.orgs@test.example',
      displayName: 'ignored',
      role: 'analyst',
    });
    expect(refused.statusCode).toBe(409);
    expect(JSON.stringify(refused.json())).not.toContain('Two Orgs');
    const platform = await loginAs(t, 'platform-admin', null);
    const joined = await platform.request('POST', `/api/v1/organisations/${second}/members`, {
      email: 'two.orgs@test.example',
      displayName: 'ignored',
      role: 'analyst',
    });
    expect(joined.statusCode).toBe(201);
    const person = await login(t, 'two.orgs@test.example', { orgId: second });
    const session = (await person.request('GET', '/api/v1/auth/session')).json();
    expect(session.organisation.id).toBe(second);
    expect(session.role).toBe('analyst');
    expect(session.memberships).toHaveLength(2);
    const switched = await person.request('POST', '/api/v1/auth/switch-organisation', { orgId });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ organisation: { id: orgId }, role: 'viewer' });
    expect((await person.request('GET', '/api/v1/auth/session')).json().organisation.id).toBe(orgId);
  });

  it('will not switch to an organisation the person does not belong to', async () => {
    const other = await seedOrganisation(t);
    const viewer = await loginAs(t, 'viewer', orgId);
    const response = await viewer.request('POST', '/api/v1/auth/switch-organisation', { orgId: other });
    expect(response.statusCode).toBe(404);
  });

  it('refuses a second membership in the same organisation, even when both are sent at once', async () => {
    await add({ email: 'dup@test.example', displayName: 'Dup', role: 'viewer', password: testPassword });
    const again = await add({ email: 'dup@test.example', displayName: 'Dup', role: 'analyst' });
    expect(again.statusCode).toBe(409);
    const platform = await loginAs(t, 'platform-admin', null);
    await add({ email: 'race@test.example', displayName: 'Race', role: 'viewer', password: testPassword });
    const other = await seedOrganisation(t);
    const both = await Promise.all(
      [0, 1].map(() =>
        platform.request('POST', `/api/v1/organisations/${other}/members`, {
          email: 'race@test.example',
          displayName: 'Race',
          role: 'viewer',
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('lists members, reads one, changes a role, removes a member', async () => {
    const created = (
      await add({ email: 'cycle@test.example', displayName: 'Cycle', role: 'viewer', password: testPassword })
    ).json();
    const list = (await admin.request('GET', `/api/v1/organisations/${orgId}/members`)).json<
      Array<{ email: string }>
    >();
    expect(list.map((m) => m.email)).toContain('cycle@test.example');
    const read = await admin.request('GET', `/api/v1/organisations/${orgId}/members/${created.id}`);
    expect(read.json().role).toBe('viewer');
    const changed = await admin.request('PATCH', `/api/v1/organisations/${orgId}/members/${created.id}`, {
      role: 'data-officer',
    });
    expect(changed.json().role).toBe('data-officer');
    expect(
      (await admin.request('DELETE', `/api/v1/organisations/${orgId}/members/${created.id}`)).statusCode,
    ).toBe(204);
    expect(
      (await admin.request('GET', `/api/v1/organisations/${orgId}/members/${created.id}`)).statusCode,
    ).toBe(404);
  });

  it('keeps at least one administrator', async () => {
    const lonely = await seedOrganisation(t);
    const onlyAdmin = await loginAs(t, 'admin', lonely);
    const demote = await onlyAdmin.request(
      'PATCH',
      `/api/v1/organisations/${lonely}/members/${onlyAdmin.userId}`,
      { role: 'viewer' },
    );
    expect(demote.statusCode).toBe(409);
    const leave = await onlyAdmin.request(
      'DELETE',
      `/api/v1/organisations/${lonely}/members/${onlyAdmin.userId}`,
    );
    expect(leave.statusCode).toBe(409);
  });

  it('lets only administrators manage members', async () => {
    for (const role of ['data-officer', 'case-worker', 'investigator', 'analyst', 'viewer'] as const) {
      const client = await loginAs(t, role, orgId);
      const response = await client.request('POST', `/api/v1/organisations/${orgId}/members`, {
        email: `by-${role}@test.example`,
        displayName: 'x',
        role: 'admin',
        password: testPassword,
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('lets platform administrators manage any organisation and register new ones', async () => {
    const platform = await loginAs(t, 'platform-admin', null);
    const created = await platform.request('POST', '/api/v1/organisations', {
      name: 'New shelter',
      type: 'NGO',
      country: 'HT',
    });
    expect(created.statusCode).toBe(201);
    const duplicate = await platform.request('POST', '/api/v1/organisations', {
      name: 'new SHELTER',
      type: 'NGO',
      country: 'HT',
    });
    expect(duplicate.statusCode).toBe(409);
    const newOrg = created.json<{ id: string }>().id;
    const member = await platform.request('POST', `/api/v1/organisations/${newOrg}/members`, {
      email: 'first.admin@test.example',
      displayName: 'First Admin',
      role: 'admin',
      password: testPassword,
    });
    expect(member.statusCode).toBe(201);
    const all = (await platform.request('GET', '/api/v1/organisations')).json<Array<{ id: string }>>();
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining([orgId, newOrg]));
  });
});

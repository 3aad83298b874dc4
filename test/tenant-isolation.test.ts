import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationRole } from '../src/platform/actor.js';
import { operatorContext, organisationRoles } from '../src/platform/actor.js';
import { describeEachStorage } from '../src/testing/storages.js';
import {
  type Client,
  createTestApp,
  loginAs,
  seedOrganisation,
  seedUser,
  type TestApp,
} from '../src/testing/test-app.js';

/**
 * A user of organisation A, whatever their role, gets 404 or 403 on every resource of organisation B,
 * on read, list and write; nothing of B changes; and each refusal is in the audit log.
 */
describeEachStorage('tenant isolation', (storage) => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let memberOfB: string;
  let tokenOfB: string;
  const clients = new Map<OrganisationRole, Client>();

  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgA = await seedOrganisation(t, { country: 'TT' });
    orgB = await seedOrganisation(t, { country: 'GY' });
    memberOfB = (await seedUser(t, orgB, 'case-worker')).id;
    const { token } = await t.services.tokens.create(operatorContext('test'), {
      name: 'B token',
      expiresInDays: 30,
      userId: memberOfB,
      orgId: orgB,
    });
    tokenOfB = token.id;
    for (const role of organisationRoles) clients.set(role, await loginAs(t, role, orgA));
  });
  afterAll(() => t.close());

  const attacks: Array<{ name: string; send: (c: Client) => Promise<LightMyRequestResponse> }> = [
    { name: 'read organisation B', send: (c) => c.request('GET', `/api/v1/organisations/${orgB}`) },
    {
      name: 'change organisation B',
      send: (c) => c.request('PATCH', `/api/v1/organisations/${orgB}`, { name: 'Taken over' }),
    },
    { name: 'list members of B', send: (c) => c.request('GET', `/api/v1/organisations/${orgB}/members`) },
    {
      name: 'read a member of B',
      send: (c) => c.request('GET', `/api/v1/organisations/${orgB}/members/${memberOfB}`),
    },
    {
      name: 'add a member to B',
      send: (c) =>
        c.request('POST', `/api/v1/organisations/${orgB}/members`, {
          email: 'intruder@test.example',
          displayName: 'Intruder',
          role: 'admin',
          password: 'a long enough password',
        }),
    },
    {
      name: "change a B member's role",
      send: (c) =>
        c.request('PATCH', `/api/v1/organisations/${orgB}/members/${memberOfB}`, { role: 'admin' }),
    },
    {
      name: 'remove a member of B',
      send: (c) => c.request('DELETE', `/api/v1/organisations/${orgB}/members/${memberOfB}`),
    },
    { name: 'revoke a token of B', send: (c) => c.request('DELETE', `/api/v1/tokens/${tokenOfB}`) },
    { name: "read B's audit log", send: (c) => c.request('GET', `/api/v1/audit?orgId=${orgB}`) },
  ];

  for (const role of organisationRoles) {
    describe(`as ${role} of A`, () => {
      for (const attack of attacks) {
        it(`cannot ${attack.name}`, async () => {
          const client = clients.get(role);
          if (!client) throw new Error('client missing');
          const latest = async () =>
            (await t.services.audit.list(operatorContext('test'), { actorId: client.userId, limit: 1 }))[0];
          const before = await latest();
          const response = await attack.send(client);
          expect([403, 404]).toContain(response.statusCode);
          expect(JSON.stringify(response.json())).not.toContain('B token');
          const entry = await latest();
          expect(entry?.id).not.toBe(before?.id);
          expect(entry).toMatchObject({ outcome: 'denied', actorId: client.userId });
        });
      }

      it('lists only organisation A and never sees B in the organisation list', async () => {
        const client = clients.get(role);
        const response = await client?.request('GET', '/api/v1/organisations');
        expect(response?.json<Array<{ id: string }>>().map((o) => o.id)).toEqual([orgA]);
      });

      it("sees only A's entries when listing tokens and (admins) the audit log", async () => {
        const client = clients.get(role);
        const tokens = await client?.request('GET', '/api/v1/tokens');
        expect(tokens?.json<Array<{ id: string }>>().map((x) => x.id)).not.toContain(tokenOfB);
        const audit = await client?.request('GET', '/api/v1/audit');
        if (role === 'admin') {
          const entries = audit?.json<{ entries: Array<{ orgId: string | null }> }>().entries ?? [];
          expect(entries.length).toBeGreaterThan(0);
          expect(entries.every((entry) => entry.orgId === orgA)).toBe(true);
        } else {
          expect(audit?.statusCode).toBe(403);
        }
      });
    });
  }

  it('left everything of B as it was', async () => {
    const operator = operatorContext('test');
    const b = await t.services.organisations.get(operator, orgB);
    expect(b.name).not.toBe('Taken over');
    const members = await t.services.users.listMembers(operator, orgB);
    expect(members.map((m) => [m.user.id, m.membership.role])).toEqual([[memberOfB, 'case-worker']]);
    const tokens = await t.database.executor
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', tokenOfB)
      .executeTakeFirstOrThrow();
    expect(tokens.revoked_at).toBeNull();
  });
});

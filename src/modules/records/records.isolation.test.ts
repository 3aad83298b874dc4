import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrganisationRole, operatorContext, organisationRoles } from '../../platform/actor.js';
import type { EntityId } from '../../standard/field.js';
import { recordKinds } from '../../standard/record-views.js';
import { describeEachStorage } from '../../testing/storages.js';
import {
  type Client,
  createTestApp,
  loginAs,
  seedOrganisation,
  type TestApp,
} from '../../testing/test-app.js';

/** A minimal valid record of each kind, with one identifying value to look for. */
const samples: Record<EntityId, Record<string, unknown>> = {
  thbCase: {
    traffickingStatus: 'PossibleVictimOfTrafficking',
    caseStatus: 'Active',
    victim: { givenNames: 'Isolde Brightwater', gender: 'Feminine' },
  },
  somIncident: {
    detectionDate: '2025-01-05',
    detectionCountry: 'TT',
    migrantsTotal: 12,
    narrative: 'Isolde Brightwater saw the boat',
  },
  offender: { person: { givenNames: 'Isolde Brightwater' }, roles: ['Smuggler'] },
  proceeding: {
    offences: ['SmugglingOfMigrants'],
    stage: 'Investigation',
    investigation: { startDate: '2025-01-06' },
  },
};

const writers: Record<EntityId, readonly OrganisationRole[]> = {
  thbCase: ['data-officer', 'case-worker'],
  somIncident: ['data-officer', 'investigator'],
  offender: ['data-officer', 'investigator'],
  proceeding: ['data-officer', 'investigator'],
};

const seers: Record<EntityId, readonly OrganisationRole[]> = {
  thbCase: ['data-officer', 'case-worker', 'investigator'],
  somIncident: ['data-officer', 'investigator', 'case-worker'],
  offender: ['data-officer', 'investigator'],
  proceeding: ['data-officer', 'investigator'],
};

describeEachStorage('case records: tenancy and roles', (storage) => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  const clients = new Map<OrganisationRole, Client>();
  const recordsOfB = new Map<EntityId, string>();
  const recordsOfA = new Map<EntityId, string>();

  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgA = await seedOrganisation(t);
    orgB = await seedOrganisation(t);
    const operator = operatorContext('test');
    for (const kind of Object.keys(samples) as EntityId[]) {
      recordsOfB.set(kind, (await t.services.records.create(operator, kind, orgB, samples[kind])).stored.id);
      recordsOfA.set(kind, (await t.services.records.create(operator, kind, orgA, samples[kind])).stored.id);
    }
    for (const role of organisationRoles) clients.set(role, await loginAs(t, role, orgA));
  });
  afterAll(() => t.close());

  const withVersion = (
    client: Client,
    method: 'PATCH' | 'DELETE',
    url: string,
    payload: unknown,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      cookies: { coral_session: client.cookie },
      headers: { 'x-csrf-token': client.csrfToken, 'if-match': '"1"' },
      payload: payload as Record<string, unknown>,
    });

  for (const kind of Object.keys(samples) as EntityId[]) {
    const base = `/api/v1/${recordKinds[kind].segment}`;
    describe(kind, () => {
      for (const role of organisationRoles) {
        it(`${role} of A gets 403 or 404 on every record of B, exactly as for a record that does not exist; B is never listed`, async () => {
          const client = clients.get(role) as Client;
          const attempts = async (id: string | undefined) => [
            (await client.request('GET', `${base}/${id}`)).statusCode,
            (await withVersion(client, 'PATCH', `${base}/${id}`, { notes: 'x' })).statusCode,
            (await withVersion(client, 'DELETE', `${base}/${id}`, { reason: 'Other' })).statusCode,
            (await client.request('POST', `${base}/${id}/restore`)).statusCode,
            (await client.request('GET', `${base}/${id}/history`)).statusCode,
          ];
          const onB = await attempts(recordsOfB.get(kind));
          expect(onB.every((status) => status === 403 || status === 404)).toBe(true);
          expect(onB).toEqual(await attempts('01900000-0000-7000-8000-00000000dead'));
          const id = recordsOfB.get(kind);
          const listed = (await client.request('GET', `${base}?limit=200`))
            .json()
            .items.map((i: { id: string }) => i.id);
          expect(listed).not.toContain(id);
          expect(listed).toContain(recordsOfA.get(kind));
          if (recordKinds[kind].nameFields.length) {
            const found = (await client.request('GET', `${base}?name=Brightwater`))
              .json()
              .items.map((i: { id: string }) => i.id);
            expect(found).toContain(recordsOfA.get(kind));
            expect(found).not.toContain(id);
          }
        });

        it(`${role} of A ${seers[kind].includes(role) ? 'sees' : 'does not see'} identifying fields, and ${writers[kind].includes(role) ? 'may' : 'may not'} write`, async () => {
          const client = clients.get(role) as Client;
          const read = await client.request('GET', `${base}/${recordsOfA.get(kind)}`);
          expect(read.statusCode).toBe(200);
          expect(JSON.stringify(read.json()).includes('Brightwater')).toBe(
            seers[kind].includes(role) && kind !== 'proceeding',
          );
          const created = await client.request('POST', base, samples[kind]);
          expect(created.statusCode).toBe(writers[kind].includes(role) ? 201 : 403);
        });
      }
    });
  }

  it('refuses a platform administrator, who acts for no organisation, any record', async () => {
    const platform = await loginAs(t, 'platform-admin', null);
    expect((await platform.request('GET', '/api/v1/thb-cases')).statusCode).toBe(403);
    expect((await platform.request('GET', `/api/v1/thb-cases/${recordsOfA.get('thbCase')}`)).statusCode).toBe(
      403,
    );
  });

  it('records every read of a record, and every refusal, in the audit log', async () => {
    const viewer = clients.get('viewer') as Client;
    await viewer.request('GET', `/api/v1/thb-cases/${recordsOfA.get('thbCase')}`);
    await viewer.request('GET', `/api/v1/thb-cases/${recordsOfB.get('thbCase')}`);
    const entries = await t.services.audit.list(operatorContext('test'), {
      actorId: viewer.userId,
      limit: 2,
    });
    expect(entries.map((e) => [e.action, e.outcome, e.resourceId])).toEqual([
      ['thbCase.read', 'denied', recordsOfB.get('thbCase')],
      ['thbCase.read', 'success', recordsOfA.get('thbCase')],
    ]);
    expect(entries[1]?.details).toEqual({ version: 1, identifying: false });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clkToBase64, createClkEncoder } from '../../linkage/clk-encoder.js';
import { coralPersonSchema, personLinkageValues } from '../../linkage/coral-person-schema.js';
import { secretFingerprint } from '../../linkage/secret-fingerprint.js';
import { operatorContext } from '../../platform/actor.js';
import { describeEachStorage } from '../../testing/storages.js';
import {
  type Client,
  createTestApp,
  loginAs,
  seedOrganisation,
  type TestApp,
} from '../../testing/test-app.js';

const operator = operatorContext('test');
/** A synthetic secret for the test only. */
const secret = 'synthetic-shared-secret-for-tests';

interface Person {
  givenNames: string;
  familyNames: string;
  birthDate: string;
  gender: string;
  citizenships: string[];
}

/** Synthetic people. Each country writes the same two people its own way; the others are different. */
const joseph = (givenNames: string, familyNames: string): Person => ({
  givenNames,
  familyNames,
  birthDate: '1994-03-12',
  gender: 'Masculine',
  citizenships: ['HT'],
});
const maria = (givenNames: string, familyNames: string): Person => ({
  givenNames,
  familyNames,
  birthDate: '1988-07-21',
  gender: 'Feminine',
  citizenships: ['VE'],
});

const consent = (status: string, date = '2024-01-10') => ({ purpose: 'RecordLinkage', status, date });

interface GroupBody {
  id: string;
  similarity: number;
  status: string;
  own: Array<{ recordId: string; decision: string }>;
  others: Array<{ organisation: { id: string; country: string }; decision: string }>;
}

describeEachStorage('linkage projects over HTTP', (storage) => {
  let t: TestApp;
  const orgs = { tt: '', gy: '', jm: '', tt2: '', bb: '' };
  const ids = { tt: [] as string[], gy: [] as string[], jm: [] as string[] };
  let ttNoConsent: string;
  let ttWithdrawn: string;
  let gyNoConsent: string;
  let ttOfficer: Client;
  let ttWorker: Client;
  let ttAnalyst: Client;
  let gyAdmin: Client;
  let gyWorker: Client;
  let jmOfficer: Client;
  let jmWorker: Client;
  let tt2Officer: Client;
  let bbOfficer: Client;
  let projectId: string;

  const addCase = async (orgId: string, n: string, victim: Person, consents: unknown[]) =>
    (
      await t.services.records.create(operator, 'thbCase', orgId, {
        caseReference: `LK-${n}`,
        traffickingStatus: 'ActualVictimOfTrafficking',
        identificationDate: '2024-01-05',
        victim,
        consents,
      })
    ).stored.id;

  /** Encodes a party's records as `coral link encode` would, on the party's side. */
  const encodingsOf = (people: Array<[string, Person]>, key = secret) => {
    const encoder = createClkEncoder(coralPersonSchema, key);
    return people.map(([id, person]) => ({
      id,
      clk: clkToBase64(encoder.encode(personLinkageValues(id, person))),
    }));
  };

  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgs.tt = await seedOrganisation(t, { country: 'TT', name: 'TT TiP Unit (test)' });
    orgs.gy = await seedOrganisation(t, { country: 'GY', name: 'GY Shelter (test)' });
    orgs.jm = await seedOrganisation(t, { country: 'JM', name: 'JM Police (test)' });
    orgs.tt2 = await seedOrganisation(t, { country: 'TT' });
    orgs.bb = await seedOrganisation(t, { country: 'BB' });
    ids.tt.push(
      await addCase(orgs.tt, 'tt1', joseph('Joseph Pierre', 'Jean-Baptiste'), [consent('Given')]),
      await addCase(orgs.tt, 'tt2', maria('María José', 'García Márquez'), [consent('Given')]),
      await addCase(
        orgs.tt,
        'tt3',
        { ...maria('Anneliese', 'van der Berg'), birthDate: '1979-02-01', citizenships: ['SR'] },
        [consent('Given')],
      ),
    );
    ttWithdrawn = await addCase(orgs.tt, 'tt4', joseph('Paul', 'Dupont'), [
      consent('Given', '2023-01-01'),
      consent('Withdrawn', '2024-02-01'),
    ]);
    ttNoConsent = await addCase(orgs.tt, 'tt5', maria('Rosa', 'Lind'), [
      { purpose: 'Assistance', status: 'Given' },
    ]);
    ids.gy.push(
      await addCase(orgs.gy, 'gy1', joseph('Jozèf Pyè', 'Jan Batis'), [consent('Given')]),
      await addCase(orgs.gy, 'gy2', maria('Maria Jose', 'Marquez Garcia'), [consent('Given')]),
      await addCase(
        orgs.gy,
        'gy3',
        { ...joseph('Devon', 'Persaud'), birthDate: '2001-11-30', citizenships: ['GY'] },
        [consent('Given')],
      ),
    );
    gyNoConsent = await addCase(orgs.gy, 'gy4', maria('Shanice', 'Boodram'), [consent('Refused')]);
    ids.jm.push(await addCase(orgs.jm, 'jm1', joseph('Joseph', 'Jean Baptiste'), [consent('Given')]));
    [ttOfficer, ttWorker, ttAnalyst, gyAdmin, gyWorker, jmOfficer, jmWorker, tt2Officer, bbOfficer] =
      await Promise.all([
        loginAs(t, 'data-officer', orgs.tt),
        loginAs(t, 'case-worker', orgs.tt),
        loginAs(t, 'analyst', orgs.tt),
        loginAs(t, 'admin', orgs.gy),
        loginAs(t, 'case-worker', orgs.gy),
        loginAs(t, 'data-officer', orgs.jm),
        loginAs(t, 'case-worker', orgs.jm),
        loginAs(t, 'data-officer', orgs.tt2),
        loginAs(t, 'data-officer', orgs.bb),
      ]);
  });
  afterAll(() => t.close());

  const people = {
    gy: (): Array<[string, Person]> => [
      [ids.gy[0] as string, joseph('Jozèf Pyè', 'Jan Batis')],
      [ids.gy[1] as string, maria('Maria Jose', 'Marquez Garcia')],
      [ids.gy[2] as string, { ...joseph('Devon', 'Persaud'), birthDate: '2001-11-30', citizenships: ['GY'] }],
    ],
  };

  describe('setting up', () => {
    it('lists partners in other countries only', async () => {
      const response = await ttOfficer.request('GET', '/api/v1/linkage/partners');
      expect(response.statusCode).toBe(200);
      const partners = response.json<Array<{ id: string; country: string }>>();
      expect(partners.map((p) => p.id)).toEqual(expect.arrayContaining([orgs.gy, orgs.jm, orgs.bb]));
      expect(partners.some((p) => p.country === 'TT')).toBe(false);
    });

    it('refuses two parties of one country, and anyone who does not manage', async () => {
      const same = await ttOfficer.request('POST', '/api/v1/linkage/projects', {
        name: 'Same country',
        partners: [orgs.tt2],
      });
      expect(same.statusCode).toBe(400);
      expect(same.json<{ error: { message: string } }>().error.message).toMatch(
        /one organisation per country/,
      );
      const worker = await ttWorker.request('POST', '/api/v1/linkage/projects', {
        name: 'By a case worker',
        partners: [orgs.gy],
      });
      expect(worker.statusCode).toBe(403);
      const unknown = await ttOfficer.request('POST', '/api/v1/linkage/projects', {
        name: 'Unknown partner',
        partners: ['00000000-0000-4000-8000-000000000000'],
      });
      expect(unknown.statusCode).toBe(400);
      const odd = await ttOfficer.request('POST', '/api/v1/linkage/projects', {
        name: 'Odd filter length',
        partners: [orgs.gy],
        schema: { ...coralPersonSchema, clkConfig: { ...coralPersonSchema.clkConfig, l: 1000 } },
      });
      expect(odd.statusCode).toBe(400);
      expect(odd.json<{ error: { message: string } }>().error.message).toMatch(/power of two/);
      const notASchema = await ttOfficer.request('POST', '/api/v1/linkage/projects', {
        name: 'Not a schema',
        partners: [orgs.gy],
        schema: { version: 2 },
      });
      expect(notASchema.statusCode).toBe(400);
    });

    it('creates a project with invitations; only parties see it', async () => {
      const created = await ttOfficer.request('POST', '/api/v1/linkage/projects', {
        name: 'Caribbean victims 2024',
        partners: [orgs.gy, orgs.jm],
      });
      expect(created.statusCode).toBe(201);
      const project = created.json<{
        id: string;
        threshold: number;
        parties: Array<{ organisation: { id: string }; status: string }>;
        allowed: Record<string, boolean>;
      }>();
      projectId = project.id;
      expect(project.threshold).toBe(0.8);
      expect(project.allowed).toEqual({ view: true, manage: true, upload: true, review: true });
      const status = Object.fromEntries(project.parties.map((p) => [p.organisation.id, p.status]));
      expect(status).toEqual({ [orgs.tt]: 'accepted', [orgs.gy]: 'invited', [orgs.jm]: 'invited' });

      expect((await bbOfficer.request('GET', `/api/v1/linkage/projects/${projectId}`)).statusCode).toBe(404);
      expect((await tt2Officer.request('GET', `/api/v1/linkage/projects/${projectId}`)).statusCode).toBe(404);
      const invited = await gyWorker.request('GET', '/api/v1/linkage/projects');
      expect(invited.json<Array<{ id: string }>>().map((p) => p.id)).toContain(projectId);
    });

    it('lets an invited administrator accept once; a case worker may not answer', async () => {
      expect(
        (await gyWorker.request('POST', `/api/v1/linkage/projects/${projectId}/respond`, { accept: true }))
          .statusCode,
      ).toBe(403);
      const accepted = await gyAdmin.request('POST', `/api/v1/linkage/projects/${projectId}/respond`, {
        accept: true,
      });
      expect(accepted.statusCode).toBe(200);
      const again = await gyAdmin.request('POST', `/api/v1/linkage/projects/${projectId}/respond`, {
        accept: false,
      });
      expect(again.statusCode).toBe(409);
    });

    it('refuses uploads from a party that has not accepted', async () => {
      const response = await jmWorker.request('PUT', `/api/v1/linkage/projects/${projectId}/encodings`, {
        fingerprint: secretFingerprint(secret),
        encodings: encodingsOf([[ids.jm[0] as string, joseph('Joseph', 'Jean Baptiste')]]),
      });
      expect(response.statusCode).toBe(409);
      expect(
        (await jmOfficer.request('POST', `/api/v1/linkage/projects/${projectId}/respond`, { accept: true }))
          .statusCode,
      ).toBe(200);
    });
  });

  describe('encodings', () => {
    it('generates encodings from consented records only, never storing the secret', async () => {
      const response = await ttWorker.request(
        'POST',
        `/api/v1/linkage/projects/${projectId}/encodings/generate`,
        { secret },
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<{ encoded: number; withoutConsent: number; secretAgreed: boolean }>();
      expect(body).toMatchObject({ encoded: 3, withoutConsent: 2, secretAgreed: true });
      const stored = await sql<{ record_id: string }>`
        SELECT record_id FROM linkage_encodings WHERE org_id = ${orgs.tt}`.execute(t.database.executor);
      expect(stored.rows.map((r) => r.record_id).sort()).toEqual([...ids.tt].sort());
      expect(stored.rows.map((r) => r.record_id)).not.toContain(ttWithdrawn);
      expect(stored.rows.map((r) => r.record_id)).not.toContain(ttNoConsent);
      // The secret is nowhere in the database: not in the project, not in the audit log.
      const dump = await sql<{ text: string }>`
        SELECT (SELECT string_agg(p::text, '') FROM linkage_projects p) ||
               (SELECT string_agg(a::text, '') FROM audit_log a) AS text`.execute(t.database.executor);
      expect(dump.rows[0]?.text).not.toContain(secret);
      expect(dump.rows[0]?.text).toContain('linkage.generate');
    });

    it('refuses an upload with any unusable encoding and stores none of it', async () => {
      const good = encodingsOf(people.gy());
      const url = `/api/v1/linkage/projects/${projectId}/encodings`;
      const noConsent = await gyWorker.request('PUT', url, {
        fingerprint: secretFingerprint(secret),
        encodings: [...good, ...encodingsOf([[gyNoConsent, maria('Shanice', 'Boodram')]])],
      });
      expect(noConsent.statusCode).toBe(400);
      expect(
        noConsent.json<{ error: { details: { issues: Array<{ code: string }> } } }>().error.details.issues,
      ).toEqual([expect.objectContaining({ code: 'no_consent', path: '3.id' })]);
      const foreign = await gyWorker.request('PUT', url, {
        fingerprint: secretFingerprint(secret),
        encodings: [...good, { id: ids.tt[0], clk: good[0]?.clk }],
      });
      expect(foreign.statusCode).toBe(400);
      const short = await gyWorker.request('PUT', url, {
        fingerprint: secretFingerprint(secret),
        encodings: [{ id: ids.gy[0], clk: 'AAAA' }],
      });
      expect(short.statusCode).toBe(400);
      const project = await gyWorker.request('GET', `/api/v1/linkage/projects/${projectId}`);
      const gy = project
        .json<{ parties: Array<{ organisation: { id: string }; encodings: number }> }>()
        .parties.find((p) => p.organisation.id === orgs.gy);
      expect(gy?.encodings).toBe(0);
    });

    it('refuses encodings made with a different secret', async () => {
      const other = 'another-secret-nobody-agreed';
      const response = await gyWorker.request('PUT', `/api/v1/linkage/projects/${projectId}/encodings`, {
        fingerprint: secretFingerprint(other),
        encodings: encodingsOf(people.gy(), other),
      });
      expect(response.statusCode).toBe(409);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(/different secret/);
    });

    it('stores a good upload, and lets only those who work on the records upload', async () => {
      const body = { fingerprint: secretFingerprint(secret), encodings: encodingsOf(people.gy()) };
      const url = `/api/v1/linkage/projects/${projectId}/encodings`;
      expect((await gyAdmin.request('PUT', url, body)).statusCode).toBe(403);
      expect((await gyWorker.request('PUT', url, body)).statusCode).toBe(200);
      const jm = await jmWorker.request('PUT', url, {
        fingerprint: secretFingerprint(secret),
        encodings: encodingsOf([[ids.jm[0] as string, joseph('Joseph', 'Jean Baptiste')]]),
      });
      expect(jm.statusCode).toBe(200);
    });
  });

  describe('matching and review', () => {
    let groups: GroupBody[];

    it('finds the person in three countries and the other in two; nobody else', async () => {
      expect((await ttWorker.request('POST', `/api/v1/linkage/projects/${projectId}/match`)).statusCode).toBe(
        403,
      );
      const run = await ttOfficer.request('POST', `/api/v1/linkage/projects/${projectId}/match`);
      expect(run.statusCode).toBe(200);
      expect(run.json<{ groups: number }>().groups).toBe(2);
      const response = await ttWorker.request('GET', `/api/v1/linkage/projects/${projectId}/matches`);
      expect(response.statusCode).toBe(200);
      groups = response.json<GroupBody[]>();
      const joseph = groups.find((g) => g.own[0]?.recordId === ids.tt[0]);
      const maria = groups.find((g) => g.own[0]?.recordId === ids.tt[1]);
      expect(joseph?.others.map((o) => o.organisation.id).sort()).toEqual([orgs.gy, orgs.jm].sort());
      expect(maria?.others.map((o) => o.organisation.id)).toEqual([orgs.gy]);
      expect(maria?.similarity).toBeGreaterThanOrEqual(0.8);
    });

    it('tells each party only its own record ids', async () => {
      const response = await gyWorker.request('GET', `/api/v1/linkage/projects/${projectId}/matches`);
      const body = response.body;
      for (const id of [...ids.tt, ...ids.jm]) expect(body).not.toContain(id);
      const own = response.json<GroupBody[]>().flatMap((g) => g.own.map((m) => m.recordId));
      expect(own.sort()).toEqual([ids.gy[0], ids.gy[1]].sort());
      const jm = await jmWorker.request('GET', `/api/v1/linkage/projects/${projectId}/matches`);
      expect(jm.json<GroupBody[]>()).toHaveLength(1);
      for (const id of [...ids.tt, ...ids.gy]) expect(jm.body).not.toContain(id);
      expect(
        (await ttAnalyst.request('GET', `/api/v1/linkage/projects/${projectId}/matches`)).statusCode,
      ).toBe(403);
      expect(
        (await bbOfficer.request('GET', `/api/v1/linkage/projects/${projectId}/matches`)).statusCode,
      ).toBe(404);
    });

    it('links records once every party confirms; one rejection rejects', async () => {
      const josephGroup = groups.find((g) => g.own[0]?.recordId === ids.tt[0]) as GroupBody;
      const mariaGroup = groups.find((g) => g.own[0]?.recordId === ids.tt[1]) as GroupBody;
      const review = (client: Client, group: GroupBody, decision: string) =>
        client.request('POST', `/api/v1/linkage/projects/${projectId}/matches/${group.id}/review`, {
          decision,
          note: 'Birth date and nationality agree',
        });
      expect((await review(ttWorker, josephGroup, 'confirmed')).json<GroupBody>().status).toBe('pending');
      expect((await review(gyWorker, josephGroup, 'confirmed')).json<GroupBody>().status).toBe('pending');
      const last = await review(jmWorker, josephGroup, 'confirmed');
      expect(last.json<GroupBody>().status).toBe('confirmed');
      expect((await review(ttWorker, mariaGroup, 'confirmed')).statusCode).toBe(200);
      expect((await review(gyWorker, mariaGroup, 'rejected')).json<GroupBody>().status).toBe('rejected');
      // A party not in the group cannot review it.
      expect((await review(jmWorker, mariaGroup, 'confirmed')).statusCode).toBe(404);

      const links = await ttWorker.request('GET', `/api/v1/linkage/links/thbCase/${ids.tt[0]}`);
      expect(links.statusCode).toBe(200);
      const [link] = links.json<Array<{ organisations: Array<{ id: string }> }>>();
      expect(link?.organisations.map((o) => o.id).sort()).toEqual([orgs.gy, orgs.jm].sort());
      const none = await ttWorker.request('GET', `/api/v1/linkage/links/thbCase/${ids.tt[1]}`);
      expect(none.json()).toEqual([]);
    });

    it('keeps reviewed matches when matching again, without repeating them', async () => {
      const run = await ttOfficer.request('POST', `/api/v1/linkage/projects/${projectId}/match`);
      expect(run.json<{ groups: number }>().groups).toBe(0);
      const again = await ttWorker.request('GET', `/api/v1/linkage/projects/${projectId}/matches`);
      expect(
        again
          .json<GroupBody[]>()
          .map((g) => g.status)
          .sort(),
      ).toEqual(['confirmed', 'rejected']);
    });

    it('audits every step without personal data', async () => {
      const rows = await sql<{ action: string; details: unknown }>`
        SELECT action, details FROM audit_log WHERE action LIKE 'linkage.%'`.execute(t.database.executor);
      const actions = new Set(rows.rows.map((r) => r.action));
      for (const action of [
        'linkage.create',
        'linkage.respond',
        'linkage.upload',
        'linkage.generate',
        'linkage.match',
        'linkage.review',
        'linkage.matches',
      ])
        expect(actions).toContain(action);
      expect(JSON.stringify(rows.rows)).not.toMatch(/Joseph|Jozèf|Garcia|García/);
    });
  });

  describe('suspects', () => {
    it('links offender records without consent, by investigators and data officers only', async () => {
      const suspect = {
        givenNames: 'Rudolph',
        familyNames: 'Kessington',
        birthDate: '1975-05-05',
        gender: 'Masculine',
        citizenships: ['TT'],
      };
      const tt = await t.services.records.create(operator, 'offender', orgs.tt, {
        offenderReference: 'S-1',
        person: suspect,
      });
      const gy = await t.services.records.create(operator, 'offender', orgs.gy, {
        offenderReference: 'S-9',
        person: { ...suspect, givenNames: 'Rudolf' },
      });
      const [ttInvestigator, gyInvestigator] = await Promise.all([
        loginAs(t, 'investigator', orgs.tt),
        loginAs(t, 'investigator', orgs.gy),
      ]);
      const created = await ttOfficer.request('POST', '/api/v1/linkage/projects', {
        name: 'Suspects 2024',
        kind: 'offender',
        partners: [orgs.gy],
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      expect(
        (await gyAdmin.request('POST', `/api/v1/linkage/projects/${id}/respond`, { accept: true }))
          .statusCode,
      ).toBe(200);
      const generate = `/api/v1/linkage/projects/${id}/encodings/generate`;
      expect((await ttWorker.request('POST', generate, { secret })).statusCode).toBe(403);
      const made = await ttInvestigator.request('POST', generate, { secret });
      expect(made.json<{ encoded: number; withoutConsent: number }>()).toMatchObject({
        encoded: 1,
        withoutConsent: 0,
      });
      expect((await gyInvestigator.request('POST', generate, { secret })).statusCode).toBe(200);
      expect(
        (await ttOfficer.request('POST', `/api/v1/linkage/projects/${id}/match`)).json<{ groups: number }>()
          .groups,
      ).toBe(1);
      const matches = await gyInvestigator.request('GET', `/api/v1/linkage/projects/${id}/matches`);
      expect(matches.json<GroupBody[]>().map((g) => g.own[0]?.recordId)).toEqual([gy.stored.id]);
      expect(matches.body).not.toContain(tt.stored.id);
    });
  });

  describe('closing', () => {
    it('deletes the encodings, keeps the reviews and refuses further uploads', async () => {
      expect((await gyAdmin.request('POST', `/api/v1/linkage/projects/${projectId}/close`)).statusCode).toBe(
        403,
      );
      const closed = await ttOfficer.request('POST', `/api/v1/linkage/projects/${projectId}/close`);
      expect(closed.statusCode).toBe(200);
      expect(closed.json<{ status: string }>().status).toBe('closed');
      const left = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM linkage_encodings WHERE project_id = ${projectId}`.execute(
        t.database.executor,
      );
      expect(left.rows[0]?.n).toBe(0);
      const upload = await gyWorker.request('PUT', `/api/v1/linkage/projects/${projectId}/encodings`, {
        fingerprint: secretFingerprint(secret),
        encodings: encodingsOf(people.gy()),
      });
      expect(upload.statusCode).toBe(409);
      const links = await ttWorker.request('GET', `/api/v1/linkage/links/thbCase/${ids.tt[0]}`);
      expect(links.json<unknown[]>()).toHaveLength(1);
    });
  });
});

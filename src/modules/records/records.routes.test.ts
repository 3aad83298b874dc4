import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStorage } from '../../testing/storages.js';
import {
  type Client,
  createTestApp,
  loginAs,
  seedOrganisation,
  type TestApp,
} from '../../testing/test-app.js';

const caseBody = (extra: Record<string, unknown> = {}) => ({
  caseReference: 'TT-2025-001',
  caseStatus: 'Active',
  traffickingStatus: 'ActualVictimOfTrafficking',
  identificationDate: '2025-03-14',
  exploitationCountry: 'TT',
  formsOfExploitation: { SexualExploitation: true },
  victim: {
    givenNames: 'María José',
    familyNames: 'de la Cruz Pérez',
    gender: 'Feminine',
    citizenships: ['VE'],
    birthDate: '1999-02-01',
  },
  ...extra,
});

describeEachStorage('case records over HTTP', (storage) => {
  let t: TestApp;
  let orgId: string;
  let officer: Client;
  let caseWorker: Client;
  let viewer: Client;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
    [officer, caseWorker, viewer] = [
      await loginAs(t, 'data-officer', orgId),
      await loginAs(t, 'case-worker', orgId),
      await loginAs(t, 'viewer', orgId),
    ];
  });
  afterAll(() => t.close());

  const create = async (client: Client, body: Record<string, unknown>) =>
    client.request('POST', '/api/v1/thb-cases', body);

  it('creates a case: 201, ETag, Location, the record back with its warnings', async () => {
    const response = await create(
      caseWorker,
      caseBody({ victim: { givenNames: 'Ana', birthDate: '2010-01-01' } }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    const body = response.json();
    expect(response.headers.location).toBe(`/api/v1/thb-cases/${body.id}`);
    expect(body).toMatchObject({
      version: 1,
      identifyingShown: true,
      record: { victim: { givenNames: 'Ana' } },
    });
    expect(body.warnings.map((w: { code: string }) => w.code)).toEqual(['minor']);
  });

  it('shows identifying fields to roles that need them and to no one else', async () => {
    const { id } = (await create(caseWorker, caseBody())).json();
    const full = (await officer.request('GET', `/api/v1/thb-cases/${id}`)).json();
    expect(full.record.victim).toMatchObject({
      givenNames: 'María José',
      birthDate: '1999-02-01',
      gender: 'Feminine',
    });
    const partial = await viewer.request('GET', `/api/v1/thb-cases/${id}`);
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({
      identifyingShown: false,
      record: { victim: { gender: 'Feminine', citizenships: ['VE'] } },
    });
    expect(JSON.stringify(partial.json())).not.toMatch(/María|Pérez|1999-02-01/);
  });

  it('needs If-Match to change a record: 428 without, 412 when stale, 200 and a new ETag when current', async () => {
    const { id } = (await create(caseWorker, caseBody())).json();
    const url = `/api/v1/thb-cases/${id}`;
    expect((await caseWorker.request('PATCH', url, { caseStatus: 'FollowUp' })).statusCode).toBe(428);
    const ok = await t.app.inject({
      method: 'PATCH',
      url,
      cookies: { coral_session: caseWorker.cookie },
      headers: { 'x-csrf-token': caseWorker.csrfToken, 'if-match': '"1"' },
      payload: { caseStatus: 'FollowUp' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      cookies: { coral_session: caseWorker.cookie },
      headers: { 'x-csrf-token': caseWorker.csrfToken, 'if-match': '"1"' },
      payload: { caseStatus: 'Closed' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('precondition_failed');
    expect((await officer.request('GET', url)).json().record.caseStatus).toBe('FollowUp');
  });

  it('lets exactly one of two simultaneous saves of the same version win', async () => {
    const { id } = (await create(caseWorker, caseBody())).json();
    const save = (status: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/thb-cases/${id}`,
        cookies: { coral_session: caseWorker.cookie },
        headers: { 'x-csrf-token': caseWorker.csrfToken, 'if-match': '"1"' },
        payload: { caseStatus: status },
      });
    const results = await Promise.all([save('FollowUp'), save('Closed'), save('ClosedReferred')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
  });

  it('keeps a history of who changed which fields, without the values', async () => {
    const { id } = (await create(caseWorker, caseBody())).json();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/thb-cases/${id}`,
      cookies: { coral_session: caseWorker.cookie },
      headers: { 'x-csrf-token': caseWorker.csrfToken, 'if-match': '"1"' },
      payload: { caseStatus: 'FollowUp', victim: { familyNames: 'Cruz' } },
    });
    const history = (await officer.request('GET', `/api/v1/thb-cases/${id}/history`)).json();
    expect(history[0]).toMatchObject({
      version: 2,
      action: 'update',
      changedFields: ['caseStatus', 'victim.familyNames'],
      changedBy: caseWorker.userId,
    });
    expect(history[1]).toMatchObject({ version: 1, action: 'create' });
    expect(JSON.stringify(history)).not.toContain('Cruz');
  });

  it('deletes softly with a reason, and a data officer restores', async () => {
    const { id } = (await create(caseWorker, caseBody())).json();
    expect(
      (await caseWorker.request('DELETE', `/api/v1/thb-cases/${id}`, { reason: 'Duplicate' })).statusCode,
    ).toBe(403);
    expect(
      (await officer.request('DELETE', `/api/v1/thb-cases/${id}`, { reason: 'Duplicate' })).statusCode,
    ).toBe(204);
    expect((await officer.request('GET', `/api/v1/thb-cases/${id}`)).statusCode).toBe(404);
    const listed = (await officer.request('GET', '/api/v1/thb-cases?limit=200'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(listed).not.toContain(id);
    const bin = (await officer.request('GET', '/api/v1/thb-cases?deleted=true&limit=200')).json();
    expect(bin.items[0]).toMatchObject({
      id,
      version: 2,
      summary: { caseReference: 'TT-2025-001' },
      deleted: { reason: 'Duplicate' },
    });
    expect(Date.parse(bin.items[0].deleted.at)).not.toBeNaN();
    expect(JSON.stringify(bin)).not.toMatch(/María|Cruz/);
    expect((await caseWorker.request('GET', '/api/v1/thb-cases?deleted=true')).statusCode).toBe(403);
    const looked = await t.database.executor
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome'])
      .where('action', '=', 'thbCase.list-deleted')
      .execute();
    expect(looked).toEqual(
      expect.arrayContaining([
        { actor_id: officer.userId, outcome: 'success' },
        { actor_id: caseWorker.userId, outcome: 'denied' },
      ]),
    );
    const restored = await officer.request('POST', `/api/v1/thb-cases/${id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().version).toBe(3);
    const after = (await officer.request('GET', '/api/v1/thb-cases?deleted=true&limit=200')).json();
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const live = (await officer.request('GET', '/api/v1/thb-cases?limit=200')).json();
    expect(live.items.find((i: { id: string }) => i.id === id)).not.toHaveProperty('deleted');
  });

  it('lists summaries with filters, free text, name search through the blind index, and pages', async () => {
    const other = await seedOrganisation(t);
    const worker = await loginAs(t, 'case-worker', other);
    const mk = (extra: Record<string, unknown>) => create(worker, caseBody(extra));
    await mk({
      caseReference: 'GY-A',
      caseStatus: 'Closed',
      closureReason: 'AssistanceCompleted',
      identificationDate: '2023-01-10',
      formsOfExploitation: { ForcedLabour: true },
      victim: { givenNames: 'José', familyNames: 'Núñez' },
    });
    await mk({
      caseReference: 'GY-B',
      identificationDate: '2024-06-01',
      victim: { givenNames: 'Ana', familyNames: 'Nunez Smith' },
    });
    await mk({
      caseReference: 'GY-C',
      identificationDate: '2025-02-01',
      victim: { givenNames: 'Marie', familyNames: 'Joseph', gender: 'Masculine' },
    });
    const list = async (query: string) => (await worker.request('GET', `/api/v1/thb-cases?${query}`)).json();
    expect(
      (await list('caseStatus=Closed')).items.map(
        (i: { summary: { caseReference: string } }) => i.summary.caseReference,
      ),
    ).toEqual(['GY-A']);
    expect((await list('formsOfExploitation=SexualExploitation')).items).toHaveLength(2);
    expect(
      (await list('identificationDateFrom=2024-01-01&identificationDateTo=2024-12-31')).items,
    ).toHaveLength(1);
    expect((await list('q=gy-c')).items).toHaveLength(1);
    const byName = await list(`name=${encodeURIComponent('NUÑEZ')}`);
    expect(
      byName.items.map((i: { summary: { caseReference: string } }) => i.summary.caseReference).sort(),
    ).toEqual(['GY-A', 'GY-B']);
    expect(JSON.stringify(byName)).not.toMatch(/Núñez|José|Ana/);
    const first = await list('limit=2&sort=identificationDate&order=asc');
    expect(first.items.map((i: { summary: { caseReference: string } }) => i.summary.caseReference)).toEqual([
      'GY-A',
      'GY-B',
    ]);
    const second = await list(`limit=2&sort=identificationDate&order=asc&cursor=${first.nextCursor}`);
    expect(second.items.map((i: { summary: { caseReference: string } }) => i.summary.caseReference)).toEqual([
      'GY-C',
    ]);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0].summary).toEqual({
      caseReference: 'GY-C',
      caseStatus: 'Active',
      traffickingStatus: 'ActualVictimOfTrafficking',
      identificationDate: '2025-02-01',
      exploitationCountry: 'TT',
      formsOfExploitation: { SexualExploitation: true },
      'victim.gender': 'Masculine',
    });
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items.map((i: { summary: { caseReference: string } }) => i.summary.caseReference));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(['GY-C', 'GY-B', 'GY-A']);
    const tampered = (value: string) =>
      Buffer.from(JSON.stringify([value, '01900000-0000-7000-8000-000000000000'])).toString('base64url');
    for (const cursor of [first.nextCursor, tampered('2026-02-30T00:00:00Z'), tampered('yesterday')]) {
      const response = await worker.request('GET', `/api/v1/thb-cases?limit=1&cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
    }
    const listed = second.items[0];
    const read = (await worker.request('GET', `/api/v1/thb-cases/${listed.id}`)).json();
    expect([listed.createdAt, listed.updatedAt]).toEqual([read.createdAt, read.updatedAt]);
  });

  it('answers invalid records with every problem, per field, in the caller’s language, and stores nothing', async () => {
    const before = (await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items.length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/thb-cases',
      cookies: { coral_session: officer.cookie },
      headers: { 'x-csrf-token': officer.csrfToken, 'accept-language': 'es-DO,es;q=0.9' },
      payload: {
        traffickingStatus: 'Maybe',
        victim: { gender: 'X' },
        exploitationStartDate: '2024-02-30',
        secret: 1,
        relatedOffenders: ['01900000-0000-7000-8000-000000000000'],
      },
    });
    expect(response.statusCode).toBe(400);
    const issues = response.json().error.details.issues as Array<{ path: string; message: string }>;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'exploitationStartDate',
      'secret',
      'traffickingStatus',
      'victim.gender',
    ]);
    expect(issues.find((i) => i.path === 'victim.gender')?.message).toBe(
      'Género: no es uno de los valores permitidos.',
    );
    const link = await officer.request(
      'POST',
      '/api/v1/thb-cases',
      caseBody({ relatedOffenders: ['01900000-0000-7000-8000-000000000000'] }),
    );
    expect(link.json().error.details.issues[0]).toMatchObject({
      path: 'relatedOffenders.0',
      code: 'unknown_link',
    });
    for (const bad of ['[1,2]', '"text"', '{"caseStatus": ']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/thb-cases',
        cookies: { coral_session: officer.cookie },
        headers: { 'x-csrf-token': officer.csrfToken, 'content-type': 'application/json' },
        payload: bad,
      });
      expect(res.statusCode).toBe(400);
    }
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/thb-cases',
      cookies: { coral_session: officer.cookie },
      headers: { 'x-csrf-token': officer.csrfToken, 'content-type': 'text/plain' },
      payload: JSON.stringify(caseBody()),
    });
    expect(plain.statusCode).toBe(415);
    const wrongTypes = await officer.request(
      'POST',
      '/api/v1/thb-cases',
      caseBody({ caseStatus: 5, formsOfExploitation: 'SexualExploitation', victim: 'Ana' }),
    );
    expect(wrongTypes.statusCode).toBe(400);
    expect(
      wrongTypes
        .json()
        .error.details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['caseStatus', 'formsOfExploitation', 'victim']);
    const huge = await officer.request(
      'POST',
      '/api/v1/thb-cases',
      caseBody({ notes: 'x'.repeat(2_000_000) }),
    );
    expect(huge.statusCode).toBe(413);
    expect((await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items.length).toBe(before);
  });

  it('links records across kinds within the organisation', async () => {
    const investigator = await loginAs(t, 'investigator', orgId);
    const offender = await investigator.request('POST', '/api/v1/offenders', {
      person: { givenNames: 'Test', familyNames: 'Suspect' },
      roles: ['Recruiter'],
      status: 'Arrested',
    });
    expect(offender.statusCode).toBe(201);
    const linked = await create(officer, caseBody({ relatedOffenders: [offender.json().id] }));
    expect(linked.statusCode).toBe(201);
    const proceeding = await investigator.request('POST', '/api/v1/proceedings', {
      offences: ['TraffickingInPersons'],
      stage: 'Investigation',
      offenders: [offender.json().id],
      relatedCases: [linked.json().id],
    });
    expect(proceeding.statusCode).toBe(201);
  });
});

describe('record summaries', () => {
  it('never put an identifying field in a list', async () => {
    const { recordKinds } = await import('../../standard/record-views.js');
    const { entities } = await import('../../standard/entities/index.js');
    const { fieldAt } = await import('../../standard/field.js');
    for (const kind of Object.values(recordKinds)) {
      for (const path of kind.summaryFields) {
        const field = fieldAt(entities[kind.id], path.split('.'));
        expect({ path, sensitivity: field?.sensitivity === 'identifying' ? 'identifying' : 'ok' }).toEqual({
          path,
          sensitivity: 'ok',
        });
      }
    }
  });
});

import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coralCells, coralColumns, coralHeader } from '../../interchange/coral-table.js';
import { csvLine } from '../../interchange/writers.js';
import { describeEachStorage } from '../../testing/storages.js';
import {
  type Client,
  createTestApp,
  login,
  loginAs,
  seedOrganisation,
  seedUser,
  type TestApp,
} from '../../testing/test-app.js';

/** A Coral CSV file of trafficking cases, written with the same columns an export uses. */
function coralCsv(rows: Array<{ externalId?: string; record: Record<string, unknown> }>): string {
  const columns = coralColumns('thbCase');
  return [
    csvLine(coralHeader(columns)),
    ...rows.map((row) => csvLine(coralCells(columns, row.record, { externalId: row.externalId ?? null }))),
  ].join('');
}

const caseRecord = (n: number, extra: Record<string, unknown> = {}) => ({
  caseReference: `IMP-${n}`,
  caseStatus: 'Active',
  traffickingStatus: 'ActualVictimOfTrafficking',
  identificationDate: '2025-03-14',
  exploitationCountry: 'TT',
  formsOfExploitation: { ForcedLabour: true },
  victim: { givenNames: `Synthetic ${n}`, gender: 'Feminine', citizenships: ['VE'] },
  ...extra,
});

describeEachStorage('imports over HTTP', (storage) => {
  let t: TestApp;
  let orgId: string;
  let officer: Client;
  let caseWorker: Client;
  let analyst: Client;
  let otherOfficer: Client;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t);
    const otherOrg = await seedOrganisation(t);
    [officer, caseWorker, analyst, otherOfficer] = [
      await loginAs(t, 'data-officer', orgId),
      await loginAs(t, 'case-worker', orgId),
      await loginAs(t, 'analyst', orgId),
      await loginAs(t, 'data-officer', otherOrg),
    ];
  });
  afterAll(() => t.close());

  const upload = async (client: Client, file: string | Buffer, query = 'fileName=cases.csv') => {
    const response = await client.upload(`/api/v1/imports?${query}`, file);
    if (response.statusCode !== 202) return { response, view: undefined };
    const { id } = response.json<{ id: string }>();
    await t.services.imports.settled(id);
    const view = (await client.request('GET', `/api/v1/imports/${id}`)).json();
    return { response, view };
  };

  const commit = async (client: Client, id: string, body: Record<string, unknown> = {}) => {
    const response = await client.request('POST', `/api/v1/imports/${id}/commit`, body);
    if (response.statusCode === 202) await t.services.imports.settled(id);
    return { response, view: (await client.request('GET', `/api/v1/imports/${id}`)).json() };
  };

  it('validates an upload, previews it, commits it in one go, and a second import changes nothing', async () => {
    const file = coralCsv([1, 2, 3].map((n) => ({ externalId: `ext-${n}`, record: caseRecord(n) })));
    const { response, view } = await upload(officer, file);
    expect(response.statusCode).toBe(202);
    expect(response.json()).not.toHaveProperty('stagedKey');
    expect(view).toMatchObject({
      status: 'validated',
      fileKept: true,
      summary: {
        rows: 3,
        valid: 3,
        invalid: 0,
        detected: { format: 'coral-csv', kind: 'thbCase', container: 'delimited' },
        plan: { created: 3, updated: 0 },
      },
    });
    const preview = (await officer.request('GET', `/api/v1/imports/${view.id}/preview?limit=2`)).json();
    expect(preview).toHaveLength(2);
    expect(preview[0]).toMatchObject({
      row: 2,
      record: { caseReference: 'IMP-1', victim: { givenNames: 'Synthetic 1' } },
    });

    const done = await commit(officer, view.id);
    expect(done.response.statusCode).toBe(202);
    expect(done.view).toMatchObject({
      status: 'committed',
      fileKept: false,
      summary: { result: { created: 3, dryRun: false } },
    });
    const listed = (await officer.request('GET', '/api/v1/thb-cases?q=IMP-')).json();
    expect(
      listed.items.map((i: { summary: { caseReference: string } }) => i.summary.caseReference).sort(),
    ).toEqual(['IMP-1', 'IMP-2', 'IMP-3']);

    const again = await upload(officer, file);
    expect(again.view.summary.sameFileAs).toMatchObject({ importId: view.id });
    expect((await commit(officer, again.view.id)).view.summary.result).toMatchObject({
      created: 0,
      unchanged: 3,
    });
    expect((await officer.request('GET', '/api/v1/thb-cases?q=IMP-')).json().items).toHaveLength(3);
  });

  it('updates the records a changed file names by external id, and only those', async () => {
    const { view } = await upload(
      officer,
      coralCsv([
        {
          externalId: 'ext-2',
          record: caseRecord(2, { exploitationCountry: 'JM' }),
        },
      ]),
    );
    expect(view.summary.plan).toMatchObject({ created: 0, updated: 1 });
    const done = await commit(officer, view.id, { strategy: 'create' });
    expect(done.view.summary.result).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    const upsert = await upload(
      officer,
      coralCsv([
        {
          externalId: 'ext-2',
          record: caseRecord(2, { exploitationCountry: 'JM' }),
        },
      ]),
    );
    expect((await commit(officer, upsert.view.id)).view.summary.result).toMatchObject({ updated: 1 });
  });

  it('stores nothing when a row is invalid, unless told to leave such rows out; problems name row and column', async () => {
    const before = (await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items.length;
    const file = coralCsv([
      { externalId: 'bad-1', record: caseRecord(10) },
      { externalId: 'bad-2', record: caseRecord(11, { identificationDate: '2025-02-30' }) },
    ]);
    const { view } = await upload(officer, file);
    expect(view.summary).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    const problems = (await officer.request('GET', `/api/v1/imports/${view.id}/problems`)).json();
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 3, column: 'identificationDate', severity: 'error' }),
    );
    const refused = await officer.request('POST', `/api/v1/imports/${view.id}/commit`, {});
    expect(refused.statusCode).toBe(409);
    expect((await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items).toHaveLength(before);

    const report = await officer.request('GET', `/api/v1/imports/${view.id}/problems.csv`);
    expect(report.headers['content-disposition']).toMatch(/attachment; filename="cases-problems.csv"/);
    expect(report.body).toContain('3,identificationDate,identificationDate,error');

    const partial = await commit(officer, view.id, { skipInvalid: true });
    expect(partial.view.summary.result).toMatchObject({ created: 1, invalid: 1 });
    expect((await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items).toHaveLength(
      before + 1,
    );
  });

  it('a dry run reports what would happen and keeps nothing', async () => {
    const before = (await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items.length;
    const { view } = await upload(officer, coralCsv([{ externalId: 'dry-1', record: caseRecord(20) }]));
    const dry = await commit(officer, view.id, { dryRun: true });
    expect(dry.view).toMatchObject({
      status: 'validated',
      summary: { result: { created: 1, dryRun: true } },
    });
    expect((await officer.request('GET', '/api/v1/thb-cases?limit=200')).json().items).toHaveLength(before);
    const cancelled = await officer.request('POST', `/api/v1/imports/${view.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', fileKept: false });
    expect((await officer.request('POST', `/api/v1/imports/${view.id}/commit`, {})).statusCode).toBe(409);
  });

  it('rejects a file it cannot read with a clear reason', async () => {
    const binary = await upload(officer, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]), 'fileName=x.bin');
    expect(binary.view).toMatchObject({ status: 'rejected' });
    expect(binary.view.failure).toMatch(/.+/);
    const empty = await upload(officer, '', 'fileName=empty.csv');
    expect(empty.view).toMatchObject({ status: 'rejected' });
    const json = await officer.request('POST', '/api/v1/imports?fileName=a.csv', { a: 1 });
    expect(json.statusCode).toBe(415);
  });

  it('is for data officers of the organisation only', async () => {
    const file = coralCsv([{ record: caseRecord(30) }]);
    expect((await caseWorker.upload('/api/v1/imports?fileName=a.csv', file)).statusCode).toBe(403);
    const { view } = await upload(officer, file);
    expect((await analyst.request('GET', `/api/v1/imports/${view.id}`)).statusCode).toBe(403);
    expect((await otherOfficer.request('GET', `/api/v1/imports/${view.id}`)).statusCode).toBe(404);
    expect((await otherOfficer.request('POST', `/api/v1/imports/${view.id}/commit`, {})).statusCode).toBe(
      404,
    );
    const mine = (await officer.request('GET', '/api/v1/imports')).json();
    expect(mine.some((i: { id: string }) => i.id === view.id)).toBe(true);
    expect((await otherOfficer.request('GET', '/api/v1/imports')).json()).toEqual([]);
  });

  it('exports what it imports: Coral CSV round-trips into another organisation', async () => {
    const exported = await officer.request(
      'GET',
      '/api/v1/exports?kind=thbCase&format=coral-csv&identifying=true',
    );
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="coral-thbCase-\d{4}-\d\d-\d\d\.csv"/,
    );
    const count = exported.body.trim().split('\r\n').length - 1;
    expect(count).toBeGreaterThan(3);
    const { view } = await upload(otherOfficer, exported.body, 'fileName=export.csv&source=partner');
    expect(view.summary).toMatchObject({ rows: count, invalid: 0 });
    const done = await commit(otherOfficer, view.id);
    expect(done.view.summary.result).toMatchObject({ created: count });
    const again = await otherOfficer.request(
      'GET',
      '/api/v1/exports?kind=thbCase&format=jsonl&identifying=true',
    );
    const names = again.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).record.victim?.givenNames)
      .sort();
    expect(names).toContain('Synthetic 1');
  });

  it('exports without identifying fields unless asked and allowed, and audits every export', async () => {
    const plain = await analyst.request('GET', '/api/v1/exports?kind=thbCase&format=coral-csv');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('Synthetic');
    expect(plain.body).not.toContain('victim.givenNames');
    expect((await analyst.request('GET', '/api/v1/exports?kind=thbCase&identifying=true')).statusCode).toBe(
      403,
    );
    const ctdc = await officer.request('GET', '/api/v1/exports?kind=thbCase&format=ctdc');
    expect(ctdc.body.split('\r\n')[0]).toContain(';yearOfRegistration;');
    expect((await officer.request('GET', '/api/v1/exports?kind=offender&format=ctdc')).statusCode).toBe(400);
    const audit = await t.database.executor
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'export')
      .execute();
    expect(audit.filter((a) => a.outcome === 'success').length).toBeGreaterThanOrEqual(3);
    expect(audit.some((a) => a.outcome === 'denied')).toBe(true);
  });

  it('keeps an upload sealed on disk, and destroys it once imported or cancelled', async () => {
    const { view } = await upload(officer, coralCsv([{ externalId: 'seal-1', record: caseRecord(40) }]));
    const staged = readdirSync(t.stagingFolder);
    expect(staged).toContain(`${view.id}.sealed`);
    const bytes = readFileSync(join(t.stagingFolder, `${view.id}.sealed`));
    expect(bytes.includes(Buffer.from('Synthetic 40'))).toBe(false);
    expect(bytes.includes(Buffer.from('IMP-40'))).toBe(false);
    await commit(officer, view.id);
    expect(readdirSync(t.stagingFolder)).not.toContain(`${view.id}.sealed`);
  });

  it('refuses a file over the size limit and keeps nothing of it', async () => {
    const small = await createTestApp(await storage.open(), { importSettings: { maxUploadBytes: 2000 } });
    try {
      const org = await seedOrganisation(small);
      const client = await login(small, (await seedUser(small, org, 'data-officer')).email);
      const big = coralCsv([1, 2, 3, 4, 5].map((n) => ({ record: caseRecord(n) })));
      expect(big.length).toBeGreaterThan(2000);
      const response = await client.upload('/api/v1/imports?fileName=big.csv', big);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.message).toMatch(/CORAL_IMPORT_MAX_BYTES/);
      expect(readdirSync(small.stagingFolder)).toEqual([]);
      expect((await client.request('GET', '/api/v1/imports')).json()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('starts one commit when two are asked for at once', async () => {
    const { view } = await upload(officer, coralCsv([{ externalId: 'race-1', record: caseRecord(50) }]));
    const both = await Promise.all(
      [0, 1].map(() => officer.request('POST', `/api/v1/imports/${view.id}/commit`, {})),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([202, 409]);
    await t.services.imports.settled(view.id);
    const listed = (await officer.request('GET', '/api/v1/thb-cases?q=IMP-50')).json();
    expect(listed.items).toHaveLength(1);
  });

  it('maps a sheet it does not know: suggests, takes a mapping, saves it by name for the next file', async () => {
    const sheet =
      'Case no,Sexo,Nacionalidad,Trafficking status,Fecha\nU-1,F,VE,Actual victim of trafficking,02/05/2024\nU-2,M,HT,Possible victim of trafficking,11/06/2024\n';
    const { view } = await upload(officer, sheet, 'fileName=register.csv');
    expect(view.summary).toMatchObject({ needsMapping: true });
    expect((await officer.request('POST', `/api/v1/imports/${view.id}/commit`, {})).statusCode).toBe(409);
    const suggestion = (await officer.request('GET', `/api/v1/imports/${view.id}/suggested-mapping`)).json();
    expect(suggestion.externalIdColumn).toBe('Case no');
    const byColumn = Object.fromEntries(
      suggestion.columns.map((c: { column: string; field: string | null }) => [c.column, c.field]),
    );
    expect(byColumn).toMatchObject({
      Sexo: 'victim.gender',
      Nacionalidad: 'victim.citizenships',
      'Trafficking status': 'traffickingStatus',
    });
    const mapping = {
      kind: 'thbCase',
      externalIdColumn: 'Case no',
      dateOrder: 'DMY',
      columns: [
        { column: 'Sexo', field: 'victim.gender', values: { F: 'Feminine', M: 'Masculine' } },
        { column: 'Nacionalidad', field: 'victim.citizenships' },
        { column: 'Trafficking status', field: 'traffickingStatus' },
        { column: 'Fecha', field: 'identificationDate' },
      ],
    };
    const bad = await officer.request('PUT', '/api/v1/import-mappings/Bad', {
      ...mapping,
      columns: [{ column: 'Sexo', field: 'victim.nothing' }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await officer.request('PUT', '/api/v1/import-mappings/Unit register', mapping)).statusCode).toBe(
      200,
    );
    const configured = await officer.request('PATCH', `/api/v1/imports/${view.id}`, {
      mappingName: 'Unit register',
    });
    expect(configured.statusCode).toBe(202);
    await t.services.imports.settled(view.id);
    const preview = (await officer.request('GET', `/api/v1/imports/${view.id}/preview`)).json();
    expect(preview[0].record).toMatchObject({
      identificationDate: '2024-05-02',
      victim: { gender: 'Feminine', citizenships: ['VE'] },
    });
    const done = await commit(officer, view.id);
    expect(done.view).toMatchObject({
      status: 'committed',
      mappingName: 'Unit register',
      summary: { result: { created: 2 } },
    });
    const mappings = (await officer.request('GET', '/api/v1/import-mappings')).json();
    expect(mappings.map((m: { name: string }) => m.name)).toEqual(['Unit register']);
    expect((await otherOfficer.request('GET', '/api/v1/import-mappings')).json()).toEqual([]);
    expect(
      (await otherOfficer.request('DELETE', `/api/v1/import-mappings/${mappings[0].id}`)).statusCode,
    ).toBe(404);
    expect((await officer.request('DELETE', `/api/v1/import-mappings/${mappings[0].id}`)).statusCode).toBe(
      204,
    );
  });

  it('marks imports a stopped process left running as failed, without touching live ones elsewhere', async () => {
    const { view } = await upload(officer, coralCsv([{ externalId: 'stuck-1', record: caseRecord(60) }]));
    const stuck = async (hoursAgo: number) =>
      t.database.executor
        .updateTable('imports')
        .set({ status: 'committing', updated_at: new Date(t.clock.now().getTime() - hoursAgo * 3_600_000) })
        .where('id', '=', view.id)
        .execute();
    const status = async () => (await officer.request('GET', `/api/v1/imports/${view.id}`)).json().status;
    await stuck(0);
    await t.services.imports.housekeeping(false);
    expect(await status()).toBe('committing');
    await t.services.imports.housekeeping(true);
    // One process per PGlite folder: at start, nothing else can be importing. PostgreSQL may be shared.
    expect(await status()).toBe(storage.name === 'pglite' ? 'failed' : 'committing');
    await stuck(7);
    await t.services.imports.housekeeping(false);
    expect(await status()).toBe('failed');
    expect((await officer.request('GET', `/api/v1/imports/${view.id}`)).json().failure).toMatch(
      /nothing was imported/,
    );
  });

  it('imports its own exports back unchanged, formula guards and all', async () => {
    const { view } = await upload(
      officer,
      coralCsv([
        {
          externalId: 'guard-1',
          record: caseRecord(70, { caseReference: '+1 268 555 0100', notes: '=HYPERLINK("x")' }),
        },
      ]),
    );
    expect((await commit(officer, view.id)).view.summary.result).toMatchObject({ created: 1 });
    const exported = await officer.request(
      'GET',
      '/api/v1/exports?kind=thbCase&format=coral-csv&identifying=true&q=268',
    );
    expect(exported.body).toContain(`'+1 268 555 0100`);
    expect(exported.body).toContain(`"'=HYPERLINK(""x"")"`);
    const again = await upload(officer, exported.body, 'fileName=again.csv');
    expect(again.view.summary.plan).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(again.view.summary.invalid).toBe(0);
  });

  it('refuses external ids too long to index, naming the row', async () => {
    const { view } = await upload(
      officer,
      coralCsv([{ externalId: 'x'.repeat(300), record: caseRecord(80) }]),
    );
    expect(view.summary).toMatchObject({ rows: 1, invalid: 1 });
    const problems = (await officer.request('GET', `/api/v1/imports/${view.id}/problems`)).json();
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 2, column: 'externalId', code: 'too_long' }),
    );
  });

  it('leaves the source’s own ids out of exports without identifying fields', async () => {
    const plain = await analyst.request('GET', '/api/v1/exports?kind=thbCase&format=jsonl');
    const lines = plain.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => 'externalId' in line)).toBe(false);
  });

  it('sweeps staged files no import owns once they are a day old, and nothing else', async () => {
    const { view } = await upload(officer, coralCsv([{ externalId: 'kept-1', record: caseRecord(90) }]));
    const orphan = join(t.stagingFolder, '01234567-89ab-4cde-8f01-23456789abcd.sealed');
    const stray = join(t.stagingFolder, 'notes.txt');
    writeFileSync(orphan, 'left by a crash');
    writeFileSync(stray, 'not ours');
    const dayOld = new Date(Date.now() - 2 * 86_400_000);
    for (const path of [orphan, stray, join(t.stagingFolder, `${view.id}.sealed`)])
      utimesSync(path, dayOld, dayOld);
    await t.services.imports.housekeeping(false);
    const left = readdirSync(t.stagingFolder);
    expect(left).not.toContain('01234567-89ab-4cde-8f01-23456789abcd.sealed');
    expect(left).toContain('notes.txt');
    // Still waiting for its commit (its row is not a day old): kept.
    expect(left).toContain(`${view.id}.sealed`);
  });
});

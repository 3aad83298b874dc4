import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Synthetic victims: 2023 has 12 women and 3 men; 2024 has 9 women and 8 men (and one non-victim). */
const victims = [
  ...Array.from({ length: 12 }, () => ({ year: '2023', gender: 'Feminine' })),
  ...Array.from({ length: 3 }, () => ({ year: '2023', gender: 'Masculine' })),
  ...Array.from({ length: 9 }, () => ({ year: '2024', gender: 'Feminine' })),
  ...Array.from({ length: 8 }, () => ({ year: '2024', gender: 'Masculine' })),
];

interface Cell {
  coordinates: Array<string | null>;
  value: number | null;
  status: string;
  per100k?: number;
}

const cellAt = (cells: Cell[], ...coordinates: Array<string | null>) =>
  cells.find((c) => c.coordinates.every((v, i) => v === coordinates[i]));

describeEachStorage('statistics over HTTP', (storage) => {
  let t: TestApp;
  let orgId: string;
  let analyst: Client;
  let officer: Client;
  let caseWorker: Client;
  let otherAnalyst: Client;
  beforeAll(async () => {
    t = await createTestApp(await storage.open());
    orgId = await seedOrganisation(t, { country: 'TT' });
    const otherOrg = await seedOrganisation(t, { country: 'JM' });
    for (const [n, v] of victims.entries()) {
      await t.services.records.create(operator, 'thbCase', orgId, {
        caseReference: `ST-${n}`,
        traffickingStatus: 'ActualVictimOfTrafficking',
        identificationDate: `${v.year}-05-0${(n % 9) + 1}`,
        identificationCountry: 'TT',
        formsOfExploitation: { ForcedLabour: true },
        victim: { givenNames: `Synthetic ${n}`, gender: v.gender, citizenships: ['VE'] },
      });
    }
    await t.services.records.create(operator, 'thbCase', orgId, {
      caseReference: 'ST-not',
      traffickingStatus: 'NotAVictimOfTrafficking',
      identificationDate: '2024-01-01',
      victim: { gender: 'Feminine' },
    });
    [analyst, officer, caseWorker, otherAnalyst] = [
      await loginAs(t, 'analyst', orgId),
      await loginAs(t, 'data-officer', orgId),
      await loginAs(t, 'case-worker', orgId),
      await loginAs(t, 'analyst', otherOrg),
    ];
  });
  afterAll(() => t.close());

  describe('tables', () => {
    it('counts victims (not those found not to be victims) and hides small cells with their complements', async () => {
      const response = await caseWorker.request(
        'GET',
        '/api/v1/statistics/table?measure=victims&by=year,sex',
      );
      expect(response.statusCode).toBe(200);
      const table = response.json<{ cells: Cell[]; threshold: number }>();
      expect(table.threshold).toBe(5);
      expect(cellAt(table.cells, null, null)?.value).toBe(32);
      expect(cellAt(table.cells, '2023', 'Masculine')).toMatchObject({ value: null, status: 'primary' });
      // Its row has a total, so a second cell of the row must go too.
      expect(cellAt(table.cells, '2023', 'Feminine')?.value).toBeNull();
      for (const cell of table.cells)
        if (cell.value !== null) expect(cell.value === 0 || cell.value >= 5).toBe(true);
    });

    it('shows exact small counts only to data officers and analysts', async () => {
      const url = '/api/v1/statistics/table?measure=victims&by=year,sex&minCell=1';
      const exact = await officer.request('GET', url);
      expect(exact.statusCode).toBe(200);
      expect(cellAt(exact.json<{ cells: Cell[] }>().cells, '2023', 'Masculine')?.value).toBe(3);
      expect((await analyst.request('GET', url)).statusCode).toBe(200);
      expect((await caseWorker.request('GET', url)).statusCode).toBe(403);
    });

    it("never counts another organisation's records", async () => {
      const response = await otherAnalyst.request(
        'GET',
        '/api/v1/statistics/table?measure=victims&by=year&minCell=1',
      );
      expect(response.statusCode).toBe(200);
      expect(cellAt(response.json<{ cells: Cell[] }>().cells, null)?.value).toBe(0);
    });

    it('filters, and says clearly what is wrong with a request', async () => {
      const filtered = await officer.request(
        'GET',
        '/api/v1/statistics/table?measure=victims&by=sex&filter=year=2024&minCell=1',
      );
      expect(cellAt(filtered.json<{ cells: Cell[] }>().cells, null)?.value).toBe(17);
      const unknown = await officer.request('GET', '/api/v1/statistics/table?measure=victims&by=shoeSize');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/shoeSize.*Known: year/);
      const badFilter = await officer.request(
        'GET',
        '/api/v1/statistics/table?measure=victims&by=sex&filter=year',
      );
      expect(badFilter.statusCode).toBe(400);
    });

    it('serves a table again from memory only while no record has changed', async () => {
      const url = '/api/v1/statistics/table?measure=victims&by=sex&filter=year=2022&minCell=1';
      const before = cellAt((await officer.request('GET', url)).json<{ cells: Cell[] }>().cells, null)?.value;
      expect(before).toBe(0);
      const created = await t.services.records.create(operator, 'thbCase', orgId, {
        caseReference: 'ST-late',
        traffickingStatus: 'PossibleVictimOfTrafficking',
        identificationDate: '2022-02-02',
        victim: { gender: 'Feminine' },
      });
      const after = cellAt((await officer.request('GET', url)).json<{ cells: Cell[] }>().cells, null)?.value;
      expect(after).toBe(1);
      await t.services.records.remove(operator, 'thbCase', orgId, created.stored.id, 'EnteredInError');
      const deleted = cellAt(
        (await officer.request('GET', url)).json<{ cells: Cell[] }>().cells,
        null,
      )?.value;
      expect(deleted).toBe(0);
    });

    it('puts a record with several forms of exploitation in "Multiple" and one with none in "Unknown"', async () => {
      const third = await seedOrganisation(t, { country: 'GY' });
      const flags = [
        { SexualExploitation: true, ForcedLabour: true },
        { ForcedLabour: false },
        undefined,
        { Servitude: true },
      ];
      for (const [n, formsOfExploitation] of flags.entries()) {
        await t.services.records.create(operator, 'thbCase', third, {
          caseReference: `FL-${n}`,
          traffickingStatus: 'ActualVictimOfTrafficking',
          identificationDate: '2024-03-03',
          victim: { gender: 'Feminine' },
          ...(formsOfExploitation ? { formsOfExploitation } : {}),
        });
      }
      const thirdAnalyst = await loginAs(t, 'analyst', third);
      const table = await thirdAnalyst.request(
        'GET',
        '/api/v1/statistics/table?measure=victims&by=exploitation&minCell=1',
      );
      const cells = table.json<{ cells: Cell[] }>().cells;
      expect(cellAt(cells, 'Multiple')?.value).toBe(1);
      expect(cellAt(cells, 'Unknown')?.value).toBe(2);
      expect(cellAt(cells, 'Servitude')?.value).toBe(1);
      expect(cellAt(cells, null)?.value).toBe(4);
    });

    it('needs a sign-in', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/statistics/table?measure=victims&by=year',
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('releases', () => {
    const spec = {
      tables: [
        { measure: 'victims', by: ['year', 'sex'] },
        { measure: 'victims', by: ['year', 'country'] },
      ],
      methodNote: 'Synthetic test release.',
    };

    it('go from draft to an immutable published version that anyone can read', async () => {
      const created = await analyst.request('POST', '/api/v1/releases', { title: 'Victims 2023–2024', spec });
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/releases/${id}` })).statusCode).toBe(401);
      expect((await otherAnalyst.request('GET', `/api/v1/releases/${id}`)).statusCode).toBe(404);

      const preview = await analyst.request('POST', `/api/v1/releases/${id}/preview`);
      expect(preview.statusCode).toBe(200);
      const published = await analyst.request('POST', `/api/v1/releases/${id}/publish`);
      expect(published.statusCode).toBe(200);
      expect(published.json<{ status: string; version: number }>()).toMatchObject({
        status: 'published',
        version: 1,
      });

      const list = await t.app.inject({ method: 'GET', url: '/api/v1/releases' });
      expect(list.json<Array<{ id: string }>>().map((r) => r.id)).toContain(id);
      const read = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${id}` });
      expect(read.statusCode).toBe(200);
      expect(read.json<{ organisation: { country: string } }>().organisation.country).toBe('TT');
      const content = read.json<{ content: { tables: Array<{ cells: Cell[] }> } }>().content;
      const [bySex, byCountry] = content.tables;
      expect(cellAt(bySex?.cells ?? [], '2023', 'Masculine')?.value).toBeNull();
      // The shared margin (victims by year) is hidden or shown alike in both tables.
      for (const year of ['2023', '2024']) {
        expect(cellAt(bySex?.cells ?? [], year, null)?.value).toBe(
          cellAt(byCountry?.cells ?? [], year, null)?.value,
        );
      }
      // SDG 16.2.2: a rate wherever the count is published and the population known.
      const rate = cellAt(byCountry?.cells ?? [], '2024', 'TT');
      if (rate?.value !== null) expect(rate?.per100k).toBeGreaterThan(0);

      const change = await analyst.request('PATCH', `/api/v1/releases/${id}`, { title: 'Changed' });
      expect(change.statusCode).toBe(409);
      expect((await analyst.request('DELETE', `/api/v1/releases/${id}`)).statusCode).toBe(409);
      await expect(
        sql`UPDATE releases SET title = 'tampered' WHERE id = ${id}`.execute(t.database.executor),
      ).rejects.toThrow(/published release cannot be changed/);

      const glotip = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${id}/glotip.csv` });
      expect(glotip.statusCode).toBe(200);
      const glotipRows = glotip.body.trim().split('\r\n');
      expect(glotipRows[0]).toBe('Country,Indicator,Dimension,Category,Sex,Age,Year,Value');
      const total2024 = glotipRows.find((row) =>
        row.startsWith('TT,Detected trafficking victims,Total,Total,Total,Total,2024,'),
      );
      expect(total2024?.split(',').at(-1)).toBe(
        String(cellAt(bySex?.cells ?? [], '2024', null)?.value ?? ''),
      );

      const revised = await analyst.request('POST', `/api/v1/releases/${id}/revise`);
      expect(revised.statusCode).toBe(201);
      expect(revised.json<{ version: number; status: string }>()).toMatchObject({
        version: 2,
        status: 'draft',
      });
      // Two revisions at once take different version numbers.
      const both = await Promise.all([
        analyst.request('POST', `/api/v1/releases/${id}/revise`),
        analyst.request('POST', `/api/v1/releases/${id}/revise`),
      ]);
      expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
      expect(new Set(both.map((r) => r.json<{ version: number }>().version))).toEqual(new Set([3, 4]));
    });

    it('can carry a k-anonymous record-level file that anyone can download', async () => {
      const created = await analyst.request('POST', '/api/v1/releases', {
        title: 'With microdata',
        spec: {
          tables: [{ measure: 'victims', by: ['year'] }],
          microdata: { quasiIdentifiers: ['sex', 'year'], columns: ['exploitation'], k: 5 },
        },
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/releases/${id}/microdata.csv` })).statusCode,
      ).toBe(401);
      expect((await analyst.request('POST', `/api/v1/releases/${id}/publish`)).statusCode).toBe(200);
      // The release itself carries the information-loss report; the rows come only as the file.
      const view = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${id}` });
      const microdata = view.json<{ content: { microdata: { rows?: unknown; report: { k: number } } } }>()
        .content.microdata;
      expect(microdata.report.k).toBe(5);
      expect(microdata.rows).toBeUndefined();
      const file = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${id}/microdata.csv` });
      expect(file.statusCode).toBe(200);
      const [header, ...lines] = file.body.trim().split('\r\n');
      expect(header).toBe('sex,year,exploitation');
      const classes = new Map<string, number>();
      for (const line of lines) {
        const key = line.split(',').slice(0, 2).join(',');
        classes.set(key, (classes.get(key) ?? 0) + 1);
      }
      for (const size of classes.values()) expect(size).toBeGreaterThanOrEqual(5);
      // 2023 has 3 men: they cannot stand as a class of their own.
      expect(classes.has('Masculine,2023')).toBe(false);
    });

    it('are composed only by data officers and analysts of the organisation', async () => {
      const response = await caseWorker.request('POST', '/api/v1/releases', { title: 'Nope', spec });
      expect(response.statusCode).toBe(403);
    });

    it('with differential privacy, spend their ε budget across versions and refuse to overspend it', async () => {
      const dp = {
        tables: [{ measure: 'victims', by: ['sex'] }],
        method: 'differential-privacy',
        epsilonPerTable: '0.5',
        epsilonBudget: '1',
        methodNote: 'Discrete Laplace noise.',
      };
      const created = await officer.request('POST', '/api/v1/releases', { title: 'Noisy', spec: dp });
      expect(created.statusCode).toBe(201);
      const first = await officer.request(
        'POST',
        `/api/v1/releases/${created.json<{ id: string }>().id}/publish`,
      );
      expect(first.statusCode).toBe(200);
      const body = first.json<{
        id: string;
        ledger: unknown[];
        content: { tables: Array<{ cells: Cell[] }> };
      }>();
      expect(body.ledger).toHaveLength(1);
      const noisy = body.content.tables[0]?.cells ?? [];
      for (const cell of noisy) {
        expect(Number.isInteger(cell.value) && (cell.value as number) >= 0).toBe(true);
      }
      // Totals are the sums of the noisy cells, so the published table adds up.
      const inner = noisy
        .filter((c) => c.coordinates[0] !== null)
        .reduce((sum, c) => sum + (c.value as number), 0);
      expect(cellAt(noisy, null)?.value).toBe(inner);
      const second = await officer.request('POST', `/api/v1/releases/${body.id}/revise`);
      const secondId = second.json<{ id: string }>().id;
      expect((await officer.request('POST', `/api/v1/releases/${secondId}/publish`)).statusCode).toBe(200);
      const third = await officer.request('POST', `/api/v1/releases/${secondId}/revise`);
      const refused = await officer.request(
        'POST',
        `/api/v1/releases/${third.json<{ id: string }>().id}/publish`,
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/budget|left/i);
    });

    it('feed the public regional view with each organisation’s latest figure', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/statistics/regional?measure=victims&year=2024',
      });
      expect(response.statusCode).toBe(200);
      const figures = response.json<Array<{ country: string; value: number | null }>>();
      expect(figures.some((f) => f.country === 'TT')).toBe(true);
      const years = await t.app.inject({
        method: 'GET',
        url: '/api/v1/statistics/regional/years?measure=victims',
      });
      expect(years.json<string[]>().slice(0, 2)).toEqual(['2024', '2023']);
    });
  });

  describe('data gaps', () => {
    it('assess completeness and the disaggregations that can be produced', async () => {
      const response = await analyst.request('GET', '/api/v1/statistics/gaps?from=2023&to=2024');
      expect(response.statusCode).toBe(200);
      const { kinds } = response.json<{
        kinds: Array<{
          kind: string;
          records: number;
          fields: Array<{ path: string; completeness: number }>;
          disaggregations: Array<{ id: string; producible: string }>;
        }>;
      }>();
      const cases = kinds.find((k) => k.kind === 'thbCase');
      expect(cases?.records).toBe(33);
      expect(cases?.fields.find((f) => f.path === 'victim.gender')?.completeness).toBe(1);
      expect(cases?.disaggregations.find((d) => d.id === 'sdg-16.2.2-sex')?.producible).toBe('yes');
      expect(cases?.disaggregations.find((d) => d.id === 'sdg-16.2.2-age')?.producible).toBe('no');
    });

    it('download as a report, and stay within the organisation', async () => {
      const report = await analyst.request(
        'GET',
        '/api/v1/statistics/gaps/report?from=2023&to=2024&format=markdown',
      );
      expect(report.statusCode).toBe(200);
      expect(report.body).toMatch(/# Data-gap assessment/);
      expect(report.body).toMatch(/SDG 16.2.2/);
      expect((await caseWorker.request('GET', '/api/v1/statistics/gaps?from=2023&to=2024')).statusCode).toBe(
        403,
      );
    });
  });

  it('lets only platform administrators set population figures, which rates then use', async () => {
    const body = { population: 1_000_000, source: 'Test census (synthetic)' };
    expect((await analyst.request('PUT', '/api/v1/population/TT/2024', body)).statusCode).toBe(403);
    const platform = await loginAs(t, 'platform-admin', null);
    expect((await platform.request('PUT', '/api/v1/population/TT/2024', body)).statusCode).toBe(204);
    const table = await officer.request(
      'GET',
      '/api/v1/statistics/table?measure=victims&by=year,country&filter=year=2024&minCell=1',
    );
    // 17 victims in 2024 per 1,000,000 people: 1.7 per 100,000.
    expect(cellAt(table.json<{ cells: Cell[] }>().cells, '2024', 'TT')?.per100k).toBe(1.7);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coral } from '../testing/cli.js';
import { referenceFile } from '../testing/reference.js';

const ctdcSample = referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv');
const json = (run: { stdout: string }) => JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');

interface Cell {
  coordinates: Array<string | null>;
  value: number | null;
  status: string;
}

describe('coral stats, release and gaps on the real CTDC sample', () => {
  let data: string;
  const withData = (args: string[]) => [...args, '--data', data];
  const rows = readFileSync(ctdcSample, 'utf8').trim().split('\n').length - 1;
  beforeAll(async () => {
    data = join(mkdtempSync(join(tmpdir(), 'coral-stats-')), 'data');
    const created = await coral(
      withData(['orgs', 'create', '--name', 'Stats Unit', '--type', 'LawEnforcement', '--country', 'TT']),
    );
    expect(created.code).toBe(0);
    const imported = await coral(withData(['import', ctdcSample, '--org', 'Stats Unit', '--json']));
    expect(imported.code).toBe(0);
  }, 120_000);

  it('prints a table with small cells suppressed, and exact counts with --min-cell 1', async () => {
    const safe = await coral(withData(['stats', 'table', '--by', 'year,citizenship', '--json']));
    expect(safe.code).toBe(0);
    const exact = await coral(
      withData(['stats', 'table', '--by', 'year,citizenship', '--min-cell', '1', '--json']),
    );
    const safeCells = json(safe).cells as Cell[];
    const exactCells = json(exact).cells as Cell[];
    expect(exactCells.find((c) => c.coordinates.every((v) => v === null))?.value).toBe(rows);
    const small = exactCells.filter((c) => c.value !== null && c.value > 0 && c.value < 5);
    expect(small.length).toBeGreaterThan(0);
    for (const cell of small) {
      const same = safeCells.find((c) => JSON.stringify(c.coordinates) === JSON.stringify(cell.coordinates));
      expect(same?.value).toBeNull();
    }
    const text = await coral(withData(['stats', 'table', '--by', 'sex']));
    expect(text.stdout).toMatch(/sex\s+victims/);
  });

  it('composes, previews and publishes a release', async () => {
    const created = await coral(
      withData([
        'release',
        'create',
        '--title',
        'CTDC sample',
        '--table',
        'victims:year,sex',
        '--table',
        'victims:year',
        '--json',
      ]),
    );
    expect(created.code).toBe(0);
    const { id } = json(created);
    const preview = await coral(withData(['release', 'preview', id]));
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/<5|x/);
    const published = await coral(withData(['release', 'publish', id, '--json']));
    expect(published.code).toBe(0);
    expect(json(published)).toMatchObject({ status: 'published', version: 1 });
    const again = await coral(withData(['release', 'publish', id]));
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/published and cannot change/);
  });

  it('publishes the CTDC sample as k-anonymous microdata (k = 11)', async () => {
    const qis = ['sex', 'ageBand', 'citizenship', 'exploitationCountry', 'year'];
    const created = await coral(
      withData([
        'release',
        'create',
        '--title',
        'Microdata',
        '--table',
        'victims:year',
        '--microdata',
        qis.join(','),
        '--microdata-columns',
        'exploitation',
        '--json',
      ]),
    );
    expect(created.code).toBe(0);
    const published = await coral(withData(['release', 'publish', json(created).id, '--json']));
    expect(published.code).toBe(0);
    const microdata = json(published).content.microdata as {
      columns: Array<{ id: string }>;
      rows: string[][];
      report: { k: number; suppressedRows: number; removedRows: number; rows: number };
    };
    expect(microdata.report.rows).toBe(rows);
    expect(microdata.rows.length).toBe(rows - microdata.report.removedRows);
    expect(microdata.report.suppressedRows).toBeLessThanOrEqual(rows * 0.05);
    const classes = new Map<string, number>();
    for (const row of microdata.rows) {
      const key = JSON.stringify(qis.map((q) => row[microdata.columns.findIndex((c) => c.id === q)]));
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    for (const size of classes.values()) expect(size).toBeGreaterThanOrEqual(11);
  });

  it('refuses a table it cannot make, saying what it can', async () => {
    const wrong = await coral(withData(['stats', 'table', '--by', 'colour']));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Known: year, country/);
  });

  it('lists and corrects population figures', async () => {
    const set = await coral(
      withData([
        'population',
        'set',
        '--country',
        'ms',
        '--year',
        '2024',
        '--population',
        '4400',
        '--source',
        'Test (synthetic)',
      ]),
    );
    expect(set.code).toBe(0);
    const list = await coral(withData(['population', 'list', '--country', 'MS', '--json']));
    expect(json(list)).toEqual([{ country: 'MS', year: 2024, population: 4400, source: 'Test (synthetic)' }]);
    const wrong = await coral(
      withData([
        'population',
        'set',
        '--country',
        'XYZ',
        '--year',
        '2024',
        '--population',
        '1',
        '--source',
        'x y z',
      ]),
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/alpha-2/);
  });

  it('assesses data gaps', async () => {
    const gaps = await coral(withData(['gaps', '--from', '2000', '--to', '2030', '--json']));
    expect(gaps.code).toBe(0);
    const cases = json(gaps).kinds.find((k: { kind: string }) => k.kind === 'thbCase');
    expect(cases.records).toBe(rows);
    const report = await coral(withData(['gaps', '--from', '2000', '--to', '2030']));
    expect(report.stdout).toMatch(/# Data-gap assessment/);
  });
});

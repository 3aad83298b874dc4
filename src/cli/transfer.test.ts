import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, syntheticThbCase } from '../demo/synthetic-records.js';
import { coralCells, coralColumns, coralHeader } from '../interchange/coral-table.js';
import { csvLine } from '../interchange/writers.js';
import { toHtcdsRow } from '../standard/mappings/htcds.js';
import { bin, cleanEnv, coral } from '../testing/cli.js';
import { referenceFile } from '../testing/reference.js';

const ctdcSample = referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv');

/** One of the official HTCDS templates, its numbered empty rows filled from the top with synthetic cases. */
async function filledTemplate(template: string, count: number, out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(referenceFile('htcds', template));
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('template has no sheet');
  const names = (sheet.getRow(1).values as unknown[]).map((value) =>
    typeof value === 'string' ? value : '',
  );
  const random = createRandom(11);
  for (let i = 0; i < count; i++) {
    const values = toHtcdsRow(syntheticThbCase(random, i), 'thbCase', { values: 'labels' });
    const row = sheet.getRow(3 + i);
    names.forEach((name, column) => {
      const value = name ? values[name] : undefined;
      if (value !== undefined) row.getCell(column).value = value;
    });
    row.commit();
  }
  await workbook.xlsx.writeFile(out);
}

const json = (run: { stdout: string }) => JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');

describe('coral import and export', () => {
  let dir: string;
  let data: string;
  const withData = (args: string[]) => [...args, '--data', data];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coral-transfer-'));
    data = join(dir, 'data');
    const created = await coral(
      withData(['orgs', 'create', '--name', 'Import Unit', '--type', 'LawEnforcement', '--country', 'TT']),
    );
    expect(created.code).toBe(0);
  });

  const countRecords = async () => {
    const out = await coral(withData(['export', '--org', 'Import Unit', '--format', 'jsonl']));
    expect(out.code).toBe(0);
    return out.stdout.split('\n').filter(Boolean).length;
  };

  it('imports the real CTDC sample once: a second import of the same file adds nothing', async () => {
    const first = await coral(withData(['import', ctdcSample, '--org', 'Import Unit', '--json']));
    expect(first.code).toBe(0);
    const rows = readFileSync(ctdcSample, 'utf8').trim().split('\n').length - 1;
    expect(json(first)).toMatchObject({
      ok: true,
      format: 'ctdc',
      kind: 'thbCase',
      rows,
      created: rows,
      errors: [],
    });
    const again = await coral(withData(['import', ctdcSample, '--org', 'Import Unit']));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('This file was imported before');
    expect(await countRecords()).toBe(rows);
  });

  it('imports both official HTCDS Excel templates filled in, skipping their numbered empty rows', async () => {
    for (const template of [
      'HTCDS Excel Spreadsheet v2.0.xlsx',
      'HTCDS Excel Spreadsheet single select with validation v2.0.xlsx',
    ]) {
      const file = join(dir, `filled-${template}`);
      await filledTemplate(template, 25, file);
      const run = await coral(withData(['import', file, '--org', 'Import Unit', '--dry-run', '--json']));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(json(run)).toMatchObject({
        ok: true,
        format: 'htcds-xlsx',
        rows: 25,
        created: 25,
        dryRun: true,
        errors: [],
      });
    }
  });

  it('round-trips an HTCDS export: importing it again updates nothing and adds nothing', async () => {
    const file = join(dir, 'export.xlsx');
    const exported = await coral(
      withData(['export', '--org', 'Import Unit', '--format', 'htcds-xlsx', '--out', file]),
    );
    expect(exported.code).toBe(0);
    const before = await countRecords();
    const run = await coral(withData(['import', file, '--org', 'Import Unit', '--json']));
    expect(json(run)).toMatchObject({ ok: true, rows: before, created: 0, updated: 0, unchanged: before });
    expect(await countRecords()).toBe(before);
  });

  it('stores nothing from a file with an invalid row, and says which row and column', async () => {
    const columns = coralColumns('thbCase');
    const good = syntheticThbCase(createRandom(3), 1);
    const bad = { ...syntheticThbCase(createRandom(4), 2), identificationDate: '2024-13-45' };
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [coralHeader(columns), coralCells(columns, good, {}), coralCells(columns, bad, {})]
        .map((c) => csvLine(c))
        .join(''),
    );
    const before = await countRecords();
    const run = await coral(withData(['import', file, '--org', 'Import Unit', '--json']));
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ ok: false, invalid: 1, created: 0 });
    expect(json(run).errors).toContainEqual(
      expect.objectContaining({ row: 3, column: 'identificationDate' }),
    );
    expect(await countRecords()).toBe(before);
    const partial = await coral(
      withData(['import', file, '--org', 'Import Unit', '--skip-invalid', '--json']),
    );
    expect(json(partial)).toMatchObject({ ok: true, created: 1, invalid: 1 });
    expect(await countRecords()).toBe(before + 1);
  });

  it('explains what it cannot do, with exit code 1', async () => {
    const missing = await coral(withData(['import', join(dir, 'nope.csv'), '--org', 'Import Unit']));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv/);
    const ctdcOffenders = await coral(
      withData(['export', '--org', 'Import Unit', '--kind', 'offender', '--format', 'ctdc']),
    );
    expect(ctdcOffenders.code).toBe(1);
    expect(ctdcOffenders.stderr).toContain('CTDC layout holds trafficking cases only');
    const badFormat = await coral(
      withData(['import', ctdcSample, '--org', 'Import Unit', '--format', 'xls']),
    );
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('--format');
  });

  it('leaves nothing behind when killed in the middle of a commit, and the data folder still works', async () => {
    const killData = join(dir, 'kill-data');
    const setup = await coral([
      'orgs',
      'create',
      '--name',
      'Kill Unit',
      '--type',
      'NGO',
      '--country',
      'JM',
      '--data',
      killData,
    ]);
    expect(setup.code).toBe(0);
    // Twenty copies of the CTDC sample: long enough to be caught half-way.
    const [header, ...rows] = readFileSync(ctdcSample, 'utf8').trim().split('\n');
    const big = join(dir, 'big-ctdc.csv');
    writeFileSync(big, [header, ...Array.from({ length: 20 }, () => rows).flat()].join('\n'));
    const child = spawn(
      process.execPath,
      [bin, 'import', big, '--org', 'Kill Unit', '--progress', '--data', killData],
      {
        env: cleanEnv(),
      },
    );
    const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
      let err = '';
      child.stderr.on('data', (chunk) => {
        err += chunk;
        const counts = [...err.matchAll(/progress committing (\d+) rows/g)].map((m) => Number(m[1]));
        if (counts.some((count) => count >= 4000)) child.kill('SIGKILL');
      });
      child.on('close', (_code, signal) => resolve(signal));
    });
    expect(killed).toBe('SIGKILL');
    const after = await coral(['export', '--org', 'Kill Unit', '--format', 'jsonl', '--data', killData]);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe('');
    const retry = await coral(['import', ctdcSample, '--org', 'Kill Unit', '--json', '--data', killData]);
    expect(json(retry)).toMatchObject({ ok: true, created: rows.length });
  });
});

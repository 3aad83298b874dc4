import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceFile } from '../../src/testing/reference.js';
import { seedOrganisation, seedUser, type TestApp, testPassword } from '../../src/testing/test-app.js';
import { choose, serveWebApp } from './browser.js';

describe('imports and exports in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let officer: string;
  let analyst: string;
  let dir: string;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await serveWebApp());
    const orgId = await seedOrganisation(t, { name: 'Unit (import test)', country: 'JM' });
    officer = (await seedUser(t, orgId, 'data-officer')).email;
    analyst = (await seedUser(t, orgId, 'analyst')).email;
    dir = mkdtempSync(join(tmpdir(), 'coral-browser-import-'));
  });
  afterAll(async () => {
    await close?.();
  });

  const signedIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    return page;
  };

  const upload = async (page: Page, file: string) => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 2, name: basename(file) }).waitFor();
    await page.getByText('Checked', { exact: true }).waitFor({ timeout: 30_000 });
  };

  it('uploads the CTDC sample, shows what it found and imports it, then lists it in the history', async () => {
    const page = await signedIn(officer);
    await upload(page, referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'));
    await expect.poll(() => page.getByText('CTDC dataset · Trafficking cases').count()).toBe(1);
    await page.getByRole('heading', { name: 'First rows as they will be stored' }).waitFor();
    await page.getByRole('button', { name: 'Import 1002 rows' }).click();
    await page.getByRole('status').filter({ hasText: '1002 new records' }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: '← Imports' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'ctdc-global-k-anon-sample.csv' })
      .filter({ hasText: 'Imported' })
      .filter({ hasText: 'Test data-officer' })
      .waitFor();
  });

  it('maps the columns of a sheet it does not know, and imports it', async () => {
    const file = join(dir, 'unit-register.csv');
    writeFileSync(
      file,
      'Case no;Gender;Nationality;Trafficking status;Identification date\nJM-1;Feminine;VE;Actual victim of trafficking;2024-05-02\nJM-2;Masculine;HT;Possible victim of trafficking;2024-06-11\n',
    );
    const page = await signedIn(officer);
    await upload(page, file);
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
    // The suggestion found the columns by their names; the file's own ids go in their own place.
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Field for column Trafficking status' }).inputValue())
      .toMatch(/Trafficking status/);
    await page.getByRole('textbox', { name: 'Save this mapping as (optional)' }).fill('Unit register');
    await page.getByRole('button', { name: 'Check the file with this mapping' }).click();
    await page.getByText('Own layout (mapped) · Trafficking cases').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByRole('status').filter({ hasText: '2 new records' }).waitFor({ timeout: 30_000 });
    const saved = await t.database.executor.selectFrom('import_mappings').select('name').execute();
    expect(saved.map((m) => m.name)).toContain('Unit register');
    // The next file of that layout takes the saved mapping as it is.
    const next = join(dir, 'unit-register-2.csv');
    writeFileSync(
      next,
      'Case no;Gender;Nationality;Trafficking status;Identification date\nJM-3;Feminine;GY;Actual victim of trafficking;2024-07-01\n',
    );
    await upload(page, next);
    await choose(page, 'Saved mappings', 'Unit register');
    await page.getByRole('button', { name: 'Use this mapping' }).click();
    await page.getByRole('button', { name: 'Import 1 rows' }).waitFor({ timeout: 30_000 });
  });

  it('shows every problem with its row and column, stores nothing, and offers the report', async () => {
    const sample = readFileSync(referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'), 'utf8').split('\n');
    const header = sample[0] ?? '';
    const columns = header.split(';');
    const broken = (sample[1] ?? '').split(';');
    broken[columns.indexOf('gender')] = 'Robot';
    const file = join(dir, 'broken.csv');
    writeFileSync(file, [header, sample[2], broken.join(';'), sample[3]].join('\n'));
    const page = await signedIn(officer);
    await upload(page, file);
    await page.getByRole('heading', { name: /^Problems found: \d+$/ }).waitFor();
    // The CTDC rows are children with no form of exploitation: warnings; the robot is the one error.
    const errorRow = page.getByRole('row').filter({ hasText: 'gender: not one of the allowed values.' });
    expect(await errorRow.getByRole('cell').first().textContent()).toBe('3');
    expect(await page.getByRole('button', { name: 'Import 2 rows' }).isDisabled()).toBe(true);
    const report = page.getByRole('link', { name: 'Download the error report (CSV)' });
    expect(await report.getAttribute('href')).toMatch(/\/problems\.csv$/);
    await page.getByRole('checkbox', { name: /Leave out the 1 rows/ }).check();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page
      .getByText('Dry run: this is what importing would do. Nothing was stored.')
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel this import' }).click();
    await page.getByText('Cancelled', { exact: true }).waitFor();
  });

  it('reads a file again another way when asked', async () => {
    const file = join(dir, 'plain.csv');
    const lines = readFileSync(referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'), 'utf8').split('\n');
    writeFileSync(file, lines.slice(0, 51).join('\n'));
    const page = await signedIn(officer);
    await upload(page, file);
    await page.getByText('CTDC dataset · Trafficking cases').waitFor();
    const readAs = async (separator: string) => {
      await choose(page, 'Columns separated by', separator);
      await page.getByRole('button', { name: 'Check again' }).click();
    };
    // Read with the wrong separator, every row is one cell: Coral no longer knows the layout.
    await readAs('Commas');
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor({ timeout: 30_000 });
    await readAs('Semicolons');
    await page.getByText('CTDC dataset · Trafficking cases').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Map the columns' }).count()).toBe(0);
  });

  it('exports the listed cases as a file, without identifying details for an analyst', async () => {
    const page = await signedIn(analyst);
    expect(await page.getByRole('link', { name: 'Imports', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('checkbox', { name: 'Include identifying details' }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^coral-thbCase-\d{4}-\d\d-\d\d\.csv$/);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.split('\r\n').filter(Boolean).length).toBe(1 + 1002 + 2);
    expect(text).not.toContain('victim.givenNames');
  });

  it('has no serious or critical accessibility violations on the import pages', async () => {
    const page = await signedIn(officer);
    const serious: string[] = [];
    const scan = async () => {
      const result = await new AxeBuilder({ page }).analyze();
      serious.push(
        ...result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
    };
    await upload(page, referenceFile('ctdc', 'ctdc-global-k-anon-sample.csv'));
    await page.getByRole('heading', { name: /^Problems found/ }).waitFor();
    await scan();
    await page.getByRole('link', { name: '← Imports' }).click();
    await page.getByRole('row').nth(1).waitFor();
    await scan();
    expect(serious).toEqual([]);
  });
});

import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../src/platform/actor.js';
import { seedOrganisation, seedUser, type TestApp, testPassword } from '../../src/testing/test-app.js';
import { choose, serveWebApp } from './browser.js';

describe('case records in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let orgId: string;
  let officer: string;
  let viewer: string;

  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await serveWebApp());
    orgId = await seedOrganisation(t, { name: 'Unit (browser test)', country: 'TT' });
    officer = (await seedUser(t, orgId, 'data-officer')).email;
    viewer = (await seedUser(t, orgId, 'viewer')).email;
  });
  afterAll(async () => {
    await close?.();
  });

  const signedIn = async (email: string): Promise<{ page: Page; newTab: () => Promise<Page> }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    return { page, newTab: () => context.newPage() };
  };

  const createCase = async (page: Page, reference: string, family: string) => {
    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.getByRole('link', { name: 'New' }).click();
    await page.getByRole('textbox', { name: 'Case reference' }).fill(reference);
    await choose(page, 'Case status', 'Active');
    await choose(page, 'Trafficking status', 'Possible victim of trafficking');
    await page.getByRole('textbox', { name: 'Given names' }).fill('Odalys');
    await page.getByRole('textbox', { name: 'Family names' }).fill(family);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Record created.' }).waitFor();
  };

  it('creates a case, finds it by reference and by name, and edits it, keeping a history', async () => {
    const { page } = await signedIn(officer);
    await createCase(page, 'TT-E2E-001', 'Brightmoor');
    expect(await page.getByRole('heading', { name: 'TT-E2E-001' }).isVisible()).toBe(true);
    expect(await page.getByText('Brightmoor').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.getByRole('textbox', { name: 'Search by name' }).fill('BRIGHTMOOR');
    await page.getByRole('button', { name: 'Search references' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'TT-E2E-001' }).click();

    await page.getByRole('link', { name: 'Edit' }).click();
    await choose(page, 'Case status', 'Follow-up');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Case status', exact: true }).isVisible())
      .toBe(true);
  });

  it('meets the conflict when another tab saved first, and merges without losing either change', async () => {
    const { page, newTab } = await signedIn(officer);
    await createCase(page, 'TT-E2E-002', 'Conflictson');
    const url = page.url();
    await page.getByRole('link', { name: 'Edit' }).click();
    const other = await newTab();
    await other.goto(`${url}/edit`);
    await other.getByRole('textbox', { name: 'Case reference' }).fill('TT-E2E-002-B');
    await other.getByRole('button', { name: 'Save' }).click();
    await other.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();

    await choose(page, 'Case status', 'Closed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog', { name: 'Someone else saved this record' }).waitFor();
    await page.getByRole('button', { name: 'Compare' }).click();
    expect(await page.getByRole('cell', { name: 'Case status' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Apply my changes to their version' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    expect(await page.getByRole('heading', { name: 'TT-E2E-002-B' }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'Closed', exact: true }).isVisible()).toBe(true);
  });

  it('shows the standard’s validation inline and saves nothing until it is right', async () => {
    const { page } = await signedIn(officer);
    const before = (
      await t.services.records.list(operatorContext('test'), 'thbCase', orgId, {
        filters: [],
        sort: { by: 'updatedAt', order: 'desc' },
        limit: 200,
      })
    ).length;
    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.getByRole('link', { name: 'New' }).click();
    await choose(page, 'Trafficking status', 'Possible victim of trafficking');
    await page.getByLabel('Exploitation began').fill('2024-05-01');
    await page.getByLabel('Exploitation ended').fill('2024-04-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Exploitation ended: ends before it starts.');
    const after = (
      await t.services.records.list(operatorContext('test'), 'thbCase', orgId, {
        filters: [],
        sort: { by: 'updatedAt', order: 'desc' },
        limit: 200,
      })
    ).length;
    expect(after).toBe(before);
  });

  it('warns before leaving a form with unsaved changes', async () => {
    const { page } = await signedIn(officer);
    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.getByRole('link', { name: 'New' }).click();
    await page.getByRole('textbox', { name: 'Case reference' }).fill('not saved');
    await page.getByRole('link', { name: 'Smuggling incidents' }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.getByRole('textbox', { name: 'Case reference' }).inputValue()).toBe('not saved');
  });

  it('deletes with a reason, undoes it at once, and restores from the deleted records', async () => {
    const { page } = await signedIn(officer);
    await createCase(page, 'TT-E2E-DEL', 'Ashgrove');
    const remove = async () => {
      await page.getByRole('button', { name: 'Delete' }).click();
      await choose(page, 'Reason', 'Entered in error');
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('status').filter({ hasText: 'Record deleted.' }).waitFor();
    };
    await remove();
    expect(await page.getByRole('link', { name: 'TT-E2E-DEL' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: 'Record restored.' }).waitFor();
    expect(await page.getByRole('heading', { name: 'TT-E2E-DEL' }).isVisible()).toBe(true);
    await page.goBack(); // the list, where the notice was: it is not offered twice
    await page.getByRole('link', { name: 'TT-E2E-DEL' }).waitFor();
    expect(await page.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    await page.getByRole('link', { name: 'TT-E2E-DEL' }).click();
    await page.getByRole('heading', { name: 'TT-E2E-DEL' }).waitFor();

    await remove();
    await page
      .getByRole('radiogroup', { name: 'Which records' })
      .getByText('Deleted', { exact: true })
      .click();
    const row = page.locator('tbody tr').filter({ hasText: 'TT-E2E-DEL' });
    await row.waitFor();
    expect(await row.getByText('Entered in error').isVisible()).toBe(true);
    await row.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('status').filter({ hasText: 'Record restored.' }).waitFor();
    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.getByRole('link', { name: 'TT-E2E-DEL' }).waitFor();
  });

  it('speaks Spanish when asked: labels from the standard and the interface alike', async () => {
    const { page } = await signedIn(officer);
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Español' }).click();
    await page.getByRole('link', { name: 'Casos de trata' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Casos de trata' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Referencia del caso' }).isVisible())
      .toBe(true);
  });

  it('hides identifying details from a viewer, and says so', async () => {
    const operator = operatorContext('test');
    const created = await t.services.records.create(operator, 'thbCase', orgId, {
      caseReference: 'TT-E2E-VIEW',
      traffickingStatus: 'PossibleVictimOfTrafficking',
      victim: { givenNames: 'Hidden', familyNames: 'Fromviewers', gender: 'Feminine' },
    });
    const { page } = await signedIn(viewer);
    await page.goto(`${baseUrl}/records/thb-cases/${created.stored.id}`);
    await page.getByRole('heading', { name: 'TT-E2E-VIEW' }).waitFor();
    expect(await page.getByText(/Your role does not show identifying details/).isVisible()).toBe(true);
    expect(await page.content()).not.toContain('Fromviewers');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
  });

  it('has no serious or critical accessibility violations on the list, a record and the form', async () => {
    const { page } = await signedIn(officer);
    const serious: string[] = [];
    const scan = async () => {
      const result = await new AxeBuilder({ page }).analyze();
      serious.push(
        ...result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
    };
    await page.getByRole('link', { name: 'Trafficking cases' }).click();
    await page.locator('tbody tr').first().waitFor();
    await scan();
    await page.locator('tbody tr a').first().click();
    await page.getByRole('tab', { name: 'Details' }).waitFor();
    await scan();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Case reference' }).waitFor();
    await scan();
    expect(serious).toEqual([]);
  });
});

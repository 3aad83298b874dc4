import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../src/platform/actor.js';
import { seedOrganisation, seedUser, type TestApp, testPassword } from '../../src/testing/test-app.js';
import { serveWebApp } from './browser.js';

/** Synthetic victims by year and sex: 2024 has 3 men, a count the dashboard must hide as "<5". */
const victims = [
  { year: 2023, gender: 'Feminine', n: 8 },
  { year: 2023, gender: 'Masculine', n: 6 },
  { year: 2024, gender: 'Feminine', n: 12 },
  { year: 2024, gender: 'Masculine', n: 3 },
  { year: 2025, gender: 'Feminine', n: 9 },
  { year: 2025, gender: 'Masculine', n: 7 },
];

describe('statistics in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let officer: string;
  let caseWorker: string;
  let publishedId: string;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await serveWebApp());
    const ctx = operatorContext('test');
    const orgId = await seedOrganisation(t, { name: 'Unit (statistics test)', country: 'TT' });
    officer = (await seedUser(t, orgId, 'data-officer')).email;
    caseWorker = (await seedUser(t, orgId, 'case-worker')).email;
    let n = 0;
    for (const group of victims) {
      for (let i = 0; i < group.n; i++, n++) {
        await t.services.records.create(ctx, 'thbCase', orgId, {
          caseReference: `ST-${n}`,
          traffickingStatus: 'ActualVictimOfTrafficking',
          identificationDate: `${group.year}-0${(n % 9) + 1}-1${n % 9}`,
          identificationCountry: 'TT',
          formsOfExploitation: n % 2 === 0 ? { ForcedLabour: true } : { SexualExploitation: true },
          victim: { gender: group.gender, citizenships: ['VE'] },
        });
      }
    }
    const draft = await t.services.statistics.createRelease(ctx, orgId, {
      title: 'Victims identified in Trinidad and Tobago',
      spec: {
        tables: [{ measure: 'victims', by: ['year', 'sex'], title: 'Victims by year and sex' }],
        method: 'suppression',
        threshold: 5,
        roundingBase: 1,
        methodNote: 'Synthetic test release; counts under 5 suppressed.',
      },
    });
    publishedId = (await t.services.statistics.publishRelease(ctx, orgId, draft.id)).id;
  });
  afterAll(async () => {
    await close?.();
  });

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    return context.newPage();
  };

  const signedIn = async (email: string): Promise<Page> => {
    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    return page;
  };

  /** The row of a year in the dashboard's year × gender table. */
  const yearRow = (page: Page, year: string) =>
    page
      .getByRole('table', { name: 'Victims of trafficking identified, by year and gender' })
      .getByRole('row', { name: new RegExp(`^${year}`) });

  const seriousViolations = async (page: Page): Promise<string[]> => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${page.url()} ${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  };

  it('shows published statistics without a sign-in: the release, its marked table and chart, and the map', async () => {
    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByRole('link', { name: 'Published statistics (no sign-in needed)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Published statistics' }).waitFor();
    await page.getByRole('link', { name: 'Victims identified in Trinidad and Tobago' }).click();
    await page.getByRole('heading', { name: 'Victims by year and sex' }).waitFor();
    const table = page.getByRole('table', { name: 'Victims by year and sex' });
    // 3 men in 2024: hidden as small, never shown as a figure; the legend says what the marks mean.
    const row2024 = table.getByRole('row', { name: /^2024/ });
    expect(await row2024.getByRole('cell').allTextContents()).toContain('<5');
    expect(await row2024.textContent()).not.toContain('3');
    await page
      .getByText('hidden so that a small count cannot be worked out from the totals.', { exact: true })
      .waitFor();
    await page.getByText('Synthetic test release; counts under 5 suppressed.').waitFor();
    await page
      .getByRole('img', { name: 'Victims by year and sex', exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    await page.getByRole('link', { name: '← Published statistics' }).click();
    // The map of the latest full year, with its table of figures beside it.
    const mapTitle = `Victims of trafficking identified, ${new Date().getFullYear() - 1}`;
    await page.getByRole('img', { name: mapTitle, exact: true }).locator('canvas').first().waitFor();
    const figures = page.getByRole('table', { name: mapTitle });
    await expect
      .poll(() => figures.getByRole('row', { name: /Trinidad/ }).textContent())
      .toContain('Unit (statistics test)');
  });

  it('shows a data officer charts and tables with small counts marked, and exact counts on request', async () => {
    const page = await signedIn(officer);
    await page.getByRole('link', { name: 'Statistics', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Statistics' }).waitFor();
    await page
      .getByRole('img', { name: 'Victims of trafficking identified, by year', exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    await page
      .getByRole('img', { name: 'Victims of trafficking identified, by year and gender', exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    await expect.poll(() => yearRow(page, '2024').getByRole('cell').allTextContents()).toContain('<5');
    expect(await page.getByText('Exact counts: for internal use only').count()).toBe(0);
    await page.getByRole('switch', { name: /Show exact small counts/ }).check();
    await page.getByText('Exact counts: for internal use only').waitFor();
    await expect
      .poll(() => yearRow(page, '2024').getByRole('cell').allTextContents())
      .toEqual(['12', '3', '15']);
    await page.getByRole('heading', { name: /Victims per 100,000 population, 2024/ }).waitFor();
  });

  it('shows a data officer the data-gap assessment of the last five years, with its report', async () => {
    const page = await signedIn(officer);
    await page.getByRole('link', { name: 'Data gaps' }).click();
    await page.getByRole('heading', { level: 3, name: 'Trafficking cases' }).waitFor();
    const year = new Date().getFullYear();
    const period = `${year - 4}–${year}`;
    await page
      .getByRole('img', { name: `Completeness of trafficking cases, ${period}`, exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    // Every case records the gender, and none the age: one breakdown can be produced, one cannot.
    const breakdown = (name: string) =>
      page.getByRole('row', { name: new RegExp(`^SDG 16\\.2\\.2 ${name}`) });
    expect(await breakdown('Victims by sex').getByText('Yes').count()).toBe(1);
    expect(await breakdown('Victims by age').getByText('No').count()).toBe(1);
    const report = await page.getByRole('link', { name: 'Download report (CSV)' }).getAttribute('href');
    expect(report).toBe(`/api/v1/statistics/gaps/report?from=${year - 4}&to=${year}&format=csv&language=en`);
    const status = await page.evaluate(async (href) => (await fetch(href)).status, report ?? '');
    expect(status).toBe(200);
  });

  it('lets a data officer compose, preview and publish a release that then appears on the public page', async () => {
    const page = await signedIn(officer);
    await page.getByRole('link', { name: 'Releases', exact: true }).click();
    await page.getByRole('link', { name: 'New release' }).click();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Victims 2024–2025, second look');
    await page.getByRole('textbox', { name: 'Method note' }).fill('Composed in the browser test.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved. Preview it, then publish when it is right.').waitFor();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Suppression report', { exact: true }).waitFor();
    const preview = page.getByRole('table', {
      name: 'Victims of trafficking identified, by year × gender',
    });
    expect(await preview.getByRole('row', { name: /^2024/ }).getByRole('cell').allTextContents()).toContain(
      '<5',
    );
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish this release?' });
    await dialog.getByText('Publishing cannot be undone.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published. The release is now public.').waitFor();
    expect(await page.getByRole('button', { name: 'Revise (new version)' }).count()).toBe(1);

    const visitor = await newPage();
    await visitor.goto(`${baseUrl}/public/statistics`);
    await visitor.getByRole('link', { name: 'Victims 2024–2025, second look' }).waitFor();
  });

  it('gives a case worker the figures but neither exact counts nor releases to compose', async () => {
    const page = await signedIn(caseWorker);
    expect(await page.getByRole('link', { name: 'Data gaps' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Statistics', exact: true }).click();
    await expect.poll(() => yearRow(page, '2024').getByRole('cell').allTextContents()).toContain('<5');
    expect(await page.getByRole('switch', { name: /Show exact small counts/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Releases', exact: true }).click();
    await page.getByRole('link', { name: 'Victims identified in Trinidad and Tobago' }).waitFor();
    expect(await page.getByRole('link', { name: 'New release' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Victims identified in Trinidad and Tobago' }).click();
    await page.getByRole('heading', { name: 'Victims by year and sex' }).waitFor();
    expect(await page.getByRole('button', { name: 'Revise (new version)' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish…' }).count()).toBe(0);
  });

  it('has no serious or critical accessibility violations on the public page and the dashboard', async () => {
    const visitor = await newPage();
    await visitor.goto(`${baseUrl}/public/statistics/${publishedId}`);
    await visitor
      .getByRole('img', { name: 'Victims by year and sex', exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    const serious = await seriousViolations(visitor);
    await visitor.goto(`${baseUrl}/public/statistics`);
    await visitor.getByRole('link', { name: 'Victims identified in Trinidad and Tobago' }).waitFor();
    await visitor.locator('canvas').first().waitFor();
    serious.push(...(await seriousViolations(visitor)));
    const page = await signedIn(officer);
    await page.getByRole('link', { name: 'Statistics', exact: true }).click();
    await yearRow(page, '2024').waitFor();
    serious.push(...(await seriousViolations(page)));
    expect(serious).toEqual([]);
  });
});

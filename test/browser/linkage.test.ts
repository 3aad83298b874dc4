import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../src/platform/actor.js';
import { recordKinds } from '../../src/standard/record-views.js';
import { seedOrganisation, seedUser, type TestApp, testPassword } from '../../src/testing/test-app.js';
import { serveWebApp } from './browser.js';

/** A synthetic secret for this test only. */
const secret = 'synthetic-linkage-secret-browser-test';
const ttName = 'TT Counter-Trafficking Unit (linkage test)';
const gyName = 'GY Victim Support (linkage test)';
const projectName = 'Caribbean victims (linkage test)';

const consent = (status: string) => ({ purpose: 'RecordLinkage', status, date: '2024-01-10' });

/** One synthetic person, written each country's way; the others are different people. */
const joseph = (givenNames: string, familyNames: string) => ({
  givenNames,
  familyNames,
  birthDate: '1994-03-12',
  gender: 'Masculine',
  citizenships: ['HT'],
});

describe('record linkage in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let close: (() => Promise<void>) | undefined;
  const users = { ttOfficer: '', ttWorker: '', gyWorker: '' };
  let ttJoseph: string;
  let gyJoseph: string;

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await serveWebApp());
    const ctx = operatorContext('test');
    const tt = await seedOrganisation(t, { name: ttName, country: 'TT' });
    const gy = await seedOrganisation(t, { name: gyName, country: 'GY' });
    const addCase = async (orgId: string, reference: string, victim: object, consents: unknown[]) =>
      (
        await t.services.records.create(ctx, 'thbCase', orgId, {
          caseReference: reference,
          traffickingStatus: 'ActualVictimOfTrafficking',
          identificationDate: '2024-01-05',
          victim,
          consents,
        })
      ).stored.id;
    ttJoseph = await addCase(tt, 'LT-TT-1', joseph('Joseph Pierre', 'Jean-Baptiste'), [consent('Given')]);
    await addCase(
      tt,
      'LT-TT-2',
      { givenNames: 'Anneliese', familyNames: 'van der Berg', birthDate: '1979-02-01', gender: 'Feminine' },
      [consent('Given')],
    );
    await addCase(tt, 'LT-TT-3', { givenNames: 'Rosa', familyNames: 'Lind', gender: 'Feminine' }, []);
    gyJoseph = await addCase(gy, 'LT-GY-1', joseph('Jozèf Pyè', 'Jan Batis'), [consent('Given')]);
    await addCase(
      gy,
      'LT-GY-2',
      { givenNames: 'Devon', familyNames: 'Persaud', birthDate: '2001-11-30', gender: 'Masculine' },
      [consent('Given')],
    );
    await addCase(gy, 'LT-GY-3', { givenNames: 'Shanice', familyNames: 'Boodram' }, [consent('Refused')]);
    const created = await t.services.linkage.create(ctx, tt, {
      name: projectName,
      kind: 'thbCase',
      threshold: 0.8,
      partners: [gy],
    });
    const id = created.project.id;
    await t.services.linkage.respond(ctx, gy, id, true);
    await t.services.linkage.generate(ctx, tt, id, { secret });
    await t.services.linkage.generate(ctx, gy, id, { secret });
    await t.services.linkage.match(ctx, tt, id);
    users.ttOfficer = (await seedUser(t, tt, 'data-officer')).email;
    users.ttWorker = (await seedUser(t, tt, 'case-worker')).email;
    users.gyWorker = (await seedUser(t, gy, 'case-worker')).email;
  });
  afterAll(async () => {
    await close?.();
  });

  const signedIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    return page;
  };

  /** Signs in, opens Record linkage and the test's project. */
  const openProject = async (email: string): Promise<Page> => {
    const page = await signedIn(email);
    await page.getByRole('link', { name: 'Record linkage' }).click();
    await page.getByRole('link', { name: projectName }).click();
    await page.getByRole('heading', { level: 2, name: projectName }).waitFor();
    return page;
  };

  const seriousViolations = async (page: Page): Promise<string[]> => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${page.url()} ${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  };

  it('lets a data officer set up a project inviting an organisation of another country', async () => {
    const page = await signedIn(users.ttOfficer);
    await page.getByRole('link', { name: 'Record linkage' }).click();
    await page.getByRole('heading', { level: 2, name: 'Record linkage' }).waitFor();
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Second look (linkage test)');
    expect(await page.getByRole('textbox', { name: 'Matching threshold' }).inputValue()).toBe('0.8');
    await page.getByRole('checkbox', { name: gyName }).check();
    await page.getByRole('button', { name: 'Set up project' }).click();
    await page.getByText('Project “Second look (linkage test)” set up').waitFor();
    const row = page.getByRole('row', { name: /Second look \(linkage test\)/ });
    await expect.poll(() => row.textContent()).toContain(`${gyName} (GY): invited`);
    expect(await row.textContent()).toContain(`${ttName} (TT): accepted`);
  });

  it('checks an encodings file before and after sending it, and passes axe on the project page and a review', async () => {
    const page = await openProject(users.ttOfficer);
    await page.getByRole('link', { name: 'Review match 1' }).waitFor();
    const file = page.locator('input[type="file"]');
    const jsonl = (text: string) => ({
      name: 'encodings.jsonl',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await file.setInputFiles(jsonl('{"id":"x","clk":"AAAA"}\nnot json\n'));
    await page.getByText('Line 2: not valid JSON').waitFor();
    await file.setInputFiles(jsonl('{"id":"00000000-0000-4000-8000-000000000000","clk":"AAAA"}\n'));
    await page.getByRole('textbox', { name: 'Secret fingerprint' }).fill('A'.repeat(43));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText(/^Line 1: The encoding is not \d+ bytes/).waitFor();
    const serious = await seriousViolations(page);
    await page.getByRole('link', { name: 'Review match 1' }).click();
    await page.getByRole('button', { name: 'Confirm' }).waitFor();
    await page.getByText('Joseph Pierre').waitFor();
    serious.push(...(await seriousViolations(page)));
    expect(serious).toEqual([]);
  });

  it('has case workers of both countries confirm the match, which then links the records', async () => {
    const tt = await openProject(users.ttWorker);
    await tt.getByRole('link', { name: 'Review match 1' }).click();
    const own = tt.getByRole('region', { name: 'Your record' });
    await own.getByText('Joseph Pierre').waitFor();
    expect(await own.textContent()).toContain('Jean-Baptiste');
    const others = tt.getByRole('region', { name: 'Other parties' });
    expect(await others.textContent()).toContain(gyName);
    expect(await tt.content()).not.toContain(gyJoseph);
    await tt.getByRole('textbox', { name: 'Note (optional)' }).fill('Birth date and citizenship agree');
    await tt.getByRole('button', { name: 'Confirm' }).click();
    await tt.getByText('Your decision is saved.', { exact: false }).waitFor();

    const gy = await openProject(users.gyWorker);
    await gy.getByRole('link', { name: 'Review match 1' }).click();
    await gy.getByRole('region', { name: 'Your record' }).getByText('Jozèf Pyè').waitFor();
    expect(await gy.content()).not.toContain(ttJoseph);
    await gy.getByRole('button', { name: 'Confirm' }).click();
    await gy.getByText('Every party confirmed', { exact: false }).waitFor();
    expect(await gy.getByText('Linked', { exact: true }).count()).toBeGreaterThan(0);

    await tt.goto(`${baseUrl}/records/${recordKinds.thbCase.segment}/${ttJoseph}`);
    const links = tt.getByRole('region', { name: 'Linked in other countries' });
    await links.waitFor();
    expect(await links.textContent()).toContain(gyName);
  });
});

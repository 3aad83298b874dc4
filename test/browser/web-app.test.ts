import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTotp } from '../../src/crypto/totp.js';
import {
  enrolTotp,
  login,
  seedOrganisation,
  seedUser,
  type TestApp,
  testPassword,
} from '../../src/testing/test-app.js';
import { serveWebApp } from './browser.js';

describe('web app in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let orgA: string;
  let orgB: string;

  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await serveWebApp());
    orgA = await seedOrganisation(t, { name: 'Counter-Trafficking Unit (test)', country: 'TT' });
    orgB = await seedOrganisation(t, { name: 'Shelter (test)', country: 'JM' });
  });
  afterAll(async () => {
    await close?.();
  });

  const newPage = async (viewport = { width: 1280, height: 800 }): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    return context.newPage();
  };

  const signIn = async (page: Page, email: string, password = testPassword) => {
    await page.goto(baseUrl);
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('signs in, shows the shell for the organisation, and signs out', async () => {
    const { email } = await seedUser(t, orgA, 'data-officer');
    const page = await newPage();
    await signIn(page, email);
    await expect
      .poll(() => page.getByRole('heading', { name: /Welcome, Test data-officer/ }).isVisible())
      .toBe(true);
    expect(await page.getByText('Counter-Trafficking Unit (test)').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
  });

  it('says plainly when the password is wrong', async () => {
    const { email } = await seedUser(t, orgA, 'viewer');
    const page = await newPage();
    await signIn(page, email, 'not the right password');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The e-mail address or password is not correct.');
  });

  it('asks for the authenticator code when two-factor authentication is on', async () => {
    const { email } = await seedUser(t, orgA, 'case-worker');
    const secret = await enrolTotp(t, await login(t, email));
    const page = await newPage();
    await signIn(page, email);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Two-factor authentication' }).isVisible())
      .toBe(true);
    await page.getByRole('textbox', { name: 'Code' }).fill(await createTotp().codeAt(secret, t.clock.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Welcome/ }).isVisible()).toBe(true);
  });

  it('lets an administrator set up two-factor authentication from the prompt', async () => {
    const { email } = await seedUser(t, orgA, 'admin');
    const page = await newPage();
    await signIn(page, email);
    await page.getByRole('link', { name: 'Set up now' }).click();
    await page.getByRole('textbox', { name: 'Your password' }).fill(testPassword);
    await page.getByRole('button', { name: 'Start set-up' }).click();
    const key = (await page.locator('code').textContent())?.replace(/\s/g, '') ?? '';
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByAltText('QR code for your authenticator app').isVisible()).toBe(true);
    await page
      .getByRole('textbox', { name: '6-digit code' })
      .fill(await createTotp().codeAt(key, t.clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Two-factor authentication is now on.');
    t.clock.advance({ seconds: 30 });
  });

  it('switches language, and remembers the choice after a reload', async () => {
    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Español' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Iniciar sesión' }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Correo electrónico' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });

  it('switches the organisation a member of two acts for', async () => {
    const { email } = await seedUser(t, orgA, 'analyst');
    await t.services.users.addMember(
      { actor: { kind: 'operator', name: 'test' }, origin: { requestId: null, clientAddress: null } },
      { orgId: orgB, email, displayName: 'x', preferredLanguage: 'en', role: 'case-worker' },
    );
    const page = await newPage();
    await signIn(page, email);
    await expect.poll(() => page.getByText(/as analyst/).isVisible()).toBe(true);
    await page.getByRole('combobox', { name: 'Act for organisation' }).click();
    await page.getByRole('option', { name: 'Shelter (test)' }).click();
    await expect.poll(() => page.getByText(/Shelter \(test\) as case worker/).isVisible()).toBe(true);
  });

  it('is usable on a phone: navigation behind a menu button', async () => {
    const { email } = await seedUser(t, orgA, 'viewer');
    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, email);
    await expect.poll(() => page.getByRole('button', { name: 'Open navigation' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Security' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Two-factor authentication' }).isVisible())
      .toBe(true);
  });

  it('has no serious or critical accessibility violations on the sign-in page and the shell', async () => {
    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByRole('textbox', { name: 'E-mail address' }).waitFor();
    const signInScan = await new AxeBuilder({ page }).analyze();
    const { email } = await seedUser(t, orgA, 'investigator');
    await signIn(page, email);
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const shellScan = await new AxeBuilder({ page }).analyze();
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Start set-up' }).waitFor();
    const securityScan = await new AxeBuilder({ page }).analyze();
    const serious = [...signInScan.violations, ...shellScan.violations, ...securityScan.violations]
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });

  it('serves the app for deep links and keeps API 404s as JSON', async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/security`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole('textbox', { name: 'E-mail address' }).isVisible()).toBe(true);
    const api = await fetch(`${baseUrl}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('does not expose the password in the page after sign-in', async () => {
    const { email } = await seedUser(t, orgA, 'viewer');
    const page = await newPage();
    await signIn(page, email);
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    expect(await page.content()).not.toContain(testPassword);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { packageRoot } from '../../src/platform/paths.js';
import { testStorages } from '../../src/testing/storages.js';
import { createTestApp, type TestApp } from '../../src/testing/test-app.js';

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium the way this machine allows: no sandbox (root), no GPU, and no background
 * networking (the machine's network is closed and Chromium would keep trying).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Browser tests need Chromium at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Builds the web app into a fresh folder exactly as `npm run build:web` does: in its own process with
 * NODE_ENV=production (the test runner's NODE_ENV=test would produce a development bundle).
 */
export function buildWebApp(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'coral-web-'));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: packageRoot(),
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return outDir;
}

/**
 * A freshly built web app served by a test Coral on PGlite at a free port, and a Chromium to drive it.
 * `close` stops both.
 */
export async function serveWebApp(): Promise<{
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const webRoot = buildWebApp();
  const [pglite] = testStorages();
  if (!pglite) throw new Error('no storage');
  const t = await createTestApp(await pglite.open(), {}, { webRoot });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const browser = await launchChromium();
  return {
    t,
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * Picks an option of a labelled select. A form may re-render once its data arrives, closing a list
 * opened just before: then the list is opened again (three tries).
 */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    try {
      await page.getByRole('option', { name: option, exact: true }).click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

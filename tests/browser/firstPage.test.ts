// The first page in a real Chromium (Debian's, software WebGL): the globe loads offline, the camera
// flies to the city, every grid boundary the API returns is drawn, the header is in Chinese.
// Runs against a platform started on a free port (tests/helpers/platform.ts) with the built client,
// or against an already running one given as WENDU_BASE_URL.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, distinctColours, launchChromium, watchPage } from '../helpers/browser';
import { type Platform, startPlatform } from '../helpers/platform';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  const external = process.env.WENDU_BASE_URL;
  // WENDU_BASE_URL runs against a platform already running; WENDU_LOGIN=user:password signs in there.
  const [username = '', password = ''] = (process.env.WENDU_LOGIN ?? '').split(':');
  platform = external
    ? {
        baseUrl: external.replace(/\/$/, ''),
        users: new Map([['leader', { username, password, role: 'leader', displayName: '', scope: '' }]]),
        restart: () => Promise.reject(new Error('an external platform is not restarted here')),
        stop: async () => {},
      }
    : await startPlatform();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('first page', () => {
  it('shows the globe offline, flies to the city and draws every grid boundary, in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const watch = watchPage(page, {
      // The wrong password below is answered 401 on purpose; Chromium logs that response as an error.
      expectedError: (message) => message.location().url.endsWith('/api/auth/login') && message.text().includes('401'),
    });

    // Nobody is signed in: the twin's page asks, in Chinese. A city leader signs in there and stays on
    // the twin (signing in at the root would take them to their own page, /leader).
    await page.goto(`${platform.baseUrl}/twin`);
    await page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 30_000 });
    const kiosk = platform.users.get('leader')!;
    await page.getByLabel('用户名').fill(kiosk.username);
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('用户名或密码错误。').waitFor({ timeout: 10_000 });
    await page.getByLabel('密码').fill(kiosk.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForFunction(
      () => document.body.dataset.twinReady === 'true' || document.body.dataset.twinError !== undefined,
      null,
      {
        timeout: 90_000,
      },
    );
    const status = await page.evaluate(() => ({ ...document.body.dataset }));
    expect(status.twinError).toBeUndefined();

    const grids = (await (await page.request.get(`${platform.baseUrl}/api/layers/grids`)).json()) as {
      features: unknown[];
    };
    expect(grids.features.length).toBeGreaterThan(0);
    expect(Number(status.gridFeatures)).toBe(grids.features.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = await page.screenshot({ path: `${ARTIFACTS}/first-page.png` });
    expect(await distinctColours(page, screenshot)).toBeGreaterThan(100);

    expect(await page.locator('h1').textContent()).toBe('文都e家 · 数字孪生');
    expect(await page.locator('.figures').textContent()).toMatch(/网格.*结案率/);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Wendu e-Home · Digital Twin');

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 120_000);
});

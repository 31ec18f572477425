// The twin in a real Chromium (Debian's, software WebGL), one page load for two stories (the twin's
// first load is the slow part on two cores): the globe loads offline, the camera flies to the city,
// every grid boundary the API returns is drawn, the header is in Chinese; then the 3D city: the
// tileset loads from /api/tiles; the preset view of a new compound draws a scene unlike the overview,
// kept as a picture in tests/artifacts/views/; clicking a building from there opens its card with the
// address the API has for it. No console errors, nothing fetched from off the machine; the
// screenshots are kept.
// Runs against a platform started on a free port (tests/helpers/platform.ts) with the built client,
// or against an already running one given as WENDU_BASE_URL.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  distinctColours,
  greyThumbnail,
  KEEP_ALIVE_RETRY,
  launchChromium,
  watchPage,
} from '../helpers/browser';
import { type Platform, startPlatform } from '../helpers/platform';
import { flyToPreset, readPresets } from '../helpers/presetViews';

const viewport = { width: 1280, height: 720 };

const data = (page: Page) => page.evaluate(() => ({ ...document.body.dataset }));

// The scene, clear of the header, the menu and the legend.
const sceneClip = {
  x: 0.2 * viewport.width,
  y: 0.2 * viewport.height,
  width: 0.75 * viewport.width,
  height: 0.75 * viewport.height,
};

/**
 * The preset views: the API offers the five; the flight to a new compound (where the test goes on to
 * click) draws a scene unlike the overview it left. A picture of it goes to tests/artifacts/views/;
 * `npm run pictures` takes all five for the README (one flight here, since each costs tens of seconds of
 * software WebGL, and more when the suite's other browser tests hold the cores).
 */
async function presetView(page: Page, overview: number[]): Promise<void> {
  const presets = await readPresets(page, platform.baseUrl);
  expect(presets.map((v) => v.key)).toEqual(['county', 'old-town', 'new-compound', 'village', 'river']);
  mkdirSync(`${ARTIFACTS}/views`, { recursive: true });
  await flyToPreset(page, presets.find((p) => p.key === 'new-compound')!);
  await page.screenshot({ path: `${ARTIFACTS}/views/new-compound.jpg`, type: 'jpeg', quality: 80 });
  const scene = await page.screenshot({ clip: sceneClip });
  expect(await distinctColours(page, scene)).toBeGreaterThan(40);
  const grey = await greyThumbnail(page, scene);
  const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
  const spread = Math.sqrt(grey.reduce((a, b) => a + (b - mean) ** 2, 0) / grey.length);
  expect(spread, 'a blank frame').toBeGreaterThan(6);
  const diff = grey.reduce((sum, g, k) => sum + Math.abs(g - overview[k]!), 0) / grey.length;
  expect(diff, 'the new compound against the overview').toBeGreaterThan(4);
}

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
  it('shows the globe offline, flies to the city and draws every grid boundary, in Chinese; a click on a building shows its card', async () => {
    const page = await browser.newPage({ viewport });
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

    const grids = (await (await page.request.get(`${platform.baseUrl}/api/layers/grids`, KEEP_ALIVE_RETRY)).json()) as {
      features: unknown[];
    };
    expect(grids.features.length).toBeGreaterThan(0);
    expect(Number(status.gridFeatures)).toBe(grids.features.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = await page.screenshot({ path: `${ARTIFACTS}/first-page.png` });
    const overview = await greyThumbnail(page, await page.screenshot({ clip: sceneClip }));
    expect(await distinctColours(page, screenshot)).toBeGreaterThan(100);

    expect(await page.locator('h1').textContent()).toBe('文都e家 · 数字孪生');
    expect(await page.locator('.figures').textContent()).toMatch(/网格.*结案率/);

    // The 3D city: the buildings' tiles, closer in, a building's card.
    await page.waitForFunction(() => document.body.dataset.buildingsReady === 'true', null, { timeout: 90_000 });
    const first = await data(page);
    expect(first.buildingsError).toBeUndefined();
    expect(Number(first.buildingTiles)).toBeGreaterThan(0);

    const tileset = (await (
      await page.request.get(`${platform.baseUrl}/api/tiles/tileset.json`, KEEP_ALIVE_RETRY)
    ).json()) as {
      extras: { buildings: number };
    };
    expect(tileset.extras.buildings).toBeGreaterThan(1000);

    // A preset view, drawn and unlike the overview; a closer view brings finer tiles in. It is the new
    // compound: its tallest home is in the middle of the screen.
    await presetView(page, overview);
    expect(Number((await data(page)).buildingTiles)).toBeGreaterThan(Number(first.buildingTiles));

    // Click from the screen's centre outwards until a click lands on a building.
    let picked: string | undefined;
    for (const [x, y] of spiral(viewport.width / 2, viewport.height / 2, 28, 120)) {
      const picks = Number((await data(page)).buildingPicks);
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => Number(document.body.dataset.buildingPicks) > n, picks, { timeout: 30_000 });
      picked = (await data(page)).buildingSelected;
      if (picked) break;
    }
    expect(picked).toMatch(/^B\d+$/);
    const card = (await (
      await page.request.get(`${platform.baseUrl}/api/buildings/${picked}`, KEEP_ALIVE_RETRY)
    ).json()) as {
      address: string;
      gridName: string;
    };
    const panel = page.getByRole('complementary', { name: '建筑信息' });
    await panel.getByText(card.address, { exact: true }).waitFor({ timeout: 30_000 });
    await panel.getByText(card.gridName, { exact: true }).waitFor();
    expect(await panel.textContent()).toMatch(/层数.*住户.*居住人口/);

    await page.screenshot({ path: `${ARTIFACTS}/city-buildings.png` });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Wendu e-Home · Digital Twin');

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 420_000);
});

/** Points on a square spiral around (cx, cy), `step` pixels apart, at most `count`. */
function* spiral(cx: number, cy: number, step: number, count: number): Generator<[number, number]> {
  let [x, y, dx, dy, run, made] = [0, 0, 1, 0, 1, 0];
  while (made < count) {
    for (let twice = 0; twice < 2; twice++) {
      for (let i = 0; i < run && made < count; i++, made++) {
        yield [cx + x * step, cy + y * step];
        x += dx;
        y += dy;
      }
      [dx, dy] = [-dy, dx];
    }
    run++;
  }
}

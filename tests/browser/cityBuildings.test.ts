// The 3D city in a real Chromium (software WebGL): the tileset loads from /api/tiles, zooming in with
// the wheel brings the streets in, and clicking a building opens its card with the address the API
// has for it. No console errors, nothing fetched from off the machine; the screenshot is kept.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, platformAndBrowser, watchPage } from '../helpers/browser';

const viewport = { width: 1280, height: 720 };

const env = platformAndBrowser();

const data = (page: Page) => page.evaluate(() => ({ ...document.body.dataset }));

/** Waits until every tile the current view needs has loaded again (after a camera move). */
async function settledAfter(page: Page, before: number) {
  await page.waitForFunction((n) => Number(document.body.dataset.buildingsSettled) > n, before, { timeout: 60_000 });
}

describe('the 3D city', () => {
  it('loads the tileset, and a click on a building shows its card', async () => {
    const page = await env.browser.newPage({ viewport });
    const watch = watchPage(page);

    // a city leader opens the twin at its own path (the leader's home is /leader)
    const kiosk = env.platform.users.get('leader')!;
    expect(
      (
        await page.request.post(`${env.platform.baseUrl}/api/auth/login`, {
          data: { username: kiosk.username, password: kiosk.password },
        })
      ).ok(),
    ).toBe(true);
    await page.goto(`${env.platform.baseUrl}/twin`);
    await page.waitForFunction(
      () => document.body.dataset.twinReady === 'true' && document.body.dataset.buildingsReady === 'true',
      null,
      { timeout: 90_000 },
    );
    const first = await data(page);
    expect(first.buildingsError).toBeUndefined();
    expect(Number(first.buildingTiles)).toBeGreaterThan(0);

    // Zoom towards the urban core (the page opens on the whole county; the towns are in its upper middle).
    const tileset = (await (await page.request.get(`${env.platform.baseUrl}/api/tiles/tileset.json`)).json()) as {
      extras: { buildings: number };
    };
    expect(tileset.extras.buildings).toBeGreaterThan(1000);
    // The overview frames the county with the urban core just above the middle of the screen.
    const core = { x: Math.round(viewport.width * 0.53), y: Math.round(viewport.height * 0.38) };
    const settled = Number((await data(page)).buildingsSettled);
    await page.mouse.move(core.x, core.y);
    for (let i = 0; i < 7; i++) {
      await page.mouse.wheel(0, -400);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    }
    // Tilt towards the horizon (middle-button drag), as one looks at a city.
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(viewport.width / 2, viewport.height / 2 - 50, { steps: 5 });
    await page.mouse.up({ button: 'middle' });
    await settledAfter(page, settled);
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
    const card = (await (await page.request.get(`${env.platform.baseUrl}/api/buildings/${picked}`)).json()) as {
      address: string;
      gridName: string;
    };
    const panel = page.getByRole('complementary', { name: '建筑信息' });
    await panel.getByText(card.address, { exact: true }).waitFor({ timeout: 30_000 });
    await panel.getByText(card.gridName, { exact: true }).waitFor();
    expect(await panel.textContent()).toMatch(/层数.*住户.*居住人口/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/city-buildings.png` });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 240_000);
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

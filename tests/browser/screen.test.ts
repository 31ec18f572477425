// The big screen in a real Chromium (Debian's, software WebGL): /screen draws the city with every
// layer and its panels in Chinese, offline and without console errors; a layer switch hides and shows
// its layer; clicking a known component opens its details with its code. The ground under the city (land
// use, water and roads as the server's imagery tiles, on the terrain made from its elevation model) is loaded. The screenshot is kept in
// tests/artifacts/screen.png to be looked at. Left alone, it reconnects its live stream by itself when
// the server goes away and comes back, and shows what arrives afterwards.
import { mkdirSync } from 'node:fs';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { telemetryTopic } from '../../server/domain/telemetry';
import { ARTIFACTS, distinctColours, KEEP_ALIVE_RETRY, platformAndBrowser, watchPage } from '../helpers/browser';

type Point = { id: string; code?: string; lon: number; lat: number };

const env = platformAndBrowser();

async function features(page: Page, layer: string): Promise<Point[]> {
  const body = (await (
    await page.request.get(`${env.platform.baseUrl}/api/layers/${layer}`, KEEP_ALIVE_RETRY)
  ).json()) as {
    features: { properties: { id: string; code?: string }; geometry: { coordinates: [number, number] } }[];
  };
  return body.features.map((f) => ({
    id: f.properties.id,
    code: f.properties.code,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
}

/** The component farthest from anything else that is drawn as a point or icon (so a click hits it alone). */
function loneComponent(components: Point[], others: Point[]): Point {
  const all = [...components, ...others];
  let best = components[0]!;
  let bestM = -1;
  for (const c of components) {
    let nearest = Infinity;
    for (const o of all) {
      if (o === c) continue;
      const dx = (o.lon - c.lon) * 95_000;
      const dy = (o.lat - c.lat) * 111_320;
      nearest = Math.min(nearest, dx * dx + dy * dy);
    }
    if (nearest > bestM) [best, bestM] = [c, nearest];
  }
  return best;
}

const twinSettled = (page: Page) =>
  page.waitForFunction(
    () => document.body.dataset.twinReady === 'true' || document.body.dataset.twinError !== undefined,
    null,
    { timeout: 120_000 },
  );

describe('the big screen', () => {
  it('shows the city offline in Chinese, toggles a layer, and opens a clicked component’s details', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const watch = watchPage(page);
    const kiosk = env.platform.users.get('screen')!;
    expect(
      (
        await page.request.post(`${env.platform.baseUrl}/api/auth/login`, {
          data: { username: kiosk.username, password: kiosk.password },
        })
      ).status(),
    ).toBe(200);

    // The ground under it (issue 14): the server's imagery tiles, and the elevation model the terrain is
    // made from, every one answered.
    const ground = { imagery: 0, elevation: 0, failed: [] as string[] };
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (!/^\/api\/(ground\/|layers\/elevation)/.test(path)) return;
      if (r.status() >= 400) ground.failed.push(`${r.status()} ${path}`);
      else if (path.endsWith('.webp')) ground.imagery++;
      else if (path.endsWith('/elevation')) ground.elevation++;
    });

    // The whole city, as the wall shows it.
    await page.goto(`${env.platform.baseUrl}/screen?tour=0`);
    await twinSettled(page);
    expect(ground.failed).toEqual([]);
    expect(ground.imagery).toBeGreaterThan(0);
    expect(ground.elevation).toBe(1);
    const status = await page.evaluate(() => ({ ...document.body.dataset }));
    expect(status.twinError).toBeUndefined();
    const components = await features(page, 'components');
    expect(Number(status.layerComponents)).toBe(components.length);
    expect(Number(status.layerCameras)).toBeGreaterThan(0);
    await page.getByRole('heading', { name: '城市概况' }).waitFor();
    await page.locator('.kpi-card dd').first().waitFor();
    await page.locator('.ranking tbody tr').first().waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = await page.screenshot({ path: `${ARTIFACTS}/screen.png` });
    expect(await distinctColours(page, screenshot)).toBeGreaterThan(100);
    expect(await page.locator('.screen-subtitle').textContent()).toMatch(/桐城市.*指挥中心/);

    // Layer switches hide and show their layer.
    const toggle = page.locator('button.layer-toggle[data-layer="components"]');
    await toggle.click();
    await page.waitForFunction(() => document.body.dataset.layerComponentsShown === 'false');
    await toggle.click();
    await page.waitForFunction(() => document.body.dataset.layerComponentsShown === 'true');

    // Straight down onto a lone component (a shared link's view), grid outlines off, click the centre.
    const others = [
      ...(await features(page, 'cameras')),
      ...(await features(page, 'sensors')),
      ...(await features(page, 'patrol-points')),
    ];
    const target = loneComponent(components, others);
    await page.goto(`${env.platform.baseUrl}/screen?tour=0&view=${target.lon},${target.lat},350,0,-90`);
    await twinSettled(page);
    await page.locator('button.layer-toggle[data-layer="grids"]').click();
    await page.locator('button.layer-toggle[data-layer="events"]').click();
    await page.mouse.click(640, 360);
    const panel = page.locator('.info-panel');
    await panel.waitFor({ timeout: 20_000 });
    expect(await panel.getAttribute('data-selection')).toBe(`component:${target.id}`);
    expect(await panel.locator('.info-code').textContent()).toBe(target.code);
    expect(await panel.textContent()).toMatch(/城市部件.*编码.*大类.*状态/);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`component:${target.id}`);

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 240_000);

  it('reconnects its live stream by itself after the server restarts, and shows an alarm raised afterwards', async () => {
    const page = await env.browser.newPage({ viewport: { width: 960, height: 540 } });
    // the console reports the refused reconnects while the server is away: only the requests are checked
    const watch = watchPage(page);
    const kiosk = env.platform.users.get('screen')!;
    expect(
      (
        await page.request.post(`${env.platform.baseUrl}/api/auth/login`, {
          data: { username: kiosk.username, password: kiosk.password },
        })
      ).status(),
    ).toBe(200);
    await page.goto(`${env.platform.baseUrl}/screen?tour=0`);
    const lightIs = (state: 'on' | 'off') =>
      page.waitForFunction(
        (s) => document.querySelector('.ticker-card .live-light')?.classList.contains(s) === true,
        state,
        { timeout: 120_000 },
      );
    await lightIs('on');
    // record every state the light shows from now on
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { liveLightLog: string[] }).liveLightLog = log;
      const card = document.querySelector('.ticker-card')!;
      new MutationObserver(() => log.push(card.querySelector('.live-light')?.className ?? '')).observe(card, {
        subtree: true,
        attributes: true,
        attributeFilter: ['class'],
      });
    });

    await env.platform.restart();
    // the light went out when the server went away, and came back on by itself
    await page.waitForFunction(
      () => (window as unknown as { liveLightLog: string[] }).liveLightLog.includes('live-light off'),
      null,
      { timeout: 30_000 },
    );
    await lightIs('on');
    expect(await page.locator('.ticker-card .live-light').textContent()).toBe('实时');

    // a manhole's cover lifted after the restart reaches the ticker
    const [deviceId, password] = Object.entries(env.platform.mqtt!.devices).find(([id]) => id.startsWith('MH'))!;
    const client = await mqtt.connectAsync(env.platform.mqtt!.brokerUrl, {
      username: deviceId,
      password,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    const reading = {
      ts: Date.now(),
      batteryPct: 80,
      signalDbm: -75,
      waterLevelM: 0.3,
      coverTiltDeg: 25,
      coverOpen: true,
      ch4Lel: 1,
      h2sPpm: 0.5,
    };
    await client.publishAsync(telemetryTopic(deviceId), JSON.stringify(reading), { qos: 1 });
    await client.endAsync();
    const alarm = page.locator(`.ticker-item.alarm`, { hasText: deviceId });
    await alarm.first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/screen-reconnected.png` });
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 240_000);
});

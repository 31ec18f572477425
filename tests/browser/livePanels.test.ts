// A smart manhole's live panel in a real Chromium (software WebGL): a shared link opens the sensor's
// details with the cutaway drawn; a telemetry message published as the device (MQTT, its own account)
// changes the panel's values and redraws the cutaway in place; the alarm it raises opens from the
// panel and is acknowledged there; the event it raised opens from the ticker. No console errors,
// nothing fetched from off the machine.
// Screenshots are kept in tests/artifacts/.
import { mkdirSync } from 'node:fs';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { telemetryTopic } from '../../server/domain/telemetry';
import { ARTIFACTS, KEEP_ALIVE_RETRY, platformAndBrowser, watchPage } from '../helpers/browser';

const env = platformAndBrowser();

async function publishAs(deviceId: string, reading: Record<string, number | boolean>) {
  const { brokerUrl, devices } = env.platform.mqtt!;
  const client = await mqtt.connectAsync(brokerUrl, {
    username: deviceId,
    password: devices[deviceId],
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  const payload = {
    ts: Date.now(),
    batteryPct: 80,
    signalDbm: -75,
    waterLevelM: 0.3,
    coverTiltDeg: 0.5,
    coverOpen: false,
    ch4Lel: 1,
    h2sPpm: 0.5,
    ...reading,
  };
  await client.publishAsync(telemetryTopic(deviceId), JSON.stringify(payload), { qos: 1 });
  await client.endAsync();
}

describe('live sensor and alarm panels', () => {
  it('follow a published reading: values, cutaway, the alarm raised and acknowledged', async () => {
    expect(env.platform.mqtt?.brokerUrl).toBeTruthy();
    const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const watch = watchPage(page);
    const centre = env.platform.users.get('centre')!;
    expect(
      (
        await page.request.post(`${env.platform.baseUrl}/api/auth/login`, {
          data: { username: centre.username, password: centre.password },
        })
      ).status(),
    ).toBe(200);
    const sensors = (await (
      await page.request.get(`${env.platform.baseUrl}/api/layers/sensors`, KEEP_ALIVE_RETRY)
    ).json()) as {
      features: { properties: { id: string; kind: string } }[];
    };
    const id = sensors.features.find((f) => f.properties.kind === 'manhole')!.properties.id;

    // A calm reading first, so the panel opens on known values.
    await publishAs(id, { waterLevelM: 0.4 });
    await page.goto(`${env.platform.baseUrl}/screen?tour=0&sel=sensor:${id}`);
    const panel = page.locator(`.sensor-panel[data-sensor-id="${id}"]`);
    await panel.waitFor({ timeout: 120_000 });
    const cutaway = page.locator('.manhole-cutaway[data-cutaway-ready="true"]');
    await cutaway.waitFor({ timeout: 60_000 });
    const water = panel.locator('tr[data-metric="waterLevelM"]');
    expect(await water.getAttribute('data-value')).toBe('0.4');
    expect(await cutaway.getAttribute('data-cover')).toBe('closed');
    const framesBefore = Number(await cutaway.getAttribute('data-cutaway-frames'));
    expect(await page.locator('.info-panel').textContent()).toMatch(/智慧窨井.*实时读数.*井内水位.*近24小时/);

    // The device reports water over the alarm level, its cover off and methane: the same panel follows.
    await publishAs(id, { waterLevelM: 2.6, coverOpen: true, ch4Lel: 30 });
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-value') === '2.6',
      `.sensor-panel tr[data-metric="waterLevelM"]`,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () => {
        const f = document.querySelector<HTMLElement>('.manhole-cutaway');
        return f?.dataset.cover === 'open' && f.dataset.waterM === '2.6' && Number(f.dataset.gasOpacity) > 0;
      },
      null,
      { timeout: 30_000 },
    );
    await page.waitForFunction(
      (n) => Number(document.querySelector<HTMLElement>('.manhole-cutaway')?.dataset.cutawayFrames) > n,
      framesBefore,
      { timeout: 30_000 },
    );
    expect(await water.getAttribute('class')).toContain('level-alarm');
    expect(await page.locator('.cutaway-label').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/水位 2\.6 米/), '井盖开启']),
    );
    // Still the panel the link opened (updated in place, not re-created).
    expect(await page.locator('.sensor-panel').count()).toBe(1);
    await page.locator('.sensor-alarms .alarm-link').first().waitFor({ timeout: 30_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/live-sensor-panel.png` });

    // Its water alarm, from the panel's list: the alarm panel, acknowledged by the centre seat.
    await page.locator('.sensor-alarms .alarm-link', { hasText: '井内水位过高' }).click();
    const alarm = page.locator('.alarm-panel[data-alarm-status="raised"]');
    await alarm.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('sel')).toMatch(/^alarm:AL\d{7}$/);
    expect(await alarm.textContent()).toMatch(/井内水位过高.*2\.6 m.*≥ 2 m.*已触发/);
    await alarm.locator('.alarm-cameras, .panel-none').last().waitFor({ timeout: 30_000 }); // the covering cameras asked for
    await page.getByRole('button', { name: '确认告警' }).click();
    await page.locator('.alarm-panel[data-alarm-status="acknowledged"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.alarm-life li.reached').count()).toBe(2);
    expect(await page.getByRole('button', { name: '确认告警' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/live-alarm-panel.png` });

    // The event the alarm raised, as the live stream brought it into the ticker: its details, read by id
    // (it is in none of the lists the page loaded before it arrived).
    await page.locator('.ticker-item.event[data-key^="event:ES"]').first().click();
    const event = page.locator('.info-panel[data-selection^="event:ES"]');
    await event.locator('.info-code').waitFor({ timeout: 30_000 });
    expect(await event.locator('.info-code').textContent()).toMatch(/^TC\d{8}-S\d{5}$/);
    expect(await event.textContent()).toMatch(/已上报/);
    expect(await page.locator('.info-missing').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/live-event-panel.png` });

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 300_000);
});

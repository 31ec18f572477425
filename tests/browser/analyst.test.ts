// The analyst's workspace in a real Chromium (software WebGL): the analyst signs in at the root and
// lands on /analyst, drills from the city down to a responsibility grid by the breadcrumb's units,
// moves the time slider to another month, and sees the heat layer and its table change. No console
// errors, nothing fetched from off the machine; the risk tab ranks the grid's surroundings.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, distinctColours, KEEP_ALIVE_RETRY, platformAndBrowser, watchPage } from '../helpers/browser';

const env = platformAndBrowser();
const viewport = { width: 1920, height: 1080 };

interface UnitRef {
  id: string;
  name: string;
  level: string;
}

const heatTotal = (page: Page) => page.locator('.analyst-total').getAttribute('data-total');
const mapTotal = (page: Page) => page.locator('.analyst-map').getAttribute('data-heat-total');

describe('/analyst', () => {
  it('drills from the city to a grid, and the time slider moves the heat layer and the tables', async () => {
    const { platform, browser } = env;
    mkdirSync(ARTIFACTS, { recursive: true });
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const watch = watchPage(page);
    const user = platform.users.get('analyst')!;
    await page.goto(`${platform.baseUrl}/`);
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '分析研判工作台' }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe('/analyst');
    await expect(page.locator('.app-nav a[aria-current="page"]').textContent()).resolves.toBe('分析研判');

    // The city, its month's heat, its map.
    const crumb = page.locator('.analyst-breadcrumb [aria-current="location"]');
    await crumb.waitFor({ timeout: 60_000 });
    await page.locator('.analyst-total').waitFor({ timeout: 60_000 });
    const cityTotal = Number(await heatTotal(page));
    expect(cityTotal).toBeGreaterThan(0);
    await expect.poll(() => mapTotal(page), { timeout: 30_000 }).toBe(String(cityTotal));
    await page.screenshot({ path: `${ARTIFACTS}/analyst-city.png` });

    // Down the tree, each time into the busiest unit below (by the unit's own case count).
    const unit = async (id: string) =>
      (await (await page.request.get(`${platform.baseUrl}/api/grids/${id}`, KEEP_ALIVE_RETRY)).json()) as {
        id: string;
        level: string;
        children: UnitRef[];
        events: { total: number };
      };
    const cityId = new URL(page.url()).searchParams.get('unit')!;
    let here = await unit(cityId);
    const levels = [here.level];
    while (here.children.length > 0) {
      const below = await Promise.all(here.children.map((c) => unit(c.id)));
      const next = below.reduce((a, b) => (b.events.total > a.events.total ? b : a));
      const name = here.children.find((c) => c.id === next.id)!.name;
      await page.locator('.analyst-children').getByRole('button', { name, exact: true }).click();
      await expect.poll(() => crumb.textContent(), { timeout: 30_000 }).toBe(name);
      here = next;
      levels.push(here.level);
    }
    expect(levels[0]).toBe('city');
    expect(levels.at(-1)).toBe('grid');
    // The breadcrumb names the way down, city first.
    expect(await page.locator('.analyst-breadcrumb ol li').count()).toBe(levels.length);

    // The grid's heat for the current month, on the map and in the table.
    await expect.poll(() => page.locator('.heat-table').getAttribute('data-month'), { timeout: 30_000 }).not.toBeNull();
    const month = (await page.locator('.analyst-slider output').textContent())!;
    await expect.poll(() => new URL(page.url()).searchParams.get('unit'), { timeout: 30_000 }).toBe(here.id);
    const before = await heatTotal(page);
    await page.screenshot({ path: `${ARTIFACTS}/analyst-grid.png` });

    // A month with another count for this grid (asked of the heat route, as the page does).
    const monthTotal = async (m: string) => {
      const [y, mm] = m.split('-').map(Number) as [number, number];
      const to = `${m}-${String(new Date(Date.UTC(y, mm, 0)).getUTCDate()).padStart(2, '0')}`;
      const cells = (await (
        await page.request.get(
          `${platform.baseUrl}/api/stats/events/h3?res=9&from=${m}-01&to=${to}&within=${here.id}`,
          KEEP_ALIVE_RETRY,
        )
      ).json()) as { count: number }[];
      return cells.reduce((s, c) => s + c.count, 0);
    };
    let steps = 0;
    let target = month;
    for (let back = 1; back <= 36; back++) {
      const d = new Date(`${month}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - back);
      const m = d.toISOString().slice(0, 7);
      if ((await monthTotal(m)) !== Number(before)) {
        steps = back;
        target = m;
        break;
      }
    }
    expect(steps, 'a month with another case count in the last three years').toBeGreaterThan(0);

    // The slider, from the keyboard, back to that month.
    const slider = page.locator('.analyst-slider input[type="range"]');
    await slider.focus();
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('.analyst-slider output').textContent()).toBe(target);
    await expect.poll(() => page.locator('.heat-table').getAttribute('data-month'), { timeout: 30_000 }).toBe(target);
    const after = await heatTotal(page);
    expect(after).not.toBe(before);
    expect(Number(after)).toBe(await monthTotal(target));
    await expect.poll(() => mapTotal(page), { timeout: 30_000 }).toBe(after);
    expect(new URL(page.url()).searchParams.get('month')).toBe(target);

    // The map draws (software WebGL): more than a blank canvas's handful of colours.
    const shot = await page.screenshot({ path: `${ARTIFACTS}/analyst-grid-month.png` });
    expect(await distinctColours(page, shot)).toBeGreaterThan(20);

    // The six elements and the risk tab say what they have.
    await page.getByRole('tab', { name: '六要素' }).click();
    await page.locator('.six-table[data-element="people"] tbody tr').first().waitFor();
    await page.getByRole('tab', { name: '地', exact: true }).click();
    await page.locator('.six-table[data-element="places"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/analyst-six.png` });
    await page.getByRole('tab', { name: '风险排名' }).click();
    await page.locator('.risk-table tbody tr').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('.factor-guide dt').count()).resolves.toBe(6);
    await page.screenshot({ path: `${ARTIFACTS}/analyst-risk.png` });

    // And in English, the same view.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: "Analyst's workspace" }).waitFor();
    await page.getByRole('tab', { name: 'Heat cells' }).click();
    await page.locator('.heat-table').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/analyst-en.png` });

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await context.close();
  }, 300_000);
});

// The closed loop across the roles' own pages, each in its own browser: the big screen watches; a grid
// worker reports a problem on /field (phone size, the form a person fills in); the centre seat files
// and dispatches it on /desk; the department finds it in its own inbox; and the screen's ticker shows
// the case arrive and then dispatched — all through the live stream, no page reloaded. No console
// errors, nothing fetched from off the machine.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  KEEP_ALIVE_RETRY,
  type PageWatch,
  platformAndBrowser,
  signInByForm,
  watchPage,
} from '../helpers/browser';

const env = platformAndBrowser();
const desktop = { width: 1920, height: 1080 };

async function signIn(page: Page, role: string): Promise<PageWatch> {
  const watch = watchPage(page);
  await signInByForm(page, env.platform, role);
  return watch;
}

/** Opens the case `code` from the desk's inbox `inbox` and takes `label` through its form. */
async function deskAct(page: Page, inbox: string, code: string, label: string) {
  await page.locator(`[data-inbox="${inbox}"]`).click();
  await page.locator(`.case-table tr[data-case="${code}"]`).click({ timeout: 20_000 });
  await page.locator('.dossier-head').getByText(code).waitFor({ timeout: 20_000 });
  await page.locator('.action-panel').getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('button', { name: `确认${label}` }).click();
  await page.getByRole('status').getByText(`已${label}。`).waitFor({ timeout: 20_000 });
}

describe('the case loop across pages', () => {
  it('a report on /field is dispatched on /desk, reaches the department, and shows on /screen', async () => {
    const { platform, browser } = env;
    mkdirSync(ARTIFACTS, { recursive: true });
    const stamp = Date.now().toString(36);

    // The big screen, watching before anything happens.
    const screenContext = await browser.newContext({ viewport: desktop });
    const screen = await screenContext.newPage();
    const screenWatch = await signIn(screen, 'screen');
    await screen.locator('.ticker-card .live-light.on').waitFor({ timeout: 60_000 });

    // The grid worker reports on their phone page: a place in their grid (the device's position),
    // the kind of problem, a description.
    const workerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const worker = await workerContext.newPage();
    const workerWatch = await signIn(worker, 'gridworker');
    await worker.getByRole('heading', { name: '网格员工作台' }).waitFor({ timeout: 30_000 });
    const inGrid = (
      (await (await worker.request.get(`${platform.baseUrl}/api/events?limit=1`, KEEP_ALIVE_RETRY)).json()) as any
    ).events[0].position as [number, number];
    await workerContext.grantPermissions(['geolocation']);
    await workerContext.setGeolocation({ longitude: inGrid[0], latitude: inGrid[1] });
    await worker.getByRole('button', { name: '使用当前定位' }).click();
    await expect.poll(() => worker.getByTestId('field-place').textContent()).toContain('已选');
    await worker.getByLabel('搜索小类（如：垃圾、井盖）').fill('井盖破损');
    await worker.getByRole('button', { name: /井盖破损/ }).click();
    await worker.getByLabel('问题描述').fill(`闭环测试 ${stamp} 井盖松动`);
    await worker.getByRole('button', { name: '提交上报' }).click();
    const reported = worker.getByRole('status').getByText(/已上报，案件编号/);
    const duplicate = worker.getByRole('alertdialog');
    await reported.or(duplicate).waitFor({ timeout: 20_000 });
    if (await duplicate.isVisible()) await duplicate.getByRole('button', { name: '不是同一问题，仍然上报' }).click();
    await reported.waitFor({ timeout: 20_000 });
    const code = /案件编号 (\S+?)。/.exec((await reported.textContent())!)![1]!;
    const id = (
      (await (
        await worker.request.get(`${platform.baseUrl}/api/events?open=true&limit=50`, KEEP_ALIVE_RETRY)
      ).json()) as {
        events: { id: string; code: string }[];
      }
    ).events.find((e) => e.code === code)!.id;

    // The screen's ticker has it, as reported, from the live stream.
    const onScreen = screen.locator(`.ticker-item.event[data-key="event:${id}"]`);
    await onScreen.waitFor({ timeout: 20_000 });
    expect(await onScreen.getAttribute('data-status')).toBe('reported');

    // The centre seat files and dispatches it (to the item's department, the form's first choice).
    const centreContext = await browser.newContext({ viewport: desktop });
    const centre = await centreContext.newPage();
    const centreWatch = await signIn(centre, 'centre');
    await centre.getByRole('heading', { name: '指挥中心坐席' }).waitFor({ timeout: 30_000 });
    await deskAct(centre, 'reported', code, '立案');
    await deskAct(centre, 'filed', code, '派遣');
    const lead = (
      (await (await centre.request.get(`${platform.baseUrl}/api/events/${id}`, KEEP_ALIVE_RETRY)).json()) as {
        tasks: { role: string; assignee: { id: string } }[];
      }
    ).tasks.find((t) => t.role === 'lead')!.assignee.id;

    // The screen shows it dispatched, without a reload.
    await expect.poll(() => onScreen.getAttribute('data-status'), { timeout: 20_000 }).toBe('dispatched');
    await screen.screenshot({ path: `${ARTIFACTS}/loop-screen.png` });

    // The department it went to (the demo department account is D02's) finds it in its own inbox.
    const deptContext = await browser.newContext({ viewport: desktop });
    const dept = await deptContext.newPage();
    const deptWatch = await signIn(dept, 'department');
    await dept.getByRole('heading', { name: '案件办理' }).waitFor({ timeout: 30_000 });
    const me = (await (await dept.request.get(`${platform.baseUrl}/api/auth/me`, KEEP_ALIVE_RETRY)).json()) as {
      user: { departmentId: string | null };
    };
    expect(me.user.departmentId).toBe(lead);
    await dept.locator('[data-inbox="dispatched"]').click();
    await dept.locator(`.case-table tr[data-case="${code}"]`).waitFor({ timeout: 20_000 });
    await dept.screenshot({ path: `${ARTIFACTS}/loop-department.png` });

    for (const watch of [screenWatch, workerWatch, centreWatch, deptWatch]) {
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.offMachine).toEqual([]);
    }
    await Promise.all([screenContext, workerContext, centreContext, deptContext].map((c) => c.close()));
  }, 300_000);
});

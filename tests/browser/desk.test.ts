// The case desk in a real Chromium: a grid worker reports two cases through the API; the centre seat
// signs in at the root, lands on /desk, files the first and dispatches it with the dispatch form,
// and dispatches the second (filed already) with the bulk dispatch; the department it went to signs
// in, lands on its own inbox, finds the first case waiting and accepts it.
import { mkdirSync } from 'node:fs';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, KEEP_ALIVE_RETRY, platformAndBrowser, signInByForm, watchPage } from '../helpers/browser';

const env = platformAndBrowser();
const viewport = { width: 1920, height: 1080 };

const signIn = (page: Page, role: string) => signInByForm(page, env.platform, role);

/** A new case in the grid worker's own grid (item 010101, 暴露垃圾: the urban management bureau's). */
async function report(request: APIRequestContext, description: string): Promise<{ id: string; code: string }> {
  const base = env.platform.baseUrl;
  const page = (await (await request.get(`${base}/api/events?limit=1`, KEEP_ALIVE_RETRY)).json()) as {
    events: Array<{ position: [number, number] }>;
  };
  const [lon, lat] = page.events[0]!.position;
  const res = await request.post(`${base}/api/events`, {
    data: { itemCode: '010101', lon, lat, description, source: 'patrol' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; code: string };
}

/** Opens a case of the inbox `inbox` from the keyboard (the row focused, Enter). */
async function openCase(page: Page, inbox: string, code: string) {
  await page.locator(`[data-inbox="${inbox}"]`).click();
  const row = page.locator(`.case-table tr[data-case="${code}"]`);
  await row.waitFor({ timeout: 20_000 }).catch(async (error: Error) => {
    // what the inbox showed instead, for the failure's message and a screenshot
    const shown = await page
      .locator('.case-table tr[data-case]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.case));
    await page.screenshot({ path: `${ARTIFACTS}/desk-failure.png` });
    throw new Error(`${code} not in ${inbox}, which shows ${shown.join(', ')}: ${error.message}`);
  });
  await row.focus();
  await page.keyboard.press('Enter');
  await page.locator('.dossier-head').getByText(code).waitFor({ timeout: 20_000 });
}

/** Takes `action` in the open dossier through its form (`fill` fills the form first). */
async function act(page: Page, label: string, fill?: () => Promise<void>) {
  await page.locator('.action-panel').getByRole('button', { name: label, exact: true }).click();
  await fill?.();
  await page.getByRole('button', { name: `确认${label}` }).click();
  await page.getByRole('status').getByText(`已${label}。`).waitFor({ timeout: 20_000 });
}

describe('/desk', () => {
  it('files and dispatches a new case at the centre, and the department accepts it from its inbox', async () => {
    const { platform, browser } = env;
    mkdirSync(ARTIFACTS, { recursive: true });
    const stamp = Date.now().toString(36);

    // The grid worker reports three cases (API); the centre files the second and third straight away (API).
    const worker = await browser.newContext();
    const gw = platform.users.get('gridworker')!;
    expect(
      (
        await worker.request.post(`${platform.baseUrl}/api/auth/login`, {
          data: { username: gw.username, password: gw.password },
        })
      ).ok(),
      'grid worker signs in',
    ).toBe(true);
    const first = await report(worker.request, `桌面测试 ${stamp} 垃圾裸露`);
    const second = await report(worker.request, `桌面测试 ${stamp} 批量派遣`);
    const third = await report(worker.request, `桌面测试 ${stamp} 已被派遣`);
    await worker.close();

    const centreContext = await browser.newContext({ viewport });
    const page = await centreContext.newPage();
    const watch = watchPage(page, {
      // the third case's dispatch is refused with a 409 on purpose; Chromium logs that answer
      expectedError: (m) => m.location().url.endsWith(`/api/events/${third.id}/actions`) && m.text().includes('409'),
    });
    await signIn(page, 'centre');
    await page.getByRole('heading', { name: '指挥中心坐席' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/desk');
    for (const c of [second, third]) {
      const filed = await page.request.post(`${platform.baseUrl}/api/events/${c.id}/actions`, {
        data: { action: 'file' },
      });
      expect(filed.status()).toBe(200);
    }

    // 待立案 → 立案; the action buttons are those the centre may take on a reported case.
    await openCase(page, 'reported', first.code);
    expect(await page.locator('.action-panel button[data-action]').allTextContents()).toEqual([
      '立案',
      '不予立案',
      '合并重复',
      '督办',
    ]);
    await act(page, '立案');

    // 待派遣 → 派遣, to the item's department (the form's first choice).
    await openCase(page, 'filed', first.code);
    await act(page, '派遣', async () => {
      const lead = page.getByLabel('主办单位');
      expect(await lead.inputValue()).toBe('D02');
      await page.getByLabel('处置时限（小时，可选）').fill('24');
    });
    await page.locator('.task-table').getByText('市城市管理局').waitFor({ timeout: 20_000 });
    await page.locator('.timeline li[data-action="dispatch"]').waitFor();
    expect(await page.locator('.timeline li[data-action="file"]').textContent()).toContain('指挥中心');

    // Someone else dispatches the third case while the seat fills in its form: the server refuses the
    // seat's dispatch (409) and the dossier says why.
    await openCase(page, 'filed', third.code);
    await page.locator('.action-panel').getByRole('button', { name: '派遣', exact: true }).click();
    const elsewhere = await page.request.post(`${platform.baseUrl}/api/events/${third.id}/actions`, {
      data: { action: 'dispatch', lead: { assignee: 'D02' } },
    });
    expect(elsewhere.status()).toBe(200);
    await page.getByRole('button', { name: '确认派遣' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('未能办理').waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toContain("state 'dispatched'");
    // and shows the case as it now stands: dispatched, nothing left for the seat but to supervise or shelve
    await page.locator('.dossier-chips').getByText('待签收').waitFor({ timeout: 20_000 });
    expect(await page.locator('.action-panel button[data-action]').allTextContents()).toEqual(['督办', '挂账']);

    // The second case by the bulk dispatch: ticked in 待派遣, each to its item's department.
    await page.locator('[data-inbox="filed"]').click();
    await page.getByRole('checkbox', { name: `选择 ${second.code}` }).check({ timeout: 20_000 });
    await page.getByRole('button', { name: '派遣所选案件' }).click();
    await page
      .locator('.bulk-outcomes .ok')
      .getByText(`${second.code}：已派往 市城市管理局`)
      .waitFor({ timeout: 20_000 });
    await page.locator(`[data-inbox="dispatched"]`).click();
    await page.locator(`.case-table tr[data-case="${second.code}"]`).waitFor({ timeout: 20_000 });
    await openCase(page, 'dispatched', first.code);
    await page.screenshot({ path: `${ARTIFACTS}/desk-centre.png` });

    // The department signs in at the root and lands on its own inbox, where the case waits to be accepted.
    const deptContext = await browser.newContext({ viewport });
    const dept = await deptContext.newPage();
    const deptWatch = watchPage(dept);
    await signIn(dept, 'department');
    await dept.getByRole('heading', { name: '案件办理' }).waitFor({ timeout: 30_000 });
    expect(new URL(dept.url()).pathname).toBe('/desk');
    await openCase(dept, 'dispatched', first.code);
    expect(await dept.locator('.action-panel button[data-action]').allTextContents()).toEqual(['签收', '退回']);
    await act(dept, '签收');
    await dept.locator('.dossier-chips').getByText('处置中').waitFor({ timeout: 20_000 });
    expect(await dept.locator('.action-panel button[data-action]').allTextContents()).toEqual(['申请延期', '处置反馈']);
    // Its inbox of cases in hand now holds the case.
    await dept.locator('[data-inbox="handling"]').click();
    await dept.locator(`.case-table tr[data-case="${first.code}"]`).waitFor({ timeout: 20_000 });
    await dept.screenshot({ path: `${ARTIFACTS}/desk-department.png` });

    // The seat's dossier follows (a reload by the live stream, or by the refresh button).
    await page.getByRole('button', { name: '刷新' }).click();
    await page.locator('.task-table').getByText('处置中').waitFor({ timeout: 20_000 });

    expect(watch.consoleErrors).toEqual([]);
    expect(deptWatch.consoleErrors).toEqual([]);
    expect([...watch.offMachine, ...deptWatch.offMachine]).toEqual([]);
    await deptContext.close();
    await centreContext.close();
  }, 240_000);
});

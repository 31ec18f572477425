// The leader scheduling day in a real Chromium, a whole session: the centre seat signs in, goes to the
// leader day from the header, picks three of the ruled candidates into the agenda, notes one, orders
// them and saves; the city leader signs in, lands on /leader, reads the first case and instructs it
// (a lead and a co-handling department, each with a deadline); the case's timeline has the dispatch
// and the leader's 督办 and the mark; the big screen's leader-day mode shows the session's progress.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, KEEP_ALIVE_RETRY, platformAndBrowser, signInByForm, watchPage } from '../helpers/browser';

const env = platformAndBrowser();
const viewport = { width: 1920, height: 1080 };

const signIn = (page: Page, role: string) => signInByForm(page, env.platform, role);

interface CaseDetail {
  leaderSupervisedBy: string | null;
  steps: Array<{ action?: string; role?: string | null }>;
  tasks: Array<{ assignee: { id: string; kind: string }; deadlineAt: string | null }>;
}

describe('/leader', () => {
  it('the centre sets the agenda, the leader instructs a case, and the big screen shows it', async () => {
    const { browser, platform } = env;
    mkdirSync(ARTIFACTS, { recursive: true });

    // The centre: from its desk to the leader day by the header, then the agenda editor.
    const centreContext = await browser.newContext({ viewport });
    const centre = await centreContext.newPage();
    const centreWatch = watchPage(centre);
    await signIn(centre, 'centre');
    await centre.locator('.app-nav').getByRole('link', { name: '领导调度' }).click();
    await centre.getByRole('heading', { name: '市级领导调度日' }).waitFor({ timeout: 60_000 });
    await centre.getByRole('tab', { name: '议程编排' }).click();
    const candidates = centre.locator('.leader-candidates tbody tr');
    await candidates.first().waitFor({ timeout: 60_000 });
    expect(await candidates.count()).toBeGreaterThanOrEqual(3);
    // every candidate says which rules proposed it
    for (const row of await candidates.all()) expect(await row.locator('.rule-chips li').count()).toBeGreaterThan(0);
    const picked = await Promise.all([0, 1, 2].map((i) => candidates.nth(i).getAttribute('data-event')));
    for (let i = 0; i < 3; i++) await candidates.nth(i).getByRole('button', { name: '列入议程' }).click();
    await centre.getByLabel('说明（选填） 2').fill('群众反映强烈，请重点研究');
    // the third first: the agenda is the centre's order, not the ranking's
    const agendaRows = centre.locator('.leader-agenda-edit li');
    await agendaRows.nth(2).getByRole('button', { name: '上移' }).click();
    await agendaRows.nth(1).getByRole('button', { name: '上移' }).click();
    await centre.getByRole('button', { name: '保存议程' }).click();
    await centre.getByRole('status').getByText('议程已保存，共 3 件。').waitFor({ timeout: 30_000 });
    const order = [picked[2]!, picked[0]!, picked[1]!];
    expect(await agendaRows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.event))).toEqual(order);
    await centre.screenshot({ path: `${ARTIFACTS}/leader-agenda.png` });

    // The leader lands on the session: the agenda in the centre's order, the first case open.
    const leaderContext = await browser.newContext({ viewport, acceptDownloads: true });
    const leader = await leaderContext.newPage();
    const leaderWatch = watchPage(leader);
    await signIn(leader, 'leader');
    await leader.getByRole('heading', { name: '市级领导调度日' }).waitFor({ timeout: 60_000 });
    expect(new URL(leader.url()).pathname).toBe('/leader');
    const rail = leader.locator('.leader-rail li button');
    await rail.first().waitFor({ timeout: 30_000 });
    expect(await rail.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.event))).toEqual(order);
    const first = leader.locator(`.leader-case[data-event="${order[0]}"]`);
    await first.locator('.leader-why li').first().waitFor({ timeout: 30_000 });
    await first.locator('.timeline li').first().waitFor({ timeout: 30_000 });
    await leader.locator('.leader-side .spot-map').waitFor();
    await leader.screenshot({ path: `${ARTIFACTS}/leader-session.png` });

    // The instruction: the urban management bureau leads, market supervision co-handles.
    const form = leader.locator('.instruction-form');
    await form.getByLabel('批示内容').fill('请城管局牵头、市场监管局配合，十日内办结并报告。');
    await form.getByLabel('牵头部门', { exact: true }).selectOption('D02');
    await form.getByRole('button', { name: '添加配合部门' }).click();
    await form.getByLabel('配合部门 1', { exact: true }).selectOption('D03');
    await form.getByRole('button', { name: '签发批示' }).click();
    await leader.locator('.leader-decision').waitFor({ timeout: 30_000 });
    await expect.poll(() => rail.first().locator('.chip').textContent(), { timeout: 30_000 }).toBe('已批示');
    await leader.locator('.leader-case .chip-leader').waitFor({ timeout: 30_000 });
    await leader.screenshot({ path: `${ARTIFACTS}/leader-instructed.png` });

    // The instruction is real workflow: the lead and co-handling tasks, the leader's 督办, the mark.
    const detail = (await (
      await leader.request.get(`${platform.baseUrl}/api/events/${order[0]}`, KEEP_ALIVE_RETRY)
    ).json()) as CaseDetail;
    expect(detail.leaderSupervisedBy).toBeTruthy();
    expect(detail.steps.some((s) => s.action === 'supervise' && s.role === 'leader')).toBe(true);
    expect(detail.steps.some((s) => s.action === 'dispatch' && s.role === 'leader')).toBe(true);
    expect(detail.tasks.map((t) => t.assignee.id)).toEqual(expect.arrayContaining(['D02', 'D03']));

    // The minutes, as a document: the instruction with who gave it.
    const [download] = await Promise.all([
      leader.waitForEvent('download'),
      leader.getByRole('button', { name: '导出会议纪要' }).click(),
    ]);
    const minutes = readFileSync((await download.path())!, 'utf8');
    expect(minutes).toContain('市级领导调度日会议纪要');
    expect(minutes).toContain('请城管局牵头、市场监管局配合，十日内办结并报告。');
    expect(minutes).toContain('牵头：市城市管理局');

    // Next case by the keyboard; and the page in English.
    await leader.keyboard.press('ArrowDown');
    await leader.locator(`.leader-case[data-event="${order[1]}"]`).waitFor();
    // the third, the one the centre noted (second picked, moved down by the others)
    await leader.keyboard.press('ArrowDown');
    await leader.locator(`.leader-case[data-event="${order[2]}"]`).waitFor();
    await leader.locator('.leader-centre-note').getByText('群众反映强烈').waitFor();
    await leader.getByRole('button', { name: 'Switch to English' }).click();
    await leader.getByRole('heading', { name: 'City leader scheduling day' }).waitFor();

    // The big screen's leader-day mode: the session's cases, the first instructed, no names.
    const screenContext = await browser.newContext({ viewport });
    const screen = await screenContext.newPage();
    const screenWatch = watchPage(screen);
    await signIn(screen, 'screen');
    await screen.waitForURL(/\/screen/, { timeout: 60_000 });
    await screen.goto(`${platform.baseUrl}/screen?mode=leader-day&tour=0`);
    const items = screen.locator('.leader-day-list li');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(3);
    expect(await items.first().getAttribute('data-decided')).toBe('true');
    expect(await items.nth(1).getAttribute('data-decided')).toBe('false');
    await screen.screenshot({ path: `${ARTIFACTS}/leader-screen.png` });

    for (const watch of [centreWatch, leaderWatch, screenWatch]) {
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.offMachine).toEqual([]);
    }
    await Promise.all([centreContext.close(), leaderContext.close(), screenContext.close()]);
  }, 300_000);
});

// Resident credit points in a real Chromium (issue 18): the grid worker proposes a record for a resident
// of their grid from /credit; the community's staff confirm it (not the proposer), publish it (公示, with
// the days left) and appeal it on the resident's behalf; they may not decide the appeal they confirmed
// (the button says why): the subdistrict's staff dismiss it, with a reason; the resident's archive shows
// every step with who took it, and prints as one page. Then the server's clock moves past the
// publication window: the record is in effect (已生效) and the resident's balance has its points.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, KEEP_ALIVE_RETRY, platformAndBrowser, signInByForm, watchPage } from '../helpers/browser';

const DAY_MS = 86_400_000;
/** The server's clock: the system's, plus what the test moves it by. */
const clock = { offsetMs: 0 };
const env = platformAndBrowser({ now: () => new Date(Date.now() + clock.offsetMs).toISOString() });
const viewport = { width: 1920, height: 1080 };

const signIn = (page: Page, role: string) => signInByForm(page, env.platform, role);

/** From the role's home to /credit by the header. */
async function openCredit(page: Page) {
  await page.locator('.app-nav').getByRole('link', { name: '信用积分' }).click();
  await page.getByRole('heading', { name: '居民信用积分' }).waitFor({ timeout: 60_000 });
}

interface Rules {
  publicationDays: number;
  items: Array<{ code: string; kind: string; name: { zh: string } }>;
}
interface Archive {
  balance: number;
  records: Array<{ id: string; state: string; counts: boolean; points: number }>;
}

describe('/credit', () => {
  it('a record proposed, confirmed by another person, published and appealed, step by step in the archive', async () => {
    const { browser, platform } = env;
    mkdirSync(ARTIFACTS, { recursive: true });

    // The grid worker: a resident of their grid, a positive item, the evidence.
    const workerContext = await browser.newContext({ viewport });
    const worker = await workerContext.newPage();
    const workerWatch = watchPage(worker);
    await signIn(worker, 'gridworker');
    await openCredit(worker);
    const residents = (await (
      await worker.request.get(`${platform.baseUrl}/api/residents?limit=1`, KEEP_ALIVE_RETRY)
    ).json()) as {
      residents: Array<{ id: string; name: string }>;
    };
    const resident = residents.residents[0]!;
    const rules = (await (
      await worker.request.get(`${platform.baseUrl}/api/credit/rules`, KEEP_ALIVE_RETRY)
    ).json()) as Rules;
    const rule = rules.items.find((r) => r.kind === 'positive')!;
    await worker.getByRole('tab', { name: '新建' }).click();
    await worker.getByLabel('按姓氏搜索居民').fill(resident.name.slice(0, 1));
    await worker.locator(`.credit-hits button[data-resident="${resident.id}"]`).click();
    await worker.getByLabel('积分事项').selectOption(rule.code);
    await worker.locator('.credit-rule-facts').getByText('所需证据').waitFor();
    await worker.getByLabel('证据说明').fill('志愿服务签到表 2026-0412，社区活动室');
    await worker.getByRole('button', { name: '提出记录' }).click();
    const done = worker.locator('.credit-propose .form-ok');
    await done.waitFor({ timeout: 30_000 });
    const id = /（(.+?)）/.exec((await done.textContent()) ?? '')![1]!;
    expect(id).toBeTruthy();

    // The community: confirms it (a second person), publishes it, appeals it for the resident.
    const communityContext = await browser.newContext({ viewport });
    const community = await communityContext.newPage();
    const communityWatch = watchPage(community);
    await signIn(community, 'community');
    await openCredit(community);
    const toConfirm = community.locator(`.credit-queue tr[data-record="${id}"]`);
    await toConfirm.waitFor({ timeout: 30_000 });
    await toConfirm.getByRole('button', { name: '确认' }).click();
    await toConfirm.waitFor({ state: 'detached', timeout: 30_000 });

    await community.getByRole('tab', { name: '公示中' }).click();
    const inWindow = community.locator(`.credit-queue tr[data-record="${id}"]`);
    await inWindow.getByRole('button', { name: '发布公示' }).click();
    await inWindow.locator('.credit-state[data-state="published"]').waitFor({ timeout: 30_000 });
    expect(await inWindow.locator('.credit-days-left').textContent()).toMatch(/剩余 \d+ 天/);
    await community.screenshot({ path: `${ARTIFACTS}/credit-publishing.png` });
    await inWindow.getByRole('button', { name: '代居民申诉' }).click();
    await inWindow.getByLabel('居民陈述').fill('当天我在外地，签到表上的名字不是我。');
    await inWindow.getByLabel('申诉理由').fill('居民称未参加该次活动，请核实签到表。');
    await inWindow.getByRole('button', { name: '提交' }).click();
    await inWindow.waitFor({ state: 'detached', timeout: 30_000 });

    // The appeal waits for a third person: the confirmer's decide button is disabled, with the reason.
    await community.getByRole('tab', { name: '申诉待决' }).click();
    const appealed = community.locator(`.credit-queue tr[data-record="${id}"]`);
    await appealed.waitFor({ timeout: 30_000 });
    expect(await appealed.getByRole('button', { name: '裁决' }).isDisabled()).toBe(true);
    await appealed.getByText('您确认过本条记录').waitFor();

    // The subdistrict's staff (a third person) decide it: dismissed, with a reason; it is in publication again.
    const subdistrictContext = await browser.newContext({ viewport });
    const subdistrict = await subdistrictContext.newPage();
    const subdistrictWatch = watchPage(subdistrict);
    await signIn(subdistrict, 'subdistrict');
    await openCredit(subdistrict);
    await subdistrict.getByRole('tab', { name: '申诉待决' }).click();
    const toDecide = subdistrict.locator(`.credit-queue tr[data-record="${id}"]`);
    await toDecide.getByRole('button', { name: '裁决' }).click();
    await toDecide.getByLabel('申诉不成立（维持记录）').check();
    await toDecide.getByLabel('理由').fill('经核对签到表与活动照片，居民确有参加。');
    await toDecide.getByRole('button', { name: '提交' }).click();
    await toDecide.waitFor({ state: 'detached', timeout: 30_000 });

    // The archive: every step with who took it; printed, the archive alone.
    await appealed.getByRole('button', { name: '档案' }).click();
    const entry = community.locator(`.credit-archive-record[data-record="${id}"]`);
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.getAttribute('data-state')).toBe('published');
    expect(
      await entry.locator('.credit-steps li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.action)),
    ).toEqual(['propose', 'confirm', 'publish', 'appeal', 'decide']);
    expect(await entry.locator('.credit-steps li[data-action="appeal"]').textContent()).toContain('请核实签到表');
    expect(await entry.locator('.credit-steps li[data-action="decide"]').textContent()).toMatch(/申诉不成立.*确有参加/);
    await community.screenshot({ path: `${ARTIFACTS}/credit-archive.png` });
    await community.emulateMedia({ media: 'print' });
    expect(await community.locator('.page-header').isVisible()).toBe(false);
    expect(await entry.isVisible()).toBe(true);
    await community.screenshot({ path: `${ARTIFACTS}/credit-archive-print.png`, fullPage: true });
    await community.emulateMedia({ media: 'screen' });

    // Past the publication window (the server's clock moved; the sessions of the old day have lapsed):
    // the record counts, and the balance holds its points.
    const archiveUrl = community.url();
    const archiveApi = `${platform.baseUrl}/api/residents/${resident.id}/credit`;
    const before = (await (await community.request.get(archiveApi, KEEP_ALIVE_RETRY)).json()) as Archive;
    expect(before.records.find((r) => r.id === id)).toMatchObject({ state: 'published', counts: false });
    clock.offsetMs = (rules.publicationDays + 1) * DAY_MS;
    await signIn(community, 'community');
    await community.locator('.app-nav').waitFor({ timeout: 60_000 });
    await community.goto(archiveUrl);
    await community.locator(`.credit-archive-record[data-record="${id}"][data-state="effective"]`).waitFor({
      timeout: 30_000,
    });
    const after = (await (await community.request.get(archiveApi, KEEP_ALIVE_RETRY)).json()) as Archive;
    const record = after.records.find((r) => r.id === id)!;
    expect(record).toMatchObject({ state: 'effective', counts: true });
    // the balance moved by what began (or stopped) counting over those days: this record, and any other
    // of the resident's whose window ended or whose fading came meanwhile
    const counted = (a: Archive, rid: string) => (a.records.find((r) => r.id === rid)?.counts ? 1 : 0);
    const moved = after.records.reduce((sum, r) => sum + r.points * (counted(after, r.id) - counted(before, r.id)), 0);
    expect(moved).not.toBe(0);
    expect(after.balance).toBe(before.balance + moved);
    await community.screenshot({ path: `${ARTIFACTS}/credit-archive-effective.png` });

    for (const watch of [workerWatch, communityWatch, subdistrictWatch]) {
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.offMachine).toEqual([]);
    }
    await Promise.all([workerContext.close(), communityContext.close(), subdistrictContext.close()]);
  }, 300_000);
});

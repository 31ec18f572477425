// The grid worker's page in a real Chromium at phone size (390×844): they sign in and start on /field,
// pick the place (a tap on the grid's map, then their position), the kind of problem, a description
// and a photo (uploaded, its EXIF gone on the server), report the case and see it in their grid's
// list; reporting the same thing again is stopped by the likely duplicate, which opens the first case
// with its photo. No console errors, nothing fetched from off the machine.
import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, KEEP_ALIVE_RETRY, platformAndBrowser, watchPage } from '../helpers/browser';

const env = platformAndBrowser();
const PHOTO = 'tests/fixtures/photos/plain.jpg';

describe('/field', () => {
  it('reports a case with a photo at phone size, sees it in the list, and is warned of the duplicate', async () => {
    const { platform, browser } = env;
    mkdirSync(ARTIFACTS, { recursive: true });
    const worker = platform.users.get('gridworker')!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    const watch = watchPage(page);

    await page.goto(`${platform.baseUrl}/`);
    await page.getByLabel('用户名').fill(worker.username);
    await page.getByLabel('密码').fill(worker.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '网格员工作台' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/field');

    // The place: a tap on the grid's map picks one; the device's position (a place in the worker's grid) replaces it.
    const map = page.getByTestId('field-map');
    await map.locator('.field-map-mine').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('field-place').textContent()).toContain('尚未选择位置');
    await map.click();
    await expect.poll(() => page.getByTestId('field-place').textContent()).toContain('已选');
    const inGrid = (
      (await (await page.request.get(`${platform.baseUrl}/api/events?limit=1`, KEEP_ALIVE_RETRY)).json()) as any
    ).events[0].position as [number, number];
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ longitude: inGrid[0], latitude: inGrid[1] });

    const report = async (description: string) => {
      await page.getByRole('button', { name: '使用当前定位' }).click();
      await expect
        .poll(() => page.getByTestId('field-place').textContent())
        .toContain(`${inGrid[0].toFixed(5)}, ${inGrid[1].toFixed(5)}`);
      await page.getByLabel('搜索小类（如：垃圾、井盖）').fill('暴露垃圾');
      await page.getByRole('button', { name: /暴露垃圾/ }).click();
      await expect.poll(() => page.getByTestId('field-item').textContent()).toContain('市容环境 / 环境卫生 / 暴露垃圾');
      await page.getByLabel('问题描述').fill(description);
    };

    await report('小区北门垃圾堆放（浏览器测试）');
    await page.locator('input[type="file"]').setInputFiles(PHOTO);
    await page.getByTestId('field-photo').getByText('已上传').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${ARTIFACTS}/field-report.png`, fullPage: true });
    await page.getByRole('button', { name: '提交上报' }).click();
    // The dataset may already hold an open case of that item there: then it is offered first.
    const reported = page.getByRole('status').getByText(/已上报，案件编号/);
    const duplicate = page.getByRole('alertdialog');
    await reported.or(duplicate).waitFor({ timeout: 15_000 });
    if (await duplicate.isVisible()) await duplicate.getByRole('button', { name: '不是同一问题，仍然上报' }).click();
    await reported.waitFor({ timeout: 15_000 });
    const code = /案件编号 (\S+?)。/.exec((await reported.textContent())!)![1]!;

    // Their grid's open cases now list it, with the photo the server kept (no EXIF was in it; the bytes are the fixture's).
    const card = page.getByTestId('field-case').filter({ hasText: code });
    await card.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${ARTIFACTS}/field-list.png`, fullPage: true });
    const id = await card.getAttribute('data-case');
    const dossier = (await (
      await page.request.get(`${platform.baseUrl}/api/events/${id}`, KEEP_ALIVE_RETRY)
    ).json()) as any;
    expect(dossier.photos).toHaveLength(1);
    const photo = await page.request.get(`${platform.baseUrl}${dossier.photos[0].url}`, KEEP_ALIVE_RETRY);
    expect(photo.status()).toBe(200);
    expect(Buffer.from(await photo.body()).equals(readFileSync(PHOTO))).toBe(true);

    // The same problem again: the first case is offered as a likely duplicate, and opens with its photo.
    await page.getByRole('tab', { name: '上报问题' }).click();
    await report('北门垃圾又堆了（浏览器测试）');
    await page.getByRole('button', { name: '提交上报' }).click();
    const offered = page.getByRole('alertdialog');
    await offered.getByText(/可能重复/).waitFor({ timeout: 15_000 });
    expect(await offered.textContent()).toContain(code);
    await page.screenshot({ path: `${ARTIFACTS}/field-duplicate.png`, fullPage: true });
    await offered
      .getByRole('listitem')
      .filter({ hasText: code })
      .getByRole('button', { name: '是同一问题，查看该案件' })
      .click();
    const opened = page.getByTestId('field-case').filter({ hasText: code });
    const img = opened.getByTestId('field-case-photo');
    await img.waitFor({ timeout: 15_000 });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/field-case.png`, fullPage: true });
    // Nothing was filed the second time.
    const open = (await (
      await page.request.get(`${platform.baseUrl}/api/events?open=true&limit=500`, KEEP_ALIVE_RETRY)
    ).json()) as any;
    expect(open.events.filter((e: { description: string }) => e.description.includes('又堆了'))).toEqual([]);

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await context.close();
  });
});

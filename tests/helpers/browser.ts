// Debian's Chromium for browser tests (software WebGL), and what they share: the artefacts folder,
// the watch on a page's console errors and off-machine requests, a measure of a blank screenshot, and
// the per-file set-up.
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { isOffMachine } from './offMachine';
import { type Platform, startPlatform } from './platform';

export const ARTIFACTS = 'tests/artifacts';

export { launchChromium };

/**
 * For a test's own GETs through Playwright's request context: the server closes an idle keep-alive
 * connection after 5 s (server/connections.ts), and a request sent on it at that moment fails with
 * ECONNRESET before the server reads it (a browser retries such a request itself; the request context
 * does not). Playwright retries ECONNRESET only; GETs only, since they are safe to send twice.
 */
export const KEEP_ALIVE_RETRY = { maxRetries: 2 } as const;

export interface PageWatch {
  /** Console errors (with the URL they concern) and uncaught exceptions (`pageerror: ...`), in order. */
  consoleErrors: string[];
  /** Every request the page made to a host off this machine (tests/helpers/offMachine.ts). */
  offMachine: string[];
}

export interface PageWatchOptions {
  /** A console error the test causes on purpose (e.g. Chromium logging a 401 it asked for). */
  expectedError?: (message: ConsoleMessage) => boolean;
}

/**
 * Watches `page` from now on: what it logs as an error, what it throws, and what it fetches from off the
 * machine. A test ends by expecting both lists empty.
 */
export function watchPage(page: Page, options: PageWatchOptions = {}): PageWatch {
  const watch: PageWatch = { consoleErrors: [], offMachine: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error' || options.expectedError?.(message)) return;
    // "Failed to load resource" says nothing of which: the location names it
    const where = message.location().url;
    watch.consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (isOffMachine(request.url())) watch.offMachine.push(request.url());
  });
  return watch;
}

/** Distinct colours (4 bits per channel) in a 192×108 thumbnail of the PNG; a blank page has a handful. */
export async function distinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 192;
    canvas.height = 108;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, 192, 108);
    const pixels = context.getImageData(0, 0, 192, 108).data;
    const seen = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4)
      seen.add(((pixels[i]! >> 4) << 8) | ((pixels[i + 1]! >> 4) << 4) | (pixels[i + 2]! >> 4));
    return seen.size;
  }, png.toString('base64'));
}

/** A 48×27 grey thumbnail of the PNG (0–255 per pixel), to tell frames apart and blank ones from drawn ones. */
export async function greyThumbnail(page: Page, png: Buffer): Promise<number[]> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 27;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, 48, 27);
    const pixels = context.getImageData(0, 0, 48, 27).data;
    const grey: number[] = [];
    for (let i = 0; i < pixels.length; i += 4)
      grey.push(Math.round(0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!));
    return grey;
  }, png.toString('base64'));
}

/** Signs `page` in through the login form as the platform's demo account of `role`. */
export async function signInByForm(page: Page, platform: Platform, role: string): Promise<void> {
  const user = platform.users.get(role)!;
  await page.goto(`${platform.baseUrl}/`);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * For a browser test file: starts the platform (on the clock `options.now` when given) and Chromium
 * before its tests and stops both after them. The returned object's fields are set once `beforeAll` has run.
 */
export function platformAndBrowser(options: { now?: () => string } = {}): { platform: Platform; browser: Browser } {
  const env = {} as { platform: Platform; browser: Browser };
  beforeAll(async () => {
    env.platform = await startPlatform(options);
    env.browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.platform?.stop();
  });
  return env;
}

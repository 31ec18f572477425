// The twin's preset views (预设视角, GET /api/layers/viewpoints) driven in a page: which there are, and a
// flight to one that resolves once the camera is at rest there and the view's building tiles are in.
// Shared by the first page's browser test and `npm run pictures` (no vitest here).
import type { Page } from 'playwright-core';

export interface Preset {
  key: string;
  view: { lon: number; lat: number };
}

/** The preset views the API offers, in its order. */
export async function readPresets(page: Page, baseUrl: string): Promise<Preset[]> {
  // maxRetries: a GET on a keep-alive socket the server is closing (tests/helpers/browser.ts, KEEP_ALIVE_RETRY)
  const res = await page.request.get(`${baseUrl}/api/layers/viewpoints`, { maxRetries: 2 });
  if (!res.ok()) throw new Error(`GET /api/layers/viewpoints: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { features: { properties: Preset }[] };
  return body.features.map((f) => f.properties);
}

/**
 * Chooses `preset` in the menu; resolves when the camera has arrived and the view's building tiles are
 * in, and with `ground` its terrain and imagery too (a picture waits for them; a test need not).
 */
export async function flyToPreset(
  page: Page,
  { key, view }: Preset,
  { ground = false, timeoutMs = 90_000 }: { ground?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  await page.getByLabel('预设视角').selectOption(key);
  // arrived: the camera at rest writes its view into the URL
  await page.waitForFunction(
    ({ lon, lat }) => {
      const [x, y] = (new URL(window.location.href).searchParams.get('view') ?? '').split(',').map(Number);
      return Math.abs(x! - lon) < 1e-4 && Math.abs(y! - lat) < 1e-4;
    },
    view,
    { timeout: 30_000 },
  );
  // and, a frame later, every tile the view needs has loaded
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForFunction(
    (ground) =>
      document.body.dataset.buildingsLoading === 'false' &&
      (!ground || document.body.dataset.groundLoading === 'false'),
    ground,
    { timeout: timeoutMs },
  );
}

// Debian's Chromium for browser tests (software WebGL), and what they share: the artefacts folder,
// which hosts count as this machine, a measure of a blank screenshot, and the per-file set-up.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Platform, startPlatform } from './platform';

export const ARTIFACTS = 'tests/artifacts';
export const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      ...extraArgs,
    ],
  });
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

/**
 * For a browser test file: starts the platform and Chromium before its tests and stops both after
 * them. The returned object's fields are set once `beforeAll` has run.
 */
export function platformAndBrowser(): { platform: Platform; browser: Browser } {
  const env = {} as { platform: Platform; browser: Browser };
  beforeAll(async () => {
    env.platform = await startPlatform();
    env.browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.platform?.stop();
  });
  return env;
}

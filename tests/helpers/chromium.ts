// Debian's Chromium with software WebGL (SwiftShader), as the browser tests and the pictures script
// launch it: no vitest here, so a script outside the suite can use it too.
import { type Browser, chromium } from 'playwright-core';

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

// Bytes over the wire for the big screen in Debian's Chromium: a first load of /screen with an empty
// cache, then a reload with the cache warm, each until the page's first complete frame (data-twin-ready)
// and a few quiet seconds for the requests that trail it. Counted from the DevTools protocol: the
// encoded bytes of every finished response (headers and body, as sent; 0 for one served from the
// browser's cache). The live stream (/api/live) never finishes and is not counted. Also returns the
// API requests the page made, for the shift start to replay.
import { chromium } from 'playwright-core';

export interface LoadBytes {
  bytes: number;
  requests: number;
  fromCache: number;
  /** The five largest responses, for the reader. */
  largest: { url: string; bytes: number }[];
}

export interface ScreenBytes {
  firstLoad: LoadBytes;
  secondLoad: LoadBytes;
  /** API paths (under /api, with query) the first load asked for, in order; tiles and the live stream left out. */
  apiCalls: string[];
}

export async function measureScreenBytes(
  origin: string,
  account: { username: string; password: string },
  log: (m: string) => void,
): Promise<ScreenBytes> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const login = await page.request.post(`${origin}/api/auth/login`, { data: account });
    if (!login.ok()) throw new Error(`sign-in as ${account.username}: ${login.status()}`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const apiCalls: string[] = [];
    const first = fresh();
    let current = first;
    cdp.on('Network.requestWillBeSent', (e) => {
      urls.set(e.requestId, e.request.url);
      const path = e.request.url.slice(origin.length);
      if (current === first && path.startsWith('/api/') && !/^\/api\/(live|tiles\/)/.test(path)) apiCalls.push(path);
    });
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache || e.response.fromServiceWorker) current.fromCache++;
    });
    cdp.on('Network.requestServedFromCache', () => current.fromCache++);
    cdp.on('Network.loadingFinished', (e) => {
      current.bytes += e.encodedDataLength;
      current.requests++;
      current.sizes.set(urls.get(e.requestId) ?? e.requestId, e.encodedDataLength);
    });
    const ready = async () => {
      await page.waitForFunction("document.body.dataset.twinReady === 'true'", null, { timeout: 300_000 });
      await page.waitForTimeout(5000);
    };
    log('first load of /screen (empty cache) ...');
    await page.goto(`${origin}/screen?tour=0`);
    await ready();
    const firstLoad = summary(first);
    current = fresh();
    log('reload of /screen (warm cache) ...');
    await page.reload();
    await ready();
    return { firstLoad, secondLoad: summary(current), apiCalls };
  } finally {
    await browser.close();
  }
}

function fresh(): LoadBytes & { sizes: Map<string, number> } {
  return { bytes: 0, requests: 0, fromCache: 0, largest: [], sizes: new Map() };
}

function summary({ sizes, ...load }: LoadBytes & { sizes: Map<string, number> }): LoadBytes {
  const largest = [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([url, bytes]) => ({ url: url.replace(/^https?:\/\/[^/]+/, ''), bytes }));
  return { ...load, largest };
}

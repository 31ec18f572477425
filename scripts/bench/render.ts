// `npm run bench:render [-- --duration 600 | --quick] [--scale 1] [--data DIR] [--points 24772]
//   [--only frames,points,soak]`:
// the 3D client in Debian's Chromium on software WebGL (SwiftShader), fixed 1920×1080 viewport. Starts
// the platform itself on a free port (a fresh dataset of --scale, or --data DIR), with live sensing and
// the sensor simulator, signs in as the `screen` demo user and measures:
//   - the big screen (/screen) and the overview (/): time to the first complete frame (the page's
//     data-twin-ready), and when the city's tiles were all loaded;
//   - on the harness page (/bench/render.html): N points built as the platform's point layer (one
//     PointPrimitiveCollection), as a BillboardCollection and as one Entity each — build time and the JS
//     heap each costs after GC, and their ratios to Entities; 10,000 state changes applied in place;
//   - /screen left running (tour on) with the live stream (SSE) and the simulator for --duration
//     seconds: JS heap after GC every 30 s, and a census of the heap by constructor after the warm-up
//     (the first third, at most 5 min: the tour's first round loads the city's tiles, the ticker fills)
//     and at the end, so growth after warm-up is named, not just measured.
// Frame rates on SwiftShader mean little; build time, update time and memory are the figures.
// Prints one JSON summary on stdout (progress on stderr).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import type {} from '../../client/bench/renderBenchApi';
import type { DemoUser } from '../../server/auth/demoUsers';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/main';
import { ensureClientBuilt } from '../clientBuild';
import { buildDataset } from '../generate/build';
import { startSimulator } from '../simulate/simulator';
import { buildTiles, tilesAreCurrent } from '../tiles/build';
import { type Census, heapCensus, topGrowth } from './heapCensus';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    quick: { type: 'boolean', default: false },
    scale: { type: 'string', default: '1' },
    data: { type: 'string' },
    points: { type: 'string', default: '24772' },
    only: { type: 'string', default: 'frames,points,soak' },
  },
});
const phases = new Set(values.only.split(','));
const durationS = values.quick ? 60 : Number(values.duration);
const scale = Number(values.scale);
const pointCount = Number(values.points);
if (!(durationS > 0) || !(scale > 0) || !(pointCount > 0)) {
  console.error('bench:render: --duration, --scale and --points must be positive numbers');
  process.exit(2);
}
const log = (m: string) => console.error(`[bench:render] ${m}`);
const viewport = { width: 1920, height: 1080 };
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1e6, 1);

// --- the platform -----------------------------------------------------------------------------------
const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), `wendu-bench-render-x${scale}-`));
if (!existsSync(join(dataDir, 'wendu.duckdb'))) {
  log(`generating a scale-${scale} dataset in ${dataDir} ...`);
  await buildDataset({
    seed: 20220601,
    scale,
    today: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`,
    outDir: dataDir,
    quiet: true,
  });
}
const tilesDir = join(dataDir, 'tiles');
if (!tilesAreCurrent(dataDir, tilesDir)) {
  log('building the 3D Tiles ...');
  buildTiles(dataDir, tilesDir);
}
const base = loadConfig();
if (await ensureClientBuilt(base.clientDir)) log('client built');
const server = await startServer({
  ...base,
  port: 0,
  host: '127.0.0.1',
  mqttPort: 0,
  dataDir,
  dbPath: join(dataDir, 'wendu.duckdb'),
  tilesDir,
  credentialsPath: '',
});
const origin = server.url.replace(/\/$/, '');
const screenUser = (JSON.parse(readFileSync(join(dataDir, 'demo-users.json'), 'utf8')) as DemoUser[]).find(
  (u) => u.role === 'screen',
);
if (!screenUser)
  throw new Error(`no screen demo user in ${dataDir}/demo-users.json (an existing dataset keeps its first passwords)`);
const simulator = server.ingest
  ? await startSimulator({
      brokerUrl: server.ingest.brokerUrl,
      devices: server.ingest.credentials.devices,
      rate: Math.max(1, server.ingest.registry.size / 2),
    })
  : null;
log(
  `platform at ${origin} (${server.ingest ? `${server.ingest.registry.size} sensors simulated` : 'no live sensing'})`,
);

const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--no-sandbox',
    '--disable-background-networking',
    '--js-flags=--expose-gc',
    '--enable-precise-memory-info',
    '--no-first-run',
    '--disable-component-update',
  ],
});

async function signedInPage(): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  const res = await page.request.post(`${origin}/api/auth/login`, {
    data: { username: screenUser!.username, password: screenUser!.password },
  });
  if (!res.ok()) throw new Error(`sign-in as ${screenUser!.username}: HTTP ${res.status()}`);
  // Stamp the moments the page reports readiness (performance.now(), ms since navigation start).
  await page.addInitScript(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
    new MutationObserver(() => {
      const d = document.body?.dataset;
      if (!d) return;
      if (d.twinReady === 'true' && marks.twinReady === undefined) marks.twinReady = performance.now();
      if (d.buildingsReady === 'true' && marks.buildingsReady === undefined) marks.buildingsReady = performance.now();
    }).observe(document, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-twin-ready', 'data-buildings-ready'],
    });
  });
  return page;
}

function leastSquaresSlope(xy: Array<[number, number]>): number {
  const n = xy.length;
  const mx = xy.reduce((a, [x]) => a + x, 0) / n;
  const my = xy.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = xy.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = xy.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const heapOf = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { gc?: () => void };
    w.gc?.();
    w.gc?.();
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
  });

/** Loads a page and waits for its first complete frame (data-twin-ready) and the city's first tiles. */
async function firstFrame(path: string) {
  const page = await signedInPage();
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => document.body.dataset.twinReady === 'true', null, { timeout: 300_000 });
  await page
    .waitForFunction(
      () => document.body.dataset.buildingsReady === 'true' || document.body.dataset.buildingsError !== undefined,
      null,
      { timeout: 120_000 },
    )
    .catch(() => undefined);
  const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
  const data = await page.evaluate(() => ({ ...document.body.dataset }));
  return {
    page,
    result: {
      path,
      firstCompleteFrameMs: Math.round(marks.twinReady ?? Number.NaN),
      buildingTilesLoadedMs: marks.buildingsReady === undefined ? null : Math.round(marks.buildingsReady),
      buildingTiles: data.buildingTiles === undefined ? null : Number(data.buildingTiles),
      heapMB: mb(await heapOf(page)),
    },
  };
}

try {
  const summary: Record<string, unknown> = {
    machine: 'headless Debian Chromium, SwiftShader (software WebGL), 1920×1080',
    dataset: { scale, dir: dataDir },
  };

  // --- first frames ---------------------------------------------------------------------------------
  if (phases.has('frames')) {
    log('loading /screen ...');
    const screen = await firstFrame('/screen');
    log(`/screen: ${screen.result.firstCompleteFrameMs} ms`);
    // One page at a time: on two cores a page left rendering would slow the next measurement.
    await screen.page.context().close();
    log('loading / ...');
    const overview = await firstFrame('/');
    await overview.page.context().close();
    summary.firstCompleteFrame = { screen: screen.result, overview: overview.result };
  }

  // --- point layers on the harness page --------------------------------------------------------------
  if (phases.has('points')) {
    log(`building ${pointCount} points three ways ...`);
    const harness = await signedInPage();
    const components = (await (await harness.request.get(`${origin}/api/layers/components`)).json()) as {
      features: { geometry: { coordinates: [number, number] } }[];
    };
    const real = components.features.map((f) => f.geometry.coordinates);
    // The reference count of components; a smaller dataset's points are repeated with a small offset.
    const points = Array.from({ length: pointCount }, (_, i) => {
      const [lon, lat] = real[i % real.length]!;
      const lap = Math.floor(i / real.length);
      return [lon + lap * 0.0003, lat + lap * 0.0002] as [number, number];
    });
    await harness.goto(`${origin}/bench/render.html`, { waitUntil: 'commit' });
    await harness.waitForFunction(() => document.body.dataset.benchReady === 'true', null, { timeout: 120_000 });
    await harness.evaluate((p) => window.renderBench.lookAt(p), points);
    type Build = { mode: string; count: number; buildMs: number; heapBytes: number };
    const build = async (mode: string): Promise<Build> => {
      // Warm-up once (shader compilation, code paths), then measure a fresh build.
      await harness.evaluate(([m, p]) => window.renderBench.build(m as 'primitives', p as [number, number][]), [
        mode,
        points,
      ] as const);
      await harness.evaluate(() => window.renderBench.clear());
      const r = await harness.evaluate(
        ([m, p]) => window.renderBench.build(m as 'primitives', p as [number, number][]),
        [mode, points] as const,
      );
      log(`${mode}: ${round(r.buildMs)} ms, ${mb(r.heapBytes)} MB`);
      return r;
    };
    const entities = await build('entities');
    const billboards = await build('billboards');
    const primitives = await build('primitives');
    const updates = await harness.evaluate(() => window.renderBench.updates(10_000));
    await harness.evaluate(() => window.renderBench.clear());
    await harness.context().close();
    const layer = (r: Build) => ({
      buildMs: round(r.buildMs),
      heapMB: mb(r.heapBytes),
      buildVsEntities: round(r.buildMs / entities.buildMs, 3),
      heapVsEntities: round(r.heapBytes / entities.heapBytes, 3),
    });
    summary.points = {
      count: pointCount,
      pointLayer: layer(primitives),
      billboards: layer(billboards),
      entities: { buildMs: round(entities.buildMs), heapMB: mb(entities.heapBytes) },
      targets: { buildVsEntities: 0.1, heapVsEntities: 0.2 },
    };
    summary.stateChangesInPlace = { count: updates.count, ms: round(updates.updateMs) };
  }

  // --- the big screen left running with live updates -------------------------------------------------
  if (phases.has('soak')) {
    log(`/screen with live updates for ${durationS} s ...`);
    const soak = (await firstFrame('/screen')).page;
    const before = await heapOf(soak);
    const published0 = simulator?.counts().published ?? 0;
    // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
    const rafCount = () =>
      soak.evaluate<number>(`new Promise((done) => {
        let frames = 0;
        const start = performance.now();
        const tick = () => (performance.now() - start < 5000 ? (frames++, requestAnimationFrame(tick)) : done(frames / 5));
        requestAnimationFrame(tick);
      })`);
    const warmUpS = Math.min(300, durationS / 3);
    const samples: Array<{ s: number; mb: number }> = [];
    let warm: { s: number; bytes: number; census: Census } | null = null;
    const startedAt = Date.now();
    const elapsedS = () => (Date.now() - startedAt) / 1000;
    while (elapsedS() < durationS) {
      const next = warm ? durationS : Math.min(durationS, warmUpS);
      const waitS = Math.min(30, next - elapsedS(), 30 - (elapsedS() % 30));
      await new Promise((r) => setTimeout(r, Math.max(0, waitS) * 1000));
      if (!warm && elapsedS() >= warmUpS) {
        const census = await heapCensus(soak);
        warm = { s: Math.round(elapsedS()), bytes: await heapOf(soak), census };
        log(`warmed up at ${warm.s} s: ${mb(warm.bytes)} MB`);
      }
      samples.push({ s: Math.round(elapsedS()), mb: mb(await heapOf(soak)) });
      log(`${samples.at(-1)!.s} s: ${samples.at(-1)!.mb} MB`);
    }
    const after = await heapOf(soak);
    const endCensus = await heapCensus(soak);
    const published = (simulator?.counts().published ?? 0) - published0;
    // the slope after warm-up, by least squares over the samples taken after it (MB per hour)
    const late = samples.filter((x) => warm && x.s >= warm.s);
    const slope = late.length >= 2 ? leastSquaresSlope(late.map((x) => [x.s / 3600, x.mb])) : null;
    summary.liveSoak = {
      page: '/screen',
      seconds: durationS,
      sensorMessages: published,
      heapBeforeMB: mb(before),
      heapAfterWarmUpMB: warm ? mb(warm.bytes) : null,
      warmUpS: warm?.s ?? null,
      heapAfterMB: mb(after),
      growthMB: mb(after - before),
      growthAfterWarmUpMB: warm ? mb(after - warm.bytes) : null,
      slopeAfterWarmUpMBPerHour: slope === null ? null : round(slope, 2),
      topGrowthAfterWarmUp: warm
        ? topGrowth(warm.census, endCensus).map((g) => ({ ...g, kB: round(g.bytes / 1e3, 1), bytes: undefined }))
        : null,
      samples,
      browserAnimationFramesPerSecond: await rafCount(),
    };
  }
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await browser.close();
  await simulator?.stop(2000);
  await server.stop();
}

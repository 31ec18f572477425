// `npm run bench:serve [-- --data DIR] [--scale 1] [--duration 5] [--connections 20,100] [--routes /health,...]
//   [--only routes,static,conditional,screen,shift,storm] [--users 50] [--tree DIR] [--no-simulator]`:
// the platform serving many clients at once. Starts the server as its own process on a copy of the
// dataset (a fresh scale-1 one, or --data DIR), with live sensing and the sensor simulator running
// (each in a process of its own; --no-simulator: no readings arriving), signs in as the centre seat
// and measures with autocannon (this process), each run after a second of the same load that is not
// counted:
//   - every GET route of the OpenAPI document (routes.ts says which are left out and why), at each
//     level of concurrent clients: req/s, p50 and p99;
//   - in the same run, a static file of the same size on the wire as each big layer (random bytes,
//     served from the client folder) and a real client file, and /api/health, the floor: each layer's
//     rate as a ratio to its static file's, each aggregate's to /api/health's;
//   - conditional requests (If-None-Match with the answer's ETag) of the layers and aggregates;
//   - in Chromium, the bytes over the wire of a first and a second /screen load (screenBytes.ts);
//   - the shift start: --users staff signing in and loading /screen's API calls at once, against one
//     of them alone (shiftStart.ts), on a restarted server (nothing built yet) and on a warm one;
//   - the sign-in storm: --users sign-ins at once and nothing else, one screen's 304s watched through it.
// --tree runs the server of another checkout (an earlier commit) against the same dataset and client.
// Prints one JSON summary on stdout (progress on stderr).

import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DemoUser } from '../../server/auth/demoUsers';
import { RECOMPRESS_FROM_BYTES } from '../../server/http/answerCache';
import type { CredentialsFile } from '../../server/ingest/credentials';
import { startTileCompression } from '../../server/ops/tileCompression';
import { ensureClientBuilt } from '../clientBuild';
import { buildDataset } from '../generate/build';
import { buildTiles, tilesAreCurrent } from '../tiles/build';
import { type LoadResult, load } from './serve/load';
import { browserAgent, call } from './serve/rawHttp';
import { type BenchRoute, benchRoutes } from './serve/routes';
import { measureScreenBytes, type ScreenBytes } from './serve/screenBytes';
import { startPlatformProcess } from './serve/serverProcess';
import { pageOnly, prepareShift, signIn, startOfShift } from './serve/shiftStart';
import { startSimulatorProcess } from './serve/simulatorProcess';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20,100' },
    only: { type: 'string', default: 'routes,static,conditional,screen,shift,storm' },
    users: { type: 'string', default: '50' },
    'shift-roles': { type: 'string', default: 'centre,gridworker' },
    routes: { type: 'string' },
    tree: { type: 'string', default: '.' },
    // the server alone, no readings arriving: what the server does, not the machine it shares
    'no-simulator': { type: 'boolean', default: false },
  },
});
const phases = new Set(values.only.split(','));
const durationS = Number(values.duration);
const levels = values.connections.split(',').map(Number);
const scale = Number(values.scale);
const userCount = Number(values.users);
if (!(durationS > 0) || !(scale > 0) || !(userCount > 0) || levels.some((n) => !(n > 0))) {
  console.error('bench:serve: --duration, --scale, --users and --connections must be positive numbers');
  process.exit(2);
}
const log = (m: string) => console.error(`[bench:serve] ${m}`);
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
/** How long the screen is watched through a sign-in storm (which starts half a second in), and how many storms. */
const STORM_PROBE_S = 6;
const STORMS = 3;
/** How many times the shift start on a restarted server is run (one alone, then all at once). */
const COLD_STARTS = 3;

// --- the dataset, the client, the platform -------------------------------------------------------------
const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), `wendu-bench-serve-x${scale}-`));
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
// The tiles as a server that has run for a minute serves them: with their brotli/gzip copies.
await startTileCompression(tilesDir, { info: (_, msg) => log(msg), warn: (_, msg) => log(msg) }).done;
if (await ensureClientBuilt('dist/client')) log('client built');
// A run of its own: a copy of the store (the server writes sessions and telemetry) and of the client
// (the static files of the layers' sizes are added to it).
const runDir = mkdtempSync(join(tmpdir(), 'wendu-bench-serve-run-'));
// the demo users' passwords too: a store a server has opened already holds its demo users, and a
// server writes demo-users.json only when it creates them
for (const f of ['wendu.duckdb', 'wendu.duckdb.wal', 'demo-users.json'])
  if (existsSync(join(dataDir, f))) cpSync(join(dataDir, f), join(runDir, f));
const clientDir = join(runDir, 'client');
cpSync('dist/client', clientDir, { recursive: true });
const tree = resolve(values.tree);
const platformEnv = { dataDir: runDir, dbPath: join(runDir, 'wendu.duckdb'), clientDir, tilesDir };
let platform = await startPlatformProcess(tree, platformEnv, log);
const { origin } = platform;
const mqttPort = Number(new URL(platform.mqttUrl).port);
/** How long the last restart took: the old server's exit after SIGTERM, the new one's start. */
let lastRestart = { stopMs: 0, startMs: 0 };
/** The server stopped and started again on the same store and broker port (a power cut): nothing built, nothing held. */
async function restartedPlatform(): Promise<string> {
  const stopping = performance.now();
  await platform.stop();
  const starting = performance.now();
  platform = await startPlatformProcess(tree, platformEnv, log, mqttPort);
  lastRestart = { stopMs: Math.round(starting - stopping), startMs: Math.round(performance.now() - starting) };
  return platform.origin;
}
const demo = JSON.parse(readFileSync(join(runDir, 'demo-users.json'), 'utf8')) as DemoUser[];
const account = (role: string) => {
  const u = demo.find((d) => d.role === role)!;
  return { username: u.username, password: u.password };
};
const credentialsPath = join(runDir, 'device-credentials.json');
const credentials = JSON.parse(readFileSync(credentialsPath, 'utf8')) as CredentialsFile;
const sensors = Object.keys(credentials.devices).length;
const simulator = values['no-simulator']
  ? null
  : await startSimulatorProcess({ brokerUrl: platform.mqttUrl, credentialsPath, rate: sensors / 2 }, log);
log(`platform at ${origin} (server from ${tree}), ${simulator ? `${sensors} sensors simulated` : 'no simulator'}`);

// The benchmark's own probes open a connection each: a kept-alive one may meet the server's idle close.
const agent = browserAgent('127.0.0.1', false);
const centre = await call(origin, agent, 'POST', '/api/auth/login', {}, account('centre'));
if (centre.status !== 200) throw new Error(`sign-in as the centre seat: ${centre.status}`);
const cookie = centre.cookie!;
const listed = await benchRoutes(origin, cookie);
// --routes /health,/layers/components,...: only those (an earlier commit's server may take minutes per route).
const only = values.routes ? new Set(values.routes.split(',')) : null;
const routes = only ? listed.routes.filter((r) => only.has(r.route)) : listed.routes;
const leftOut = listed.leftOut;

/** A route's answer as sent: bytes on the wire and its ETag. */
const probe = async (path: string) => {
  const a = await call(origin, agent, 'GET', path, { cookie });
  return {
    bytes: a.body.length,
    etag: (a.headers.etag as string | undefined) ?? null,
    encoding: a.headers['content-encoding'] ?? null,
  };
};

// --- static files the size of the big layers --------------------------------------------------------
interface StaticFile {
  name: string;
  path: string;
  bytes: number;
}
const layers = routes.filter((r) => r.kind === 'layer');
const layerWire = new Map<string, Awaited<ReturnType<typeof probe>>>();
for (const r of layers) layerWire.set(r.route, await probe(`/api${r.path}`));
const statics: StaticFile[] = [];
mkdirSync(join(clientDir, 'bench-static'), { recursive: true });
for (const r of layers) {
  const { bytes } = layerWire.get(r.route)!;
  if (bytes < 100_000) continue;
  const name = r.route.split('/').pop()!;
  writeFileSync(join(clientDir, 'bench-static', `${name}.bin`), randomBytes(bytes));
  statics.push({ name: `as big as ${r.route}`, path: `/bench-static/${name}.bin`, bytes });
}
const mainChunk = readFileSync(join(clientDir, 'index.html'), 'utf8').match(/\/assets\/main-[^"]+\.js/)?.[0];
if (mainChunk) statics.push({ name: 'the client main chunk', path: mainChunk, bytes: (await probe(mainChunk)).bytes });

// --- load ------------------------------------------------------------------------------------------
interface Measured extends LoadResult {
  path: string;
}
const byLevel: Record<
  number,
  { routes: Record<string, Measured>; statics: Record<string, Measured>; conditional: Record<string, Measured> }
> = {};
/**
 * Waits until the server is idle again: a load run's clients leave work queued behind them (requests
 * whose clients have gone still run their queries), which would count against the next run; and a
 * rebuilt big answer is recompressed at quality 11 on the background thread (the metric
 * wendu_background_jobs; a server from before it had none), which would count against the first run
 * after it.
 */
const settle = () => settleAt(platform.origin);
async function settleAt(origin: string): Promise<void> {
  // The quality-11 brotli of the buildings layer (33 MB of JSON at scale 1) takes a core for about two
  // minutes: the first settle after a start waits for it.
  const started = Date.now();
  const deadline = started + 300_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const t = performance.now();
    const ok = await call(origin, agent, 'GET', '/api/health').then(
      (a) => a.status === 200,
      () => false,
    );
    const quick = ok && performance.now() - t < 100;
    quiet = quick && (await backgroundJobs(origin)) === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (quiet < 2) log('the server did not settle within 300 s');
  else if (Date.now() - started > 10_000)
    log(`the server settled after ${Math.round((Date.now() - started) / 1000)} s`);
}
/** The server's background compression jobs, from /metrics (open to this machine); 0 where it does not say. */
async function backgroundJobs(origin: string): Promise<number> {
  const metrics = await call(origin, agent, 'GET', '/metrics').catch(() => null);
  const line = metrics?.status === 200 ? /^wendu_background_jobs (\d+)$/m.exec(metrics.body.toString()) : null;
  return line ? Number(line[1]) : 0;
}
/** Seconds of load before each measured run, not counted: the route's code compiled by V8's JIT, as on a server that has run a while. */
const WARM_UP_S = 1;
/**
 * Seconds of load before the first measured run, not counted: a server that has just started (or sat
 * idle while it recompressed) answers its first seconds of load at about half speed, and the route
 * measured first paid for all of them (p99 11–15 ms for the first two routes against 6–9 for the rest;
 * 6 and 8 ms after this warm-up).
 */
const FIRST_WARM_UP_S = 10;
let warmedUp = false;
const run = async (path: string, connections: number, headers: Record<string, string> = {}): Promise<Measured> => {
  await settle();
  const warmUpS = warmedUp ? WARM_UP_S : FIRST_WARM_UP_S;
  warmedUp = true;
  await load(`${origin}${path}`, { connections, durationS: warmUpS, headers: { cookie, ...headers } });
  await settle();
  const r = await load(`${origin}${path}`, { connections, durationS, headers: { cookie, ...headers } });
  log(
    `${connections} clients ${path}${headers['if-none-match'] ? ' (If-None-Match)' : ''}: ${r.reqPerS} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`,
  );
  return { path, ...r };
};
for (const connections of levels) {
  const level: (typeof byLevel)[number] = { routes: {}, statics: {}, conditional: {} };
  byLevel[connections] = level;
  if (phases.has('routes')) for (const r of routes) level.routes[r.route] = await run(`/api${r.path}`, connections);
  if (phases.has('static')) for (const s of statics) level.statics[s.name] = await run(s.path, connections);
  if (phases.has('conditional'))
    for (const r of routes.filter((r) => r.kind === 'layer' || r.kind === 'aggregate')) {
      const { etag } = await probe(`/api${r.path}`);
      if (etag) level.conditional[r.route] = await run(`/api${r.path}`, connections, { 'if-none-match': etag });
    }
}

/** Per level: each layer against its static file, each aggregate against /api/health. */
function ratios(level: (typeof byLevel)[number]) {
  const health = level.routes['/health']?.reqPerS;
  const layerRatios: Record<string, number | null> = {};
  for (const r of layers) {
    const name = `as big as ${r.route}`;
    const own = level.routes[r.route]?.reqPerS;
    const file = level.statics[name]?.reqPerS;
    layerRatios[r.route] = own !== undefined && file ? round(own / file) : null;
  }
  const aggregateRatios: Record<string, number | null> = {};
  for (const r of routes.filter((r: BenchRoute) => r.kind === 'aggregate')) {
    const own = level.routes[r.route]?.reqPerS;
    aggregateRatios[r.route] = own !== undefined && health ? round(own / health) : null;
  }
  // A live answer (the sensors' states, moved by every reading) changes under the run: its conditional
  // requests are mostly full answers, so it is reported apart from the 304s' p99.
  const share304 = (m: Measured) =>
    (m.statuses['304'] ?? 0) /
    Math.max(
      1,
      Object.values(m.statuses).reduce((a, b) => a + b, 0),
    );
  const held = Object.entries(level.conditional).filter(([, m]) => share304(m) >= 0.95);
  const moved = Object.entries(level.conditional).filter(([, m]) => share304(m) < 0.95);
  const conditionalP99 = held.map(([, m]) => m.p99Ms);
  return {
    layerToStaticFileOfItsSize: layerRatios,
    aggregateToHealth: aggregateRatios,
    conditionalP99MsMax: conditionalP99.length ? Math.max(...conditionalP99) : null,
    conditionalMovedDuringRun: Object.fromEntries(
      moved.map(([route, m]) => [route, { share304: round(share304(m), 3) }]),
    ),
  };
}

// --- the big screen in Chromium ----------------------------------------------------------------------
const FALLBACK_CALLS = [
  '/api/overview',
  '/api/layers/grids',
  '/api/layers/components',
  '/api/layers/cameras',
  '/api/layers/patrol-points',
  '/api/layers/sensors',
  '/api/sensors/state',
  '/api/stats/events/daily?days=30',
  '/api/stats/events/by-category?days=30',
  '/api/stats/departments/ranking?days=90',
];
let screen: ScreenBytes | null = null;
if (phases.has('screen')) {
  // A server that has run a while: the components layer built, and its brotli redone at quality 11 in
  // the background (answerCache.ts) — what every screen but the first after a data change receives.
  const layerBytes = async () => (await probe('/api/layers/components')).bytes;
  const quick = await layerBytes();
  const json = await call(origin, agent, 'GET', '/api/layers/components', { cookie, 'accept-encoding': 'identity' });
  // Only a layer that big is recompressed: a smaller city's is final as built.
  const recompressed = json.body.length >= RECOMPRESS_FROM_BYTES;
  let settled = quick;
  for (let waited = 0; recompressed && waited < 180 && settled >= quick; waited += 2) {
    await new Promise((r) => setTimeout(r, 2000));
    settled = await layerBytes();
  }
  log(`components layer: ${quick} bytes when built, ${settled} once recompressed`);
  screen = await measureScreenBytes(origin, account('screen'), log);
}

// --- the shift start ------------------------------------------------------------------------------------
let shift: Record<string, unknown> | null = null;
if (phases.has('shift')) {
  const calls = screen?.apiCalls.length ? [...new Set(screen.apiCalls)] : FALLBACK_CALLS;
  const grids = (
    JSON.parse(
      (
        await call(origin, agent, 'GET', '/api/layers/grids?level=grid', { cookie, 'accept-encoding': 'identity' })
      ).body.toString(),
    ) as {
      features: { id: string }[];
    }
  ).features.map((f) => f.id);
  await settle();
  log(`shift start: making ${userCount} accounts ...`);
  const users = await prepareShift(origin, account('admin'), userCount, grids, values['shift-roles'].split(','));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // After a power cut, or the first thing in the morning after a night's cases moved every version:
  // a server that has built nothing. One centre seat alone on it, then all of them at once on another
  // such server: the first pays for the builds, the fifty share them (answerCache.ts).
  // Each on a server of its own, COLD_STARTS times over: one run of each moved by a quarter either way
  // (one seat alone took 0.9–1.8 s on the same tree within minutes), so the ratio is of the medians.
  const coldRuns = [];
  let shiftOrigin = origin;
  for (let run = 1; run <= COLD_STARTS; run++) {
    log(`shift start on a restarted server (${run}/${COLD_STARTS}): one user alone ...`);
    const one = await startOfShift(await restartedPlatform(), users[0]!, calls);
    // The last restarted server serves the rest of the phase: cold for the fifty, then warm.
    shiftOrigin = await restartedPlatform();
    const restart = lastRestart;
    const started = performance.now();
    const each = await Promise.all(users.map((u) => startOfShift(shiftOrigin, u, calls)));
    const allMs = performance.now() - started;
    log(
      `shift start on a restarted server: one user ${Math.round(one.totalMs)} ms, ${userCount} at once ${Math.round(allMs)} ms`,
    );
    coldRuns.push({
      oneUserMs: Math.round(one.totalMs),
      oneSignInMs: Math.round(one.signInMs),
      allUsersMs: Math.round(allMs),
      ratioToOneUser: round(allMs / one.totalMs),
      lastSignInDoneMs: Math.round(Math.max(...each.map((t) => t.signInMs))),
      // the restart before the fifty: SIGTERM to exit, then to "serving at"
      restart,
    });
  }
  const coldOneMs = median(coldRuns.map((r) => r.oneUserMs));
  const coldAllMs = median(coldRuns.map((r) => r.allUsersMs));
  const cold = {
    oneUserMs: coldOneMs,
    allUsersMs: coldAllMs,
    ratioToOneUser: round(coldAllMs / coldOneMs),
    runs: coldRuns,
  };
  // The same server, now warm (everything built): one alone, then all at once again.
  await settleAt(shiftOrigin);
  const alone = [];
  for (const u of users.slice(0, 3)) alone.push(await startOfShift(shiftOrigin, u, calls));
  const one = { signInMs: median(alone.map((t) => t.signInMs)), totalMs: median(alone.map((t) => t.totalMs)) };
  log(`shift start: one user ${Math.round(one.totalMs)} ms; now ${userCount} at once ...`);
  let started = performance.now();
  const each = await Promise.all(users.map((u) => startOfShift(shiftOrigin, u, calls)));
  const allMs = performance.now() - started;
  // The pages alone: everyone signed in already, all loading at once, against one alone.
  const cookies = await Promise.all(users.map((u) => signIn(shiftOrigin, u)));
  const pages = [];
  for (let i = 0; i < 3; i++) pages.push(await pageOnly(shiftOrigin, users[0]!, cookies[0]!, calls));
  const onePage = median(pages);
  started = performance.now();
  await Promise.all(users.map((u, i) => pageOnly(shiftOrigin, u, cookies[i]!, calls)));
  const allPagesMs = performance.now() - started;
  shift = {
    users: userCount,
    roles: values['shift-roles'],
    callsPerUser: calls.length,
    calls,
    oneUserMs: Math.round(one.totalMs),
    oneSignInMs: Math.round(one.signInMs),
    allUsersMs: Math.round(allMs),
    ratioToOneUser: round(allMs / one.totalMs),
    lastSignInDoneMs: Math.round(Math.max(...each.map((t) => t.signInMs))),
    slowestPageAfterSignInMs: Math.round(Math.max(...each.map((t) => t.pageMs))),
    pagesOnly: {
      oneUserMs: Math.round(onePage),
      allUsersMs: Math.round(allPagesMs),
      ratio: round(allPagesMs / onePage),
    },
    afterRestart: cold,
  };
}

// --- the sign-in storm -----------------------------------------------------------------------------------
// Everyone signing in at once and nothing else, while one screen keeps asking for a layer it holds
// (If-None-Match, 200 a second): how long the storm takes, and what it costs that screen, against the
// same screen just before with nothing else going on. Three storms, one after another. Key derivations
// run below the server's priority (server/auth/kdfThreads.ts): a storm should take the spare CPU, not
// the screen's.
let storm: Record<string, unknown> | null = null;
if (phases.has('storm')) {
  // the server running now: the shift phase, when it ran, left a restarted one
  const stormOrigin = platform.origin;
  await settle();
  log(`sign-in storm: making ${userCount} accounts ...`);
  const users = await prepareShift(stormOrigin, account('admin'), userCount, [], ['centre']);
  const probePath = '/api/layers/cameras';
  const held = await call(stormOrigin, agent, 'GET', probePath, { cookie });
  const probe = (durationS: number) =>
    load(`${stormOrigin}${probePath}`, {
      connections: 2,
      durationS,
      rate: 200,
      headers: { cookie, 'if-none-match': String(held.headers.etag) },
    });
  const runs = [];
  for (let i = 0; i < STORMS; i++) {
    const alone = await probe(3);
    const during = probe(STORM_PROBE_S);
    await new Promise((r) => setTimeout(r, 500));
    const started = performance.now();
    await Promise.all(users.map((u) => signIn(stormOrigin, u)));
    const allMs = Math.round(performance.now() - started);
    const watched = await during;
    log(
      `sign-in storm: ${userCount} sign-ins in ${allMs} ms; the screen's 304s p99 ${watched.p99Ms} ms (${alone.p99Ms} ms before)`,
    );
    runs.push({
      allMs,
      probeAlone: { p50Ms: alone.p50Ms, p99Ms: alone.p99Ms, statuses: alone.statuses },
      probeDuringStorm: { p50Ms: watched.p50Ms, p99Ms: watched.p99Ms, statuses: watched.statuses },
    });
  }
  storm = {
    signIns: userCount,
    probe: `${probePath}, If-None-Match, 2 connections, 200 req/s; ${STORM_PROBE_S} s from half a second before the storm`,
    runs,
  };
}

const counts = simulator ? await simulator.stop() : null;
agent.destroy();
await platform.stop();
console.log(
  JSON.stringify(
    {
      server: tree,
      dataset: dataDir,
      durationS,
      simulated: simulator !== null,
      simulator: counts,
      leftOut,
      wire: Object.fromEntries([...layerWire].map(([r, w]) => [r, { bytes: w.bytes, encoding: w.encoding }])),
      statics,
      levels: Object.fromEntries(Object.entries(byLevel).map(([c, level]) => [c, { ...level, ...ratios(level) }])),
      screen,
      shiftStart: shift,
      signInStorm: storm,
    },
    null,
    2,
  ),
);
process.exit(0);

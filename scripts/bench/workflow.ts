// `npm run bench:workflow [-- --data DIR] [--data10 DIR] [--times 10] [--runs 20] [--users 50] [--duration 20]
//   [--only assessment,actions]`: the case workflow measured.
//   - assessment: GET /api/assessment's work on a cache miss (the store's query and the scoring), per
//     level, for the last complete month and the last complete year, on the scale-1 store and on one
//     with --times the case history (multiplyHistory.ts: the generator's --scale 10 cannot place the
//     population). p50/p95 per level and over all levels.
//   - actions: --users staff accounts of the dataset (grid workers, centre seats, departments in the
//     ratio 2:1.5:1.5), brought into use through the admin API, signed in from addresses of their own,
//     doing real transitions on freshly reported cases for --duration seconds against the server in its
//     own process (caseTraffic.ts): actions per second and latency, acknowledged after the commit.
// Prints one JSON summary on stdout (progress on stderr). Not part of `npm test`. KEEP_RUN=1 keeps the
// run's folder (its copy of the store and the server's log, with each request's time on the server).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DemoUser } from '../../server/auth/demoUsers';
import { buildDataset } from '../generate/build';
import { browserAgent, call } from './serve/rawHttp';
import { startPlatformProcess } from './serve/serverProcess';
import { lastCompletePeriods, timeAssessments } from './workflow/assessmentTimes';
import { caseTraffic } from './workflow/caseTraffic';
import { withCpu } from './workflow/cpu';
import { floorOf } from './workflow/floor';
import { summarise } from './workflow/latency';
import { multiplyHistory } from './workflow/multiplyHistory';
import { readyStaff } from './workflow/staff';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    data10: { type: 'string' },
    times: { type: 'string', default: '10' },
    runs: { type: 'string', default: '20' },
    users: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    only: { type: 'string', default: 'assessment,actions' },
  },
});
const phases = new Set(values.only.split(','));
const times = Number(values.times);
const runs = Number(values.runs);
const userCount = Number(values.users);
const durationS = Number(values.duration);
if (![times, runs, userCount, durationS].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('bench:workflow: --times, --runs, --users and --duration must be positive integers');
  process.exit(2);
}
const log = (m: string) => console.error(`[bench:workflow] ${m}`);

// --- the stores ------------------------------------------------------------------------------------
const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'wendu-bench-workflow-x1-'));
const dbPath = join(dataDir, 'wendu.duckdb');
if (!existsSync(dbPath)) {
  log(`generating a scale-1 dataset in ${dataDir} ...`);
  await buildDataset({ seed: 20220601, scale: 1, today: '2026-11-01T00:00:00.000Z', outDir: dataDir, quiet: true });
}
const manifest = JSON.parse(readFileSync(join(dataDir, 'dataset', 'manifest.json'), 'utf8')) as {
  meta: { today: string };
};
const periods = lastCompletePeriods(manifest.meta.today);
const summary: Record<string, unknown> = {
  machine: { cpus: cpus().length, loadAverage: loadavg() },
  dataset: { dir: dataDir, today: manifest.meta.today },
};

if (phases.has('assessment')) {
  const dir10 = values.data10 ? resolve(values.data10) : mkdtempSync(join(tmpdir(), `wendu-bench-workflow-x${times}-`));
  const db10 = join(dir10, 'wendu.duckdb');
  if (!existsSync(db10)) {
    log(`multiplying the case history ×${times} into ${dir10} ...`);
    mkdirSync(dir10, { recursive: true });
    const t = performance.now();
    const rows = await multiplyHistory(dbPath, db10, times);
    log(`done in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(rows)}`);
  }
  const list = [periods.month, periods.year];
  log(`assessment at 1× (${list.map((p) => p.value).join(', ')}) ...`);
  const x1 = await timeAssessments(dbPath, list, runs, log);
  log(`assessment at ${times}× ...`);
  const xN = await timeAssessments(db10, list, runs, log);
  summary.assessment = {
    what: 'GET /api/assessment on a cache miss: the store query and the scoring, in process, one at a time',
    runsPerLevel: runs,
    x1,
    [`x${times}`]: xN,
    aim: `p95 < 200 ms at ${times}×`,
  };
}

if (phases.has('actions')) {
  const runDir = mkdtempSync(join(tmpdir(), 'wendu-bench-workflow-run-'));
  // the demo users' passwords too: a store a server has opened already holds its demo users, and a
  // server writes demo-users.json only when it creates them
  for (const f of ['wendu.duckdb', 'wendu.duckdb.wal', 'demo-users.json'])
    if (existsSync(join(dataDir, f))) cpSync(join(dataDir, f), join(runDir, f));
  const platform = await startPlatformProcess(
    '.',
    {
      dataDir: runDir,
      dbPath: join(runDir, 'wendu.duckdb'),
      clientDir: join(runDir, 'no-client'),
      tilesDir: join(runDir, 'no-tiles'),
    },
    log,
  );
  try {
    const demo = JSON.parse(readFileSync(join(runDir, 'demo-users.json'), 'utf8')) as DemoUser[];
    const admin = demo.find((d) => d.role === 'admin')!;
    // 2 : 1.5 : 1.5 — grid workers report and verify, seats file and dispatch, departments accept and feed back.
    const gw = Math.round(userCount * 0.4);
    const seats = Math.min(16, Math.round(userCount * 0.3));
    const depts = Math.min(22, userCount - gw - seats);
    const ids = [
      ...Array.from({ length: gw }, (_, i) => `S-gw${String(i + 1).padStart(3, '0')}`),
      ...Array.from({ length: seats }, (_, i) => `S-seat${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: depts }, (_, i) => `S-d${String(i + 1).padStart(2, '0')}`),
    ];
    log(`bringing ${ids.length} staff accounts into use (reset, enable, first sign-in, own password) ...`);
    const staff = await readyStaff(platform.origin, { username: admin.username, password: admin.password }, ids);
    // A place in each grid worker's grid: one of its recorded cases.
    const places = new Map<string, [number, number]>();
    for (const u of staff.filter((s) => s.role === 'gridworker')) {
      const a = await call(platform.origin, u.agent, 'GET', `/api/events?gridId=${u.unitId}&limit=1`, {
        cookie: u.cookie,
        'accept-encoding': 'identity',
      });
      places.set(u.unitId!, JSON.parse(a.body.toString()).events[0].position);
    }
    const floorS = Math.max(3, Math.round(durationS / 4));
    log(`the floor: the same users on /api/health and /api/auth/me, ${floorS} s each ...`);
    const pid = platform.child.pid;
    const health = await floorOf(platform.origin, staff, '/api/health', floorS);
    const [me, meCpuMs] = await withCpu(pid, () => floorOf(platform.origin, staff, '/api/auth/me', floorS));
    const floor = { health, me };
    log(`${staff.length} users working cases for ${durationS} s ...`);
    const [traffic, trafficCpuMs] = await withCpu(pid, () =>
      caseTraffic(platform.origin, staff, places, durationS, log),
    );
    for (const u of staff) u.agent.destroy();
    // The cached answer of the same route, through HTTP, once the traffic stopped.
    const probe = browserAgent('127.0.0.1');
    const seat = staff.find((s) => s.role === 'centre')!;
    const cached: Record<string, unknown> = {};
    for (const p of [periods.month, periods.year]) {
      const path = `/api/assessment?period=${p.value}&level=gridworker`;
      const first = performance.now();
      await call(platform.origin, probe, 'GET', path, { cookie: seat.cookie, 'accept-encoding': 'br' });
      const firstMs = performance.now() - first;
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await call(platform.origin, probe, 'GET', path, { cookie: seat.cookie, 'accept-encoding': 'br' });
        samples.push(performance.now() - t);
      }
      cached[p.kind] = { path, firstMs: Math.round(firstMs), cached: summarise(samples) };
    }
    probe.destroy();
    summary.actions = {
      what: 'real transitions on freshly reported cases; each answer is sent after its transaction committed',
      aim: '≥ 500 actions/s, p99 < 100 ms',
      ...traffic,
      floor,
      // Writes (actions and reports) per second as a share of what the stack answers on its lightest
      // signed-in route with the same users: the part of the machine the workflow leaves unused.
      writesVsFloor: Math.round(((traffic.actionsPerS + traffic.reportsPerS) / floor.me.perS) * 100) / 100,
      // The server's CPU (all threads) per write and per `/api/auth/me`: what a write costs, less moved
      // by the machine's speed than the rates above.
      serverCpu: serverCpu(trafficCpuMs, traffic.actions + traffic.reports, meCpuMs, me.latency.n),
    };
    summary.assessmentHttpAt1x = cached;
  } finally {
    await platform.stop();
    if (!process.env.KEEP_RUN) rmSync(runDir, { recursive: true, force: true }); // the run's own copy of the store
  }
}

/** CPU milliseconds per write and per floor request, and their ratio (null where /proc is not there). */
function serverCpu(writeMs: number | null, writes: number, floorMs: number | null, floorRequests: number) {
  if (writeMs === null || floorMs === null || writes === 0 || floorRequests === 0) return null;
  const perWrite = writeMs / writes;
  const perFloor = floorMs / floorRequests;
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  return { msPerWrite: round(perWrite, 3), msPerMe: round(perFloor, 3), writeVsMe: round(perWrite / perFloor, 2) };
}

console.log(JSON.stringify(summary, null, 2));
process.exit(0);

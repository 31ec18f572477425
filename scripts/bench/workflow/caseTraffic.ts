// Staff working cases at once through the API, each with one request in flight: grid workers report
// in their own grid and verify what comes back to it, centre seats file and dispatch, departments
// accept and report handled. Cases flow between them through in-memory queues, so every action is a
// real, legal transition of a freshly reported case. An answer (200/201) is sent once the step's
// transaction has committed (store/cases.ts), so its latency is the acknowledgement after the commit.
import { call } from '../serve/rawHttp';
import { type Latency, summarise } from './latency';
import { PLAIN, type StaffUser } from './staff';

export interface TrafficResult {
  durationS: number;
  users: Record<string, number>;
  /** file, dispatch, accept, feedback and verify answered 200. */
  actions: number;
  actionsPerS: number;
  actionLatency: Latency;
  byAction: Record<string, Latency & { perS: number }>;
  reports: number;
  reportsPerS: number;
  reportLatency: Latency;
  /** Cases that went all the way to a passed verification (结案) within the run. */
  closed: number;
  failures: { count: number; examples: string[] };
}

interface Case {
  id: string;
  reporter: StaffUser;
  department: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function caseTraffic(
  origin: string,
  staff: StaffUser[],
  places: Map<string, [number, number]>,
  durationS: number,
  log: (m: string) => void,
): Promise<TrafficResult> {
  const gridworkers = staff.filter((u) => u.role === 'gridworker');
  const seats = staff.filter((u) => u.role === 'centre');
  const departments = staff.filter((u) => u.role === 'department');
  const toFile: Case[] = [];
  const toDispatch: Case[] = [];
  const toAccept = new Map(departments.map((d) => [d.departmentId!, [] as Case[]]));
  const toFeedback = new Map(departments.map((d) => [d.departmentId!, [] as Case[]]));
  const toVerify = new Map(gridworkers.map((g) => [g.id, [] as Case[]]));
  const samples = new Map<string, number[]>();
  const failures: string[] = [];
  let failed = 0;
  let closed = 0;
  let nextDepartment = 0;
  const deadline = performance.now() + durationS * 1000;
  const started = performance.now();

  const send = async (user: StaffUser, what: string, path: string, body: unknown, status: number) => {
    const t = performance.now();
    const a = await call(origin, user.agent, 'POST', path, { ...PLAIN, cookie: user.cookie }, body);
    const ms = performance.now() - t;
    if (a.status !== status) {
      failed++;
      if (failures.length < 5) failures.push(`${user.id} ${what}: ${a.status} ${a.body.toString().slice(0, 200)}`);
      return null;
    }
    const list = samples.get(what);
    if (list) list.push(ms);
    else samples.set(what, [ms]);
    return JSON.parse(a.body.toString()) as { id: string };
  };
  const act = (user: StaffUser, c: Case, body: Record<string, unknown>) =>
    send(user, String(body.action), `/api/events/${c.id}/actions`, body, 200);

  // A grid worker verifies what came back to their grid first; otherwise reports, while the centre keeps up.
  const gridworker = async (u: StaffUser) => {
    const [lon, lat] = places.get(u.unitId!)!;
    while (performance.now() < deadline) {
      const c = toVerify.get(u.id)!.shift();
      if (c) {
        if (await act(u, c, { action: 'verify', passed: true, note: '已核查，处置到位' })) closed++;
      } else if (toFile.length < 200) {
        const made = await send(
          u,
          'report',
          '/api/events',
          { itemCode: '010101', lon, lat, description: '小区门口垃圾裸露堆放（压测）', source: 'patrol' },
          201,
        );
        if (made) toFile.push({ id: made.id, reporter: u, department: '' });
      } else await sleep(2);
    }
  };
  // A seat dispatches what is filed, then files what is reported; each case to the next department in turn.
  const seat = async (u: StaffUser) => {
    while (performance.now() < deadline) {
      const d = toDispatch.shift();
      if (d) {
        const dept = departments[nextDepartment++ % departments.length]!.departmentId!;
        if (await act(u, d, { action: 'dispatch', lead: { assignee: dept } })) {
          d.department = dept;
          toAccept.get(dept)!.push(d);
        }
        continue;
      }
      const f = toFile.shift();
      if (f) {
        if (await act(u, f, { action: 'file', note: '属实，立案' })) toDispatch.push(f);
      } else await sleep(2);
    }
  };
  // A department reports handled what it accepted, then accepts what it was given.
  const department = async (u: StaffUser) => {
    const mine = u.departmentId!;
    while (performance.now() < deadline) {
      const h = toFeedback.get(mine)!.shift();
      if (h) {
        if (await act(u, h, { action: 'feedback', note: '已清运' })) toVerify.get(h.reporter.id)!.push(h);
        continue;
      }
      const a = toAccept.get(mine)!.shift();
      if (a) {
        if (await act(u, a, { action: 'accept' })) toFeedback.get(mine)!.push(a);
      } else await sleep(2);
    }
  };
  const progress = setInterval(() => {
    const n = [...samples.entries()].filter(([k]) => k !== 'report').reduce((s, [, v]) => s + v.length, 0);
    log(
      `${((performance.now() - started) / 1000).toFixed(0)} s: ${n} actions, ${samples.get('report')?.length ?? 0} reports, ${failed} failed`,
    );
  }, 5000);
  await Promise.all([...gridworkers.map(gridworker), ...seats.map(seat), ...departments.map(department)]);
  clearInterval(progress);
  const elapsedS = (performance.now() - started) / 1000;

  const actionSamples = [...samples.entries()].filter(([k]) => k !== 'report').flatMap(([, v]) => v);
  const reports = samples.get('report') ?? [];
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    durationS: round(elapsedS),
    users: { gridworker: gridworkers.length, centre: seats.length, department: departments.length },
    actions: actionSamples.length,
    actionsPerS: round(actionSamples.length / elapsedS),
    actionLatency: summarise(actionSamples),
    byAction: Object.fromEntries(
      [...samples.entries()]
        .filter(([k]) => k !== 'report')
        .map(([k, v]) => [k, { ...summarise(v), perS: round(v.length / elapsedS) }]),
    ),
    reports: reports.length,
    reportsPerS: round(reports.length / elapsedS),
    reportLatency: summarise(reports),
    closed,
    failures: { count: failed, examples: failures },
  };
}

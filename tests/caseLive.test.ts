// Case changes on the live stream, against a real server over HTTP: a report, a filing and a
// dispatch made through the workflow's routes reach each listener whose scope reads the case (as GET
// /api/events scopes it) as `event` messages naming the action — a department hears of a case once it
// is dispatched to it, and never of a case of another department.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveEvent } from '../server/domain/live';
import { TAXONOMY } from '../server/domain/taxonomy';
import { LiveCaseSchema } from '../server/routes/caseSchemas';
import { readDataset } from './helpers/dataset';
import { type Platform, startPlatform } from './helpers/platform';

let platform: Platform;
const cookies = new Map<string, string>();
let inGrid: [number, number];

async function signIn(role: string): Promise<string> {
  const u = platform.users.get(role)!;
  const res = await fetch(`${platform.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: u.username, password: u.password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api(role: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${platform.baseUrl}/api${path}`, {
    method,
    headers: { cookie: cookies.get(role)!, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

/** A listener on GET /api/live: every `event` message it receives, in order, until stopped. */
async function listen(role: string) {
  const controller = new AbortController();
  const res = await fetch(`${platform.baseUrl}/api/live`, {
    headers: { cookie: cookies.get(role)! },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const heard: LiveEvent[] = [];
  let ready!: () => void;
  const isReady = new Promise<void>((r) => {
    ready = r;
  });
  const waiters: { pick: (e: LiveEvent) => boolean; resolve: () => void }[] = [];
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name === 'ready') ready();
          if (name !== 'event' || !data) continue;
          const e = JSON.parse(data) as LiveEvent;
          heard.push(e);
          for (const w of waiters.filter((w) => w.pick(e))) w.resolve();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  await isReady;
  return {
    heard,
    /** Resolves once a message matching `pick` has arrived (or already had). */
    until: (pick: (e: LiveEvent) => boolean) =>
      heard.some(pick) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pick, resolve })),
    stop: async () => {
      controller.abort();
      await reading;
    },
  };
}

beforeAll(async () => {
  platform = await startPlatform();
  for (const role of ['gridworker', 'department', 'centre', 'screen']) cookies.set(role, await signIn(role));
  const me = await api('gridworker', 'GET', '/auth/me');
  inGrid = readDataset(inject('smallDataDir')).events.find((e) => e.gridId === me.user.unitId)!.position;
}, 240_000);
afterAll(() => platform?.stop());

describe('case changes on the live stream', () => {
  it('a department hears of a case dispatched to it, not of another department’s; the screen hears of all', async () => {
    // Two items another department answers for (the demo department is D02)
    const [mine, other] = TAXONOMY.items.filter((i) => i.departmentId !== 'D02').slice(0, 2);
    const department = await listen('department');
    const screen = await listen('screen');
    const gridworker = await listen('gridworker');
    const report = (itemCode: string) =>
      api('gridworker', 'POST', '/events', {
        itemCode,
        lon: inGrid[0],
        lat: inGrid[1],
        description: '实时推送测试',
        source: 'patrol',
      });
    const a = await report(mine!.code);
    const b = await report(other!.code);
    await api('centre', 'POST', `/events/${a.id}/actions`, { action: 'file' });
    await api('centre', 'POST', `/events/${a.id}/actions`, { action: 'dispatch', lead: { assignee: 'D02' } });

    await department.until((e) => e.id === a.id && e.action === 'dispatch');
    await screen.until((e) => e.id === a.id && e.action === 'dispatch');
    await gridworker.until((e) => e.id === a.id && e.action === 'dispatch');
    // b was reported before a's dispatch: had it been sent to the department, it would be here already
    const ours = (l: { heard: LiveEvent[] }) =>
      l.heard.filter((e) => e.id === a.id || e.id === b.id).map((e) => `${e.id}:${e.action}`);
    expect(ours(department)).toEqual([`${a.id}:dispatch`]);
    expect(ours(screen)).toEqual([`${a.id}:report`, `${b.id}:report`, `${a.id}:file`, `${a.id}:dispatch`]);
    expect(ours(gridworker)).toEqual(ours(screen)); // both in the worker's grid
    const dispatched = department.heard.find((e) => e.id === a.id)!;
    expect(dispatched).toMatchObject({
      status: 'dispatched',
      holders: ['D02'],
      taskDepartments: ['D02'],
      gridId: a.gridId,
      itemCode: mine!.code,
      code: a.code,
    });
    // Every case message is what docs/asyncapi.yaml documents (caseEvent)
    for (const e of screen.heard) expect(LiveCaseSchema.safeParse(e).error).toBeUndefined();
    await Promise.all([department.stop(), screen.stop(), gridworker.stop()]);
  });
});

// The case workflow through the API, on a copy of the small dataset, with the demo account of every
// role and a clock the test moves: reporting, every action including the refused ones (wrong role,
// wrong state, not the holder, outside the scope, bad input), the filters, the audit log.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { Role } from '../server/domain/access';
import type { CityDataset } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { call, expectError, signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookies: Map<Role, string>;
const me = new Map<Role, { userId: string; unitId: string | null }>();
// Monday 2026-11-02, 09:00 in Tongcheng: working time.
let clock = Date.parse('2026-11-02T01:00:00.000Z');
const tick = (minutes: number) => {
  clock += minutes * 60_000;
};
let inGrid: [number, number];
let otherPlace: [number, number];

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => new Date(clock).toISOString(), startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
  for (const [role, cookie] of cookies) {
    const user = (await call(app, 'GET', '/api/auth/me', { cookie })).body.user;
    me.set(role, { userId: user.userId, unitId: user.unitId });
  }
  const grid = me.get('gridworker')!.unitId!;
  const subdistrict = me.get('subdistrict')!.unitId!;
  inGrid = data.events.find((e) => e.gridId === grid)!.position;
  const pathOf = (gridId: string) => {
    const g = data.adminUnits.find((u) => u.id === gridId)!;
    return data.adminUnits.find((u) => u.id === g.parentId)!.parentId;
  };
  otherPlace = data.events.find(
    (e) => data.adminUnits.find((u) => u.id === e.gridId)!.area === 'urban' && pathOf(e.gridId) !== subdistrict,
  )!.position;
});
afterAll(() => db.close());

const as = (role: Role, method: string, path: string, json?: unknown) =>
  call(app, method, `/api${path}`, { cookie: cookies.get(role), json });
const act = (role: Role, id: string, body: Record<string, unknown>) => as(role, 'POST', `/events/${id}/actions`, body);

async function report(role: Role, body: Partial<Record<string, unknown>> = {}) {
  const res = await as(role, 'POST', '/events', {
    itemCode: '010101',
    lon: inGrid[0],
    lat: inGrid[1],
    description: '小区门口垃圾裸露堆放',
    source: 'patrol',
    ...body,
  });
  return res;
}

async function count(sql: string): Promise<number> {
  return Number((await db.one<{ n: number }>(sql))!.n);
}

describe('POST /api/events (上报)', () => {
  it('files nothing yet: the report waits for the centre, the grid found from the place', async () => {
    const res = await report('gridworker');
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'reported',
      gridId: me.get('gridworker')!.unitId,
      source: 'patrol',
      holders: ['centre'],
      tasks: [],
      actions: [],
    });
    expect(res.body.id).toMatch(/^ER\d{7}$/);
    expect(res.body.steps).toMatchObject([
      { seq: 1, stage: 'collect', action: 'report', role: 'gridworker', actor: me.get('gridworker')!.userId },
    ]);
    expect(Date.parse(res.body.dueAt)).toBeGreaterThan(clock);
    const centre = await as('centre', 'GET', `/events/${res.body.id}`);
    expect(centre.body.actions).toEqual(expect.arrayContaining(['file', 'reject', 'merge', 'supervise']));
  });

  it('takes a case a city leader assigns (领导交办) as its own source, waiting for the centre', async () => {
    const res = await report('leader', { source: 'leader', description: '市领导交办：老旧小区雨污管网改造进度' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ source: 'leader', status: 'reported', holders: ['centre'] });
    expect(res.body.steps[0]).toMatchObject({ action: 'report', role: 'leader' });
    expect((await as('centre', 'GET', '/events?source=leader&limit=50')).body.events.map((e: any) => e.id)).toContain(
      res.body.id,
    );
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM events');
    expectError(await report('gridworker', { itemCode: '999999' }), 400, 'unknown_item');
    expectError(await report('gridworker', { lon: 0, lat: 0 }), 400, 'outside_city');
    expectError(await report('gridworker', { source: 'hotline' }), 400, 'invalid_source');
    expectError(await report('gridworker', { source: 'leader' }), 400, 'invalid_source');
    expectError(await report('leader', { source: 'patrol' }), 400, 'invalid_source');
    expectError(await report('gridworker', { description: '' }), 400, 'bad_request');
    expectError(await report('gridworker', { lon: otherPlace[0], lat: otherPlace[1] }), 403, 'out_of_scope');
    expectError(await report('analyst'), 403, 'forbidden');
    const bad = await report('gridworker', { itemCode: '999999' });
    expect(bad.body.error.fields).toEqual([{ field: 'itemCode', message: expect.any(String) }]);
    expect(await count('SELECT count(*) AS n FROM events')).toBe(before);
  });
});

describe('POST /api/events/{id}/actions', () => {
  it('runs a case through the loop with a return, an extension and a rework, each step with its role', async () => {
    const id = (await report('gridworker')).body.id;
    tick(10);
    expect((await act('centre', id, { action: 'file', note: '属实，立案' })).status).toBe(200);
    const again = await act('centre', id, { action: 'file' });
    expectError(again, 409, 'illegal_transition');
    expect(again.body.error.message).toContain(`Cannot file case ${id} in state 'filed'`);
    expectError(await act('gridworker', id, { action: 'dispatch', lead: { assignee: 'D02' } }), 403, 'forbidden');
    expectError(await act('centre', id, { action: 'dispatch', lead: { assignee: 'D99' } }), 400, 'invalid_command');
    expect((await act('centre', id, { action: 'dispatch', lead: { assignee: 'D04' } })).body.holders).toEqual(['D04']);
    // D04 returns it (the demo department is D02: staff of D04 would; the centre re-dispatches after a return by the lead)
    const d04 = await db.one<{ n: number }>(
      "SELECT count(*) AS n FROM event_tasks WHERE event_id = $1 AND assignee = 'D04'",
      [id],
    );
    expect(Number(d04!.n)).toBe(1);
    expectError(await act('department', id, { action: 'accept' }), 404, 'not_found'); // D02 holds no task: outside its scope
    tick(5);
    // The centre takes it back by a return on D04's behalf is not allowed: only the holder returns.
    expectError(await act('centre', id, { action: 'return', reason: 'x' }), 403, 'forbidden');
    await db.write((conn) => conn.run("UPDATE users SET department_id = 'D04' WHERE username = 'department'"));
    db.versions.bump('users'); // written behind the store's back: the guard's remembered sessions must hear of it
    try {
      const ret = await act('department', id, { action: 'return', reason: '属城管职责' });
      expect(ret.status, ret.text).toBe(200);
      expect(ret.body).toMatchObject({ status: 'filed', counts: { returns: 1 }, holders: ['centre'] });
    } finally {
      await db.write((conn) => conn.run("UPDATE users SET department_id = 'D02' WHERE username = 'department'"));
      db.versions.bump('users'); // written behind the store's back: the guard's remembered sessions must hear of it
    }
    expect((await act('centre', id, { action: 'dispatch', lead: { assignee: 'D02' } })).status).toBe(200);
    const mine = await as('department', 'GET', '/events?holder=me&limit=500');
    expect(mine.body.events.map((e: any) => e.id)).toContain(id);
    tick(30);
    expect((await act('department', id, { action: 'accept' })).body.status).toBe('handling');
    expectError(await act('department', id, { action: 'accept' }), 403, 'not_task_holder'); // a second click
    expect(
      (await act('department', id, { action: 'requestExtension', hours: 8, reason: '需协调物业' })).body.holders.sort(),
    ).toEqual(['D02', 'centre']);
    const before = (await as('centre', 'GET', `/events/${id}`)).body.tasks[1].deadlineAt;
    const approved = await act('centre', id, { action: 'approveExtension' });
    expect(Date.parse(approved.body.tasks[1].deadlineAt) - Date.parse(before)).toBeGreaterThan(0);
    expect(approved.body.counts.extensions).toBe(1);
    tick(60);
    expect((await act('department', id, { action: 'feedback', note: '已清运' })).body).toMatchObject({
      status: 'feedback',
      holders: [me.get('gridworker')!.unitId],
    });
    expectError(await act('leader', id, { action: 'verify', passed: true }), 403, 'forbidden');
    expect((await act('gridworker', id, { action: 'verify', passed: false, note: '仍有垃圾' })).body).toMatchObject({
      status: 'handling',
      counts: { reworks: 1 },
    });
    tick(30);
    await act('department', id, { action: 'feedback' });
    const verified = await act('gridworker', id, { action: 'verify', passed: true });
    expect(verified.body).toMatchObject({ status: 'verified', closedAt: new Date(clock).toISOString() });
    expectError(
      await act('centre', id, { action: 'evaluate', satisfaction: 'very', ratedBy: 'resident' }),
      400,
      'bad_request',
    );
    const closed = await act('centre', id, { action: 'evaluate', satisfaction: 'satisfied', ratedBy: 'resident' });
    expect(closed.body).toMatchObject({
      status: 'closed',
      evaluation: { satisfaction: 'satisfied', ratedBy: 'resident' },
      holders: [],
    });
    expect(closed.body.steps.map((s: any) => `${s.action}/${s.role}`)).toEqual([
      'report/gridworker',
      'file/centre',
      'dispatch/centre',
      'return/department',
      'dispatch/centre',
      'accept/department',
      'requestExtension/department',
      'approveExtension/centre',
      'feedback/department',
      'verify/gridworker',
      'feedback/department',
      'verify/gridworker',
      'evaluate/centre',
    ]);
    expect(closed.body.steps.every((s: any) => typeof s.actor === 'string' && s.at)).toBe(true);
  });

  it('summons several departments: the co-handling department sees the case and works its own task', async () => {
    const created = await as('centre', 'POST', '/events', {
      itemCode: '060201', // 路面破损: 住建 (D04)
      lon: otherPlace[0],
      lat: otherPlace[1],
      description: '路面坑洼破损',
      source: 'hotline',
    });
    const id = created.body.id;
    await act('centre', id, { action: 'file' });
    expectError(await as('department', 'GET', `/events/${id}`), 404, 'not_found');
    const summons = await act('centre', id, {
      action: 'dispatch',
      lead: { assignee: 'D04' },
      co: [{ assignee: 'D02', hours: 4 }, { assignee: 'D07' }],
    });
    expect(summons.body.tasks.map((t: any) => [t.role, t.assignee.id, t.state])).toEqual([
      ['lead', 'D04', 'assigned'],
      ['co', 'D02', 'assigned'],
      ['co', 'D07', 'assigned'],
    ]);
    const seen = await as('department', 'GET', `/events/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.actions.sort()).toEqual(['accept', 'return']);
    expect((await as('department', 'GET', '/events?limit=500&open=true')).body.events.map((e: any) => e.id)).toContain(
      id,
    );
    expect((await act('department', id, { action: 'accept' })).body.tasks[1].state).toBe('accepted');
    expect((await act('department', id, { action: 'feedback' })).body.tasks[1].state).toBe('done');
    expectError(await act('gridworker', id, { action: 'accept' }), 404, 'not_found'); // outside the grid worker's grid
  });

  it('escalates grid → community → subdistrict → centre (街道吹哨)', async () => {
    const id = (await report('gridworker')).body.id;
    await act('centre', id, { action: 'file' });
    await act('centre', id, { action: 'dispatch', lead: { assignee: me.get('gridworker')!.unitId } });
    expect((await act('gridworker', id, { action: 'escalate', note: '无法自行处置' })).body.holders).toEqual([
      me.get('community')!.unitId,
    ]);
    expect((await act('community', id, { action: 'escalate' })).body.holders).toEqual([me.get('subdistrict')!.unitId]);
    const whistle = await act('subdistrict', id, { action: 'escalate', note: '街道吹哨，请求部门报到' });
    expect(whistle.body).toMatchObject({ status: 'filed', holders: ['centre'], counts: { escalations: 3 } });
    expectError(await act('subdistrict', id, { action: 'escalate' }), 409, 'illegal_transition');
  });

  it('turns reports away: invalid (不予立案) and duplicate (合并), written to the audit log', async () => {
    const a = (await report('gridworker')).body.id;
    const b = (await report('gridworker')).body.id;
    expectError(await act('centre', a, { action: 'reject' }), 400, 'bad_request');
    expect((await act('centre', a, { action: 'reject', reason: '非城市管理范围' })).body).toMatchObject({
      status: 'rejected',
      rejectedReason: '非城市管理范围',
      holders: [],
    });
    expectError(await act('centre', a, { action: 'file' }), 409, 'illegal_transition');
    expectError(await act('centre', b, { action: 'merge', into: a }), 400, 'invalid_command'); // a is not open
    const c = (await report('gridworker')).body.id;
    expect((await act('centre', b, { action: 'merge', into: c })).body).toMatchObject({
      status: 'merged',
      mergedInto: c,
    });
    // Reports never filed are counted apart from the cases.
    const overview = (await as('centre', 'GET', '/overview')).body;
    expect(overview.events.total).toBe(
      await count("SELECT count(*) AS n FROM events WHERE status NOT IN ('rejected', 'merged')"),
    );
    expect((await as('centre', 'GET', '/events?open=true&limit=500')).body.events.map((e: any) => e.id)).not.toContain(
      a,
    );
    const audit = await as('admin', 'GET', `/audit?action=case-reject&limit=50`);
    expect(audit.body.entries.map((e: any) => e.targetId)).toContain(a);
  });

  it('shelves a case (挂账) under a supervisor, lists it as supervised, and resumes it', async () => {
    const id = (await report('gridworker')).body.id;
    await act('centre', id, { action: 'file' });
    expectError(
      await act('centre', id, { action: 'shelve', reason: '历史遗留', supervisor: 'U-nobody' }),
      400,
      'invalid_command',
    );
    const shelved = await act('centre', id, {
      action: 'shelve',
      reason: '历史遗留产权纠纷',
      supervisor: me.get('leader')!.userId,
    });
    expect(shelved.body).toMatchObject({
      longTerm: { reason: '历史遗留产权纠纷', supervisor: me.get('leader')!.userId },
      holders: [],
      dueAt: null,
    });
    expect(
      (await as('centre', 'GET', '/events?supervised=true&limit=500')).body.events.map((e: any) => e.id),
    ).toContain(id);
    expectError(await act('centre', id, { action: 'dispatch', lead: { assignee: 'D02' } }), 409, 'illegal_transition');
    const resumed = await act('centre', id, { action: 'unshelve' });
    expect(resumed.body).toMatchObject({ holders: ['centre'], longTerm: null, supervisedBy: me.get('leader')!.userId });
    expectError(await act('leader', id, { action: 'supervise' }), 409, 'illegal_transition'); // supervised already
    const other = (await report('gridworker')).body.id;
    expect((await act('leader', other, { action: 'supervise', note: '请加快' })).body.supervisedBy).toBe(
      me.get('leader')!.userId,
    );
    expect(
      (await as('admin', 'GET', '/audit?action=case-shelve&limit=50')).body.entries.map((e: any) => e.targetId),
    ).toContain(id);
  });

  it('refuses roles without case work, unknown actions and cases outside the scope', async () => {
    const id = (await report('gridworker')).body.id;
    for (const role of ['analyst', 'screen', 'admin'] as const)
      expectError(await act(role, id, { action: 'file' }), 403, 'forbidden');
    expectError(await act('centre', id, { action: 'explode' }), 400, 'bad_request');
    expectError(await act('centre', 'E9999999', { action: 'file' }), 404, 'not_found');
    const steps = await count(`SELECT count(*) AS n FROM event_steps WHERE event_id = '${id}'`);
    expect(steps).toBe(1);
  });
});

describe('time limits through the API', () => {
  it('lists a missed limit as overdue and deducts its holder once, when the late action comes', async () => {
    const id = (await report('gridworker', { itemCode: '050201', description: '闻到燃气味' })).body.id; // urgent: 6-minute filing limit
    tick(5);
    expect((await as('centre', 'GET', '/events?warning=true&limit=500')).body.events.map((e: any) => e.id)).toContain(
      id,
    );
    tick(5);
    const overdue = await as('centre', 'GET', '/events?overdue=true&holder=centre&limit=500');
    expect(overdue.body.events.find((e: any) => e.id === id)).toMatchObject({ overdue: true });
    const filed = await act('centre', id, { action: 'file' });
    expect(filed.body.deductions).toMatchObject([
      { holder: 'centre', stage: 'file', points: 3, reason: expect.stringContaining('立案超时') },
    ]);
    expect(await count(`SELECT count(*) AS n FROM case_deductions WHERE event_id = '${id}'`)).toBe(1);
    expect(filed.body).toEqual((await as('centre', 'GET', `/events/${id}`)).body);
    expect(
      (await as('centre', 'GET', '/events?overdue=true&limit=500')).body.events.map((e: any) => e.id),
    ).not.toContain(id);
  });
});

describe('many staff at once (the case writer batches them: store/caseWriter.ts)', () => {
  it('decides concurrent clicks one after the other: each case filed once, every second click refused', async () => {
    const made = await Promise.all(Array.from({ length: 12 }, () => report('gridworker')));
    for (const r of made) expect(r.status, r.text).toBe(201);
    const ids = made.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    // Two clicks on 立案 for every case, all in flight together: one of each pair files, the other is refused.
    const clicks = await Promise.all(ids.flatMap((id) => [0, 1].map(() => act('centre', id, { action: 'file' }))));
    for (const [i, id] of ids.entries()) {
      const pair = clicks.slice(i * 2, i * 2 + 2);
      expect(pair.map((r) => r.status).sort(), pair.map((r) => r.text).join('\n')).toEqual([200, 409]);
      expectError(pair.find((r) => r.status === 409)!, 409, 'illegal_transition');
      expect(pair.find((r) => r.status === 200)!.body).toMatchObject({ id, status: 'filed' });
    }
    // Then every case dispatched at once, each answered with its own dossier.
    const dispatched = await Promise.all(
      ids.map((id) => act('centre', id, { action: 'dispatch', lead: { assignee: 'D02' } })),
    );
    for (const [i, id] of ids.entries()) {
      expect(dispatched[i]!.status, dispatched[i]!.text).toBe(200);
      expect(dispatched[i]!.body).toMatchObject({ id, status: 'dispatched' });
      expect(dispatched[i]!.body.steps.map((s: any) => s.action)).toEqual(['report', 'file', 'dispatch']);
      expect(await count(`SELECT count(*) AS n FROM event_steps WHERE event_id = '${id}'`)).toBe(3);
      // The answer, composed by the writer from what it keeps, is the dossier as the store reads it.
      expect(dispatched[i]!.body).toEqual((await as('centre', 'GET', `/events/${id}`)).body);
    }
    const stored = await db.all<{ id: string; status: string }>(
      `SELECT id, status FROM events WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')})`,
    );
    expect(stored.map((r) => r.status)).toEqual(ids.map(() => 'dispatched'));
  });
});

describe('a case of the history, first read from the store, then kept by the writer', () => {
  it('answers each action with the dossier as the store reads it', async () => {
    const open = (await as('centre', 'GET', '/events?open=true&supervised=false&limit=50')).body.events.find(
      (e: any) => !e.id.startsWith('ER') && ['dispatched', 'handling'].includes(e.status),
    );
    expect(open, 'an open case of the history').toBeDefined();
    const supervised = await act('leader', open.id, { action: 'supervise', note: '请加快办理' });
    expect(supervised.status, supervised.text).toBe(200);
    expect(supervised.body.steps.at(-1)).toMatchObject({ action: 'supervise', role: 'leader' });
    expect(supervised.body).toEqual((await as('leader', 'GET', `/events/${open.id}`)).body);
    // Now kept whole: the next answer is composed, and must still be what the store reads.
    tick(1);
    expectError(await act('leader', open.id, { action: 'supervise' }), 409, 'illegal_transition');
    const shelved = await act('centre', open.id, {
      action: 'shelve',
      reason: '需多部门协调，长期挂账',
      supervisor: me.get('subdistrict')!.userId,
    });
    expect(shelved.status, shelved.text).toBe(200);
    expect(shelved.body).toEqual((await as('centre', 'GET', `/events/${open.id}`)).body);
  });
});

// Resident credit points through the API, on a copy of the small dataset (with its generated credit
// history) and a clock the test moves: a record proposed by the grid worker, confirmed by the community,
// published and counting only once its publication is over; an appeal decided by a third person; the
// system's proposal when a case a resident reported is closed; scope, masking and the audit rows; bad
// input refused with a JSON error, changing nothing; the analyst's aggregates and the kiosk's view.
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { loadCreditRules } from '../server/config';
import type { Role } from '../server/domain/access';
import { maskName } from '../server/domain/masking';
import { verifyAuditChain } from '../server/store/audit';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { call, expectError, signIn, signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let cookies: Map<Role, string>;
let users: Awaited<ReturnType<typeof signInEveryRole>>['users'];
const me = new Map<Role, { userId: string; unitId: string | null }>();
const rules = loadCreditRules();
// Monday 2026-11-02, 10:00 in Tongcheng (the small dataset's today is 2026-11-01).
let clock = Date.parse('2026-11-02T02:00:00.000Z');
const today = () => new Date(clock).toISOString().slice(0, 10);

const as = (role: Role, method: string, path: string, json?: unknown) =>
  call(app, method, `/api${path}`, { cookie: cookies.get(role), json });

/** The grid worker proposes a record of volunteering by the resident today. */
const volunteered = (evidence: string) =>
  as('gridworker', 'POST', '/credit/records', {
    residentId: resident.id,
    ruleCode: 'volunteer-service',
    occurredOn: today(),
    evidence,
  });

/** Moves the clock, and signs everyone in again (a session lasts less than a publication). */
async function advance(ms: number) {
  clock += ms;
  for (const [role, u] of users) cookies.set(role, await signIn(app, u.username, u.password));
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.one<{ n: number }>(sql, params as never))!.n);

/** What a refused request must leave as it was. */
const snapshot = async () => ({
  records: await count('SELECT count(*) AS n FROM credit_records'),
  states: await count("SELECT count(*) AS n FROM credit_records WHERE state = 'published'"),
  steps: await count('SELECT count(*) AS n FROM credit_steps'),
  audit: await count('SELECT count(*) AS n FROM audit_log'),
});

let resident: { id: string; name: string; gridId: string };
let outsider: { id: string; name: string; gridId: string };
let outsiderGrid: string;

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  app = createApp({ db, now: () => new Date(clock).toISOString(), startedAt: Date.now() });
  ({ cookies, users } = await signInEveryRole(app, db));
  for (const [role, cookie] of cookies) {
    const user = (await call(app, 'GET', '/api/auth/me', { cookie })).body.user;
    me.set(role, { userId: user.userId, unitId: user.unitId });
  }
  const grid = me.get('gridworker')!.unitId!;
  // A resident of the grid worker's grid with no records yet this month (the history ends at today).
  resident = (await db.one<{ id: string; name: string; gridId: string }>(
    `SELECT r.id, r.name, r.grid_id AS "gridId" FROM residents r
      WHERE r.grid_id = $1 AND length(r.name) >= 2
        AND NOT EXISTS (SELECT 1 FROM credit_records c WHERE c.resident_id = r.id AND c.occurred_on >= DATE '2026-10-01')
      ORDER BY r.id LIMIT 1`,
    [grid],
  ))!;
  const subdistrict = me.get('subdistrict')!.unitId!;
  outsider = (await db.one<{ id: string; name: string; gridId: string }>(
    `SELECT r.id, r.name, r.grid_id AS "gridId" FROM residents r JOIN admin_units g ON g.id = r.grid_id
      WHERE NOT starts_with(g.path, (SELECT path FROM admin_units WHERE id = $1)) AND length(r.name) >= 2
      ORDER BY r.id LIMIT 1`,
    [subdistrict],
  ))!;
  outsiderGrid = outsider.gridId;
});
afterAll(() => db.close());

describe('the generated history', () => {
  it('holds records of the rules, proposed and confirmed by different accounts, with appeals and repairs', async () => {
    expect(await count('SELECT count(*) AS n FROM credit_records')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM credit_records WHERE confirmed_by = proposed_by')).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM credit_records WHERE rule_code NOT IN (SELECT unnest($1::VARCHAR[]))`, [
        listValue(rules.items.map((i) => i.code)),
      ]),
    ).toBe(0);
    // Every step's actor is a staff account (S-…) or the system; a resident's report links its case.
    expect(
      await count(
        "SELECT count(*) AS n FROM credit_steps WHERE NOT (starts_with(actor_id, 'S-') OR actor_id = 'system')",
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM credit_records c JOIN events e ON e.id = c.case_id
          WHERE c.rule_code = 'case-report' AND (e.reporter_resident_id <> c.resident_id OR e.status <> 'closed')`,
      ),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM credit_records WHERE kind = 'negative'")).toBeGreaterThan(0);
  });
});

describe('a record from proposal to effect', () => {
  let id: string;
  let before: number;

  it('is proposed by the grid worker, masked, and counts for nothing yet', async () => {
    before = (await as('community', 'GET', `/residents/${resident.id}/credit`)).body.balance;
    const res = await volunteered('社区环境整治志愿服务签到表，3小时');
    expect(res.status, res.text).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      state: 'proposed',
      counts: false,
      points: rules.items.find((i) => i.code === 'volunteer-service')!.points,
      ruleVersion: rules.version,
      residentName: maskName(resident.name),
      proposedBy: { id: me.get('gridworker')!.userId, role: 'gridworker' },
      confirmedBy: null,
    });
    expect(res.text).not.toContain(resident.name);
  });

  it('is refused to the grid worker confirming (a role that may not)', async () => {
    const s = await snapshot();
    expectError(
      await as('gridworker', 'POST', `/credit/records/${id}/actions`, { action: 'confirm' }),
      403,
      'forbidden',
    );
    expect(await snapshot()).toEqual(s);
  });

  it('is confirmed and published by the community, and still counts for nothing in its publication', async () => {
    const confirmed = await as('community', 'POST', `/credit/records/${id}/actions`, {
      action: 'confirm',
      reason: '已核实',
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'confirmed', confirmedBy: { id: me.get('community')!.userId } });
    const published = await as('community', 'POST', `/credit/records/${id}/actions`, { action: 'publish' });
    expect(published.body.state).toBe('published');
    expect(Date.parse(published.body.publicUntil) - clock).toBe(rules.publicationDays * 86_400_000);
    expect((await as('community', 'GET', `/residents/${resident.id}/credit`)).body.balance).toBe(before);
    // An empty page is an empty list, not an error.
    const none = await as('community', 'GET', `/credit/records?queue=appeals&residentId=${resident.id}`);
    expect(none.body).toEqual({ total: 0, items: [] });
    const queue = (await as('community', 'GET', '/credit/records?queue=publishing&limit=200')).body;
    expect(queue.items.map((r: any) => r.id)).toContain(id);
  });

  it('counts once the publication is over (the clock, not a stored state)', async () => {
    await advance(rules.publicationDays * 86_400_000 + 3_600_000);
    const r = (await as('community', 'GET', `/credit/records/${id}`)).body;
    expect(r).toMatchObject({ state: 'effective', counts: true });
    const archive = (await as('community', 'GET', `/residents/${resident.id}/credit`)).body;
    expect(archive.balance).toBe(before + r.points);
    expect(archive.name).toBe(maskName(resident.name));
    expect(archive.level.code).toBe(rules.levels.find((l) => archive.balance >= l.min)!.code);
    expect(archive.records.map((x: any) => x.id)).toContain(id);
    const effective = (await as('community', 'GET', `/credit/records?state=effective&residentId=${resident.id}`)).body;
    expect(effective.items.map((x: any) => x.id)).toContain(id);
    expect(effective.items.every((x: any) => x.state === 'effective')).toBe(true);
  });

  it('loses its effect when an appeal is upheld by a third person, and takes no second appeal', async () => {
    const appealed = await as('community', 'POST', `/credit/records/${id}/actions`, {
      action: 'appeal',
      reason: '居民对事实有异议',
      statement: '当天本人不在社区',
    });
    expect(appealed.body).toMatchObject({ state: 'appealed', counts: false });
    // The community confirmed it: it may not decide the appeal.
    const s = await snapshot();
    expectError(
      await as('community', 'POST', `/credit/records/${id}/actions`, {
        action: 'decide',
        outcome: 'dismissed',
        reason: '维持',
      }),
      409,
      'same_person',
    );
    expect(await snapshot()).toEqual(s);
    const decided = await as('subdistrict', 'POST', `/credit/records/${id}/actions`, {
      action: 'decide',
      outcome: 'upheld',
      reason: '复核查明签到记录有误',
    });
    expect(decided.body).toMatchObject({ state: 'revoked', counts: false, appealOutcome: 'upheld' });
    expect((await as('community', 'GET', `/residents/${resident.id}/credit`)).body.balance).toBe(before);
    const again = await snapshot();
    expectError(
      await as('community', 'POST', `/credit/records/${id}/actions`, {
        action: 'appeal',
        reason: '再次申诉',
        statement: '不服',
      }),
      409,
      'illegal_transition',
    );
    expect(await snapshot()).toEqual(again);
    expect(decided.body.steps.map((x: any) => x.action)).toEqual(['propose', 'confirm', 'publish', 'appeal', 'decide']);
  });

  it('left one audit row per step and per archive view, in an unbroken chain', async () => {
    const rows = await db.all<{ action: string; actor: string }>(
      `SELECT action, actor FROM audit_log WHERE target_type = 'credit-record' AND target_id = $1 ORDER BY seq`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'credit-propose',
      'credit-confirm',
      'credit-publish',
      'credit-appeal',
      'credit-decide',
    ]);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'credit-view' AND target_id = $1", [resident.id]),
    ).toBeGreaterThanOrEqual(4);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('bad input changes nothing', () => {
  it('refuses an unknown rule, a resident outside the scope, the proposer confirming, and a cap passed', async () => {
    let s = await snapshot();
    expectError(
      await as('gridworker', 'POST', '/credit/records', {
        residentId: resident.id,
        ruleCode: 'no-such-rule',
        occurredOn: today(),
        evidence: '记录',
      }),
      400,
      'bad_request',
    );
    const out = await as('community', 'POST', '/credit/records', {
      residentId: outsider.id,
      ruleCode: 'volunteer-service',
      occurredOn: today(),
      evidence: '记录',
    });
    expectError(out, 404, 'not_found');
    expect(out.text).not.toContain(outsider.name);
    expectError(await as('community', 'GET', `/residents/${outsider.id}/credit`), 404, 'not_found');
    expect(await snapshot()).toEqual(s);

    const own = await as('community', 'POST', '/credit/records', {
      residentId: resident.id,
      ruleCode: 'brave-act',
      occurredOn: today(),
      evidence: '拾得钱包归还失主',
    });
    expect(own.status, own.text).toBe(201);
    s = await snapshot();
    expectError(
      await as('community', 'POST', `/credit/records/${own.body.id}/actions`, { action: 'confirm' }),
      409,
      'same_person',
    );
    // brave-act: its points fill the month's cap at once.
    const capped = await as('gridworker', 'POST', '/credit/records', {
      residentId: resident.id,
      ruleCode: 'brave-act',
      occurredOn: today(),
      evidence: '再次拾金不昧',
    });
    expectError(capped, 409, 'cap_exceeded');
    expectError(
      await as('community', 'POST', '/credit/records/CR9999999/actions', { action: 'confirm' }),
      404,
      'not_found',
    );
    expectError(
      await as('community', 'POST', `/credit/records/${own.body.id}/actions`, { action: 'fly' }),
      400,
      'bad_request',
    );
    expect(await snapshot()).toEqual(s);
  });
});

describe('the rest of the life', () => {
  const propose = async (role: Role, ruleCode: string) => {
    const res = await as(role, 'POST', '/credit/records', {
      residentId: resident.id,
      ruleCode,
      occurredOn: today(),
      evidence: '城管部门处理记录',
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const act = (role: Role, id: string, body: Record<string, unknown>) =>
    as(role, 'POST', `/credit/records/${id}/actions`, body);

  it('lets the proposer withdraw, the community reject with a reason, and repairs only by the rule', async () => {
    const mine = await propose('gridworker', 'self-governance');
    expect((await act('gridworker', mine, { action: 'withdraw', reason: '录入有误' })).body.state).toBe('withdrawn');
    const other = await propose('gridworker', 'waste-sorting');
    expectError(await act('community', other, { action: 'reject' }), 400, 'bad_request');
    expect((await act('community', other, { action: 'reject', reason: '证据不足' })).body.state).toBe('rejected');

    const negative = await propose('gridworker', 'uncivil-dog');
    await act('community', negative, { action: 'confirm' });
    const published = (await act('community', negative, { action: 'publish' })).body;
    expect(published.points).toBeLessThan(0);
    expect(published.fadesAt).not.toBeNull();
    // Not in effect yet: no repair; in effect, but the rule's months not passed: not met.
    expectError(
      await act('community', negative, { action: 'repair', path: 'time', reason: '期满' }),
      409,
      'illegal_transition',
    );
    await advance(rules.publicationDays * 86_400_000 + 3_600_000);
    const s = await snapshot();
    expectError(
      await act('community', negative, { action: 'repair', path: 'time', reason: '期满' }),
      409,
      'repair_not_met',
    );
    expect(await snapshot()).toEqual(s);
    const item = rules.items.find((i) => i.code === 'uncivil-dog')!;
    await advance(item.repair!.afterMonths! * 31 * 86_400_000);
    const repaired = await act('subdistrict', negative, { action: 'repair', path: 'time', reason: '期满未再发生' });
    expect(repaired.body).toMatchObject({ state: 'repaired', counts: false });
    expect(repaired.body.steps.at(-1)).toMatchObject({
      action: 'repair',
      detail: { path: 'time' },
      reason: '期满未再发生',
    });
  });

  it("refuses a community's aggregates of another unit", async () => {
    expectError(await as('community', 'GET', `/credit/stats?unitId=${outsiderGrid}`), 403, 'out_of_scope');
    expect((await as('community', 'GET', '/credit/stats?by=item')).status).toBe(200);
  });
});

describe('a closed case the resident reported', () => {
  it('proposes their record as the system, to be confirmed by a person', async () => {
    // A case through the loop: reported in the grid, filed, dispatched, handled, verified, evaluated (结案).
    const at = (await db.one<{ lon: number; lat: number }>('SELECT lon, lat FROM events WHERE grid_id = $1 LIMIT 1', [
      resident.gridId,
    ]))!;
    const step = async (role: Role, id: string, body: Record<string, unknown>) => {
      clock += 10 * 60_000;
      const res = await as(role, 'POST', `/events/${id}/actions`, body);
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    const body = {
      itemCode: '010101',
      lon: at.lon,
      lat: at.lat,
      description: '居民随手拍：小区门口垃圾裸露堆放',
      source: 'resident',
      reporterResidentId: resident.id,
    };
    const before = await count('SELECT count(*) AS n FROM events');
    expectError(await as('gridworker', 'POST', '/events', { ...body, source: 'patrol' }), 400, 'bad_request');
    expectError(
      await as('gridworker', 'POST', '/events', { ...body, reporterResidentId: outsider.id }),
      400,
      'bad_request',
    );
    expect(await count('SELECT count(*) AS n FROM events')).toBe(before);
    const reported = await as('gridworker', 'POST', '/events', body);
    expect(reported.status, reported.text).toBe(201);
    const ev = { id: reported.body.id as string, code: reported.body.code as string };
    expect(
      await count('SELECT count(*) AS n FROM events WHERE id = $1 AND reporter_resident_id = $2', [ev.id, resident.id]),
    ).toBe(1);
    await step('centre', ev.id, { action: 'file', note: '属实，立案' });
    await step('centre', ev.id, { action: 'dispatch', lead: { assignee: 'D02' } });
    await step('department', ev.id, { action: 'accept' });
    expect(
      (await as('community', 'GET', `/credit/records?residentId=${resident.id}&limit=200`)).body.items.some(
        (r: any) => r.caseId === ev.id,
      ),
    ).toBe(false);
    await step('department', ev.id, { action: 'feedback', note: '已清运' });
    await step('gridworker', ev.id, { action: 'verify', passed: true });
    const closed = await step('centre', ev.id, { action: 'evaluate', satisfaction: 'satisfied', ratedBy: 'resident' });
    expect(closed.status).toBe('closed');
    const list = (await as('community', 'GET', `/credit/records?queue=confirm&residentId=${resident.id}`)).body;
    const proposed = list.items.find((r: any) => r.caseId === ev.id);
    expect(proposed).toMatchObject({
      ruleCode: rules.items.find((i) => i.fromClosedCase)!.code,
      state: 'proposed',
      counts: false,
      proposedBy: { id: 'system', role: 'system' },
    });
    expect(proposed.evidence).toContain(ev.code);
    const confirmed = await as('community', 'POST', `/credit/records/${proposed.id}/actions`, { action: 'confirm' });
    expect(confirmed.body.state).toBe('confirmed');
  });
});

describe('aggregates', () => {
  it('gives the analyst rows by grid, item and month, and no resident', async () => {
    for (const by of ['grid', 'item', 'month']) {
      const res = await as('analyst', 'GET', `/credit/stats?by=${by}&from=2024-01&to=2026-11`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.length).toBeGreaterThan(0);
      expect(res.text).not.toMatch(/residentId|"R\d/);
      const total = res.body.rows.reduce((n: number, r: any) => n + r.records, 0);
      expect(total).toBe(
        await count(
          "SELECT count(*) AS n FROM credit_records WHERE strftime(occurred_on, '%Y-%m') BETWEEN '2024-01' AND '2026-11'",
        ),
      );
    }
    expectError(await as('analyst', 'GET', '/credit/records'), 403, 'forbidden');
    expectError(await as('analyst', 'GET', `/residents/${resident.id}/credit`), 403, 'forbidden');
  });

  it('holds the aggregates, 304 for their tag, until a record moves them', async () => {
    const path = `/api/credit/stats?by=item&from=2024-01&to=${today().slice(0, 7)}`;
    const read = (tag?: string) =>
      call(app, 'GET', path, { cookie: cookies.get('community'), headers: tag ? { 'if-none-match': tag } : {} });
    const first = await read();
    expect(first.status, first.text).toBe(200);
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"/);
    expect((await read(tag)).status).toBe(304);
    const volunteering = (rows: { key: string; records: number }[]) =>
      rows.find((r) => r.key === 'volunteer-service')?.records ?? 0;
    const made = await volunteered('敬老院志愿服务签到表，2小时');
    expect(made.status, made.text).toBe(201);
    const moved = await read(tag);
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(tag);
    expect(volunteering(moved.body.rows)).toBe(volunteering(first.body.rows) + 1);
  });

  it("shows the kiosk a grid's credit in aggregate only", async () => {
    const grid = (await as('screen', 'GET', `/grids/${resident.gridId}`)).body;
    expect(grid.credit).toMatchObject({
      records: expect.any(Number),
      residents: expect.any(Number),
      positivePoints: expect.any(Number),
      negativePoints: expect.any(Number),
      appealsOpen: expect.any(Number),
      publishing: expect.any(Number),
    });
    expect(grid.credit.byMonth).toHaveLength(12);
    expect(grid.credit.records).toBe(
      await count('SELECT count(*) AS n FROM credit_records WHERE grid_id = $1', [resident.gridId]),
    );
    expectError(await as('screen', 'GET', '/credit/stats'), 403, 'forbidden');
    expectError(await as('screen', 'GET', `/residents/${resident.id}/credit`), 403, 'forbidden');
  });
});

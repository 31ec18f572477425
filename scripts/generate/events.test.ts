import { isDeepStrictEqual } from 'node:util';
import { booleanPointInPolygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../../server/domain/departments';
import type { EventStep } from '../../server/domain/model';
import { staffAccounts } from '../../server/domain/staffAccounts';
import { getItem } from '../../server/domain/taxonomy';
import { inWorkingTime } from '../../server/domain/workflow/clock';
import { caseDeadline } from '../../server/domain/workflow/limits';
import { normaliseStep, replay } from '../../server/domain/workflow/replay';
import type { CaseFacts } from '../../server/domain/workflow/states';
import { insidePolygons } from './eventPlaces';
import { type Events, generateEvents, STAGES } from './events';
import { Rng } from './random';
import { FULL_STRUCTURE, syntheticCity } from './syntheticCity';

const NOW = '2026-11-01T00:00:00Z';
const nowMs = Date.parse(NOW);
const synthetic = syntheticCity(FULL_STRUCTURE);
// One worker per urban grid, as the generator hires them, but the last grid's post is vacant.
const urbanGrids = synthetic.adminUnits.filter((u) => u.level === 'grid' && u.area === 'urban');
const gridWorkers = urbanGrids
  .slice(0, -1)
  .map((g, i) => ({ id: `GW${String(i + 1).padStart(3, '0')}`, gridId: g.id, name: `网格员${i + 1}` }));
const city = { ...synthetic, gridWorkers };
let full: Events;
let stepsOf: Map<string, EventStep[]>;

beforeAll(() => {
  full = generateEvents(new Rng(3).fork('events'), 1, { ...city, now: NOW });
  stepsOf = new Map();
  for (const s of full.eventSteps) {
    const list = stepsOf.get(s.eventId);
    if (list) list.push(s);
    else stepsOf.set(s.eventId, [s]);
  }
}, 180_000);

describe('generateEvents at scale 1', () => {
  it('makes 170,000 filed cases, exactly 99.3 % closed, with unique ids and codes; reports never filed apart', () => {
    const filed = full.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
    expect(filed).toHaveLength(170_000);
    const closed = filed.filter((e) => e.status === 'closed');
    expect(closed).toHaveLength(Math.round(170_000 * 0.993));
    expect(new Set(full.events.map((e) => e.id)).size).toBe(full.events.length);
    expect(new Set(full.events.map((e) => e.code)).size).toBe(full.events.length);
    for (const e of full.events) expect(e.code).toMatch(/^TC20\d{6}-\d{6}$/);
    // invalid reports (不予立案) and duplicates (重复合并): a few per hundred cases
    const rejected = full.events.filter((e) => e.status === 'rejected').length / 170_000;
    const merged = full.events.filter((e) => e.status === 'merged').length / 170_000;
    expect(rejected).toBeGreaterThan(0.015);
    expect(rejected).toBeLessThan(0.035);
    expect(merged).toBeGreaterThan(0.02);
    expect(merged).toBeLessThan(0.04);
  });

  it('runs every case as the machine records it: report first, times increasing, closed at a passed verification', () => {
    // Plain checks collected into a list: 1.2 M expect() calls would take half a minute.
    const wrong: string[] = [];
    const check = (ok: boolean, what: string, id: string) => {
      if (!ok && wrong.length < 20) wrong.push(`${id}: ${what}`);
    };
    const deducted = new Set(full.caseDeductions.map((d) => d.eventId));
    let overdue = 0;
    for (const e of full.events) {
      const steps = stepsOf.get(e.id)!;
      const item = getItem(e.itemCode);
      check(e.deadlineAt === caseDeadline(e.itemCode, e.reportedAt), 'deadline', e.id);
      check(steps[0]!.at === e.reportedAt && steps[0]!.action === 'report', 'first step: the report', e.id);
      for (let s = 0; s < steps.length; s++) {
        check(steps[s]!.seq === s + 1 && STAGES.includes(steps[s]!.stage), 'seq', e.id);
        check(!!steps[s]!.action && steps[s]!.role !== undefined, 'action and role', e.id);
        if (s > 0) check(Date.parse(steps[s]!.at) > Date.parse(steps[s - 1]!.at), 'increasing times', e.id);
      }
      check(Date.parse(steps[steps.length - 1]!.at) < nowMs, 'before now', e.id);
      const last = steps[steps.length - 1]!;
      if (e.status === 'closed') {
        check(last.action === 'evaluate', 'closed: evaluated last', e.id);
        const passed = steps.filter((x) => x.action === 'verify' && x.detail?.action === 'verify' && x.detail.passed);
        check(passed.length === 1 && e.closedAt === passed[0]!.at, 'closedAt: the passed verification', e.id);
        check(e.departmentId === item.departmentId || steps.some((x) => x.action === 'dispatch'), 'department', e.id);
      } else if (e.status === 'rejected' || e.status === 'merged') {
        check(steps.length === 2 && last.action === (e.status === 'rejected' ? 'reject' : 'merge'), 'not filed', e.id);
      } else {
        check(!steps.some((x) => x.action === 'evaluate'), 'open: not evaluated', e.id);
      }
      // overdue = some limit missed by now, and then its deduction is in the dataset
      check(e.overdue === deducted.has(e.id), 'overdue iff deducted', e.id);
      if (e.overdue) overdue++;
    }
    expect(wrong).toEqual([]);
    const share = overdue / 170_000;
    expect(share).toBeGreaterThan(0.025);
    expect(share).toBeLessThan(0.05);
  });

  it('takes the side paths at their documented rates', () => {
    const cases = (pred: (s: EventStep) => boolean) =>
      new Set(full.eventSteps.filter(pred).map((s) => s.eventId)).size / 170_000;
    const band = (x: number, lo: number, hi: number, what: string) => {
      expect(x, what).toBeGreaterThan(lo);
      expect(x, what).toBeLessThan(hi);
    };
    band(
      cases((s) => s.action === 'return'),
      0.02,
      0.04,
      'returns',
    );
    band(
      cases((s) => s.detail?.action === 'verify' && !s.detail.passed),
      0.03,
      0.05,
      'reworks',
    );
    band(
      cases((s) => s.action === 'requestExtension'),
      0.01,
      0.03,
      'extensions',
    );
    expect(cases((s) => s.action === 'refuseExtension')).toBeGreaterThan(0);
    band(
      cases((s) => s.action === 'escalate'),
      0.01,
      0.02,
      'escalations',
    );
    band(
      cases((s) => s.detail?.action === 'dispatch' && s.detail.tasks.length > 1),
      0.005,
      0.02,
      'summonses',
    );
    // communities and grid workers handle local items themselves
    band(
      cases((s) => s.detail?.action === 'dispatch' && s.detail.tasks[0]!.assignee.kind === 'unit'),
      0.05,
      0.2,
      'local leads',
    );
    // 督办: the seat after a missed handling or verification limit, and for cases escalated to the city;
    // a city leader for some of those and for some hotline cases on hard items
    band(
      cases((s) => s.action === 'supervise'),
      0.01,
      0.04,
      'supervised',
    );
    band(
      cases((s) => s.action === 'supervise' && s.role === 'leader'),
      0.0005,
      0.005,
      'supervised by a leader',
    );
  });

  it('supervises (督办) a case at most once, while it is open, mostly just past a missed limit', () => {
    const events = new Map(full.events.map((e) => [e.id, e]));
    const late = { supervised: 0, overdue: 0 };
    for (const [id, steps] of stepsOf) {
      const sup = steps.filter((s) => s.action === 'supervise');
      expect(sup.length, id).toBeLessThanOrEqual(1);
      if (!sup[0]) continue;
      expect(['centre', 'leader']).toContain(sup[0].role);
      // before the verification that closed it (结案), never after
      const passed = steps.find((s) => s.detail?.action === 'verify' && s.detail.passed);
      if (passed) expect(sup[0].seq, id).toBeLessThan(passed.seq);
      if (events.get(id)!.overdue) late.supervised++;
    }
    for (const e of full.events) if (e.overdue) late.overdue++;
    // most cases that missed a limit were supervised (not those late at the centre's own desk stages)
    expect(late.supervised / late.overdue).toBeGreaterThan(0.4);
  });

  it('merges a duplicate into the earlier case it repeats, while that case was open', () => {
    const events = new Map(full.events.map((e) => [e.id, e]));
    for (const e of full.events.filter((x) => x.status === 'merged')) {
      const merge = stepsOf.get(e.id)![1]!;
      const into = merge.detail?.action === 'merge' ? events.get(merge.detail.into)! : undefined;
      expect(into, e.id).toBeDefined();
      expect(into!.itemCode).toBe(e.itemCode);
      expect(into!.gridId).toBe(e.gridId);
      expect(into!.reportedAt < e.reportedAt).toBe(true);
      expect(into!.closedAt === null || into!.closedAt > e.reportedAt, e.id).toBe(true);
    }
  });

  it('rates most closed cases satisfied, and says who rated', () => {
    const ratings = full.eventSteps.filter((s) => s.action === 'evaluate').map((s) => s.detail);
    expect(ratings).toHaveLength(Math.round(170_000 * 0.993));
    const n = (k: string) =>
      ratings.filter((d) => d?.action === 'evaluate' && d.satisfaction === k).length / ratings.length;
    expect(n('satisfied')).toBeGreaterThan(0.75);
    expect(n('basically-satisfied')).toBeGreaterThan(0.05);
    expect(n('dissatisfied')).toBeGreaterThan(0);
    expect(n('dissatisfied')).toBeLessThan(0.06);
    const raters = new Set(ratings.map((d) => (d?.action === 'evaluate' ? d.ratedBy : null)));
    expect([...raters].sort()).toEqual(['centre', 'reporter', 'resident']);
  });

  it('handles, verifies and evaluates in working hours (natural time only for urgent items)', () => {
    const events = new Map(full.events.map((e) => [e.id, e]));
    let steps = 0;
    let outside = 0;
    let night = 0;
    for (const s of full.eventSteps) {
      if (!['handle', 'feedback', 'verify', 'evaluate'].includes(s.stage)) continue;
      steps++;
      const hour = new Date(Date.parse(s.at) + 8 * 3_600_000).getUTCHours();
      if (hour >= 22 || hour < 6) night++;
      if (getItem(events.get(s.eventId)!.itemCode).severity !== 3 && !inWorkingTime(Date.parse(s.at))) outside++;
    }
    expect(outside / steps).toBeLessThan(0.002);
    expect(night / steps).toBeLessThan(0.02);
  });

  it('keeps the open cases those of a working platform: under way and within limits, or shelved (挂账)', () => {
    const open = full.events.filter((e) => !['closed', 'rejected', 'merged'].includes(e.status));
    const shelved = open.filter((e) => stepsOf.get(e.id)!.some((s) => s.action === 'shelve'));
    const working = open.filter((e) => !shelved.includes(e));
    // 挂账 cases are old and hard, with a reason and who supervises them
    for (const e of shelved) {
      const s = stepsOf.get(e.id)!.find((x) => x.action === 'shelve')!;
      expect(
        s.detail?.action === 'shelve' && s.detail.reason && s.detail.supervisor.startsWith('S-'),
        e.id,
      ).toBeTruthy();
      expect(nowMs - Date.parse(e.reportedAt)).toBeGreaterThan(60 * 86_400_000);
    }
    expect(working.filter((e) => nowMs - Date.parse(e.reportedAt) < 30 * 86_400_000).length).toBeGreaterThan(
      working.length * 0.9,
    );
    expect(working.filter((e) => e.overdue).length).toBeLessThan(working.length * 0.15);
    // As many under way as the flow gives (Little's law: arrivals a day × mean days in the system, from
    // the last 28 days' reports and the last year's closed cases); the rest of the fixed open count is 挂账.
    const day = 86_400_000;
    const filed = full.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
    const perDay = filed.filter((e) => nowMs - Date.parse(e.reportedAt) < 28 * day).length / 28;
    const closed = filed.filter((e) => e.status === 'closed' && nowMs - Date.parse(e.reportedAt) < 365 * day);
    const days =
      closed.reduce((n, e) => n + (Date.parse(stepsOf.get(e.id)!.at(-1)!.at) - Date.parse(e.reportedAt)), 0) /
      day /
      closed.length;
    expect(working.length / (perDay * days)).toBeGreaterThan(0.7);
    expect(working.length / (perDay * days)).toBeLessThan(1.5);
  });

  it('grows over the years and has weekly and daily rhythm', () => {
    const byYear = new Map<string, number>();
    const byDow = new Array(7).fill(0);
    const byHour = new Array(24).fill(0);
    for (const e of full.events) {
      const local = new Date(Date.parse(e.reportedAt) + 8 * 3_600_000); // China Standard Time
      const year = String(local.getUTCFullYear());
      byYear.set(year, (byYear.get(year) ?? 0) + 1);
      byDow[local.getUTCDay()]++;
      byHour[local.getUTCHours()]++;
    }
    expect(Math.min(...[...byYear.keys()].map(Number))).toBe(2019);
    expect(byYear.get('2019')!).toBeLessThan(byYear.get('2023')! * 0.6);
    expect(byDow[0]).toBeLessThan(byDow[3] * 0.7); // Sunday vs Wednesday
    expect(byHour[10]).toBeGreaterThan(byHour[3] * 10);
  });

  it('has seasons: summer storms flood roads, winter freezes pipes', () => {
    const count = (code: string, months: number[]) =>
      full.events.filter(
        (e) =>
          e.itemCode === code && months.includes(new Date(Date.parse(e.reportedAt) + 8 * 3_600_000).getUTCMonth() + 1),
      ).length;
    expect(count('050101', [6, 7])).toBeGreaterThan(3 * count('050101', [12, 1]));
    expect(count('060403', [12, 1])).toBeGreaterThan(3 * count('060403', [6, 7]));
  });

  it('mixes sources with patrol the majority and sensors rare', () => {
    const n = (s: string) => full.events.filter((e) => e.source === s).length / full.events.length;
    expect(n('patrol')).toBeGreaterThan(0.4);
    for (const s of ['resident', 'camera', 'hotline', 'department']) expect(n(s)).toBeGreaterThan(0.03);
    expect(n('sensor')).toBeGreaterThan(0);
    expect(n('sensor')).toBeLessThan(0.02);
  });

  it('names staff accounts as actors with their roles: the local account, the seats, departments and units; channels stay channels', () => {
    const accounts = new Map(
      staffAccounts({ adminUnits: city.adminUnits, gridWorkers, departments: DEPARTMENTS, centreSeats: 16 }).map(
        (a) => [a.id, a],
      ),
    );
    const events = new Map(full.events.map((e) => [e.id, e]));
    const grids = new Map(city.adminUnits.map((u) => [u.id, u]));
    const workerOf = new Map(gridWorkers.map((w) => [w.gridId, w.id]));
    const wrong: string[] = [];
    const seatsUsed = new Set<string>();
    const centreActions = [
      'file',
      'reject',
      'merge',
      'dispatch',
      'approveExtension',
      'refuseExtension',
      'evaluate',
      'shelve',
    ];
    const roles = new Set<string>();
    for (const s of full.eventSteps) {
      const e = events.get(s.eventId)!;
      const grid = grids.get(e.gridId)!;
      const account = accounts.get(s.actor);
      if (s.actor.startsWith('S-') && !account) wrong.push(`${s.eventId}#${s.seq} ${s.actor}: no such account`);
      if (account && account.role !== s.role) wrong.push(`${s.eventId}#${s.seq} ${s.actor}: role ${s.role}`);
      if (!account && s.role !== 'system') wrong.push(`${s.eventId}#${s.seq} ${s.actor}: a channel as ${s.role}`);
      if (s.role) roles.add(s.role);
      if (s.action === 'report') {
        const local =
          grid.area === 'village'
            ? `S-v-${grid.parentId}`
            : workerOf.has(grid.id)
              ? `S-${workerOf.get(grid.id)!.toLowerCase()}`
              : `S-c-${grid.parentId}`;
        const channel = e.source === 'hotline' ? 'hotline-12345' : e.source;
        const want =
          e.source === 'patrol' ? local : e.source === 'department' ? `S-${e.departmentId.toLowerCase()}` : channel;
        if (e.status !== 'rejected' && e.status !== 'merged' && s.actor !== want)
          wrong.push(`${s.eventId}#${s.seq} ${s.actor} ≠ ${want}`);
      } else if (centreActions.includes(s.action!)) {
        if (account?.role !== 'centre') wrong.push(`${s.eventId}#${s.seq} ${s.actor}: not a seat`);
        seatsUsed.add(s.actor);
      }
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
    expect(seatsUsed.size).toBe(16);
    expect([...roles].sort()).toEqual([
      'centre',
      'community',
      'department',
      'gridworker',
      'leader',
      'subdistrict',
      'system',
    ]);
    // the vacant grid's cases name its community
    const vacant = urbanGrids.at(-1)!;
    expect(full.eventSteps.some((s) => s.actor === `S-c-${vacant.parentId}`)).toBe(true);
  });

  it('places every event inside its grid (checked with turf on a sample, ray casting on all)', () => {
    const grids = new Map(city.adminUnits.filter((u) => u.level === 'grid').map((g) => [g.id, g]));
    let outside = 0;
    full.events.forEach((e, i) => {
      const g = grids.get(e.gridId)!;
      const inside =
        i % 50 === 0
          ? booleanPointInPolygon(e.position, g.geometry)
          : insidePolygons([g.geometry.coordinates as never], e.position[0], e.position[1]);
      if (!inside) outside++;
    });
    expect(outside).toBe(0);
    // hot spots: the busiest grid sees several times the quietest
    const perGrid = new Map<string, number>();
    for (const e of full.events) perGrid.set(e.gridId, (perGrid.get(e.gridId) ?? 0) + 1);
    const counts = [...perGrid.values()];
    expect(Math.max(...counts)).toBeGreaterThan(2 * Math.min(...counts));
  });

  it("hands over each case's state as replaying its stored steps gives it (the load writes the workflow's columns from it)", () => {
    const units = new Map(city.adminUnits.map((u) => [u.id, u]));
    const pathOf = (id: string): string[] => {
      const u = units.get(id)!;
      return u.parentId ? [...pathOf(u.parentId), id] : [id];
    };
    expect(full.caseStates.size).toBe(full.events.length);
    const differ: string[] = [];
    full.events.forEach((e, i) => {
      if (e.status === 'closed' && i % 20 !== 0) return; // every other case, a sample of the closed
      const facts: CaseFacts = {
        id: e.id,
        itemCode: e.itemCode,
        source: e.source,
        gridId: e.gridId,
        gridPath: pathOf(e.gridId),
        area: units.get(e.gridId)!.area === 'village' ? 'village' : 'urban',
        reportedAt: e.reportedAt,
      };
      const department = getItem(e.itemCode).departmentId;
      const steps = stepsOf.get(e.id)!.map((s) => normaliseStep(s, facts, department));
      if (!isDeepStrictEqual(replay(facts, steps, department), full.caseStates.get(e.id))) differ.push(e.id);
    });
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('writes a Chinese description of a sentence or two and sentiments per grid', () => {
    for (const e of full.events.slice(0, 1000)) {
      expect(e.description).toMatch(/[\u4e00-\u9fff]/);
      expect(e.description.length).toBeLessThan(120);
    }
    expect(full.sentiments.length).toBe(4_000);
    const grids = new Set(city.adminUnits.filter((u) => u.level === 'grid').map((g) => g.id));
    for (const s of full.sentiments) {
      expect(grids.has(s.gridId)).toBe(true);
      expect([-1, 0, 1]).toContain(s.polarity);
      expect(s.text).toMatch(/[\u4e00-\u9fff]/);
      expect(Date.parse(s.at)).toBeLessThan(nowMs);
    }
    expect(new Set(full.sentiments.map((s) => s.topic)).size).toBeGreaterThanOrEqual(7);
  });
});

describe('generateEvents', () => {
  it.each([0.01, 0.1])('keeps exact totals at scale %f', (scale) => {
    const r = generateEvents(new Rng(1), scale, { ...city, now: NOW });
    const total = Math.round(170_000 * scale);
    expect(r.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged')).toHaveLength(total);
    expect(r.events.filter((e) => e.status === 'closed')).toHaveLength(Math.round(total * 0.993));
    expect(r.eventSteps.length).toBeGreaterThan(total * 6.9);
  });

  it('is deterministic and depends on now, not the clock', () => {
    const input = { ...city, now: NOW };
    const a = generateEvents(new Rng(21), 0.02, input);
    const b = generateEvents(new Rng(21), 0.02, input);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = generateEvents(new Rng(21), 0.02, { ...city, now: '2025-06-01T00:00:00Z' });
    expect(c.events.every((e) => e.reportedAt < '2025-06-01')).toBe(true);
  });

  it('rejects a bad now', () => {
    expect(() => generateEvents(new Rng(1), 0.01, { ...city, now: 'yesterday' })).toThrow(/now/);
  });
});

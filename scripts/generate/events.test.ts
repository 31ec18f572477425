import { booleanPointInPolygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../../server/domain/departments';
import type { EventStep } from '../../server/domain/model';
import { staffAccounts } from '../../server/domain/staffAccounts';
import { getItem } from '../../server/domain/taxonomy';
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
}, 60_000);

describe('generateEvents at scale 1', () => {
  it('makes 170,000 events, exactly 99.3 % closed, with unique ids and codes', () => {
    expect(full.events).toHaveLength(170_000);
    const closed = full.events.filter((e) => e.status === 'closed');
    expect(closed).toHaveLength(Math.round(170_000 * 0.993));
    expect(new Set(full.events.map((e) => e.id)).size).toBe(170_000);
    expect(new Set(full.events.map((e) => e.code)).size).toBe(170_000);
    for (const e of full.events) expect(e.code).toMatch(/^TC20\d{6}-\d{6}$/);
  });

  it('gives every closed event the seven stages in order, on time unless marked overdue', () => {
    // Plain checks collected into a list: 1.2 M expect() calls would take half a minute.
    const wrong: string[] = [];
    const check = (ok: boolean, what: string, id: string) => {
      if (!ok && wrong.length < 20) wrong.push(`${id}: ${what}`);
    };
    let overdue = 0;
    for (const e of full.events) {
      const steps = stepsOf.get(e.id)!;
      const item = getItem(e.itemCode);
      check(e.departmentId === item.departmentId, 'department', e.id);
      check(Date.parse(e.deadlineAt) - Date.parse(e.reportedAt) === item.timeLimitHours * 3_600_000, 'deadline', e.id);
      check(steps[0]!.at === e.reportedAt, 'first step at report', e.id);
      for (let s = 0; s < steps.length; s++) {
        check(steps[s]!.seq === s + 1 && steps[s]!.stage === STAGES[s], 'stage order', e.id);
        if (s > 0) check(Date.parse(steps[s]!.at) > Date.parse(steps[s - 1]!.at), 'increasing times', e.id);
      }
      check(Date.parse(steps[steps.length - 1]!.at) < nowMs, 'before now', e.id);
      if (e.status === 'closed') {
        check(steps.length === 7, '7 steps', e.id);
        check(e.closedAt === steps[6]!.at, 'closedAt', e.id);
        check(e.overdue === Date.parse(e.closedAt!) > Date.parse(e.deadlineAt), 'overdue iff closed late', e.id);
        if (e.overdue) overdue++;
      } else {
        check(e.closedAt === null && steps.length < 7, 'open has no closing', e.id);
        check(
          e.status === ['reported', 'filed', 'dispatched', 'handling', 'feedback', 'verified'][steps.length - 1],
          'status',
          e.id,
        );
        check(e.overdue === nowMs > Date.parse(e.deadlineAt), 'open overdue iff past deadline', e.id);
      }
    }
    expect(wrong).toEqual([]);
    const share = overdue / full.events.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.05);
  });

  it('keeps open events mostly recent', () => {
    const open = full.events.filter((e) => e.status !== 'closed');
    const recent = open.filter((e) => nowMs - Date.parse(e.reportedAt) < 30 * 86_400_000);
    expect(recent.length / open.length).toBeGreaterThan(0.8);
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

  it('names staff accounts as actors: the local account, a seat, the department; channels stay channels', () => {
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
    for (const s of full.eventSteps) {
      const e = events.get(s.eventId)!;
      const grid = grids.get(e.gridId)!;
      const local =
        grid.area === 'village'
          ? `S-v-${grid.parentId}`
          : workerOf.has(grid.id)
            ? `S-${workerOf.get(grid.id)!.toLowerCase()}`
            : `S-c-${grid.parentId}`;
      const department = `S-${e.departmentId.toLowerCase()}`;
      const channel = e.source === 'hotline' ? 'hotline-12345' : e.source;
      const reporter = e.source === 'patrol' ? local : e.source === 'department' ? department : channel;
      const expected: Record<string, string | null> = {
        collect: reporter,
        dispatch: null,
        file: null,
        handle: department,
        feedback: department,
        verify: local,
        evaluate: null,
      };
      const want = expected[s.stage];
      if (want === null) {
        if (accounts.get(s.actor)?.role !== 'centre') wrong.push(`${s.eventId}#${s.seq} ${s.actor}: not a seat`);
        seatsUsed.add(s.actor);
      } else if (s.actor !== want) wrong.push(`${s.eventId}#${s.seq} ${s.actor} ≠ ${want}`);
      if (s.actor.startsWith('S-') && !accounts.has(s.actor))
        wrong.push(`${s.eventId}#${s.seq} ${s.actor}: no such account`);
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
    expect(seatsUsed.size).toBe(16);
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

  it('writes a short Chinese description and sentiments per grid', () => {
    for (const e of full.events.slice(0, 1000)) {
      expect(e.description).toMatch(/[\u4e00-\u9fff]/);
      expect(e.description.length).toBeLessThan(80);
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
    expect(r.events).toHaveLength(total);
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

// The risk score in DuckDB SQL against the pure model (domain/risk/score.ts) on a hand-made city: two
// grids of one community, cases of known age and severity, open and overdue cases, an alarm and flood
// hours, vulnerable residents, a camera that sees one building, negative sentiment.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellsOf } from '../domain/risk/cells';
import { parseRiskConfig } from '../domain/risk/config';
import { decay, type FactorValues, type RawArea, rounded, scoreAreas } from '../domain/risk/score';
import { fillCells } from './cells';
import { type Db, openDb } from './db';
import { rankRisk } from './risk';

const cfg = parseRiskConfig(readFileSync('config/risk.json', 'utf8'));
const AT = '2026-10-01T00:00:00.000Z';
const atMs = Date.parse(AT);
const DAY = 86_400_000;
const ago = (days: number) => new Date(atMs - days * DAY).toISOString();
let db: Db;

// Grid G1 around (116.95, 31.05), G2 around (116.96, 31.05); each building 50 dwellings.
const G1: [number, number] = [116.95, 31.05];
const G2: [number, number] = [116.96, 31.05];

beforeAll(async () => {
  db = await openDb(join(mkdtempSync(join(tmpdir(), 'wendu-risk-')), 'risk.duckdb'));
  await db.write(async (c) => {
    const unit = (id: string, level: string, parent: string | null, path: string, [lon, lat]: [number, number]) =>
      c.run(
        `INSERT INTO admin_units VALUES ($1, $1, $1 || '名', $2, 'urban', $3, $4, '{}', $5, $6, 1e6, $5 - 0.004, $6 - 0.004, $5 + 0.004, $6 + 0.004)`,
        [id, level, parent, path, lon, lat],
      );
    await unit('C', 'city', null, 'C', G1);
    await unit('S', 'subdistrict', 'C', 'C/S', G1);
    await unit('M', 'community', 'S', 'C/S/M', G1);
    await unit('G1', 'grid', 'M', 'C/S/M/G1', G1);
    await unit('G2', 'grid', 'M', 'C/S/M/G2', G2);
    await c.run(
      `INSERT INTO taxonomy_items VALUES ('A', 'x', 'x', 'x', 'x', 'D01', 24, 3), ('B', 'x', 'x', 'x', 'x', 'D01', 24, 1)`,
    );
    const building = (id: string, grid: string, [lon, lat]: [number, number]) =>
      c.run(
        `INSERT INTO buildings (id, grid_id, address, use, floors, height_m, footprint, lon, lat, dwellings) VALUES ($1, $2, $1, 'residential', 6, 18, '[]', $3, $4, 50)`,
        [id, grid, lon, lat],
      );
    await building('B1', 'G1', G1);
    await building('B2', 'G2', G2);
    // A camera 50 m south of B1 looking north sees it; nothing sees B2.
    await c.run(
      `INSERT INTO cameras (id, code, owner, lon, lat, heading_deg, fov_deg, range_m, height_m, online, grid_id) VALUES ('K1', 'K1', 'police', 116.95, 31.04955, 0, 60, 150, 6, true, 'G1')`,
    );
    await c.run(`INSERT INTO households VALUES ('H1', 'B1', 'G1', 'x', 2), ('H2', 'B2', 'G2', 'x', 1)`);
    const resident = (id: string, h: string, grid: string, tags: string) =>
      c.run(
        `INSERT INTO residents (id, household_id, grid_id, name, id_number, phone, sex, birth_date, tags) VALUES ($1, $2, $3, 'x', 'x', 'x', 'F', DATE '1940-01-01', $4)`,
        [id, h, grid, tags],
      );
    await resident('R1', 'H1', 'G1', 'low-income');
    await resident('R2', 'H1', 'G1', 'low-income,disabled,party-member');
    await resident('R3', 'H2', 'G2', 'elderly-alone');
    await resident('R4', 'H2', 'G2', 'veteran');
    const event = (
      id: string,
      grid: string,
      [lon, lat]: [number, number],
      item: string,
      reported: string,
      status: string,
      closed: string | null,
      deadline: string,
      overdue: boolean,
      dueAt: string | null,
    ) =>
      c.run(
        `INSERT INTO events (id, code, item_code, source, grid_id, lon, lat, h3, reported_at, deadline_at, department_id, status, closed_at, overdue, description, due_at)
         VALUES ($1, $1, $2, 'patrol', $3, $4, $5, 'x', $6::TIMESTAMP, $7::TIMESTAMP, 'D01', $8, $9::TIMESTAMP, $10, 'x', $11::TIMESTAMP)`,
        [id, item, grid, lon, lat, reported, deadline, status, closed, overdue, dueAt],
      );
    // G1: a severe case 5 days old (closed), a mild one 20 days old (closed), one 100 days old (out of the window)
    await event('E1', 'G1', G1, 'A', ago(5), 'closed', ago(4), ago(4), false, null);
    await event('E2', 'G1', G1, 'B', ago(20), 'closed', ago(19), ago(19), false, null);
    await event('E3', 'G1', G1, 'A', ago(100), 'closed', ago(99), ago(99), false, null);
    // G2: open now, its running limit passed 1 day before `at` (overdue then); another closed after `at`
    // that had missed its limit 2 days before `at` (overdue then); a rejected one (never counts); one
    // reported after `at` (not yet)
    await event('E4', 'G2', G2, 'B', ago(3), 'handling', null, ago(1), true, ago(1));
    await event('E5', 'G2', G2, 'A', ago(10), 'closed', ago(-2), ago(2), true, null);
    await event('E6', 'G2', G2, 'A', ago(1), 'rejected', null, ago(0), false, null);
    await event('E7', 'G2', G2, 'A', ago(-1), 'handling', null, ago(-2), false, ago(-2));
    await c.run(
      `INSERT INTO sensors (id, kind, component_id, lon, lat, grid_id) VALUES ('S1', 'manhole', NULL, $1, $2, 'G2')`,
      G2,
    );
    await c.run(
      `INSERT INTO alarms (id, device_id, rule, metric, item_code, severity, status, message, raised_at, lon, lat, grid_id)
       VALUES ('AL1', 'S1', 'r', 'm', 'A', 2, 'raised', 'x', $1::TIMESTAMP, $2, $3, 'G2')`,
      [ago(2), ...G2],
    );
    // Flood signs: water over the threshold in two minutes of one hour, 1 day ago (one flood hour).
    for (const m of [0, 1])
      await c.run(
        `INSERT INTO telemetry_minute (device_id, minute, samples, water_level_m_max) VALUES ('S1', $1::TIMESTAMP, 1, 1.8)`,
        [new Date(atMs - DAY + m * 60_000).toISOString()],
      );
    await c.run(
      `INSERT INTO sentiments VALUES ('N1', 'G1', 't', -1, $1::TIMESTAMP, 'x'), ('N2', 'G1', 't', 1, $1::TIMESTAMP, 'x'), ('N3', 'G2', 't', -1, $2::TIMESTAMP, 'x')`,
      [ago(30), ago(60)],
    );
  });
  await fillCells(db);
});
afterAll(() => db.close());

/** The raw factors by hand, from the rows above and the configuration's parameters. */
function expectedRaw(): Record<'G1' | 'G2', FactorValues> {
  const c = (days: number) => decay(days * DAY, cfg.cases.halfLifeDays, cfg.cases.windowDays);
  const a = (days: number) => decay(days * DAY, cfg.sensorAlarms.halfLifeDays, cfg.sensorAlarms.windowDays);
  const s = (days: number) => decay(days * DAY, cfg.sentiment.halfLifeDays, cfg.sentiment.windowDays);
  const t = cfg.vulnerable.tags;
  const { openWeight, overdueWeight } = cfg.openOverdue;
  return {
    G1: {
      cases: 3 * c(5) + 1 * c(20),
      openOverdue: 0,
      sensorAlarms: 0,
      vulnerable: 2 * t['low-income'] + t.disabled,
      cameraGaps: 0,
      sentiment: s(30),
    },
    G2: {
      cases: 1 * c(3) + 3 * c(10),
      openOverdue: 2 * (openWeight + overdueWeight),
      sensorAlarms: 2 * a(2) + cfg.sensorAlarms.floodMultiplier * a(1),
      vulnerable: t['elderly-alone'],
      cameraGaps: 50,
      sentiment: s(60),
    },
  };
}

describe('the risk score in SQL', () => {
  it('fills cells at three resolutions and the camera cover', async () => {
    const rows = await db.all<{ id: string; h3_r8: string; h3_r9: string; h3_r10: string; camera_seen: boolean }>(
      'SELECT id, h3_r8, h3_r9, h3_r10, camera_seen FROM buildings ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'B1', ...flat(cellsOf(...G1)), camera_seen: true },
      { id: 'B2', ...flat(cellsOf(...G2)), camera_seen: false },
    ]);
    expect((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events WHERE h3_r10 IS NULL'))!.n).toBe(0);
  });

  it('scores grids as the pure model does, factor by factor', async () => {
    const raw = expectedRaw();
    const areas: RawArea[] = (['G1', 'G2'] as const).map((g) => ({ areaId: g, name: `${g}名`, raw: raw[g] }));
    const expected = scoreAreas(areas, cfg.weights).map(rounded);
    expect(await rankRisk(db, cfg, { level: 'grid', at: AT, top: 10, within: [] })).toEqual(expected);
  });

  it('sums a community from its grids, and H3 cells from the points in them', async () => {
    const [community] = await rankRisk(db, cfg, { level: 'community', at: AT, top: 10, within: [] });
    // alone at its level, the community is the worst on every factor it has
    expect(community).toMatchObject({ areaId: 'M', name: 'M名', score: 100 });
    const cells = await rankRisk(db, cfg, { level: 'h3r10', at: AT, top: 10, within: [] });
    expect(cells.map((c) => c.areaId).sort()).toEqual([cellsOf(...G1).r10, cellsOf(...G2).r10].sort());
    expect(cells.find((c) => c.areaId === cellsOf(...G2).r10)).toMatchObject({ name: 'G2名' });
    const raw = expectedRaw();
    const byCell = scoreAreas(
      [
        { areaId: cellsOf(...G1).r10, name: 'G1名', raw: raw.G1 },
        { areaId: cellsOf(...G2).r10, name: 'G2名', raw: raw.G2 },
      ],
      cfg.weights,
    ).map(rounded);
    expect(cells).toEqual(byCell);
  });

  it('moves with `at`: a day before, the case of the day after is not there yet', async () => {
    const before = await rankRisk(db, cfg, { level: 'grid', at: ago(4.5), top: 10, within: [] });
    // G1's severe case (5 days before AT) is then half a day old; the rest of G1's history is the same
    const g1 = before.find((a) => a.areaId === 'G1')!;
    expect(g1.factors.cases).toBeGreaterThan(0);
    const later = await rankRisk(db, cfg, { level: 'grid', at: ago(-1.5), top: 10, within: [] });
    // after AT, E7 (reported a day after AT) is open and counts
    expect(later.find((a) => a.areaId === 'G2')!.factors.openOverdue).toBeGreaterThan(0);
  });

  it('narrows to areas within a unit, and to the top N', async () => {
    expect(
      (await rankRisk(db, cfg, { level: 'grid', at: AT, top: 10, within: ['C/S/M/G1'] })).map((a) => a.areaId),
    ).toEqual(['G1']);
    expect(await rankRisk(db, cfg, { level: 'grid', at: AT, top: 1, within: [] })).toHaveLength(1);
    expect(await rankRisk(db, cfg, { level: 'grid', at: AT, top: 10, within: ['C/X'] })).toEqual([]);
  });
});

const flat = (c: { r8: string; r9: string; r10: string }) => ({ h3_r8: c.r8, h3_r9: c.r9, h3_r10: c.r10 });

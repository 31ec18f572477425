// The one dataset at full scale, generated once: the article's figures exactly, and the risk model
// finding what the generator planted (scripts/generate/hotspots.ts, hotspots.json beside the dataset):
// at the grid level at least 9 of the 10 riskiest grids are planted hot spots, and each planted one's
// largest factor names its cause. (At the shared small scale a grid sees a case every few months, too
// few for any rising run to stand out.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../scripts/generate/build';
import type { PlantedHotspot } from '../scripts/generate/hotspots';
import { HOTSPOTS_FILE } from '../scripts/generate/write';
import { createApp } from '../server/app';
import { loadRiskConfig } from '../server/config';
import { mainFactor } from '../server/domain/risk/score';
import { type Db, openDb } from '../server/store/db';
import { rankRisk } from '../server/store/risk';
import { call, signInEveryRole } from './helpers/session';

const dir = mkdtempSync(join(tmpdir(), 'wendu-full-'));
const TODAY = '2026-11-01T00:00:00.000Z';
let built: Awaited<ReturnType<typeof buildDataset>>;
let db: Db;

beforeAll(async () => {
  built = await buildDataset({ seed: 20220601, scale: 1, today: TODAY, outDir: dir, quiet: true });
  // Printed, not asserted: speed belongs to benchmarks; the README quotes `npm run generate`.
  console.log(`full-scale generation: ${built.totalSeconds} s`, built.seconds);
  db = await openDb(built.dbPath);
}, 300_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('full-scale reference dataset', () => {
  it('reproduces every figure of the article', async () => {
    const app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() });
    const cookie = (await signInEveryRole(app, db)).cookies.get('screen')!;
    const body = (await call(app, 'GET', '/api/overview', { cookie })).body;
    expect(body).toEqual({
      subdistricts: 3,
      communities: 23,
      urbanGrids: 105,
      towns: 2,
      villages: 39,
      villageGrids: 199,
      components: 24772,
      cameras: 1309,
      patrolPoints: 539,
      residents: 240000,
      departments: 22,
      gridPartyBranches: 63,
      compoundPartyGroups: 211,
      unitHeads: 1372,
      taxonomy: { categories: 9, subcategories: 32, items: 90 },
      // the history's span (the time slider's ends): from the first case to the day before the dataset's today
      events: {
        total: 170000,
        closed: 168810,
        closureRate: 0.993,
        firstDay: expect.stringMatching(/^20\d\d-\d\d-\d\d$/),
        lastDay: '2026-10-31',
      },
    });
    const perGrid = await db.all<{ min: number; max: number; grids: number; households: number }>(`
        SELECT min(n) AS min, max(n) AS max, count(*) AS grids, sum(n)::INTEGER AS households
        FROM (SELECT a.id, count(h.id) AS n FROM admin_units a LEFT JOIN households h ON h.grid_id = a.id WHERE a.level = 'grid' GROUP BY a.id)`);
    expect(perGrid[0]!.grids).toBe(304);
    expect(perGrid[0]!.min).toBeGreaterThanOrEqual(300);
    expect(perGrid[0]!.max).toBeLessThanOrEqual(500);
    console.log('households per grid', perGrid[0]);
  }, 60_000);
});

describe('planted hot spots', () => {
  const cfg = loadRiskConfig();
  const planted = (): PlantedHotspot[] => JSON.parse(readFileSync(join(dir, 'dataset', HOTSPOTS_FILE), 'utf8'));

  it('are recorded beside the dataset: case runs and vulnerable compounds, in distinct grids', () => {
    const p = planted();
    expect(p.filter((h) => h.kind === 'case-run').length).toBeGreaterThanOrEqual(5);
    expect(p.filter((h) => h.kind === 'vulnerable-compound').length).toBeGreaterThanOrEqual(2);
    expect(new Set(p.map((h) => h.areaId)).size).toBe(p.length);
  });

  it('rank at the top of the grids at the end of the history: precision at 10 of 0.9 or more', async () => {
    const top = await rankRisk(db, cfg, { level: 'grid', at: TODAY, top: 10, within: [] });
    const hits = top.filter((a) => planted().some((p) => p.areaId === a.areaId));
    console.log(
      'top 10 grids',
      top.map((a) => `${a.areaId} ${a.score} ${mainFactor(a.factors)}${hits.includes(a) ? ' (planted)' : ''}`),
    );
    expect(top).toHaveLength(10);
    expect(hits.length / top.length).toBeGreaterThanOrEqual(0.9);
  });

  it('each explained by its planted cause', async () => {
    const all = await rankRisk(db, cfg, { level: 'grid', at: TODAY, top: 1000, within: [] });
    for (const p of planted()) {
      const area = all.find((a) => a.areaId === p.areaId)!;
      expect(mainFactor(area.factors), `${p.kind} ${p.areaId}`).toBe(p.cause);
    }
  });

  it('rise over the last weeks: each case run is among the top grids by cases now, most were not two months ago', async () => {
    const runs = planted()
      .filter((p) => p.kind === 'case-run')
      .map((p) => p.areaId);
    const topByCases = async (at: string) =>
      (await rankRisk(db, cfg, { level: 'grid', at, top: 1000, within: [] }))
        .sort((a, b) => b.factors.cases - a.factors.cases)
        .slice(0, 10)
        .map((a) => a.areaId);
    const now = await topByCases(TODAY);
    for (const id of runs) expect(now, id).toContain(id);
    const before = await topByCases('2026-08-15T00:00:00Z');
    expect(runs.filter((id) => before.includes(id)).length).toBeLessThan(runs.length / 2);
  });
});

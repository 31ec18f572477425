// The risk model finds what the generator planted (scripts/generate/hotspots.ts, hotspots.json beside
// the dataset): at the grid level, at least 9 of the 10 riskiest grids are planted hot spots, and each
// planted one's largest factor names its cause. Scale 0.2: at the shared small scale (0.02) a grid
// sees a case every few months, too few for any rising run to stand out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../scripts/generate/build';
import type { PlantedHotspot } from '../scripts/generate/hotspots';
import { HOTSPOTS_FILE } from '../scripts/generate/write';
import { loadRiskConfig } from '../server/config';
import { mainFactor } from '../server/domain/risk/score';
import { type Db, openDb } from '../server/store/db';
import { rankRisk } from '../server/store/risk';
import { SMALL } from './helpers/small';

const SCALE = 0.2;
const dir = mkdtempSync(join(tmpdir(), 'wendu-hotspots-'));
const cfg = loadRiskConfig();
let db: Db;
let planted: PlantedHotspot[];

beforeAll(async () => {
  const built = await buildDataset({ seed: SMALL.seed, scale: SCALE, today: SMALL.today, outDir: dir, quiet: true });
  planted = JSON.parse(readFileSync(join(dir, 'dataset', HOTSPOTS_FILE), 'utf8'));
  db = await openDb(built.dbPath, { readOnly: true });
}, 240_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('planted hot spots', () => {
  it('are recorded beside the dataset: case runs and vulnerable compounds, in distinct grids', () => {
    expect(planted.filter((p) => p.kind === 'case-run').length).toBeGreaterThanOrEqual(5);
    expect(planted.filter((p) => p.kind === 'vulnerable-compound').length).toBeGreaterThanOrEqual(2);
    expect(new Set(planted.map((p) => p.areaId)).size).toBe(planted.length);
  });

  it('rank at the top of the grids at the end of the history: precision at 10 of 0.9 or more', async () => {
    const top = await rankRisk(db, cfg, { level: 'grid', at: SMALL.today, top: 10, within: [] });
    const hits = top.filter((a) => planted.some((p) => p.areaId === a.areaId));
    console.log(
      'top 10 grids',
      top.map((a) => `${a.areaId} ${a.score} ${mainFactor(a.factors)}${hits.includes(a) ? ' (planted)' : ''}`),
    );
    expect(top).toHaveLength(10);
    expect(hits.length / top.length).toBeGreaterThanOrEqual(0.9);
  });

  it('each explained by its planted cause', async () => {
    const all = await rankRisk(db, cfg, { level: 'grid', at: SMALL.today, top: 1000, within: [] });
    for (const p of planted) {
      const area = all.find((a) => a.areaId === p.areaId)!;
      expect(mainFactor(area.factors), `${p.kind} ${p.areaId}`).toBe(p.cause);
    }
  });

  it('rise over the last weeks: each case run is among the top grids by cases now, most were not two months ago', async () => {
    const runs = planted.filter((p) => p.kind === 'case-run').map((p) => p.areaId);
    const topByCases = async (at: string) =>
      (await rankRisk(db, cfg, { level: 'grid', at, top: 1000, within: [] }))
        .sort((a, b) => b.factors.cases - a.factors.cases)
        .slice(0, 10)
        .map((a) => a.areaId);
    const now = await topByCases(SMALL.today);
    for (const id of runs) expect(now, id).toContain(id);
    const before = await topByCases('2026-08-15T00:00:00Z');
    expect(runs.filter((id) => before.includes(id)).length).toBeLessThan(runs.length / 2);
  });
});

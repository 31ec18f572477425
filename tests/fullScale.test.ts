// The one test at full scale: the article's figures exactly, from a freshly generated store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../scripts/generate/build';
import { createApp } from '../server/app';
import { openDb } from '../server/store/db';
import { call, signInEveryRole } from './helpers/session';

const dir = mkdtempSync(join(tmpdir(), 'wendu-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('full-scale reference dataset', () => {
  it('reproduces every figure of the article', async () => {
    const result = await buildDataset({
      seed: 20220601,
      scale: 1,
      today: '2026-11-01T00:00:00.000Z',
      outDir: dir,
      quiet: true,
    });
    // Printed, not asserted: speed belongs to benchmarks; the README quotes `npm run generate`.
    console.log(`full-scale generation: ${result.totalSeconds} s`, result.seconds);
    const db = await openDb(result.dbPath);
    try {
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
    } finally {
      db.close();
    }
  }, 300_000);
});

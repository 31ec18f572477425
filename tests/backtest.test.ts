// `npm run backtest` as a program, on the small dataset: it prints the JSON summary, scores every
// horizon of both granularities, and the city's forecast beats the seasonal-naive one. (The small
// dataset's grids hold about a dozen cases in eight years: there MAE rewards forecasting 0, so only the
// city is asserted here; README gives the full-scale figures.) A bad argument is named, exit 1.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backtest.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npm run backtest', () => {
  it("scores the model against seasonal naive per horizon, and the city's beats it", () => {
    // Its own copy: the program opens the file read-only, and other tests' copies are theirs.
    const dir = mkdtempSync(join(tmpdir(), 'wendu-backtest-'));
    copyFileSync(join(inject('smallDataDir'), 'wendu.duckdb'), join(dir, 'wendu.duckdb'));
    const res = run(['--data', dir, '--levels', 'city', '--origins-weeks', '26']);
    expect(res.status, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary.results.map((r: any) => `${r.level}/${r.by}`)).toEqual(['city/week', 'city/month']);
    const [weeks, months] = summary.results;
    expect(weeks.horizons.map((h: any) => h.h)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(months.horizons.map((h: any) => h.h)).toEqual([1, 2, 3]);
    expect(weeks.horizons[0].forecasts).toBe(26);
    for (const r of summary.results)
      for (const h of r.horizons) expect(h.model, `${r.by} h=${h.h}`).toBeLessThan(h.seasonalNaive);
    expect(summary.beatsSeasonalNaive).toBe(true);
  });

  it('names a bad argument and exits 1', () => {
    const res = run(['--levels', 'province']);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('unknown level province');
  });
});

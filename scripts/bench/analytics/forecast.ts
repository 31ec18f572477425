// The forecast's cost on a cache miss (routes/statsTrends.ts unitForecast, what
// GET /api/stats/events/forecast builds when no cached answer serves it): 8 weeks and 3 months ahead
// for the city and the busiest unit of every level below it; p50/p95 per period and level.
import { unitForecast } from '../../../server/routes/statsTrends';
import { type Latency, summarise } from '../workflow/latency';
import type { AnalyticsPhase } from './phase';
import { busiestUnits } from './units';

export const forecastPhase: AnalyticsPhase = {
  name: 'forecast',
  async measure({ db, today, runs, log }) {
    const byView: Record<string, Latency> = {};
    const all: number[] = [];
    const firstCallMs: Record<string, number> = {};
    const units = await busiestUnits(db);
    for (const by of ['week', 'month'] as const) {
      for (const unit of units) {
        const samples: number[] = [];
        const name = `${by}-${unit.level}`;
        // The first call reads the columns from the file: timed apart, as the risk phase does.
        const t0 = performance.now();
        await unitForecast(db, { kind: 'city' }, { unit: unit.id, by }, today);
        firstCallMs[name] = Math.round(performance.now() - t0);
        for (let i = 0; i < runs; i++) {
          db.versions.bump('events'); // as a new case does: the cases kept per day are checked again
          const t = performance.now();
          await unitForecast(db, { kind: 'city' }, { unit: unit.id, by }, today);
          samples.push(performance.now() - t);
        }
        byView[name] = summarise(samples);
        all.push(...samples);
        log(`forecast ${name}: p95 ${byView[name]!.p95Ms} ms`);
      }
    }
    return { all: summarise(all), byView, firstCallMs };
  },
};

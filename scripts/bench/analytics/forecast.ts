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
    const units = await busiestUnits(db);
    for (const by of ['week', 'month'] as const) {
      for (const unit of units) {
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await unitForecast(db, { kind: 'city' }, { unit: unit.id, by }, today);
          samples.push(performance.now() - t);
        }
        const name = `${by}-${unit.level}`;
        byView[name] = summarise(samples);
        all.push(...samples);
        log(`forecast ${name}: p95 ${byView[name]!.p95Ms} ms`);
      }
    }
    return { all: summarise(all), byView };
  },
};

// The six-element drill-down's cost on a cache miss (routes/grids.ts unitSummary, what
// GET /api/grids/{id} builds when no cached answer serves it): the city and the busiest unit of every
// level below it, as the centre (city-wide scope) reads them; p50/p95 per level. A cached answer is
// rebuilt when a case or an opinion moves (the usual reason): the unit's standing elements (people,
// places, things, organisations) are kept by their own tables' data versions (store/unitSummary.ts),
// so the timed calls count the cases and the sentiment again; the first call, timed apart, reads all.
import { unitSummary } from '../../../server/routes/grids';
import { type Latency, summarise } from '../workflow/latency';
import type { AnalyticsPhase } from './phase';
import { busiestUnits } from './units';

export const drilldownPhase: AnalyticsPhase = {
  name: 'drilldown',
  async measure({ db, today, runs, log }) {
    const byLevel: Record<string, Latency & { answerKB: number }> = {};
    const all: number[] = [];
    const firstCallMs: Record<string, number> = {};
    for (const unit of await busiestUnits(db)) {
      const samples: number[] = [];
      // The first call reads the columns from the file: timed apart, as the risk phase does.
      const t0 = performance.now();
      let answer: unknown = await unitSummary(db, unit.id, { kind: 'city' }, today);
      firstCallMs[unit.level] = Math.round(performance.now() - t0);
      for (let i = 0; i < runs; i++) {
        db.versions.bump('events'); // as a new case does: the cases kept per day are checked again
        const t = performance.now();
        answer = await unitSummary(db, unit.id, { kind: 'city' }, today);
        samples.push(performance.now() - t);
      }
      const kb = Math.round(Buffer.byteLength(JSON.stringify(answer)) / 102.4) / 10;
      byLevel[unit.level] = { ...summarise(samples), answerKB: kb };
      all.push(...samples);
      log(`drilldown ${unit.level} ${unit.id}: p95 ${byLevel[unit.level]!.p95Ms} ms`);
    }
    return { all: summarise(all), byLevel, firstCallMs };
  },
};

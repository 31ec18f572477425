// The case heat layer's cost on a cache miss (store/eventHeat.ts, what GET /api/stats/events/h3 does
// when no cached answer serves it): the last month and the last year, city-wide and within the busiest
// community, at resolutions 8 and 9; p50/p95 per view, and the answer's size as the browser gets it
// (JSON, before compression): what a map view costs to ship.
import { eventHeat } from '../../../server/store/eventHeat';
import { type Latency, summarise } from '../workflow/latency';
import type { AnalyticsPhase } from './phase';
import { busiestUnits, dayBefore } from './units';

export const heatPhase: AnalyticsPhase = {
  name: 'heat',
  async measure({ db, today, runs, log }) {
    const to = dayBefore(today, 1);
    const community = (await busiestUnits(db)).find((u) => u.level === 'community');
    const views = [
      { name: 'city-month-r9', res: 9 as const, from: dayBefore(today, 31), withinPath: undefined },
      { name: 'city-year-r9', res: 9 as const, from: dayBefore(today, 366), withinPath: undefined },
      { name: 'city-year-r8', res: 8 as const, from: dayBefore(today, 366), withinPath: undefined },
      { name: 'community-year-r9', res: 9 as const, from: dayBefore(today, 366), withinPath: community?.path },
    ];
    const byView: Record<string, Latency & { cells: number; answerKB: number }> = {};
    const firstCallMs: Record<string, number> = {};
    const all: number[] = [];
    for (const v of views) {
      const samples: number[] = [];
      // The first call reads the columns from the file: timed apart, as the risk phase does.
      const t0 = performance.now();
      let answer: unknown[] = await eventHeat(db, { res: v.res, from: v.from, to, withinPath: v.withinPath });
      firstCallMs[v.name] = Math.round(performance.now() - t0);
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        answer = await eventHeat(db, { res: v.res, from: v.from, to, withinPath: v.withinPath });
        samples.push(performance.now() - t);
      }
      const kb = Math.round(Buffer.byteLength(JSON.stringify(answer)) / 102.4) / 10;
      byView[v.name] = { ...summarise(samples), cells: answer.length, answerKB: kb };
      all.push(...samples);
      log(`heat ${v.name}: p95 ${byView[v.name]!.p95Ms} ms, ${answer.length} cells, ${kb} KB`);
    }
    return { all: summarise(all), byView, firstCallMs };
  },
};

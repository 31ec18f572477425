// The risk ranking's cost on a cache miss (store/risk.ts, what GET /api/risk does when no cached
// answer serves it): every level, the top 20 at the dataset's today and a year earlier; p50/p95 per
// level and over all, with the part that does not move with the clock already read (as it is after the
// first call); that first call's time apart.
import { loadRiskConfig } from '../../../server/config';
import { RISK_LEVELS } from '../../../server/domain/risk/levels';
import { rankRisk } from '../../../server/store/risk';
import { type Latency, summarise } from '../workflow/latency';
import type { AnalyticsPhase } from './phase';

export const riskPhase: AnalyticsPhase = {
  name: 'risk',
  async measure({ db, today, runs, log }) {
    const cfg = loadRiskConfig();
    const yearBefore = new Date(Date.parse(today) - 365 * 86_400_000).toISOString();
    const byLevel: Record<string, Latency> = {};
    const firstCallMs: Record<string, number> = {};
    const cpuP50Ms: Record<string, number | null> = {};
    const all: number[] = [];
    for (const level of RISK_LEVELS) {
      const samples: number[] = [];
      // The first call reads the columns and the part that does not move with the clock (kept per data version).
      const t0 = performance.now();
      await rankRisk(db, cfg, { level, at: today, top: 20, within: [] });
      firstCallMs[level] = Math.round(performance.now() - t0);
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const at = i % 2 === 0 ? today : yearBefore;
        const c0 = process.cpuUsage();
        const t = performance.now();
        await rankRisk(db, cfg, { level, at, top: 20, within: [] });
        samples.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      byLevel[level] = summarise(samples);
      // CPU time of the process (every DuckDB thread and JavaScript) per call: what a loaded machine's
      // wall-clock figures cannot show.
      cpuP50Ms[level] = summarise(cpu).p50Ms;
      all.push(...samples);
      log(
        `risk ${level}: p50 ${byLevel[level].p50Ms} ms, p95 ${byLevel[level].p95Ms} ms, CPU p50 ${cpuP50Ms[level]} ms`,
      );
    }
    const events = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
    return { events: events!.n, all: summarise(all), byLevel, cpuP50Ms, firstCallMs };
  },
};

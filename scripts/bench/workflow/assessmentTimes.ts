// How long an assessment takes to build when no cached answer serves it (the store's query and the
// scoring, exactly what GET /api/assessment does on a cache miss), per level, for a month and for a
// year (a year also ranks the year before, for the "two years running" sanction).
import { ASSESSMENT_LEVELS, type AssessmentPeriod, parsePeriod } from '../../../server/domain/assessment';
import { assessLevel } from '../../../server/routes/assessment';
import { openDb } from '../../../server/store/db';
import { type Latency, summarise } from './latency';

/** The last complete calendar month and year (CST) before the dataset's today. */
export function lastCompletePeriods(today: string): { month: AssessmentPeriod; year: AssessmentPeriod } {
  const cst = new Date(Date.parse(today) + 8 * 3_600_000);
  const y = cst.getUTCFullYear();
  const m = cst.getUTCMonth(); // 0-based: the current month; the one before it is complete
  const month = m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
  return { month: parsePeriod(month)!, year: parsePeriod(String(y - 1))! };
}

export interface AssessmentTimes {
  period: string;
  reported: number;
  all: Latency;
  byLevel: Record<string, Latency>;
}

export async function timeAssessments(
  dbPath: string,
  periods: AssessmentPeriod[],
  runs: number,
  log: (m: string) => void,
): Promise<Record<string, AssessmentTimes>> {
  const db = await openDb(dbPath, { readOnly: true });
  const out: Record<string, AssessmentTimes> = {};
  try {
    for (const period of periods) {
      const byLevel: Record<string, Latency> = {};
      const all: number[] = [];
      let reported = 0;
      for (const level of ASSESSMENT_LEVELS) {
        const first = await assessLevel(db, level, period); // warm-up: DuckDB's first read of the columns
        if (level === 'subdistrict') reported = first.reduce((n, u) => n + u.reported, 0);
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await assessLevel(db, level, period);
          samples.push(performance.now() - t);
        }
        byLevel[level] = summarise(samples);
        all.push(...samples);
        log(`${period.kind} ${period.value} ${level}: p50 ${byLevel[level].p50Ms} ms, p95 ${byLevel[level].p95Ms} ms`);
      }
      out[period.kind] = { period: period.value, reported, all: summarise(all), byLevel };
    }
  } finally {
    db.close();
  }
  return out;
}

// Credit points in aggregate (信用积分统计): per unit (the grid's page in the twin) and by grid, item or
// month (the analysts' view). Counts and sums only: no resident leaves here. Points are those counting at
// `now` (published, past the publication, not faded; domain/credit/record.ts viewOf, the same rule in SQL).
import type { Db } from './db';

/** Grids under the unit whose path is `$1` (the unit itself when it is a grid). */
const GRIDS = `(SELECT id FROM admin_units WHERE level = 'grid' AND (path = $1 OR starts_with(path, $1 || '/')))`;

/** Whether a record counts at the timestamp parameter `now` (SQL of domain viewOf's `counts`). */
const COUNTS = (now: string) =>
  `(c.state = 'published' AND c.public_until <= ${now}::TIMESTAMP
    AND NOT (c.kind = 'negative' AND c.fade_months IS NOT NULL AND c.public_until + to_months(c.fade_months) <= ${now}::TIMESTAMP))`;

export interface UnitCredit {
  records: number;
  residents: number;
  positivePoints: number;
  negativePoints: number;
  appealsOpen: number;
  publishing: number;
  byMonth: { month: string; positive: number; negative: number }[];
}

/**
 * The twelve months up to `now`'s (YYYY-MM), oldest first. Counted in months, not with a Date a month:
 * the credit statistics ask on every request, a 304 included, and twelve Dates were 15 % of one.
 */
export function lastMonths(now: string, n = 12): string[] {
  const d = new Date(now);
  const last = d.getUTCFullYear() * 12 + d.getUTCMonth();
  return Array.from({ length: n }, (_, i) => {
    const m = last - (n - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** A unit's credit activity: its grids' records, points counting now, appeals open, publications running. */
export async function unitCredit(db: Db, path: string, now: string): Promise<UnitCredit> {
  const months = lastMonths(now);
  const [totals, monthly] = await Promise.all([
    db.one<{ records: number; residents: number; pos: number; neg: number; appeals: number; publishing: number }>(
      `SELECT count(*)::INTEGER AS records, count(DISTINCT c.resident_id)::INTEGER AS residents,
              coalesce(sum(CASE WHEN ${COUNTS('$2')} AND c.points > 0 THEN c.points END), 0)::INTEGER AS pos,
              coalesce(sum(CASE WHEN ${COUNTS('$2')} AND c.points < 0 THEN -c.points END), 0)::INTEGER AS neg,
              count(*) FILTER (WHERE c.state = 'appealed')::INTEGER AS appeals,
              count(*) FILTER (WHERE c.state = 'published' AND c.public_until > $2::TIMESTAMP)::INTEGER AS publishing
         FROM credit_records c WHERE c.grid_id IN ${GRIDS}`,
      [path, now],
    ),
    db.all<{ month: string; pos: number; neg: number }>(
      `SELECT strftime(c.occurred_on, '%Y-%m') AS month,
              coalesce(sum(CASE WHEN c.points > 0 THEN c.points END), 0)::INTEGER AS pos,
              coalesce(sum(CASE WHEN c.points < 0 THEN -c.points END), 0)::INTEGER AS neg
         FROM credit_records c
        WHERE c.grid_id IN ${GRIDS} AND ${COUNTS('$2')} AND c.occurred_on >= $3::DATE
        GROUP BY month`,
      [path, now, `${months[0]}-01`],
    ),
  ]);
  const byMonth = new Map(monthly.map((m) => [m.month, m]));
  return {
    records: totals?.records ?? 0,
    residents: totals?.residents ?? 0,
    positivePoints: totals?.pos ?? 0,
    negativePoints: totals?.neg ?? 0,
    appealsOpen: totals?.appeals ?? 0,
    publishing: totals?.publishing ?? 0,
    byMonth: months.map((month) => ({
      month,
      positive: byMonth.get(month)?.pos ?? 0,
      negative: byMonth.get(month)?.neg ?? 0,
    })),
  };
}

export type CreditStatsBy = 'grid' | 'item' | 'month';
export interface CreditStatsRow {
  key: string;
  records: number;
  residents: number;
  positivePoints: number;
  negativePoints: number;
  appeals: number;
}

/**
 * Records under a unit grouped by grid, item or the month of the deed, within months [from, to]
 * (YYYY-MM, by the deed's day): how many, for how many residents, the points counting now, and how
 * many were appealed.
 */
export async function creditStats(
  db: Db,
  f: { path: string; by: CreditStatsBy; from: string; to: string; now: string },
): Promise<CreditStatsRow[]> {
  const key = { grid: 'c.grid_id', item: 'c.rule_code', month: "strftime(c.occurred_on, '%Y-%m')" }[f.by];
  const rows = await db.all<{
    k: string;
    records: number;
    residents: number;
    pos: number;
    neg: number;
    appeals: number;
  }>(
    `SELECT ${key} AS k, count(*)::INTEGER AS records, count(DISTINCT c.resident_id)::INTEGER AS residents,
            coalesce(sum(CASE WHEN ${COUNTS('$2')} AND c.points > 0 THEN c.points END), 0)::INTEGER AS pos,
            coalesce(sum(CASE WHEN ${COUNTS('$2')} AND c.points < 0 THEN -c.points END), 0)::INTEGER AS neg,
            count(*) FILTER (WHERE c.appeal_outcome IS NOT NULL OR c.state = 'appealed')::INTEGER AS appeals
       FROM credit_records c
      WHERE c.grid_id IN ${GRIDS} AND strftime(c.occurred_on, '%Y-%m') BETWEEN $3 AND $4
      GROUP BY k ORDER BY k`,
    [f.path, f.now, f.from, f.to],
  );
  return rows.map((r) => ({
    key: r.k,
    records: r.records,
    residents: r.residents,
    positivePoints: r.pos,
    negativePoints: r.neg,
    appeals: r.appeals,
  }));
}

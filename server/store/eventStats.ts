// Event statistics for the big screen (大屏统计): aggregates only, city-wide, over a window of days
// that ends at the platform's "now" — or, when no event was reported in that window (a dataset
// generated for another day), at the dataset's last reported event.
import type { CategoryCount, DailyCount, DepartmentRank, StatsWindow } from '../domain/eventStats';
import type { Db } from './db';

const DAY_MS = 86_400_000;
/** History that ends this long before today is an old dataset, not a quiet week. */
const STALE_MS = 7 * DAY_MS;

/**
 * The `days`-day window ending with the day of `now` (UTC days). When the history ends more than a
 * week before that (a dataset generated for an earlier day, no live events since), or the window holds
 * no event at all, it ends with the day of the last event instead (`fallback`).
 */
export async function statsWindow(db: Db, now: string, days: number): Promise<StatsWindow> {
  const end = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS;
  const window = (toMs: number, fallback: boolean): StatsWindow => ({
    from: new Date(toMs - days * DAY_MS).toISOString(),
    to: new Date(toMs).toISOString(),
    days,
    fallback,
  });
  const wanted = window(end(Date.parse(now)), false);
  const found = await db.one<{ n: number; last: string | null }>(
    `SELECT (SELECT count(*)::INTEGER FROM events WHERE reported_at >= $1::TIMESTAMP AND reported_at < $2::TIMESTAMP) AS n,
            (SELECT strftime(max(reported_at), '%Y-%m-%dT%H:%M:%S.%gZ') FROM events) AS last`,
    [wanted.from, wanted.to],
  );
  if (!found!.last) return wanted;
  const lastEnd = end(Date.parse(found!.last));
  if (found!.n > 0 && Date.parse(wanted.to) - lastEnd <= STALE_MS) return wanted;
  return window(lastEnd, true);
}

/** Events reported per day of the window (every day present, zeros included), and how many of them are closed. */
export async function dailyEventCounts(db: Db, w: StatsWindow): Promise<DailyCount[]> {
  const rows = await db.all<{ day: string; reported: number; closed: number }>(
    `SELECT strftime(reported_at, '%Y-%m-%d') AS day, count(*)::INTEGER AS reported,
            count(*) FILTER (WHERE status = 'closed')::INTEGER AS closed
       FROM events WHERE reported_at >= $1::TIMESTAMP AND reported_at < $2::TIMESTAMP AND status NOT IN ('rejected', 'merged') GROUP BY 1`,
    [w.from, w.to],
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const start = Date.parse(w.from);
  return Array.from({ length: w.days }, (_, i) => {
    const day = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, reported: r?.reported ?? 0, closed: r?.closed ?? 0 };
  });
}

/** Events of the window by taxonomy category (all nine, most first). */
export async function eventsByCategory(db: Db, w: StatsWindow): Promise<CategoryCount[]> {
  return db.all<CategoryCount>(
    `SELECT c.code, c.name, c.name_en AS "nameEn", count(e.id)::INTEGER AS count,
            (count(e.id) FILTER (WHERE e.status NOT IN ('closed', 'rejected', 'merged')))::INTEGER AS open
       FROM taxonomy_categories c
       LEFT JOIN events e ON substr(e.item_code, 1, 2) = c.code AND e.reported_at >= $1::TIMESTAMP AND e.reported_at < $2::TIMESTAMP
         AND e.status NOT IN ('rejected', 'merged')
      GROUP BY c.code, c.name, c.name_en ORDER BY count DESC, c.code`,
    [w.from, w.to],
  );
}

/**
 * Departments with events in the window, best first: closure rate (higher), then overdue rate
 * (lower), then average handling hours (lower). Rates are rounded to three places.
 */
export async function departmentRanking(db: Db, w: StatsWindow): Promise<DepartmentRank[]> {
  const rows = await db.all<Omit<DepartmentRank, 'rank'>>(
    `SELECT d.id, d.name, d.name_en AS "nameEn", count(*)::INTEGER AS events,
            (count(*) FILTER (WHERE e.status = 'closed'))::INTEGER AS closed,
            round((count(*) FILTER (WHERE e.status = 'closed')) / count(*), 3) AS "closureRate",
            round((count(*) FILTER (WHERE e.overdue)) / count(*), 3) AS "overdueRate",
            round(avg(date_diff('second', e.reported_at, e.closed_at)) FILTER (WHERE e.closed_at IS NOT NULL) / 3600.0, 1) AS "avgHandlingHours"
       FROM events e JOIN departments d ON d.id = e.department_id
      WHERE e.reported_at >= $1::TIMESTAMP AND e.reported_at < $2::TIMESTAMP AND e.status NOT IN ('rejected', 'merged')
      GROUP BY d.id, d.name, d.name_en
      ORDER BY "closureRate" DESC, "overdueRate" ASC, "avgHandlingHours" ASC NULLS LAST, d.id`,
    [w.from, w.to],
  );
  return rows.map((r, i) => ({
    ...r,
    rank: i + 1,
    closureRate: Number(r.closureRate),
    overdueRate: Number(r.overdueRate),
    avgHandlingHours: r.avgHandlingHours === null ? null : Number(r.avgHandlingHours),
  }));
}

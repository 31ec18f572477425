// Cases per area and period (案件趋势), counted in DuckDB: a unit's cases per ISO week or month and
// taxonomy category, a unit's and its parent's series for the forecast, and every unit of a level's
// series for the anomaly list. Periods are China Standard Time (domain/forecast/periods.ts); rejected
// and merged reports are no cases and are not counted. Every query reads within the reader's scope.
import type { Scope } from '../domain/access';
import type { PeriodCount } from '../domain/forecast/caseForecast';
import { cstDayOf, cstDayStart, type Granularity, periodOf, shiftPeriod } from '../domain/forecast/periods';
import { casesByDay } from './caseDays';
import { caseScope } from './cases';
import type { Db } from './db';
import { Where } from './sql';

const DAY_MS = 86_400_000;
/** History that ends this long before today is an old dataset, not a quiet week (as store/eventStats). */
const STALE_MS = 7 * DAY_MS;

/**
 * A case's CST day, in SQL. Queries count per day and the days are folded into weeks or months here
 * (`periodsOfDays`): formatting a period label for every case cost more than the counting (a city's
 * weekly series at 10× the history: 190 ms of strftime against 70 ms by day).
 */
const DAY_SQL = '(e.reported_at + INTERVAL 8 HOUR)::DATE';

/** The period (domain/forecast/periods.ts) of a CST day 'YYYY-MM-DD', each day worked out once per query. */
function periodsOfDays(by: Granularity): (day: string) => string {
  const known = new Map<string, string>();
  return (day) => {
    let period = known.get(day);
    if (period === undefined) {
      period = periodOf(Date.parse(`${day}T00:00:00+08:00`), by);
      known.set(day, period);
    }
    return period;
  };
}

/** Adds `count` to `key` in `counts`. */
function add(counts: Map<string, number>, key: string, count: number) {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

/** The span of the case history the statistics may speak of. */
export interface CaseHistory {
  /** ISO time of the first case. */
  first: string;
  /**
   * The statistics' "now": the platform's clock, or, when the last case is more than a week older
   * (a dataset generated for another day), the last case's time.
   */
  asOf: string;
}

/** The case history's span, or null when there is no case at all. */
export async function caseHistory(db: Db, now: string): Promise<CaseHistory | null> {
  // The first and last day with a case are known from the days kept (caseDays.ts); the exact first
  // and last report are then read within those two days only.
  const { span } = await casesByDay(db, [], now);
  if (!span) return null;
  const row = await db.one<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(reported_at) FILTER (WHERE reported_at < $2::TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%gZ') AS first,
            strftime(max(reported_at) FILTER (WHERE reported_at >= $3::TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
       FROM events
      WHERE status NOT IN ('rejected', 'merged')
        AND ((reported_at >= $1::TIMESTAMP AND reported_at < $2::TIMESTAMP) OR (reported_at >= $3::TIMESTAMP AND reported_at < $4::TIMESTAMP))`,
    [span.first, span.first + 1, span.last, span.last + 1].map((d) => new Date(cstDayStart(d)).toISOString()),
  );
  // A day's last case turned away since the days were kept leaves it empty: read the whole history.
  const found = row?.first && row.last ? row : await wholeSpan(db);
  if (!found?.first || !found.last) return null;
  const stale = Date.parse(now) - Date.parse(found.last) > STALE_MS;
  return { first: found.first, asOf: stale ? found.last : now };
}

/** The first and last case's time, read from every case. */
function wholeSpan(db: Db) {
  return db.one<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(reported_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(max(reported_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
       FROM events WHERE status NOT IN ('rejected', 'merged')`,
  );
}

/** Cases of the unit at `path` (and everything below it) in the scope, reported in [from, to). */
function unitCases(scope: Scope, path: string, from: string, to: string): Where {
  return caseScope(new Where(), scope, 'e.')
    .add(`e.grid_id IN (SELECT id FROM admin_units WHERE path = ? OR starts_with(path, ? || '/'))`, path, path)
    .add(`e.reported_at >= ?::TIMESTAMP AND e.reported_at < ?::TIMESTAMP`, from, to)
    .add(`e.status NOT IN ('rejected', 'merged')`);
}

/** Cases per period and taxonomy category (its two-digit code); only the non-zero ones. */
export async function caseTrend(
  db: Db,
  scope: Scope,
  q: { path: string; by: Granularity; from: string; to: string; category?: string },
): Promise<{ period: string; category: string; count: number }[]> {
  const w = unitCases(scope, q.path, q.from, q.to);
  if (q.category) w.add('substr(e.item_code, 1, 2) = ?', q.category);
  const rows = await db.all<{ day: string; category: string; count: number }>(
    `SELECT strftime(d, '%Y-%m-%d') AS day, category, count FROM (
       SELECT ${DAY_SQL} AS d, substr(e.item_code, 1, 2) AS category, count(*)::INTEGER AS count
       FROM events e ${w} GROUP BY ALL)`,
    w.params,
  );
  const periodOfDay = periodsOfDays(q.by);
  const counts = new Map<string, number>();
  for (const r of rows) add(counts, `${periodOfDay(r.day)}|${r.category}`, r.count);
  return [...counts]
    .map(([key, count]) => {
      const [period, category] = key.split('|') as [string, string];
      return { period, category, count };
    })
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.category < b.category ? -1 : 1));
}

/**
 * The unit's cases per period and its parent's (null for the city), in [from, to), as the store has
 * them at `now`; only the periods with cases (densify to fill the gaps). The city's and a unit's
 * readers are answered from the days kept (caseDays.ts), a department's (its own cases) by SQL.
 */
export async function unitSeries(
  db: Db,
  scope: Scope,
  q: { path: string; parentPath: string | null; by: Granularity; from: string; to: string },
  now: string,
): Promise<{ own: PeriodCount[]; parent: PeriodCount[] | null }> {
  if (scope.kind !== 'department') return seriesFromDays(db, scope, q, now);
  const w = unitCases(scope, q.parentPath ?? q.path, q.from, q.to);
  const n = w.params.length;
  const rows = await db.all<{ day: string; own: number; parent: number }>(
    `SELECT strftime(d, '%Y-%m-%d') AS day, own, parent FROM (
       SELECT ${DAY_SQL} AS d,
            count(*) FILTER (WHERE e.grid_id IN (SELECT id FROM admin_units WHERE path = $${n + 1} OR starts_with(path, $${n + 1} || '/')))::INTEGER AS own,
            count(*)::INTEGER AS parent
       FROM events e ${w} GROUP BY ALL)`,
    [...w.params, q.path],
  );
  const periodOfDay = periodsOfDays(q.by);
  const own = new Map<string, number>();
  const parent = new Map<string, number>();
  for (const r of rows) {
    const period = periodOfDay(r.day);
    add(own, period, r.own);
    add(parent, period, r.parent);
  }
  const series = (m: Map<string, number>) =>
    [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, count]) => ({ period, count }));
  return { own: series(own), parent: q.parentPath ? series(parent) : null };
}

/**
 * The unit whose subtree is what a geographic scope sees of the subtree at `path` (the deeper of the
 * two; a path's last part is its unit's id), or null when they do not meet.
 */
function seenUnit(scope: Exclude<Scope, { kind: 'department' }>, path: string): string | null {
  const seen =
    scope.kind === 'city' || path === scope.path || path.startsWith(`${scope.path}/`)
      ? path
      : scope.path.startsWith(`${path}/`)
        ? scope.path
        : null;
  return seen?.slice(seen.lastIndexOf('/') + 1) ?? null;
}

/** unitSeries for the city's and a unit's readers, from the days kept (caseDays.ts). */
async function seriesFromDays(
  db: Db,
  scope: Exclude<Scope, { kind: 'department' }>,
  q: { path: string; parentPath: string | null; by: Granularity; from: string; to: string },
  now: string,
): Promise<{ own: PeriodCount[]; parent: PeriodCount[] | null }> {
  const own = seenUnit(scope, q.path);
  const parent = q.parentPath === null ? null : seenUnit(scope, q.parentPath);
  const { units } = await casesByDay(
    db,
    [own, parent].filter((id) => id !== null),
    now,
  );
  const series = periodSeries(units, q);
  return { own: series(own), parent: q.parentPath === null ? null : series(parent) };
}

/** Units' kept days in [from, to) (China days) folded into periods of `by`: only the periods with cases. */
function periodSeries(
  units: Awaited<ReturnType<typeof casesByDay>>['units'],
  q: { by: Granularity; from: string; to: string },
): (id: string | null) => PeriodCount[] {
  const from = cstDayOf(Date.parse(q.from));
  const to = cstDayOf(Date.parse(q.to)) - 1;
  const periodOfDay = new Map<number, string>();
  return (id) => {
    const days = id === null ? undefined : units.get(id)?.perDay(from, to);
    const counts = new Map<string, number>();
    for (let i = 0; days && i < days.length; i++) {
      if (days[i] === 0) continue;
      let period = periodOfDay.get(from + i);
      if (period === undefined) {
        period = periodOf(cstDayStart(from + i), q.by);
        periodOfDay.set(from + i, period);
      }
      add(counts, period, days[i]!);
    }
    return [...counts].map(([period, count]) => ({ period, count }));
  };
}

/** Depth of each level in the tree's paths ('340881/340881002/340881002001/340881002001G01'). */
export const LEVEL_DEPTH = { city: 1, subdistrict: 2, town: 2, community: 3, village: 3, grid: 4 } as const;
export type TrendLevel = keyof typeof LEVEL_DEPTH;

/**
 * Every unit of `level` in the scope with its name, path and parent's path, and the cases per period of
 * each unit and of each parent, in [from, to).
 */
export async function levelSeries(
  db: Db,
  scope: Scope,
  q: { level: TrendLevel; by: Granularity; from: string; to: string },
  now: string,
): Promise<{
  units: { id: string; name: string; path: string; parentId: string | null }[];
  series: Map<string, PeriodCount[]>;
}> {
  // A geographic scope lists its own units; the others every unit (a department's counts are its own cases).
  const within = new Where().add('level = ?', q.level);
  if (scope.kind === 'unit') within.add(`(path = ? OR starts_with(path, ? || '/'))`, scope.path, scope.path);
  const units = await db.all<{ id: string; name: string; path: string; parentId: string | null }>(
    `SELECT id, name, path, parent_id AS "parentId" FROM admin_units ${within} ORDER BY id`,
    within.params,
  );
  if (scope.kind !== 'department') {
    // From the days kept (caseDays.ts): each unit, and each parent as far as the scope sees it.
    const parentSeen = new Map(
      units.flatMap((u) =>
        u.parentId ? [[u.parentId, seenUnit(scope, u.path.slice(0, u.path.lastIndexOf('/')))] as const] : [],
      ),
    );
    const wanted = [...units.map((u) => u.id), ...parentSeen.values()].filter((id) => id !== null);
    const { units: days } = await casesByDay(db, [...new Set(wanted)], now);
    const seriesOf = periodSeries(days, q);
    const series = new Map<string, PeriodCount[]>();
    for (const u of units) series.set(u.id, seriesOf(u.id));
    for (const [parentId, seen] of parentSeen) series.set(parentId, seriesOf(seen));
    return { units, series };
  }
  const w = caseScope(new Where(), scope, 'e.')
    .add(`e.reported_at >= ?::TIMESTAMP AND e.reported_at < ?::TIMESTAMP`, q.from, q.to)
    .add(`e.status NOT IN ('rejected', 'merged')`);
  // Counted per grid in SQL; each grid's counts then go to its unit at `level` and that unit's parent,
  // read off the grid's path (a few thousand rows, where a join would touch every case).
  const [rows, grids] = await Promise.all([
    db.all<{ grid: string; day: string; count: number }>(
      `SELECT grid, strftime(d, '%Y-%m-%d') AS day, count FROM (
         SELECT e.grid_id AS grid, ${DAY_SQL} AS d, count(*)::INTEGER AS count FROM events e ${w} GROUP BY ALL)`,
      w.params,
    ),
    db.all<{ id: string; path: string }>(`SELECT id, path FROM admin_units WHERE level = 'grid'`),
  ]);
  const depth = LEVEL_DEPTH[q.level];
  const owners = new Map(
    grids.map((g) => {
      const parts = g.path.split('/');
      return [g.id, [parts[depth - 1], depth > 1 ? parts[depth - 2] : undefined]];
    }),
  );
  const byUnit = new Map<string, Map<string, number>>();
  const periodOfDay = periodsOfDays(q.by);
  for (const r of rows) {
    const period = periodOfDay(r.day);
    for (const unit of owners.get(r.grid) ?? []) {
      if (!unit) continue;
      const periods = byUnit.get(unit) ?? new Map<string, number>();
      byUnit.set(unit, periods);
      add(periods, period, r.count);
    }
  }
  const series = new Map<string, PeriodCount[]>(
    [...byUnit].map(([unit, periods]) => [
      unit,
      [...periods].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, count]) => ({ period, count })),
    ]),
  );
  return { units, series };
}

/** The last complete period: the one before the period holding `asOf`. */
export function lastCompletePeriod(asOf: string, by: Granularity): string {
  return shiftPeriod(periodOf(Date.parse(asOf), by), -1, by);
}

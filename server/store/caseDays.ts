// Cases per unit and day (案件日计数): what the forecast and the six elements count over the whole
// case history, kept in memory so a miss does not group millions of cases again. The days before
// yesterday (China time) are counted once, for every unit of the tree at once (a grid's cases also go
// to its community, subdistrict and the city); yesterday's and today's cases are counted at each call,
// a few rows found by the time order of `events` (yesterday too, so an alarm stamped just before
// midnight and stored just after is not lost). A case of an earlier day stops counting only when it
// is turned away (rejected, merged), which the case writer takes off its day (casesTurnedAway), and a
// day gains cases only when reports are added to the past (a load, a planted jump): a call checks the
// number of reports before the kept days whenever `events` moved (a few milliseconds) and counts the
// days again when it changed, as it does when the day turns.
// Rejected and merged reports are no cases and are not counted, as everywhere in store/eventTrends.ts.
import { cstDayOf, cstDayStart } from '../domain/forecast/periods';
import type { Db } from './db';

const NOT_CASES = "('rejected', 'merged')";
/** A report's China day, in SQL (days since 1970-01-01, as cstDayOf). */
const DAY_SQL = "(reported_at + INTERVAL 8 HOUR)::DATE - DATE '1970-01-01'";
/** Days before today counted at each call rather than kept: yesterday. */
const RECOUNTED_DAYS = 1;

/** One unit's cases: per day from `first`, and per taxonomy category (two-digit code). */
export interface UnitDays {
  daily: Int32Array;
  byCategory: Map<string, number>;
}

interface Kept {
  /** Today (China time) when counted: the days kept are those before today − RECOUNTED_DAYS. */
  today: number;
  /** The first day of every unit's `daily`. */
  first: number;
  /** Reports (cases or not) before the days recounted at each call, when counted. */
  reports: number;
  /** The version of `events` at which `reports` was last found unchanged. */
  checkedAt: number;
  /** By unit id (every level). */
  units: Map<string, UnitDays>;
  /** Grid id → the ids of the grid and every unit above it, as counted. */
  owners: Map<string, string[]>;
  /** The first and last day with a case, or null without any. */
  span: { first: number; last: number } | null;
}

/** The days kept, being counted or counted (`value`, once there: what the case writer corrects). */
const kept = new WeakMap<Db, { counting: Promise<Kept>; value?: Kept }>();

/** Grid id → the ids of the grid and every unit above it (its path's parts), by data version of the tree. */
const ownersKept = new WeakMap<Db, { version: number; owners: Promise<Map<string, string[]>> }>();

function ownersOf(db: Db): Promise<Map<string, string[]>> {
  const version = db.versions.of('admin_units');
  const known = ownersKept.get(db);
  if (known && known.version === version) return known.owners;
  const owners = db
    .all<{ id: string; path: string }>(`SELECT id, path FROM admin_units WHERE level = 'grid'`)
    .then((grids) => new Map(grids.map((g) => [g.id, g.path.split('/')])));
  owners.catch(() => ownersKept.delete(db));
  ownersKept.set(db, { version, owners });
  return owners;
}

async function count(db: Db, today: number): Promise<Kept> {
  const checkedAt = db.versions.of('events');
  const settled = today - RECOUNTED_DAYS;
  const [rows, owners] = await Promise.all([
    // Reports that are no case are read too (cases 0), for the number of reports.
    db.all<{ grid_id: string; day: number; category: string; cases: number; reports: number }>(
      `SELECT grid_id, ${DAY_SQL} AS day, substr(item_code, 1, 2) AS category,
              count(*) FILTER (WHERE status NOT IN ${NOT_CASES})::INTEGER AS cases, count(*)::INTEGER AS reports
         FROM events WHERE reported_at < $1::TIMESTAMP GROUP BY ALL`,
      [new Date(cstDayStart(settled)).toISOString()],
    ),
    ownersOf(db),
  ]);
  let first = settled;
  let last = -1;
  let reports = 0;
  for (const r of rows) {
    reports += r.reports;
    if (r.cases === 0) continue;
    first = Math.min(first, r.day);
    last = Math.max(last, r.day);
  }
  const units = new Map<string, UnitDays>();
  const unitDays = (id: string) => {
    let u = units.get(id);
    if (!u) {
      u = { daily: new Int32Array(Math.max(0, settled - first)), byCategory: new Map() };
      units.set(id, u);
    }
    return u;
  };
  for (const r of rows) {
    if (r.cases === 0) continue;
    for (const id of owners.get(r.grid_id) ?? []) {
      const u = unitDays(id);
      u.daily[r.day - first]! += r.cases;
      u.byCategory.set(r.category, (u.byCategory.get(r.category) ?? 0) + r.cases);
    }
  }
  return { today, first, reports, checkedAt, units, owners, span: last >= 0 ? { first, last } : null };
}

/** Reports (cases or not) before a China day: one column, 8–16 ms at 100× the history (measured). */
async function reportsBefore(db: Db, day: number): Promise<number> {
  const row = await db.one<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM events WHERE reported_at < $1::TIMESTAMP',
    [new Date(cstDayStart(day)).toISOString()],
  );
  return row!.n;
}

/** The days kept at `now`, counted again when the day turned or reports were added to the past. */
async function pastDays(db: Db, now: string): Promise<Kept> {
  const today = cstDayOf(Date.parse(now));
  const known = kept.get(db);
  if (known) {
    const k = await known.counting.catch(() => null);
    if (k && k.today === today) {
      const version = db.versions.of('events');
      if (version === k.checkedAt) return k;
      if ((await reportsBefore(db, today - RECOUNTED_DAYS)) === k.reports) {
        k.checkedAt = version;
        return k;
      }
    }
    // Another caller may have started counting meanwhile, or dropped the days: share or start.
    if (kept.get(db) !== known && kept.has(db)) return pastDays(db, now);
  }
  const entry: { counting: Promise<Kept>; value?: Kept } = { counting: count(db, today) };
  kept.set(db, entry);
  entry.counting.then(
    (k) => {
      entry.value = k;
    },
    () => {
      if (kept.get(db) === entry) kept.delete(db);
    },
  );
  return entry.counting;
}

/** What a report turned away was: its grid, when it was reported, its taxonomy item. */
export interface TurnedAway {
  gridId: string;
  reportedAt: string;
  itemCode: string;
}

/**
 * Reports the case writer turned away (不予立案, merged into another case) in a committed batch: each
 * stops counting on its day, taken off the days kept at once (a day recounted at each call needs
 * nothing). While the days are being counted the count may or may not have seen the write: they
 * are dropped, and the next call counts them again.
 */
export function casesTurnedAway(db: Db, reports: readonly TurnedAway[]): void {
  const entry = kept.get(db);
  if (reports.length === 0 || !entry) return;
  const k = entry.value;
  if (!k) {
    kept.delete(db);
    return;
  }
  for (const r of reports) {
    const day = cstDayOf(Date.parse(r.reportedAt));
    if (day < k.first || day >= k.today - RECOUNTED_DAYS) continue;
    const category = r.itemCode.slice(0, 2);
    for (const id of k.owners.get(r.gridId) ?? []) {
      const u = k.units.get(id);
      if (!u) continue;
      u.daily[day - k.first]! -= 1;
      u.byCategory.set(category, (u.byCategory.get(category) ?? 0) - 1);
    }
  }
}

type RecentRow = { grid_id: string; day: number; category: string; cases: number };
/** The recent rows by day and data version of `events`: a forecast reads them twice (span, then series). */
const recentKept = new WeakMap<Db, { key: string; rows: Promise<RecentRow[]> }>();

/** Yesterday's and today's cases (China time), per grid, day and category: the few rows the days kept lack. */
function recentCases(db: Db, today: number): Promise<RecentRow[]> {
  const key = `${today}|${db.versions.of('events')}`;
  const known = recentKept.get(db);
  if (known?.key === key) return known.rows;
  const rows = db.all<RecentRow>(
    `SELECT grid_id, ${DAY_SQL} AS day, substr(item_code, 1, 2) AS category, count(*)::INTEGER AS cases
       FROM events WHERE reported_at >= $1::TIMESTAMP AND status NOT IN ${NOT_CASES} GROUP BY ALL`,
    [new Date(cstDayStart(today - RECOUNTED_DAYS)).toISOString()],
  );
  rows.catch(() => recentKept.delete(db));
  recentKept.set(db, { key, rows });
  return rows;
}

/** A unit's cases per day and category over the whole history, as `at` sees it. */
export interface UnitCases {
  /** Cases per China day, from `first` to `last`, inclusive. */
  perDay: (from: number, to: number) => Int32Array;
  byCategory: Map<string, number>;
  total: number;
}

/**
 * The cases of the units with ids `unitIds` (any level; the whole tree below each), per day and per
 * category, at `now`; and the first and last China day with a case anywhere (null without any).
 */
export async function casesByDay(
  db: Db,
  unitIds: readonly string[],
  now: string,
): Promise<{ units: Map<string, UnitCases>; span: { first: number; last: number } | null }> {
  const past = await pastDays(db, now);
  const [recent, owners] = await Promise.all([recentCases(db, past.today), ownersOf(db)]);
  const wanted = new Set(unitIds);
  const recentByUnit = new Map<string, { byDay: Map<number, number>; byCategory: Map<string, number> }>();
  let last = past.span?.last ?? -1;
  let first = past.span?.first ?? Number.POSITIVE_INFINITY;
  for (const r of recent) {
    last = Math.max(last, r.day);
    first = Math.min(first, r.day);
    for (const id of owners.get(r.grid_id) ?? []) {
      if (!wanted.has(id)) continue;
      const t = recentByUnit.get(id) ?? { byDay: new Map(), byCategory: new Map() };
      recentByUnit.set(id, t);
      t.byDay.set(r.day, (t.byDay.get(r.day) ?? 0) + r.cases);
      t.byCategory.set(r.category, (t.byCategory.get(r.category) ?? 0) + r.cases);
    }
  }
  const units = new Map<string, UnitCases>();
  for (const id of unitIds) {
    const kept = past.units.get(id);
    const recent = recentByUnit.get(id);
    const byCategory = new Map(kept?.byCategory ?? []);
    for (const [c, n] of recent?.byCategory ?? []) byCategory.set(c, (byCategory.get(c) ?? 0) + n);
    const perDay = (from: number, to: number) => {
      const out = new Int32Array(Math.max(0, to - from + 1));
      if (kept)
        for (let d = Math.max(from, past.first); d <= Math.min(to, past.today - RECOUNTED_DAYS - 1); d++)
          out[d - from] = kept.daily[d - past.first]!;
      for (const [d, n] of recent?.byDay ?? []) if (d >= from && d <= to) out[d - from]! += n;
      return out;
    };
    let total = 0;
    for (const n of byCategory.values()) total += n;
    units.set(id, { perDay, byCategory, total });
  }
  return { units, span: last >= 0 ? { first, last } : null };
}

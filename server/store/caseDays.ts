// Cases per unit and day (案件日计数): what the forecast and the six elements count over the whole
// case history, kept in memory so a miss does not group millions of cases again. The days before
// today (China time) are counted once, for every unit of the tree at once (a grid's cases also go to
// its community, subdistrict and the city); today's cases are counted at each call, a few rows found
// by the time order of `events`. A case of a past day stops counting only when it is turned away
// (rejected, merged) and no case is ever reported in the past, so the days kept stay true while the
// number of reports before today and of those turned away stay what they were: each call checks both
// (one scan of two columns) and counts the days again when either moved, or when the day turned.
// Rejected and merged reports are no cases and are not counted, as everywhere in store/eventTrends.ts.
import type { Db } from './db';

const DAY_MS = 86_400_000;
/** China Standard Time, the zone the periods and days are counted in. */
const CST_MS = 8 * 3_600_000;

/** The China day of an instant, as days since 1970-01-01. */
export const cstDayOf = (ms: number): number => Math.floor((ms + CST_MS) / DAY_MS);
/** The instant a China day starts. */
export const cstDayStart = (day: number): number => day * DAY_MS - CST_MS;

const NOT_CASES = "('rejected', 'merged')";

/** One unit's cases: per day from `first`, and per taxonomy category (two-digit code). */
export interface UnitDays {
  daily: Int32Array;
  byCategory: Map<string, number>;
}

interface Kept {
  /** The China day the days were counted before (today when counted). */
  today: number;
  /** The first day of every unit's `daily`. */
  first: number;
  /** Reports before today and those of them turned away, when counted: the check that they still hold. */
  reports: number;
  turnedAway: number;
  /** The data version of `events` the check figures were last found true at (versions.ts). */
  checkedAt: number;
  /** By unit id (every level). */
  units: Map<string, UnitDays>;
  /** The first and last day with a case, or null without any. */
  span: { first: number; last: number } | null;
}

const kept = new WeakMap<Db, Promise<Kept>>();

/** Grid id → the ids of the grid and every unit above it (its path's parts). */
async function ownersOf(db: Db): Promise<Map<string, string[]>> {
  const grids = await db.all<{ id: string; path: string }>(`SELECT id, path FROM admin_units WHERE level = 'grid'`);
  return new Map(grids.map((g) => [g.id, g.path.split('/')]));
}

async function count(db: Db, today: number): Promise<Kept> {
  const version = db.versions.of('events');
  const before = new Date(cstDayStart(today)).toISOString();
  // One statement, so the counts and the check figures are read from the same state of the store.
  const [rows, owners] = await Promise.all([
    db.all<{ grid_id: string; day: number; category: string; cases: number; reports: number }>(
      `SELECT grid_id, (reported_at + INTERVAL 8 HOUR)::DATE - DATE '1970-01-01' AS day,
              substr(item_code, 1, 2) AS category,
              count(*) FILTER (WHERE status NOT IN ${NOT_CASES})::INTEGER AS cases, count(*)::INTEGER AS reports
         FROM events WHERE reported_at < $1::TIMESTAMP GROUP BY ALL`,
      [before],
    ),
    ownersOf(db),
  ]);
  let first = today;
  let last = -1;
  let reports = 0;
  let cases = 0;
  for (const r of rows) {
    reports += r.reports;
    cases += r.cases;
    if (r.cases > 0) {
      first = Math.min(first, r.day);
      last = Math.max(last, r.day);
    }
  }
  const units = new Map<string, UnitDays>();
  const unitDays = (id: string) => {
    let u = units.get(id);
    if (!u) {
      u = { daily: new Int32Array(Math.max(0, today - first)), byCategory: new Map() };
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
  return {
    today,
    first,
    reports,
    turnedAway: reports - cases,
    checkedAt: version,
    units,
    span: last >= 0 ? { first, last } : null,
  };
}

/** The reports before `today` and those of them turned away, as the store has them now. */
async function checkFigures(db: Db, today: number): Promise<{ reports: number; turnedAway: number }> {
  const row = await db.one<{ reports: number; turned_away: number }>(
    `SELECT count(*)::INTEGER AS reports, count(*) FILTER (WHERE status IN ${NOT_CASES})::INTEGER AS turned_away
       FROM events WHERE reported_at < $1::TIMESTAMP`,
    [new Date(cstDayStart(today)).toISOString()],
  );
  return { reports: row!.reports, turnedAway: row!.turned_away };
}

/** The days before today (China time) at `now`, counted again only when they no longer hold. */
async function pastDays(db: Db, now: string): Promise<Kept> {
  const today = cstDayOf(Date.parse(now));
  const known = kept.get(db);
  if (known) {
    const k = await known.catch(() => null);
    if (k && k.today === today) {
      // Unless a writer moved `events` since the last check, nothing can have changed.
      const version = db.versions.of('events');
      if (version === k.checkedAt) return k;
      const figures = await checkFigures(db, today);
      if (figures.reports === k.reports && figures.turnedAway === k.turnedAway) {
        k.checkedAt = version;
        return k;
      }
    }
    // Another caller may have started counting meanwhile: share it.
    const latest = kept.get(db);
    if (latest !== known) return pastDays(db, now);
  }
  const counting = count(db, today);
  kept.set(db, counting);
  counting.catch(() => {
    if (kept.get(db) === counting) kept.delete(db);
  });
  return counting;
}

/** Today's cases (China time) at `now`, per grid, day and category: the few rows the days kept lack. */
async function todaysCases(db: Db, today: number) {
  return db.all<{ grid_id: string; day: number; category: string; cases: number }>(
    `SELECT grid_id, (reported_at + INTERVAL 8 HOUR)::DATE - DATE '1970-01-01' AS day,
            substr(item_code, 1, 2) AS category, count(*)::INTEGER AS cases
       FROM events WHERE reported_at >= $1::TIMESTAMP AND status NOT IN ${NOT_CASES} GROUP BY ALL`,
    [new Date(cstDayStart(today)).toISOString()],
  );
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
  const [today, owners] = await Promise.all([todaysCases(db, past.today), ownersOf(db)]);
  const wanted = new Set(unitIds);
  const todayByUnit = new Map<string, { byDay: Map<number, number>; byCategory: Map<string, number> }>();
  let last = past.span?.last ?? -1;
  let first = past.span?.first ?? Number.POSITIVE_INFINITY;
  for (const r of today) {
    last = Math.max(last, r.day);
    first = Math.min(first, r.day);
    for (const id of owners.get(r.grid_id) ?? []) {
      if (!wanted.has(id)) continue;
      const t = todayByUnit.get(id) ?? { byDay: new Map(), byCategory: new Map() };
      todayByUnit.set(id, t);
      t.byDay.set(r.day, (t.byDay.get(r.day) ?? 0) + r.cases);
      t.byCategory.set(r.category, (t.byCategory.get(r.category) ?? 0) + r.cases);
    }
  }
  const units = new Map<string, UnitCases>();
  for (const id of unitIds) {
    const kept = past.units.get(id);
    const recent = todayByUnit.get(id);
    const byCategory = new Map(kept?.byCategory ?? []);
    for (const [c, n] of recent?.byCategory ?? []) byCategory.set(c, (byCategory.get(c) ?? 0) + n);
    const perDay = (from: number, to: number) => {
      const out = new Int32Array(Math.max(0, to - from + 1));
      if (kept)
        for (let d = Math.max(from, past.first); d <= Math.min(to, past.today - 1); d++)
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

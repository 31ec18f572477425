// The six elements (人、地、事、物、情、组织) of one unit of the tree, counted over every grid below it.
// Grids are matched by path prefix, so the same query serves a grid, a community or the whole city.
// Breakdowns are count maps keyed by the dataset's codes (taxonomy and component category codes,
// building uses, resident tags, organisation kinds), so a page renders any of them the same way;
// trends are keyed by month (YYYY-MM, China time) over the last twelve, the running one included.
import { cstDayOf, cstDayStart, periodOf, periodRange, periodStart, shiftPeriod } from '../domain/forecast/periods';
import { casesByDay } from './caseDays';
import type { Db } from './db';

export interface UnitSummary {
  people: {
    households: number;
    residents: number;
    elderlyAlone: number;
    disabled: number;
    lowIncome: number;
    partyMembers: number;
    /** Full years at `now`: 0-17, 18-34, 35-59, 60-79, 80+. */
    byAgeBand: Counts;
    bySex: Counts;
    byTag: Counts;
  };
  places: {
    buildings: number;
    byUse: Counts;
    dwellings: number;
    households: number;
    /** Residential compounds (住宅小区): residential buildings of a grid sharing an address stem. */
    compounds: number;
  };
  events: {
    total: number;
    open: number;
    closed: number;
    overdue: number;
    /** Reported today (China time) and in the 29 days before. */
    last30Days: number;
    byStatus: Counts;
    /** By taxonomy category code ('01'…'09'). */
    byCategory: Counts;
    byMonth: Counts;
  };
  things: {
    components: number;
    byState: Counts;
    /** Components by category code ('01'…). */
    byCategory: Counts;
    cameras: number;
    camerasOnline: number;
    camerasByOwner: Counts;
    patrolPoints: number;
    sensors: number;
    sensorsByKind: Counts;
  };
  sentiment: {
    total: number;
    positive: number;
    neutral: number;
    negative: number;
    byTopic: Counts;
    /** By polarity: 'positive', 'neutral', 'negative'. */
    byPolarity: Counts;
    byMonth: Counts;
  };
  organisations: {
    total: number;
    byKind: Counts;
    /** Building-unit heads (单元长) of the compound party groups, by the building they head. */
    unitHeads: number;
  };
}

type Counts = Record<string, number>;
/** The days `last30Days` counts: today (China time) and the 29 before it. */
const RECENT_DAYS = 30;
/** Months of the six elements' trends. */
const TREND_MONTHS = 12;

/** Grids under the unit whose path is `path` (the unit itself when it is a grid). */
const GRIDS = `(SELECT id FROM admin_units WHERE level = 'grid' AND (path = $1 OR starts_with(path, $1 || '/')))`;

async function grouped(db: Db, sql: string, path: string, ...more: string[]): Promise<Counts> {
  const rows = await db.all<{ k: string; n: number }>(sql, [path, ...more]);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

/** Every month of the trend as a key, zero where nothing happened. */
function monthly(counts: Counts, months: string[]): Counts {
  return Object.fromEntries(months.map((m) => [m, counts[m] ?? 0]));
}

/** The month of a timestamp column in China time, as the forecast's periods are. */
const MONTH_OF = (column: string) => `strftime(${column} + INTERVAL 8 HOUR, '%Y-%m')`;

/** The tables the standing elements read (everything but cases and sentiment). */
const STANDING_TABLES = [
  'admin_units',
  'residents',
  'households',
  'buildings',
  'components',
  'cameras',
  'patrol_points',
  'sensors',
  'organisations',
  'unit_heads',
] as const;
/** Units whose standing elements are kept at most (a city's tree has a few hundred). */
const KEPT_UNITS = 2000;

/**
 * The standing elements of a unit (people, places, things, organisations), kept per unit, day (ages
 * move with it) and data version of the tables they read: a new case or opinion (the summary's usual
 * reason to be rebuilt) then recounts only the cases and the sentiment. A failed read is not kept.
 */
const standingKept = new WeakMap<Db, Map<string, { version: string; value: Promise<Standing> }>>();

function standingOf(db: Db, path: string, now: string): Promise<Standing> {
  let kept = standingKept.get(db);
  if (!kept) {
    kept = new Map();
    standingKept.set(db, kept);
  }
  const key = `${path}|${now.slice(0, 10)}`;
  const version = db.versions.key(STANDING_TABLES);
  const known = kept.get(key);
  if (known && known.version === version) return known.value;
  const value = readStanding(db, path, now);
  value.catch(() => kept.delete(key));
  kept.delete(key);
  kept.set(key, { version, value });
  if (kept.size > KEPT_UNITS) kept.delete(kept.keys().next().value!);
  return value;
}

type Standing = Pick<UnitSummary, 'people' | 'places' | 'things' | 'organisations'>;

/** Resident tags the people element counts on its own. */
const TAGS = {
  elderlyAlone: 'elderly-alone',
  disabled: 'disabled',
  lowIncome: 'low-income',
  partyMembers: 'party-member',
};

async function readStanding(db: Db, path: string, now: string): Promise<Standing> {
  // Residents are read once, grouped by age band, sex and tags (a few hundred rows), and every count
  // of the people element is folded from those rows here: one scan of the table instead of two.
  const [residents, households, places, byUse, compounds, things, byState, byCategory, camerasByOwner, sensorsByKind] =
    await Promise.all([
      db.all<{ band: string; sex: string; tags: string; n: number }>(
        `SELECT CASE WHEN a < 18 THEN '0-17' WHEN a < 35 THEN '18-34' WHEN a < 60 THEN '35-59' WHEN a < 80 THEN '60-79' ELSE '80+' END AS band,
                sex, tags, count(*)::INTEGER AS n
           FROM (SELECT date_sub('year', birth_date, $2::TIMESTAMP::DATE) AS a, sex, tags FROM residents WHERE grid_id IN ${GRIDS})
          GROUP BY ALL`,
        [path, now],
      ),
      db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM households WHERE grid_id IN ${GRIDS}`, [path]),
      db.one<Record<string, number>>(
        `SELECT count(*) AS buildings, coalesce(sum(dwellings), 0)::INTEGER AS dwellings FROM buildings WHERE grid_id IN ${GRIDS}`,
        [path],
      ),
      grouped(
        db,
        `SELECT use AS k, count(*) AS n FROM buildings WHERE grid_id IN ${GRIDS} GROUP BY use ORDER BY use`,
        path,
      ),
      db.one<{ n: number }>(
        `SELECT count(DISTINCT grid_id || '|' || regexp_replace(address, '[0-9]+(栋|幢|号楼|号)$', ''))::INTEGER AS n
           FROM buildings WHERE use = 'residential' AND dwellings > 0 AND grid_id IN ${GRIDS}`,
        [path],
      ),
      db.one<Record<string, number>>(
        `
      SELECT (SELECT count(*) FROM cameras WHERE grid_id IN ${GRIDS}) AS cameras,
             (SELECT count(*) FROM cameras WHERE online AND grid_id IN ${GRIDS}) AS cameras_online,
             (SELECT count(*) FROM patrol_points WHERE grid_id IN ${GRIDS}) AS patrol_points,
             (SELECT count(*) FROM sensors WHERE grid_id IN ${GRIDS}) AS sensors`,
        [path],
      ),
      grouped(
        db,
        `SELECT state AS k, count(*) AS n FROM components WHERE grid_id IN ${GRIDS} GROUP BY state ORDER BY state`,
        path,
      ),
      grouped(
        db,
        `SELECT category_code AS k, count(*)::INTEGER AS n FROM components WHERE grid_id IN ${GRIDS} GROUP BY k ORDER BY k`,
        path,
      ),
      grouped(
        db,
        `SELECT owner AS k, count(*)::INTEGER AS n FROM cameras WHERE grid_id IN ${GRIDS} GROUP BY k ORDER BY k`,
        path,
      ),
      grouped(
        db,
        `SELECT kind AS k, count(*)::INTEGER AS n FROM sensors WHERE grid_id IN ${GRIDS} GROUP BY k ORDER BY k`,
        path,
      ),
    ]);
  const [byKind, unitHeads] = await Promise.all([
    grouped(
      db,
      `
      SELECT kind AS k, count(*) AS n FROM organisations
      WHERE admin_unit_id IN (SELECT id FROM admin_units WHERE path = $1 OR starts_with(path, $1 || '/'))
      GROUP BY kind ORDER BY kind`,
      path,
    ),
    db.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM unit_heads WHERE building_id IN (SELECT id FROM buildings WHERE grid_id IN ${GRIDS})`,
      [path],
    ),
  ]);
  const byTag = fold(residents, (r) => (r.tags ? r.tags.split(',') : []));
  return {
    people: {
      households: households!.n,
      residents: residents.reduce((sum, r) => sum + r.n, 0),
      elderlyAlone: byTag[TAGS.elderlyAlone] ?? 0,
      disabled: byTag[TAGS.disabled] ?? 0,
      lowIncome: byTag[TAGS.lowIncome] ?? 0,
      partyMembers: byTag[TAGS.partyMembers] ?? 0,
      byAgeBand: fold(residents, (r) => [r.band]),
      bySex: fold(residents, (r) => [r.sex]),
      byTag,
    },
    places: {
      buildings: places!.buildings!,
      byUse,
      dwellings: places!.dwellings!,
      households: households!.n,
      compounds: compounds!.n,
    },
    things: {
      components: Object.values(byState).reduce((a, b) => a + b, 0),
      byState,
      byCategory,
      cameras: things!.cameras!,
      camerasOnline: things!.cameras_online!,
      camerasByOwner,
      patrolPoints: things!.patrol_points!,
      sensors: things!.sensors!,
      sensorsByKind,
    },
    organisations: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, unitHeads: unitHeads!.n },
  };
}

/**
 * The unit's cases and sentiment. Cases are counted from the days kept (caseDays.ts: the whole history
 * without grouping it again) and, for what moves with the workflow (open cases by state, overdue),
 * from the open and overdue cases alone; opinions are read once, grouped by every key at once.
 */
async function moving(db: Db, path: string, now: string): Promise<Pick<UnitSummary, 'events' | 'sentiment'>> {
  const running = periodOf(Date.parse(now), 'month');
  const first = shiftPeriod(running, 1 - TREND_MONTHS, 'month');
  const months = periodRange(first, running, 'month');
  const since = new Date(periodStart(first)).toISOString();
  const id = path.slice(path.lastIndexOf('/') + 1);
  const [days, moved, opinions] = await Promise.all([
    casesByDay(db, [id], now),
    db.all<{ status: string; overdue: boolean; n: number }>(
      `SELECT status, overdue, count(*)::INTEGER AS n FROM events
        WHERE (status NOT IN ('closed', 'rejected', 'merged') OR (overdue AND status = 'closed')) AND grid_id IN ${GRIDS}
        GROUP BY ALL`,
      [path],
    ),
    db.all<{ topic: string; month: string | null; polarity: number; n: number }>(
      `SELECT topic, CASE WHEN "at" >= $2::TIMESTAMP AND "at" < $3::TIMESTAMP THEN ${MONTH_OF('"at"')} END AS month,
              sign(polarity)::INTEGER AS polarity, count(*)::INTEGER AS n
         FROM sentiments WHERE grid_id IN ${GRIDS} GROUP BY ALL`,
      [path, since, now],
    ),
  ]);
  const cases = days.units.get(id)!;
  const today = cstDayOf(Date.parse(now));
  const monthStart = cstDayOf(periodStart(first));
  const perDay = cases.perDay(monthStart, today);
  const byMonth: Counts = Object.fromEntries(months.map((m) => [m, 0]));
  for (let i = 0; i < perDay.length; i++) {
    if (perDay[i] === 0) continue;
    const month = periodOf(cstDayStart(monthStart + i), 'month');
    byMonth[month] = (byMonth[month] ?? 0) + perDay[i]!;
  }
  let last30Days = 0;
  for (const n of cases.perDay(today - (RECENT_DAYS - 1), today)) last30Days += n;
  const sum = <R extends { n: number }>(rows: readonly R[], keep: (r: R) => boolean) =>
    rows.reduce((total, r) => total + (keep(r) ? r.n : 0), 0);
  const open = sum(moved, (r) => r.status !== 'closed');
  const closed = cases.total - open;
  const byPolarity = {
    positive: sum(opinions, (r) => r.polarity > 0),
    neutral: sum(opinions, (r) => r.polarity === 0),
    negative: sum(opinions, (r) => r.polarity < 0),
  };
  return {
    events: {
      total: cases.total,
      open,
      closed,
      overdue: sum(moved, (r) => r.overdue),
      last30Days,
      byStatus: fold(
        [...(closed > 0 ? [{ status: 'closed', n: closed }] : []), ...moved.filter((r) => r.status !== 'closed')],
        (r) => [r.status],
      ),
      byCategory: Object.fromEntries([...cases.byCategory].sort(([a], [b]) => (a < b ? -1 : 1))),
      byMonth,
    },
    sentiment: {
      total: sum(opinions, () => true),
      ...byPolarity,
      byTopic: fold(opinions, (r) => [r.topic]),
      byPolarity,
      byMonth: monthly(
        fold(opinions, (r) => (r.month ? [r.month] : [])),
        months,
      ),
    },
  };
}

/** Grouped rows' counts summed by the keys each row names, keys in order. */
function fold<R extends { n: number }>(rows: readonly R[], keys: (r: R) => string[]): Counts {
  const out: Counts = {};
  for (const r of rows) for (const k of keys(r)) out[k] = (out[k] ?? 0) + r.n;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function getUnitSummary(db: Db, path: string, now: string): Promise<UnitSummary> {
  const [standing, { events, sentiment }] = await Promise.all([standingOf(db, path, now), moving(db, path, now)]);
  return {
    people: standing.people,
    places: standing.places,
    events,
    things: standing.things,
    sentiment,
    organisations: standing.organisations,
  };
}

// The six elements (人、地、事、物、情、组织) of one unit of the tree, counted over every grid below it.
// Grids are matched by path prefix, so the same query serves a grid, a community or the whole city.
// Breakdowns are count maps keyed by the dataset's codes (taxonomy and component category codes,
// building uses, resident tags, organisation kinds), so a page renders any of them the same way;
// trends are keyed by month (YYYY-MM, China time) over the last twelve, the running one included.
import { periodOf, periodRange, periodStart, shiftPeriod } from '../domain/forecast/periods';
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

/** The breakdowns added to each element (the counts above them kept as they were). */
async function breakdowns(db: Db, path: string, now: string) {
  const running = periodOf(Date.parse(now), 'month');
  const first = shiftPeriod(running, 1 - TREND_MONTHS, 'month');
  const months = periodRange(first, running, 'month');
  const since = new Date(periodStart(first)).toISOString();
  // Residents, cases and sentiment are each read once, grouped by every key at once (a few hundred
  // rows), and folded into their maps here: one scan of each table instead of one per map.
  const [residents, compounds, cases, componentsByCategory, camerasByOwner, sensorsByKind, sentiments, unitHeads] =
    await Promise.all([
      db.all<{ band: string; sex: string; tags: string; n: number }>(
        `SELECT CASE WHEN a < 18 THEN '0-17' WHEN a < 35 THEN '18-34' WHEN a < 60 THEN '35-59' WHEN a < 80 THEN '60-79' ELSE '80+' END AS band,
                sex, tags, count(*)::INTEGER AS n
           FROM (SELECT date_sub('year', birth_date, $2::TIMESTAMP::DATE) AS a, sex, tags FROM residents WHERE grid_id IN ${GRIDS})
          GROUP BY ALL`,
        [path, now],
      ),
      db.one<{ n: number }>(
        `SELECT count(DISTINCT grid_id || '|' || regexp_replace(address, '[0-9]+(栋|幢|号楼|号)$', ''))::INTEGER AS n
           FROM buildings WHERE use = 'residential' AND dwellings > 0 AND grid_id IN ${GRIDS}`,
        [path],
      ),
      db.all<{ status: string; category: string; month: string | null; n: number }>(
        `SELECT status, substr(item_code, 1, 2) AS category,
                CASE WHEN reported_at >= $2::TIMESTAMP AND reported_at < $3::TIMESTAMP THEN ${MONTH_OF('reported_at')} END AS month,
                count(*)::INTEGER AS n
           FROM events WHERE grid_id IN ${GRIDS} AND status NOT IN ('rejected', 'merged') GROUP BY ALL`,
        [path, since, now],
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
      db.all<{ topic: string; month: string | null; n: number }>(
        `SELECT topic, CASE WHEN "at" >= $2::TIMESTAMP AND "at" < $3::TIMESTAMP THEN ${MONTH_OF('"at"')} END AS month,
                count(*)::INTEGER AS n
           FROM sentiments WHERE grid_id IN ${GRIDS} GROUP BY ALL`,
        [path, since, now],
      ),
      db.one<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM unit_heads WHERE building_id IN (SELECT id FROM buildings WHERE grid_id IN ${GRIDS})`,
        [path],
      ),
    ]);
  return {
    people: {
      byAgeBand: fold(residents, (r) => [r.band]),
      bySex: fold(residents, (r) => [r.sex]),
      byTag: fold(residents, (r) => (r.tags ? r.tags.split(',') : [])),
    },
    places: { compounds: compounds!.n },
    events: {
      byStatus: fold(cases, (r) => [r.status]),
      byCategory: fold(cases, (r) => [r.category]),
      byMonth: monthly(
        fold(cases, (r) => (r.month ? [r.month] : [])),
        months,
      ),
    },
    things: { byCategory: componentsByCategory, camerasByOwner, sensorsByKind },
    sentiment: {
      byTopic: fold(sentiments, (r) => [r.topic]),
      byMonth: monthly(
        fold(sentiments, (r) => (r.month ? [r.month] : [])),
        months,
      ),
    },
    organisations: { unitHeads: unitHeads!.n },
  };
}

/** Grouped rows' counts summed by the keys each row names, keys in order. */
function fold<R extends { n: number }>(rows: readonly R[], keys: (r: R) => string[]): Counts {
  const out: Counts = {};
  for (const r of rows) for (const k of keys(r)) out[k] = (out[k] ?? 0) + r.n;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function getUnitSummary(db: Db, path: string, now: string): Promise<UnitSummary> {
  const [people, places, byUse, events, things, byState, sentiment, byKind, more] = await Promise.all([
    db.one<Record<string, number>>(
      `
      SELECT (SELECT count(*) FROM households WHERE grid_id IN ${GRIDS}) AS households,
             count(*) AS residents,
             count(*) FILTER (WHERE list_contains(string_split(tags, ','), 'elderly-alone')) AS elderly_alone,
             count(*) FILTER (WHERE list_contains(string_split(tags, ','), 'disabled')) AS disabled,
             count(*) FILTER (WHERE list_contains(string_split(tags, ','), 'low-income')) AS low_income,
             count(*) FILTER (WHERE list_contains(string_split(tags, ','), 'party-member')) AS party_members
      FROM residents WHERE grid_id IN ${GRIDS}`,
      [path],
    ),
    db.one<Record<string, number>>(
      `SELECT count(*) AS buildings, coalesce(sum(dwellings), 0)::INTEGER AS dwellings FROM buildings WHERE grid_id IN ${GRIDS}`,
      [path],
    ),
    grouped(
      db,
      `SELECT use AS k, count(*) AS n FROM buildings WHERE grid_id IN ${GRIDS} GROUP BY use ORDER BY use`,
      path,
    ),
    db.one<Record<string, number>>(
      `
      SELECT count(*) AS total, count(*) FILTER (WHERE status <> 'closed') AS open, count(*) FILTER (WHERE status = 'closed') AS closed,
             count(*) FILTER (WHERE overdue) AS overdue,
             count(*) FILTER (WHERE reported_at >= $2::TIMESTAMP - INTERVAL 30 DAY AND reported_at < $2::TIMESTAMP) AS last30
      FROM events WHERE grid_id IN ${GRIDS} AND status NOT IN ('rejected', 'merged')`,
      [path, now],
    ),
    db.one<Record<string, number>>(
      `
      SELECT (SELECT count(*) FROM components WHERE grid_id IN ${GRIDS}) AS components,
             (SELECT count(*) FROM cameras WHERE grid_id IN ${GRIDS}) AS cameras,
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
    db.one<Record<string, number>>(
      `
      SELECT count(*) AS total, count(*) FILTER (WHERE polarity > 0) AS positive, count(*) FILTER (WHERE polarity = 0) AS neutral,
             count(*) FILTER (WHERE polarity < 0) AS negative
      FROM sentiments WHERE grid_id IN ${GRIDS}`,
      [path],
    ),
    grouped(
      db,
      `
      SELECT kind AS k, count(*) AS n FROM organisations
      WHERE admin_unit_id IN (SELECT id FROM admin_units WHERE path = $1 OR starts_with(path, $1 || '/'))
      GROUP BY kind ORDER BY kind`,
      path,
    ),
    breakdowns(db, path, now),
  ]);
  return {
    people: {
      households: people!.households!,
      residents: people!.residents!,
      elderlyAlone: people!.elderly_alone!,
      disabled: people!.disabled!,
      lowIncome: people!.low_income!,
      partyMembers: people!.party_members!,
      ...more.people,
    },
    places: {
      buildings: places!.buildings!,
      byUse,
      dwellings: places!.dwellings!,
      households: people!.households!,
      ...more.places,
    },
    events: {
      total: events!.total!,
      open: events!.open!,
      closed: events!.closed!,
      overdue: events!.overdue!,
      last30Days: events!.last30!,
      ...more.events,
    },
    things: {
      components: things!.components!,
      byState,
      cameras: things!.cameras!,
      camerasOnline: things!.cameras_online!,
      patrolPoints: things!.patrol_points!,
      sensors: things!.sensors!,
      ...more.things,
    },
    sentiment: {
      total: sentiment!.total!,
      positive: sentiment!.positive!,
      neutral: sentiment!.neutral!,
      negative: sentiment!.negative!,
      byTopic: more.sentiment.byTopic,
      byPolarity: { positive: sentiment!.positive!, neutral: sentiment!.neutral!, negative: sentiment!.negative! },
      byMonth: more.sentiment.byMonth,
    },
    organisations: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, ...more.organisations },
  };
}

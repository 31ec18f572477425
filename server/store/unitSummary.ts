// The six elements (人、地、事、物、情、组织) of one unit of the tree, counted over every grid below it.
// Grids are matched by path prefix, so the same query serves a grid, a community or the whole city.
import type { Db } from './db';

export interface UnitSummary {
  people: {
    households: number;
    residents: number;
    elderlyAlone: number;
    disabled: number;
    lowIncome: number;
    partyMembers: number;
  };
  places: { buildings: number; byUse: Record<string, number>; dwellings: number };
  events: { total: number; open: number; closed: number; overdue: number; last30Days: number };
  things: {
    components: number;
    byState: Record<string, number>;
    cameras: number;
    camerasOnline: number;
    patrolPoints: number;
    sensors: number;
  };
  sentiment: { total: number; positive: number; neutral: number; negative: number };
  organisations: { total: number; byKind: Record<string, number> };
}

/** Grids under the unit whose path is `path` (the unit itself when it is a grid). */
const GRIDS = `(SELECT id FROM admin_units WHERE level = 'grid' AND (path = $1 OR starts_with(path, $1 || '/')))`;

async function grouped(db: Db, sql: string, path: string): Promise<Record<string, number>> {
  const rows = await db.all<{ k: string; n: number }>(sql, [path]);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

export async function getUnitSummary(db: Db, path: string, now: string): Promise<UnitSummary> {
  const [people, places, byUse, events, things, byState, sentiment, byKind] = await Promise.all([
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
  ]);
  return {
    people: {
      households: people!.households!,
      residents: people!.residents!,
      elderlyAlone: people!.elderly_alone!,
      disabled: people!.disabled!,
      lowIncome: people!.low_income!,
      partyMembers: people!.party_members!,
    },
    places: { buildings: places!.buildings!, byUse, dwellings: places!.dwellings! },
    events: {
      total: events!.total!,
      open: events!.open!,
      closed: events!.closed!,
      overdue: events!.overdue!,
      last30Days: events!.last30!,
    },
    things: {
      components: things!.components!,
      byState,
      cameras: things!.cameras!,
      camerasOnline: things!.cameras_online!,
      patrolPoints: things!.patrol_points!,
      sensors: things!.sensors!,
    },
    sentiment: {
      total: sentiment!.total!,
      positive: sentiment!.positive!,
      neutral: sentiment!.neutral!,
      negative: sentiment!.negative!,
    },
    organisations: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind },
  };
}

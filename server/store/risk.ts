// The risk score per area (风险评分) in DuckDB SQL: each factor's raw value per area (the maths of
// domain/risk/score.ts, with the weights and parameters of config/risk.json), each scaled against the
// largest of its level at the date, weighted, and summed. Admin levels group by the grid's ancestor at
// that level; H3 levels by the cells migration 12 stored (store/cells.ts). The whole level is scored
// (the scale is city-wide), then narrowed to the areas asked for.
import type { RiskConfig } from '../domain/risk/config';
import { RISK_FACTORS, type RiskFactor } from '../domain/risk/factors';
import { type H3Level, isH3Level, type RiskLevel } from '../domain/risk/levels';
import { rounded, type ScoredArea } from '../domain/risk/score';
import type { Db } from './db';
import { overdueAsOf } from './events';

export interface RiskQuery {
  level: RiskLevel;
  /** The end of the day the score is for (ISO), or now when that is earlier. */
  at: string;
  top: number;
  /** Paths of units the areas must lie within (an asked-for unit, the reader's scope); all must hold. */
  within: readonly string[];
}

/** What the score reads: a write to any of these moves it (cached answers name them). */
export const RISK_TABLES = [
  'admin_units',
  'events',
  'taxonomy_items',
  'alarms',
  'sensors',
  'telemetry_minute',
  'residents',
  'households',
  'buildings',
  'cameras',
  'sentiments',
];

/** The column that places a row of each source in an area of the level. */
interface Keys {
  events: string;
  buildings: string;
  sensors: string;
}
const ADMIN_KEYS: Keys = { events: 'e.grid_id', buildings: 'b.grid_id', sensors: 's.grid_id' };
const H3_KEYS: Record<H3Level, Keys> = {
  h3r8: { events: 'e.h3_r8', buildings: 'b.h3_r8', sensors: 's.h3_r8' },
  // events keep the resolution-9 cell they always had (from the coordinates, as the others' parents are)
  h3r9: { events: 'e.h3', buildings: 'b.h3_r9', sensors: 's.h3_r9' },
  h3r10: { events: 'e.h3_r10', buildings: 'b.h3_r10', sensors: 's.h3_r10' },
};

const num = (x: number) => {
  if (!Number.isFinite(x)) throw new Error(`risk: not a finite number: ${x}`);
  return String(x);
};

/** Weight of a row at `col` under a half-life, as domain/risk/score.ts `decay` (the window is a WHERE). */
const decaySql = (col: string, halfLifeDays: number) =>
  `pow(0.5, (epoch($1::TIMESTAMP) - epoch(${col})) / 86400.0 / ${num(halfLifeDays)})`;
const inWindow = (col: string, windowDays: number) =>
  `${col} <= $1::TIMESTAMP AND ${col} >= $1::TIMESTAMP - INTERVAL (${num(windowDays)}) DAY`;

/** One SELECT (k, v) per factor: the raw value per place key (a grid id, or a cell). */
function factorSql(cfg: RiskConfig, k: Keys, h3: boolean): Record<RiskFactor, string> {
  const tag = (name: keyof RiskConfig['vulnerable']['tags']) =>
    `CASE WHEN list_contains(string_split(r.tags, ','), '${name}') THEN ${num(cfg.vulnerable.tags[name])} ELSE 0 END`;
  const tags = Object.keys(cfg.vulnerable.tags) as (keyof RiskConfig['vulnerable']['tags'])[];
  const a = cfg.sensorAlarms;
  return {
    cases: `SELECT ${k.events} AS k, sum(t.severity * ${decaySql('e.reported_at', cfg.cases.halfLifeDays)}) AS v
      FROM events e JOIN taxonomy_items t ON t.code = e.item_code
      WHERE ${inWindow('e.reported_at', cfg.cases.windowDays)} AND e.status NOT IN ('rejected', 'merged')
      GROUP BY 1`,
    openOverdue: `SELECT ${k.events} AS k,
        sum(${num(cfg.openOverdue.openWeight)} + CASE WHEN ${overdueAsOf('$1')} THEN ${num(cfg.openOverdue.overdueWeight)} ELSE 0 END) AS v
      FROM events e
      WHERE e.reported_at <= $1::TIMESTAMP AND e.status NOT IN ('rejected', 'merged')
        AND (e.status <> 'closed' OR e.closed_at > $1::TIMESTAMP)
      GROUP BY 1`,
    sensorAlarms: `SELECT k, sum(v) AS v FROM (
        SELECT ${k.sensors} AS k, al.severity * ${decaySql('al.raised_at', a.halfLifeDays)} AS v
        FROM alarms al JOIN sensors s ON s.id = al.device_id
        WHERE ${inWindow('al.raised_at', a.windowDays)}
        UNION ALL
        SELECT ${k.sensors} AS k, ${num(a.floodMultiplier)} * ${decaySql('fh.hour', a.halfLifeDays)} AS v
        FROM (SELECT DISTINCT device_id, date_trunc('hour', minute) AS hour FROM telemetry_minute
              WHERE ${inWindow('minute', a.windowDays)}
                AND (water_level_m_max >= ${num(a.floodWaterLevelM)} OR rainfall_mm_h_max >= ${num(a.floodRainfallMmH)})) fh
        JOIN sensors s ON s.id = fh.device_id)
      GROUP BY 1`,
    // Residents → household → building: the building's cell, or the resident's grid (the household's).
    vulnerable: `SELECT ${h3 ? k.buildings : 'r.grid_id'} AS k, sum(${tags.map(tag).join(' + ')}) AS v
      FROM residents r ${h3 ? 'JOIN households h ON h.id = r.household_id JOIN buildings b ON b.id = h.building_id' : ''}
      WHERE r.tags <> ''
      GROUP BY 1`,
    cameraGaps: `SELECT ${k.buildings} AS k, sum(b.dwellings) AS v FROM buildings b WHERE NOT b.camera_seen GROUP BY 1`,
    // Sentiment is known by grid only: on H3 levels a grid's is shared among its cells by their buildings.
    sentiment: h3
      ? `SELECT bs.k, sum(sg.v * bs.share) AS v
         FROM (SELECT grid_id, sum(${decaySql('"at"', cfg.sentiment.halfLifeDays)}) AS v FROM sentiments
               WHERE polarity < 0 AND ${inWindow('"at"', cfg.sentiment.windowDays)} GROUP BY 1) sg
         JOIN (SELECT grid_id, ${k.buildings} AS k, count(*) / sum(count(*)) OVER (PARTITION BY grid_id) AS share
               FROM buildings b GROUP BY 1, 2) bs ON bs.grid_id = sg.grid_id
         GROUP BY 1`
      : `SELECT grid_id AS k, sum(${decaySql('"at"', cfg.sentiment.halfLifeDays)}) AS v FROM sentiments
         WHERE polarity < 0 AND ${inWindow('"at"', cfg.sentiment.windowDays)} GROUP BY 1`,
  };
}

interface Row {
  area_id: string;
  name: string;
  score: number;
  cases: number;
  openOverdue: number;
  sensorAlarms: number;
  vulnerable: number;
  cameraGaps: number;
  sentiment: number;
}

/** The SQL of one ranking, and its parameters. */
export function riskSql(cfg: RiskConfig, q: RiskQuery): { sql: string; params: (string | number)[] } {
  const h3 = isH3Level(q.level);
  const keys = h3 ? H3_KEYS[q.level as H3Level] : ADMIN_KEYS;
  const f = factorSql(cfg, keys, h3);
  const factorCtes = RISK_FACTORS.map((name) => `f_${name} AS (${f[name]})`).join(',\n');
  // Areas: every unit of the level (admin), or every cell with something in it (H3), named by the
  // grid it mostly falls in and placed in the tree by that grid's path.
  const areas = h3
    ? `cells AS (SELECT k FROM (${RISK_FACTORS.map((n) => `SELECT k FROM f_${n}`).join(' UNION ')}) WHERE k IS NOT NULL),
       cell_grid AS (SELECT k, arg_max(grid_id, n) AS grid_id FROM (
           SELECT ${keys.buildings} AS k, grid_id, count(*) AS n FROM buildings b GROUP BY ALL
           UNION ALL SELECT ${keys.events} AS k, grid_id, count(*) AS n FROM events e
             WHERE ${inWindow('e.reported_at', cfg.cases.windowDays)} GROUP BY ALL) GROUP BY k),
       areas AS (SELECT c.k AS area_id, coalesce(u.name, c.k) AS name, coalesce(u.path, '') AS path
                 FROM cells c LEFT JOIN cell_grid cg ON cg.k = c.k LEFT JOIN admin_units u ON u.id = cg.grid_id),
       place AS (SELECT area_id AS k, area_id FROM areas)`
    : `areas AS (SELECT id AS area_id, name, path FROM admin_units WHERE level = '${q.level}'),
       place AS (SELECT g.id AS k, a.area_id FROM admin_units g JOIN areas a
                 ON g.path = a.path OR starts_with(g.path, a.path || '/') WHERE g.level = 'grid')`;
  const perArea = RISK_FACTORS.map(
    (n) => `g_${n} AS (SELECT p.area_id, sum(x.v) AS v FROM f_${n} x JOIN place p ON p.k = x.k GROUP BY 1)`,
  ).join(',\n');
  const raw = RISK_FACTORS.map((n) => `coalesce(g_${n}.v, 0) AS "${n}"`);
  const joins = RISK_FACTORS.map((n) => `LEFT JOIN g_${n} ON g_${n}.area_id = a.area_id`).join(' ');
  const params: (string | number)[] = [q.at];
  const withins = q.within.map((path) => {
    params.push(path);
    const i = params.length;
    return `(a.path = $${i} OR starts_with(a.path, $${i} || '/'))`;
  });
  params.push(q.top);
  const scaled = RISK_FACTORS.map(
    (n) =>
      `CASE WHEN max("${n}") OVER () > 0 THEN ${num(cfg.weights[n])} * "${n}" / max("${n}") OVER () ELSE 0 END AS "${n}"`,
  );
  const sql = `WITH ${factorCtes},
    ${areas},
    ${perArea},
    raw AS (SELECT a.area_id, a.name, a.path, ${raw.join(', ')} FROM areas a ${joins}),
    scored AS (SELECT area_id, name, path, ${scaled.join(', ')} FROM raw)
    SELECT area_id, name, ${RISK_FACTORS.map((n) => `"${n}"`).join(' + ')} AS score, ${RISK_FACTORS.map((n) => `"${n}"`).join(', ')}
    FROM scored a ${withins.length ? `WHERE ${withins.join(' AND ')}` : ''}
    ORDER BY score DESC, area_id LIMIT $${params.length}`;
  return { sql, params };
}

/** The `top` riskiest areas of the level at `at`, within the units given, best first. */
export async function rankRisk(db: Db, cfg: RiskConfig, q: RiskQuery): Promise<ScoredArea[]> {
  const { sql, params } = riskSql(cfg, q);
  const rows = await db.all<Row>(sql, params);
  // Rounded contributions may reorder near-equal scores by a hundredth: sorted again as shown.
  return rows
    .map((r) =>
      rounded({
        areaId: r.area_id,
        name: r.name,
        score: Number(r.score),
        factors: Object.fromEntries(RISK_FACTORS.map((n) => [n, Number(r[n])])) as ScoredArea['factors'],
      }),
    )
    .sort((a, b) => b.score - a.score || (a.areaId < b.areaId ? -1 : a.areaId > b.areaId ? 1 : 0));
}

/** The days the score can be asked for: from the first case's to today's. */
export async function riskHistory(db: Db): Promise<{ first: string | null }> {
  const r = await db.one<{ first: string | null }>('SELECT min(reported_at)::VARCHAR AS first FROM events');
  return { first: r?.first ?? null };
}

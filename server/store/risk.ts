// The risk score per area (风险评分): each factor's raw value per place in DuckDB SQL (the decay of
// domain/risk/score.ts, with the parameters of config/risk.json), then scaled against the level's
// largest, weighted and summed (the pure model's scoreArea), and narrowed to the areas asked for. A place is a grid (admin levels sum the grids below them, by path) or an H3 cell stored by
// migration 12 (store/cells.ts). What does not move with the clock (vulnerable residents, camera gaps,
// where each cell lies) is read once per data version of its tables; the rest on every call.
import type { RiskConfig } from '../domain/risk/config';
import { RISK_FACTORS, type RiskFactor } from '../domain/risk/factors';
import { type H3Level, isH3Level, type RiskLevel } from '../domain/risk/levels';
import { byScore, type FactorValues, type RawArea, rounded, type ScoredArea, scoreArea } from '../domain/risk/score';
import type { Db } from './db';
import { overdueAsOf } from './events';

export interface RiskQuery {
  level: RiskLevel;
  /** The moment the score is for (ISO): the end of the day asked for, or now. */
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
/** The tables of the part that does not move with the clock. */
const STATIC_TABLES = ['admin_units', 'residents', 'households', 'buildings', 'cameras'];

/** The column that places a row of each source: a grid id (admin levels) or a cell. */
interface Keys {
  events: string;
  buildings: string;
  sensors: string;
}
const GRID_KEYS: Keys = { events: 'e.grid_id', buildings: 'b.grid_id', sensors: 's.grid_id' };
const H3_KEYS: Record<H3Level, Keys> = {
  h3r8: { events: 'e.h3_r8', buildings: 'b.h3_r8', sensors: 's.h3_r8' },
  // events keep the resolution-9 cell they always had (from the coordinates, as the others' parents are)
  h3r9: { events: 'e.h3', buildings: 'b.h3_r9', sensors: 's.h3_r9' },
  h3r10: { events: 'e.h3_r10', buildings: 'b.h3_r10', sensors: 's.h3_r10' },
};
const keysOf = (level: RiskLevel) => (isH3Level(level) ? H3_KEYS[level] : GRID_KEYS);

const num = (x: number) => {
  if (!Number.isFinite(x)) throw new Error(`risk: not a finite number: ${x}`);
  return String(x);
};

/** Weight of a row at `col` under a half-life, as domain/risk/score.ts `decay` (the window is a WHERE). */
const decaySql = (col: string, halfLifeDays: number) =>
  `pow(0.5, (epoch($1::TIMESTAMP) - epoch(${col})) / 86400.0 / ${num(halfLifeDays)})`;
const inWindow = (col: string, windowDays: number) =>
  `${col} <= $1::TIMESTAMP AND ${col} >= $1::TIMESTAMP - INTERVAL (${num(windowDays)}) DAY`;

/** The factors that move with the clock: one SELECT (k, v) each, $1 = the moment. */
function movingSql(cfg: RiskConfig, k: Keys): Record<'cases' | 'openOverdue' | 'sensorAlarms' | 'sentiment', string> {
  const a = cfg.sensorAlarms;
  const openValue = `${num(cfg.openOverdue.openWeight)} + CASE WHEN ${overdueAsOf('$1')} THEN ${num(cfg.openOverdue.overdueWeight)} ELSE 0 END`;
  return {
    cases: `SELECT ${k.events} AS k, sum(t.severity * ${decaySql('e.reported_at', cfg.cases.halfLifeDays)}) AS v
      FROM events e JOIN taxonomy_items t ON t.code = e.item_code
      WHERE ${inWindow('e.reported_at', cfg.cases.windowDays)} AND e.status NOT IN ('rejected', 'merged')
      GROUP BY 1`,
    // Open at the moment: closed after it (closed cases have closed_at), or not closed at all (open,
    // rejected and merged ones have none). Two plain filters the scan takes itself, rather than one OR.
    openOverdue: `SELECT k, sum(v) AS v FROM (
        SELECT ${k.events} AS k, ${openValue} AS v FROM events e
        WHERE e.closed_at > $1::TIMESTAMP AND e.reported_at <= $1::TIMESTAMP
        UNION ALL
        SELECT ${k.events} AS k, ${openValue} AS v FROM events e
        WHERE e.closed_at IS NULL AND e.reported_at <= $1::TIMESTAMP AND e.status NOT IN ('rejected', 'merged'))
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
    // Sentiment is known by grid only (spread over a grid's cells by staticPlaces' shares).
    sentiment: `SELECT grid_id AS k, sum(${decaySql('"at"', cfg.sentiment.halfLifeDays)}) AS v FROM sentiments
      WHERE polarity < 0 AND ${inWindow('"at"', cfg.sentiment.windowDays)} GROUP BY 1`,
  };
}

/** The moving factors' raw values by place, in one query (one row per place and factor). */
async function movingRaw(db: Db, cfg: RiskConfig, level: RiskLevel, at: string) {
  const f = movingSql(cfg, keysOf(level));
  const sql = (Object.keys(f) as (keyof typeof f)[])
    .map((name) => `SELECT '${name}' AS factor, k, v FROM (${f[name]}) WHERE k IS NOT NULL`)
    .join('\nUNION ALL\n');
  return db.all<{ factor: 'cases' | 'openOverdue' | 'sensorAlarms' | 'sentiment'; k: string; v: number }>(sql, [at]);
}

/** An area of the level: its name and path in the tree, and the places (grids or cells) it sums. */
interface Area {
  id: string;
  name: string;
  path: string;
}

interface StaticPlaces {
  areas: Area[];
  /** Place key → the area it belongs to. */
  areaOf: Map<string, string>;
  /** Place key → vulnerable residents and camera gaps (raw). */
  fixed: Map<string, { vulnerable: number; cameraGaps: number }>;
  /** H3 levels: grid → [cell, share of the grid's buildings] (to spread the grid's sentiment). */
  shares: Map<string, [string, number][]>;
}

/** The part of the score that does not move with the clock, by level, per data version and configuration. */
const staticMemo = new WeakMap<Db, Map<string, Promise<StaticPlaces>>>();

function staticPlaces(db: Db, cfg: RiskConfig, level: RiskLevel): Promise<StaticPlaces> {
  const memo = staticMemo.get(db) ?? new Map<string, Promise<StaticPlaces>>();
  staticMemo.set(db, memo);
  const key = `${level}|${db.versions.key(STATIC_TABLES)}|${JSON.stringify(cfg.vulnerable)}`;
  let hit = memo.get(key);
  if (!hit) {
    for (const k of memo.keys()) if (k.startsWith(`${level}|`)) memo.delete(k);
    hit = readStatic(db, cfg, level);
    hit.catch(() => memo.delete(key));
    memo.set(key, hit);
  }
  return hit;
}

async function readStatic(db: Db, cfg: RiskConfig, level: RiskLevel): Promise<StaticPlaces> {
  const h3 = isH3Level(level);
  const k = keysOf(level);
  // Tags are a comma-joined list of a fixed vocabulary in which no tag contains another: contains() is exact.
  const tags = Object.entries(cfg.vulnerable.tags)
    .map(([tag, w]) => `CASE WHEN contains(r.tags, '${tag.replace(/'/g, '')}') THEN ${num(w)} ELSE 0 END`)
    .join(' + ');
  const [vulnerable, gaps] = await Promise.all([
    // Residents → household → building: the building's cell, or the household's grid.
    db.all<{ k: string; v: number }>(
      h3
        ? `SELECT ${k.buildings} AS k, sum(${tags}) AS v FROM residents r
           JOIN households h ON h.id = r.household_id JOIN buildings b ON b.id = h.building_id GROUP BY 1`
        : `SELECT r.grid_id AS k, sum(${tags}) AS v FROM residents r GROUP BY 1`,
    ),
    db.all<{ k: string; v: number }>(
      `SELECT ${k.buildings} AS k, sum(b.dwellings) AS v FROM buildings b WHERE NOT b.camera_seen GROUP BY 1`,
    ),
  ]);
  const fixed = new Map<string, { vulnerable: number; cameraGaps: number }>();
  const at = (key: string) => fixed.get(key) ?? (fixed.set(key, { vulnerable: 0, cameraGaps: 0 }).get(key) as never);
  for (const r of vulnerable) at(r.k).vulnerable = Number(r.v);
  for (const r of gaps) at(r.k).cameraGaps = Number(r.v);

  const grids = await db.all<{ id: string; name: string; path: string }>(
    "SELECT id, name, path FROM admin_units WHERE level = 'grid'",
  );
  const shares = new Map<string, [string, number][]>();
  const areaOf = new Map<string, string>();
  if (!h3) {
    const units = await db.all<Area>('SELECT id, name, path FROM admin_units WHERE level = $1', [level]);
    const byPath = new Map(units.map((u) => [u.path, u.id]));
    // A grid belongs to the unit of the level on its path.
    for (const g of grids) {
      const parts = g.path.split('/');
      for (let i = parts.length; i > 0; i--) {
        const unit = byPath.get(parts.slice(0, i).join('/'));
        if (unit) {
          areaOf.set(g.id, unit);
          break;
        }
      }
    }
    return { areas: units, areaOf, fixed, shares };
  }
  // A cell is named by, and lies (for `within` and scopes) in, the grid most of its buildings are in.
  const cellGrid = await db.all<{ grid_id: string; k: string; n: number }>(
    `SELECT grid_id, ${k.buildings} AS k, count(*)::INTEGER AS n FROM buildings b GROUP BY 1, 2`,
  );
  const gridTotals = new Map<string, number>();
  for (const r of cellGrid) gridTotals.set(r.grid_id, (gridTotals.get(r.grid_id) ?? 0) + r.n);
  const best = new Map<string, { grid: string; n: number }>();
  for (const r of cellGrid) {
    const list = shares.get(r.grid_id) ?? [];
    list.push([r.k, r.n / gridTotals.get(r.grid_id)!]);
    shares.set(r.grid_id, list);
    const b = best.get(r.k);
    if (!b || r.n > b.n || (r.n === b.n && r.grid_id < b.grid)) best.set(r.k, { grid: r.grid_id, n: r.n });
  }
  const gridById = new Map(grids.map((g) => [g.id, g]));
  const areas = [...best].map(([cell, { grid }]) => ({
    id: cell,
    name: gridById.get(grid)?.name ?? cell,
    path: gridById.get(grid)?.path ?? '',
  }));
  for (const a of areas) areaOf.set(a.id, a.id);
  return { areas, areaOf, fixed, shares };
}

const within = (path: string, unitPath: string) => path === unitPath || path.startsWith(`${unitPath}/`);

/** The `top` riskiest areas of the level at `at`, within the units given, best first. */
export async function rankRisk(db: Db, cfg: RiskConfig, q: RiskQuery): Promise<ScoredArea[]> {
  const [places, moving] = await Promise.all([staticPlaces(db, cfg, q.level), movingRaw(db, cfg, q.level, q.at)]);
  const h3 = isH3Level(q.level);
  // Raw values in one column per factor, a row per area (a level of H3 cells has tens of thousands:
  // no object per area until the top few are known).
  const ids = places.areas.map((a) => a.id);
  const names = places.areas.map((a) => a.name);
  const paths = places.areas.map((a) => a.path);
  const index = new Map(ids.map((id, i) => [id, i]));
  const columns = Object.fromEntries(RISK_FACTORS.map((f) => [f, [] as number[]])) as Record<RiskFactor, number[]>;
  for (const f of RISK_FACTORS) columns[f] = new Array(ids.length).fill(0);
  const rowOf = (key: string): number | undefined => {
    const id = h3 ? key : places.areaOf.get(key);
    if (id === undefined) return undefined;
    let i = index.get(id);
    // A cell with cases or alarms but no building: an area of its own, named by its index.
    if (i === undefined && h3) {
      i = ids.push(id) - 1;
      names.push(id);
      paths.push('');
      index.set(id, i);
      for (const f of RISK_FACTORS) columns[f].push(0);
    }
    return i;
  };
  const add = (key: string, factor: RiskFactor, v: number) => {
    const i = rowOf(key);
    if (i !== undefined) columns[factor][i]! += v;
  };
  for (const [key, f] of places.fixed) {
    add(key, 'vulnerable', f.vulnerable);
    add(key, 'cameraGaps', f.cameraGaps);
  }
  for (const r of moving) {
    if (r.factor === 'sentiment' && h3)
      for (const [cell, share] of places.shares.get(r.k) ?? []) add(cell, 'sentiment', Number(r.v) * share);
    else add(r.k, r.factor, Number(r.v));
  }
  // Scaled against the whole level, then narrowed: a grid scores the same on every page.
  const max = Object.fromEntries(
    RISK_FACTORS.map((f) => [f, columns[f].reduce((m, v) => Math.max(v, m), 0)]),
  ) as FactorValues;
  const scale = RISK_FACTORS.map((f) => (max[f] > 0 ? cfg.weights[f] / max[f] : 0));
  const score = new Float64Array(ids.length);
  RISK_FACTORS.forEach((f, j) => {
    const col = columns[f];
    for (let i = 0; i < ids.length; i++) score[i]! += col[i]! * scale[j]!;
  });
  const asked: number[] = [];
  for (let i = 0; i < ids.length; i++) if (q.within.every((p) => within(paths[i]!, p))) asked.push(i);
  asked.sort((a, b) => score[b]! - score[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const rawOf = (i: number): RawArea => ({
    areaId: ids[i]!,
    name: names[i]!,
    raw: Object.fromEntries(RISK_FACTORS.map((f) => [f, columns[f][i]!])) as FactorValues,
  });
  // The domain's own scoring for what is shown; rounded contributions may reorder near-equal scores
  // by a hundredth, so sorted again as shown.
  return asked
    .slice(0, q.top)
    .map((i) => rounded(scoreArea(rawOf(i), max, cfg.weights)))
    .sort(byScore);
}

/** The days the score can be asked for: from the first case's to today's. */
export async function riskHistory(db: Db): Promise<{ first: string | null }> {
  const r = await db.one<{ first: string | null }>('SELECT min(reported_at)::VARCHAR AS first FROM events');
  return { first: r?.first ?? null };
}

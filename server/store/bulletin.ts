// What the monthly bulletin reads besides the assessment and the risk score (store/assessment.ts,
// store/risk.ts): the months that have cases, the month's cases per day and per category, its cases
// with points deducted, and the grids' shapes for the map. "The month's cases" are the assessment's
// cohort: reported in the month (CST), in a grid of the admin tree, whatever became of them.
import type { BulletinCategory, BulletinDay, DeductedCase } from '../domain/bulletin';
import type { Db } from './db';

/** The tables the bulletin reads (its cached copies name them); the assessment's and the risk's besides. */
export const BULLETIN_TABLES = ['events', 'case_deductions', 'admin_units', 'departments', 'taxonomy_items'] as const;

const CST = "INTERVAL '8 hours'";
/** The cohort of a period ($1, $2): the assessment's (store/assessment.ts). */
const COHORT = `e.reported_at >= $1::TIMESTAMP AND e.reported_at < $2::TIMESTAMP
  AND e.grid_id IN (SELECT id FROM admin_units)`;

/** What the list of months reads. */
export const BULLETIN_MONTHS_TABLES = ['events', 'admin_units'] as const;

/** The months (YYYY-MM, CST) with at least one case of the tree reported, oldest first, with their count. */
export async function bulletinMonths(db: Db): Promise<{ month: string; reported: number }[]> {
  return db.all<{ month: string; reported: number }>(
    `SELECT strftime(reported_at + ${CST}, '%Y-%m') AS month, count(*)::INTEGER AS reported
       FROM events WHERE grid_id IN (SELECT id FROM admin_units) GROUP BY 1 ORDER BY 1`,
  );
}

/** The cohort's cases per CST day of the period (every day, zeros included) and of them those closed by now. */
export async function bulletinDays(db: Db, period: { from: string; to: string }): Promise<BulletinDay[]> {
  const rows = await db.all<BulletinDay>(
    `SELECT strftime(e.reported_at + ${CST}, '%Y-%m-%d') AS day, count(*)::INTEGER AS reported,
            (count(*) FILTER (WHERE e.stages_entered = 5))::INTEGER AS closed
       FROM events e WHERE ${COHORT} GROUP BY 1`,
    [period.from, period.to],
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days: BulletinDay[] = [];
  // `from` is a CST midnight: +8 h gives the CST calendar day.
  for (let t = Date.parse(period.from); t < Date.parse(period.to); t += 86_400_000) {
    const day = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, reported: 0, closed: 0 });
  }
  return days;
}

/** The cohort by taxonomy category, most first (categories without a case left out). */
export async function bulletinCategories(db: Db, period: { from: string; to: string }): Promise<BulletinCategory[]> {
  return db.all<BulletinCategory>(
    `SELECT c.code, c.name, count(*)::INTEGER AS count
       FROM events e JOIN taxonomy_categories c ON c.code = substr(e.item_code, 1, 2)
      WHERE ${COHORT} GROUP BY ALL ORDER BY count DESC, c.code`,
    [period.from, period.to],
  );
}

/**
 * The cohort's cases with points deducted (every writer of case_deductions marks the case overdue),
 * the most points first: how many, their points, and the first `limit` of them.
 */
export async function deductedCases(
  db: Db,
  period: { from: string; to: string },
  limit: number,
): Promise<{ cases: number; points: number; listed: DeductedCase[] }> {
  const cases = `SELECT e.id, any_value(e.code) AS code, any_value(e.item_code) AS item_code, any_value(e.grid_id) AS grid_id,
         any_value(e.department_id) AS department_id, any_value(e.reported_at) AS reported_at, any_value(e.status) AS status,
         sum(d.points)::INTEGER AS points, list(DISTINCT d.stage ORDER BY d.stage) AS stages
    FROM events e JOIN case_deductions d ON d.event_id = e.id
   WHERE e.overdue AND ${COHORT} GROUP BY e.id`;
  const [totals, rows] = await Promise.all([
    db.one<{ cases: number; points: number }>(
      `SELECT count(*)::INTEGER AS cases, COALESCE(sum(points), 0)::INTEGER AS points FROM (${cases})`,
      [period.from, period.to],
    ),
    db.all<{
      id: string;
      code: string;
      item: string | null;
      grid: string | null;
      department: string | null;
      reported_at: string;
      status: string;
      points: number;
      stages: string[];
    }>(
      `SELECT c.id, c.code, t.name AS item, g.name AS grid, dep.name AS department,
              strftime(c.reported_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS reported_at, c.status, c.points, c.stages
         FROM (${cases}) c
         LEFT JOIN taxonomy_items t ON t.code = c.item_code
         LEFT JOIN admin_units g ON g.id = c.grid_id
         LEFT JOIN departments dep ON dep.id = c.department_id
        ORDER BY c.points DESC, c.reported_at, c.id LIMIT $3`,
      [period.from, period.to, limit],
    ),
  ]);
  return {
    cases: totals!.cases,
    points: totals!.points,
    listed: rows.map((r) => ({
      id: r.id,
      code: r.code,
      item: r.item ?? '',
      grid: r.grid ?? '',
      department: r.department ?? '',
      reportedAt: r.reported_at,
      status: r.status,
      points: r.points,
      stages: [...r.stages],
    })),
  };
}

export interface BulletinGeography {
  city: string;
  outline: [number, number][][];
  grids: { id: string; area: string | null; rings: [number, number][][] }[];
}

/** The shapes, read once per version of the admin tree (they do not move with the month). */
const geographyMemo = new WeakMap<Db, { version: string; read: Promise<BulletinGeography> }>();

/** The city's name and outline, and every grid's area (urban, village) and outer rings (lon, lat), for the map. */
export function bulletinGeography(db: Db): Promise<BulletinGeography> {
  const version = db.versions.key(['admin_units']);
  const hit = geographyMemo.get(db);
  if (hit?.version === version) return hit.read;
  const read = readGeography(db);
  read.catch(() => geographyMemo.delete(db));
  geographyMemo.set(db, { version, read });
  return read;
}

async function readGeography(db: Db): Promise<BulletinGeography> {
  const rows = await db.all<{ id: string; name: string; level: string; area: string | null; geometry: string }>(
    `SELECT id, name, level, area, geometry FROM admin_units WHERE level IN ('city', 'grid') ORDER BY id`,
  );
  const outerRings = (geometry: string): [number, number][][] => {
    const g = JSON.parse(geometry) as
      | { type: 'Polygon'; coordinates: [number, number][][] }
      | { type: 'MultiPolygon'; coordinates: [number, number][][][] };
    return g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  };
  const city = rows.find((r) => r.level === 'city');
  return {
    city: city?.name ?? '',
    outline: city ? outerRings(city.geometry) : [],
    grids: rows
      .filter((r) => r.level === 'grid')
      .map((r) => ({ id: r.id, area: r.area, rings: outerRings(r.geometry) })),
  };
}

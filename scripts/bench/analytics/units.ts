// Units the analytics phases ask about: the city and, at every level below it, the unit with the
// most cases (the costliest of its level), read once per store.
import type { Db } from '../../../server/store/db';

export interface BenchUnit {
  id: string;
  level: string;
  path: string;
}

export async function busiestUnits(db: Db): Promise<BenchUnit[]> {
  return db.all<BenchUnit>(
    // Cases counted per grid first, then summed up the tree: the small tables joined by path, not the
    // cases (a join of every unit with every case ran out of disk at 100× the history).
    `WITH per_grid AS (SELECT grid_id, count(*) AS n FROM events GROUP BY grid_id),
     grids AS (SELECT g.path, coalesce(p.n, 0) AS n FROM admin_units g LEFT JOIN per_grid p ON p.grid_id = g.id
               WHERE g.level = 'grid'),
     counted AS (
       SELECT u.id, u.level, u.path,
              (SELECT coalesce(sum(n), 0) FROM grids g WHERE g.path = u.path OR starts_with(g.path, u.path || '/')) AS n
       FROM admin_units u)
     SELECT id, level, path FROM counted QUALIFY row_number() OVER (PARTITION BY level ORDER BY n DESC, id) = 1
     ORDER BY length(path), id`,
  );
}

/** The day `days` before the ISO instant `today`, as YYYY-MM-DD. */
export const dayBefore = (today: string, days: number) =>
  new Date(Date.parse(today) - days * 86_400_000).toISOString().slice(0, 10);

// The case heat layer (案件热力): cases per H3 cell, counted in DuckDB. Events carry their cell at
// resolution 9; a coarser resolution folds the res-9 counts into parents (h3-js cellToParent) in
// TypeScript — a few thousand distinct cells at most, where a per-row parent in SQL would need the
// h3 extension, which cannot be installed here.
import { cellToParent } from 'h3-js';
import type { Db } from './db';
import { H3_RES } from './load';
import { Where } from './sql';

export interface HeatFilter {
  /** Resolution of the answer: 7, 8 or 9 (the stored one). */
  res: 7 | 8 | 9;
  /** First day counted, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day counted, YYYY-MM-DD (UTC), inclusive. */
  to: string;
  /** Only cases in this unit's subtree (its path). */
  withinPath?: string;
  /** Only cases of this taxonomy category (two digits). */
  category?: string;
}

export interface HeatCell {
  h3: string;
  count: number;
}

/** Cases reported between `from` and `to` per cell, most first (ties by cell). Rejected and merged reports do not count. */
export async function eventHeat(db: Db, f: HeatFilter): Promise<HeatCell[]> {
  const w = new Where()
    .add("reported_at >= ?::DATE AND reported_at < ?::DATE + INTERVAL '1 day'", f.from, f.to)
    .add("status NOT IN ('rejected', 'merged')");
  if (f.category) w.add('substr(item_code, 1, 2) = ?', f.category);
  if (f.withinPath) w.inScope({ kind: 'unit', path: f.withinPath }, { grid: 'grid_id', department: null });
  const rows = await db.all<HeatCell>(`SELECT h3, count(*)::INTEGER AS count FROM events ${w} GROUP BY h3`, w.params);
  const counts = new Map<string, number>();
  for (const r of rows) {
    const cell = f.res === H3_RES ? r.h3 : cellToParent(r.h3, f.res);
    counts.set(cell, (counts.get(cell) ?? 0) + r.count);
  }
  return [...counts].map(([h3, count]) => ({ h3, count })).sort((a, b) => b.count - a.count || (a.h3 < b.h3 ? -1 : 1));
}

/** The days the case history spans (UTC, YYYY-MM-DD), or null without any case. */
export async function eventHistorySpan(db: Db): Promise<{ first: string; last: string } | null> {
  const row = await db.one<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(reported_at), '%Y-%m-%d') AS first, strftime(max(reported_at), '%Y-%m-%d') AS last FROM events`,
  );
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

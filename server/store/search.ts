// Search for the map (检索): admin units and grids by name, components by code, cameras by id or
// code, buildings by address. Non-personal records only; each hit carries a position to fly to.
import type { SearchHit, SearchKind } from '../domain/search';
import type { Db } from './db';

interface Row {
  kind: SearchKind;
  id: string;
  label: string;
  detail: string;
  lon: number;
  lat: number;
  rank: number;
}

/**
 * Hits for `q` (case-insensitive substring; an exact id or code ranks first), at most `limit`.
 * `q` is bound as a parameter; LIKE wildcards in it are escaped.
 */
export async function search(db: Db, q: string, limit: number): Promise<SearchHit[]> {
  const text = q.trim();
  if (!text) return [];
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.all<Row>(
    `WITH hits AS (
       SELECT 'unit' AS kind, id, name AS label, level AS detail, centroid_lon AS lon, centroid_lat AS lat,
              CASE WHEN id = $1 OR name = $1 THEN 0 WHEN starts_with(name, $1) THEN 1 ELSE 2 END AS rank, length(name) AS len
         FROM admin_units WHERE name ILIKE $2 ESCAPE '\\' OR id = $1
       UNION ALL
       SELECT 'component', id, code, subtype, lon, lat, CASE WHEN code = $1 OR id = $1 THEN 0 ELSE 3 END, length(code)
         FROM components WHERE code ILIKE $2 ESCAPE '\\' OR id = $1
       UNION ALL
       SELECT 'camera', id, code, owner, lon, lat, CASE WHEN code = $1 OR id = $1 THEN 0 ELSE 3 END, length(code)
         FROM cameras WHERE code ILIKE $2 ESCAPE '\\' OR id ILIKE $2 ESCAPE '\\'
       UNION ALL
       SELECT 'building', id, address, use, lon, lat, CASE WHEN address = $1 THEN 0 ELSE 4 END, length(address)
         FROM buildings WHERE address ILIKE $2 ESCAPE '\\'
     )
     SELECT kind, id, label, detail, lon, lat, rank FROM hits ORDER BY rank, len, label, id LIMIT $3`,
    [text, like, limit],
  );
  return rows.map((r) => ({ kind: r.kind, id: r.id, label: r.label, detail: r.detail, position: [r.lon, r.lat] }));
}

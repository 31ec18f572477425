// Fills the H3 cells and the camera cover that migration 12 added (columns left NULL): after a load,
// and at each start for a store from before it or rows a writer left without them. Idempotent: only
// NULLs are filled. Cells come from h3-js (domain/risk/cells.ts), cover from domain/cameraCoverage.ts.
import type { DuckDBConnection } from '@duckdb/node-api';
import { coverage, degreesFor } from '../domain/cameraCoverage';
import type { Camera } from '../domain/model';
import { cellsOf } from '../domain/risk/cells';
import { listCameras } from './cameras';
import type { Db } from './db';

const POINT_TABLES = ['buildings', 'cameras', 'sensors'] as const;
/** The temporary table a fill goes through (dropped after). */
const FILL = 'cell_fill';

export interface FilledCells {
  rows: number;
  buildingsCovered: number;
}

/** Fills every missing cell and camera-cover flag; returns how many rows it changed. */
export async function fillCells(db: Db): Promise<FilledCells> {
  let rows = 0;
  const touched = new Set<string>();
  for (const table of POINT_TABLES) {
    const missing = await db.all<{ id: string; lon: number; lat: number }>(
      `SELECT id, lon, lat FROM ${table} WHERE h3_r10 IS NULL`,
    );
    if (missing.length === 0) continue;
    await db.write((conn) =>
      updateFromList(
        conn,
        table,
        missing.map((r) => {
          const c = cellsOf(r.lon, r.lat);
          return [r.id, c.r8, c.r9, c.r10];
        }),
        ['h3_r8', 'h3_r9', 'h3_r10'],
      ),
    );
    rows += missing.length;
    touched.add(table);
  }
  const events = await db.all<{ id: string; lon: number; lat: number }>(
    'SELECT id, lon, lat FROM events WHERE h3_r10 IS NULL',
  );
  if (events.length) {
    await db.write((conn) =>
      updateFromList(
        conn,
        'events',
        events.map((r) => {
          const c = cellsOf(r.lon, r.lat);
          return [r.id, c.r8, c.r10];
        }),
        ['h3_r8', 'h3_r10'],
      ),
    );
    rows += events.length;
    touched.add('events');
  }
  const buildingsCovered = await fillCameraCover(db);
  if (buildingsCovered) touched.add('buildings');
  db.versions.bump(...touched);
  return { rows: rows + buildingsCovered, buildingsCovered };
}

/** Whether some camera sees each building's centroid (on the buildings whose flag is NULL). */
async function fillCameraCover(db: Db): Promise<number> {
  const buildings = await db.all<{ id: string; lon: number; lat: number }>(
    'SELECT id, lon, lat FROM buildings WHERE camera_seen IS NULL',
  );
  if (buildings.length === 0) return 0;
  const seen = cameraCover(await listCameras(db, {}));
  const flags = buildings.map((b): [string, boolean] => [b.id, seen(b.lon, b.lat)]);
  await db.write((conn) => updateFromList(conn, 'buildings', flags, ['camera_seen'], 'BOOLEAN'));
  return flags.length;
}

/** Whether some camera sees a place (a building's centroid): what `camera_seen` holds. */
export function cameraCover(cameras: readonly Camera[]): (lon: number, lat: number) => boolean {
  const near = cameraBuckets(cameras);
  return (lon, lat) => near(lon, lat).some((c) => coverage(c, [lon, lat]) !== null);
}

/** Cameras bucketed on a lon/lat lattice as wide as the longest range: a place's candidates are its 3×3 buckets. */
function cameraBuckets(cameras: readonly Camera[]): (lon: number, lat: number) => Camera[] {
  if (cameras.length === 0) return () => [];
  const maxRange = Math.max(...cameras.map((c) => c.rangeM));
  const { dLon, dLat } = degreesFor(maxRange, Math.max(...cameras.map((c) => Math.abs(c.position[1]))));
  const key = (i: number, j: number) => `${i},${j}`;
  const buckets = new Map<string, Camera[]>();
  for (const c of cameras) {
    const k = key(Math.floor(c.position[0] / dLon), Math.floor(c.position[1] / dLat));
    const list = buckets.get(k) ?? [];
    list.push(c);
    buckets.set(k, list);
  }
  return (lon, lat) => {
    const i = Math.floor(lon / dLon);
    const j = Math.floor(lat / dLat);
    const out: Camera[] = [];
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++) out.push(...(buckets.get(key(i + di, j + dj)) ?? []));
    return out;
  };
}

/** Sets `columns` of `table` from rows [id, ...values] (through a temporary table and one UPDATE). */
async function updateFromList(
  conn: DuckDBConnection,
  table: string,
  rows: readonly (readonly (string | boolean)[])[],
  columns: readonly string[],
  type: 'VARCHAR' | 'BOOLEAN' = 'VARCHAR',
): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${FILL} (id VARCHAR, ${columns.map((c) => `${c} ${type}`).join(', ')})`);
  const a = await conn.createAppender(FILL);
  for (const r of rows) {
    a.appendVarchar(r[0] as string);
    for (const v of r.slice(1)) {
      if (type === 'BOOLEAN') a.appendBoolean(v as boolean);
      else a.appendVarchar(v as string);
    }
    a.endRow();
  }
  a.closeSync();
  await conn.run(
    `UPDATE ${table} SET ${columns.map((c) => `${c} = f.${c}`).join(', ')} FROM ${FILL} f WHERE ${table}.id = f.id`,
  );
  await conn.run(`DROP TABLE ${FILL}`);
}

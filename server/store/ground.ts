// The ground under the twin: standing water (ponds, reservoirs), land use, the county's townships and the
// elevation model.
import { type Dem, demFromRows } from '../domain/ground/dem';
import type { Compound, LandUse, LandUseKind, TerrainRow, Township, WaterBody } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export async function listWaters(db: Db, f: { bbox?: Bbox; kind?: WaterBody['kind'] }): Promise<WaterBody[]> {
  const w = new Where().eq('kind', f.kind).boxIntersects(f.bbox);
  const rows = await db.all<{
    id: string;
    name: string;
    kind: WaterBody['kind'];
    grid_id: string;
    polygon: string;
    area_m2: number;
  }>(`SELECT id, name, kind, grid_id, polygon, area_m2 FROM waters ${w} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    gridId: r.grid_id,
    polygon: JSON.parse(r.polygon),
    areaM2: r.area_m2,
  }));
}

export async function listLandUse(db: Db, f: { bbox?: Bbox; kind?: LandUseKind }): Promise<LandUse[]> {
  const w = new Where().eq('kind', f.kind).boxIntersects(f.bbox);
  const rows = await db.all<{ id: string; kind: LandUseKind; name: string; polygon: string; area_m2: number }>(
    `SELECT id, kind, name, polygon, area_m2 FROM land_use ${w} ORDER BY id`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    polygon: JSON.parse(r.polygon),
    areaM2: r.area_m2,
  }));
}

/** The county's towns with their territories and seats (none in a store generated before migration 19). */
export async function listTownships(db: Db): Promise<Township[]> {
  const rows = await db.all<{
    code: string;
    name: string;
    pilot: boolean;
    polygon: string;
    seat_lon: number;
    seat_lat: number;
  }>('SELECT code, name, pilot, polygon, seat_lon, seat_lat FROM townships ORDER BY code');
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    pilot: r.pilot,
    polygon: JSON.parse(r.polygon),
    seat: [r.seat_lon, r.seat_lat],
  }));
}

/** The residential compounds (小区) with their gates (none in a store generated before migration 19). */
export async function listCompounds(db: Db): Promise<Compound[]> {
  const rows = await db.all<{
    id: string;
    name: string;
    grid_id: string;
    block: string;
    gate_name: string;
    gate_lon: number;
    gate_lat: number;
  }>('SELECT id, name, grid_id, block, gate_name, gate_lon, gate_lat FROM compounds ORDER BY id');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    gridId: r.grid_id,
    block: JSON.parse(r.block),
    gate: { name: r.gate_name, position: [r.gate_lon, r.gate_lat] },
  }));
}

/** The elevation model's rows, south to north (none in a store generated before issue 14's ground). */
export async function readTerrain(db: Db): Promise<TerrainRow[]> {
  const rows = await db.all<{ row_index: number; lat: number; west: number; step_deg: number; heights_dm: string }>(
    'SELECT row_index, lat, west, step_deg, heights_dm FROM terrain ORDER BY row_index',
  );
  return rows.map((r) => ({
    row: r.row_index,
    lat: r.lat,
    west: r.west,
    stepDeg: r.step_deg,
    heightsDm: JSON.parse(r.heights_dm),
  }));
}

/** The elevation model as a sampler (server/domain/ground/dem.ts), or null in a store without one. */
export async function readDem(db: Db): Promise<Dem | null> {
  return demFromRows(await readTerrain(db));
}

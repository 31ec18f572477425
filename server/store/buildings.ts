// Buildings (建筑) with their footprints, and the households living in them.
import { type BuildingEra, eraOf } from '../domain/buildingEra';
import type { Building, BuildingKind, BuildingUse } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface BuildingFilter {
  bbox?: Bbox;
  use?: BuildingUse;
  gridId?: string;
}

export interface BuildingRecord extends Building {
  households: number;
  residents: number;
}

interface Row {
  id: string;
  grid_id: string;
  address: string;
  use: BuildingUse;
  floors: number;
  height_m: number;
  footprint: string;
  lon: number;
  lat: number;
  dwellings: number;
  households: number;
  residents: number;
  kind: BuildingKind;
  built_year: number | null;
}

export async function listBuildings(db: Db, f: BuildingFilter): Promise<BuildingRecord[]> {
  const w = new Where().pointIn(f.bbox, 'b.lon', 'b.lat').eq('b.use', f.use).eq('b.grid_id', f.gridId);
  const rows = await db.all<Row>(
    `
    SELECT b.*, coalesce(h.households, 0)::INTEGER AS households, coalesce(h.residents, 0)::INTEGER AS residents
    FROM buildings b
    LEFT JOIN (SELECT building_id, count(*) AS households, sum(size) AS residents FROM households GROUP BY building_id) h ON h.building_id = b.id
    ${w} ORDER BY b.id`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id,
    gridId: r.grid_id,
    address: r.address,
    use: r.use,
    floors: r.floors,
    heightM: r.height_m,
    footprint: JSON.parse(r.footprint),
    centroid: [r.lon, r.lat],
    dwellings: r.dwellings,
    kind: r.kind,
    builtYear: r.built_year ?? 0,
    households: r.households,
    residents: r.residents,
  }));
}

/** One building's card (建筑信息): where it is, what it is and when built, and how many live there (counts only). */
export interface BuildingCard {
  id: string;
  address: string;
  use: BuildingUse;
  kind: BuildingKind;
  /** Null in a store generated before migration 17. */
  builtYear: number | null;
  era: BuildingEra | null;
  floors: number;
  heightM: number;
  gridId: string;
  gridName: string;
  dwellings: number;
  households: number;
  residents: number;
}

export async function getBuildingCard(db: Db, id: string): Promise<BuildingCard | undefined> {
  const row = await db.one<{
    id: string;
    address: string;
    use: BuildingUse;
    kind: BuildingKind;
    built_year: number | null;
    floors: number;
    height_m: number;
    grid_id: string;
    grid_name: string | null;
    dwellings: number;
    households: number;
    residents: number;
  }>(
    `
    SELECT b.id, b.address, b.use, b.kind, b.built_year, b.floors, b.height_m, b.grid_id, g.name AS grid_name, b.dwellings,
      (SELECT count(*) FROM households h WHERE h.building_id = b.id)::INTEGER AS households,
      (SELECT coalesce(sum(h.size), 0) FROM households h WHERE h.building_id = b.id)::INTEGER AS residents
    FROM buildings b LEFT JOIN admin_units g ON g.id = b.grid_id
    WHERE b.id = ?`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    address: row.address,
    use: row.use,
    kind: row.kind,
    builtYear: row.built_year,
    era: row.built_year === null ? null : eraOf(row.built_year),
    floors: row.floors,
    heightM: row.height_m,
    gridId: row.grid_id,
    gridName: row.grid_name ?? row.grid_id,
    dwellings: row.dwellings,
    households: row.households,
    residents: row.residents,
  };
}

// The administrative and grid tree: layers by level, one unit, its ancestors and children.
import { listValue } from '@duckdb/node-api';
import type { Scope } from '../domain/access';
import type { AdminArea, AdminLevel, AdminUnit } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface AdminUnitRecord extends Omit<AdminUnit, 'geometry'> {
  path: string;
  geometry: AdminUnit['geometry'] | null;
}

interface Row {
  id: string;
  code: string;
  name: string;
  level: AdminLevel;
  area: AdminArea | null;
  parent_id: string | null;
  path: string;
  geometry?: string;
  centroid_lon: number;
  centroid_lat: number;
  area_m2: number;
}

const COLUMNS = 'id, code, name, level, area, parent_id, path, centroid_lon, centroid_lat, area_m2';

function toRecord(r: Row): AdminUnitRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    area: r.area,
    parentId: r.parent_id,
    path: r.path,
    centroid: [r.centroid_lon, r.centroid_lat],
    areaM2: r.area_m2,
    geometry: r.geometry ? JSON.parse(r.geometry) : null,
  };
}

export interface AdminUnitFilter {
  level?: AdminLevel;
  parentId?: string;
  area?: AdminArea;
  bbox?: Bbox;
}

export async function listAdminUnits(db: Db, f: AdminUnitFilter, withGeometry = true): Promise<AdminUnitRecord[]> {
  const w = new Where().eq('level', f.level).eq('parent_id', f.parentId).eq('area', f.area).boxIntersects(f.bbox);
  const rows = await db.all<Row>(
    `SELECT ${COLUMNS}${withGeometry ? ', geometry' : ''} FROM admin_units ${w} ORDER BY id`,
    w.params,
  );
  return rows.map(toRecord);
}

/** One unit; with a scope, only if it lies within it (a geographic scope reaches its unit and below). */
export async function getAdminUnit(db: Db, id: string, scope?: Scope): Promise<AdminUnitRecord | undefined> {
  const w = new Where().eq('id', id);
  if (scope?.kind === 'unit') w.add("(path = ? OR starts_with(path, ? || '/'))", scope.path, scope.path);
  const row = await db.one<Row>(`SELECT ${COLUMNS}, geometry FROM admin_units ${w}`, w.params);
  return row && toRecord(row);
}

/** The units above `unit`, from the city down to its parent. */
export async function getAncestors(db: Db, unit: AdminUnitRecord): Promise<AdminUnitRecord[]> {
  const ids = unit.path.split('/').slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT ${COLUMNS} FROM admin_units WHERE list_contains($1::VARCHAR[], id) ORDER BY length(path)`,
    [listValue(ids)],
  );
  return rows.map(toRecord);
}

export async function getChildren(db: Db, id: string): Promise<AdminUnitRecord[]> {
  const rows = await db.all<Row>(`SELECT ${COLUMNS} FROM admin_units WHERE parent_id = $1 ORDER BY id`, [id]);
  return rows.map(toRecord);
}

/** Every unit's path by its id (the hierarchy is fixed while the server runs). */
export async function unitPaths(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ id: string; path: string }>('SELECT id, path FROM admin_units');
  return new Map(rows.map((r) => [r.id, r.path]));
}

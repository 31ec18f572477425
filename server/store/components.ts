// City components (城市部件) for the map and for filters.
import type { CityComponent, ComponentState } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface ComponentFilter {
  bbox?: Bbox;
  category?: string; // category code, e.g. '01'
  subtype?: string; // subtype code, e.g. '0101'
  state?: ComponentState;
  gridId?: string;
}

interface Row {
  id: string;
  code: string;
  category_code: string;
  category: string;
  subtype_code: string;
  subtype: string;
  department_id: string;
  state: ComponentState;
  lon: number;
  lat: number;
  grid_id: string;
  road_id: string | null;
}

export async function listComponents(db: Db, f: ComponentFilter): Promise<CityComponent[]> {
  const w = new Where()
    .pointIn(f.bbox)
    .eq('category_code', f.category)
    .eq('subtype_code', f.subtype)
    .eq('state', f.state)
    .eq('grid_id', f.gridId);
  const rows = await db.all<Row>(
    `SELECT id, code, category_code, category, subtype_code, subtype, department_id, state, lon, lat, grid_id, road_id
     FROM components ${w} ORDER BY id`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    categoryCode: r.category_code,
    category: r.category,
    subtypeCode: r.subtype_code,
    subtype: r.subtype,
    departmentId: r.department_id,
    state: r.state,
    position: [r.lon, r.lat],
    gridId: r.grid_id,
    roadId: r.road_id,
  }));
}

/** The category codes present, for validating and listing filters. */
export async function listComponentCategories(db: Db): Promise<{ code: string; name: string; count: number }[]> {
  return db.all(
    `SELECT category_code AS code, any_value(category) AS name, count(*)::INTEGER AS count FROM components GROUP BY 1 ORDER BY 1`,
  );
}

/**
 * Sets a component's state (a case found it damaged or missing; its repair verified it normal).
 * False when there is no such component.
 */
export async function setComponentState(db: Db, id: string, state: ComponentState): Promise<boolean> {
  const r = await db.write((conn) => conn.run('UPDATE components SET state = $2 WHERE id = $1', [id, state]));
  db.versions.bump('components');
  return r.rowsChanged > 0;
}

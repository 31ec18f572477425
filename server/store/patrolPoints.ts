// Patrol points (巡查点位) on roads, markets and residential compounds.
import type { PatrolPoint } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface PatrolPointFilter {
  bbox?: Bbox;
  kind?: PatrolPoint['kind'];
  gridId?: string;
}

export async function listPatrolPoints(db: Db, f: PatrolPointFilter): Promise<PatrolPoint[]> {
  const w = new Where().pointIn(f.bbox).eq('kind', f.kind).eq('grid_id', f.gridId);
  const rows = await db.all<{
    id: string;
    name: string;
    kind: PatrolPoint['kind'];
    lon: number;
    lat: number;
    grid_id: string;
  }>(`SELECT id, name, kind, lon, lat, grid_id FROM patrol_points ${w} ORDER BY id`, w.params);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, position: [r.lon, r.lat], gridId: r.grid_id }));
}

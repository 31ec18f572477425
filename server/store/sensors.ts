// Registered sensing terminals (感知终端): smart manholes, rain gauges, river gauges.
import type { Sensor, SensorKind } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface SensorFilter {
  bbox?: Bbox;
  kind?: SensorKind;
  gridId?: string;
}

export async function listSensors(db: Db, f: SensorFilter): Promise<Sensor[]> {
  const w = new Where().pointIn(f.bbox).eq('kind', f.kind).eq('grid_id', f.gridId);
  const rows = await db.all<{
    id: string;
    kind: SensorKind;
    component_id: string | null;
    lon: number;
    lat: number;
    grid_id: string;
  }>(`SELECT id, kind, component_id, lon, lat, grid_id FROM sensors ${w} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    componentId: r.component_id,
    position: [r.lon, r.lat],
    gridId: r.grid_id,
  }));
}

// Roads (道路) and the river (河流) as centre lines, for the map layers drawn from our own data.
import type { River, Road } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface LineFilter {
  bbox?: Bbox;
}

export async function listRoads(db: Db, f: LineFilter & { class?: Road['class'] }): Promise<Road[]> {
  const w = new Where().eq('class', f.class).boxIntersects(f.bbox);
  const rows = await db.all<{
    id: string;
    name: string;
    class: Road['class'];
    kind: Road['kind'];
    line: string;
    width_m: number;
  }>(`SELECT id, name, class, kind, line, width_m FROM roads ${w} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    class: r.class,
    kind: r.kind,
    line: JSON.parse(r.line),
    widthM: r.width_m,
  }));
}

export async function listRivers(db: Db, f: LineFilter): Promise<River[]> {
  const w = new Where().boxIntersects(f.bbox);
  const rows = await db.all<{ id: string; name: string; line: string; width_m: number }>(
    `SELECT id, name, line, width_m FROM rivers ${w} ORDER BY id`,
    w.params,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, line: JSON.parse(r.line), widthM: r.width_m }));
}

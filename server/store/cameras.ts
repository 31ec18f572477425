// Video devices (视频监控) of the police and urban management.
import type { Camera } from '../domain/model';
import type { Db } from './db';
import { type Bbox, Where } from './sql';

export interface CameraFilter {
  bbox?: Bbox;
  owner?: Camera['owner'];
  online?: boolean;
  gridId?: string;
}

interface Row {
  id: string;
  code: string;
  owner: Camera['owner'];
  lon: number;
  lat: number;
  heading_deg: number;
  fov_deg: number;
  range_m: number;
  height_m: number;
  online: boolean;
  grid_id: string;
}

export async function listCameras(db: Db, f: CameraFilter): Promise<Camera[]> {
  const w = new Where().pointIn(f.bbox).eq('owner', f.owner).eq('online', f.online).eq('grid_id', f.gridId);
  const rows = await db.all<Row>(`SELECT * FROM cameras ${w} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    owner: r.owner,
    position: [r.lon, r.lat],
    headingDeg: r.heading_deg,
    fovDeg: r.fov_deg,
    rangeM: r.range_m,
    heightM: r.height_m,
    online: r.online,
    gridId: r.grid_id,
  }));
}

/** The longest camera range (m), for a bounding-box prefilter around a place. */
export async function maxCameraRangeM(db: Db): Promise<number> {
  return (await db.one<{ r: number | null }>('SELECT max(range_m) AS r FROM cameras'))?.r ?? 0;
}

// What the ground tiles are drawn from, read from the store once per data version of its tables: land
// use, standing water, rivers and roads (each with its bounding box, to pick a tile's features fast),
// the county's townships (borders and names), the compounds' blocks and the elevation model.
import type { Dem } from '../domain/ground/dem';
import type { LandUseKind, LonLat, RoadKind } from '../domain/model';
import type { Db } from '../store/db';
import { listCompounds, listLandUse, listTownships, listWaters, readDem } from '../store/ground';
import { listRivers, listRoads } from '../store/lines';

export const GROUND_TABLES = ['land_use', 'waters', 'rivers', 'roads', 'townships', 'compounds', 'terrain'] as const;

type Box = [number, number, number, number];
export interface AreaFeature {
  kind: LandUseKind | 'pond' | 'reservoir';
  rings: LonLat[][];
  box: Box;
}
export interface LineFeature {
  kind: RoadKind | 'river';
  widthM: number;
  line: LonLat[];
  box: Box;
}
/** A township's border and, for a town outside the pilot (the pilot's are the twin's own labels), its name. */
export interface TownshipFeature {
  name: string;
  pilot: boolean;
  border: LonLat[];
  seat: LonLat;
  box: Box;
}
/** A residential compound (小区): its walled block and its gate. */
export interface CompoundFeature {
  block: LonLat[];
  gate: LonLat;
  box: Box;
}
export interface GroundScene {
  version: string;
  areas: AreaFeature[];
  lines: LineFeature[];
  townships: TownshipFeature[];
  compounds: CompoundFeature[];
  dem: Dem | null;
  /** The extent of everything drawn, degrees: west, south, east, north (null: nothing to draw). */
  bounds: Box | null;
}

function boxOf(points: Iterable<LonLat>): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

export async function readGroundScene(db: Db, run = ''): Promise<GroundScene> {
  const version = `${run}.${db.versions.key(GROUND_TABLES)}`;
  const [landUse, waters, rivers, roads, townships, compounds, dem] = await Promise.all([
    listLandUse(db, {}),
    listWaters(db, {}),
    listRivers(db, {}),
    listRoads(db, {}),
    listTownships(db),
    listCompounds(db),
    readDem(db),
  ]);
  const areas: AreaFeature[] = [
    ...landUse.map((u) => ({ kind: u.kind, rings: u.polygon, box: boxOf(u.polygon[0]!) })),
    ...waters.map((w) => ({ kind: w.kind, rings: w.polygon, box: boxOf(w.polygon[0]!) })),
  ];
  const lines: LineFeature[] = [
    ...rivers.map((r) => ({ kind: 'river' as const, widthM: r.widthM, line: r.line, box: boxOf(r.line) })),
    ...roads.map((r) => ({ kind: r.kind, widthM: r.widthM, line: r.line, box: boxOf(r.line) })),
  ];
  const all = [...areas.map((a) => a.box), ...lines.map((l) => l.box)];
  const bounds: Box | null = all.length
    ? [
        Math.min(...all.map((b) => b[0])),
        Math.min(...all.map((b) => b[1])),
        Math.max(...all.map((b) => b[2])),
        Math.max(...all.map((b) => b[3])),
      ]
    : null;
  return {
    version,
    areas,
    lines,
    townships: townships.map((t) => ({
      name: t.name,
      pilot: t.pilot,
      border: t.polygon[0]!,
      seat: t.seat,
      box: boxOf(t.polygon[0]!),
    })),
    compounds: compounds.map((c) => ({ block: c.block[0]!, gate: c.gate.position, box: boxOf(c.block[0]!) })),
    dem,
    bounds,
  };
}

/** The scene of the current data version, read again only when one of its tables moved. */
export class GroundScenes {
  private current: Promise<GroundScene> | null = null;
  private version = '';
  /** `run` names the server process (its data versions count from 0 in each). */
  constructor(
    private readonly db: Db,
    private readonly run = '',
  ) {}

  get(): Promise<GroundScene> {
    const version = this.db.versions.key(GROUND_TABLES);
    if (!this.current || version !== this.version) {
      this.version = version;
      this.current = readGroundScene(this.db, this.run);
      this.current.catch(() => {
        this.current = null;
      });
    }
    return this.current;
  }
}

// A planar view of the generated geography for placing things: road lines with lengths, urban
// junctions, grids with an exact lookup, footprints, residential compounds, markets, hamlets.
import * as turf from '@turf/turf';
import type { AdminUnit, LonLat, Road } from '../../../server/domain/model';
import { polygonToRing, toLonLat, toXY } from '../geography/frame';
import type { Geography } from '../geography/index';
import { type Ring, ringArea, type XY } from '../geography/planar';
import { unitName } from '../geography/reference';
import { RectIndex, RingLocator, SegmentIndex } from '../geography/spatial';

const URBAN_KINDS: ReadonlySet<Road['kind']> = new Set(['arterial', 'collector', 'lane']);

export interface Line {
  id: string;
  name: string;
  cls: 'main' | 'secondary' | 'river';
  urban: boolean;
  pts: XY[];
  cum: number[];
  length: number;
  widthM: number;
}

export interface Junction {
  p: XY;
  a: Line;
  b: Line;
}
export interface Site {
  name: string;
  p: XY;
  radius: number;
  gridId: string;
}

export class World {
  readonly grids: { unit: AdminUnit; ring: Ring; area: number }[];
  readonly urbanGrids: { unit: AdminUnit; ring: Ring; area: number }[];
  readonly roads: Line[];
  readonly river: Line | null;
  readonly junctions: Junction[];
  readonly footprints = new RectIndex();
  readonly carriageways = new SegmentIndex();
  /** Residential buildings (centre, half-diagonal) grouped by compound name. */
  readonly compounds: { name: string; gridId: string; buildings: Site[] }[] = [];
  readonly markets: Site[] = [];
  readonly villageHouses: Site[] = [];
  private readonly locator: RingLocator<{ unit: AdminUnit; ring: Ring }>;

  constructor(readonly geo: Geography) {
    this.grids = geo.adminUnits
      .filter((u) => u.level === 'grid')
      .map((unit) => {
        const ring = polygonToRing(unit.geometry.coordinates as LonLat[][]);
        return { unit, ring, area: Math.abs(ringArea(ring)) };
      });
    this.urbanGrids = this.grids.filter((g) => g.unit.area === 'urban');
    this.locator = new RingLocator(this.grids.map((g) => ({ ring: g.ring, item: g })));
    // Things stand on the city's streets and the towns' roads (县乡道), not on expressways, railways
    // or the long national and provincial roads across the open county.
    const all = geo.roads.map((r) => line(r, r.class, URBAN_KINDS.has(r.kind)));
    this.roads = all.filter((l, i) => l.urban || geo.roads[i]!.kind === 'county');
    const river = geo.rivers[0];
    this.river = river ? line(river, 'river', true) : null;
    for (const l of [...all, ...(this.river ? [this.river] : [])]) this.carriageways.add(l.pts, l.widthM / 2, l.id);
    this.junctions = junctions(this.roads.filter((r) => r.urban));

    const communityOf = new Map(geo.adminUnits.filter((u) => u.level === 'grid').map((u) => [u.id, u.parentId!]));
    const byCompound = new Map<string, { name: string; gridId: string; buildings: Site[] }>();
    const biggestShop = new Map<string, { area: number; site: Site }>();
    for (const b of geo.buildings) {
      const ring = b.footprint[0]!.slice(0, -1).map(toXY);
      this.footprints.add(ring);
      const c = toXY(b.centroid);
      const radius = Math.max(...ring.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1])));
      const site: Site = { name: b.address, p: c, radius, gridId: b.gridId };
      if (b.use === 'residential' && b.kind !== 'shophouse') {
        const name = b.address.replace(/\d+栋$/, '');
        let comp = byCompound.get(name);
        if (!comp) {
          comp = { name, gridId: b.gridId, buildings: [] };
          byCompound.set(name, comp);
        }
        comp.buildings.push(site);
      } else if (b.use === 'village-house') {
        this.villageHouses.push(site);
      } else if (b.use === 'commercial' || b.kind === 'shophouse') {
        // street fronts: shops, and the shops under the flats of a shop-house
        const community = communityOf.get(b.gridId)!;
        const area = Math.abs(ringArea(ring));
        const best = biggestShop.get(community);
        if (!best || area > best.area) biggestShop.set(community, { area, site });
      }
    }
    this.compounds.push(...byCompound.values());
    // One farmers' market (农贸市场) per community, in its largest street-front building.
    const names = new Map(geo.adminUnits.map((u) => [u.id, u.name]));
    for (const [community, { site }] of biggestShop) {
      this.markets.push({
        ...site,
        name: `${unitName({ code: community, name: names.get(community)!, kind: 'community' }).replace(/社区$/, '')}农贸市场`,
      });
    }
  }

  /** The rounded position and the grid whose polygon contains it (exact turf test), or null. */
  locate(p: XY): { position: LonLat; gridId: string } | null {
    const position = toLonLat(p);
    for (const g of this.locator.candidates(p)) {
      if (turf.booleanPointInPolygon(position, g.unit.geometry)) return { position, gridId: g.unit.id };
    }
    return null;
  }

  /** A point is free ground: not on a carriageway, not in or within `gap` m of a footprint. */
  free(p: XY, gap: number): boolean {
    return !this.footprints.covers(p, gap) && this.carriageways.clearance(p, 60) > 1;
  }
}

/** Position and unit direction at distance d along a line. */
export function pointAlong(l: Line, d: number): { p: XY; dir: XY } {
  const dd = Math.max(0, Math.min(l.length, d));
  let lo = 0,
    hi = l.cum.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (l.cum[mid]! <= dd) lo = mid;
    else hi = mid;
  }
  const a = l.pts[lo]!,
    b = l.pts[hi] ?? a;
  const seg = l.cum[hi]! - l.cum[lo]! || 1;
  const t = (dd - l.cum[lo]!) / seg;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return { p: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], dir: [(b[0] - a[0]) / len, (b[1] - a[1]) / len] };
}

function line(r: Pick<Road, 'id' | 'name' | 'line' | 'widthM'>, cls: Line['cls'], urban: boolean): Line {
  const pts = r.line.map(toXY);
  const cum = [0];
  for (let i = 1; i < pts.length; i++)
    cum.push(cum[i - 1]! + Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]));
  return { id: r.id, name: r.name, cls, urban, pts, cum, length: cum[cum.length - 1]!, widthM: r.widthM };
}

/** Crossings of different roads, found through a hash of segments; one per pair of roads and place. */
function junctions(lines: Line[]): Junction[] {
  const cell = 200;
  const cells = new Map<string, { l: Line; a: XY; b: XY }[]>();
  for (const l of lines) {
    for (let i = 1; i < l.pts.length; i++) {
      const a = l.pts[i - 1]!,
        b = l.pts[i]!;
      for (let x = Math.floor(Math.min(a[0], b[0]) / cell); x <= Math.floor(Math.max(a[0], b[0]) / cell); x++)
        for (let y = Math.floor(Math.min(a[1], b[1]) / cell); y <= Math.floor(Math.max(a[1], b[1]) / cell); y++) {
          const k = `${x},${y}`;
          const list = cells.get(k);
          if (list) list.push({ l, a, b });
          else cells.set(k, [{ l, a, b }]);
        }
    }
  }
  const out: Junction[] = [];
  const seen = new Set<string>();
  for (const list of cells.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const s = list[i]!,
          t = list[j]!;
        if (s.l === t.l) continue;
        const p = intersect(s.a, s.b, t.a, t.b);
        if (!p) continue;
        const [first, second] = s.l.id < t.l.id ? [s.l, t.l] : [t.l, s.l];
        const key = `${first.id}|${second.id}|${Math.round(p[0] / 50)}|${Math.round(p[1] / 50)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ p, a: first, b: second });
      }
  }
  // Map iteration follows insertion, which is deterministic; sort anyway so the order reads well.
  return out.sort(
    (x, y) => x.a.id.localeCompare(y.a.id) || x.b.id.localeCompare(y.b.id) || x.p[0] - y.p[0] || x.p[1] - y.p[1],
  );
}

function intersect(p: XY, q: XY, a: XY, b: XY): XY | null {
  const r: XY = [q[0] - p[0], q[1] - p[1]];
  const s: XY = [b[0] - a[0], b[1] - a[1]];
  const den = r[0] * s[1] - r[1] * s[0];
  if (den === 0) return null;
  const t = ((a[0] - p[0]) * s[1] - (a[1] - p[1]) * s[0]) / den;
  const u = ((a[0] - p[0]) * r[1] - (a[1] - p[1]) * r[0]) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [p[0] + t * r[0], p[1] + t * r[1]] : null;
}

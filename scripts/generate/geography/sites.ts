// What building placement shares: the grids as planar sites, the road/river index, the footprints
// placed so far, and the emitted Building records (ids in placement order).

import * as turf from '@turf/turf';
import type { AdminUnit, Building, BuildingKind, BuildingUse } from '../../../server/domain/model';
import type { Rng } from '../random';
import { polygonToRing, ringToPolygon, toLonLat } from './frame';
import { insetConvex, isConvex, pointInRing, type Ring, ringArea, ringCentroid, type XY } from './planar';
import type { PlanarLine } from './roads';
import { type Rect, RectIndex, RingLocator, rectCorners, SegmentIndex } from './spatial';

export interface GridSite {
  unit: AdminUnit;
  ring: Ring;
  /** The ring moved 2 m inwards: footprints stay inside it, so rounding never pushes one out. */
  inset: Ring;
  centroid: XY;
  dwellings: number;
  /** The dwellings the grid is being filled to (set by buildings.ts before it fills the grid). */
  target: number;
}

/** Extra clearance kept from the river's water line (embankment, 滨河绿道). */
const RIVER_BANK_M = 12;

export class Sites {
  readonly roads = new SegmentIndex();
  readonly footprints = new RectIndex();
  readonly lots = new RectIndex(120);
  readonly buildings: Building[] = [];
  readonly grids: GridSite[];
  readonly locator: RingLocator<GridSite>;
  readonly lineById = new Map<string, PlanarLine>();
  private readonly addresses = new Set<string>();

  /** @param streetAngle the urban street grid's rotation from true east (radians) */
  constructor(
    grids: { unit: AdminUnit; ring: Ring }[],
    lines: readonly PlanarLine[],
    readonly streetAngle: number,
  ) {
    this.grids = grids.map(({ unit, ring }) => ({
      unit,
      ring,
      inset: inset(ring, 2),
      centroid: ringCentroid(ring),
      dwellings: 0,
      target: 0,
    }));
    this.locator = new RingLocator(this.grids.map((g) => ({ ring: g.inset, item: g })));
    for (const l of lines) {
      this.lineById.set(l.id, l);
      this.roads.add(l.pts, l.widthM / 2 + (l.cls === 'river' ? RIVER_BANK_M : 0), l.id);
    }
  }

  /** The footprint fits: inside the grid, `setback` m clear of carriageways, `gap` m from other footprints. */
  fits(grid: GridSite, poly: readonly XY[], setback: number, gap: number): boolean {
    return (
      poly.every((p) => pointInRing(p, grid.inset)) &&
      this.roads.clear(poly, setback) &&
      !this.footprints.overlaps(poly, gap)
    );
  }

  /** A road address (路名 + 门牌号): odd numbers on the left of the centre line, even on the right. */
  roadAddress(p: XY): string | null {
    const near = this.roads.nearest(p);
    if (!near) return null;
    const line = this.lineById.get(near.tag);
    if (!line || line.cls === 'river') return null;
    let n = 2 * Math.floor(near.along / 12) + (near.left ? 1 : 2);
    while (this.addresses.has(`${line.name}${n}号`)) n += 2;
    return `${line.name}${n}号`;
  }

  emit(
    rng: Rng,
    grid: GridSite,
    rect: Rect,
    use: BuildingUse,
    floors: number,
    dwellings: number,
    address: string,
    what: { kind: BuildingKind; builtYear: number; ring?: XY[] },
  ): Building {
    // the envelope keeps others away; the footprint may be any ring inside it (shapes.ts)
    const corners = rectCorners(rect);
    this.footprints.add(corners);
    this.addresses.add(address);
    grid.dwellings += dwellings;
    const plinth = Math.round(rng.range(0.3, 1.5) * 10) / 10;
    const building: Building = {
      id: `B${String(this.buildings.length + 1).padStart(6, '0')}`,
      gridId: grid.unit.id,
      address,
      use,
      floors,
      heightM: Math.round((floors * 3 + plinth) * 10) / 10,
      footprint: ringToPolygon(what.ring ?? corners),
      centroid: toLonLat([rect.cx, rect.cy]), // the envelope's centre (a U's area centroid may fall in its yard)
      dwellings,
      kind: what.kind,
      builtYear: what.builtYear,
    };
    this.buildings.push(building);
    return building;
  }
}

/** The ring moved `m` metres inwards: by half-planes when convex, by a negative buffer along the outline. */
function inset(ring: Ring, m: number): Ring {
  if (isConvex(ring)) return insetConvex(ring, m);
  const shrunk = turf.buffer(turf.polygon(ringToPolygon(ring)), -m / 1000, { units: 'kilometers', steps: 1 });
  if (!shrunk) return insetConvex(ring, m);
  const g = shrunk.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: Ring = [];
  for (const p of polys) {
    const r = polygonToRing(p as [number, number][][]);
    if (Math.abs(ringArea(r)) > Math.abs(ringArea(best))) best = r;
  }
  return ringArea(best) < 0 ? best.reverse() : best;
}

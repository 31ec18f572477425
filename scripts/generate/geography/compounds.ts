// Residential compounds (住宅小区) in an urban grid: rectangular lots aligned with the street grid,
// filled with rows of slab or point blocks, until the grid holds its target number of dwellings. Each
// compound is a walled block with its gate on the side facing the nearest street.
import type { Compound } from '../../../server/domain/model';
import type { Rng } from '../random';
import { ringToPolygon, toLonLat } from './frame';
import { compoundName } from './names';
import { pointInRing, randomPointIn, type XY } from './planar';
import type { GridSite, Sites } from './sites';
import { type Rect, rectCorners } from './spatial';

/** How far a compound's gate may lie from a street while there is still room nearer one. */
const GATE_REACH_M = 150;

/** Every grid must house 300–500 households; 600+ dwellings leave room for vacancy and choice. */
export const MIN_GRID_DWELLINGS = 600;

interface BlockType {
  name: 'walk-up' | 'mid-rise' | 'high-rise';
  floors: [number, number];
  length: [number, number];
  depth: [number, number];
  units: (length: number, rng: Rng) => number;
  perFloor: (rng: Rng) => number;
  rowGap: [number, number];
}

const BLOCKS: BlockType[] = [
  // 多层 (老小区): 5–7 floors, 2–4 stairwells, two flats a landing
  {
    name: 'walk-up',
    floors: [5, 7],
    length: [36, 60],
    depth: [11, 13],
    units: (l) => Math.max(2, Math.round(l / 15)),
    perFloor: () => 2,
    rowGap: [16, 22],
  },
  // 小高层: 11–18 floors
  {
    name: 'mid-rise',
    floors: [11, 18],
    length: [28, 40],
    depth: [14, 16],
    units: () => 2,
    perFloor: (r) => r.pick([2, 2, 3]),
    rowGap: [26, 34],
  },
  // 高层: 18–33 floors, point or short slab blocks
  {
    name: 'high-rise',
    floors: [18, 33],
    length: [24, 34],
    depth: [16, 20],
    units: (_l, r) => r.pick([1, 2]),
    perFloor: (r) => r.pick([2, 3, 4]),
    rowGap: [36, 50],
  },
];

interface LotPlan {
  type: BlockType;
  lot: Rect;
  name: string;
  rows: number;
  cols: number;
  length: number;
  depth: number;
  colGap: number;
  rowGap: number;
  margin: number;
  /** The lot's full width and height. */
  w: number;
  h: number;
}

export class CompoundBuilder {
  private compounds = 0;
  /** The compounds that got at least one building, in order. */
  readonly built: Compound[] = [];
  constructor(
    private readonly sites: Sites,
    private readonly streetAngle: number,
  ) {}

  /** Fill `grid` with compounds until it holds `target` dwellings; throws if it cannot reach the minimum. */
  fill(rng: Rng, grid: GridSite, target: number): void {
    const d = Math.hypot(grid.centroid[0], grid.centroid[1]);
    const mix = d < 1_500 ? [5, 4, 1] : d < 3_000 ? [3, 4, 3] : [2, 3, 5];
    for (let attempt = 0; attempt < 400 && grid.dwellings < target; attempt++) {
      const type = BLOCKS[rng.weighted(mix)]!;
      const shrink = Math.floor(attempt / 60); // smaller lots once big ones stop fitting
      this.tryCompound(
        rng,
        grid,
        target,
        type,
        Math.max(1, rng.int(2, 4) - shrink),
        Math.max(1, rng.int(2, 4) - shrink),
        attempt < 240 ? GATE_REACH_M : Infinity, // a gate on a street first; deep lots only if need be
      );
    }
    // Last resort for a cramped grid: build its blocks taller.
    if (grid.dwellings < MIN_GRID_DWELLINGS) this.raise(grid);
    if (grid.dwellings < MIN_GRID_DWELLINGS)
      throw new Error(`grid ${grid.unit.id}: only ${grid.dwellings} dwellings fit`);
  }

  private tryCompound(
    rng: Rng,
    grid: GridSite,
    target: number,
    type: BlockType,
    cols: number,
    rows: number,
    gateReach: number,
  ): void {
    const length = rng.range(...type.length);
    const depth = rng.range(...type.depth);
    const colGap = rng.range(8, 14);
    const rowGap = rng.range(...type.rowGap);
    const margin = 8;
    const w = cols * length + (cols - 1) * colGap + 2 * margin;
    const h = rows * depth + (rows - 1) * rowGap + 2 * margin;
    const centre = randomPointIn(grid.inset, () => rng.next());
    const lot: Rect = {
      cx: centre[0],
      cy: centre[1],
      hx: w / 2,
      hy: h / 2,
      angle: this.streetAngle + rng.range(-0.06, 0.06),
    };
    const corners = rectCorners(lot);
    if (!corners.every((p) => pointInRing(p, grid.inset))) return;
    if (
      !this.sites.roads.clear(corners, 10, 80) ||
      this.sites.lots.overlaps(corners, 10) ||
      this.sites.footprints.overlaps(corners, 6)
    )
      return;
    const gate = this.gate(corners);
    if (gate.distance > gateReach) return;
    this.sites.lots.add(corners);

    const name = compoundName(this.compounds++);
    const before = this.sites.buildings.length;
    this.fillLot(rng, grid, target, { type, lot, name, rows, cols, length, depth, colGap, rowGap, margin, w, h });
    if (this.sites.buildings.length > before)
      this.built.push({
        id: `CP${String(this.built.length + 1).padStart(4, '0')}`,
        name,
        gridId: grid.unit.id,
        block: ringToPolygon(corners),
        gate: { name: `${name}${gate.side}门`, position: toLonLat(gate.at) },
      });
  }

  /** The gate: the middle of the block's side nearest a street (not the river), and that side. */
  private gate(corners: XY[]): { at: XY; side: string; distance: number } {
    let best = { d: Infinity, p: corners[0]!, side: '南' };
    const c: XY = [
      corners.reduce((a, p) => a + p[0], 0) / corners.length,
      corners.reduce((a, p) => a + p[1], 0) / corners.length,
    ];
    for (let i = 0; i < corners.length; i++) {
      const a = corners[i]!,
        b = corners[(i + 1) % corners.length]!;
      const m: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const near = this.sites.roads.nearest(m, 400);
      const line = near && this.sites.lineById.get(near.tag);
      const d = line && line.cls !== 'river' ? near.distance : 1e6 + i;
      if (d < best.d) {
        const [ox, oy] = [m[0] - c[0], m[1] - c[1]];
        const side = Math.abs(ox) > Math.abs(oy) ? (ox > 0 ? '东' : '西') : oy > 0 ? '北' : '南';
        best = { d, p: m, side };
      }
    }
    return { at: best.p, side: best.side, distance: best.d };
  }

  /** Rows of blocks in the lot, numbered from the north row, until the grid is full. */
  private fillLot(rng: Rng, grid: GridSite, target: number, plan: LotPlan): void {
    const { type, lot, name, rows, cols, length, depth, colGap, rowGap, margin, w, h } = plan;
    const floorsBase = rng.int(...type.floors);
    const c = Math.cos(lot.angle),
      s = Math.sin(lot.angle);
    let no = 0;
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < cols; k++) {
        if (grid.dwellings >= target) return; // the grid is full: the compound stays smaller
        if (rows * cols > 2 && rng.chance(0.08)) continue; // a green or a car park instead
        const lx = -w / 2 + margin + k * (length + colGap) + length / 2;
        const ly = h / 2 - margin - r * (depth + rowGap) - depth / 2; // numbered from the north row
        const p: XY = [lot.cx + lx * c - ly * s, lot.cy + lx * s + ly * c];
        const floors = Math.min(type.floors[1], Math.max(type.floors[0], floorsBase + rng.int(-1, 1)));
        const units = type.units(length, rng);
        const dwellings = floors * units * type.perFloor(rng);
        const rect: Rect = { cx: p[0], cy: p[1], hx: length / 2, hy: depth / 2, angle: lot.angle };
        this.sites.emit(rng, grid, rect, 'residential', floors, dwellings, `${name}${++no}栋`);
      }
    }
  }

  private raise(grid: GridSite): void {
    for (const b of this.sites.buildings) {
      if (b.gridId !== grid.unit.id || b.use !== 'residential' || grid.dwellings >= MIN_GRID_DWELLINGS) continue;
      const perStorey = b.dwellings / b.floors;
      const floors = Math.min(33, b.floors * 2);
      grid.dwellings += (floors - b.floors) * perStorey;
      b.dwellings = floors * perStorey;
      b.heightM = Math.round((b.heightM + (floors - b.floors) * 3) * 10) / 10;
      b.floors = floors;
    }
  }
}

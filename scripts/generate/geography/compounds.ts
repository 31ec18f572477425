// Residential compounds (住宅小区) in an urban grid: lots aligned with the street grid, filled with rows
// of blocks of the district's era until the grid holds its target number of dwellings. In the old town
// by the river: courtyard houses (合院) and walk-ups of 2–6 floors from before 1990, on lots turned to
// its lanes; nearer the centre the 6–7-floor walk-ups of the 1990s–2000s; further out the 2010s'
// 11–33-floor slabs and towers. Rows stand apart by the sunlight rule (日照间距): SUNLIGHT_FACTOR × the
// southern row's height. Each compound is a walled block with its gate on the side facing a street.
import type { BuildingKind, Compound } from '../../../server/domain/model';
import type { Rng } from '../random';
import { ringToPolygon, toLonLat } from './frame';
import { compoundName } from './names';
import { pointInRing, randomPointIn, type XY } from './planar';
import { OLD_TOWN_RADIUS_M } from './roads';
import { type Shape, shapeRing } from './shapes';
import type { GridSite, Sites } from './sites';
import { type Rect, rectCorners } from './spatial';

/** An estate's lot holds at most this many rows of blocks and this many blocks in a row. */
const MAX_ROWS = 5;
const MAX_COLS = 5;
/** How far a compound's gate may lie from a street while there is still room nearer one. */
const GATE_REACH_M = 150;

/**
 * Every grid must house 300–500 households (people.ts draws them, capped by the grid's dwellings): a
 * grid's dwellings are drawn between URBAN_DWELLINGS.min and .max, a fifth to a quarter more than
 * its households, which leaves the vacancy data/reference/README.md quotes.
 */
export const URBAN_DWELLINGS = { min: 420, max: 510 };
export const MIN_GRID_DWELLINGS = 410;

/**
 * The sunlight spacing (日照间距系数): rows of blocks stand this many times the southern row's height
 * apart. Anhui's planning rules ask about 1.2–1.3 for new housing at Tongcheng's latitude (recalled,
 * approximate); the old town's walk-ups and houses predate the rule.
 */
export const SUNLIGHT_FACTOR = 1.25;
const STOREY_M = 3;

interface BlockType {
  name: string;
  kind: BuildingKind;
  floors: [number, number];
  length: [number, number];
  depth: [number, number];
  units: (length: number, rng: Rng) => number;
  perFloor: (rng: Rng) => number;
  /** Row spacing as a multiple of the row's height (the sunlight factor, or less where older). */
  spacing: number;
  /** The least row gap (fire lanes, paths), metres. */
  minGap: number;
  colGap: [number, number];
  built: [number, number];
  /** Footprint shapes and their weights. */
  shapes: [Shape, number][];
  /** How far the lot may turn from the street grid (the old town's lanes wander). */
  turn: number;
  /** One block's dwellings on average: its floors × stairwells × flats a floor, each at its mean. */
  meanDwellings: number;
}

const OLD_COURTYARD: BlockType = {
  // 合院: one- and two-storey courtyard houses, several families each since the 1950s (大杂院)
  name: 'courtyard',
  kind: 'courtyard',
  floors: [2, 2],
  length: [16, 24],
  depth: [14, 20],
  units: () => 1,
  perFloor: (r) => r.pick([2, 2, 3]), // two or three families a floor
  spacing: 0,
  minGap: 5,
  colGap: [4, 8],
  built: [1900, 1979],
  shapes: [
    ['U', 6],
    ['L', 2],
  ],
  turn: 0.35,
  meanDwellings: 2 * 1 * (7 / 3),
};
const OLD_WALK_UP: BlockType = {
  // the old town's walk-ups (老公房) of the 1970s–80s: 3–6 floors, 2–3 stairwells
  name: 'old-walk-up',
  kind: 'walk-up',
  floors: [3, 6],
  length: [28, 48],
  depth: [10, 12],
  units: (l) => Math.max(2, Math.round(l / 15)),
  perFloor: () => 2,
  spacing: 1,
  minGap: 10,
  colGap: [6, 10],
  built: [1970, 1989],
  shapes: [
    ['rect', 6],
    ['L', 2],
  ],
  turn: 0.35,
  meanDwellings: 4.5 * 3 * 2,
};
const WALK_UP: BlockType = {
  // 多层 of the 1990s–2000s (the housing reform's estates): 6–7 floors, 2–4 stairwells
  name: 'walk-up',
  kind: 'walk-up',
  floors: [6, 7],
  length: [36, 60],
  depth: [11, 13],
  units: (l) => Math.max(2, Math.round(l / 15)),
  perFloor: () => 2,
  spacing: SUNLIGHT_FACTOR,
  minGap: 14,
  colGap: [8, 14],
  built: [1990, 2009],
  shapes: [
    ['rect', 7],
    ['L', 1],
  ],
  turn: 0.06,
  meanDwellings: 6.5 * 3 * 2,
};
const MID_RISE: BlockType = {
  // 小高层 of the 2010s: 11–18-floor slabs
  name: 'mid-rise',
  kind: 'slab',
  floors: [11, 18],
  length: [28, 40],
  depth: [14, 16],
  units: () => 2,
  perFloor: (r) => r.pick([2, 2, 3]),
  spacing: SUNLIGHT_FACTOR,
  minGap: 20,
  colGap: [10, 16],
  built: [2008, 2023],
  shapes: [
    ['rect', 4],
    ['H', 2],
  ],
  turn: 0.06,
  meanDwellings: 14.5 * 2 * (7 / 3),
};
const HIGH_RISE: BlockType = {
  // 高层 of the 2010s: 18–33-floor point towers and short slabs
  name: 'high-rise',
  kind: 'tower',
  floors: [18, 33],
  length: [24, 34],
  depth: [16, 20],
  units: (_l, r) => r.pick([1, 2]),
  perFloor: (r) => r.pick([2, 3, 4]),
  spacing: SUNLIGHT_FACTOR,
  minGap: 30,
  colGap: [12, 20],
  built: [2010, 2024],
  shapes: [
    ['T', 3],
    ['H', 2],
    ['rect', 2],
  ],
  turn: 0.06,
  meanDwellings: 25.5 * 1.5 * 3,
};

/** The blocks a lot at `p` gets, by district: the old town, the inner city, the outer new districts. */
function blockMix(p: XY, oldTown: XY): { types: BlockType[]; weights: number[] } {
  if (Math.hypot(p[0] - oldTown[0], p[1] - oldTown[1]) < OLD_TOWN_RADIUS_M)
    return { types: [OLD_COURTYARD, OLD_WALK_UP], weights: [7, 3] };
  const d = Math.hypot(p[0], p[1]);
  if (d < 1_350) return { types: [WALK_UP, MID_RISE, HIGH_RISE], weights: [6, 3, 1] };
  if (d < 2_000) return { types: [WALK_UP, MID_RISE, HIGH_RISE], weights: [3, 4, 3] };
  return { types: [WALK_UP, MID_RISE, HIGH_RISE], weights: [1, 3, 6] };
}

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
  floorsBase: number;
  builtYear: number;
  /** The lot's full width and height. */
  w: number;
  h: number;
}

/** A rectangle in a lot's frame: metres from its centre along its axes. */
interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The wall round the blocks a lot got: their extent and the lot's margin, never beyond the lot. */
function wallAround(lot: Rect, e: Extent, margin: number): Rect {
  const x0 = Math.max(-lot.hx, e.x0 - margin),
    x1 = Math.min(lot.hx, e.x1 + margin);
  const y0 = Math.max(-lot.hy, e.y0 - margin),
    y1 = Math.min(lot.hy, e.y1 + margin);
  const [mx, my] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const c = Math.cos(lot.angle),
    s = Math.sin(lot.angle);
  return {
    cx: lot.cx + mx * c - my * s,
    cy: lot.cy + mx * s + my * c,
    hx: (x1 - x0) / 2,
    hy: (y1 - y0) / 2,
    angle: lot.angle,
  };
}

/** A compound's block is addressed by the compound's name and its number: 某某苑3栋. */
const blockAddress = (compound: string, no: number) => `${compound}${no}栋`;

/** The compound a residential block's address names, or null for an address of another kind. */
export function compoundOfAddress(address: string): string | null {
  return /^(.*\D)\d+栋$/.exec(address)?.[1] ?? null;
}

export class CompoundBuilder {
  private compounds = 0;
  /** The compounds that got at least one building, in order. */
  readonly built: Compound[] = [];
  constructor(
    private readonly sites: Sites,
    private readonly streetAngle: number,
    private readonly oldTown: XY,
  ) {}

  /**
   * Fill `grid` with compounds until it holds `target` dwellings. With `last`, throws if it cannot
   * reach MIN_GRID_DWELLINGS (after building its newer blocks taller).
   */
  fill(rng: Rng, grid: GridSite, target: number, last = true): void {
    for (let attempt = 0; attempt < 600 && grid.dwellings < target; attempt++) {
      const centre = randomPointIn(grid.inset, () => rng.next());
      const mix = blockMix(centre, this.oldTown);
      const type = mix.types[rng.weighted(mix.weights)]!;
      const shrink = Math.floor(attempt / 60); // smaller lots once big ones stop fitting
      let rows: number;
      let cols: number;
      if (type.kind === 'courtyard') {
        // courtyard quarters: many small houses in a lot of lanes' size
        rows = Math.max(1, rng.int(5, 7) - shrink);
        cols = Math.max(1, rng.int(5, 7) - shrink);
      } else {
        // an estate is planned whole: as many blocks as the grid still wants, in rows facing south
        // (wider than deep); a grid is one compound, or two where the first lot does not fit
        const blocks = Math.max(2, Math.ceil((target - grid.dwellings) / type.meanDwellings));
        rows = Math.max(1, Math.min(MAX_ROWS, Math.ceil(Math.sqrt(blocks * 0.6))) - shrink);
        cols = Math.max(1, Math.min(MAX_COLS, Math.ceil(blocks / rows)) - shrink);
      }
      this.tryCompound(
        rng,
        grid,
        target,
        type,
        centre,
        cols,
        rows,
        attempt < 240 ? GATE_REACH_M : Infinity, // a gate on a street first; deep lots only if need be
      );
    }
    if (!last) return;
    // Last resort for a cramped grid: build its newer blocks taller.
    if (grid.dwellings < MIN_GRID_DWELLINGS) this.raise(grid);
    if (grid.dwellings < MIN_GRID_DWELLINGS)
      throw new Error(`grid ${grid.unit.id}: only ${grid.dwellings} dwellings fit`);
  }

  private tryCompound(
    rng: Rng,
    grid: GridSite,
    target: number,
    type: BlockType,
    centre: XY,
    cols: number,
    rows: number,
    gateReach: number,
  ): void {
    const length = rng.range(...type.length);
    const depth = rng.range(...type.depth);
    const colGap = rng.range(...type.colGap);
    const floorsBase = rng.int(...type.floors);
    // rows stand apart by the sunlight rule: the factor times the tallest a row may be
    const rowGap = Math.max(type.minGap, type.spacing * Math.min(type.floors[1], floorsBase + 1) * STOREY_M);
    const margin = 8;
    const w = cols * length + (cols - 1) * colGap + 2 * margin;
    const h = rows * depth + (rows - 1) * rowGap + 2 * margin;
    const lot: Rect = {
      cx: centre[0],
      cy: centre[1],
      hx: w / 2,
      hy: h / 2,
      angle: this.streetAngle + rng.range(-type.turn, type.turn),
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
    const builtYear = rng.int(...type.built);
    const extent = this.fillLot(rng, grid, target, {
      type,
      lot,
      name,
      rows,
      cols,
      length,
      depth,
      colGap,
      rowGap,
      margin,
      floorsBase,
      builtYear,
      w,
      h,
    });
    if (this.sites.buildings.length === before || !extent) return;
    // a grid filled before the lot was: the compound's wall closes round the rows it got, not the whole lot
    const block = rectCorners(wallAround(lot, extent, margin));
    const wallGate = this.gate(block);
    this.built.push({
      id: `CP${String(this.built.length + 1).padStart(4, '0')}`,
      name,
      gridId: grid.unit.id,
      block: ringToPolygon(block),
      gate: { name: `${name}${wallGate.side}门`, position: toLonLat(wallGate.at) },
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

  /**
   * Rows of blocks in the lot, numbered from the north row, until the grid is full. Returns the
   * extent of the blocks built, in the lot's frame (metres from its centre), null if none.
   */
  private fillLot(rng: Rng, grid: GridSite, target: number, plan: LotPlan): Extent | null {
    const { type, lot, name, rows, cols, length, depth, colGap, rowGap, margin, floorsBase, w, h } = plan;
    const c = Math.cos(lot.angle),
      s = Math.sin(lot.angle);
    const old = type.kind === 'courtyard' || type.built[1] < 1990;
    let no = 0;
    const extent: Extent = { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
    const built = () => (extent.x0 <= extent.x1 ? extent : null);
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < cols; k++) {
        if (grid.dwellings >= target) return built(); // the grid is full: the compound stays smaller
        if (rows * cols > 2 && rng.chance(0.08)) continue; // a green or a car park instead
        // the old town's houses sit a little askew and out of line; planned estates do not
        const jitter = old ? 2 : 0;
        const lx = -w / 2 + margin + k * (length + colGap) + length / 2 + rng.range(-jitter, jitter);
        const ly = h / 2 - margin - r * (depth + rowGap) - depth / 2 + rng.range(-jitter, jitter); // from the north row
        const p: XY = [lot.cx + lx * c - ly * s, lot.cy + lx * s + ly * c];
        const floors = Math.min(type.floors[1], Math.max(type.floors[0], floorsBase + rng.int(-1, 1)));
        const units = type.units(length, rng);
        const dwellings = floors * units * type.perFloor(rng);
        const rect: Rect = {
          cx: p[0],
          cy: p[1],
          hx: length / 2,
          hy: depth / 2,
          angle: lot.angle + (old ? rng.range(-0.08, 0.08) : 0),
        };
        const shape = type.shapes[rng.weighted(type.shapes.map(([, wgt]) => wgt))]![0];
        // a courtyard opens to the south (its -y side faces the lot's south); others at random
        const ring = shapeRing(rect, shape, rng.range(0.3, 0.42), rng.range(0.35, 0.6));
        const builtYear = Math.min(type.built[1], plan.builtYear + rng.int(0, old ? 12 : 2)); // phases (分期)
        this.sites.emit(rng, grid, rect, 'residential', floors, dwellings, blockAddress(name, ++no), {
          kind: type.kind,
          builtYear,
          ring,
        });
        // the block's reach in the lot's frame (a slightly turned old house: its diagonal, to be safe)
        const reach = old ? Math.hypot(length, depth) / 2 : 0;
        const [ex, ey] = old ? [reach, reach] : [length / 2, depth / 2];
        extent.x0 = Math.min(extent.x0, lx - ex);
        extent.x1 = Math.max(extent.x1, lx + ex);
        extent.y0 = Math.min(extent.y0, ly - ey);
        extent.y1 = Math.max(extent.y1, ly + ey);
      }
    }
    return built();
  }

  private raise(grid: GridSite): void {
    for (const b of this.sites.buildings) {
      if (b.gridId !== grid.unit.id || b.use !== 'residential' || grid.dwellings >= MIN_GRID_DWELLINGS) continue;
      if (b.kind === 'courtyard') continue;
      // the old town and the street fronts stay low: their walk-ups and shop-houses get at most 6 floors
      const floors = Math.min(b.builtYear < 1990 || b.kind === 'shophouse' ? 6 : 33, b.floors * 2);
      if (floors <= b.floors) continue;
      const shops = b.kind === 'shophouse' ? 1 : 0; // a shop-house's ground floor has no flats
      const perStorey = b.dwellings / (b.floors - shops);
      grid.dwellings += (floors - b.floors) * perStorey;
      b.dwellings = (floors - shops) * perStorey;
      b.heightM = Math.round((b.heightM + (floors - b.floors) * 3) * 10) / 10;
      b.floors = floors;
      if (floors >= 11) b.kind = floors >= 18 ? 'tower' : 'slab';
    }
  }
}

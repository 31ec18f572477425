// Village houses (农房): one detached two- or three-storey house per household, of about 100–180 m²
// (a 宅基地 of 10–14 × 9–13 m), in compact hamlets (自然村/村民组) strung along the village roads: each
// house faces the road, in a first row beside it and a second and third behind. Plain boxes, so that
// the three-times-more buildings stay light in the 3D tiles.
import type { Rng } from '../random';
import { pointInRing, randomPointIn, type XY } from './planar';
import type { GridSite, Sites } from './sites';
import { type Rect, rectCorners } from './spatial';

export interface VillageAddressing {
  /** The village's own name (月山村), used in addresses: 月山村3组12号. */
  village: string;
  /** Next group (村民组) number in the village; one group per hamlet. */
  nextGroup: number;
}

/** The spread of a village grid's dwellings: drawn in this range, about a sixth more than its households. */
export const VILLAGE_DWELLINGS = { min: 350, max: 420 };
/** A house's footprint, metres: frontage along the road and depth. */
const HOUSE_W: [number, number] = [10.5, 14];
const HOUSE_D: [number, number] = [9.5, 12.8];
/** From the road's edge to the first row; between rows. */
const FRONT_YARD_M: [number, number] = [5, 10];
const ROW_STEP_M = 19;
/** The roads houses face (not the expressway, the railway or the river). */
const HAMLET_FULL_AFTER = 150;
export const HAMLET_ROADS: ReadonlySet<string> = new Set(['village', 'county', 'provincial', 'national']);

interface Hamlet {
  /** A point on a road the hamlet strings along. */
  at: XY;
  spread: number;
  /** The direction of the hamlet's own track, when no road passes by. */
  track?: XY;
  group: number;
  house: number;
  /** Attempts in a row that found no room; the hamlet is full after HAMLET_FULL_AFTER. */
  misses: number;
  /** Along its track: how far its houses reach each way from `at`, metres. */
  reach?: [number, number];
}

/** A point on a hamlet's own track near its centre, as a road segment would give it. */
function alongTrack(h: Hamlet, rng: Rng): { foot: XY; dir: XY; halfWidth: number; tag: string } {
  const t = rng.normal(0, h.spread);
  return { foot: [h.at[0] + h.track![0] * t, h.at[1] + h.track![1] * t], dir: h.track!, halfWidth: 2, tag: '' };
}

/** A hamlet's own track (机耕路) through it, where no road passed: drawn as a village road. */
export interface HamletTrack {
  /** 月山村3组机耕路 */
  name: string;
  pts: XY[];
}

/** A village house's address: 月山村3组12号 (its villager group, then its number in the group). */
function houseAddress(village: string, group: number, house: number): string {
  return `${village}${group}组${house}号`;
}

/** The villager group (村民组) of a house's address (月山村3组), as houseAddress wrote it. */
export function hamletOfAddress(address: string): string {
  return address.replace(/\d+号$/, '');
}

/** How far a hamlet's track runs on past its first and last house, metres. */
const TRACK_PAST_M = 20;

/**
 * Fills the grid with houses; returns the tracks of the hamlets strung along their own (the caller
 * joins them to the road network and draws them).
 */
export function fillVillageGrid(
  rng: Rng,
  sites: Sites,
  grid: GridSite,
  target: number,
  addressing: VillageAddressing,
): HamletTrack[] {
  const newHamlet = (onRoad: boolean): Hamlet => {
    for (let k = 0; onRoad && k < 40; k++) {
      const p = randomPointIn(grid.inset, () => rng.next());
      const seg = sites.roads.nearestSegment(p, 400);
      if (!seg || !HAMLET_ROADS.has(sites.lineById.get(seg.tag)?.kind ?? '') || !pointInRing(seg.foot, grid.inset))
        continue;
      return { at: seg.foot, spread: rng.range(70, 120), group: addressing.nextGroup++, house: 1, misses: 0 };
    }
    // no road in this part of the grid: the hamlet strings along its own track (机耕路)
    const a = rng.range(0, Math.PI);
    return {
      at: randomPointIn(grid.inset, () => rng.next()),
      track: [Math.cos(a), Math.sin(a)],
      spread: rng.range(60, 100),
      group: addressing.nextGroup++,
      house: 1,
      misses: 0,
    };
  };
  const hamlets: Hamlet[] = [];
  const count = rng.int(3, 5);
  for (let h = 0; h < count; h++) hamlets.push(newHamlet(true));
  for (let attempt = 0; attempt < 20_000 && grid.dwellings < target; attempt++) {
    let open = hamlets.filter((h) => h.misses < HAMLET_FULL_AFTER);
    if (open.length === 0) {
      hamlets.push(newHamlet(hamlets.length % 2 === 0)); // the roads full: some along their own tracks
      open = [hamlets.at(-1)!];
    }
    const hamlet = open[rng.int(0, open.length - 1)]!;
    // a point along the road near the hamlet's centre; the house stands off it, facing it
    const q: XY = [hamlet.at[0] + rng.normal(0, hamlet.spread), hamlet.at[1] + rng.normal(0, hamlet.spread)];
    const seg = hamlet.track ? alongTrack(hamlet, rng) : sites.roads.nearestSegment(q, 150);
    if (!seg || (!hamlet.track && !HAMLET_ROADS.has(sites.lineById.get(seg.tag)?.kind ?? ''))) {
      hamlet.misses++;
      continue;
    }
    const w = rng.range(...HOUSE_W);
    const d = rng.range(...HOUSE_D);
    const side = rng.chance(0.5) ? 1 : -1;
    const row = rng.weighted([5, 3, 2, 1]);
    const off = seg.halfWidth + rng.range(...FRONT_YARD_M) + row * ROW_STEP_M + d / 2;
    const c: XY = [seg.foot[0] - seg.dir[1] * off * side, seg.foot[1] + seg.dir[0] * off * side];
    const rect: Rect = {
      cx: c[0],
      cy: c[1],
      hx: w / 2,
      hy: d / 2,
      angle: Math.atan2(seg.dir[1], seg.dir[0]) + rng.range(-0.06, 0.06),
    };
    if (!sites.fits(grid, rectCorners(rect), 4, rng.range(3, 6))) {
      if (++hamlet.misses % 30 === 0) hamlet.spread *= 1.15; // the hamlet grows along its road
      continue;
    }
    hamlet.misses = 0;
    if (hamlet.track) {
      const t = (c[0] - hamlet.at[0]) * hamlet.track[0] + (c[1] - hamlet.at[1]) * hamlet.track[1];
      const r = hamlet.reach ?? [t, t];
      hamlet.reach = [Math.min(r[0], t), Math.max(r[1], t)];
    }
    sites.emit(
      rng,
      grid,
      rect,
      'village-house',
      rng.weighted([0, 0, 6, 4]),
      1,
      houseAddress(addressing.village, hamlet.group, hamlet.house++),
      { kind: 'village-house', builtYear: rng.chance(1 / 3) ? rng.int(1982, 1999) : rng.int(2000, 2024) },
    );
  }
  return hamlets
    .filter((h) => h.track && h.reach)
    .map((h) => ({ name: `${addressing.village}${h.group}组机耕路`, pts: trackLine(h) }));
}

/** The hamlet's track: straight through its centre, from its first house to its last and a little on. */
function trackLine(h: Hamlet): XY[] {
  const [from, to] = [h.reach![0] - TRACK_PAST_M, h.reach![1] + TRACK_PAST_M];
  const pts: XY[] = [];
  const n = Math.max(1, Math.ceil((to - from) / 40));
  for (let k = 0; k <= n; k++) {
    const t = from + ((to - from) * k) / n;
    pts.push([h.at[0] + h.track![0] * t, h.at[1] + h.track![1] * t]);
  }
  return pts;
}

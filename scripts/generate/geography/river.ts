// 龙眠河 through the city, drawn before anything else: the subdistricts' borders follow it (admin.ts),
// the old town lies on its west bank and the roads cross it (roads.ts). It comes from the hills in
// the north-west (龙眠山) and leaves to the south-east, running a little north-east of the core, so
// the east bank (龙腾, the new district) holds about a third of the urban area.
import type { Rng } from '../random';
import { RIVER_NAME } from './names';
import { nearestOn } from './paths';
import type { XY } from './planar';
import type { PlanarLine } from './roads';

export interface RiverCourse {
  line: PlanarLine;
  /** The direction it flows, unit vector (to the south-east). */
  flow: XY;
  /** The old town's centre (老城): on the west bank, north-west of the core. */
  oldTown: XY;
}

/** How far the river's course lies north-east of the core, metres (its meanders swing ±290 m about it). */
const OFFSET_M: [number, number] = [700, 900];
/** The old town grew at the river's crossing north-west of today's core (市政府 moved out to it). */
const OLD_TOWN_NEAR: XY = [-800, 600];
/** The old town's centre from the river bank, metres, across the flow to the west bank. */
const OLD_TOWN_FROM_BANK_M = 470;

export function riverCourse(rng: Rng): RiverCourse {
  const flow = unit([1, -0.75]);
  const across: XY = [-flow[1], flow[0]]; // to the left of the flow: the north-east bank
  const pts = meander(rng, flow, across, rng.range(OFFSET_M[0], OFFSET_M[1]), 6_500);
  const bank = nearestOn([pts], OLD_TOWN_NEAR).q;
  // west bank: away from the river across its flow (flow is to the south-east, so west is its right)
  const oldTown: XY = [bank[0] - across[0] * OLD_TOWN_FROM_BANK_M, bank[1] - across[1] * OLD_TOWN_FROM_BANK_M];
  return {
    line: { id: 'RV01', name: RIVER_NAME, cls: 'river', kind: 'river', urban: true, pts, widthM: 45 },
    flow,
    oldTown,
  };
}

function meander(rng: Rng, along: XY, across: XY, o: number, half: number): XY[] {
  const l1 = rng.range(1_800, 2_600),
    l2 = rng.range(700, 1_100);
  const p1 = rng.range(0, 6.3),
    p2 = rng.range(0, 6.3);
  const pts: XY[] = [];
  for (let s = -half; s <= half; s += 40) {
    const w = o + 220 * Math.sin((2 * Math.PI * s) / l1 + p1) + 70 * Math.sin((2 * Math.PI * s) / l2 + p2);
    pts.push([s * along[0] + w * across[0], s * along[1] + w * across[1]]);
  }
  return pts;
}

function unit(p: XY): XY {
  const l = Math.hypot(p[0], p[1]);
  return [p[0] / l, p[1] / l];
}

// Where things stand, by rule: along roads at regular spacing, at junctions, in compounds, on open
// ground, on the river bank, in hamlets. Each sampler yields located points (grid found, rounded).

import type { PlacementRule, RoadSlot } from '../../../server/domain/componentCatalog';
import type { LonLat } from '../../../server/domain/model';
import { randomPointIn, type XY } from '../geography/planar';
import type { Rng } from '../random';
import { type Line, pointAlong, type Site, type World } from './world';

export interface Placed {
  position: LonLat;
  gridId: string;
  roadId: string | null;
  bearingDeg: number;
  xy: XY;
}

const MAX_TRIES = 200;

/** `count` points along `lines`, evenly spaced over their total length with jitter, at the kerb or in the carriageway. */
export function alongLines(
  rng: Rng,
  world: World,
  lines: readonly Line[],
  count: number,
  slot: RoadSlot | 'bank',
  roadIds = true,
): Placed[] {
  const total = lines.reduce((a, l) => a + l.length, 0);
  if (count === 0 || total === 0) return [];
  const spacing = total / count;
  const out: Placed[] = [];
  let d = rng.range(0, spacing);
  for (let k = 0; k < count; k++, d += spacing) {
    let placed: Placed | null = null;
    for (let tries = 0; tries < MAX_TRIES && !placed; tries++) {
      // the regular position first, then random ones when it falls outside every grid
      const at = tries === 0 ? d + rng.range(-0.15, 0.15) * spacing : rng.range(0, total);
      placed = onLine(rng, world, lines, at, slot, k, roadIds);
    }
    if (!placed) throw new Error(`no room for a thing along ${lines.map((l) => l.name).join(',')}`);
    out.push(placed);
  }
  return out;
}

function onLine(
  rng: Rng,
  world: World,
  lines: readonly Line[],
  at: number,
  slot: RoadSlot | 'bank',
  k: number,
  roadIds: boolean,
): Placed | null {
  let rest = at;
  let l = lines[lines.length - 1]!;
  for (const line of lines) {
    if (rest <= line.length) {
      l = line;
      break;
    }
    rest -= line.length;
  }
  const { p, dir } = pointAlong(l, rest);
  const half = l.widthM / 2;
  const side = k % 2 === 0 ? 1 : -1;
  const off =
    slot === 'carriageway'
      ? rng.range(-1, 1) * Math.max(0.5, half - 1.5)
      : side * (half + (slot === 'bank' ? rng.range(1, 3) : rng.range(0.8, 3)));
  const q: XY = [p[0] - dir[1] * off, p[1] + dir[0] * off];
  if (slot !== 'carriageway' && world.footprints.covers(q, 0.5)) return null;
  const hit = world.locate(q);
  if (!hit) return null;
  return { ...hit, roadId: roadIds ? l.id : null, bearingDeg: bearing(dir, side < 0), xy: q };
}

/** Points near the corners of junctions, round-robin over the junctions in a shuffled order. */
export function atJunctions(rng: Rng, world: World, count: number): Placed[] {
  const order = rng.shuffle(world.junctions.slice());
  const out: Placed[] = [];
  for (let k = 0; out.length < count && k < count * 50; k++) {
    const j = order[k % order.length]!;
    const reach = Math.max(j.a.widthM, j.b.widthM) / 2 + rng.range(1, 4);
    const ang = rng.range(0, 2 * Math.PI);
    const q: XY = [j.p[0] + reach * Math.cos(ang), j.p[1] + reach * Math.sin(ang)];
    const hit = world.locate(q);
    if (!hit || world.footprints.covers(q, 0.5)) continue;
    const road = rng.chance(0.5) ? j.a : j.b;
    out.push({ ...hit, roadId: road.id, bearingDeg: rng.range(0, 360), xy: q });
  }
  if (out.length < count) throw new Error(`only ${out.length} of ${count} junction places`);
  return out;
}

/** Points beside the buildings of `sites` (compound blocks, village houses), on free ground. */
export function besideSites(rng: Rng, world: World, sites: readonly Site[], count: number): Placed[] {
  const out: Placed[] = [];
  for (let k = 0; out.length < count && k < count * MAX_TRIES; k++) {
    const s = rng.pick(sites);
    const ang = rng.range(0, 2 * Math.PI);
    const r = s.radius + rng.range(3, 12);
    const q: XY = [s.p[0] + r * Math.cos(ang), s.p[1] + r * Math.sin(ang)];
    if (!world.free(q, 1.5)) continue;
    const hit = world.locate(q);
    if (!hit) continue;
    out.push({ ...hit, roadId: null, bearingDeg: rng.range(0, 360), xy: q });
  }
  if (out.length < count) throw new Error(`only ${out.length} of ${count} places beside buildings`);
  return out;
}

/** Points on open ground in the urban grids, grids chosen by area. */
export function openGround(rng: Rng, world: World, count: number, grids = world.urbanGrids): Placed[] {
  const weights = grids.map((g) => g.area);
  const out: Placed[] = [];
  for (let k = 0; out.length < count && k < count * MAX_TRIES; k++) {
    const g = grids[rng.weighted(weights)]!;
    const q = randomPointIn(g.ring, () => rng.next());
    if (!world.free(q, 8) || world.carriageways.clearance(q, 60) < 5) continue;
    const hit = world.locate(q);
    if (!hit) continue;
    out.push({ ...hit, roadId: null, bearingDeg: rng.range(0, 360), xy: q });
  }
  if (out.length < count) throw new Error(`only ${out.length} of ${count} open-ground places`);
  return out;
}

export function place(
  rng: Rng,
  world: World,
  rule: PlacementRule,
  slot: RoadSlot | undefined,
  count: number,
): Placed[] {
  switch (rule) {
    case 'main-road':
      return alongLines(
        rng,
        world,
        world.roads.filter((r) => r.urban && r.cls === 'main'),
        count,
        slot ?? 'kerb',
      );
    case 'any-road':
      // manhole covers and the like are an urban network; the village roads get the kerb-side things
      return alongLines(
        rng,
        world,
        slot === 'carriageway' ? world.roads.filter((r) => r.urban) : world.roads,
        count,
        slot ?? 'kerb',
      );
    case 'junction':
      return atJunctions(rng, world, count);
    case 'compound':
      return besideSites(
        rng,
        world,
        world.compounds.flatMap((c) => c.buildings),
        count,
      );
    case 'park':
      return openGround(rng, world, count);
    case 'river':
      return world.river ? alongLines(rng, world, [world.river], count, 'bank', false) : openGround(rng, world, count);
    case 'hamlet':
      return besideSites(rng, world, world.villageHouses, count);
  }
}

/** Compass bearing (clockwise from north) of a direction, reversed for the far side of the road. */
export function bearing(dir: XY, reverse = false): number {
  const deg = (Math.atan2(dir[0], dir[1]) * 180) / Math.PI + (reverse ? 180 : 0);
  return ((deg % 360) + 360) % 360;
}

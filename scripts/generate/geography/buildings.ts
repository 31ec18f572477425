// All buildings: each urban grid's compounds and street fronts up to its dwelling target, then public
// and industrial buildings, then the village houses of every village grid.
import type { AdminUnit, Building, Compound, WaterBody } from '../../../server/domain/model';
import type { Rng } from '../random';
import { CompoundBuilder, URBAN_DWELLINGS } from './compounds';
import { isIndustrialEdge, placeFrontage, placeIndustrial, placePublic } from './frontage';
import { nearestOn } from './paths';
import type { Ring, XY } from './planar';
import { unitName } from './reference';
import type { PlanarLine } from './roads';
import { Sites } from './sites';
import {
  fillVillageGrid,
  HAMLET_ROADS,
  type HamletTrack,
  VILLAGE_DWELLINGS,
  type VillageAddressing,
} from './villageHouses';
import { placeWater } from './water';

export type Progress = (done: number, total: number, label: string) => void;

export function generateBuildings(
  rng: Rng,
  units: readonly AdminUnit[],
  rings: ReadonlyMap<string, Ring>,
  urbanArea: Ring,
  lines: readonly PlanarLine[],
  streetAngle: number,
  seats: ReadonlyMap<string, XY>,
  oldTown: XY,
  onProgress?: Progress,
): { buildings: Building[]; compounds: Compound[]; waters: WaterBody[]; tracks: HamletTrack[] } {
  const grids = units.filter((u) => u.level === 'grid').map((unit) => ({ unit, ring: rings.get(unit.id)! }));
  const sites = new Sites(grids, lines, streetAngle);
  const urban = sites.grids.filter((g) => g.unit.area === 'urban');
  const rural = sites.grids.filter((g) => g.unit.area === 'village');
  const total = urban.length + rural.length;
  let done = 0;

  // Each urban grid: compounds to half its dwellings, then the street fronts (shop-houses
  // while the grid wants homes), then compounds again for the rest; public and industrial buildings.
  const compounds = new CompoundBuilder(sites, streetAngle, oldTown);
  const crng = rng.fork('compounds');
  for (const grid of urban) {
    grid.target = URBAN_DWELLINGS.min + crng.int(0, URBAN_DWELLINGS.max - URBAN_DWELLINGS.min);
    compounds.fill(crng.fork(grid.unit.id), grid, Math.round(grid.target * 0.5), false);
  }
  const frng = rng.fork('frontage');
  for (const line of lines)
    if (line.urban && line.cls !== 'river') placeFrontage(frng.fork(line.id), sites, line, oldTown);
  for (const grid of urban) {
    compounds.fill(crng.fork(`${grid.unit.id}-rest`), grid, grid.target);
    onProgress?.(++done, total, 'buildings: urban compounds');
  }
  const prng = rng.fork('public');
  for (const grid of urban) {
    placePublic(prng.fork(grid.unit.id), sites, grid, prng.int(1, 3), oldTown);
    if (isIndustrialEdge(grid, urbanArea))
      placeIndustrial(prng.fork(`industry-${grid.unit.id}`), sites, grid, prng.int(4, 10));
  }

  const vrng = rng.fork('village-houses');
  // addresses use the village's own name (月山村), not its committee's (月山村委会)
  const villageNames = new Map(
    units
      .filter((u) => u.level === 'village')
      .map((u) => [u.id, unitName({ code: u.id, name: u.name, kind: 'village' })]),
  );
  const addressing = new Map<string, VillageAddressing>();
  const tracks: HamletTrack[] = [];
  for (const grid of rural) {
    const villageId = grid.unit.parentId!;
    let a = addressing.get(villageId);
    if (!a) {
      a = { village: villageNames.get(villageId)!, nextGroup: 1 };
      addressing.set(villageId, a);
    }
    grid.target = VILLAGE_DWELLINGS.min + vrng.int(0, VILLAGE_DWELLINGS.max - VILLAGE_DWELLINGS.min);
    tracks.push(...fillVillageGrid(vrng.fork(grid.unit.id), sites, grid, grid.target, a));
    if (grid.dwellings < VILLAGE_DWELLINGS.min)
      throw new Error(`village grid ${grid.unit.id}: only ${grid.dwellings} dwellings fit`);
    onProgress?.(++done, total, 'buildings: village houses');
  }
  // the hamlets' own tracks, joined to the nearest road: the ponds keep clear of them too
  const joined = joinTracks(tracks, lines);
  for (const t of joined) sites.roads.add(t.pts, TRACK_WIDTH_M / 2, t.name);
  // ponds and reservoirs where the hamlets left room (clear of houses and roads)
  const waters = placeWater(rng.fork('water'), sites, rural, seats);
  return { buildings: sites.buildings, compounds: compounds.built, waters, tracks: joined };
}

/** A hamlet track's width, metres: a farm track (机耕路) of one lane. */
export const TRACK_WIDTH_M = 3.5;
/** Each track carried on from its end nearer a road houses may face to that road, so the network stays one. */
function joinTracks(tracks: readonly HamletTrack[], lines: readonly PlanarLine[]): HamletTrack[] {
  const roads = lines.filter((l) => HAMLET_ROADS.has(l.kind)).map((l) => l.pts);
  return tracks.map((t) => {
    const [a, b] = [nearestOn(roads, t.pts[0]!), nearestOn(roads, t.pts.at(-1)!)];
    return { name: t.name, pts: a.d <= b.d ? [a.q, ...t.pts] : [...t.pts, b.q] };
  });
}

// The figures data/reference/README.md quotes for the generated places and streets, measured on the
// geography of a seed: `npx tsx scripts/generate/geography/measure.ts [seed]` prints them as JSON.
import * as turf from '@turf/turf';
import { URBAN_CORE } from '../../../server/domain/facts';
import type { AdminUnit, RoadKind } from '../../../server/domain/model';
import { Rng } from '../random';
import { compoundOfAddress } from './compounds';
import { PILOT_SEATS } from './county';
import { directionOf } from './directions';
import { toXY } from './frame';
import { generateGeography, loadReference } from './index';
import { connectedGroups, kmByKind, shareOfBordersAlong, villageRoadDensity } from './networkMeasures';

const seed = Number(process.argv[2] ?? 20220601);
const t0 = performance.now();
const geo = generateGeography(new Rng(seed).fork('geography'), loadReference());
const seconds = Math.round(performance.now() - t0) / 1000;
const byId = new Map(geo.adminUnits.map((u) => [u.id, u]));
const childrenOf = (id: string) => geo.adminUnits.filter((u) => u.parentId === id);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// Contiguity: each unit shares an edge (two vertices) with a sibling; children's areas sum to the parent's.
const key = (p: number[]) => `${p[0]},${p[1]}`;
let units = 0,
  withNeighbour = 0,
  worstGap = 0;
for (const parent of geo.adminUnits.filter((u) => u.level !== 'grid' && u.level !== 'city')) {
  const kids = childrenOf(parent.id);
  const sets = kids.map((k) => new Set((k.geometry.coordinates[0] as number[][]).map(key)));
  kids.forEach((_, i) => {
    units++;
    if (sets.some((s, j) => j !== i && [...sets[i]!].filter((p) => s.has(p)).length >= 2)) withNeighbour++;
  });
  const sum = kids.reduce((a, k) => a + k.areaM2, 0);
  // a subdistrict's communities tile only its part of the urban area
  if (parent.level !== 'subdistrict') worstGap = Math.max(worstGap, Math.abs(sum - parent.areaM2) / parent.areaM2);
}
const subdistricts = geo.adminUnits
  .filter((u) => u.level === 'subdistrict')
  .map((u) => {
    const urban = childrenOf(u.id).reduce((a, k) => a + k.areaM2, 0);
    return {
      name: u.name,
      areaKm2: round(u.areaM2 / 1e6),
      urbanKm2: round(urban / 1e6),
      urbanKm2PerCommunity: round(urban / 1e6 / childrenOf(u.id).length, 2),
    };
  });
const countyMainKm2 =
  Math.max(
    ...(byId.get('340881')!.geometry.coordinates as number[][][][]).map((p) => turf.area(turf.polygon(p as never))),
  ) / 1e6;
const townships = {
  count: geo.townships.length,
  tiledWithTheCity: round(
    ((geo.townships.reduce((a, t) => a + turf.area(turf.polygon(t.polygon)), 0) / 1e6 +
      subdistricts.reduce((a, s) => a + s.areaKm2, 0)) /
      countyMainKm2) *
      100,
    2,
  ),
};

const villages = geo.adminUnits.filter((u) => u.level === 'village');
const density = [...villageRoadDensity(geo.roads, villages).values()].sort((a, b) => a - b);
const villageKm2 = villages.reduce((a, v) => a + v.areaM2, 0) / 1e6;
const kinds = new Set<RoadKind>(['national', 'provincial', 'county', 'village', 'arterial']);
const groups = connectedGroups(geo.roads, kinds);

const core = turf.point(URBAN_CORE);
const towns = PILOT_SEATS.map((s) => ({
  name: s.name,
  seat: s.at,
  seatKm: round(turf.distance(core, s.at)),
  seatBearingDeg: Math.round((turf.bearing(core, s.at) + 360) % 360),
  areaKm2: round(byId.get(s.code)!.areaM2 / 1e6),
}));
const directions = geo.adminUnits
  .filter((u) => (u.level === 'community' || u.level === 'village') && directionOf(u.name))
  .map((u: AdminUnit) => {
    const d = directionOf(u.name)!;
    const [e, n] = toXY(u.centroid);
    const [pe, pn] = toXY(byId.get(u.parentId!)!.centroid);
    return {
      name: u.name,
      parent: byId.get(u.parentId!)!.name,
      metresThatWay: Math.round((e - pe) * d[0] + (n - pn) * d[1]),
    };
  });
const streets = geo.roads.filter((r) => r.kind === 'arterial' || r.kind === 'collector' || r.kind === 'lane');
const gateToStreet = geo.compounds
  .map((c) =>
    Math.min(
      ...streets.map((r) => turf.pointToLineDistance(c.gate.position, turf.lineString(r.line), { units: 'meters' })),
    ),
  )
  .sort((a, b) => a - b);
// communities' borders along the main roads and the river, and along any street (within 15 m of the centre line)
const communities = geo.adminUnits.filter((u) => u.level === 'community');
const linesOf = (kinds: string[]) =>
  [...geo.roads.filter((r) => kinds.includes(r.kind)), ...geo.rivers].map((r) => r.line.map(toXY));
const communityBordersAlong = {
  mainRoadsOrRiverPct: round(shareOfBordersAlong(communities, linesOf(['arterial']), 15) * 100),
  anyStreetOrRiverPct: round(shareOfBordersAlong(communities, linesOf(['arterial', 'collector', 'lane']), 15) * 100),
};
// the villages' borders along the roads through the towns (villageFaces.ts); the rest wander
const villageUnits = geo.adminUnits.filter((u) => u.level === 'village');
const villageBordersAlong = {
  trunkRoadsPct: round(
    shareOfBordersAlong(
      villageUnits,
      geo.roads
        .filter((r) => ['expressway', 'national', 'provincial', 'railway', 'county'].includes(r.kind))
        .map((r) => r.line.map(toXY)),
      15,
    ) * 100,
  ),
};
// each compound's walled area and the dwellings of its blocks (addressed by its name: 某某苑3栋)
const compoundHa = geo.compounds.map((c) => turf.area(turf.polygon(c.block)) / 1e4).sort((a, b) => a - b);
const dwellingsByName = new Map<string, number>();
for (const b of geo.buildings) {
  const name = compoundOfAddress(b.address);
  if (name) dwellingsByName.set(name, (dwellingsByName.get(name) ?? 0) + b.dwellings);
}
const compoundDwellings = geo.compounds.map((c) => dwellingsByName.get(c.name) ?? 0).sort((a, b) => a - b);
const q = (xs: number[], f: number) => round(xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]!, 2);

console.log(
  JSON.stringify(
    {
      seed,
      geographySeconds: seconds,
      towns,
      subdistricts,
      townships,
      contiguity: { units, sharingAnEdgeWithASibling: withNeighbour, worstAreaGapToParent: round(worstGap * 100, 3) },
      directions,
      communityBordersAlong,
      villageBordersAlong,
      roads: { count: geo.roads.length, kmByKind: kmByKind(geo.roads) },
      stations: geo.roads.flatMap((r) => r.stations ?? []),
      network: { groups: groups.length, roadsInLargest: Math.max(...groups.map((g) => g.length)) },
      villages: {
        areaKm2: round(villageKm2),
        roadKmPerKm2: { min: q(density, 0), median: q(density, 0.5), max: q(density, 1) },
      },
      compounds: {
        count: geo.compounds.length,
        gateToStreetM: { median: q(gateToStreet, 0.5), p90: q(gateToStreet, 0.9), max: q(gateToStreet, 1) },
        areaHa: { p10: q(compoundHa, 0.1), median: q(compoundHa, 0.5), p90: q(compoundHa, 0.9) },
        dwellings: {
          p10: q(compoundDwellings, 0.1),
          median: q(compoundDwellings, 0.5),
          p90: q(compoundDwellings, 0.9),
        },
      },
      waters: {
        ponds: geo.waters.filter((w) => w.kind === 'pond').length,
        reservoirs: geo.waters
          .filter((w) => w.kind === 'reservoir')
          .map((w) => `${w.name} ${round(w.areaM2 / 1e4)} ha`),
        pondHa: round(geo.waters.filter((w) => w.kind === 'pond').reduce((a, w) => a + w.areaM2, 0) / 1e4),
      },
      buildings: geo.buildings.length,
    },
    null,
    1,
  ),
);

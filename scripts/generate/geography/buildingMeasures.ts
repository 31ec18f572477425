// The building figures data/reference/README.md quotes, measured on a seed's geography and its people
// (scale 1): `npx tsx scripts/generate/geography/buildingMeasures.ts [seed]` prints them as JSON.
// Counts by use, kind and era; floors; footprint shapes; village houses' size; vacancy (dwellings
// without a household); sunlight spacing between rows; and what the 3D tiles weigh.
import { gzipSync } from 'node:zlib';
import * as turf from '@turf/turf';
import { eraOf } from '../../../server/domain/buildingEra';
import type { Building } from '../../../server/domain/model';
import { buildTileset } from '../../tiles/tileset';
import { generatePopulation } from '../people';
import { Rng } from '../random';
import { generateGeography, loadReference } from './index';

const seed = Number(process.argv[2] ?? 20220601);
const rng = new Rng(seed);
const geo = generateGeography(rng.fork('geography'), loadReference());
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const q = (xs: number[], f: number) => xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]!;
const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p10: q(s, 0.1), p50: q(s, 0.5), p90: q(s, 0.9), min: s[0], max: s.at(-1) };
};
const countBy = <T>(xs: readonly T[], key: (x: T) => string) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};
/** Ring vertices without the closing point: 4 a box, 6 an L, 8 a U or T, 12 an H. */
const corners = (b: Building) => b.footprint[0]!.length - 1;
const shapeName: Record<number, string> = { 4: 'rect', 6: 'L', 8: 'U or T', 12: 'H' };

const b = geo.buildings;
const kinds = [...new Set(b.map((x) => x.kind))];
const byKind = Object.fromEntries(
  kinds.map((k) => {
    const list = b.filter((x) => x.kind === k);
    return [
      k,
      {
        count: list.length,
        floors: quantiles(list.map((x) => x.floors)),
        eras: countBy(list, (x) => eraOf(x.builtYear)),
        dwellings: list.reduce((a, x) => a + x.dwellings, 0),
      },
    ];
  }),
);

// Vacancy: the population stage's households against the dwellings (as the full dataset makes them).
const t0 = performance.now();
const people = generatePopulation(rng.fork('population'), 1, { adminUnits: geo.adminUnits, buildings: b });
const populationSeconds = round((performance.now() - t0) / 1000);
const area = new Map(geo.adminUnits.map((u) => [u.id, u.area]));
const householdsByBuilding = countBy(people.households, (h) => h.buildingId);
const vacancy = (filter: (x: Building) => boolean) => {
  const homes = b.filter((x) => filter(x) && x.dwellings > 0);
  const dwellings = homes.reduce((a, x) => a + x.dwellings, 0);
  const occupied = homes.reduce((a, x) => a + (householdsByBuilding[x.id] ?? 0), 0);
  return { dwellings, households: occupied, vacantPercent: round((100 * (dwellings - occupied)) / dwellings) };
};

// Sunlight spacing: for each slab or tower, the clear distance to the nearest building of its compound
// due south (within 20° of south), over the southern one's height.
const residential = b.filter(
  (x) => x.kind === 'slab' || x.kind === 'tower' || (x.kind === 'walk-up' && x.builtYear >= 1990),
);
const byCompound = new Map<string, Building[]>();
for (const x of residential) {
  const key = `${x.gridId}|${x.address.replace(/\d+栋$/, '')}`;
  byCompound.set(key, [...(byCompound.get(key) ?? []), x]);
}
const ratios: number[] = [];
for (const list of byCompound.values())
  for (const x of list) {
    let best: { gap: number; h: number } | null = null;
    for (const y of list) {
      if (y === x) continue;
      const bearing = turf.bearing(x.centroid, y.centroid);
      if (Math.abs(Math.abs(bearing) - 180) > 20) continue;
      const poly = turf.polygon(x.footprint);
      const gap = Math.min(
        ...y.footprint[0]!.map((p) =>
          turf.pointToLineDistance(p, turf.polygonToLine(poly) as never, { units: 'meters' }),
        ),
      );
      if (!best || gap < best.gap) best = { gap, h: y.heightM };
    }
    if (best) ratios.push(best.gap / best.h);
  }

const village = b.filter((x) => x.use === 'village-house');
const villageArea = village.map((x) => turf.area(turf.polygon(x.footprint)) / x.dwellings);

const t1 = performance.now();
const tiles = buildTileset(b);
let tileBytes = 0,
  gzipBytes = 0;
for (const [, data] of tiles.files) {
  tileBytes += data.byteLength;
  gzipBytes += gzipSync(data).byteLength;
}

console.log(
  JSON.stringify(
    {
      seed,
      buildings: b.length,
      byUse: countBy(b, (x) => x.use),
      byEra: countBy(b, (x) => eraOf(x.builtYear)),
      byKind,
      footprintShapes: countBy(b, (x) => shapeName[corners(x)] ?? `${corners(x)} corners`),
      notRectangles: b.filter((x) => corners(x) !== 4).length,
      streetFronts: {
        shophouses: b.filter((x) => x.kind === 'shophouse').length,
        shops: b.filter((x) => x.kind === 'shop').length,
      },
      village: {
        houses: village.length,
        dwellingsPerHouse: quantiles(village.map((x) => x.dwellings)),
        m2PerHousehold: quantiles(villageArea.map((x) => Math.round(x))),
      },
      sunlightSpacing: { rows: ratios.length, gapOverHeight: quantiles(ratios.map((r) => round(r, 2))) },
      vacancy: {
        urban: vacancy((x) => area.get(x.gridId) === 'urban'),
        village: vacancy((x) => area.get(x.gridId) === 'village'),
        all: vacancy(() => true),
      },
      populationSeconds,
      tiles: {
        files: tiles.files.size,
        megabytes: round(tileBytes / 1e6),
        gzippedMegabytes: round(gzipBytes / 1e6),
        seconds: round((performance.now() - t1) / 1000),
      },
    },
    null,
    1,
  ),
);

// The geographic half of the reference dataset: admin tree, roads and river, buildings.
import type {
  AdminUnit,
  Building,
  Compound,
  LandUse,
  River,
  Road,
  TerrainRow,
  Township,
  WaterBody,
} from '../../../server/domain/model';
import type { Rng } from '../random';
import { type AdminTree, generateAdmin, urbanAreaOf } from './admin';
import { generateBuildings, type Progress, TRACK_WIDTH_M } from './buildings';
import { countyRing, OTHER_SEATS, PILOT_SEATS, townshipTerritories } from './county';
import { trunkRoads } from './countyRoads';
import { ringToPolygon, toLonLat } from './frame';
import { generateLandUse } from './landUse';
import { PILOT_TOWN_CODES, type Reference } from './reference';
import { riverCourse } from './river';
import { generateRoads, streetGrid } from './roads';
import { generateTerrain } from './terrain';

export { MIN_GRID_DWELLINGS, SUNLIGHT_FACTOR, URBAN_DWELLINGS } from './compounds';
export { EXCLUDED_COMMUNITY, loadReference, type Reference } from './reference';
export { VILLAGE_DWELLINGS } from './villageHouses';

export interface Geography {
  adminUnits: AdminUnit[];
  roads: Road[];
  rivers: River[];
  buildings: Building[];
  compounds: Compound[];
  waters: WaterBody[];
  landUse: LandUse[];
  terrain: TerrainRow[];
  townships: Township[];
}

export function generateGeography(rng: Rng, reference: Reference, onProgress?: Progress): Geography {
  // the river first: the subdistricts' borders follow it, the old town and the roads are placed by it
  const river = riverCourse(rng.fork('river'));
  // then the urban area and its street grid: the communities lie between its arterials
  const urbanArea = urbanAreaOf(rng.fork('urban-area'));
  const streets = streetGrid(rng.fork('street-grid'), urbanArea, river.oldTown);
  const arterials = streets.lines.filter((l) => l.kind === 'arterial').map((l) => l.pts);
  // then the townships' territories and the roads through them: the villages' borders follow those
  const adminRng = rng.fork('admin');
  const territories = townshipTerritories(reference, adminRng.fork('townships'));
  const county = countyRing(reference);
  const trunk = trunkRoads(rng.fork('roads').fork('county'), {
    county,
    urbanArea,
    arterials,
    towns: PILOT_TOWN_CODES.map((code) => ({
      code,
      ring: territories.rings.get(code)!,
      seat: territories.seats.get(code)!,
    })),
  });
  const tree = generateAdmin(
    adminRng,
    reference,
    river,
    urbanArea,
    {
      angle: streets.angle,
      arterials,
      collectors: streets.lines.filter((l) => l.kind === 'collector').map((l) => l.pts),
    },
    { territories, trunk: trunk.map((l) => l.pts) },
  );
  onProgress?.(1, 3, 'admin tree');
  const towns = tree.units
    .filter((u) => u.level === 'town')
    .map((u) => ({ code: u.id, name: u.name, ring: tree.rings.get(u.id)!, seat: tree.seats.get(u.id)! }));
  const villages = tree.units
    .filter((u) => u.level === 'village')
    .map((u) => ({
      code: u.id,
      name: u.name,
      townCode: u.parentId!,
      ring: tree.rings.get(u.id)!,
      seat: tree.seats.get(u.id)!,
    }));
  const network = generateRoads(rng.fork('roads'), {
    county,
    trunk,
    urbanArea: tree.urbanArea,
    towns,
    villages,
    river,
    streets,
  });
  onProgress?.(2, 3, 'roads and river');
  const { buildings, compounds, waters, tracks } = generateBuildings(
    rng.fork('buildings'),
    tree.units,
    tree.rings,
    tree.urbanArea,
    network.lines,
    network.angle,
    tree.seats,
    network.oldTown,
    onProgress,
  );
  // the ground under it all: the elevation model, then land use read off it and the buildings
  const terrain = generateTerrain(rng.fork('terrain'), reference);
  const landUse = generateLandUse(rng.fork('land-use'), { reference, urbanArea: tree.urbanArea, buildings, terrain });
  return {
    adminUnits: tree.units,
    // the hamlets' own tracks (机耕路) after the roads, as village roads of one lane
    roads: [
      ...network.roads,
      ...tracks.map(
        (t, i): Road => ({
          id: `T${String(i + 1).padStart(4, '0')}`,
          name: t.name,
          class: 'secondary',
          kind: 'village',
          line: t.pts.map(toLonLat),
          widthM: TRACK_WIDTH_M,
        }),
      ),
    ],
    rivers: network.rivers,
    buildings,
    compounds,
    waters,
    landUse,
    terrain,
    townships: townshipsOf(tree),
  };
}

/** Every town of the county with its territory and seat, for the base map (the city is its subdistricts). */
function townshipsOf(tree: AdminTree): Township[] {
  const pilot = new Set(PILOT_SEATS.map((s) => s.code));
  return [...PILOT_SEATS, ...OTHER_SEATS]
    .filter((s) => tree.territories.rings.has(s.code))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => ({
      code: s.code,
      name: s.name,
      pilot: pilot.has(s.code),
      polygon: ringToPolygon(tree.territories.rings.get(s.code)!),
      seat: toLonLat(tree.territories.seats.get(s.code)!),
    }));
}

// The places the twin's preset views look at, found in the store (server/domain/viewpoints.ts places
// the camera): the county's extent, the old town's lanes, the tallest home, the village grid with the
// most houses, and the river where it passes nearest the city.
import { terrainHeightOf } from '../domain/ground/dem';
import type { LonLat } from '../domain/model';
import { type ViewpointPlaces, viewpoints } from '../domain/viewpoints';
import type { Db } from './db';
import { readDem } from './ground';

async function places(db: Db): Promise<ViewpointPlaces> {
  const county = await db.one<{ name: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(
    `SELECT name, min_lon, min_lat, max_lon, max_lat FROM admin_units WHERE level = 'city' ORDER BY id LIMIT 1`,
  );
  const lanes = await db.all<{ name: string; line: string }>(
    `SELECT name, line FROM roads WHERE kind = 'lane' ORDER BY id`,
  );
  const tower = await db.one<{ address: string; lon: number; lat: number; height_m: number }>(
    `SELECT address, lon, lat, height_m FROM buildings WHERE use = 'residential' ORDER BY floors DESC, id LIMIT 1`,
  );
  const villageGrid = await db.one<{ grid_id: string; name: string }>(
    `SELECT b.grid_id, u.name FROM buildings b JOIN admin_units u ON u.id = b.grid_id
     WHERE b.use = 'village-house' GROUP BY b.grid_id, u.name ORDER BY count(*) DESC, b.grid_id LIMIT 1`,
  );
  const houses = villageGrid
    ? await db.all<{ lon: number; lat: number }>(
        `SELECT lon, lat FROM buildings WHERE use = 'village-house' AND grid_id = ? ORDER BY id`,
        [villageGrid.grid_id],
      )
    : [];
  // the river is wider than its tributaries' lines: the main one is the longest
  const river = await db.one<{ name: string; line: string }>(
    `SELECT name, line FROM rivers ORDER BY length(line) DESC, id LIMIT 1`,
  );
  const core = await db.one<{ lon: number | null; lat: number | null }>(
    `SELECT avg(centroid_lon) AS lon, avg(centroid_lat) AS lat FROM admin_units WHERE level = 'grid' AND area = 'urban'`,
  );
  const near: LonLat | null = core?.lon != null && core.lat != null ? [core.lon, core.lat] : null;
  return {
    county: county
      ? { name: county.name, bbox: [county.min_lon, county.min_lat, county.max_lon, county.max_lat] }
      : null,
    oldTown: lanes.length
      ? { name: lanes[0]!.name, vertices: lanes.flatMap((l) => JSON.parse(l.line) as LonLat[]) }
      : null,
    newCompound: tower ? { name: tower.address, position: [tower.lon, tower.lat], heightM: tower.height_m } : null,
    village: villageGrid ? { name: villageGrid.name, houses: houses.map((h): LonLat => [h.lon, h.lat]) } : null,
    river: river && near ? { name: river.name, line: JSON.parse(river.line) as LonLat[], near } : null,
  };
}

/** The preset views, each aimed at its place on the terrain the twin draws (flat where the store has none). */
export async function listViewpoints(db: Db) {
  const dem = await readDem(db);
  return viewpoints(await places(db), dem ? (lon, lat) => terrainHeightOf(dem, lon, lat) : undefined);
}

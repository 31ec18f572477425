// The local planar frame the generator works in: metres east/north of the urban core
// (equirectangular; over the ~30 km the dataset spans its error is far below the 0.1 m rounding).
import { URBAN_CORE } from '../../../server/domain/facts';
import type { LonLat, PolygonCoords } from '../../../server/domain/model';
import type { XY } from './planar';

const [LON0, LAT0] = URBAN_CORE;
const KY = 110_574; // metres per degree of latitude near 31° N
const KX = 111_320 * Math.cos((LAT0 * Math.PI) / 180);

export function toXY([lon, lat]: readonly [number, number]): XY {
  return [(lon - LON0) * KX, (lat - LAT0) * KY];
}

/** Metres → lon/lat, rounded to 6 decimals (≈0.1 m) as every output coordinate is. */
export function toLonLat([x, y]: readonly [number, number]): LonLat {
  return [round6(LON0 + x / KX), round6(LAT0 + y / KY)];
}

export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** An open planar ring → a closed GeoJSON polygon ring in lon/lat. */
export function ringToPolygon(ring: readonly XY[]): PolygonCoords {
  const coords = ring.map(toLonLat);
  coords.push([coords[0]![0], coords[0]![1]]);
  return [coords];
}

/** A closed GeoJSON ring in lon/lat → an open planar ring. */
export function polygonToRing(coords: PolygonCoords): XY[] {
  const outer = coords[0]!;
  return outer.slice(0, -1).map(toXY);
}

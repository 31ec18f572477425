// Which video devices see a place (视频覆盖): the place lies within a camera's range and inside its
// horizontal field of view (heading ± fov/2, clockwise from north). Pure geometry on WGS84 points,
// with a local equirectangular approximation (exact enough over a camera's 150 m).
import type { Camera, LonLat } from './model';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Distance (m) and bearing (degrees clockwise from north) from `from` to `to`. */
export function distanceAndBearing(from: LonLat, to: LonLat): { distanceM: number; bearingDeg: number } {
  const east = (to[0] - from[0]) * RAD * Math.cos(((from[1] + to[1]) / 2) * RAD) * EARTH_RADIUS_M;
  const north = (to[1] - from[1]) * RAD * EARTH_RADIUS_M;
  const bearing = Math.atan2(east, north) / RAD;
  return { distanceM: Math.hypot(east, north), bearingDeg: (bearing + 360) % 360 };
}

/** The smallest angle between two headings, 0–180 degrees. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/** Where to put the 3D view to look through the camera at the place: the camera's eye, aimed at it. */
export interface Viewpoint {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  /** Negative: looking down. */
  pitchDeg: number;
}

export interface Coverage {
  camera: Camera;
  distanceM: number;
  bearingDeg: number;
  /** How far off the camera's axis the place lies, degrees (0: dead centre). */
  offAxisDeg: number;
  viewpoint: Viewpoint;
}

/** The camera's coverage of `place`, or null when the place is out of its range or field of view. */
export function coverage(camera: Camera, place: LonLat): Coverage | null {
  const { distanceM, bearingDeg } = distanceAndBearing(camera.position, place);
  if (distanceM > camera.rangeM) return null;
  // A place right under the camera counts as seen, whatever the heading.
  const offAxisDeg = distanceM < 1 ? 0 : angleBetween(bearingDeg, camera.headingDeg);
  if (offAxisDeg > camera.fovDeg / 2) return null;
  const pitchDeg = -Math.atan2(camera.heightM, Math.max(distanceM, 1)) / RAD;
  return {
    camera,
    distanceM,
    bearingDeg,
    offAxisDeg,
    viewpoint: {
      lon: camera.position[0],
      lat: camera.position[1],
      heightM: camera.heightM,
      headingDeg: bearingDeg,
      pitchDeg,
    },
  };
}

/** The cameras that see `place`, nearest first (ties: closer to the axis first). */
export function camerasCovering(cameras: readonly Camera[], place: LonLat): Coverage[] {
  const seen: Coverage[] = [];
  for (const c of cameras) {
    const cov = coverage(c, place);
    if (cov) seen.push(cov);
  }
  return seen.sort((a, b) => a.distanceM - b.distanceM || a.offAxisDeg - b.offAxisDeg);
}

/** The best viewpoint: the nearest camera that is online (an offline one shows nothing). */
export function bestCoverage(covering: readonly Coverage[]): Coverage | null {
  return covering.find((c) => c.camera.online) ?? null;
}

/** Degrees of latitude/longitude that `metres` span at `lat`, for a bounding-box prefilter. */
export function degreesFor(metres: number, lat: number): { dLon: number; dLat: number } {
  const dLat = metres / (EARTH_RADIUS_M * RAD);
  return { dLat, dLon: dLat / Math.cos(lat * RAD) };
}

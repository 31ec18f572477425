// WGS84 geodesy for the tile builder: geodetic (lon, lat, height) → ECEF, and a local east-north-up
// (ENU) frame at the city's centre. Building vertices are placed on the real ellipsoid first and then
// expressed in the frame, so a house 15 km from the centre still stands on the ground (a flat ENU plane
// would leave it ~18 m in the air) and its walls follow the local vertical.

export type Vec3 = [number, number, number];

const A = 6378137; // semi-major axis, m
const F = 1 / 298.257223563;
const E2 = F * (2 - F); // first eccentricity squared
const RAD = Math.PI / 180;

/** ECEF metres of a WGS84 position (degrees, metres above the ellipsoid). */
export function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number): Vec3 {
  const lon = lonDeg * RAD;
  const lat = latDeg * RAD;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  return [
    (n + heightM) * cosLat * Math.cos(lon),
    (n + heightM) * cosLat * Math.sin(lon),
    (n * (1 - E2) + heightM) * sinLat,
  ];
}

/** A local east-north-up frame (the same axes as Cesium's Transforms.eastNorthUpToFixedFrame). */
export interface EnuFrame {
  origin: Vec3;
  east: Vec3;
  north: Vec3;
  up: Vec3;
}

export function enuFrameAt(lonDeg: number, latDeg: number): EnuFrame {
  const lon = lonDeg * RAD;
  const lat = latDeg * RAD;
  const [sinLon, cosLon, sinLat, cosLat] = [Math.sin(lon), Math.cos(lon), Math.sin(lat), Math.cos(lat)];
  return {
    origin: geodeticToEcef(lonDeg, latDeg, 0),
    east: [-sinLon, cosLon, 0],
    north: [-sinLat * cosLon, -sinLat * sinLon, cosLat],
    up: [cosLat * cosLon, cosLat * sinLon, sinLat],
  };
}

/** `frame` coordinates (east, north, up in metres) of a geodetic position. */
export function toEnu(frame: EnuFrame, lonDeg: number, latDeg: number, heightM: number): Vec3 {
  const p = geodeticToEcef(lonDeg, latDeg, heightM);
  const d: Vec3 = [p[0] - frame.origin[0], p[1] - frame.origin[1], p[2] - frame.origin[2]];
  const dot = (v: Vec3) => d[0] * v[0] + d[1] * v[1] + d[2] * v[2];
  return [dot(frame.east), dot(frame.north), dot(frame.up)];
}

/** The frame → ECEF transform as a column-major 4×4 matrix (a 3D Tiles `transform`). */
export function enuToEcefMatrix(frame: EnuFrame): number[] {
  return [...frame.east, 0, ...frame.north, 0, ...frame.up, 0, ...frame.origin, 1];
}

// Video devices (视频监控) → icons (online / offline, police / urban management), and the ground a
// selected camera covers: a sector from its position along its heading, as wide as its field of view
// and as long as its range. Pure; cameras.layer.ts draws it.
import type { LonLat } from '@domain/model';
import type { CameraFeature } from '../../api/twinApi';
import { declutterDistances, pointPosition } from '../points/points.model';

export type CameraIconKey = 'online-police' | 'online-urban-management' | 'offline';

export interface CameraIconSpec {
  id: string;
  position: LonLat;
  heightM: number;
  icon: CameraIconKey;
  maxDistanceM: number;
}

export const cameraIconColors: Readonly<Record<CameraIconKey, string>> = {
  'online-police': '#4da3ff',
  'online-urban-management': '#36e0c8',
  offline: '#7a8599',
};

export function cameraIconKey(owner: string, online: boolean): CameraIconKey {
  if (!online) return 'offline';
  return owner === 'police' ? 'online-police' : 'online-urban-management';
}

export function cameraSpecs(features: readonly CameraFeature[]): CameraIconSpec[] {
  const usable = features.flatMap((f) => {
    const position = pointPosition(f.geometry);
    return position ? [{ f, position }] : [];
  });
  // Offline cameras win their cells: the screen should show what is broken.
  const distances = declutterDistances(
    usable.map((u) => u.position),
    usable.map((u) => (u.f.properties.online ? 0 : 1)),
  );
  return usable.map(({ f, position }, i) => ({
    id: f.properties.id,
    position,
    heightM: f.properties.heightM,
    icon: cameraIconKey(f.properties.owner, f.properties.online),
    maxDistanceM: distances[i]!,
  }));
}

/** An SVG camera glyph in a round badge, as a data URL (no file, no network). Offline: greyed, crossed. */
export function cameraIconUrl(key: CameraIconKey, sizePx = 32): string {
  const colour = cameraIconColors[key];
  const cross =
    key === 'offline'
      ? '<path d="M9 9l14 14M23 9L9 23" stroke="#ff5a5a" stroke-width="2.6" stroke-linecap="round"/>'
      : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${sizePx}" height="${sizePx}" viewBox="0 0 32 32">` +
    `<circle cx="16" cy="16" r="14.5" fill="#07121f" fill-opacity="0.85" stroke="${colour}" stroke-width="2"/>` +
    `<rect x="7" y="11" width="13" height="10" rx="2" fill="${colour}"/>` +
    `<path d="M20 14.5l6-3.5v10l-6-3.5z" fill="${colour}"/>${cross}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

const M_PER_DEG_LAT = 111_320;

/**
 * The covered ground: apex at the camera, then `steps + 1` points along the arc of radius `rangeM`
 * from heading − fov/2 to heading + fov/2 (clockwise from north), closed back at the apex.
 * Flat-earth offsets: fine for the few hundred metres a camera sees.
 */
export function coverageSector(
  position: LonLat,
  headingDeg: number,
  fovDeg: number,
  rangeM: number,
  steps = 16,
): LonLat[] {
  const [lon, lat] = position;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  const ring: LonLat[] = [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const bearing = ((headingDeg - fovDeg / 2 + (fovDeg * i) / steps) * Math.PI) / 180;
    ring.push([lon + (Math.sin(bearing) * rangeM) / mPerDegLon, lat + (Math.cos(bearing) * rangeM) / M_PER_DEG_LAT]);
  }
  ring.push([lon, lat]);
  return ring;
}

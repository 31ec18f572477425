// What a point layer draws, as plain data (pure: no Cesium), and the decluttering of dense points:
// zoomed out, only one point per map cell stays, so 25,000 components read as a pattern and not as a
// carpet. Each layer (components, patrol points, sensors, events) maps its records to `PointSpec`s.
import type { LonLat } from '@domain/model';

/** What a click on a drawn thing names: its kind and record id (an alarm is chosen from a list, not clicked). */
export type PickKind = 'unit' | 'component' | 'camera' | 'patrol-point' | 'sensor' | 'event' | 'building' | 'alarm';
export interface PickRef {
  kind: PickKind;
  id: string;
}

export interface PointSpec {
  pick: PickRef;
  position: LonLat;
  /** Above the ellipsoid, metres. */
  heightM: number;
  /** CSS colour of the dot. */
  color: string;
  /** Diameter in CSS pixels at 1080p. */
  sizePx: number;
  /** Ring around the dot (a state marker), or none. */
  outline: { color: string; widthPx: number } | null;
  /** Hidden when the camera is farther than this (see `declutterDistances`). */
  maxDistanceM: number;
}

/** A declutter level: at most one point per `cellM` square stays visible out to `maxDistanceM`. */
export interface DeclutterLevel {
  cellM: number;
  maxDistanceM: number;
}

/** Coarse to fine. Points that win no cell show only closer than `closeM`. */
export const defaultDeclutter: { levels: readonly DeclutterLevel[]; closeM: number } = {
  levels: [
    { cellM: 800, maxDistanceM: 80_000 },
    { cellM: 250, maxDistanceM: 20_000 },
    { cellM: 80, maxDistanceM: 7_000 },
  ],
  closeM: 3_000,
};

const M_PER_DEG_LAT = 111_320;

/**
 * For each point, the farthest camera distance at which it is drawn. Per level, coarse to fine, each
 * map cell keeps the point that is already visible there, else the first of highest `priority`.
 * Deterministic: the same points give the same answer.
 */
export function declutterDistances(
  positions: readonly LonLat[],
  priority: readonly number[] = [],
  { levels, closeM } = defaultDeclutter,
): number[] {
  const distances = positions.map(() => closeM);
  const order = positions.map((_, i) => i).sort((a, b) => (priority[b] ?? 0) - (priority[a] ?? 0) || a - b);
  const assigned = new Set<number>();
  // One east-west scale for all (from the first point): per-point scales would skew cells far from 0°.
  const mPerDegLon = M_PER_DEG_LAT * Math.cos(((positions[0]?.[1] ?? 0) * Math.PI) / 180);
  for (const level of levels) {
    const taken = new Set<string>();
    const cellOf = (i: number) => {
      const [lon, lat] = positions[i]!;
      return `${Math.floor((lon * mPerDegLon) / level.cellM)}:${Math.floor((lat * M_PER_DEG_LAT) / level.cellM)}`;
    };
    // Cells already held by a coarser level's point keep it.
    for (const i of assigned) taken.add(cellOf(i));
    for (const i of order) {
      if (assigned.has(i)) continue;
      const cell = cellOf(i);
      if (taken.has(cell)) continue;
      taken.add(cell);
      assigned.add(i);
      distances[i] = level.maxDistanceM;
    }
  }
  return distances;
}

/** A point feature's lon/lat, or null when its geometry is not a usable Point. */
export function pointPosition(geometry: { type: string; coordinates: unknown[] } | null | undefined): LonLat | null {
  if (geometry?.type !== 'Point') return null;
  const [lon, lat] = geometry.coordinates;
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat)
    ? [lon, lat]
    : null;
}

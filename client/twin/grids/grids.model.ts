// Grid boundaries (网格边界) as data → what to draw: one outline per polygon ring and one label per
// named unit, styled by level. Pure: no Cesium, no React; the layer (grids.layer.ts) turns this into
// primitives and the legend reads the same style table.
import type { AdminArea, AdminLevel, LonLat } from '@domain/model';
import type { BboxDeg, GridFeature } from '../../api/twinApi';

/** How one level of the admin/grid tree is drawn. Colours are CSS hex, sizes in CSS pixels at 1080p. */
export interface GridLevelStyle {
  level: AdminLevel;
  color: string;
  alpha: number;
  widthPx: number;
  /** Lifted above the ellipsoid so coincident edges of different levels draw in level order. */
  heightM: number;
  /** Name label, or null for none. Beyond `maxDistanceM` from the camera the label hides. */
  label: { fontPx: number; maxDistanceM: number } | null;
}

/** Bottom (drawn first) to top. */
export const gridLevels: readonly AdminLevel[] = ['grid', 'village', 'community', 'town', 'subdistrict', 'city'];

export const gridLevelStyles: Readonly<Record<AdminLevel, GridLevelStyle>> = {
  city: { level: 'city', color: '#ffc857', alpha: 1, widthPx: 3.5, heightM: 120, label: null },
  subdistrict: {
    level: 'subdistrict',
    color: '#38c9ff',
    alpha: 1,
    widthPx: 2.5,
    heightM: 90,
    label: { fontPx: 22, maxDistanceM: 400_000 },
  },
  town: {
    level: 'town',
    color: '#4ee38f',
    alpha: 1,
    widthPx: 2.5,
    heightM: 90,
    label: { fontPx: 22, maxDistanceM: 400_000 },
  },
  community: {
    level: 'community',
    color: '#9bb8ff',
    alpha: 0.9,
    widthPx: 1.5,
    heightM: 60,
    label: { fontPx: 16, maxDistanceM: 25_000 },
  },
  village: {
    level: 'village',
    color: '#c6f08c',
    alpha: 0.9,
    widthPx: 1.5,
    heightM: 60,
    label: { fontPx: 16, maxDistanceM: 40_000 },
  },
  // Responsibility grids are small and many: their names only once the camera is down among them.
  grid: {
    level: 'grid',
    color: '#e8eef7',
    alpha: 0.4,
    widthPx: 1,
    heightM: 30,
    label: { fontPx: 13, maxDistanceM: 5_000 },
  },
};

export interface GridOutline {
  /** Unit id + ring index: unique per drawn ring. */
  key: string;
  unitId: string;
  level: AdminLevel;
  area: AdminArea | null;
  /** Closed ring (first point repeated last), lon/lat WGS84. */
  ring: LonLat[];
}

export interface GridLabel {
  unitId: string;
  level: AdminLevel;
  text: string;
  /** Area-weighted centroid of the unit's largest polygon, lon/lat WGS84. */
  position: LonLat;
}

export interface GridDrawing {
  /** Sorted bottom level first (see `gridLevels`). */
  outlines: GridOutline[];
  labels: GridLabel[];
  /** Distinct features drawn (each with at least one ring). */
  featureCount: number;
  /** Ids of features that could not be drawn (no usable ring), with the first reason. */
  skipped: { id: string; reason: string }[];
  /** Bounds of everything drawn, or null when nothing is. */
  bbox: BboxDeg | null;
  /** Bounds of the units below the city (where the grids are), else `bbox`: what a camera frames. */
  focus: BboxDeg | null;
}

function isLonLat(p: unknown): p is LonLat {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** The ring closed and cleaned, or null when it has fewer than 3 distinct corners. */
export function closedRing(ring: readonly unknown[]): LonLat[] | null {
  const points = ring.filter(isLonLat).map((p): LonLat => [p[0], p[1]]);
  if (points.length === 0) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) points.push([first[0], first[1]]);
  return points.length >= 4 ? points : null;
}

/** Signed area (shoelace, in square degrees) and centroid of a closed ring. */
export function ringAreaAndCentroid(ring: readonly LonLat[]): { area: number; centroid: LonLat } {
  // Relative to the first corner: absolute lon/lat (~117, ~31) would lose digits to cancellation.
  const [ox, oy] = ring[0] ?? [0, 0];
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x0 = ring[i]![0] - ox;
    const y0 = ring[i]![1] - oy;
    const x1 = ring[i + 1]![0] - ox;
    const y1 = ring[i + 1]![1] - oy;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (twiceArea === 0) {
    const n = Math.max(1, ring.length - 1);
    const sum = ring.slice(0, n).reduce<[number, number]>((s, p) => [s[0] + p[0], s[1] + p[1]], [0, 0]);
    return { area: 0, centroid: [sum[0] / n, sum[1] / n] };
  }
  return { area: twiceArea / 2, centroid: [ox + cx / (3 * twiceArea), oy + cy / (3 * twiceArea)] };
}

function extendBbox(bbox: BboxDeg | null, ring: readonly LonLat[]): BboxDeg {
  let [minLon, minLat, maxLon, maxLat] = bbox ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Polygon → [rings], MultiPolygon → [[rings]...]; anything else (points, lines, junk) → none. */
function polygonsOf(geometry: GridFeature['geometry'] | null | undefined): unknown[][][] {
  const coordinates: unknown = geometry?.coordinates;
  if (!Array.isArray(coordinates)) return [];
  const asPolygon = (rings: unknown): unknown[][] => (Array.isArray(rings) ? rings.filter(Array.isArray) : []);
  if (geometry?.type === 'Polygon') return [asPolygon(coordinates)];
  if (geometry?.type === 'MultiPolygon') return coordinates.map(asPolygon);
  return [];
}

/** Features (any levels, any order, possibly repeated across requests) → outlines and labels. */
export function gridDrawingFrom(features: readonly GridFeature[]): GridDrawing {
  const seen = new Set<string>();
  const outlines: GridOutline[] = [];
  const labels: GridLabel[] = [];
  const skipped: GridDrawing['skipped'] = [];
  let featureCount = 0;
  let bbox: BboxDeg | null = null;
  let below: BboxDeg | null = null;

  for (const feature of features) {
    const props = feature.properties;
    const unitId = props?.id ?? String(feature.id ?? '');
    if (!unitId || seen.has(unitId)) continue;
    seen.add(unitId);
    const level = props.level;
    if (!(level in gridLevelStyles)) {
      skipped.push({ id: unitId, reason: `unknown level ${String(level)}` });
      continue;
    }

    let ringIndex = 0;
    let largest: { area: number; centroid: LonLat } | null = null;
    for (const polygon of polygonsOf(feature.geometry)) {
      for (let indexInPolygon = 0; indexInPolygon < polygon.length; indexInPolygon++) {
        const ring = closedRing(polygon[indexInPolygon] ?? []);
        if (!ring) continue;
        outlines.push({ key: `${unitId}#${ringIndex++}`, unitId, level, area: props.area, ring });
        bbox = extendBbox(bbox, ring);
        if (level !== 'city') below = extendBbox(below, ring);
        if (indexInPolygon === 0) {
          const outer = ringAreaAndCentroid(ring);
          if (!largest || Math.abs(outer.area) > Math.abs(largest.area)) largest = outer;
        }
      }
    }
    if (ringIndex === 0) {
      skipped.push({ id: unitId, reason: 'no polygon ring with 3 or more corners' });
      continue;
    }
    featureCount++;
    if (gridLevelStyles[level].label && props.name && largest) {
      labels.push({ unitId, level, text: props.name, position: largest.centroid });
    }
  }

  const rank = (level: AdminLevel) => gridLevels.indexOf(level);
  outlines.sort((a, b) => rank(a.level) - rank(b.level));
  labels.sort((a, b) => rank(a.level) - rank(b.level));
  return { outlines, labels, featureCount, skipped, bbox, focus: below ?? bbox };
}

export interface LegendRow {
  style: GridLevelStyle;
  /** Features of this level in the drawing. */
  count: number;
}

/** The legend's rows: levels present in the drawing, top level first, with their styles and counts. */
export function legendRows(drawing: Pick<GridDrawing, 'outlines'>): LegendRow[] {
  const units = new Map<AdminLevel, Set<string>>();
  for (const outline of drawing.outlines) {
    const ids = units.get(outline.level) ?? new Set<string>();
    ids.add(outline.unitId);
    units.set(outline.level, ids);
  }
  return [...gridLevels]
    .reverse()
    .filter((level) => units.has(level))
    .map((level) => ({ style: gridLevelStyles[level], count: units.get(level)!.size }));
}

// The risk map (风险热力) as data → what to draw: each grid's score (GET /api/risk) as a colour class,
// the grid's rings to fill with it, and the factor that contributes most. Pure: no Cesium, no React; the
// layer (risk.layer.ts) fills the rings and the screen's panel shows the classes as its legend.
import type { LonLat } from '@domain/model';
import { closedRing } from '../grids/grids.model';

/** One area's score as GET /api/risk answers: 0–100, the sum of its named factors' contributions. */
export interface RiskArea {
  areaId: string;
  name: string;
  score: number;
  factors: Readonly<Record<string, number>>;
}

export interface RiskClass {
  /** Lowest score in the class (inclusive); the class runs up to the next one's `min`. */
  min: number;
  color: string;
  alpha: number;
}

/** Five equal classes, yellow to deep red (ColorBrewer YlOrRd), more opaque as the risk rises (the lowest
 * class barely tints the ground: on the big screen only what stands out should). */
export const RISK_CLASSES: readonly RiskClass[] = [
  { min: 0, color: '#ffffb2', alpha: 0.08 },
  { min: 20, color: '#fecc5c', alpha: 0.22 },
  { min: 40, color: '#fd8d3c', alpha: 0.42 },
  { min: 60, color: '#f03b20', alpha: 0.52 },
  { min: 80, color: '#bd0026', alpha: 0.62 },
];

/** The class a score falls in (scores outside 0–100 are clamped). */
export function riskClassOf(score: number): RiskClass {
  let found = RISK_CLASSES[0]!;
  for (const c of RISK_CLASSES) if (score >= c.min) found = c;
  return found;
}

/** The factor that adds most to the score, or null when none adds anything. */
export function mainFactor(area: RiskArea): { name: string; contribution: number } | null {
  let best: { name: string; contribution: number } | null = null;
  for (const [name, contribution] of Object.entries(area.factors))
    if (contribution > 0 && (!best || contribution > best.contribution)) best = { name, contribution };
  return best;
}

/** A grid's outline as GET /api/layers/grids gives it (only what the risk map reads). */
export interface RiskUnitFeature {
  properties: { id: string; level: string };
  geometry: { type: string; coordinates: unknown };
}

export interface RiskPatch {
  /** Unit id + ring index: unique per filled ring. */
  key: string;
  unitId: string;
  score: number;
  /** Closed outer ring, lon/lat WGS84 (holes are not cut: grids have none). */
  ring: LonLat[];
  color: string;
  alpha: number;
}

/** The rings to fill: every unit with a score, in its class's colour; units without one stay clear. */
export function riskPatches(features: readonly RiskUnitFeature[], areas: readonly RiskArea[]): RiskPatch[] {
  const scores = new Map(areas.map((a) => [a.areaId, a.score]));
  const out: RiskPatch[] = [];
  for (const f of features) {
    const score = scores.get(f.properties.id);
    if (score === undefined) continue;
    const { color, alpha } = riskClassOf(score);
    outerRings(f.geometry).forEach((ring, i) => {
      out.push({ key: `${f.properties.id}#${i}`, unitId: f.properties.id, score, ring, color, alpha });
    });
  }
  return out;
}

function outerRings(geometry: RiskUnitFeature['geometry']): LonLat[][] {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as unknown[][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as unknown[][][])
        : [];
  return polygons.flatMap((p) => {
    const ring = Array.isArray(p?.[0]) ? closedRing(p[0] as unknown[]) : null;
    return ring ? [ring] : [];
  });
}

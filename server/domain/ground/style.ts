// How the ground is drawn: one width per road kind (metres on the ground) and one colour per land use,
// water and road kind, for the raster tiles the server renders (server/ground/render.ts) and the
// legend. Widths are typical carriageway + verge widths of Chinese road classes (JTG B01, CJJ 37).
import type { LandUseKind, RoadKind } from '../model';

export const ROAD_WIDTH_M: Record<RoadKind, number> = {
  expressway: 28,
  national: 20,
  provincial: 14,
  county: 9,
  village: 5,
  arterial: 32,
  collector: 18,
  lane: 7,
  railway: 8,
};

/** Kinds whose names are written on the map (the main roads). */
export const NAMED_ROAD_KINDS: readonly RoadKind[] = ['expressway', 'national', 'provincial', 'railway', 'arterial'];

/** A dusk palette for a dark room: the ground recedes, roads and water read. */
export const LAND_USE_COLOUR: Record<LandUseKind, string> = {
  field: '#24361f',
  forest: '#173224',
  park: '#2b5a32',
  'built-up': '#3a3a44',
  water: '#1d4a78',
};

export const WATER_COLOUR = '#245a8f';

export const ROAD_COLOUR: Record<RoadKind, string> = {
  expressway: '#e0a84a',
  national: '#d9b368',
  provincial: '#cdbb8a',
  county: '#a9a596',
  village: '#8d8a80',
  arterial: '#d8d2c0',
  collector: '#b9b4a6',
  lane: '#8f8b82',
  railway: '#b06a6a',
};

/** A residential compound's block (lawns and trees between its rows), its wall and its gate. */
export const COMPOUND_COLOUR = '#33463b';
export const COMPOUND_WALL_COLOUR = '#8b8f9c';
export const COMPOUND_GATE_COLOUR = '#f0d78c';

/** The townships' borders (dashed) and names on the base map: pale, under the twin's own outlines. */
export const TOWNSHIP_BORDER_COLOUR = 'rgba(226, 218, 255, 0.8)';
export const TOWNSHIP_NAME_COLOUR = '#d9d3ee';

/** Below this zoom (Web Mercator / geographic level) a road kind is not drawn: too thin to see. */
export const ROAD_MIN_LEVEL: Record<RoadKind, number> = {
  expressway: 0,
  national: 0,
  provincial: 0,
  county: 11,
  village: 13,
  arterial: 0,
  collector: 12,
  lane: 14,
  railway: 0,
};

/** Land use drawn in this order; later covers earlier. */
export const LAND_USE_ORDER: readonly LandUseKind[] = ['field', 'forest', 'built-up', 'park', 'water'];

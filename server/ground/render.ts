// One raster tile of the ground (256 × 256 PNG, geographic tiling): land use, water and roads drawn at
// their widths by kind (server/domain/ground/style.ts), with a legible minimum width when zoomed out,
// the compounds' walled blocks and gates, and the county's township borders and names.
// Drawn with @napi-rs/canvas (Skia, prebuilt binaries, no install script). Outside the county the tile
// is transparent, so the world imagery below shows.
import { join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { fontDir } from '../bulletin/fonts';
import { type Dem, terrainHeightOf } from '../domain/ground/dem';
import {
  COMPOUND_COLOUR,
  COMPOUND_GATE_COLOUR,
  COMPOUND_WALL_COLOUR,
  LAND_USE_COLOUR,
  LAND_USE_ORDER,
  ROAD_COLOUR,
  ROAD_MIN_LEVEL,
  ROAD_WIDTH_M,
  TOWNSHIP_BORDER_COLOUR,
  TOWNSHIP_NAME_COLOUR,
  WATER_COLOUR,
} from '../domain/ground/style';
import type { RoadKind } from '../domain/model';
import type { GroundScene, LineFeature } from './scene';
import { intersects, type TileBox, tileBox } from './tiles';

/**
 * Tiles are drawn at twice the 256 px Cesium is told: it picks an imagery level whose texels match the
 * terrain's geometric error, which leaves 256 px tiles soft on a wall; 512 px ones read twice as sharp
 * at the same level and the same number of tiles.
 */
export const SUPERSAMPLE = 2;
export const TILE_PX = 256 * SUPERSAMPLE;
/** The deepest level served: about 0.6 m a pixel, enough for a lane at street level. */
export const GROUND_MAX_LEVEL = 17;

/**
 * Tiles go out as lossy WebP: the hill shading makes PNG large (a city tile at level 10 was 130 KB as
 * PNG, 20 KB as WebP at this quality; the opening view's 20 tiles 703 KB against 171 KB), and side by
 * side the two cannot be told apart. The alpha channel is kept losslessly (transparent off the county).
 */
export const GROUND_WEBP_QUALITY = 85;
export const GROUND_TILE_TYPE = 'image/webp';

/** Minor roads first, so the main roads cross over them. */
const ROAD_ORDER: RoadKind[] = [
  'lane',
  'village',
  'collector',
  'county',
  'provincial',
  'arterial',
  'national',
  'expressway',
  'railway',
];
/** Pixels a road is drawn at least, so the hierarchy reads at the county's scale. */
const MIN_PX: Record<RoadKind, number> = {
  expressway: 2.6,
  national: 2.2,
  provincial: 1.8,
  county: 1.2,
  village: 1,
  arterial: 2,
  collector: 1.2,
  lane: 1,
  railway: 1.6,
};

/** Far out (a level-8 tile spans 0.7°), even the legible minimum thins, or roads smear kilometres wide. */
const thinOut = (z: number) => Math.min(1, Math.max(0.35, (z - 8) / 4));

/** The tile (z, x, y from the north) as PNG bytes; null when nothing of the ground is in it. */
export async function renderGroundTile(scene: GroundScene, z: number, x: number, y: number): Promise<Buffer | null> {
  const t = tileBox(z, x, y);
  if (!scene.bounds || !intersects(t, scene.bounds)) return null;
  const canvas = createCanvas(TILE_PX, TILE_PX);
  const g = canvas.getContext('2d');
  const size = t.east - t.west;
  const k = TILE_PX / size;
  const px = (lon: number) => (lon - t.west) * k;
  const py = (lat: number) => (t.north - lat) * k;
  const metresPerPx = (size * 110_574) / TILE_PX;
  // a margin wide enough for the widest line
  const pad = Math.max(40 * metresPerPx, 0) / 110_574;
  const padded: TileBox = { west: t.west - pad, south: t.south - pad, east: t.east + pad, north: t.north + pad };

  // land use by kind, then ponds and reservoirs
  for (const kind of LAND_USE_ORDER) fillAreas(g, scene, padded, kind, LAND_USE_COLOUR[kind], px, py);
  fillAreas(g, scene, padded, 'pond', WATER_COLOUR, px, py);
  fillAreas(g, scene, padded, 'reservoir', WATER_COLOUR, px, py);
  if (scene.dem) hillshade(g, scene.dem, t);
  if (z >= COMPOUND_MIN_LEVEL) drawCompounds(g, scene, z, padded, metresPerPx, px, py);

  const lines = scene.lines.filter((l) => intersects(padded, l.box));
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const l of lines)
    if (l.kind === 'river') stroke(g, l, WATER_COLOUR, Math.max(l.widthM / metresPerPx, 1.5 * SUPERSAMPLE), px, py);
  for (const kind of ROAD_ORDER) {
    if (z < ROAD_MIN_LEVEL[kind]) continue;
    const width = Math.max(ROAD_WIDTH_M[kind] / metresPerPx, MIN_PX[kind] * SUPERSAMPLE * thinOut(z));
    for (const l of lines) {
      if (l.kind !== kind) continue;
      if (kind === 'railway') {
        stroke(g, l, '#3b2a2a', width + 1, px, py);
        g.setLineDash([6 * SUPERSAMPLE, 6 * SUPERSAMPLE]);
        stroke(g, l, ROAD_COLOUR.railway, width * 0.6, px, py);
        g.setLineDash([]);
      } else stroke(g, l, ROAD_COLOUR[kind], width, px, py);
    }
  }
  drawTownships(g, scene, z, padded, px, py);
  return canvas.encode('webp', GROUND_WEBP_QUALITY);
}

/** Compounds are drawn from this level on (a block of 200 m is then about 40 px); their gates from 15. */
const COMPOUND_MIN_LEVEL = 13;
const GATE_MIN_LEVEL = 15;

/**
 * The residential compounds (小区): each block a shade greener than the streets around it (lawns and
 * trees between the rows), ringed by its wall, with its gate marked where it opens to the street.
 */
function drawCompounds(
  g: SKRSContext2D,
  scene: GroundScene,
  z: number,
  t: TileBox,
  metresPerPx: number,
  px: (lon: number) => number,
  py: (lat: number) => number,
) {
  g.fillStyle = COMPOUND_COLOUR;
  g.strokeStyle = COMPOUND_WALL_COLOUR;
  g.lineWidth = Math.max(1, 1.5 / metresPerPx);
  for (const c of scene.compounds) {
    if (!intersects(t, c.box)) continue;
    g.beginPath();
    trace(g, c.block, px, py);
    g.closePath();
    g.fill();
    g.stroke();
  }
  if (z < GATE_MIN_LEVEL) return;
  g.fillStyle = COMPOUND_GATE_COLOUR;
  const r = Math.max(2 * SUPERSAMPLE, 4 / metresPerPx);
  for (const c of scene.compounds) {
    if (!intersects(t, c.box)) continue;
    g.beginPath();
    g.arc(px(c.gate[0]), py(c.gate[1]), r, 0, 2 * Math.PI);
    g.fill();
  }
}

/** Township names are written down to this level; closer in, the villages' and grids' own take over. */
const TOWNSHIP_NAME_MAX_LEVEL = 12;
const TOWNSHIP_FONT = 'Noto Sans SC';
/** The names' size per level, times 15 px a tile pixel (measured on screenshots of the county view). */
const TOWNSHIP_NAME_SCALE: Record<number, number> = { 8: 0.45, 9: 0.65, 10: 1.1, 11: 1.3, 12: 1.3 };
let fontRegistered = false;

/**
 * The county's partition as a base map shows it: every town's border dashed, and the names of the
 * towns outside the pilot (the twin labels its own units). A name is drawn by every tile it touches,
 * at the same place in the level's pixels, so its pieces meet across tile edges.
 */
function drawTownships(
  g: SKRSContext2D,
  scene: GroundScene,
  z: number,
  t: TileBox,
  px: (lon: number) => number,
  py: (lat: number) => number,
) {
  // Cesium shows the county's first level magnified (a level-8 tile about 1.5×) and the next ones
  // shrunk (a level-10 tile about 0.45× on a 1600-px screen): sized per level, so the names and dashes
  // come out at about the same size on screen whichever level is up
  const k = Math.min(1, 0.45 + (z - 8) * 0.2) * SUPERSAMPLE;
  const text = (TOWNSHIP_NAME_SCALE[z] ?? 1.3) * SUPERSAMPLE;
  g.strokeStyle = TOWNSHIP_BORDER_COLOUR;
  g.lineWidth = 1.7 * k;
  g.setLineDash([7 * k, 4 * k]);
  for (const town of scene.townships) {
    if (!intersects(t, town.box)) continue;
    g.beginPath();
    trace(g, town.border, px, py);
    g.closePath();
    g.stroke();
  }
  g.setLineDash([]);
  if (z > TOWNSHIP_NAME_MAX_LEVEL) return;
  if (!fontRegistered) {
    GlobalFonts.registerFromPath(join(fontDir(), 'NotoSansHans-Regular.otf'), TOWNSHIP_FONT);
    fontRegistered = true;
  }
  const size = 15 * text;
  g.font = `${size}px "${TOWNSHIP_FONT}"`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.lineWidth = 0.2 * size;
  g.strokeStyle = 'rgba(10, 14, 24, 0.85)';
  g.fillStyle = TOWNSHIP_NAME_COLOUR;
  for (const town of scene.townships) {
    if (town.pilot) continue;
    const x = px(town.seat[0]);
    const y = py(town.seat[1]);
    if (x < -4 * size || x > TILE_PX + 4 * size || y < -size || y > TILE_PX + size) continue;
    g.strokeText(town.name, x, y);
    g.fillText(town.name, x, y);
  }
}

/**
 * Shade the slopes as if lit from the north-west (the cartographer's convention), so the hills read
 * from straight above too: a translucent black or white pixel per pixel of the tile, from the
 * elevation model's slope there. Flat ground is left as it is.
 */
function hillshade(g: SKRSContext2D, dem: Dem, t: TileBox) {
  const n = TILE_PX;
  const size = t.east - t.west;
  const step = size / n;
  const dxM = step * 111_320 * Math.cos(((t.north + t.south) / 2) * (Math.PI / 180));
  const dyM = step * 110_574;
  const shade = g.createImageData(n, n);
  const d = shade.data;
  // light from the north-west, 45° up
  const [lx, ly, lz] = [-0.5, 0.5, Math.SQRT1_2];
  let any = false;
  for (let r = 0; r < n; r++) {
    const lat = t.north - (r + 0.5) * step;
    for (let c = 0; c < n; c++) {
      const lon = t.west + (c + 0.5) * step;
      const ex = (terrainHeightOf(dem, lon + step, lat) - terrainHeightOf(dem, lon - step, lat)) / (2 * dxM);
      const ey = (terrainHeightOf(dem, lon, lat + step) - terrainHeightOf(dem, lon, lat - step)) / (2 * dyM);
      const norm = Math.hypot(ex, ey, 1);
      const lit = (-ex * lx - ey * ly + lz) / norm; // cos of the angle to the light
      const flat = lz;
      const k = lit - flat;
      if (Math.abs(k) < 0.01) continue;
      const i = (r * n + c) * 4;
      const v = k > 0 ? 255 : 0;
      d[i] = v;
      d[i + 1] = v;
      d[i + 2] = v;
      d[i + 3] = k > 0 ? Math.min(70, Math.round(k * 200)) : Math.min(150, Math.round(-k * 600));
      any = true;
    }
  }
  if (!any) return;
  const layer = createCanvas(n, n);
  layer.getContext('2d').putImageData(shade, 0, 0);
  // only over the ground drawn (never outside the county)
  g.globalCompositeOperation = 'source-atop';
  g.drawImage(layer, 0, 0);
  g.globalCompositeOperation = 'source-over';
}

function fillAreas(
  g: SKRSContext2D,
  scene: GroundScene,
  t: TileBox,
  kind: string,
  colour: string,
  px: (lon: number) => number,
  py: (lat: number) => number,
) {
  g.fillStyle = colour;
  // a hairline of the same colour round each patch, so two antialiased edges leave no see-through seam
  g.strokeStyle = colour;
  g.lineWidth = 1;
  for (const a of scene.areas) {
    if (a.kind !== kind || !intersects(t, a.box)) continue;
    g.beginPath();
    for (const ring of a.rings) {
      trace(g, ring, px, py);
      g.closePath();
    }
    g.fill('evenodd');
    g.stroke();
  }
}

function stroke(
  g: SKRSContext2D,
  l: LineFeature,
  colour: string,
  width: number,
  px: (lon: number) => number,
  py: (lat: number) => number,
) {
  g.strokeStyle = colour;
  g.lineWidth = width;
  g.beginPath();
  trace(g, l.line, px, py);
  g.stroke();
}

function trace(
  g: SKRSContext2D,
  pts: readonly (readonly [number, number])[],
  px: (lon: number) => number,
  py: (lat: number) => number,
) {
  pts.forEach(([lon, lat], i) => {
    if (i) g.lineTo(px(lon), py(lat));
    else g.moveTo(px(lon), py(lat));
  });
}

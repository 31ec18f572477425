// docs/places.png: a small map of the generated county: the townships (the pilot towns and the
// subdistricts with their communities, villages and grids; the other towns' borders and names), roads
// by kind, railways with their stations, the river, ponds and reservoirs. With --city, docs/city.png:
// the urban area alone, its communities named, to show their borders running along the main roads.
// `npx tsx scripts/generate/geography/plotPlaces.ts [seed] [out.png] [--city]`
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { fontDir } from '../../../server/bulletin/fonts';
import type { LonLat, RoadKind } from '../../../server/domain/model';
import { Rng } from '../random';
import { toXY } from './frame';
import { generateGeography, loadReference } from './index';

const seed = Number(process.argv[2] ?? 20220601);
const out = process.argv[3] ?? 'places.png';
const geo = generateGeography(new Rng(seed).fork('geography'), loadReference());
GlobalFonts.registerFromPath(join(fontDir(), 'NotoSansHans-Regular.otf'), 'Noto Sans SC');

const PX = 1400;
const county = geo.adminUnits.find((u) => u.level === 'city')!;
const cityView = process.argv.includes('--city');
const communities = geo.adminUnits.filter((u) => u.level === 'community');
const all = cityView
  ? communities.flatMap((u) => (u.geometry.coordinates[0] as LonLat[]).map(toXY))
  : (county.geometry.coordinates as LonLat[][][]).flatMap((p) => p[0]!.map(toXY));
/** Lines are drawn this much wider in the city view, which is about ten times closer. */
const WIDEN = cityView ? 2.5 : 1;
const [minX, minY] = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1]))];
const [maxX, maxY] = [Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
const k = (PX - 40) / Math.max(maxX - minX, maxY - minY);
const px = (p: LonLat): [number, number] => {
  const [x, y] = toXY(p);
  return [20 + (x - minX) * k, 20 + (maxY - y) * k];
};
const canvas = createCanvas(PX, PX);
const g = canvas.getContext('2d');
g.fillStyle = '#fbfaf6';
g.fillRect(0, 0, PX, PX);
const trace = (pts: readonly LonLat[]) => {
  g.beginPath();
  pts.forEach((p, i) => {
    if (i) g.lineTo(...px(p));
    else g.moveTo(...px(p));
  });
};
const outline = (rings: readonly (readonly LonLat[])[], colour: string, width: number, dash: number[] = []) => {
  g.strokeStyle = colour;
  g.lineWidth = width * WIDEN;
  g.setLineDash(dash);
  for (const r of rings) {
    trace(r);
    g.closePath();
    g.stroke();
  }
  g.setLineDash([]);
};
const label = (text: string, at: LonLat, size: number, colour: string) => {
  g.font = `${size}px "Noto Sans SC"`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.lineWidth = 4;
  g.strokeStyle = '#fbfaf6';
  g.strokeText(text, ...px(at));
  g.fillStyle = colour;
  g.fillText(text, ...px(at));
};

// in the city view each community gets a pale fill, so its extent shows where its border lies under a road
const FILLS = ['#fde0dd', '#e5f5e0', '#deebf7', '#fff7bc', '#efedf5', '#fee6ce', '#e0f3f8', '#f0f0f0'];
if (cityView)
  communities.forEach((u, i) => {
    trace(u.geometry.coordinates[0] as LonLat[]);
    g.fillStyle = FILLS[i % FILLS.length]!;
    g.fill();
  });
for (const w of geo.waters) {
  trace(w.polygon[0]!);
  g.fillStyle = '#9ecae1';
  g.fill();
}
const LEVEL_STYLE: Record<'grid' | 'community' | 'village' | 'subdistrict' | 'town', [string, number]> = {
  grid: ['#d9d9d9', 0.5],
  community: ['#6baed6', 1],
  village: ['#74c476', 1],
  subdistrict: ['#08519c', 2.4],
  town: ['#238b45', 2.4],
};
for (const level of ['grid', 'community', 'village'] as const)
  for (const u of geo.adminUnits.filter((x) => x.level === level))
    outline([u.geometry.coordinates[0] as LonLat[]], ...LEVEL_STYLE[level]);
for (const t of geo.townships.filter((x) => !x.pilot)) outline([t.polygon[0]!], '#807dba', 1.6, [8, 5]);
for (const level of ['subdistrict', 'town'] as const)
  for (const u of geo.adminUnits.filter((x) => x.level === level))
    outline([u.geometry.coordinates[0] as LonLat[]], ...LEVEL_STYLE[level]);
outline(
  (county.geometry.coordinates as LonLat[][][]).map((p) => p[0]!),
  '#222',
  2,
);

const ROAD_STYLE: Partial<Record<RoadKind, [string, number]>> = {
  village: ['#bdbdbd', 0.7],
  county: ['#969696', 1.1],
  collector: ['#bdbdbd', 0.7],
  lane: ['#bdbdbd', 0.6],
  arterial: ['#f16913', 1.3],
  provincial: ['#fd8d3c', 1.6],
  national: ['#d94801', 2],
  expressway: ['#a63603', 2.6],
  railway: ['#54278f', 1.6],
};
for (const kind of Object.keys(ROAD_STYLE) as RoadKind[])
  for (const r of geo.roads.filter((x) => x.kind === kind)) {
    trace(r.line);
    const [colour, width] = ROAD_STYLE[kind]!;
    g.strokeStyle = colour;
    g.lineWidth = width * WIDEN;
    g.setLineDash(kind === 'railway' ? [6, 3] : []);
    g.stroke();
  }
g.setLineDash([]);
for (const r of geo.rivers) {
  trace(r.line);
  g.strokeStyle = '#4292c6';
  g.lineWidth = 3 * WIDEN;
  g.stroke();
}
for (const st of geo.roads.flatMap((r) => r.stations ?? [])) {
  g.fillStyle = '#54278f';
  g.beginPath();
  g.arc(...px(st.position), 5, 0, 2 * Math.PI);
  g.fill();
  label(st.name, [st.position[0], st.position[1] - 0.012], 14, '#54278f');
}
for (const t of geo.townships.filter((x) => !x.pilot)) label(t.name, t.seat, 20, '#54278f');
if (cityView) for (const u of communities) label(u.name, u.centroid, 18, '#08306b');
else
  for (const u of geo.adminUnits.filter((x) => x.level === 'subdistrict' || x.level === 'town'))
    label(u.name, u.centroid, 22, u.level === 'town' ? '#00441b' : '#08306b');
writeFileSync(out, canvas.toBuffer('image/png'));
console.log(out);

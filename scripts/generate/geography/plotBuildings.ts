// docs/buildings.png: three top-down panels of the generated buildings (the old town by the river, a
// new compound of towers, a village's hamlets), each 500 m across, footprints coloured by kind, with the
// roads and water. `npx tsx scripts/generate/geography/plotBuildings.ts [seed] [out.svg|out.png]` writes
// an SVG, or rasterises it to PNG with @napi-rs/canvas (`... 20220601 docs/buildings.png`).
import { writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Building, BuildingKind } from '../../../server/domain/model';
import { Rng } from '../random';
import { compoundOfAddress } from './compounds';
import { toXY } from './frame';
import { generateGeography, loadReference } from './index';
import type { XY } from './planar';

const seed = Number(process.argv[2] ?? 20220601);
const out = process.argv[3] ?? 'buildings.svg';
const geo = generateGeography(new Rng(seed).fork('geography'), loadReference());

const COLOURS: Record<BuildingKind, string> = {
  courtyard: '#8c510a',
  'walk-up': '#d8b365',
  slab: '#5ab4ac',
  tower: '#01665e',
  shophouse: '#e6550d',
  shop: '#fdae6b',
  mall: '#a63603',
  office: '#756bb1',
  school: '#3182bd',
  hospital: '#de2d26',
  government: '#636363',
  'community-centre': '#9ecae1',
  hall: '#6baed6',
  factory: '#969696',
  'village-house': '#b2182b',
};
const SIZE = 500; // metres a panel spans
const PX = 600; // pixels a panel is drawn at
const at = (b: Building) => toXY(b.centroid);

// the old town: where its old houses are densest; a new compound: the compound with most slabs and towers;
// a village: the house with most houses within 300 m
const densest = (list: Building[], r: number): XY => {
  let best: XY = [0, 0];
  let most = -1;
  for (const b of list.filter((_, i) => i % 7 === 0)) {
    const p = at(b);
    const n = list.filter((o) => Math.hypot(at(o)[0] - p[0], at(o)[1] - p[1]) < r).length;
    if (n > most) [most, best] = [n, p];
  }
  return best;
};
const oldTown = densest(
  geo.buildings.filter((b) => b.kind === 'courtyard' || (b.builtYear < 1990 && b.use === 'residential')),
  200,
);
// a new compound: the one with most slabs and towers (its blocks are addressed by its name)
const highRise = geo.buildings.filter((b) => b.kind === 'tower' || b.kind === 'slab');
const newest = geo.compounds
  .map((c) => ({ c, n: highRise.filter((b) => compoundOfAddress(b.address) === c.name).length }))
  .sort((a, b) => b.n - a.n)[0]!.c;
const block = newest.block[0]!.map(toXY);
const towers: XY = [
  block.reduce((a, p) => a + p[0], 0) / block.length,
  block.reduce((a, p) => a + p[1], 0) / block.length,
];
const village = densest(geo.buildings.filter((b) => b.use === 'village-house').slice(0, 6_000), 300);

function panel(centre: XY, title: string, dx: number): string {
  const k = PX / SIZE;
  const px = ([x, y]: XY) =>
    `${(dx + (x - centre[0] + SIZE / 2) * k).toFixed(1)},${(40 + (centre[1] + SIZE / 2 - y) * k).toFixed(1)}`;
  const near = (p: XY) => Math.abs(p[0] - centre[0]) < SIZE && Math.abs(p[1] - centre[1]) < SIZE;
  const parts: string[] = [];
  parts.push(`<clipPath id="c${dx}"><rect x="${dx}" y="40" width="${PX}" height="${PX}"/></clipPath>`);
  parts.push(`<g clip-path="url(#c${dx})"><rect x="${dx}" y="40" width="${PX}" height="${PX}" fill="#f4f1ea"/>`);
  for (const w of geo.waters)
    if (near(toXY(w.polygon[0]![0]!)))
      parts.push(`<polygon points="${w.polygon[0]!.map((p) => px(toXY(p))).join(' ')}" fill="#9ecae1"/>`);
  for (const r of geo.rivers)
    parts.push(
      `<polyline points="${r.line.map((p) => px(toXY(p))).join(' ')}" fill="none" stroke="#9ecae1" stroke-width="${r.widthM * k}"/>`,
    );
  for (const r of geo.roads)
    if (r.line.some((p) => near(toXY(p))))
      parts.push(
        `<polyline points="${r.line.map((p) => px(toXY(p))).join(' ')}" fill="none" stroke="${r.kind === 'railway' ? '#555' : '#fff'}" stroke-width="${Math.max(1, r.widthM * k)}" stroke-linejoin="round"/>`,
      );
  for (const b of geo.buildings)
    if (near(at(b)))
      parts.push(
        `<polygon points="${b.footprint[0]!.map((p) => px(toXY(p))).join(' ')}" fill="${COLOURS[b.kind]}" stroke="#333" stroke-width="0.4"/>`,
      );
  parts.push('</g>');
  parts.push(`<text x="${dx + 4}" y="28" font-size="18" font-family="sans-serif">${title}</text>`);
  parts.push(
    `<line x1="${dx + PX - 140}" y1="${40 + PX - 14}" x2="${dx + PX - 140 + 100 * k}" y2="${40 + PX - 14}" stroke="#000" stroke-width="3"/><text x="${dx + PX - 140}" y="${40 + PX - 20}" font-size="12" font-family="sans-serif">100 m</text>`,
  );
  return parts.join('\n');
}

const legend = (Object.keys(COLOURS) as BuildingKind[])
  .filter((k) => geo.buildings.some((b) => b.kind === k))
  .map(
    (k, i) =>
      `<rect x="${10 + (i % 8) * 230}" y="${PX + 56 + Math.floor(i / 8) * 22}" width="14" height="14" fill="${COLOURS[k]}"/><text x="${30 + (i % 8) * 230}" y="${PX + 68 + Math.floor(i / 8) * 22}" font-size="14" font-family="sans-serif">${k}</text>`,
  )
  .join('\n');
const width = 3 * PX + 40;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${PX + 110}" viewBox="0 0 ${width} ${PX + 110}">
<rect width="100%" height="100%" fill="#fff"/>
${panel(oldTown, 'Old town: courtyard houses, old walk-ups, shops on its lanes', 10)}
${panel(towers, 'New district: slabs and towers in rows, sunlight spacing', PX + 20)}
${panel(village, 'Village: one detached house per household, along its roads', 2 * PX + 30)}
${legend}
</svg>`;
if (out.endsWith('.png')) {
  const image = await loadImage(Buffer.from(svg));
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  writeFileSync(out, canvas.toBuffer('image/png'));
} else writeFileSync(out, svg);
console.log(out, { oldTown, towers, village });

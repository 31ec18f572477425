// The month's risk map as SVG text: the grids shaded by their risk score at the month's end and the
// hot spots numbered as the bulletin lists them, in a main panel framed on the urban grids (where
// the hot spots gather) and the hot spots outside them, with an inset of the whole city (its outline,
// every grid, the main panel's frame). A plain equirectangular projection (longitude scaled by the
// cosine of the latitude) is true enough at a county's size.
import type { Bulletin, BulletinMapArea } from '../domain/bulletin';

/** Score classes (0–100 risk score, domain/risk) and their fills, lightest first. */
export const RISK_CLASSES: readonly { from: number; fill: string; label: string }[] = [
  { from: 0, fill: '#f1f5f9', label: '&lt; 10' },
  { from: 10, fill: '#fde68a', label: '10–20' },
  { from: 20, fill: '#fbbf24', label: '20–35' },
  { from: 35, fill: '#f97316', label: '35–50' },
  { from: 50, fill: '#dc2626', label: '≥ 50' },
];

const fillOf = (score: number) => [...RISK_CLASSES].reverse().find((c) => score >= c.from)!.fill;

type Ring = [number, number][];
type Box = { minLon: number; minLat: number; maxLon: number; maxLat: number };

function boxOf(rings: readonly Ring[]): Box | null {
  const pts = rings.flat();
  if (pts.length === 0) return null;
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const [lon, lat] of pts) {
    b.minLon = Math.min(b.minLon, lon);
    b.maxLon = Math.max(b.maxLon, lon);
    b.minLat = Math.min(b.minLat, lat);
    b.maxLat = Math.max(b.maxLat, lat);
  }
  return b;
}

const padded = (b: Box, share: number): Box => {
  const dx = (b.maxLon - b.minLon) * share;
  const dy = (b.maxLat - b.minLat) * share;
  return { minLon: b.minLon - dx, maxLon: b.maxLon + dx, minLat: b.minLat - dy, maxLat: b.maxLat + dy };
};

/** A projection of `box` into the rectangle (x, y, w, h), centred, aspect kept; and the size it takes. */
function projection(box: Box, x: number, y: number, w: number, h: number) {
  const kx = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const spanX = (box.maxLon - box.minLon) * kx || 1e-9;
  const spanY = box.maxLat - box.minLat || 1e-9;
  const scale = Math.min(w / spanX, h / spanY);
  const ox = x + (w - spanX * scale) / 2;
  const oy = y + (h - spanY * scale) / 2;
  const at = ([lon, lat]: [number, number]): [number, number] => [
    ox + (lon - box.minLon) * kx * scale,
    oy + (box.maxLat - lat) * scale,
  ];
  const path = (rings: readonly Ring[]) =>
    rings
      .map(
        (r) =>
          `M${r
            .map(at)
            .map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`)
            .join('L')}Z`,
      )
      .join('');
  return { at, path };
}

const centre = (g: BulletinMapArea): [number, number] => {
  const ring = g.rings[0]!;
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
};

export function riskMap(b: Bulletin, width = 515, height = 330): string {
  const legendH = 24;
  const mapH = height - legendH;
  const byId = new Map(b.risk.grids.map((g) => [g.id, g]));
  const spots = b.risk.hotSpots.map((h) => byId.get(h.areaId)).filter((g): g is BulletinMapArea => g !== undefined);
  const framed = [...b.risk.grids.filter((g) => g.area === 'urban'), ...spots];
  const all = boxOf([...b.risk.outline, ...b.risk.grids.flatMap((g) => g.rings)]);
  const main = boxOf((framed.length ? framed : b.risk.grids).flatMap((g) => g.rings));
  if (!all || !main) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40"></svg>`;
  const view = padded(main, 0.04);
  const p = projection(view, 0, 0, width, mapH);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><clipPath id="main"><rect x="0" y="0" width="${width}" height="${mapH}"/></clipPath></defs>`,
    `<rect x="0" y="0" width="${width}" height="${mapH}" fill="#f8fafc" stroke="#cbd5e1" stroke-width="0.8"/>`,
    '<g clip-path="url(#main)">',
    `<path d="${p.path(b.risk.outline)}" fill="#ffffff" stroke="#57534e" stroke-width="1.2"/>`,
  ];
  for (const g of b.risk.grids)
    parts.push(`<path d="${p.path(g.rings)}" fill="${fillOf(g.score)}" stroke="#94a3b8" stroke-width="0.4"/>`);
  // Numbered markers, the riskiest drawn last (on top).
  spots
    .map((g, i) => ({ g, i }))
    .reverse()
    .forEach(({ g, i }) => {
      const [x, y] = p.at(centre(g));
      parts.push(
        `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7" fill="#1e3a8a" stroke="#ffffff" stroke-width="1"/>`,
        `<text x="${x.toFixed(1)}" y="${(y + 3).toFixed(1)}" font-size="8" font-weight="bold" fill="#ffffff" text-anchor="middle">${i + 1}</text>`,
      );
    });
  parts.push('</g>');

  // The inset: the whole city, and where the main panel lies in it.
  const iw = Math.round(width * 0.24);
  const ih = Math.round(mapH * 0.42);
  const ix = width - iw - 6;
  const iy = 6;
  const q = projection(padded(all, 0.03), ix, iy, iw, ih);
  parts.push(
    `<rect x="${ix}" y="${iy}" width="${iw}" height="${ih}" fill="#ffffff" stroke="#94a3b8" stroke-width="0.6"/>`,
    `<path d="${q.path(b.risk.outline)}" fill="#f5f5f4" stroke="#57534e" stroke-width="0.6"/>`,
  );
  for (const g of b.risk.grids) parts.push(`<path d="${q.path(g.rings)}" fill="${fillOf(g.score)}" stroke="none"/>`);
  const [fx0, fy0] = q.at([view.minLon, view.maxLat]);
  const [fx1, fy1] = q.at([view.maxLon, view.minLat]);
  parts.push(
    `<rect x="${fx0.toFixed(1)}" y="${fy0.toFixed(1)}" width="${(fx1 - fx0).toFixed(1)}" height="${(fy1 - fy0).toFixed(1)}" fill="none" stroke="#1e3a8a" stroke-width="1"/>`,
    `<text x="${ix + 4}" y="${iy + ih - 4}" font-size="7" fill="#475569">${b.city}全域</text>`,
  );

  // The legend along the bottom.
  const ly = mapH + 8;
  parts.push(`<text x="2" y="${ly + 9}" font-size="9" fill="#334155">风险评分</text>`);
  RISK_CLASSES.forEach((c, i) => {
    const x = 52 + i * 70;
    parts.push(
      `<rect x="${x}" y="${ly}" width="14" height="10" fill="${c.fill}" stroke="#94a3b8" stroke-width="0.5"/>`,
      `<text x="${x + 18}" y="${ly + 9}" font-size="9" fill="#334155">${c.label}</text>`,
    );
  });
  const kx = 52 + RISK_CLASSES.length * 70;
  parts.push(
    `<circle cx="${kx + 6}" cy="${ly + 5}" r="5" fill="#1e3a8a"/>`,
    `<text x="${kx + 16}" y="${ly + 9}" font-size="9" fill="#334155">热点序号</text>`,
    '</svg>',
  );
  return parts.join('');
}

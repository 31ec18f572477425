// The field page as plain data (pure): the small map's projection (a grid's outline fitted into a
// box, a tap turned back into a place), distances, the taxonomy picker's matches, the likely
// duplicates' query, and a refusal turned into words the worker can act on.
import { TAXONOMY } from '@domain/taxonomy';
import type { MessageKey, Translate } from '../../i18n';
import { fieldZh } from '../../messages/field';

export type LonLat = [number, number];

/** A linear lon/lat ↔ box mapping (east right, north up), metres kept square at the box's latitude. */
export interface Projection {
  width: number;
  height: number;
  toXY(p: LonLat): [number, number];
  toLonLat(xy: [number, number]): LonLat;
}

/** Fits the points (a grid's rings) into a `width`×`height` box with `pad` around them. */
export function fitProjection(points: readonly LonLat[], width: number, height: number, pad = 12): Projection {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const midLat = (minLat + maxLat) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180); // a degree of longitude is this much of one of latitude
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const ox = (width - spanX * scale) / 2;
  const oy = (height - spanY * scale) / 2;
  return {
    width,
    height,
    toXY: ([lon, lat]) => [ox + (lon - minLon) * kx * scale, oy + (maxLat - lat) * scale],
    toLonLat: ([x, y]) => [minLon + (x - ox) / (kx * scale), maxLat - (y - oy) / scale],
  };
}

/** Every outer ring of a Polygon or MultiPolygon geometry. */
export function outerRings(geometry: { type: string; coordinates: unknown }): LonLat[][] {
  if (geometry.type === 'Polygon') return [(geometry.coordinates as LonLat[][])[0]!];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as LonLat[][][]).map((p) => p[0]!);
  return [];
}

/** Great-circle distance in metres (the same haversine the server filters with). */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b[1] - a[1]) / 2) ** 2 + Math.cos(r(a[1])) * Math.cos(r(b[1])) * Math.sin(r(b[0] - a[0]) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

export interface ItemChoice {
  code: string;
  name: string;
  path: string;
}

/** The items of a category (or all) whose code, name or subcategory matches the words typed, in code order. */
export function itemChoices(categoryCode: string, query: string, lang: 'zh' | 'en'): ItemChoice[] {
  const subcategories = new Map(TAXONOMY.subcategories.map((s) => [s.code, s]));
  const categories = new Map(TAXONOMY.categories.map((c) => [c.code, c]));
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return TAXONOMY.items
    .filter((i) => !categoryCode || i.categoryCode === categoryCode)
    .map((i) => {
      const sub = subcategories.get(i.subcategoryCode)!;
      const cat = categories.get(i.categoryCode)!;
      const name = lang === 'zh' ? i.name : i.nameEn;
      const path = lang === 'zh' ? `${cat.name} / ${sub.name}` : `${cat.nameEn} / ${sub.nameEn}`;
      const haystack = `${i.code} ${i.name} ${i.nameEn} ${sub.name} ${sub.nameEn}`.toLowerCase();
      return { code: i.code, name, path, match: words.every((w) => haystack.includes(w)) };
    })
    .filter((c) => c.match)
    .map(({ match: _m, ...c }) => c);
}

/** How far back a likely duplicate may have been reported (the 48 hours). */
export const DUPLICATE_WINDOW_MS = 48 * 3600_000;
export const DUPLICATE_RADIUS_M = 50;

/** GET /api/events' query for the likely duplicates of a report: same item, open, near, recent. */
export function duplicateQuery(itemCode: string, place: LonLat, now: number): string {
  return new URLSearchParams({
    itemCode,
    open: 'true',
    from: new Date(now - DUPLICATE_WINDOW_MS).toISOString(),
    near: `${place[0].toFixed(6)},${place[1].toFixed(6)}`,
    radius: String(DUPLICATE_RADIUS_M),
    limit: '10',
  }).toString();
}

/** The photo types the server keeps (it checks the bytes; this only spares an upload bound to fail). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTOS = 3;

/** A refusal (an ApiError's code, or a failed fetch) in the worker's language, saying what to do. */
export function problemText(t: Translate, error: unknown, vars: Record<string, string | number> = {}): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof TypeError) return t('field.error.network');
  if (typeof code === 'string' && `field.error.${code}` in fieldZh) return t(`field.error.${code}` as MessageKey, vars);
  return t('field.error.other', { message: error instanceof Error ? error.message : String(error) });
}

// The view and selection in the URL, so a link restores them:
//   ?view=lon,lat,heightM,headingDeg,pitchDeg   (the camera's position, WGS84, and orientation)
//   &sel=kind:id                                 (what is selected, e.g. component:C000123)
// Pure: parse and format only; the page reads and writes location.
import type { PickKind, PickRef } from '../points/points.model';

export interface CameraView {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  pitchDeg: number;
}

const KINDS: readonly PickKind[] = [
  'unit',
  'component',
  'camera',
  'patrol-point',
  'sensor',
  'event',
  'building',
  'alarm',
];

export function parseView(text: string | null): CameraView | null {
  if (!text) return null;
  const parts = text.split(',').map(Number);
  if (parts.length !== 5 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lon, lat, heightM, headingDeg, pitchDeg] = parts as [number, number, number, number, number];
  if (
    Math.abs(lon) > 180 ||
    Math.abs(lat) > 90 ||
    heightM < 1 ||
    heightM > 20_000_000 ||
    pitchDeg < -90 ||
    pitchDeg > 90
  )
    return null;
  return { lon, lat, heightM, headingDeg: ((headingDeg % 360) + 360) % 360, pitchDeg };
}

export function formatView(v: CameraView): string {
  return [
    v.lon.toFixed(6),
    v.lat.toFixed(6),
    Math.round(v.heightM),
    v.headingDeg.toFixed(1),
    v.pitchDeg.toFixed(1),
  ].join(',');
}

export function parseSelection(text: string | null): PickRef | null {
  const m = text ? /^([a-z-]+):([A-Za-z0-9_.-]{1,60})$/.exec(text) : null;
  return m && KINDS.includes(m[1] as PickKind) ? { kind: m[1] as PickKind, id: m[2]! } : null;
}

export const formatSelection = (sel: PickRef): string => `${sel.kind}:${sel.id}`;

/** `search` with view and sel replaced (null removes), other parameters kept. */
export function withTwinState(
  search: string,
  view: CameraView | null | undefined,
  sel: PickRef | null | undefined,
): string {
  const params = new URLSearchParams(search);
  if (view !== undefined) view ? params.set('view', formatView(view)) : params.delete('view');
  if (sel !== undefined) sel ? params.set('sel', formatSelection(sel)) : params.delete('sel');
  const text = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return text ? `?${text}` : '';
}

/** The view and selection a twin page opens with, from its location's search. */
export function twinStateOf(search: string): { view: CameraView | null; selection: PickRef | null } {
  const params = new URLSearchParams(search);
  return { view: parseView(params.get('view')), selection: parseSelection(params.get('sel')) };
}

/** The address with view and sel replaced (as `withTwinState`), path and hash kept: for history.replaceState. */
export function twinStateHref(
  location: { pathname: string; search: string; hash: string },
  view: CameraView | null | undefined,
  sel: PickRef | null | undefined,
): string {
  return `${location.pathname}${withTwinState(location.search, view, sel)}${location.hash}`;
}

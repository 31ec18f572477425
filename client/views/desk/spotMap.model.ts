// The dossier's small map of the spot (事发位置): the case's grid and its neighbours as SVG outlines,
// the place as a point, in a local equirectangular projection (a grid is a few hundred metres: the
// earth's curvature does not show). No map engine: the desk must stay light. Pure.

type Ring = ReadonlyArray<readonly number[]>;
/** A GeoJSON polygon or multipolygon's coordinates, as the grids layer sends them. */
export type Outline = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface SpotMap {
  viewBox: string;
  /** One SVG path per outline, in the order given. */
  paths: string[];
  point: { x: number; y: number };
}

const ringsOf = (o: Outline): Ring[] => (o.type === 'Polygon' ? o.coordinates : o.coordinates.flat());

/**
 * The outlines and the point in SVG units (metres east and south of the box's corner), framed on
 * `focus` (the case's grid, or the point alone) with a margin of `pad` of the frame's size.
 */
export function spotMap(outlines: readonly Outline[], point: readonly [number, number], focus?: Outline, pad = 0.15) {
  const kx = 111_320 * Math.cos((point[1] * Math.PI) / 180);
  const ky = 110_540;
  const x = (lon: number) => (lon - point[0]) * kx;
  const y = (lat: number) => (point[1] - lat) * ky;
  const framed = focus ? ringsOf(focus).flat() : [];
  const xs = [0, ...framed.map((p) => x(p[0]!))];
  const ys = [0, ...framed.map((p) => y(p[1]!))];
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  // at least 200 m across, so a point alone still shows its surroundings
  const size = Math.max(200, Math.max(...xs) - minX, Math.max(...ys) - minY);
  const cx = (minX + Math.max(...xs)) / 2;
  const cy = (minY + Math.max(...ys)) / 2;
  const half = (size * (1 + 2 * pad)) / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  const path = (o: Outline) =>
    ringsOf(o)
      .map((ring) => `M${ring.map((p) => `${r(x(p[0]!))},${r(y(p[1]!))}`).join('L')}Z`)
      .join('');
  return {
    viewBox: `${r(cx - half)} ${r(cy - half)} ${r(2 * half)} ${r(2 * half)}`,
    paths: outlines.map(path),
    point: { x: 0, y: 0 },
  } satisfies SpotMap;
}

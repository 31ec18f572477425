import { describe, expect, it } from 'vitest';
import { type Outline, spotMap } from './spotMap.model';

const square = (lon: number, lat: number, d: number): Outline => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});

describe('spotMap', () => {
  it('puts the point at the origin and frames the focus with a margin', () => {
    const grid = square(116.95, 31.05, 0.004);
    const map = spotMap([grid], [116.952, 31.052], grid);
    expect(map.point).toEqual({ x: 0, y: 0 });
    const [x, y, w, h] = map.viewBox.split(' ').map(Number);
    expect(w).toBe(h);
    // the grid (about 380 m × 440 m) fits inside, with room to spare
    expect(w).toBeGreaterThan(440);
    expect(x).toBeLessThan(-190);
    expect(y).toBeLessThan(-220);
    expect(map.paths).toHaveLength(1);
    // north is up: the grid's southern edge lies below (greater y than) the point
    expect(map.paths[0]).toMatch(/^M-190\.\d,221\.\d/);
  });

  it('shows at least 200 m around a point with no grid, and every ring of a multipolygon', () => {
    const multi: Outline = {
      type: 'MultiPolygon',
      coordinates: [square(116.9, 31, 0.001).coordinates, square(116.91, 31, 0.001).coordinates] as never,
    };
    const map = spotMap([multi], [116.95, 31.05]);
    expect(map.viewBox.split(' ').map(Number)[2]).toBeCloseTo(260, 5);
    expect(map.paths[0]!.match(/M/g)).toHaveLength(2);
  });
});

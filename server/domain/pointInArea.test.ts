import { describe, expect, it } from 'vitest';
import { pointInArea } from './pointInArea';

const square = (x0: number, y0: number, d: number) => [
  [x0, y0],
  [x0 + d, y0],
  [x0 + d, y0 + d],
  [x0, y0 + d],
  [x0, y0],
];

describe('pointInArea', () => {
  const withHole = { type: 'Polygon' as const, coordinates: [square(0, 0, 10), square(4, 4, 2)] as never };
  const multi = { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] as never };
  it.each([
    ['inside the outer ring', withHole, [1, 1], true],
    ['inside the hole', withHole, [5, 5], false],
    ['outside', withHole, [11, 5], false],
    ['in the second polygon of a multipolygon', multi, [5.5, 5.5], true],
    ['between the polygons', multi, [3, 3], false],
  ] as const)('%s', (_t, geometry, p, expected) => {
    expect(pointInArea(geometry, p as [number, number])).toBe(expected);
  });
});

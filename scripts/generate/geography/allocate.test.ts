import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { clipConvex, convexHull, ringArea, voronoiCells, type XY } from './planar';

describe('allocate', () => {
  it.each([
    { weights: [1, 1, 1], total: 12, min: 4, max: 5, want: [4, 4, 4] },
    { weights: [3, 1, 1, 1], total: 18, min: 4, max: 5, want: [5, 5, 4, 4] },
    { weights: [10, 1], total: 11, min: 4, max: 7, want: [7, 4] },
    { weights: [0, 0, 0], total: 4, min: 0, max: 4, want: [2, 1, 1] },
  ])('shares $total over $weights within $min–$max', ({ weights, total, min, max, want }) => {
    const got = allocate(weights, total, min, max);
    expect(got.reduce((a, b) => a + b, 0)).toBe(total);
    expect(got.every((n) => n >= min && n <= max)).toBe(true);
    expect(got).toEqual(want);
  });

  it('refuses an impossible share', () => {
    expect(() => allocate([1, 1], 20, 4, 7)).toThrow(/cannot share/);
  });
});

describe('planar tiling', () => {
  const square: XY[] = [
    [0, 0],
    [100, 0],
    [100, 100],
    [0, 100],
  ];
  it('clips a convex polygon to another', () => {
    const clipped = clipConvex(square, [
      [50, -10],
      [150, -10],
      [150, 50],
      [50, 50],
    ]);
    expect(Math.abs(ringArea(clipped))).toBeCloseTo(2500, 6);
  });
  it('Voronoi cells tile their parent', () => {
    const seeds: XY[] = [
      [10, 10],
      [80, 20],
      [50, 70],
      [20, 90],
      [90, 90],
    ];
    const cells = voronoiCells(square, seeds);
    expect(cells.reduce((a, c) => a + ringArea(c), 0)).toBeCloseTo(10_000, 6);
  });
  it('hull is counter-clockwise', () => {
    expect(
      ringArea(
        convexHull([
          [0, 0],
          [10, 0],
          [5, 5],
          [10, 10],
          [0, 10],
        ]),
      ),
    ).toBeCloseTo(100, 6);
  });
});

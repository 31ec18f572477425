import type { LonLat } from '@domain/model';
import { describe, expect, it } from 'vitest';
import { declutterDistances, pointPosition } from './points.model';

const levels = {
  levels: [
    { cellM: 1000, maxDistanceM: 50_000 },
    { cellM: 100, maxDistanceM: 10_000 },
  ],
  closeM: 2_000,
};
// Offsets in metres from the corner of a 1 km cell (the cells are aligned to whole kilometres east and north).
const mLat = 111_320;
const lat0 = (Math.ceil((31 * mLat) / 1000) * 1000) / mLat;
const mLon = mLat * Math.cos((lat0 * Math.PI) / 180);
const lon0 = (Math.ceil((117 * mLon) / 1000) * 1000) / mLon;
const at = (dxM: number, dyM: number): LonLat => [lon0 + dxM / mLon, lat0 + dyM / mLat];

describe('declutterDistances', () => {
  const cases: { title: string; points: LonLat[]; priority?: number[]; expected: number[] }[] = [
    { title: 'nothing', points: [], expected: [] },
    { title: 'one point is seen from far', points: [at(300, 0)], expected: [50_000] },
    {
      title: 'two close points: the second only from near',
      points: [at(300, 0), at(310, 0)],
      expected: [50_000, 2_000],
    },
    { title: 'same kilometre, different 100 m cells', points: [at(300, 0), at(650, 0)], expected: [50_000, 10_000] },
    {
      title: 'far apart points each win their own cell',
      points: [at(300, 0), at(5300, 5000)],
      expected: [50_000, 50_000],
    },
    { title: 'priority wins the cell', points: [at(300, 0), at(310, 0)], priority: [0, 5], expected: [2_000, 50_000] },
  ];
  for (const c of cases)
    it(c.title, () => expect(declutterDistances(c.points, c.priority, levels)).toEqual(c.expected));

  it('keeps one point per coarse cell visible from far, whatever the density', () => {
    const points = Array.from({ length: 400 }, (_, i) => at((i % 20) * 40, Math.floor(i / 20) * 40)); // 800 m square
    const far = declutterDistances(points, [], levels).filter((d) => d === 50_000).length;
    expect(far).toBeGreaterThanOrEqual(1);
    expect(far).toBeLessThanOrEqual(4);
  });
});

describe('pointPosition', () => {
  const cases: [unknown, LonLat | null][] = [
    [{ type: 'Point', coordinates: [117, 31] }, [117, 31]],
    [{ type: 'Point', coordinates: ['117', 31] }, null],
    [{ type: 'Polygon', coordinates: [] }, null],
    [null, null],
  ];
  for (const [geometry, expected] of cases)
    it(JSON.stringify(geometry), () => expect(pointPosition(geometry as never)).toEqual(expected));
});

import { describe, expect, it } from 'vitest';
import type { BboxDeg } from '../../api/twinApi';
import { cityTourStops, type TourUnit, tourStops, unionBbox } from './tour.model';

const box = (x: number): BboxDeg => [x, 31, x + 0.01, 31.01];
const units: TourUnit[] = [
  { id: 'T2', name: '范岗镇', level: 'town', bbox: box(2) },
  { id: 'C', name: '桐城市', level: 'city', bbox: [0, 30, 5, 32] },
  { id: 'S1', name: '龙眠街道', level: 'subdistrict', bbox: box(1) },
  { id: 'G1', name: '网格1', level: 'grid', bbox: box(1.001) },
  { id: 'G2', name: '网格2', level: 'grid', bbox: box(2.001) },
  { id: 'G3', name: '网格3', level: 'grid', bbox: box(3.001) },
];

describe('tourStops', () => {
  const cases: { title: string; open: [string, number][]; hot: number; keys: string[] }[] = [
    { title: 'no open events: city and areas only', open: [], hot: 5, keys: ['city:C', 'area:S1', 'area:T2'] },
    {
      title: 'hot spots by open events, most first',
      open: [
        ['G1', 2],
        ['G3', 9],
        ['G2', 0],
      ],
      hot: 5,
      keys: ['city:C', 'area:S1', 'area:T2', 'hot:G3', 'hot:G1'],
    },
    {
      title: 'at most the number asked for',
      open: [
        ['G1', 2],
        ['G3', 9],
        ['G2', 4],
      ],
      hot: 1,
      keys: ['city:C', 'area:S1', 'area:T2', 'hot:G3'],
    },
    { title: 'unknown grids are skipped', open: [['X', 10]], hot: 5, keys: ['city:C', 'area:S1', 'area:T2'] },
  ];
  for (const c of cases)
    it(c.title, () => expect(tourStops(units, new Map(c.open), c.hot).map((s) => s.key)).toEqual(c.keys));

  it('frames the city by the units below it, not by the county outline', () => {
    expect(tourStops(units, new Map())[0]!.bbox).toEqual(
      unionBbox(units.filter((u) => u.level !== 'city').map((u) => u.bbox)),
    );
  });
});

describe('cityTourStops', () => {
  const ring = (x: number): [number, number][] => [
    [x, 31],
    [x + 0.01, 31],
    [x + 0.01, 31.01],
    [x, 31],
  ];
  const cityUnits = [
    { id: 'C', name: '桐城市', level: 'city' as const },
    { id: 'S1', name: '龙眠街道', level: 'subdistrict' as const },
    { id: 'M1', name: '社区', level: 'community' as const },
    { id: 'V1', name: '村', level: 'village' as const },
    { id: 'G1', name: '网格1', level: 'grid' as const },
    { id: 'G2', name: '网格2', level: 'grid' as const },
    { id: 'T9', name: '无边界镇', level: 'town' as const },
  ];
  const outlines = ['C', 'S1', 'M1', 'V1', 'G1', 'G2'].map((unitId, i) => ({ unitId, ring: ring(i) }));
  const cases: { title: string; input: { gridIds: string[] | null; hot?: number }; expected: string[] }[] = [
    { title: 'no open events loaded yet', input: { gridIds: null }, expected: ['city:C', 'area:S1'] },
    {
      title: 'open events counted per grid; communities, villages and units without outline are no stops',
      input: { gridIds: ['G2', 'G1', 'G2', 'M1'] },
      expected: ['city:C', 'area:S1', 'hot:G2', 'hot:G1'],
    },
    {
      title: 'hot spots limited',
      input: { gridIds: ['G2', 'G1', 'G2'], hot: 1 },
      expected: ['city:C', 'area:S1', 'hot:G2'],
    },
  ];
  for (const c of cases)
    it(c.title, () => {
      const events = c.input.gridIds?.map((gridId) => ({ gridId })) ?? null;
      expect(cityTourStops(cityUnits, outlines, events, c.input.hot).map((s) => s.key)).toEqual(c.expected);
    });

  it('frames a unit by its outline', () =>
    expect(cityTourStops(cityUnits, outlines, null)[1]!.bbox).toEqual([1, 31, 1.01, 31.01]));
});

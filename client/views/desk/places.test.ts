import { describe, expect, it } from 'vitest';
import { holderName, shortTime } from '../../ui/caseFormat';
import { neighbourhood, type Places } from './places';
import type { Outline } from './spotMap.model';

const outline = (lon: number): Outline => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, 31],
      [lon + 0.001, 31],
      [lon, 31.001],
      [lon, 31],
    ],
  ],
});

const places: Places = {
  names: new Map([
    ['C1', '桃元社区'],
    ['G1', '桃元社区第1网格'],
  ]),
  units: new Map([
    ['C1', { outline: outline(116), parentId: 'S1', level: 'community' }],
    ['G1', { outline: outline(116.1), parentId: 'C1', level: 'grid' }],
    ['G2', { outline: outline(116.2), parentId: 'C1', level: 'grid' }],
    ['G3', { outline: outline(116.3), parentId: 'C2', level: 'grid' }],
  ]),
};

describe('neighbourhood', () => {
  it('draws the grid last, after the other grids of its community, and no grid of another', () => {
    const n = neighbourhood(places, 'G1');
    expect(n.focus).toBe(places.units.get('G1')!.outline);
    expect(n.outlines).toEqual([places.units.get('G2')!.outline, places.units.get('G1')!.outline]);
  });
  it('has nothing to draw for an unknown grid', () => {
    expect(neighbourhood(places, 'G9')).toEqual({ outlines: [] });
  });
});

describe('holderName', () => {
  it.each([
    ['centre', 'zh', '指挥中心'],
    ['D02', 'zh', '市城市管理局'],
    ['D02', 'en', 'Urban Management Bureau'],
    ['G1', 'zh', '桃元社区第1网格'],
    ['G9', 'zh', 'G9'],
  ] as const)('%s (%s) → %s', (id, lang, name) => {
    expect(holderName(id, places.names, lang, '指挥中心')).toBe(name);
  });
});

describe('shortTime', () => {
  const now = new Date('2026-11-30T08:00:00Z');
  it('writes the city’s own time, with the year only when it is another', () => {
    expect(shortTime('2026-11-30T03:05:00Z', 'zh-CN', now)).toBe('11/30 11:05');
    expect(shortTime('2025-05-05T13:53:00Z', 'zh-CN', now)).toBe('2025/05/05 21:53');
    expect(shortTime(null, 'zh-CN', now)).toBe('');
  });
});

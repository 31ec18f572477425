import { describe, expect, it } from 'vitest';
import type { ComponentFeature } from '../../api/twinApi';
import {
  componentCategoryColors,
  componentCategoryCounts,
  componentSpecs,
  componentStateMarks,
} from './components.model';

const component = (id: string, categoryCode: string, state: string, lon = 117, lat = 31): ComponentFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: {
    id,
    code: `340881-${categoryCode}-01-${id}`,
    categoryCode,
    category: `c${categoryCode}`,
    subtypeCode: `${categoryCode}01`,
    subtype: 's',
    departmentId: 'D02',
    state: state as never,
    gridId: 'G',
    roadId: null,
  },
});

describe('componentSpecs', () => {
  const cases: {
    title: string;
    input: ComponentFeature[];
    expected: { id: string; color: string; ring: string | null; far: boolean }[];
  }[] = [
    {
      title: 'colour by category, no ring when normal',
      input: [component('a', '01', 'normal')],
      expected: [{ id: 'a', color: componentCategoryColors['01']!, ring: null, far: true }],
    },
    {
      title: 'a damaged one is ringed red',
      input: [component('b', '04', 'damaged')],
      expected: [{ id: 'b', color: componentCategoryColors['04']!, ring: '#ff3b3b', far: true }],
    },
    {
      title: 'unknown category falls back to grey',
      input: [component('c', '99', 'missing')],
      expected: [{ id: 'c', color: '#a8b8d0', ring: '#ffffff', far: true }],
    },
    {
      title: 'an attention state wins the declutter cell over a normal neighbour',
      input: [component('n', '02', 'normal'), component('o', '02', 'occupied', 117.00001)],
      expected: [
        { id: 'n', color: componentCategoryColors['02']!, ring: null, far: false },
        { id: 'o', color: componentCategoryColors['02']!, ring: '#ff9f1c', far: true },
      ],
    },
    {
      title: 'a feature without a point geometry is left out',
      input: [{ ...component('x', '01', 'normal'), geometry: { type: 'Polygon', coordinates: [] } }],
      expected: [],
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const specs = componentSpecs(c.input);
      expect(
        specs.map((s) => ({
          id: s.pick.id,
          color: s.color,
          ring: s.outline?.color ?? null,
          far: s.maxDistanceM > 10_000,
        })),
      ).toEqual(c.expected);
      expect(specs.every((s) => s.pick.kind === 'component')).toBe(true);
    });
  }

  it('draws attention states larger than normal ones', () => {
    expect(componentStateMarks.damaged.sizePx).toBeGreaterThan(componentStateMarks.normal.sizePx);
  });

  it('counts categories in code order', () => {
    expect(
      componentCategoryCounts([
        component('a', '02', 'normal'),
        component('b', '01', 'normal'),
        component('c', '02', 'normal'),
      ]),
    ).toEqual([
      { code: '01', name: 'c01', count: 1 },
      { code: '02', name: 'c02', count: 2 },
    ]);
  });
});

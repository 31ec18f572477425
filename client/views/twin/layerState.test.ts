import { describe, expect, it } from 'vitest';
import type { PointSpec } from '../../twin/points/points.model';
import {
  categoryFilter,
  categoryIndex,
  drawnFeatures,
  hiddenLevels,
  layerCounts,
  type TwinLayer,
  toggled,
} from './layerState';

describe('toggled', () => {
  const cases: { title: string; input: [string[], string]; expected: string[] }[] = [
    { title: 'adds what is not there', input: [['grids'], 'events'], expected: ['grids', 'events'] },
    { title: 'removes what is', input: [['grids', 'events'], 'grids'], expected: ['events'] },
    { title: 'from nothing', input: [[], 'A'], expected: ['A'] },
  ];
  for (const c of cases) it(c.title, () => expect([...toggled(new Set(c.input[0]), c.input[1])]).toEqual(c.expected));
});

describe('hiddenLevels', () => {
  const cases: { title: string; input: TwinLayer[]; expected: number | undefined }[] = [
    { title: 'grids shown: none hidden', input: ['grids', 'events'], expected: undefined },
    { title: 'grids off: all six levels hidden', input: ['events'], expected: 6 },
  ];
  for (const c of cases) it(c.title, () => expect(hiddenLevels(new Set(c.input))?.size).toBe(c.expected));
});

describe('categoryFilter', () => {
  const index = categoryIndex([
    { properties: { id: 'C1', categoryCode: '01' } },
    { properties: { id: 'C2', categoryCode: '02' } },
  ]);
  const spec = (id: string) => ({ pick: { kind: 'component', id } }) as PointSpec;
  const cases: { title: string; input: { hidden: string[]; id: string }; expected: boolean | null }[] = [
    { title: 'nothing hidden: no filter at all', input: { hidden: [], id: 'C1' }, expected: null },
    { title: 'a hidden category is filtered out', input: { hidden: ['01'], id: 'C1' }, expected: false },
    { title: 'another category stays', input: { hidden: ['01'], id: 'C2' }, expected: true },
    { title: 'a component of no known category stays', input: { hidden: ['01'], id: 'C9' }, expected: true },
  ];
  for (const c of cases)
    it(c.title, () => {
      const filter = categoryFilter(index, new Set(c.input.hidden));
      expect(filter ? filter(spec(c.input.id)) : null).toBe(c.expected);
    });
});

describe('layerCounts', () => {
  const cases: { title: string; input: Parameters<typeof layerCounts>[0]; expected: ReturnType<typeof layerCounts> }[] =
    [
      {
        title: 'nothing loaded',
        input: { drawing: null, components: null, cameras: null, patrol: null, sensors: null, openEvents: null },
        expected: {},
      },
      {
        title: 'counts of what is loaded',
        input: {
          drawing: { featureCount: 7 },
          components: [1, 2],
          cameras: [],
          patrol: [1],
          sensors: null,
          openEvents: [1],
        },
        expected: { grids: 7, components: 2, cameras: 0, 'patrol-points': 1, events: 1 },
      },
    ];
  for (const c of cases) it(c.title, () => expect(layerCounts(c.input)).toEqual(c.expected));
});

describe('drawnFeatures', () => {
  const points = { components: 1, cameras: 1, 'patrol-points': 0, sensors: 1, events: 0 };
  const cases: { title: string; input: Partial<Record<TwinLayer, number>>; expected: number | null }[] = [
    { title: 'nothing drawn', input: {}, expected: null },
    { title: 'grids drawn, a point layer not yet', input: { grids: 9, components: 1 }, expected: null },
    { title: 'everything drawn (empty layers count)', input: { grids: 9, ...points }, expected: 9 },
    { title: 'points drawn, grids not yet', input: points, expected: null },
  ];
  for (const c of cases) it(c.title, () => expect(drawnFeatures(c.input)).toBe(c.expected));
});

import { describe, expect, it } from 'vitest';
import type { GridProperties } from '../../api/twinApi';
import { childrenByParent, unitPath, unitsById } from './unitPath';

const unit = (id: string, level: GridProperties['level'], parentId: string | null): GridProperties => ({
  id,
  code: id,
  name: id,
  level,
  area: null,
  parentId,
  areaM2: 0,
});
const units = new Map(
  [
    unit('C', 'city', null),
    unit('S', 'subdistrict', 'C'),
    unit('M', 'community', 'S'),
    unit('G', 'grid', 'M'),
    unit('X', 'grid', 'Y'),
    unit('Y', 'grid', 'X'),
  ].map((u) => [u.id, u]),
);

describe('unitPath', () => {
  const cases: [string | null, string[]][] = [
    ['G', ['C', 'S', 'M', 'G']],
    ['S', ['C', 'S']],
    ['C', ['C']],
    ['nope', []],
    [null, []],
    ['X', ['Y', 'X']], // a cycle in bad data ends the walk
  ];
  for (const [id, expected] of cases)
    it(String(id), () => expect(unitPath(units, id).map((u) => u.id)).toEqual(expected));
});

describe('unitsById and childrenByParent', () => {
  const features = [unit('G2', 'grid', 'M'), unit('M', 'community', null), unit('G1', 'grid', 'M')].map(
    (properties) => ({
      properties,
    }),
  );
  const cases: { title: string; input: string; expected: string[] }[] = [
    { title: 'children in id order', input: 'M', expected: ['G1', 'G2'] },
    { title: 'a leaf has none', input: 'G1', expected: [] },
    { title: 'an unknown unit has none', input: 'nope', expected: [] },
  ];
  for (const c of cases)
    it(c.title, () =>
      expect((childrenByParent(unitsById(features)).get(c.input) ?? []).map((u) => u.id)).toEqual(c.expected),
    );
  it('no grids loaded: no units', () => expect(unitsById(null).size).toBe(0));
});

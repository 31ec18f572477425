import { describe, expect, it } from 'vitest';
import type { GridProperties } from '../../api/twinApi';
import { unitPath } from './unitPath';

const unit = (id: string, level: GridProperties['level'], parentId: string | null): GridProperties => ({
  id,
  code: id,
  name: id,
  level,
  area: null,
  parentId,
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

import { describe, expect, it } from 'vitest';
import { pickRefOf } from './pickRef';

describe('pickRefOf', () => {
  const cases: [string, unknown, ReturnType<typeof pickRefOf>][] = [
    ['a point primitive', { id: { kind: 'component', id: 'C1' } }, { kind: 'component', id: 'C1' }],
    ['a camera billboard', { id: { kind: 'camera', id: 'CAM1' } }, { kind: 'camera', id: 'CAM1' }],
    ['a grid outline', { id: '340881001' }, { kind: 'unit', id: '340881001' }],
    ['empty ground', undefined, null],
    ['a primitive without id', { primitive: {} }, null],
    ['an empty id', { id: '' }, null],
    ['a malformed id object', { id: { kind: 1, id: 'x' } }, null],
  ];
  for (const [title, picked, expected] of cases) it(title, () => expect(pickRefOf(picked)).toEqual(expected));
});

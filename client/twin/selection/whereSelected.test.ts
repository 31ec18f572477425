import type { Camera } from '@domain/model';
import { describe, expect, it } from 'vitest';
import type { PickRef } from '../points/points.model';
import {
  type SelectionWhere,
  type SelectionWorld,
  selectedCamera,
  selectedOutlines,
  unitBbox,
  unitBboxes,
  whereSelected,
} from './whereSelected';

const at = (id: string, gridId: string, lon: number) => ({
  properties: { id, gridId },
  geometry: { coordinates: [lon, 31] },
});
const world: SelectionWorld = {
  components: [at('C1', 'G1', 117.1)],
  cameras: [at('V1', 'G2', 117.2)],
  patrol: [at('P1', 'G3', 117.3)],
  sensors: [at('S1', 'G4', 117.4)],
  openEvents: [{ id: 'E1', position: [117.5, 31], gridId: 'G5' }],
  loaded: null,
  alarm: null,
};
const loaded = { position: [117.6, 31] as [number, number], gridId: 'G6' };

describe('whereSelected', () => {
  const cases: { title: string; input: [PickRef | null, SelectionWorld]; expected: SelectionWhere }[] = [
    { title: 'nothing selected', input: [null, world], expected: { position: null, unitId: null } },
    {
      title: 'a unit is its own place',
      input: [{ kind: 'unit', id: 'G9' }, world],
      expected: { position: null, unitId: 'G9' },
    },
    {
      title: 'a component',
      input: [{ kind: 'component', id: 'C1' }, world],
      expected: { position: [117.1, 31], unitId: 'G1' },
    },
    {
      title: 'a camera',
      input: [{ kind: 'camera', id: 'V1' }, world],
      expected: { position: [117.2, 31], unitId: 'G2' },
    },
    {
      title: 'a patrol point',
      input: [{ kind: 'patrol-point', id: 'P1' }, world],
      expected: { position: [117.3, 31], unitId: 'G3' },
    },
    {
      title: 'a sensor',
      input: [{ kind: 'sensor', id: 'S1' }, world],
      expected: { position: [117.4, 31], unitId: 'G4' },
    },
    {
      title: 'a point not in its list',
      input: [{ kind: 'sensor', id: 'C1' }, world],
      expected: { position: null, unitId: null },
    },
    {
      title: 'an open event, from the open events before its panel',
      input: [
        { kind: 'event', id: 'E1' },
        { ...world, loaded },
      ],
      expected: { position: [117.5, 31], unitId: 'G5' },
    },
    {
      title: 'an event in no list, where its panel loaded it',
      input: [
        { kind: 'event', id: 'E2' },
        { ...world, loaded },
      ],
      expected: { position: [117.6, 31], unitId: 'G6' },
    },
    {
      title: 'an event not loaded yet',
      input: [{ kind: 'event', id: 'E2' }, world],
      expected: { position: null, unitId: null },
    },
    {
      title: 'an alarm at hand: its grid before it loads',
      input: [
        { kind: 'alarm', id: 'A1' },
        { ...world, alarm: { gridId: 'G7' } },
      ],
      expected: { position: null, unitId: 'G7' },
    },
    {
      title: 'an alarm loaded by its panel',
      input: [
        { kind: 'alarm', id: 'A1' },
        { ...world, loaded },
      ],
      expected: { position: [117.6, 31], unitId: 'G6' },
    },
    {
      title: 'a building: no marker, no path',
      input: [{ kind: 'building', id: 'B1' }, world],
      expected: { position: null, unitId: null },
    },
  ];
  for (const c of cases) it(c.title, () => expect(whereSelected(...c.input)).toEqual(c.expected));
});

describe('selectedCamera', () => {
  const camera = { id: 'V1', code: 'CAM-1', headingDeg: 90 } as Omit<Camera, 'position'>;
  const cameras = [{ properties: camera, geometry: { coordinates: [117, 31] } }];
  const cases: { title: string; input: PickRef | null; expected: Camera | null }[] = [
    {
      title: 'a selected camera, with its position',
      input: { kind: 'camera', id: 'V1' },
      expected: { ...camera, position: [117, 31] },
    },
    { title: 'an unknown camera', input: { kind: 'camera', id: 'V2' }, expected: null },
    { title: 'something else with the same id', input: { kind: 'component', id: 'V1' }, expected: null },
    { title: 'nothing selected', input: null, expected: null },
  ];
  for (const c of cases) it(c.title, () => expect(selectedCamera(c.input, cameras)).toEqual(c.expected));
});

const ring = (x: number, y: number): [number, number][] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y],
];
const outlines = [
  { key: 'G1:0', unitId: 'G1', level: 'grid' as const, area: null, ring: ring(0, 0) },
  { key: 'G1:1', unitId: 'G1', level: 'grid' as const, area: null, ring: ring(5, 5) },
  { key: 'G2:0', unitId: 'G2', level: 'grid' as const, area: null, ring: ring(2, 3) },
];

describe('unit bounds', () => {
  const cases: { title: string; input: string; expected: ReturnType<typeof unitBbox> }[] = [
    { title: 'a unit of two rings spans both', input: 'G1', expected: [0, 0, 6, 6] },
    { title: 'a unit of one ring', input: 'G2', expected: [2, 3, 3, 4] },
    { title: 'a unit with no outline', input: 'G3', expected: null },
  ];
  for (const c of cases) {
    it(c.title, () => expect(unitBbox(outlines, c.input)).toEqual(c.expected));
    it(`${c.title} (all at once)`, () => expect(unitBboxes(outlines).get(c.input) ?? null).toEqual(c.expected));
  }
});

describe('selectedOutlines', () => {
  const cases: { title: string; input: PickRef | null; expected: string[] }[] = [
    { title: 'a unit: its rings', input: { kind: 'unit', id: 'G1' }, expected: ['G1:0', 'G1:1'] },
    { title: 'a point: none', input: { kind: 'component', id: 'G1' }, expected: [] },
    { title: 'nothing: none', input: null, expected: [] },
  ];
  for (const c of cases)
    it(c.title, () => expect(selectedOutlines(c.input, outlines).map((o) => o.key)).toEqual(c.expected));
});

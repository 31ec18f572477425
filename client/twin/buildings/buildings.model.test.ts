import { describe, expect, it } from 'vitest';
import type { BuildingCard } from '../../api/twinApi';
import { buildingIdOf, cardRows, statusAttributes } from './buildings.model';

const feature = (id: unknown) => ({ getProperty: (name: string) => (name === 'id' ? id : undefined) });

describe('buildingIdOf', () => {
  it.each([
    ['a tile feature with a building id', feature('B000123'), 'B000123'],
    ['a feature with another kind of id', feature('C000001'), null],
    ['a feature with no id', feature(undefined), null],
    ['a point primitive pick', { id: { kind: 'component', id: 'C1' }, primitive: {} }, null],
    ['nothing', undefined, null],
  ])('%s → %s', (_, picked, expected) => expect(buildingIdOf(picked)).toBe(expected));
});

describe('cardRows', () => {
  const card: BuildingCard = {
    id: 'B000001',
    address: '龙眠花园1栋',
    use: 'residential',
    kind: 'tower',
    builtYear: 2016,
    era: 'since-2010',
    floors: 28,
    heightM: 84.6,
    gridId: 'G1',
    gridName: '龙眠社区第1网格',
    dwellings: 84,
    households: 80,
    residents: 1234,
  };
  it('lists address, use, kind, year built, floors, grid, households and residents, counts only', () => {
    const rows = cardRows(card, (n) => n.toLocaleString('en'));
    expect(rows.map((r) => r.label)).toEqual([
      'building.address',
      'building.use',
      'building.kind',
      'building.built',
      'building.floors',
      'building.grid',
      'building.households',
      'building.residents',
    ]);
    expect(rows[0]!.text).toBe('龙眠花园1栋');
    expect(rows[1]!.value).toBe('building.use.residential');
    expect(rows[2]!.value).toBe('building.kind.tower');
    expect(rows[3]).toMatchObject({ value: 'building.era.since-2010', vars: { year: 2016 } });
    expect(rows[4]!.vars).toEqual({ floors: 28, height: 85 });
    expect(rows[5]!.text).toBe('龙眠社区第1网格');
    expect(rows[7]!.vars).toEqual({ residents: '1,234' });
  });

  it('leaves out the year where the store does not know it', () => {
    const rows = cardRows({ ...card, builtYear: null, era: null });
    expect(rows.map((r) => r.label)).not.toContain('building.built');
  });
});

describe('statusAttributes', () => {
  it('reports tiles, readiness, picks and the selection as data attributes', () => {
    expect(
      statusAttributes({ tilesLoaded: 3, ready: true, settled: 4, loading: false, picks: 2, selected: 'B1' }),
    ).toEqual({
      buildingTiles: '3',
      buildingsReady: 'true',
      buildingsSettled: '4',
      buildingsLoading: 'false',
      buildingPicks: '2',
      buildingSelected: 'B1',
      buildingsError: undefined,
    });
    expect(
      statusAttributes({
        tilesLoaded: 0,
        ready: false,
        settled: 0,
        loading: true,
        picks: 0,
        selected: null,
        error: 'x',
      }).buildingSelected,
    ).toBeUndefined();
  });
});

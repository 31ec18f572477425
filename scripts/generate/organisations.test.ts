import { beforeAll, describe, expect, it } from 'vitest';
import { isValidPhone } from '../../server/domain/identity';
import type { Organisation } from '../../server/domain/model';
import { apportion } from './apportion';
import { unitOfAddress } from './dwellings';
import { generateOrganisations, type Organisations, shortCommunity } from './organisations';
import { generatePopulation, type Population } from './people';
import { Rng } from './random';
import { FULL_STRUCTURE, syntheticCity } from './syntheticCity';

const city = syntheticCity(FULL_STRUCTURE);
let pop: Population;
let orgs: Organisations;

beforeAll(() => {
  pop = generatePopulation(new Rng(5).fork('population'), 1, city);
  orgs = generateOrganisations(new Rng(5).fork('organisations'), 1, { ...city, ...pop });
}, 60_000);

const ofKind = (kind: Organisation['kind']) => orgs.organisations.filter((o) => o.kind === kind);

describe('generateOrganisations at scale 1', () => {
  it('builds 23 alliances, 63 grid branches and 211 compound groups in a proper tree', () => {
    const alliances = ofKind('party-alliance');
    const branches = ofKind('grid-party-branch');
    const groups = ofKind('compound-party-group');
    expect(alliances).toHaveLength(23);
    expect(branches).toHaveLength(63);
    expect(groups).toHaveLength(211);
    const byId = new Map(orgs.organisations.map((o) => [o.id, o]));
    expect(new Set(orgs.organisations.map((o) => o.id)).size).toBe(orgs.organisations.length);
    const units = new Map(city.adminUnits.map((u) => [u.id, u]));
    for (const a of alliances) {
      expect(a.parentId).toBeNull();
      expect(units.get(a.adminUnitId)?.level).toBe('community');
      expect(units.get(a.adminUnitId)?.area).toBe('urban');
    }
    expect(new Set(alliances.map((a) => a.adminUnitId)).size).toBe(23);
    for (const b of branches) {
      expect(byId.get(b.parentId!)?.kind).toBe('party-alliance');
      const grid = units.get(b.adminUnitId)!;
      expect(grid.level).toBe('grid');
      expect(grid.area).toBe('urban');
      expect(grid.parentId).toBe(byId.get(b.parentId!)!.adminUnitId); // the branch's grid is in its alliance's community
    }
    // every alliance has at least one branch, every branch at least one group
    for (const a of alliances) expect(branches.some((b) => b.parentId === a.id)).toBe(true);
    for (const b of branches) expect(groups.some((g) => g.parentId === b.id)).toBe(true);
    for (const g of groups) {
      expect(byId.get(g.parentId!)?.kind).toBe('grid-party-branch');
      expect(g.position).not.toBeNull();
    }
  });

  it('appoints 1,372 unit heads: adults living in a building unit of their own party group', () => {
    expect(orgs.unitHeads).toHaveLength(1_372);
    const residents = new Map(pop.residents.map((r) => [r.id, r]));
    const households = new Map(pop.households.map((h) => [h.id, h]));
    const buildings = new Map(city.buildings.map((b) => [b.id, b]));
    const groups = new Map(ofKind('compound-party-group').map((g) => [g.id, g]));
    const branches = new Map(ofKind('grid-party-branch').map((b) => [b.id, b]));
    const seen = new Set<string>();
    let party = 0;
    for (const h of orgs.unitHeads) {
      const r = residents.get(h.residentId)!;
      const home = households.get(r.householdId)!;
      expect(home.buildingId).toBe(h.buildingId);
      expect(unitOfAddress(home.address)).toBe(h.unit);
      expect(Date.UTC(2026, 10, 1) - Date.parse(r.birthDate)).toBeGreaterThan(18 * 365.25 * 86_400_000);
      const group = groups.get(h.partyGroupId)!;
      const branch = branches.get(group.parentId!)!;
      // the building's grid belongs to the branch's community
      const grid = city.adminUnits.find((u) => u.id === buildings.get(h.buildingId)!.gridId)!;
      const branchGrid = city.adminUnits.find((u) => u.id === branch.adminUnitId)!;
      expect(grid.parentId).toBe(branchGrid.parentId);
      const key = `${h.buildingId}#${h.unit}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      if (r.tags.includes('party-member')) party++;
    }
    expect(party / orgs.unitHeads.length).toBeGreaterThan(0.3);
    for (const g of groups.values()) expect(orgs.unitHeads.some((h) => h.partyGroupId === g.id)).toBe(true);
  });

  it('has one grid worker per urban grid and none in village grids', () => {
    const urban = city.adminUnits.filter((u) => u.level === 'grid' && u.area === 'urban');
    expect(orgs.gridWorkers).toHaveLength(105);
    expect(new Set(orgs.gridWorkers.map((w) => w.gridId))).toEqual(new Set(urban.map((u) => u.id)));
    const phones = new Set(pop.residents.map((r) => r.phone));
    for (const w of orgs.gridWorkers) {
      expect(isValidPhone(w.phone)).toBe(true);
      expect(phones.has(w.phone)).toBe(false);
      expect(w.name.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives compounds property companies and commercial buildings businesses', () => {
    const property = ofKind('property-company');
    const business = ofKind('business');
    expect(property.length).toBeGreaterThan(211);
    expect(property.length).toBeLessThanOrEqual(315); // 3 compounds in each of 105 urban grids
    const commercial = city.buildings.filter((b) => b.use === 'commercial').length;
    expect(business.length).toBeGreaterThanOrEqual(commercial);
    for (const o of [...property, ...business]) expect(o.position).not.toBeNull();
  });
});

describe('generateOrganisations', () => {
  it('scales unit heads but not the party structure', () => {
    const p = generatePopulation(new Rng(2), 0.1, city);
    const o = generateOrganisations(new Rng(2), 0.1, { ...city, ...p });
    expect(o.unitHeads).toHaveLength(137);
    expect(o.organisations.filter((x) => x.kind === 'compound-party-group')).toHaveLength(211);
    expect(o.gridWorkers).toHaveLength(105);
  });

  it('is deterministic', () => {
    const p = generatePopulation(new Rng(9), 0.05, city);
    const a = generateOrganisations(new Rng(9), 0.05, { ...city, ...p });
    const b = generateOrganisations(new Rng(9), 0.05, { ...city, ...p });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it.each([
    ['钱庄居委会', '钱庄'],
    ['水源社区居民委员会', '水源'],
    ['文昌社区', '文昌'],
  ])('shortens %s to %s', (name, short) => {
    expect(shortCommunity(name)).toBe(short);
  });
});

describe('apportion', () => {
  it.each([
    [10, [1, 1, 1], [10, 10, 10], 0, [4, 3, 3]],
    [63, [5, 5, 4, 3], [5, 5, 4, 3], 1, null],
    [5, [100, 1], [3, 10], 1, [3, 2]],
    [4, [0, 0], [2, 2], 0, [2, 2]],
  ] as const)('apportion(%i, %j, caps %j, floor %i)', (total, weights, caps, floorEach, expected) => {
    if (expected === null) {
      expect(() => apportion(total, weights, caps, floorEach)).toThrow(/room/);
      return;
    }
    const seats = apportion(total, weights, caps, floorEach);
    expect(seats).toEqual(expected);
    expect(seats.reduce((a, b) => a + b, 0)).toBe(total);
  });
});

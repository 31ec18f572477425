// The generated reference dataset (the shared small one, scale 0.02): the article's structure exactly,
// volumes scaled, polygons that tile their parents, and every thing inside the grid it names.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { unitName } from '../scripts/generate/geography/reference';
import { HOUSEHOLDS_PER_GRID, STRUCTURE, scaled, VOLUMES } from '../server/domain/facts';
import { isValidIdNumber } from '../server/domain/identity';
import type { AdminUnit, CityDataset, LonLat } from '../server/domain/model';
import { readDataset } from './helpers/dataset';
import { SMALL } from './helpers/small';

let data: CityDataset;
let units: Map<string, AdminUnit>;
const shape = (u: AdminUnit) => turf.feature(u.geometry) as Feature<Polygon | MultiPolygon>;

beforeAll(() => {
  data = readDataset(inject('smallDataDir'));
  units = new Map(data.adminUnits.map((u) => [u.id, u]));
});

const byLevel = (level: AdminUnit['level'], area?: AdminUnit['area']) =>
  data.adminUnits.filter((u) => u.level === level && (area === undefined || u.area === area));

describe('structure (never scaled)', () => {
  it('has the article’s admin tree: 3/23/105 urban, 2/39/199 village pilot, under the real city', () => {
    expect(byLevel('city').map((u) => [u.id, u.name])).toEqual([['340881', '桐城市']]);
    expect(
      byLevel('subdistrict')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['文昌街道', '龙眠街道', '龙腾街道'].sort());
    expect(byLevel('community')).toHaveLength(STRUCTURE.communities);
    expect(byLevel('grid', 'urban')).toHaveLength(STRUCTURE.urbanGrids);
    expect(
      byLevel('town')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['新渡镇', '范岗镇'].sort());
    expect(byLevel('village')).toHaveLength(STRUCTURE.villages);
    expect(byLevel('grid', 'village')).toHaveLength(STRUCTURE.villageGrids);
    expect(data.departments).toHaveLength(STRUCTURE.departments);
    expect(data.taxonomy.categories).toHaveLength(STRUCTURE.taxonomy.categories);
    expect(data.taxonomy.subcategories).toHaveLength(STRUCTURE.taxonomy.subcategories);
    expect(data.taxonomy.items).toHaveLength(STRUCTURE.taxonomy.items);
    const orgs = (kind: string) => data.organisations.filter((o) => o.kind === kind).length;
    expect(orgs('party-alliance')).toBe(STRUCTURE.communityPartyAlliances);
    expect(orgs('grid-party-branch')).toBe(STRUCTURE.gridPartyBranches);
    expect(orgs('compound-party-group')).toBe(STRUCTURE.compoundPartyGroups);
    expect(data.gridWorkers).toHaveLength(STRUCTURE.urbanGrids);
  });

  it('uses the real names and codes of the reference divisions', async () => {
    const { default: divisions } = await import('../data/reference/tongcheng-divisions.json');
    const real = new Map(
      divisions.townships.flatMap((t: any) => [[t.code, t.name], ...t.units.map((u: any) => [u.code, u.name])]),
    );
    for (const u of data.adminUnits.filter((x) => ['subdistrict', 'town'].includes(x.level)))
      expect(real.get(u.code), u.code).toBe(u.name);
    // communities and villages by their committee's real name, in one style (三里居委会 → 三里社区)
    for (const u of data.adminUnits.filter((x) => x.level === 'community' || x.level === 'village')) {
      const committee = real.get(u.code) as string;
      expect(unitName({ code: u.code, name: committee, kind: u.level as 'community' | 'village' }), u.code).toBe(
        u.name,
      );
    }
  });
});

describe('volumes (scaled)', () => {
  it.each([
    ['components', () => data.components.length, VOLUMES.components],
    ['cameras', () => data.cameras.length, VOLUMES.cameras],
    ['patrol points', () => data.patrolPoints.length, VOLUMES.patrolPoints],
    ['residents', () => data.residents.length, VOLUMES.residents],
    ['unit heads', () => data.unitHeads.length, VOLUMES.unitHeads],
    // reports never filed (rejected, merged) are counted apart from the cases
    [
      'events',
      () => data.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged').length,
      VOLUMES.events,
    ],
  ])('%s = scaled figure', (_name, actual, full) => expect(actual()).toBe(scaled(full, SMALL.scale)));

  it('closes 99.3% of historical events', () => {
    const closed = data.events.filter((e) => e.status === 'closed').length;
    expect(closed).toBe(Math.round(scaled(VOLUMES.events, SMALL.scale) * VOLUMES.closureRate));
  });

  it('puts 300–500 households (scaled) in every one of the 304 grids', () => {
    const perGrid = new Map<string, number>();
    for (const h of data.households) perGrid.set(h.gridId, (perGrid.get(h.gridId) ?? 0) + 1);
    const grids = byLevel('grid');
    expect(grids).toHaveLength(304);
    const lo = Math.max(1, Math.floor(HOUSEHOLDS_PER_GRID.min * SMALL.scale));
    const hi = Math.max(1, Math.ceil(HOUSEHOLDS_PER_GRID.max * SMALL.scale));
    for (const g of grids) {
      const n = perGrid.get(g.id) ?? 0;
      expect(n, g.id).toBeGreaterThanOrEqual(lo);
      expect(n, g.id).toBeLessThanOrEqual(hi);
    }
  });

  it('gives every resident a valid identity number of region 340881', () => {
    for (const r of data.residents) {
      expect(r.idNumber.startsWith('340881'), r.idNumber).toBe(true);
      expect(isValidIdNumber(r.idNumber), r.idNumber).toBe(true);
    }
  });
});

describe('polygons', () => {
  const ratio = (a: number, b: number) => Math.abs(a - b) / b;

  it('tile their parent: children cover it with no gaps or overlaps beyond rounding', () => {
    for (const parent of data.adminUnits.filter((u) => u.level !== 'grid' && u.level !== 'city')) {
      const children = data.adminUnits.filter((u) => u.parentId === parent.id);
      expect(children.length, parent.name).toBeGreaterThan(0);
      const childArea = children.reduce((s, c) => s + turf.area(shape(c)), 0);
      // a subdistrict's communities tile its part of the urban area; the rest is its rural edge
      if (parent.level === 'subdistrict') expect(childArea, parent.name).toBeLessThan(turf.area(shape(parent)));
      else
        expect(ratio(childArea, turf.area(shape(parent))), `${parent.name}: children's area vs its own`).toBeLessThan(
          0.005,
        );
      const union = children.length > 1 ? turf.union(turf.featureCollection(children.map(shape))) : shape(children[0]!);
      expect(ratio(turf.area(union!), childArea), `${parent.name}: overlap among children`).toBeLessThan(0.005);
      const outside = turf.difference(turf.featureCollection([union!, shape(parent)]));
      expect(outside ? turf.area(outside) / childArea : 0, `${parent.name}: children outside it`).toBeLessThan(0.005);
    }
  });

  it('lie inside the real county outline', () => {
    const county = shape(byLevel('city')[0]!);
    for (const u of [...byLevel('subdistrict'), ...byLevel('town')]) {
      const outside = turf.difference(turf.featureCollection([shape(u), county]));
      expect(outside ? turf.area(outside) / turf.area(shape(u)) : 0, u.name).toBeLessThan(0.005);
    }
  });

  it('keep subdistricts and towns apart', () => {
    const tops = [...byLevel('subdistrict'), ...byLevel('town')];
    for (let i = 0; i < tops.length; i++)
      for (let j = i + 1; j < tops.length; j++) {
        const overlap = turf.intersect(turf.featureCollection([shape(tops[i]!), shape(tops[j]!)]));
        expect(overlap ? turf.area(overlap) : 0, `${tops[i]!.name} ∩ ${tops[j]!.name}`).toBeLessThan(1000);
      }
  });
});

describe('everything lies in the grid it names', () => {
  const inGrid = (gridId: string, p: LonLat) => turf.booleanPointInPolygon(p, shape(units.get(gridId)!));

  it.each([
    ['components', () => data.components],
    ['cameras', () => data.cameras],
    ['patrol points', () => data.patrolPoints],
    ['sensors', () => data.sensors],
    ['events', () => data.events],
  ])('%s', (_name, rows) => {
    for (const r of rows()) expect(inGrid(r.gridId, r.position), r.id).toBe(true);
  });

  it('buildings, footprint and all', () => {
    for (const b of data.buildings) {
      expect(units.get(b.gridId)?.level, b.id).toBe('grid');
      expect(inGrid(b.gridId, b.centroid), b.id).toBe(true);
      for (const v of b.footprint[0]!) expect(inGrid(b.gridId, v), `${b.id} vertex`).toBe(true);
    }
  });

  it('residents, through their household’s building', () => {
    const households = new Map(data.households.map((h) => [h.id, h]));
    const buildings = new Map(data.buildings.map((b) => [b.id, b]));
    const perBuilding = new Map<string, number>();
    for (const h of data.households) {
      const b = buildings.get(h.buildingId)!;
      expect(b.gridId, h.id).toBe(h.gridId);
      perBuilding.set(b.id, (perBuilding.get(b.id) ?? 0) + 1);
    }
    for (const [id, n] of perBuilding) expect(n, id).toBeLessThanOrEqual(buildings.get(id)!.dwellings);
    for (const r of data.residents) expect(households.get(r.householdId)?.gridId, r.id).toBe(r.gridId);
  });

  it('smart manholes sit on manhole covers of main roads', () => {
    const components = new Map(data.components.map((c) => [c.id, c]));
    const roads = new Map(data.roads.map((r) => [r.id, r]));
    const manholes = data.sensors.filter((s) => s.kind === 'manhole');
    expect(manholes.length).toBeGreaterThan(0);
    for (const s of manholes) {
      const cover = components.get(s.componentId!)!;
      expect(cover, s.id).toBeDefined();
      expect(roads.get(cover.roadId!)?.class, s.id).toBe('main');
    }
  });
});

describe('event timelines', () => {
  it('start with the report, keep time order, and end closed cases with their evaluation', () => {
    const steps = new Map<string, typeof data.eventSteps>();
    for (const s of data.eventSteps) (steps.get(s.eventId) ?? steps.set(s.eventId, []).get(s.eventId)!).push(s);
    for (const e of data.events) {
      const list = (steps.get(e.id) ?? []).sort((a, b) => a.seq - b.seq);
      expect(list[0]?.action, e.id).toBe('report');
      if (e.status === 'closed') expect(list.at(-1)!.action, e.id).toBe('evaluate');
      for (let i = 1; i < list.length; i++) expect(list[i]!.at >= list[i - 1]!.at, e.id).toBe(true);
      expect(e.reportedAt < SMALL.today, e.id).toBe(true);
    }
  });
});

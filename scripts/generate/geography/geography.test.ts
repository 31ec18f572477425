import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminUnit, Building } from '../../../server/domain/model';
import { Rng } from '../random';
import { EXCLUDED_COMMUNITY, type Geography, generateGeography, loadReference, MIN_GRID_DWELLINGS } from './index';
import { URBAN_MAIN_ROADS } from './names';
import { unitName } from './reference';

const reference = loadReference();
let geo: Geography;
let byId: Map<string, AdminUnit>;

beforeAll(() => {
  geo = generateGeography(new Rng(7), reference);
  byId = new Map(geo.adminUnits.map((u) => [u.id, u]));
});

const poly = (u: AdminUnit) => turf.feature(u.geometry);
const children = (id: string) => geo.adminUnits.filter((u) => u.parentId === id);

describe('admin tree', () => {
  it.each([
    ['city', null, 1],
    ['subdistrict', 'urban', 3],
    ['community', 'urban', 23],
    ['grid', 'urban', 105],
    ['town', 'village', 2],
    ['village', 'village', 39],
    ['grid', 'village', 199],
  ] as const)('has %s/%s: %d', (level, area, n) => {
    expect(geo.adminUnits.filter((u) => u.level === level && u.area === area)).toHaveLength(n);
  });

  it('puts the city on the real county outline', () => {
    const city = byId.get('340881')!;
    expect(city).toMatchObject({ code: '340881', name: '桐城市', level: 'city', area: null, parentId: null });
    expect(city.geometry).toEqual(reference.county.geometry);
  });

  it('uses the real codes and names, without the newer 碧桂园 community', () => {
    expect(byId.get('340881003')?.name).toBe('龙眠街道');
    expect(byId.get('340881002')?.name).toBe('文昌街道');
    expect(byId.get('340881001')?.name).toBe('龙腾街道');
    expect(byId.get('340881103')?.name).toBe('新渡镇');
    expect(byId.get('340881102')?.name).toBe('范岗镇');
    expect(byId.has(EXCLUDED_COMMUNITY.code)).toBe(false);
    const realCodes = new Set(reference.townships.flatMap((t) => t.units.map((u) => u.code)));
    const realUnits = new Map(reference.townships.flatMap((t) => t.units.map((u) => [u.code, u])));
    // named in one style from their committee's real name: 社区 in the city, 村 in the villages
    for (const u of geo.adminUnits.filter((x) => x.level === 'community' || x.level === 'village')) {
      expect(realCodes.has(u.id)).toBe(true);
      expect(u.name).toBe(unitName(realUnits.get(u.id)!));
      expect(u.name).toMatch(u.level === 'community' ? /社区$/ : /村$/);
    }
    expect(byId.get('340881002001')?.name).toBe('三里社区');
    expect(children('340881103')).toHaveLength(21);
    expect(children('340881102')).toHaveLength(18);
  });

  it('names and numbers grids after their parent', () => {
    expect(byId.get('340881002001G01')?.name).toBe('三里社区第1网格');
    expect(byId.get('340881102200G01')?.name).toBe('月山村第1网格');
    for (const g of geo.adminUnits.filter((u) => u.level === 'grid')) {
      expect(g.id).toMatch(new RegExp(`^${g.parentId}G\\d{2}$`));
      expect(g.code).toBe(g.id);
    }
  });

  it('gives urban communities 4–5 grids and villages 4–7', () => {
    for (const c of geo.adminUnits.filter((u) => u.level === 'community')) {
      expect(children(c.id).length).toBeGreaterThanOrEqual(4);
      expect(children(c.id).length).toBeLessThanOrEqual(5);
    }
    for (const v of geo.adminUnits.filter((u) => u.level === 'village')) {
      expect(children(v.id).length).toBeGreaterThanOrEqual(4);
      expect(children(v.id).length).toBeLessThanOrEqual(7);
    }
  });

  it('fills centroid and area, and rounds coordinates to 6 decimals', () => {
    for (const u of geo.adminUnits) {
      expect(u.areaM2).toBeCloseTo(turf.area(u.geometry), -1);
      if (u.level !== 'city') expect(turf.booleanPointInPolygon(u.centroid, u.geometry)).toBe(true);
      if (u.geometry.type === 'Polygon')
        for (const [x, y] of u.geometry.coordinates[0]!) expect([x, y]).toEqual([+x.toFixed(6), +y.toFixed(6)]);
    }
  });

  const parents = () => geo.adminUnits.filter((u) => u.level !== 'grid' && u.level !== 'city');
  it('tiles every parent with its children: areas sum, no overlaps, all inside', () => {
    for (const parent of parents()) {
      const kids = children(parent.id);
      const sum = kids.reduce((a, k) => a + turf.area(k.geometry), 0);
      expect(Math.abs(sum - parent.areaM2) / parent.areaM2, parent.id).toBeLessThan(0.005);
      for (const k of kids) {
        const inside = turf.intersect(turf.featureCollection([poly(k), poly(parent)]) as never);
        expect(inside ? turf.area(inside) / turf.area(k.geometry) : 0, k.id).toBeGreaterThan(0.999);
      }
      for (let i = 0; i < kids.length; i++)
        for (let j = i + 1; j < kids.length; j++) {
          const overlap = turf.intersect(turf.featureCollection([poly(kids[i]!), poly(kids[j]!)]) as never);
          expect(overlap ? turf.area(overlap) : 0, `${kids[i]!.id} × ${kids[j]!.id}`).toBeLessThan(1);
        }
    }
  });

  it('keeps the urban area and the towns inside the county, apart from each other', () => {
    const county = byId.get('340881')!.geometry;
    const tops = geo.adminUnits.filter((u) => u.level === 'subdistrict' || u.level === 'town');
    for (const t of tops)
      for (const p of (t.geometry.coordinates as number[][][])[0]!)
        expect(turf.booleanPointInPolygon(p, county)).toBe(true);
    const towns = tops.filter((t) => t.level === 'town');
    for (const t of towns)
      for (const o of tops.filter((x) => x !== t)) expect(turf.booleanDisjoint(poly(t), poly(o))).toBe(true);
    // 新渡镇 south-west and 范岗镇 south-east of the urban core, 10–25 km out
    const core = turf.point([116.95, 31.05]);
    for (const [code, west] of [
      ['340881103', true],
      ['340881102', false],
    ] as const) {
      const c = byId.get(code)!.centroid;
      expect(c[1]).toBeLessThan(31.05);
      expect(c[0] < 116.95).toBe(west);
      const km = turf.distance(core, c);
      expect(km).toBeGreaterThan(10);
      expect(km).toBeLessThan(25);
    }
  });
});

describe('roads and river', () => {
  it('has 6–10 named urban main roads, secondary roads and a river', () => {
    const urbanNames: string[] = [...URBAN_MAIN_ROADS.eastWest, ...URBAN_MAIN_ROADS.northSouth, URBAN_MAIN_ROADS.ring];
    const mains = geo.roads.filter((r) => r.class === 'main' && urbanNames.includes(r.name));
    expect(mains.length).toBeGreaterThanOrEqual(6);
    expect(mains.length).toBeLessThanOrEqual(10);
    expect(geo.roads.filter((r) => r.class === 'secondary').length).toBeGreaterThan(20);
    expect(geo.rivers.map((r) => r.name)).toEqual(['龙眠河']);
    for (const r of geo.roads) expect(r.line.length).toBeGreaterThanOrEqual(2);
  });
});

describe('buildings', () => {
  it('keeps the count browser-sized', () => {
    expect(geo.buildings.length).toBeGreaterThanOrEqual(15_000);
    expect(geo.buildings.length).toBeLessThanOrEqual(30_000);
  });

  it('gives every grid at least 600 dwellings', () => {
    const dwellings = new Map<string, number>();
    for (const b of geo.buildings) dwellings.set(b.gridId, (dwellings.get(b.gridId) ?? 0) + b.dwellings);
    for (const g of geo.adminUnits.filter((u) => u.level === 'grid'))
      expect(dwellings.get(g.id) ?? 0, g.id).toBeGreaterThanOrEqual(MIN_GRID_DWELLINGS);
  });

  it('puts every footprint vertex and centroid inside its grid polygon', () => {
    for (const b of geo.buildings) {
      const grid = byId.get(b.gridId)!;
      expect(grid.level).toBe('grid');
      expect(turf.booleanPointInPolygon(b.centroid, grid.geometry), b.id).toBe(true);
      for (const p of b.footprint[0]!) expect(turf.booleanPointInPolygon(p, grid.geometry), b.id).toBe(true);
    }
  });

  const rules: [Building['use'], (b: Building) => boolean][] = [
    [
      'residential',
      (b) =>
        b.floors >= 5 &&
        b.floors <= 33 &&
        b.dwellings >= b.floors * 2 &&
        b.dwellings % b.floors === 0 &&
        /\d+栋$/.test(b.address),
    ],
    ['commercial', (b) => b.dwellings === 0 && /路|街|道|巷/.test(b.address) && /号$/.test(b.address)],
    ['public', (b) => b.dwellings === 0 && /号$/.test(b.address)],
    ['industrial', (b) => b.dwellings === 0 && b.floors <= 3],
    [
      'village-house',
      (b) => b.floors >= 2 && b.floors <= 3 && b.dwellings >= 3 && b.dwellings <= 12 && /村\d+组\d+号$/.test(b.address),
    ],
  ];
  it.each(rules)('%s buildings are well formed', (use, ok) => {
    const list = geo.buildings.filter((b) => b.use === use);
    expect(list.length).toBeGreaterThan(0);
    for (const b of list) {
      expect(ok(b), JSON.stringify(b)).toBe(true);
      expect(b.heightM).toBeGreaterThan(b.floors * 3);
      expect(b.heightM).toBeLessThanOrEqual(b.floors * 3 + 1.5);
    }
  });

  it('gives every building a unique id and address', () => {
    expect(new Set(geo.buildings.map((b) => b.id)).size).toBe(geo.buildings.length);
    expect(new Set(geo.buildings.map((b) => b.address)).size).toBe(geo.buildings.length);
  });
});

describe('determinism', () => {
  it('makes the same geography from the same seed, and another from another', () => {
    const again = generateGeography(new Rng(7), reference);
    expect(JSON.stringify(again)).toBe(JSON.stringify(geo));
    const other = generateGeography(new Rng(8), reference);
    expect(JSON.stringify(other.buildings.slice(0, 10))).not.toBe(JSON.stringify(geo.buildings.slice(0, 10)));
  });
});

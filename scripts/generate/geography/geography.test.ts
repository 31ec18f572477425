import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraOf } from '../../../server/domain/buildingEra';
import { URBAN_CORE } from '../../../server/domain/facts';
import type { AdminUnit, Building, RoadKind } from '../../../server/domain/model';
import { Rng } from '../random';
import { PILOT_SEATS } from './county';
import { directionOf } from './directions';
import { toLonLat, toXY } from './frame';
import {
  EXCLUDED_COMMUNITY,
  type Geography,
  generateGeography,
  loadReference,
  MIN_GRID_DWELLINGS,
  SUNLIGHT_FACTOR,
  VILLAGE_DWELLINGS,
} from './index';
import { URBAN_MAIN_ROADS } from './names';
import { connectedGroups, kmByKind, shareOfBordersAlong, villageRoadDensity } from './networkMeasures';
import { nearestOn } from './paths';
import { unitName } from './reference';
import { riverCourse } from './river';
import { HAMLET_ROADS } from './villageHouses';

const reference = loadReference();
let geo: Geography;
let byId: Map<string, AdminUnit>;

beforeAll(() => {
  geo = generateGeography(new Rng(7), reference);
  byId = new Map(geo.adminUnits.map((u) => [u.id, u]));
}, 60_000);

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
      // a subdistrict's communities tile its part of the urban area; the rest is its rural edge
      if (parent.level === 'subdistrict') expect(sum, parent.id).toBeLessThan(parent.areaM2);
      else expect(Math.abs(sum - parent.areaM2) / parent.areaM2, parent.id).toBeLessThan(0.005);
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

  it("makes the urban communities one urban area, without gaps, inside the subdistricts' territory", () => {
    const communities = geo.adminUnits.filter((u) => u.level === 'community');
    const union = turf.union(turf.featureCollection(communities.map(poly)) as never)!;
    expect(union.geometry.type).toBe('Polygon');
    // no hole but the slivers of rounding to 6 decimals where a border meets another mid-edge
    for (const hole of (union.geometry.coordinates as number[][][]).slice(1)) {
      const ring = turf.polygon([hole]);
      expect(turf.area(ring) / turf.length(turf.polygonToLine(ring) as never, { units: 'meters' })).toBeLessThan(0.1);
    }
    const urbanKm2 = turf.area(union) / 1e6;
    const cityKm2 = geo.adminUnits.filter((u) => u.level === 'subdistrict').reduce((a, u) => a + u.areaM2, 0) / 1e6;
    // the article's 42,000 or so urban households at a county town's density: some 20 km², not 50
    expect(urbanKm2).toBeGreaterThan(15);
    expect(urbanKm2).toBeLessThan(Math.min(30, cityKm2 / 2));
  });

  it('cuts the subdistricts along 龙眠河: 龙腾 its east bank, 龙眠 up the river with the old town, 文昌 down it', () => {
    const sub = (name: string) => geo.adminUnits.find((u) => u.level === 'subdistrict' && u.name === name)!;
    const river = geo.rivers[0]!.line;
    const inCity = river.filter((p) =>
      geo.adminUnits.some((u) => u.level === 'community' && turf.booleanPointInPolygon(p, u.geometry)),
    );
    expect(inCity.length).toBeGreaterThan(50);
    // within the city the river is 龙腾's border: every point of it lies on 龙腾's edge (to rounding)
    const edge = turf.polygonToLine(poly(sub('龙腾街道')) as never) as never;
    for (const p of inCity) expect(turf.pointToLineDistance(p, edge, { units: 'meters' })).toBeLessThan(1);
    // 龙腾 lies north-east of the river (its left bank, the river flowing south-east), the others south-west
    const side = (u: AdminUnit) => {
      const [x, y] = toXY(u.centroid);
      const [ax, ay] = toXY(river[0]!);
      const [bx, by] = toXY(river[river.length - 1]!);
      return Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax));
    };
    expect(side(sub('龙腾街道'))).toBe(1);
    expect(side(sub('龙眠街道'))).toBe(-1);
    expect(side(sub('文昌街道'))).toBe(-1);
    // the old town's courtyard houses stand in 龙眠
    const courtyards = geo.buildings.filter((b) => b.kind === 'courtyard');
    expect(courtyards.length).toBeGreaterThan(50);
    const inLongmian = courtyards.filter(
      (b) => byId.get(b.gridId)!.parentId && byId.get(byId.get(b.gridId)!.parentId!)!.parentId === sub('龙眠街道').id,
    );
    expect(inLongmian.length / courtyards.length).toBeGreaterThan(0.9);
  });

  it("gives the county's towns their territories: the base map's townships and the city tile the county", () => {
    const towns = geo.townships;
    expect(towns.map((t) => t.name).sort()).toEqual(
      reference.townships
        .filter((t) => /镇$/.test(t.name))
        .map((t) => t.name)
        .sort(),
    );
    expect(
      towns
        .filter((t) => t.pilot)
        .map((t) => t.code)
        .sort(),
    ).toEqual(['340881102', '340881103']);
    for (const t of towns.filter((t) => t.pilot)) expect(t.polygon).toEqual(byId.get(t.code)!.geometry.coordinates);
    for (const t of towns) expect(turf.booleanPointInPolygon(t.seat, turf.polygon(t.polygon)), t.name).toBe(true);
    const parts = [
      ...towns.map((t) => turf.polygon(t.polygon)),
      ...geo.adminUnits.filter((u) => u.level === 'subdistrict').map(poly),
    ];
    const county = byId.get('340881')!;
    const countyMain = Math.max(
      ...(county.geometry.coordinates as number[][][][]).map((p) => turf.area(turf.polygon(p as never))),
    );
    const sum = parts.reduce((a, p) => a + turf.area(p), 0);
    expect(Math.abs(sum - countyMain) / countyMain).toBeLessThan(0.005);
    // no moat: the city reaches the town next to it, 范岗镇, and they share a border
    const fangang = poly(byId.get('340881102')!);
    expect(
      geo.adminUnits.filter((u) => u.level === 'subdistrict').some((s) => turf.booleanIntersects(poly(s), fangang)),
    ).toBe(true);
  });

  it('keeps the urban area and the towns inside the county, the towns following its outline', () => {
    const county = poly(byId.get('340881')!);
    for (const t of geo.adminUnits.filter((u) => u.level === 'subdistrict' || u.level === 'town')) {
      const inside = turf.intersect(turf.featureCollection([poly(t), county]) as never);
      expect(inside ? turf.area(inside) / t.areaM2 : 0, t.name).toBeGreaterThan(0.9999);
    }
    // at least one town reaches the outline and runs along it (its border is the county's there)
    const parts = (byId.get('340881')!.geometry.coordinates as number[][][][]).map((p) => p[0]!);
    const outline = turf.lineString(parts.reduce((a, b) => (b.length > a.length ? b : a)));
    const alongOutline = geo.adminUnits
      .filter((u) => u.level === 'town')
      .map((t) => (t.geometry.coordinates[0] as number[][]).filter((p) => turf.pointToLineDistance(p, outline) < 0.05));
    expect(Math.max(...alongOutline.map((l) => l.length))).toBeGreaterThan(20);
  });

  it('puts the pilot towns around their real seats: 新渡 south-south-west, 范岗 south-east', () => {
    const core = turf.point(URBAN_CORE);
    for (const seat of PILOT_SEATS) {
      const town = byId.get(seat.code)!;
      expect(town.name).toBe(seat.name);
      expect(turf.booleanPointInPolygon(seat.at, town.geometry), seat.name).toBe(true);
      // the seat lies well inside its town, not on its edge
      expect(turf.pointToLineDistance(seat.at, turf.polygonToLine(poly(town) as never) as never)).toBeGreaterThan(2);
    }
    const bearing = (code: string) => (turf.bearing(core, PILOT_SEATS.find((s) => s.code === code)!.at) + 360) % 360;
    const km = (code: string) => turf.distance(core, PILOT_SEATS.find((s) => s.code === code)!.at);
    expect(bearing('340881103')).toBeGreaterThan(180);
    expect(bearing('340881103')).toBeLessThan(225);
    expect(km('340881103')).toBeGreaterThan(20);
    expect(km('340881103')).toBeLessThan(26);
    expect(bearing('340881102')).toBeGreaterThan(112);
    expect(bearing('340881102')).toBeLessThan(158);
    expect(km('340881102')).toBeGreaterThan(10);
    expect(km('340881102')).toBeLessThan(18);
  });

  it('makes contiguous units: every one shares a border with a sibling (no moat)', () => {
    const key = (p: number[]) => `${p[0]},${p[1]}`;
    for (const parent of geo.adminUnits.filter((u) => u.level !== 'grid' && u.level !== 'city')) {
      const kids = children(parent.id);
      const vertices = kids.map((k) => new Set((k.geometry.coordinates[0] as number[][]).map(key)));
      kids.forEach((k, i) => {
        // two shared vertices make a shared edge: the cells were cut from one another
        const neighbours = vertices.filter((v, j) => j !== i && [...vertices[i]!].filter((p) => v.has(p)).length >= 2);
        expect(neighbours.length, k.id).toBeGreaterThan(0);
      });
    }
    // the urban subdistricts meet each other
    const subs = geo.adminUnits.filter((u) => u.level === 'subdistrict');
    for (const s of subs)
      expect(subs.filter((o) => o !== s && turf.booleanIntersects(poly(s), poly(o))).length, s.name).toBe(2);
  });

  it('draws the communities between the main roads: most of their shared borders run along an arterial or the river', () => {
    const communities = geo.adminUnits.filter((u) => u.level === 'community');
    const lines = (kinds: RoadKind[]) =>
      [...geo.roads.filter((r) => kinds.includes(r.kind)), ...geo.rivers].map((r) => r.line.map(toXY));
    // a Voronoi tiling of the same urban area ran along them for about a fifth of its borders
    expect(shareOfBordersAlong(communities, lines(['arterial']), 15)).toBeGreaterThan(0.75);
    expect(shareOfBordersAlong(communities, lines(['arterial', 'collector', 'lane']), 15)).toBeGreaterThan(0.85);
  });

  it('draws the villages between the roads through their towns: a good share of their borders run along one', () => {
    const villages = geo.adminUnits.filter((u) => u.level === 'village');
    const trunk = geo.roads
      .filter((r) => (['expressway', 'national', 'provincial', 'railway', 'county'] as RoadKind[]).includes(r.kind))
      .map((r) => r.line.map(toXY));
    // a Voronoi tiling of the same towns ran along them for 2.6 % of its borders (seed 20220601)
    expect(shareOfBordersAlong(villages, trunk, 15)).toBeGreaterThan(0.3);
  });

  it('puts units named for a direction on that side of their parent (东关 east, 西苑 west, 南演 south, 新西 west)', () => {
    const named = geo.adminUnits.filter(
      (u) => (u.level === 'community' || u.level === 'village') && directionOf(u.name) !== null,
    );
    expect(named.map((u) => u.name).sort()).toEqual(['东关社区', '南演社区', '新西村', '西苑社区']);
    for (const u of named) {
      const d = directionOf(u.name)!;
      const siblings = children(u.parentId!);
      const along = (x: AdminUnit) => {
        const [e, n] = toXY(x.centroid);
        const [pe, pn] = toXY(byId.get(u.parentId!)!.centroid);
        return (e - pe) * d[0] + (n - pn) * d[1];
      };
      expect(along(u), u.name).toBeGreaterThan(0);
      // among the furthest that way of its siblings
      const rank = siblings.filter((s) => along(s) > along(u)).length;
      expect(rank, u.name).toBeLessThan(Math.ceil(siblings.length / 4));
    }
  });
});

describe('roads and river', () => {
  it('has 6–10 named urban main roads, secondary roads and a river', () => {
    const urbanNames: string[] = [...URBAN_MAIN_ROADS.eastWest, ...URBAN_MAIN_ROADS.northSouth, URBAN_MAIN_ROADS.ring];
    const mains = geo.roads.filter((r) => r.kind === 'arterial' && urbanNames.includes(r.name));
    expect(mains.length).toBeGreaterThanOrEqual(6);
    expect(mains.length).toBeLessThanOrEqual(10);
    expect(geo.roads.filter((r) => r.kind === 'collector').length).toBeGreaterThan(12);
    expect(geo.rivers.map((r) => r.name)).toEqual(['龙眠河']);
    for (const r of geo.roads) expect(r.line.length).toBeGreaterThanOrEqual(2);
  });

  it('stores a hierarchy: the expressway, the national road, railways with stations, provincial to lanes', () => {
    const km = kmByKind(geo.roads);
    for (const kind of ['expressway', 'national', 'provincial', 'county', 'village', 'arterial', 'collector', 'lane'])
      expect(km[kind], kind).toBeGreaterThan(1);
    expect(geo.roads.find((r) => r.kind === 'expressway')?.ref).toBe('G3');
    expect(geo.roads.filter((r) => r.kind === 'national').every((r) => r.ref === 'G206')).toBe(true);
    // the expressway crosses the county: tens of kilometres
    expect(km.expressway).toBeGreaterThan(40);
    const stations = geo.roads.flatMap((r) => (r.kind === 'railway' ? (r.stations ?? []) : []));
    expect(stations.map((s) => s.name).sort()).toEqual(['桐城东站', '桐城站']);
    // stations stand just outside the urban area, within a few km of the core
    for (const s of stations) expect(turf.distance(turf.point(URBAN_CORE), s.position)).toBeLessThan(8);
    // the old classes follow the kinds: main roads are the arterials and the roads across the county
    for (const r of geo.roads)
      expect(r.class, r.kind).toBe(
        ['expressway', 'national', 'provincial', 'arterial', 'railway'].includes(r.kind) ? 'main' : 'secondary',
      );
  });

  it('joins every town and village to the city by road', () => {
    const kinds = new Set<RoadKind>(['national', 'provincial', 'county', 'village', 'arterial']);
    const groups = connectedGroups(geo.roads, kinds);
    const byRoad = new Map(geo.roads.map((r) => [r.id, r]));
    const withCity = groups.find((g) => g.some((id) => byRoad.get(id)!.kind === 'arterial'))!;
    // one network: every road of these kinds in the arterials' group
    expect(groups.filter((g) => g !== withCity).flat()).toEqual([]);
    const joined = geo.roads.filter((r) => withCity.includes(r.id));
    // every town seat lies on a road, and every village has roads of its own
    for (const seat of PILOT_SEATS) {
      const near = Math.min(
        ...joined.map((r) => turf.pointToLineDistance(seat.at, turf.lineString(r.line), { units: 'meters' })),
      );
      expect(near, seat.name).toBeLessThan(50);
    }
    for (const v of geo.adminUnits.filter((u) => u.level === 'village'))
      expect(
        joined.some((r) => r.line.some((p) => turf.booleanPointInPolygon(p, v.geometry))),
        v.name,
      ).toBe(true);
  });

  it('gives the villages more than 0.6 km of road per km²', () => {
    const density = villageRoadDensity(
      geo.roads,
      geo.adminUnits.filter((u) => u.level === 'village'),
    );
    const values = [...density.values()];
    const total = values.reduce((a, b) => a + b, 0) / values.length;
    expect(total).toBeGreaterThan(1);
    for (const [id, d] of density) expect(d, id).toBeGreaterThan(0.6);
  });

  it('keeps the regular collectors out of the old town, where its lanes are', () => {
    const lanes = geo.roads.filter((r) => r.kind === 'lane');
    expect(lanes.length).toBeGreaterThanOrEqual(10);
    expect(lanes.map((l) => l.name)).toContain('六尺巷');
    const centre = turf.center(turf.featureCollection(lanes.flatMap((l) => l.line.map((p) => turf.point(p)))));
    for (const c of geo.roads.filter((r) => r.kind === 'collector'))
      for (const p of c.line) expect(turf.distance(centre, p, { units: 'meters' }), c.name).toBeGreaterThan(400);
  });
});

describe('buildings', () => {
  it('keeps the count browser-sized: one house per village household, few buildings in town', () => {
    expect(geo.buildings.length).toBeGreaterThanOrEqual(50_000);
    expect(geo.buildings.length).toBeLessThanOrEqual(110_000);
    const urban = geo.buildings.filter((b) => b.use !== 'village-house');
    expect(urban.length).toBeLessThan(8_000);
  });

  it('gives every urban grid its minimum of dwellings and every village grid one house a household and some over', () => {
    const dwellings = new Map<string, number>();
    for (const b of geo.buildings) dwellings.set(b.gridId, (dwellings.get(b.gridId) ?? 0) + b.dwellings);
    for (const g of geo.adminUnits.filter((u) => u.level === 'grid'))
      expect(dwellings.get(g.id) ?? 0, g.id).toBeGreaterThanOrEqual(
        g.area === 'urban' ? MIN_GRID_DWELLINGS : VILLAGE_DWELLINGS.min,
      );
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
        b.floors >= 2 &&
        b.floors <= 33 &&
        (b.kind === 'shophouse'
          ? b.dwellings > 0 && b.dwellings % (b.floors - 1) === 0 && /号$/.test(b.address) // flats above the shops
          : b.dwellings >= b.floors && b.dwellings % b.floors === 0 && /\d+栋$/.test(b.address)),
    ],
    ['commercial', (b) => b.dwellings === 0 && /路|街|道|巷/.test(b.address) && /号$/.test(b.address)],
    ['public', (b) => b.dwellings === 0 && /号$/.test(b.address)],
    ['industrial', (b) => b.dwellings === 0 && b.floors <= 3],
    ['village-house', (b) => b.floors >= 2 && b.floors <= 3 && b.dwellings === 1 && /村\d+组\d+号$/.test(b.address)],
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

  const ofKind = (k: Building['kind']) => geo.buildings.filter((b) => b.kind === k);
  const floorsOf = (list: Building[]) => list.map((b) => b.floors).sort((a, b) => a - b);
  const erasOf = (list: Building[]) => new Set(list.map((b) => eraOf(b.builtYear)));

  it('builds the old town of courtyard houses and walk-ups of 2–6 floors from before 1990', () => {
    const courtyards = ofKind('courtyard');
    const old = ofKind('walk-up').filter((b) => b.builtYear < 1990);
    expect(courtyards.length).toBeGreaterThan(50);
    expect(old.length).toBeGreaterThan(10);
    for (const b of [...courtyards, ...old]) {
      expect(b.floors, b.id).toBeGreaterThanOrEqual(2);
      expect(b.floors, b.id).toBeLessThanOrEqual(6);
    }
    expect(erasOf([...courtyards, ...old])).toEqual(new Set(['before-1990']));
    // a courtyard house is a U round its yard, not a box
    expect(courtyards.filter((b) => b.footprint[0]!.length > 5).length).toBe(courtyards.length);
  });

  it('builds 6–7-floor walk-ups in the 1990s–2000s and 11–33-floor slabs and towers since', () => {
    const walkUps = ofKind('walk-up').filter((b) => b.builtYear >= 1990);
    expect(walkUps.length).toBeGreaterThan(50);
    for (const b of walkUps) expect([6, 7], b.id).toContain(b.floors);
    const high = [...ofKind('slab'), ...ofKind('tower')];
    expect(high.length).toBeGreaterThan(100);
    const f = floorsOf(high);
    expect(f[0]).toBeGreaterThanOrEqual(11);
    expect(f.at(-1)).toBeLessThanOrEqual(33);
    // mostly since 2010 (a few estates started in 2008–09)
    expect(high.filter((b) => eraOf(b.builtYear) === 'since-2010').length / high.length).toBeGreaterThan(0.8);
  });

  it('spaces the rows of a new compound by the sunlight rule', () => {
    // the clear gap from each slab or tower to the block due south of it in its compound, over that block's height
    const ratios: number[] = [];
    const high = [...ofKind('slab'), ...ofKind('tower')];
    const byCompound = new Map<string, Building[]>();
    for (const b of high) {
      const key = `${b.gridId}|${b.address.replace(/\d+栋$/, '')}`;
      byCompound.set(key, [...(byCompound.get(key) ?? []), b]);
    }
    for (const list of byCompound.values())
      for (const b of list) {
        let best: number | null = null;
        for (const o of list) {
          if (o === b || Math.abs(Math.abs(turf.bearing(b.centroid, o.centroid)) - 180) > 15) continue;
          const edge = turf.polygonToLine(turf.polygon(b.footprint)) as never;
          const gap = Math.min(...o.footprint[0]!.map((p) => turf.pointToLineDistance(p, edge, { units: 'meters' })));
          const ratio = gap / o.heightM;
          if (best === null || ratio < best) best = ratio;
        }
        if (best !== null) ratios.push(best);
      }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(30);
    // floors vary ±1 in a row and the gap is set for the row's tallest: most rows keep the factor
    expect(ratios[Math.floor(ratios.length * 0.5)]).toBeGreaterThanOrEqual(SUNLIGHT_FACTOR * 0.95);
    expect(ratios[Math.floor(ratios.length * 0.1)]).toBeGreaterThanOrEqual(SUNLIGHT_FACTOR * 0.8);
  });

  it('puts most street shops under flats, with a few malls and offices', () => {
    const shophouses = ofKind('shophouse');
    expect(shophouses.length).toBeGreaterThan(ofKind('shop').length);
    expect(ofKind('mall').length).toBeGreaterThan(0);
    expect(ofKind('mall').length).toBeLessThan(30);
    expect(ofKind('office').length).toBeGreaterThan(0);
    for (const k of ['school', 'hospital', 'government'] as const) {
      const list = ofKind(k);
      expect(list.length, k).toBeGreaterThan(5);
      expect(
        list.every((b) => b.footprint[0]!.length > 5),
        k,
      ).toBe(true); // their own shapes
    }
  });

  it('draws footprints of several shapes, every one a simple ring', () => {
    const notBoxes = geo.buildings.filter((b) => b.footprint[0]!.length > 5);
    expect(notBoxes.length).toBeGreaterThan(500);
    expect(new Set(notBoxes.map((b) => b.footprint[0]!.length)).size).toBeGreaterThanOrEqual(3);
    for (const b of notBoxes) {
      expect(turf.kinks(turf.polygon(b.footprint)).features, b.id).toHaveLength(0);
      expect(b.footprint).toHaveLength(1); // no holes
    }
  });

  it('gives every village household a detached house of about 100–180 m² along a road or track', () => {
    const houses = ofKind('village-house');
    expect(houses.length).toBe(geo.buildings.filter((b) => b.use === 'village-house').length);
    for (const b of houses.slice(0, 5_000)) {
      const m2 = turf.area(turf.polygon(b.footprint));
      expect(m2, b.id).toBeGreaterThanOrEqual(95);
      expect(m2, b.id).toBeLessThanOrEqual(185);
      expect(b.footprint[0], b.id).toHaveLength(5); // plain boxes: light tiles
    }
    const years = houses.map((b) => b.builtYear);
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1980);
    expect(Math.max(...years)).toBeLessThanOrEqual(2025);
    // every house in one of the rows beside a road or a hamlet's own track (机耕路), which is drawn
    const roads = geo.roads.filter((r) => HAMLET_ROADS.has(r.kind)).map((r) => r.line.map(toXY));
    const far = houses.filter((_, i) => i % 20 === 0).filter((b) => nearestOn(roads, toXY(b.centroid)).d > 100);
    expect(far.map((b) => b.address)).toEqual([]);
    expect(geo.roads.some((r) => r.name.endsWith('组机耕路'))).toBe(true);
  });

  it('makes compounds walled blocks with a gate facing a street', () => {
    expect(geo.compounds.length).toBeGreaterThan(100);
    const residential = geo.buildings.filter((b) => b.use === 'residential');
    const streets = geo.roads.filter((r) => r.kind === 'arterial' || r.kind === 'collector' || r.kind === 'lane');
    const gateToStreet: number[] = [];
    for (const c of geo.compounds) {
      const block = turf.polygon(c.block);
      const homes = residential.filter((b) => b.gridId === c.gridId && b.address.startsWith(c.name));
      expect(homes.length, c.name).toBeGreaterThan(0);
      for (const b of homes) expect(turf.booleanPointInPolygon(b.centroid, block), b.id).toBe(true);
      expect(
        turf.pointToLineDistance(c.gate.position, turf.polygonToLine(block) as never, { units: 'meters' }),
      ).toBeLessThan(1);
      expect(c.gate.name).toMatch(new RegExp(`^${c.name}[东南西北]门$`));
      const street = Math.min(
        ...streets.map((r) => turf.pointToLineDistance(c.gate.position, turf.lineString(r.line), { units: 'meters' })),
      );
      gateToStreet.push(street);
    }
    // gates on a street where there is room (within 150 m), deep lots only where the grid needs them
    gateToStreet.sort((a, b) => a - b);
    expect(gateToStreet[Math.floor(gateToStreet.length * 0.9)]).toBeLessThanOrEqual(150);
    expect(gateToStreet[gateToStreet.length - 1]).toBeLessThan(500);
    expect(new Set(geo.compounds.map((c) => c.id)).size).toBe(geo.compounds.length);
  });

  it('puts ponds beside the hamlets, where their houses face them', () => {
    const ponds = geo.waters.filter((w) => w.kind === 'pond');
    const houses = geo.buildings.filter((b) => b.use === 'village-house');
    const beside = ponds.filter((w) => {
      const edge = turf.polygonToLine(turf.polygon(w.polygon)) as never;
      const [minX, minY, maxX, maxY] = turf.bbox(turf.polygon(w.polygon));
      return houses.some(
        (h) =>
          h.centroid[0] > minX - 0.001 &&
          h.centroid[0] < maxX + 0.001 &&
          h.centroid[1] > minY - 0.001 &&
          h.centroid[1] < maxY + 0.001 &&
          turf.pointToLineDistance(h.centroid, edge, { units: 'meters' }) < 40,
      );
    });
    expect(beside.length / ponds.length).toBeGreaterThan(0.75); // 7% when they were put anywhere
  });

  it('puts ponds and a few small reservoirs in the villages, inside their grids, clear of houses and roads', () => {
    const ponds = geo.waters.filter((w) => w.kind === 'pond');
    const reservoirs = geo.waters.filter((w) => w.kind === 'reservoir');
    expect(ponds.length).toBeGreaterThan(199);
    expect(reservoirs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(geo.waters.map((w) => w.name)).size).toBe(geo.waters.length);
    const houses = geo.buildings.filter((b) => b.use === 'village-house');
    for (const w of geo.waters) {
      const grid = byId.get(w.gridId)!;
      expect(grid.area, w.name).toBe('village');
      const water = turf.polygon(w.polygon);
      for (const p of w.polygon[0]!) expect(turf.booleanPointInPolygon(p, grid.geometry), w.name).toBe(true);
      expect(w.areaM2).toBeCloseTo(turf.area(water), -2);
      const [minX, minY, maxX, maxY] = turf.bbox(water);
      for (const h of houses)
        if (
          h.centroid[0] > minX - 0.001 &&
          h.centroid[0] < maxX + 0.001 &&
          h.centroid[1] > minY - 0.001 &&
          h.centroid[1] < maxY + 0.001
        )
          expect(turf.booleanIntersects(water, turf.polygon(h.footprint)), `${w.name} × ${h.id}`).toBe(false);
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
    // another seed draws another river from the first stage on (the whole city differing, buildings
    // and residents, is tests/determinism.test.ts's; a second county here cost 15–20 s of the suite)
    const river = (seed: number) => JSON.stringify(riverCourse(new Rng(seed).fork('river')).line.pts);
    expect(river(8)).not.toBe(river(7));
    expect(JSON.stringify(geo.rivers[0]!.line)).toBe(
      JSON.stringify(riverCourse(new Rng(7).fork('river')).line.pts.map(toLonLat)),
    );
  });
});

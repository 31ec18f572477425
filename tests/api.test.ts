// Every route on a real DuckDB file (a copy of the shared small dataset), in-process via app.request.
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { STRUCTURE, scaled, VOLUMES } from '../server/domain/facts';
import type { CityDataset } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { signInEveryRole } from './helpers/session';
import { SMALL } from './helpers/small';

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookie: string;

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => SMALL.today, startedAt: Date.now() });
  // The centre seat sees the whole city; access per role is tests/accessMatrix.test.ts's job.
  cookie = (await signInEveryRole(app, db)).cookies.get('centre')!;
});
afterAll(() => db.close());

async function get(path: string): Promise<{ status: number; body: any; type: string | null }> {
  const res = await app.request(path, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('GET /api/overview', () => {
  it('returns exactly the documented shape with figures counted from the data', async () => {
    const { status, body } = await get('/api/overview');
    expect(status).toBe(200);
    const total = scaled(VOLUMES.events, SMALL.scale);
    const closed = data.events.filter((e) => e.status === 'closed').length;
    expect(body).toEqual({
      subdistricts: STRUCTURE.subdistricts,
      communities: STRUCTURE.communities,
      urbanGrids: STRUCTURE.urbanGrids,
      towns: STRUCTURE.towns,
      villages: STRUCTURE.villages,
      villageGrids: STRUCTURE.villageGrids,
      components: scaled(VOLUMES.components, SMALL.scale),
      cameras: scaled(VOLUMES.cameras, SMALL.scale),
      patrolPoints: scaled(VOLUMES.patrolPoints, SMALL.scale),
      residents: scaled(VOLUMES.residents, SMALL.scale),
      departments: STRUCTURE.departments,
      gridPartyBranches: STRUCTURE.gridPartyBranches,
      compoundPartyGroups: STRUCTURE.compoundPartyGroups,
      unitHeads: scaled(VOLUMES.unitHeads, SMALL.scale),
      taxonomy: STRUCTURE.taxonomy,
      events: {
        total,
        closed,
        closureRate: Math.round((closed / total) * 1000) / 1000,
        firstDay: data.events
          .map((e) => e.reportedAt)
          .sort()[0]!
          .slice(0, 10),
        lastDay: data.events
          .map((e) => e.reportedAt)
          .sort()
          .at(-1)!
          .slice(0, 10),
      },
    });
    expect(closed).toBe(Math.round(total * VOLUMES.closureRate));
  });
});

describe('GET /api/layers/*', () => {
  it.each([
    ['/api/layers/grids', () => data.adminUnits.length],
    ['/api/layers/grids?level=grid', () => STRUCTURE.urbanGrids + STRUCTURE.villageGrids],
    ['/api/layers/grids?level=grid&area=urban', () => STRUCTURE.urbanGrids],
    ['/api/layers/grids?level=village', () => STRUCTURE.villages],
    ['/api/layers/grids?level=city', () => 1],
    ['/api/layers/components', () => data.components.length],
    ['/api/layers/cameras', () => data.cameras.length],
    ['/api/layers/cameras?owner=police', () => data.cameras.filter((c) => c.owner === 'police').length],
    ['/api/layers/cameras?online=false', () => data.cameras.filter((c) => !c.online).length],
    ['/api/layers/patrol-points', () => data.patrolPoints.length],
    ['/api/layers/sensors', () => data.sensors.length],
    ['/api/layers/sensors?kind=manhole', () => data.sensors.filter((s) => s.kind === 'manhole').length],
    ['/api/layers/buildings', () => data.buildings.length],
    ['/api/layers/buildings?use=residential', () => data.buildings.filter((b) => b.use === 'residential').length],
  ])('%s returns every matching feature as GeoJSON', async (path, expected) => {
    const { status, body } = await get(path);
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(expected());
    for (const f of body.features.slice(0, 50)) {
      expect(f.type).toBe('Feature');
      expect(typeof f.id).toBe('string');
      expect(f.properties.id).toBe(f.id);
      expect(['Point', 'Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
  });

  it('filters components by category and bbox', async () => {
    const category = data.components[0]!.categoryCode;
    const byCategory = await get(`/api/layers/components?category=${category}`);
    expect(byCategory.body.features.length).toBe(data.components.filter((c) => c.categoryCode === category).length);
    expect(byCategory.body.features.every((f: any) => f.properties.categoryCode === category)).toBe(true);

    const bbox = [116.93, 31.03, 116.97, 31.07];
    const inBox = await get(`/api/layers/components?bbox=${bbox.join(',')}`);
    const expected = data.components.filter(
      ({ position: [x, y] }) => x >= bbox[0]! && x <= bbox[2]! && y >= bbox[1]! && y <= bbox[3]!,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(inBox.body.features.map((f: any) => f.id).sort()).toEqual(expected.map((c) => c.id).sort());
  });

  it("gives the twin's five preset views, each looking at its place in the data", async () => {
    const { status, body } = await get('/api/layers/viewpoints');
    expect(status).toBe(200);
    const byKey = new Map<string, any>(body.features.map((f: any) => [f.properties.key, f]));
    expect([...byKey.keys()]).toEqual(['county', 'old-town', 'new-compound', 'village', 'river']);
    const city = data.adminUnits.find((u) => u.level === 'city')!;
    expect(byKey.get('county').properties.place).toBe(city.name);
    const tallest = Math.max(...data.buildings.filter((b) => b.use === 'residential').map((b) => b.floors));
    const tower = data.buildings.find((b) => b.address === byKey.get('new-compound').properties.place)!;
    expect(tower).toMatchObject({ use: 'residential', floors: tallest });
    // the village view looks at one of the grid's houses; the river view at a point of the river
    const village = byKey.get('village');
    const houses = data.buildings.filter((b) => b.use === 'village-house');
    const house = houses.find((b) => b.centroid.every((x, i) => x === village.geometry.coordinates[i]))!;
    expect(data.adminUnits.find((u) => u.id === house.gridId)!.name).toBe(village.properties.place);
    expect(data.rivers.flatMap((r) => r.line)).toContainEqual(byKey.get('river').geometry.coordinates);
    expect(data.roads.filter((r) => r.kind === 'lane').map((r) => r.name)).toContain(
      byKey.get('old-town').properties.place,
    );
    // every camera stands within the county's box (or just outside it, looking in) and looks down
    const county = byKey.get('county').properties.view;
    for (const f of body.features) {
      const v = f.properties.view;
      expect(v.pitchDeg).toBeLessThan(0);
      expect(v.heightM).toBeGreaterThan(50);
      expect(v.heightM).toBeLessThanOrEqual(county.heightM);
    }
  });

  it('returns grid polygons whose bbox intersects the requested one', async () => {
    const { body } = await get('/api/layers/grids?level=grid&bbox=116.94,31.04,116.96,31.06');
    expect(body.features.length).toBeGreaterThan(0);
    expect(body.features.length).toBeLessThan(STRUCTURE.urbanGrids);
    expect(body.features.every((f: any) => f.properties.level === 'grid')).toBe(true);
  });
});

describe('GET /api/grids/:id', () => {
  it("summarises a grid's six elements, matching the data", async () => {
    const grid = data.adminUnits.find((u) => u.level === 'grid' && u.area === 'urban')!;
    const { status, body } = await get(`/api/grids/${grid.id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(grid.id);
    expect(body.ancestors.map((a: any) => a.level)).toEqual(['city', 'subdistrict', 'community']);
    expect(body.people.households).toBe(data.households.filter((h) => h.gridId === grid.id).length);
    expect(body.people.residents).toBe(data.residents.filter((r) => r.gridId === grid.id).length);
    expect(body.things.components).toBe(data.components.filter((c) => c.gridId === grid.id).length);
    // cases: reports never filed (rejected, merged) are counted apart
    const filed = (e: (typeof data.events)[number]) => e.status !== 'rejected' && e.status !== 'merged';
    expect(body.events.total).toBe(data.events.filter((e) => e.gridId === grid.id && filed(e)).length);
    expect(body.gridWorker.name).toMatch(/\*/); // masked
    expect(body.gridWorker.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('summarises a community over all its grids', async () => {
    const community = data.adminUnits.find((u) => u.level === 'community')!;
    const gridIds = new Set(data.adminUnits.filter((u) => u.parentId === community.id).map((u) => u.id));
    const { body } = await get(`/api/grids/${community.id}`);
    expect(body.children).toHaveLength(gridIds.size);
    expect(body.people.residents).toBe(data.residents.filter((r) => gridIds.has(r.gridId)).length);
    expect(body.gridWorker).toBeNull();
  });

  it('gives a JSON 404 for an unknown grid', async () => {
    const { status, body } = await get('/api/grids/340881999999G99');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('bad input', () => {
  it.each([
    ['/api/layers/grids?level=planet', 'level'],
    ['/api/layers/grids?bbox=abc', 'bbox'],
    ['/api/layers/grids?bbox=1,2,3', 'bbox'],
    ['/api/layers/components?bbox=117,31,116,32', 'min must be less than max'],
    ['/api/layers/components?bbox=-200,31,116,32', 'longitudes'],
    ['/api/layers/components?category=1%27%20OR%201=1', 'category'],
    ['/api/layers/components?state=broken', 'state'],
    ['/api/layers/cameras?online=yes', 'online'],
    ['/api/grids/..%2F..%2Fetc', 'unit id'],
    ['/api/layers/buildings?gridId=x', 'gridId'],
  ])('%s → 400 JSON naming %s', async (path, word) => {
    const { status, body, type } = await get(path);
    expect(status).toBe(400);
    expect(type).toMatch(/application\/json/);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(word);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'not_found', message: 'No route for GET /api/nothing-here' });
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every route, generated from the zod schemas', async () => {
    const { status, body } = await get('/api/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/grids/{id}',
        '/health',
        '/layers/buildings',
        '/layers/cameras',
        '/layers/components',
        '/layers/grids',
        '/layers/patrol-points',
        '/layers/sensors',
        '/overview',
        '/auth/login',
        '/residents',
        '/events',
      ]),
    );
    expect(body.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'wendu_session',
    });
    expect(body.components.schemas.Overview.required).toContain('residents');
    expect(body.paths['/layers/grids'].get.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['level', 'bbox']),
    );
  });

  it('is a valid OpenAPI 3.1 document by an outside validator (@readme/openapi-parser)', async () => {
    const { body } = await get('/api/openapi.json');
    const result = await validate(structuredClone(body));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

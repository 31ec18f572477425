// The analyst's workspace on a real DuckDB file through the real app: the basemap's roads and rivers,
// the case heat per H3 cell (counted in DuckDB, folded into parents), and the exports of aggregates
// (CSV, GeoJSON, Parquet read back by DuckDB) with their audit rows; the analyst sees no personal data.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { getIssues } from '@placemarkio/check-geojson';
import { cellToBoundary, cellToParent, getResolution } from 'h3-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { CityDataset } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let analyst: string;
let cookies: Map<string, string>;
const SPAN = 'from=2026-01-01&to=2026-10-31';

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => '2026-11-01T00:00:00.000Z', startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
  analyst = cookies.get('analyst')!;
});
afterAll(() => db.close());

const get = (path: string, cookie = analyst) => call(app, 'GET', path, { cookie });
type Cell = { h3: string; count: number };
const total = (cells: Cell[]) => cells.reduce((s, c) => s + c.count, 0);

describe('basemap layers', () => {
  it('serves every road and river as a GeoJSON line', async () => {
    for (const [layer, rows] of [
      ['roads', data.roads],
      ['rivers', data.rivers],
    ] as const) {
      const res = await get(`/api/layers/${layer}`);
      expect(res.status).toBe(200);
      expect(res.body.features.map((f: any) => f.id).sort()).toEqual(rows.map((r) => r.id).sort());
      const first = res.body.features.find((f: any) => f.id === rows[0]!.id);
      expect(first.geometry).toEqual({ type: 'LineString', coordinates: rows[0]!.line });
      expect(first.properties.widthM).toBe(rows[0]!.widthM);
    }
  });
});

describe('GET /api/stats/events/h3', () => {
  it('counts the cases of the span per res-9 cell as DuckDB does, and folds them into res 8 and 7', async () => {
    const expected = await db.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM events WHERE reported_at >= '2026-01-01' AND reported_at < '2026-11-01'
         AND status NOT IN ('rejected', 'merged')`,
    );
    const fine = (await get(`/api/stats/events/h3?res=9&${SPAN}`)).body as Cell[];
    expect(fine.length).toBeGreaterThan(10);
    expect(total(fine)).toBe(expected!.n);
    for (const res of [8, 7]) {
      const coarse = (await get(`/api/stats/events/h3?res=${res}&${SPAN}`)).body as Cell[];
      const folded = new Map<string, number>();
      for (const c of fine) folded.set(cellToParent(c.h3, res), (folded.get(cellToParent(c.h3, res)) ?? 0) + c.count);
      expect(new Map(coarse.map((c) => [c.h3, c.count]))).toEqual(folded);
      expect(coarse.every((c) => getResolution(c.h3) === res)).toBe(true);
      expect(coarse.map((c) => c.count)).toEqual([...coarse.map((c) => c.count)].sort((a, b) => b - a));
    }
  });

  it('narrows to a unit and its subtree, a category, and a shorter span', async () => {
    const city = total((await get(`/api/stats/events/h3?res=8&${SPAN}`)).body);
    const top = data.adminUnits.filter((u) => u.level === 'subdistrict' || u.level === 'town');
    let sum = 0;
    for (const u of top) sum += total((await get(`/api/stats/events/h3?res=8&${SPAN}&within=${u.id}`)).body);
    expect(sum).toBe(city);
    const grid = data.adminUnits.find((u) => u.level === 'grid')!;
    const inGrid = await db.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM events WHERE grid_id = $1 AND reported_at >= '2026-01-01'
         AND reported_at < '2026-11-01' AND status NOT IN ('rejected', 'merged')`,
      [grid.id],
    );
    expect(total((await get(`/api/stats/events/h3?res=9&${SPAN}&within=${grid.id}`)).body)).toBe(inGrid!.n);
    const byCategory = await db.all<{ c: string; n: number }>(
      `SELECT substr(item_code, 1, 2) AS c, count(*)::INTEGER AS n FROM events WHERE reported_at >= '2026-01-01'
         AND reported_at < '2026-11-01' AND status NOT IN ('rejected', 'merged') GROUP BY 1`,
    );
    for (const { c, n } of byCategory)
      expect(total((await get(`/api/stats/events/h3?${SPAN}&category=${c}`)).body)).toBe(n);
    const month = total((await get('/api/stats/events/h3?from=2026-10-01&to=2026-10-31')).body);
    expect(month).toBeGreaterThan(0);
    expect(month).toBeLessThan(city);
  });

  it.each([
    ['res=10&from=2026-01-01&to=2026-01-31', 'res'],
    ['res=8&from=2026-02-01&to=2026-01-31', 'from'],
    ['res=8&from=2026-02-30&to=2026-03-31', 'from'],
    ['res=8&from=1990-01-01&to=1990-12-31', 'from'],
    ['res=8&from=2026-01-01&to=2026-01-31&within=999999', 'within'],
    ['res=8&from=2026-01-01&to=2026-01-31&category=1', 'category'],
    ['res=8&to=2026-01-31', 'from'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const res = await get(`/api/stats/events/h3?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.fields.map((f: any) => f.field)).toContain(field);
  });
});

describe('GET /api/analytics/export', () => {
  const HEAT = `res=8&${SPAN}`;

  it('exports the heat as CSV, GeoJSON and Parquet, each equal to what the page shows, each audited', async () => {
    const shown = (await get(`/api/stats/events/h3?${HEAT}`)).body as Cell[];
    const audited = async () =>
      await db.all<{ target_id: string; reason: string; role: string }>(
        `SELECT target_id, reason, role FROM audit_log WHERE action = 'export' AND target_type = 'aggregate' ORDER BY seq`,
      );
    const before = (await audited()).length;

    const csv = await get(`/api/analytics/export?dataset=heat&format=csv&${HEAT}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('h3,count');
    expect(lines.slice(1).map((l) => ({ h3: l.split(',')[0], count: Number(l.split(',')[1]) }))).toEqual(shown);

    const geo = await get(`/api/analytics/export?dataset=heat&format=geojson&${HEAT}`);
    expect(geo.status).toBe(200);
    // Valid GeoJSON (RFC 7946) by a checker nobody on the project wrote: closed rings, right winding, numbers.
    expect(getIssues(geo.text)).toEqual([]);
    expect(geo.body.features.map((f: any) => f.properties)).toEqual(shown);
    expect(geo.body.features[0].geometry).toEqual({
      type: 'Polygon',
      coordinates: [cellToBoundary(shown[0]!.h3, true)],
    });

    const parquet = await app.request(`/api/analytics/export?dataset=heat&format=parquet&${HEAT}`, {
      headers: { cookie: analyst },
    });
    expect(parquet.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'wendu-export-')), 'heat.parquet');
    writeFileSync(file, Buffer.from(await parquet.arrayBuffer()));
    // read back by another reader than the writer: DuckDB, in memory
    const reader = await (await DuckDBInstance.create(':memory:')).connect();
    const back = (await reader.runAndReadAll(`SELECT h3, count FROM read_parquet('${file}')`)).getRowObjectsJS();
    expect(back.map((r) => ({ h3: r.h3, count: Number(r.count) }))).toEqual(shown);
    reader.closeSync();

    const rows = (await audited()).slice(before);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r).toMatchObject({ target_id: 'heat', role: 'analyst' });
      expect(r.reason).toContain(`${shown.length} rows`);
    }
  });

  it('passes a bad parameter on as the source route refuses it (400), and writes no audit row for it', async () => {
    const count = async () =>
      (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'export'`))!.n;
    const before = await count();
    const res = await get('/api/analytics/export?dataset=heat&format=csv&res=12&from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect((await get('/api/analytics/export?dataset=people&format=csv')).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('draws the basemap as valid GeoJSON: roads and rivers (checked by a checker nobody on the project wrote)', async () => {
    for (const path of ['/api/layers/roads', '/api/layers/rivers']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.body.features.length).toBeGreaterThan(0);
      expect(getIssues(res.text), path).toEqual([]);
    }
  });

  it('exports risk and trends as their routes answer them', async () => {
    for (const [dataset, source] of [
      ['risk', '/api/risk?level=grid&top=10'],
      ['trend', `/api/stats/events/trend?unit=${data.adminUnits.find((u) => u.level === 'city')!.id}&by=month`],
    ] as const) {
      const shown = await get(source);
      const query = source.split('?')[1];
      const res = await get(`/api/analytics/export?dataset=${dataset}&format=geojson&${query}`);
      expect(shown.status).toBe(200);
      expect(res.status).toBe(200);
      const rows = dataset === 'risk' ? shown.body : shown.body.series;
      expect(rows.length).toBeGreaterThan(0);
      expect(res.body.features.length).toBe(rows.length);
    }
  });

  it("is the analyst role's alone (the access matrix checks every role): the centre is refused", async () => {
    const res = await get(`/api/analytics/export?dataset=heat&format=csv&${HEAT}`, cookies.get('centre'));
    expect(res.status).toBe(403);
  });
});

describe('the analyst sees no personal data', () => {
  it('finds no resident name, identity number or phone in anything the workspace reads', async () => {
    const city = data.adminUnits.find((u) => u.level === 'city')!;
    const grid = data.adminUnits.find((u) => u.level === 'grid')!;
    const paths = [
      `/api/grids/${city.id}`,
      `/api/grids/${grid.id}`,
      `/api/stats/events/h3?res=9&${SPAN}&within=${grid.id}`,
      `/api/layers/buildings?gridId=${grid.id}`,
      '/api/layers/roads',
      '/api/layers/rivers',
      '/api/layers/grids',
      `/api/events?gridId=${grid.id}&limit=200`,
      `/api/analytics/export?dataset=heat&format=csv&res=9&${SPAN}`,
      `/api/analytics/export?dataset=heat&format=geojson&res=9&${SPAN}&within=${grid.id}`,
      '/api/residents?limit=5',
    ];
    const texts = await Promise.all(paths.map(async (p) => [p, (await get(p)).text] as const));
    const secrets = data.residents.flatMap((r) => [
      r.idNumber,
      ...(r.phone ? [r.phone] : []),
      ...(r.name.length >= 3 ? [r.name] : []),
    ]);
    for (const [path, text] of texts) {
      const leaked = secrets.filter((s) => text.includes(s));
      expect(leaked, path).toEqual([]);
    }
    // and the residents' list itself is closed to the analyst
    expect((await get('/api/residents?limit=5')).status).toBe(403);
  });
});

// Every role × every route × a record inside and a record outside the role's scope → the expected
// status. The route list comes from the OpenAPI document, so a new route without a row here fails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { ROLES, type Role } from '../server/domain/access';
import type { CityDataset } from '../server/domain/model';
import { ACCESS } from '../server/http/access';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';

type Pair = [inScope: number, outOfScope: number];
type Expect = Record<Role, Pair> | 'public' | 'special';

const all = (pair: Pair): Record<Role, Pair> => Object.fromEntries(ROLES.map((r) => [r, pair])) as Record<Role, Pair>;
const only = (allowed: Partial<Record<Role, Pair>>): Record<Role, Pair> => ({ ...all([403, 403]), ...allowed });
const GEO_RECORD: Partial<Record<Role, Pair>> = {
  gridworker: [200, 404],
  community: [200, 404],
  subdistrict: [200, 404],
};
const GEO_FILTER: Partial<Record<Role, Pair>> = {
  gridworker: [200, 403],
  community: [200, 403],
  subdistrict: [200, 403],
};

/** By route (OpenAPI path) — written out by hand, from the role descriptions. */
const EXPECT: Record<string, Expect> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /openapi.json': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'special', // ends the session: tested on its own below
  'GET /auth/me': 'public',
  'GET /overview': all([200, 200]),
  'GET /layers/grids': all([200, 200]),
  'GET /layers/components': all([200, 200]),
  'GET /layers/cameras': all([200, 200]),
  'GET /layers/patrol-points': all([200, 200]),
  'GET /layers/sensors': all([200, 200]),
  'GET /layers/buildings': all([200, 200]),
  'GET /layers/roads': all([200, 200]),
  'GET /layers/rivers': all([200, 200]),
  'GET /layers/viewpoints': all([200, 200]),
  'GET /layers/waters': all([200, 200]),
  'GET /layers/land-use': all([200, 200]),
  'GET /layers/elevation': all([200, 200]),
  'GET /grids/{id}': { ...all([200, 200]), ...GEO_RECORD },
  'GET /buildings/{id}': all([200, 200]), // map data: counts only, no personal data
  // risk scores: aggregates; a geographic role within its own unit (another unit: 403)
  'GET /risk': only({
    ...GEO_FILTER,
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  'GET /search': all([200, 200]),
  'GET /stats/events/daily': all([200, 200]),
  'GET /stats/events/by-category': all([200, 200]),
  'GET /stats/departments/ranking': all([200, 200]),
  // a unit's trend and forecast: the cases of one's scope (as GET /events); outside a geographic scope 403
  'GET /stats/events/trend': only({
    ...GEO_FILTER,
    department: [200, 200],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  'GET /stats/events/forecast': only({
    ...GEO_FILTER,
    department: [200, 200],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  'GET /stats/events/anomalies': only({
    gridworker: [200, 200],
    community: [200, 200],
    subdistrict: [200, 200],
    department: [200, 200],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  // the analyst's workspace: city-wide case heat, and exports of its aggregates (audited)
  'GET /stats/events/h3': only({ analyst: [200, 200] }),
  'GET /analytics/export': only({ analyst: [200, 200] }),
  'GET /residents': only({ ...GEO_FILTER, centre: [200, 200], leader: [200, 200] }),
  'GET /residents/export.csv': only({ ...GEO_FILTER, centre: [200, 200] }),
  'GET /residents/{id}': only({ ...GEO_RECORD, centre: [200, 200], leader: [200, 200] }),
  'POST /residents/{id}/unmask': only({ ...GEO_RECORD, centre: [200, 200] }),
  'GET /events': only({
    ...GEO_FILTER,
    department: [200, 200],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  'GET /events/{id}': only({
    ...GEO_RECORD,
    department: [200, 404],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  // the case workflow: the matrix's body is no report and no action (400) for every role that may report
  // or act; scope and each action's own roles are tests/workflow.test.ts's job
  'POST /events': only({
    gridworker: [400, 400],
    community: [400, 400],
    subdistrict: [400, 400],
    department: [400, 400],
    centre: [400, 400],
    leader: [400, 400],
  }),
  'POST /events/{id}/actions': only({
    gridworker: [400, 400],
    community: [400, 400],
    subdistrict: [400, 400],
    department: [400, 400],
    centre: [400, 400],
    leader: [400, 400],
  }),
  // photos: uploaded by those who report or handle (the matrix's body is JSON, not an image: 415); served to
  // readers of a case naming one (none names the matrix's id: 404)
  'POST /photos': only({
    gridworker: [415, 415],
    community: [415, 415],
    subdistrict: [415, 415],
    department: [415, 415],
    centre: [415, 415],
    leader: [415, 415],
  }),
  'GET /photos/{id}': { ...all([404, 404]), admin: [403, 403] },
  // assessment: the city scope everywhere; a community or subdistrict within its own subdistrict only
  // (out: another subdistrict, 403); a department reads the department level only (here: grids, 403)
  'GET /assessment': only({
    community: [200, 403],
    subdistrict: [200, 403],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
  }),
  'GET /audit': only({ admin: [200, 200] }),
  'GET /audit/verify': only({ admin: [200, 200] }),
  'GET /users': only({ admin: [200, 200] }),
  // account changes: the matrix's body is not an account (400) and its user does not exist (404)
  'POST /users': only({ admin: [400, 400] }),
  'PATCH /users/{id}': only({ admin: [404, 404] }), // no body reaches the handler as {}
  'POST /users/{id}/disable': only({ admin: [404, 404] }),
  'POST /users/{id}/enable': only({ admin: [404, 404] }),
  'POST /users/{id}/reset-password': only({ admin: [404, 404] }),
  'POST /users/{id}/reset-totp': only({ admin: [404, 404] }),
  'POST /users/import': only({ admin: [415, 415] }), // a JSON body, not text/csv
  'POST /auth/password': all([400, 400]), // anyone signed in; the matrix's body is not a password change
  // a second factor of one's own, for anyone signed in: this app has no TOTP key (set-up answers 503), and
  // the matrix's body is not a code
  'POST /auth/totp/setup': all([503, 503]),
  'POST /auth/totp/confirm': all([400, 400]),
  'POST /auth/totp/disable': all([400, 400]),
  // live sensing (this app runs no ingest: the stats and the live stream answer 503)
  'GET /sensors/state': all([200, 200]),
  'GET /sensors/{id}': all([200, 200]),
  'GET /sensors/{id}/series': all([200, 200]),
  'GET /alarms': all([200, 200]),
  'GET /alarms/{id}': all([404, 404]), // no such alarm here
  // case work, for the centre seat and whoever handles cases; no such alarm here
  'POST /alarms/{id}/acknowledge': only({
    gridworker: [404, 404],
    community: [404, 404],
    subdistrict: [404, 404],
    department: [404, 404],
    centre: [404, 404],
  }),
  'GET /cameras/covering': all([200, 200]),
  'GET /ingest/stats': all([503, 503]),
  'GET /ingest/rejects': only({ admin: [200, 200] }),
  'GET /live': all([503, 503]),
  // the leader scheduling day: city-wide cases for the centre, leaders, analysts and the kiosk (masked:
  // tests/leaderDay.test.ts); the agenda is the centre's, the instruction a leader's (the matrix's body
  // is neither: 400)
  'GET /leader-days': only({ centre: [200, 200], analyst: [200, 200], leader: [200, 200], screen: [200, 200] }),
  'GET /leader-days/{month}': only({
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
    screen: [200, 200],
  }),
  'POST /leader-days/{month}/cases': only({ centre: [400, 400] }),
  'POST /leader-days/{month}/instructions': only({ leader: [400, 400] }),
  // the monthly supervision bulletin: city-wide rankings and cases, for the centre, leaders and analysts
  'GET /bulletins': only({ centre: [200, 200], analyst: [200, 200], leader: [200, 200] }),
  'GET /bulletins/{month}': only({ centre: [200, 200], analyst: [200, 200], leader: [200, 200] }),
  // resident credit points: records and archives for the geographic roles within their unit; the catalogue
  // for them and for the readers of aggregates; the aggregates for analysts, the centre, leaders and the
  // community and subdistrict within their unit. The matrix's body is no proposal and no action (400);
  // each action's own roles, same-person rules and caps are tests/credit.test.ts's job
  'GET /credit/rules': only({
    gridworker: [200, 200],
    community: [200, 200],
    subdistrict: [200, 200],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
  }),
  'GET /credit/records': only({ ...GEO_FILTER }),
  'GET /credit/records/{id}': only({ ...GEO_RECORD }),
  'POST /credit/records': only({ gridworker: [400, 400], community: [400, 400], subdistrict: [400, 400] }),
  'POST /credit/records/{id}/actions': only({ gridworker: [400, 400], community: [400, 400], subdistrict: [400, 400] }),
  'GET /residents/{id}/credit': only({ ...GEO_RECORD }),
  'GET /credit/stats': only({
    community: [200, 403],
    subdistrict: [200, 403],
    centre: [200, 200],
    analyst: [200, 200],
    leader: [200, 200],
  }),
};

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookies: Map<Role, string>;
let routes: { method: string; path: string }[];
const fixture = {
  gridIn: '',
  gridOut: '',
  residentIn: '',
  residentOut: '',
  eventIn: '',
  eventOut: '',
  creditIn: '',
  creditOut: '',
};

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({
    db,
    now: () => new Date().toISOString(),
    startedAt: Date.now(),
    photos: { dir: mkdtempSync(join(tmpdir(), 'wendu-photos-')), maxBytes: 1024 * 1024 },
  });
  ({ cookies } = await signInEveryRole(app, db));
  const doc = (await call(app, 'GET', '/api/openapi.json')).body;
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops as object).map((m) => ({ method: m.toUpperCase(), path })),
  );

  // The demo grid worker's grid is the first urban grid; "outside" is a grid of another subdistrict.
  const me = (await call(app, 'GET', '/api/auth/me', { cookie: cookies.get('gridworker') })).body.user;
  fixture.gridIn = me.unitId;
  const subdistrictOf = (gridId: string) =>
    data.adminUnits.find((u) => u.id === data.adminUnits.find((g) => g.id === gridId)!.parentId)!.parentId;
  fixture.gridOut = data.adminUnits.find(
    (u) => u.level === 'grid' && u.area === 'urban' && subdistrictOf(u.id) !== subdistrictOf(fixture.gridIn),
  )!.id;
  fixture.residentIn = data.residents.find((r) => r.gridId === fixture.gridIn)!.id;
  fixture.residentOut = data.residents.find((r) => r.gridId === fixture.gridOut && r.phone !== null)!.id;
  // In scope for the grid roles and for the department (D02, urban management) alike.
  fixture.eventIn = data.events.find((e) => e.gridId === fixture.gridIn && e.departmentId === 'D02')!.id;
  fixture.eventOut = data.events.find((e) => e.gridId === fixture.gridOut && e.departmentId !== 'D02')!.id;
  // The history's credit records (not a file of the dataset: written to the store by the generator).
  const creditOf = async (gridId: string) =>
    (await db.one<{ id: string }>('SELECT id FROM credit_records WHERE grid_id = $1 ORDER BY id LIMIT 1', [gridId]))!
      .id;
  fixture.creditIn = await creditOf(fixture.gridIn);
  fixture.creditOut = await creditOf(fixture.gridOut);
});
afterAll(() => db.close());

function concrete(path: string, which: 'in' | 'out'): string {
  const f = (k: 'grid' | 'resident' | 'event' | 'credit') =>
    fixture[`${k}${which === 'in' ? 'In' : 'Out'}` as keyof typeof fixture];
  if (path.startsWith('/residents/{id}')) return path.replace('{id}', f('resident'));
  if (path.startsWith('/credit/records/{id}')) return path.replace('{id}', f('credit'));
  if (path === '/credit/records') return `${path}?gridId=${f('grid')}`;
  if (path === '/credit/stats') return `${path}?unitId=${f('grid')}`;
  if (path.startsWith('/events/{id}')) return path.replace('{id}', f('event'));
  if (path === '/grids/{id}') return path.replace('{id}', f('grid'));
  if (path === '/buildings/{id}') return path.replace('{id}', data.buildings.find((b) => b.gridId === f('grid'))!.id);
  if (['/residents', '/residents/export.csv', '/events'].includes(path)) return `${path}?gridId=${f('grid')}`;
  if (path === '/risk') return `${path}?level=grid&within=${f('grid')}`;
  if (path === '/search') return `${path}?q=${encodeURIComponent('社区')}`;
  if (path.startsWith('/sensors/{id}')) return path.replace('{id}', data.sensors[0]!.id);
  if (path === '/alarms/{id}/acknowledge' || path === '/alarms/{id}') return path.replace('{id}', 'AL9999999');
  if (path.startsWith('/users/{id}')) return path.replace('{id}', 'U999');
  if (path.startsWith('/leader-days/{month}')) return path.replace('{month}', '2026-10');
  if (path === '/photos/{id}') return path.replace('{id}', '0'.repeat(64));
  if (path === '/stats/events/trend' || path === '/stats/events/forecast') return `${path}?unit=${f('grid')}`;
  if (path === '/cameras/covering') return `${path}?lon=116.95&lat=31.05`;
  if (path === '/stats/events/h3') return `${path}?res=8&from=2026-01-01&to=2026-12-31`;
  if (path === '/analytics/export') return `${path}?dataset=heat&format=csv&res=8&from=2026-01-01&to=2026-12-31`;
  if (path === '/bulletins/{month}') return '/bulletins/2026-09?format=html';
  if (path === '/assessment') return `${path}?period=2026-10&level=gridworker&within=${f('grid').slice(0, 9)}`;
  return path;
}

describe('access matrix', () => {
  it('has a row for every documented route', () => {
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in EXPECT));
    expect(missing).toEqual([]);
    // And the guard's table names exactly the documented routes (plus the document itself): nothing
    // is reachable that this matrix does not see.
    const reachable = Object.keys(ACCESS)
      .filter((k) => k !== 'GET /openapi.json' && !k.endsWith('/*')) // file trees are tested by the tests that serve them
      .map((k) => k.replace(/:(\w+)/g, '{$1}'));
    expect(reachable.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('answers every role on every route as expected, in scope and out of scope', async () => {
    const wrong: string[] = [];
    for (const { method, path } of routes) {
      const rule = EXPECT[`${method} ${path}`];
      if (!rule || rule === 'public' || rule === 'special') continue;
      for (const role of ROLES) {
        for (const [i, which] of (['in', 'out'] as const).entries()) {
          const url = `/api${concrete(path, which)}`;
          // A route with nothing to be in or out of scope of answers the same twice: ask once.
          if (which === 'out' && url === `/api${concrete(path, 'in')}` && rule[role][0] === rule[role][1]) continue;
          const res = await call(app, method, url, {
            cookie: cookies.get(role),
            json: method === 'POST' ? { reason: '核实低保申请 (matrix test)' } : undefined,
          });
          if (res.status !== rule[role][i])
            wrong.push(`${role} ${method} ${url} (${which}): ${res.status}, expected ${rule[role][i]}`);
          if (res.status >= 400) expect(res.body?.error?.code, `${role} ${url}`).toEqual(expect.any(String));
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const { method, path } of routes) {
      const rule = EXPECT[`${method} ${path}`];
      if (rule === 'public') continue;
      const res = await call(app, method, `/api${concrete(path, 'in')}`, { json: method === 'POST' ? {} : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  it('answers public routes without a session', async () => {
    expect((await call(app, 'GET', '/api/health')).status).toBe(200);
    expect((await call(app, 'GET', '/api/openapi.json')).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me')).body).toEqual({ user: null });
  });

  it('keeps lists inside the scope when no filter is given', async () => {
    const community = (await call(app, 'GET', '/api/auth/me', { cookie: cookies.get('community') })).body.user;
    const grids = new Set(data.adminUnits.filter((u) => u.parentId === community.unitId).map((u) => u.id));
    const residents = (await call(app, 'GET', '/api/residents?limit=200', { cookie: cookies.get('community') })).body;
    expect(residents.total).toBe(data.residents.filter((r) => grids.has(r.gridId)).length);
    expect(residents.residents.every((r: any) => grids.has(r.gridId))).toBe(true);

    // A department sees the cases it answers for, and those where it holds a task (co-handling a summons).
    const department = { cookie: cookies.get('department') };
    const seen: any[] = [];
    for (let total = 1; seen.length < total; ) {
      const page = (await call(app, 'GET', `/api/events?limit=500&offset=${seen.length}`, department)).body;
      total = page.total;
      seen.push(...page.events);
    }
    const others = seen.filter((e) => e.departmentId !== 'D02');
    expect(seen.length - others.length).toBe(data.events.filter((e) => e.departmentId === 'D02').length);
    for (const e of others) {
      const dossier = (await call(app, 'GET', `/api/events/${e.id}`, department)).body;
      expect(
        dossier.tasks.map((t: any) => t.assignee.id),
        e.id,
      ).toContain('D02');
    }

    const gridworker = (await call(app, 'GET', '/api/events?limit=500', { cookie: cookies.get('gridworker') })).body;
    expect(gridworker.total).toBe(data.events.filter((e) => e.gridId === fixture.gridIn).length);
  });

  it('cannot be talked out of its scope by parameters', async () => {
    const cookie = cookies.get('community');
    const outsider = data.residents.find((r) => r.id === fixture.residentOut)!;
    for (const url of [
      `/api/residents?gridId=${fixture.gridOut}`,
      `/api/residents/export.csv?gridId=${fixture.gridOut}`,
      `/api/events?gridId=${fixture.gridOut}`,
      `/api/residents/${fixture.residentOut}`,
      `/api/residents/${fixture.residentOut}/credit`,
      `/api/credit/records?gridId=${fixture.gridOut}`,
      `/api/credit/records/${fixture.creditOut}`,
      `/api/events/${fixture.eventOut}`,
      `/api/grids/${fixture.gridOut}`,
      `/api/grids/340881`,
    ]) {
      const res = await call(app, 'GET', url, { cookie });
      expect([403, 404], url).toContain(res.status);
      for (const secret of [outsider.idNumber, outsider.phone!, outsider.name])
        expect(res.text, url).not.toContain(secret);
    }
    const dept = await call(app, 'GET', '/api/events?departmentId=D01', { cookie: cookies.get('department') });
    expect(dept.status).toBe(403);
  });
});

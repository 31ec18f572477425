// Sign-in, sessions, masking and audit, and what hostile input gets: a clean 4xx and nothing leaked.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { DemoUser } from '../server/auth/demoUsers';
import type { Role } from '../server/domain/access';
import type { CityDataset } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { call, signIn, signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let users: Map<Role, DemoUser>;
let cookies: Map<Role, string>;

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() });
  ({ users, cookies } = await signInEveryRole(app, db));
});
afterAll(() => db.close());

const admin = () => cookies.get('admin')!;

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and knows who you are', async () => {
    const u = users.get('analyst')!;
    const res = await call(app, 'POST', '/api/auth/login', { json: { username: u.username, password: u.password } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^wendu_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await call(app, 'GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    expect(me.body.user).toMatchObject({
      username: 'analyst',
      role: 'analyst',
      permissions: expect.arrayContaining(['map', 'cases']),
    });
  });

  it('stores passwords hashed with scrypt, never in clear', async () => {
    const rows = await db.all<{ password_hash: string }>('SELECT password_hash FROM users');
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    for (const u of users.values()) expect(rows.some((r) => r.password_hash.includes(u.password))).toBe(false);
  });

  it('says the same for an unknown user and a wrong password', async () => {
    const a = await call(app, 'POST', '/api/auth/login', { json: { username: 'nobody', password: 'x' } });
    const b = await call(app, 'POST', '/api/auth/login', { json: { username: 'leader', password: 'wrong' } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });

  it('locks an account after five wrong passwords, even against the right one', async () => {
    const u = users.get('subdistrict')!;
    for (let i = 0; i < 4; i++)
      expect(
        (await call(app, 'POST', '/api/auth/login', { json: { username: u.username, password: `guess${i}` } })).status,
      ).toBe(401);
    const fifth = await call(app, 'POST', '/api/auth/login', { json: { username: u.username, password: 'guess4' } });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('locked');
    const right = await call(app, 'POST', '/api/auth/login', { json: { username: u.username, password: u.password } });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    const audit = await call(app, 'GET', `/api/audit?actor=${u.username}&action=sign-in-failed`, { cookie: admin() });
    expect(audit.body.total).toBe(6);
  });

  it('forgives earlier failures on a right password, and writes no user when there were none', async () => {
    const fresh = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() }); // a limiter of its own
    const u = users.get('department')!;
    const login = (password: string) =>
      call(fresh, 'POST', '/api/auth/login', { json: { username: u.username, password } });
    for (let i = 0; i < 3; i++) expect((await login(`guess${i}`)).status).toBe(401);
    expect((await login(u.password)).status).toBe(200);
    // Three and four make seven, past the lock at five: only a forgiven count keeps it open.
    for (let i = 0; i < 4; i++) expect((await login(`again${i}`)).status).toBe(401);
    expect((await login(u.password)).status).toBe(200);
    const row = await db.one<{ n: number }>('SELECT failed_attempts AS n FROM users WHERE username = $1', [u.username]);
    expect(Number(row!.n)).toBe(0);
    // Nothing to forgive: the users' version stays, so the guard's remembered sessions are kept.
    const before = db.versions.of('users');
    expect((await login(u.password)).status).toBe(200);
    expect(db.versions.of('users')).toBe(before);
  });

  it('rate-limits failed sign-ins from one address', async () => {
    const fresh = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() }); // a limiter of its own
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push(
        (await call(fresh, 'POST', '/api/auth/login', { json: { username: `ghost${i}`, password: 'x' } })).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const u = users.get('centre')!;
    expect(
      (await call(fresh, 'POST', '/api/auth/login', { json: { username: u.username, password: u.password } })).status,
    ).toBe(429);
  });

  it('ends the session on sign-out', async () => {
    const u = users.get('leader')!;
    const cookie = await signIn(app, u.username, u.password);
    expect((await call(app, 'GET', '/api/overview', { cookie })).status).toBe(200);
    expect((await call(app, 'POST', '/api/auth/logout', { cookie })).status).toBe(200);
    expect((await call(app, 'GET', '/api/overview', { cookie })).status).toBe(401);
  });

  it('ignores forged session cookies', async () => {
    for (const cookie of [
      'wendu_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      "wendu_session=' OR 1=1 --",
      'wendu_session=../../etc/passwd',
    ]) {
      expect((await call(app, 'GET', '/api/overview', { cookie })).status).toBe(401);
    }
  });
});

describe('personal data', () => {
  // residents with a phone (children under 12 have none)
  const resident = () => data.residents.find((r) => r.gridId === data.residents[0]!.gridId && r.phone)!;

  it('is masked by default, for every role that may read it', async () => {
    const r = data.residents.find((x) => x.phone)!;
    const phone = r.phone!;
    const res = await call(app, 'GET', `/api/residents/${r.id}`, { cookie: cookies.get('centre') });
    expect(res.status).toBe(200);
    expect(res.body.idNumber).toBe(`${r.idNumber.slice(0, 6)}********${r.idNumber.slice(-4)}`);
    expect(res.body.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(res.body.name).toBe(`${[...r.name][0]}${'*'.repeat([...r.name].length - 1)}`);
    expect(res.body.masked).toBe(true);
    expect(res.text).not.toContain(r.idNumber);
  });

  it('unmasks one record for a stated reason and writes the audit row first', async () => {
    const r = resident();
    const denied = await call(app, 'POST', `/api/residents/${r.id}/unmask`, {
      cookie: cookies.get('centre'),
      json: {},
    });
    expect(denied.status).toBe(400);
    const res = await call(app, 'POST', `/api/residents/${r.id}/unmask`, {
      cookie: cookies.get('centre'),
      json: { reason: '核实独居老人走访记录' },
      headers: { 'user-agent': 'vitest-agent' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ idNumber: r.idNumber, phone: r.phone, name: r.name, masked: false });
    const audit = await call(app, 'GET', `/api/audit?action=unmask&targetId=${r.id}`, { cookie: admin() });
    expect(audit.body.entries[0]).toMatchObject({
      actor: 'centre',
      role: 'centre',
      action: 'unmask',
      targetType: 'resident',
      targetId: r.id,
      reason: '核实独居老人走访记录',
      userAgent: 'vitest-agent',
      outcome: 'ok',
    });
    expect(Date.now() - Date.parse(audit.body.entries[0].at)).toBeLessThan(60_000);
  });

  it('refuses unmasking to roles that do not need it', async () => {
    for (const role of ['analyst', 'screen', 'leader', 'department', 'admin'] as const) {
      const res = await call(app, 'POST', `/api/residents/${resident().id}/unmask`, {
        cookie: cookies.get(role),
        json: { reason: '想看看' },
      });
      expect(res.status, role).toBe(403);
    }
  });

  it('exports masked CSV and audits the export', async () => {
    const gridId = resident().gridId;
    const res = await call(app, 'GET', `/api/residents/export.csv?gridId=${gridId}`, { cookie: cookies.get('centre') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines.length - 1).toBe(data.residents.filter((r) => r.gridId === gridId).length);
    expect(res.text).not.toMatch(/340881\d{8}[\dX]{4}/); // no full identity number
    for (const r of data.residents.filter((x) => x.gridId === gridId && x.phone))
      expect(res.text).not.toContain(r.phone);
    const audit = await call(app, 'GET', '/api/audit?action=export', { cookie: admin() });
    expect(audit.body.entries.some((e: any) => e.targetId === gridId && e.actor === 'centre')).toBe(true);
  });
});

describe('audit log', () => {
  it('is readable by administrators only and has no route to change or delete it', async () => {
    expect((await call(app, 'GET', '/api/audit', { cookie: cookies.get('leader') })).status).toBe(403);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const res = await call(app, method, '/api/audit', { cookie: admin(), json: {} });
      expect(res.status, method).toBe(404);
    }
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (path.startsWith('/audit')) expect(Object.keys(ops as object)).toEqual(['get']);
    }
  });

  it('chains its rows so that tampering shows', async () => {
    expect((await call(app, 'GET', '/api/audit/verify', { cookie: admin() })).body).toMatchObject({
      ok: true,
      brokenAt: null,
    });
    // Someone with the database file edits a row behind the platform's back:
    const seq = (await db.one<{ seq: number }>("SELECT min(seq) AS seq FROM audit_log WHERE action = 'unmask'"))!.seq;
    await db.write((conn) => conn.run("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = $1", [seq]));
    const after = (await call(app, 'GET', '/api/audit/verify', { cookie: admin() })).body;
    expect(after).toMatchObject({ ok: false, brokenAt: seq });
  });
});

describe('hostile input', () => {
  const centre = () => cookies.get('centre')!;

  it.each([
    ["/api/residents?gridId=' OR 1=1 --", 400],
    ['/api/residents?limit=99999999', 400],
    ['/api/residents/1%27%3B%20DROP%20TABLE%20residents%3B--', 400],
    ['/api/events?from=yesterday', 400],
    ['/api/events?itemCode=01%27%20OR%20%271', 400],
    ['/api/residents/..%2F..%2F..%2Fetc%2Fpasswd', 400],
    ['/api/grids/..%2F..%2Fetc', 400],
    ['/api/../../etc/passwd', 404],
    ['/api/%2e%2e/%2e%2e/etc/passwd', 404],
  ])('%s → %i JSON', async (url, status) => {
    const res = await call(app, 'GET', url, { cookie: centre() });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toEqual(expect.any(String));
    expect(res.text).not.toMatch(/root:|DuckDB|Binder|stack|at \w+ \(/);
  });

  it('treats SQL in a name filter as text', async () => {
    const res = await call(app, 'GET', `/api/residents?name=${encodeURIComponent("' OR 1=1")}`, { cookie: centre() });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect(await db.one<{ n: number }>('SELECT count(*) AS n FROM residents')).toEqual({ n: data.residents.length });
  });

  it.each([
    [
      'a huge body',
      {
        body: JSON.stringify({ username: 'x', password: 'y'.repeat(200_000) }),
        headers: { 'content-type': 'application/json' },
      },
      413,
      'payload_too_large',
    ],
    ['malformed JSON', { body: '{"username":', headers: { 'content-type': 'application/json' } }, 400, 'bad_json'],
    ['a JSON array', { body: '[1,2]', headers: { 'content-type': 'application/json' } }, 400, 'bad_json'],
    [
      'bad UTF-8',
      {
        body: new Uint8Array([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        headers: { 'content-type': 'application/json' },
      },
      400,
      'bad_encoding',
    ],
    [
      'a form instead of JSON',
      { body: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    [
      'unknown fields',
      {
        body: JSON.stringify({ username: 'admin', password: 'x', role: 'admin' }),
        headers: { 'content-type': 'application/json' },
      },
      400,
      'bad_request',
    ],
    [
      'a cross-site origin',
      {
        body: JSON.stringify({ username: 'a', password: 'b' }),
        headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      },
      403,
      'cross_origin',
    ],
  ] as const)('sign-in with %s → %i %s', async (_name, init, status, code) => {
    const res = await call(app, 'POST', '/api/auth/login', {
      body: init.body as RequestInit['body'],
      headers: { ...init.headers },
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('sends security headers, and no CORS grant to other origins', async () => {
    const res = await call(app, 'GET', '/api/overview', {
      cookie: centre(),
      headers: { origin: 'http://evil.example' },
    });
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it("leaves them off an API answer's 304, which refreshes the answer the browser holds", async () => {
    const first = await call(app, 'GET', '/api/layers/cameras', { cookie: centre() });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const again = await call(app, 'GET', '/api/layers/cameras', {
      cookie: centre(),
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    // What RFC 9110 asks of a 304, and the request's id for the log:
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('vary')).toBe(first.headers.get('vary'));
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    for (const name of ['content-security-policy', 'x-frame-options', 'strict-transport-security'])
      expect(again.headers.get(name), name).toBeNull();
  });
});

describe('the store', () => {
  it('cannot be made to read files, attach databases or install extensions', async () => {
    const { openDb } = await import('../server/store/db');
    const { copyDb } = await import('./helpers/dataset');
    const locked = await openDb(copyDb(inject('smallDataDir')), { lockDown: true });
    try {
      await expect(locked.all("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled/);
      await expect(locked.all("ATTACH '/tmp/other.duckdb' AS other")).rejects.toThrow(/disabled/);
      await expect(locked.all('INSTALL spatial')).rejects.toThrow();
      await expect(locked.all('SET enable_external_access = true')).rejects.toThrow(/configuration/);
    } finally {
      locked.close();
    }
  });
});

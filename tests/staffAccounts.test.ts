// The staff accounts the dataset implies (server/auth/staffAccounts.ts) on the small dataset: one per
// grid worker, village committee, community, subdistrict, town, department and centre seat, counted
// from the data; made disabled and without a password, idempotently; named by the workflow's history;
// and brought into use only by an administrator's reset and enable, then a password of one's own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { ensureDemoUsers } from '../server/auth/demoUsers';
import { NO_PASSWORD } from '../server/auth/passwords';
import { ensureStaffAccounts } from '../server/auth/staffAccounts';
import type { Role } from '../server/domain/access';
import { STRUCTURE } from '../server/domain/facts';
import { maskName } from '../server/domain/masking';
import type { AdminUnit, CityDataset } from '../server/domain/model';
import { CITY_LEADERS, villageCommitteeName } from '../server/domain/staffAccounts';
import { type Db, openDb } from '../server/store/db';
import { createUsers } from '../server/store/users';
import { copyDb, openCopy, readDataset } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';

const DIR = () => inject('smallDataDir');

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookies: Map<Role, string>;
let demoUsernames: string[];
let firstRun: Awaited<ReturnType<typeof ensureStaffAccounts>>;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  department_id: string | null;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
}

const staffRows = () =>
  db.all<UserRow>(
    "SELECT id, username, display_name, role, unit_id, department_id, password_hash, disabled, must_change_password FROM users WHERE id LIKE 'S-%' ORDER BY id",
  );

beforeAll(async () => {
  db = await openCopy(DIR());
  data = readDataset(DIR());
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() });
  // As the server starts: the demo accounts first (made only while there are none), then the staff.
  let users: Awaited<ReturnType<typeof signInEveryRole>>['users'];
  ({ users, cookies } = await signInEveryRole(app, db));
  demoUsernames = [...users.values()].map((u) => u.username).sort();
  firstRun = await ensureStaffAccounts(db, new Date());
});
afterAll(() => db.close());

const units = (level: AdminUnit['level']) => data.adminUnits.filter((u) => u.level === level);
const admin = () => cookies.get('admin')!;

describe('the staff accounts of the dataset', () => {
  it('has one per grid worker, village committee, community, subdistrict, town, department and seat, and the leaders', async () => {
    const rows = await staffRows();
    expect(firstRun.created).toHaveLength(rows.length);
    expect(firstRun.usernameTaken).toEqual([]);
    const byRole = (role: Role) => rows.filter((r) => r.role === role);
    const unitsOf = (role: Role) =>
      byRole(role)
        .map((r) => r.unit_id)
        .sort();
    const ids = (list: { id: string }[]) => list.map((u) => u.id).sort();

    expect(byRole('gridworker')).toHaveLength(data.gridWorkers.length);
    expect(unitsOf('gridworker')).toEqual(data.gridWorkers.map((w) => w.gridId).sort());
    expect(unitsOf('community')).toEqual(ids([...units('community'), ...units('village')]));
    expect(unitsOf('subdistrict')).toEqual(ids([...units('subdistrict'), ...units('town')]));
    expect(
      byRole('department')
        .map((r) => r.department_id)
        .sort(),
    ).toEqual(ids(data.departments));
    expect(byRole('centre')).toHaveLength(STRUCTURE.centreSeats);
    expect(rows).toHaveLength(
      data.gridWorkers.length +
        units('village').length +
        units('community').length +
        units('subdistrict').length +
        units('town').length +
        data.departments.length +
        STRUCTURE.centreSeats +
        CITY_LEADERS.length,
    );
    expect(byRole('leader').map((r) => r.display_name)).toEqual([...CITY_LEADERS]);

    // Names from the data: the worker's own, the units' and departments' real names.
    const worker = data.gridWorkers[0]!;
    const village = units('village')[0]!;
    const subdistrict = units('subdistrict')[0]!;
    const byUsername = new Map(rows.map((r) => [r.username, r]));
    expect(byUsername.get(worker.id.toLowerCase())).toMatchObject({
      display_name: worker.name,
      unit_id: worker.gridId,
    });
    // the village is 凤凰村 on the map, its committee's account 凤凰村委会
    expect(byUsername.get(`v-${village.id}`)?.display_name).toBe(villageCommitteeName(village.name));
    expect(villageCommitteeName(village.name)).toMatch(/村委会$/);
    expect(byUsername.get(`s-${subdistrict.id}`)?.display_name).toBe(`${subdistrict.name}工作人员`);
    expect(byUsername.get('d02')?.display_name).toBe('市城市管理局');
    expect(byUsername.get('seat16')?.display_name).toBe('指挥中心坐席16');
  });

  it('makes them disabled, with no password (no derivation spent), to be changed at first sign-in', async () => {
    for (const r of await staffRows()) {
      expect(r, r.username).toMatchObject({ disabled: true, must_change_password: true, password_hash: NO_PASSWORD });
    }
  });

  it('keeps the nine demo accounts as they are', async () => {
    const others = await db.all<{ username: string; disabled: boolean }>(
      "SELECT username, disabled FROM users WHERE id NOT LIKE 'S-%' ORDER BY username",
    );
    expect(others.map((u) => u.username)).toEqual(demoUsernames);
    expect(others.every((u) => !u.disabled)).toBe(true);
  });

  it('is idempotent: a second start makes nothing and changes nothing', async () => {
    const before = await staffRows();
    const again = await ensureStaffAccounts(db, new Date(Date.now() + 86_400_000));
    expect(again).toEqual({ created: [], usernameTaken: [] });
    expect(await staffRows()).toEqual(before);
  });

  it('does not stop the demo accounts from being made on a store that has only staff accounts', async () => {
    const other = await openCopy(DIR());
    try {
      await ensureStaffAccounts(other, new Date());
      const demo = await ensureDemoUsers(
        other,
        join(mkdtempSync(join(tmpdir(), 'wendu-staff-')), 'demo.json'),
        new Date(),
      );
      expect(demo?.map((u) => u.username).sort()).toEqual(demoUsernames);
    } finally {
      other.close();
    }
  });

  it('leaves out an account whose username someone already has, and says so', async () => {
    const other = await openCopy(DIR());
    try {
      await createUsers(other, [
        {
          id: 'U500',
          username: 'gw001',
          displayName: '另一人',
          role: 'analyst',
          unitId: null,
          departmentId: null,
          passwordHash: NO_PASSWORD,
          createdAt: new Date().toISOString(),
        },
      ]);
      const r = await ensureStaffAccounts(other, new Date());
      expect(r.usernameTaken.map((a) => a.username)).toEqual(['gw001']);
      expect(r.created).toHaveLength(firstRun.created.length - 1);
      expect((await other.one<{ id: string }>("SELECT id FROM users WHERE username = 'gw001'"))?.id).toBe('U500');
    } finally {
      other.close();
    }
  });
});

describe('the workflow history names them', () => {
  it('every step actor that looks like an account is one; the rest are channels', async () => {
    const actors = await db.all<{ actor: string; account: string | null; n: number }>(
      `SELECT s.actor, u.id AS account, count(*) AS n FROM event_steps s LEFT JOIN users u ON u.id = s.actor
       GROUP BY s.actor, u.id ORDER BY s.actor`,
    );
    const looksLikeAccount = (a: string) => a.startsWith('S-') || /^U\d+$/.test(a);
    const missing = actors.filter((a) => looksLikeAccount(a.actor) && a.account === null).map((a) => a.actor);
    expect(missing).toEqual([]);
    const channels = new Set(actors.filter((a) => a.account === null).map((a) => a.actor.replace(/:.*/, '')));
    expect([...channels].every((c) => ['hotline-12345', 'resident', 'camera', 'sensor'].includes(c))).toBe(true);
    // every kind of account acts somewhere: workers, communities and village committees, subdistricts and towns, departments, seats, leaders (督办)
    const roles = await db.all<{ role: Role; n: number }>(
      'SELECT u.role, count(*) AS n FROM event_steps s JOIN users u ON u.id = s.actor GROUP BY u.role',
    );
    expect(roles.map((r) => r.role).sort()).toEqual([
      'centre',
      'community',
      'department',
      'gridworker',
      'leader',
      'subdistrict',
    ]);
    const accountSteps = actors.filter((a) => a.account !== null).reduce((n, a) => n + a.n, 0);
    expect(accountSteps).toBeGreaterThan(data.eventSteps.length * 0.9);
  });

  it('shows the acting account by name on a case (a worker masked), null for a channel', async () => {
    const patrol = data.events.find(
      (e) => e.source === 'patrol' && e.status === 'closed' && data.gridWorkers.some((w) => w.gridId === e.gridId),
    )!;
    const res = await call(app, 'GET', `/api/events/${patrol.id}`, { cookie: cookies.get('centre')! });
    expect(res.status, res.text).toBe(200);
    const worker = data.gridWorkers.find((w) => w.gridId === patrol.gridId)!;
    const [collect, file, , handle] = res.body.steps;
    expect(collect).toMatchObject({ actor: `S-${worker.id.toLowerCase()}`, actorName: maskName(worker.name) });
    expect(file.actorName).toMatch(/^指挥中心坐席\d{2}$/);
    expect(handle.actorName).toBe(data.departments.find((d) => d.id === patrol.departmentId)!.name);

    const hotline = data.events.find((e) => e.source === 'hotline')!;
    const h = await call(app, 'GET', `/api/events/${hotline.id}`, { cookie: cookies.get('centre')! });
    expect(h.body.steps[0]).toMatchObject({ actor: 'hotline-12345', actorName: null });
  });
});

describe('a store generated before the history named accounts', () => {
  it('is brought up to date by migration 8: the same actors a new generation gives', async () => {
    const path = copyDb(DIR());
    const steps = (d: Db) =>
      d.all<{ event_id: string; seq: number; actor: string }>(
        'SELECT event_id, seq, actor FROM event_steps ORDER BY event_id, seq',
      );
    let old = await openDb(path);
    const current = await steps(old);
    // The history as the generator wrote it before: grid-worker:<grid>, village-committee:<village>,
    // centre-seat:NN, the department's id, and 'centre' evaluating.
    await old.write(async (conn) => {
      await conn.run(`UPDATE event_steps SET actor = 'grid-worker:' || w.grid_id FROM grid_workers w
        WHERE event_steps.actor = 'S-' || lower(w.id)`);
      await conn.run(
        "UPDATE event_steps SET actor = 'village-committee:' || substr(actor, 5) WHERE starts_with(actor, 'S-v-')",
      );
      await conn.run("UPDATE event_steps SET actor = 'centre' WHERE stage = 'evaluate'");
      await conn.run(
        "UPDATE event_steps SET actor = 'centre-seat:' || substr(actor, 7) WHERE starts_with(actor, 'S-seat')",
      );
      await conn.run(
        "UPDATE event_steps SET actor = upper(substr(actor, 3)) WHERE regexp_full_match(actor, 'S-d[0-9]{2}')",
      );
      await conn.run('DELETE FROM schema_migrations WHERE version = 8');
    });
    const before = await steps(old);
    // Communities, subdistricts and towns acting on a case (S-c-…, S-s-…, S-t-…) and the city leaders
    // supervising (S-leader…) came with the workflow: they have no older form, and migration 8 leaves them.
    const unitAccount = /^S-(?:[cst]-|leader)/;
    expect(before.filter((s) => s.actor.startsWith('S-') && !unitAccount.test(s.actor))).toEqual([]);
    expect(
      new Set(before.filter((s) => !unitAccount.test(s.actor)).map((s) => s.actor.replace(/[:\d].*$/, ''))),
    ).toEqual(
      new Set([
        'grid-worker',
        'village-committee',
        'centre-seat',
        'D',
        'centre',
        'resident',
        'hotline-',
        'camera',
        'sensor',
      ]),
    );
    old.close();

    old = await openDb(path); // migrates
    try {
      expect(await steps(old)).toEqual(current);
    } finally {
      old.close();
    }
  });
});

describe('bringing a staff account into use', () => {
  const login = (username: string, password: string) =>
    call(app, 'POST', '/api/auth/login', { json: { username, password } });
  const NEW_PASSWORD = 'lantern-river-Tongcheng-42';

  /** Reset and enable as the administrator; sign in with the one-time password and choose one's own. */
  async function bringIntoUse(id: string, username: string): Promise<string> {
    // Nothing signs in before: not the marker, not an empty guess, not a plausible one.
    for (const guess of [NO_PASSWORD, 'password', username]) expect((await login(username, guess)).status).toBe(401);

    const reset = await call(app, 'POST', `/api/users/${id}/reset-password`, { cookie: admin() });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body.user).toMatchObject({ disabled: true, mustChangePassword: true });
    const oneTime: string = reset.body.oneTimePassword;
    // Still disabled: the one-time password does not open it yet.
    expect((await login(username, oneTime)).status).toBe(401);

    const enable = await call(app, 'POST', `/api/users/${id}/enable`, { cookie: admin() });
    expect(enable.status, enable.text).toBe(200);
    const first = await login(username, oneTime);
    expect(first.status, first.text).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const blocked = await call(app, 'GET', '/api/events', { cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    const changed = await call(app, 'POST', '/api/auth/password', {
      cookie,
      json: { currentPassword: oneTime, newPassword: NEW_PASSWORD },
    });
    expect(changed.status, changed.text).toBe(200);
    return cookie;
  }

  it('a grid worker: only after reset and enable, then sees only their own grid', async () => {
    const worker = data.gridWorkers[0]!;
    const cookie = await bringIntoUse(`S-${worker.id.toLowerCase()}`, worker.id.toLowerCase());
    const events = await call(app, 'GET', '/api/events?limit=500', { cookie });
    expect(events.status).toBe(200);
    expect(events.body.total).toBeGreaterThan(0);
    expect(events.body.events.every((e: any) => e.gridId === worker.gridId)).toBe(true);
    expect(events.body.total).toBe(data.events.filter((e) => e.gridId === worker.gridId).length);
    const residents = await call(app, 'GET', '/api/residents?limit=200', { cookie });
    expect(residents.status).toBe(200);
    expect(residents.body.residents.every((r: any) => r.gridId === worker.gridId)).toBe(true);
    const otherGrid = data.gridWorkers[1]!.gridId;
    expect((await call(app, 'GET', `/api/events?gridId=${otherGrid}`, { cookie })).status).toBe(403);
  });

  it("a village committee sees its village's grids and nothing else", async () => {
    const village = units('village')[0]!;
    const cookie = await bringIntoUse(`S-v-${village.id}`, `v-${village.id}`);
    const grids = new Set(
      units('grid')
        .filter((g) => g.parentId === village.id)
        .map((g) => g.id),
    );
    const events = await call(app, 'GET', '/api/events?limit=500', { cookie });
    expect(events.status).toBe(200);
    expect(events.body.total).toBe(data.events.filter((e) => grids.has(e.gridId)).length);
    expect(events.body.events.every((e: any) => grids.has(e.gridId))).toBe(true);
  });

  it("a department sees its department's cases", async () => {
    const cookie = await bringIntoUse('S-d02', 'd02');
    const events = await call(app, 'GET', '/api/events?limit=500', { cookie });
    expect(events.status).toBe(200);
    // its own, and those where it holds a task (co-handling a summons of an open case)
    const tasked = new Set(
      (await db.all<{ event_id: string }>("SELECT DISTINCT event_id FROM event_tasks WHERE assignee = 'D02'")).map(
        (r) => r.event_id,
      ),
    );
    expect(events.body.total).toBe(data.events.filter((e) => e.departmentId === 'D02' || tasked.has(e.id)).length);
    expect(events.body.events.every((e: any) => e.departmentId === 'D02' || tasked.has(e.id))).toBe(true);
  });
});

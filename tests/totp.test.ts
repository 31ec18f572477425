// Two factors for the powerful: enrolment, sign-in with a code (wrong, replayed, locked out), recovery
// codes that work once, turning it off, the mandatory switch that restricts a session until enrolled,
// an administrator's reset, a server without its key, and no seed or code anywhere it should not be.
// On a real DuckDB copy, with a fixed clock that the tests move on.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../server/app';
import type { DemoUser } from '../server/auth/demoUsers';
import type { SecondFactorConfig } from '../server/auth/secondFactor';
import { totpCode } from '../server/auth/totp';
import type { Role } from '../server/domain/access';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { call, type Response, signInEveryRole } from './helpers/session';

type App = ReturnType<typeof createApp>;

let db: Db;
let clock = Date.parse('2026-03-02T09:00:10Z');
const now = () => new Date(clock).toISOString();
/** Moves the clock on by `seconds` (a new TOTP step every 30 s). */
const tick = (seconds: number) => {
  clock += seconds * 1000;
};
const key = randomBytes(32);
const optional: SecondFactorConfig = { key, requiredRoles: [] };
const mandatory: SecondFactorConfig = { key, requiredRoles: ['admin', 'centre'] };
/** TOTP optional for every role (the default). */
let app: App;
/** The same store and key with TOTP_REQUIRED_ROLES=admin,centre. */
let strict: App;
let users: Map<Role, DemoUser>;
let cookies: Map<Role, string>;
const seeds = new Map<string, string>();
const recoveryCodes = new Map<string, string[]>();
/** Seeds and recovery codes (high-entropy: none may appear in the audit log, a log line or a later answer). */
const secrets: string[] = [];
/** Codes the tests sent (6 digits: checked against the audit log's text columns). */
const codes: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  const deps = { db, now, startedAt: Date.now() };
  app = createApp({ ...deps, secondFactor: optional });
  strict = createApp({ ...deps, secondFactor: mandatory });
  ({ users, cookies } = await signInEveryRole(app, db));
  const capture =
    (write: (...a: any[]) => boolean) =>
    (chunk: unknown, ...rest: any[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture(process.stdout.write.bind(process.stdout)));
  vi.spyOn(process.stderr, 'write').mockImplementation(capture(process.stderr.write.bind(process.stderr)));
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
});
afterAll(() => {
  vi.restoreAllMocks();
  db.close();
});

const password = (role: Role) => users.get(role)!.password;
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
const login = (on: App, username: string, pw: string, extra: Record<string, string> = {}) =>
  call(on, 'POST', '/api/auth/login', { json: { username, password: pw, ...extra } });
/** The current code of `username`'s seed (remembered, to look for it later where it must not be). */
const code = (username: string) => {
  const c = totpCode(seeds.get(username)!, clock);
  codes.push(c);
  return c;
};
const failures = async (username: string) =>
  (await db.one<{ n: number }>('SELECT failed_attempts AS n FROM users WHERE username = $1', [username]))!.n;

/** Sets up and confirms a second factor for the session `cookie` of `username`; returns the recovery codes. */
async function enrol(on: App, cookie: string, username: string): Promise<string[]> {
  const setup = await call(on, 'POST', '/api/auth/totp/setup', { cookie });
  expect(setup.status, setup.text).toBe(200);
  seeds.set(username, setup.body.secret);
  secrets.push(setup.body.secret);
  const confirm = await call(on, 'POST', '/api/auth/totp/confirm', { cookie, json: { code: code(username) } });
  expect(confirm.status, confirm.text).toBe(200);
  secrets.push(...confirm.body.recoveryCodes);
  return confirm.body.recoveryCodes;
}

describe('enrolment', () => {
  it('answers a seed and URI, confirms it with a code, and answers ten recovery codes once', async () => {
    const cookie = cookies.get('centre')!;
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).body).toMatchObject({
      totpEnabled: false,
      totpRequired: false,
    });
    const setup = await call(app, 'POST', '/api/auth/totp/setup', { cookie });
    expect(setup.status, setup.text).toBe(200);
    expect(setup.body).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30, issuer: 'Wendu Twin' });
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Wendu%20Twin:centre\?/);
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    const secret = setup.body.secret as string;
    seeds.set('centre', secret);
    secrets.push(secret);
    // Pending: nothing changes for sign-in yet.
    expect((await login(app, 'centre', password('centre'))).status).toBe(200);

    const wrong = await call(app, 'POST', '/api/auth/totp/confirm', {
      cookie,
      json: { code: totpCode(secret, clock - 120_000) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'totp_invalid', fields: [{ field: 'code' }] });
    const malformed = await call(app, 'POST', '/api/auth/totp/confirm', { cookie, json: { code: '12ab56' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('bad_request');

    const confirm = await call(app, 'POST', '/api/auth/totp/confirm', { cookie, json: { code: code('centre') } });
    expect(confirm.status, confirm.text).toBe(200);
    const recovery = confirm.body.recoveryCodes as string[];
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    for (const r of recovery) expect(r).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    secrets.push(...recovery);
    recoveryCodes.set('centre', recovery);

    expect(
      (await call(app, 'POST', '/api/auth/totp/confirm', { cookie, json: { code: code('centre') } })).body.error.code,
    ).toBe('totp_already_enabled');
    const again = await call(app, 'POST', '/api/auth/totp/setup', { cookie });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('totp_already_enabled');
    // The session that enrolled goes on; the account now says so.
    expect((await call(app, 'GET', '/api/overview', { cookie })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).body).toMatchObject({ totpEnabled: true });
    const listed = (await call(app, 'GET', '/api/users', { cookie: cookies.get('admin') })).body.users;
    expect(listed.find((u: any) => u.username === 'centre').totpEnabled).toBe(true);
    expect(listed.find((u: any) => u.username === 'leader').totpEnabled).toBe(false);
  });

  it('stores the seed sealed and the recovery codes hashed', async () => {
    const row = (await db.one<{ secret: string; enabled: boolean }>(
      "SELECT t.secret, t.enabled FROM user_totp t JOIN users u ON u.id = t.user_id WHERE u.username = 'centre'",
    ))!;
    expect(row.enabled).toBe(true);
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(seeds.get('centre'));
    const hashes = await db.all<{ code_hash: string }>(
      "SELECT code_hash FROM user_recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'centre'",
    );
    expect(hashes).toHaveLength(10);
    for (const h of hashes) expect(h.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('signing in with a second factor', () => {
  it('opens no session on the password alone, and answers totp_required', async () => {
    const res = await login(app, 'centre', password('centre'));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('totp_required');
    expect(res.headers.get('set-cookie')).toBeNull();
    // A wrong password with a right code is a wrong password; a right password with a wrong code, a wrong code.
    const wrongPassword = await login(app, 'centre', 'not-the-password', { totp: code('centre') });
    expect(wrongPassword.body.error.code).toBe('invalid_credentials');
    const wrongCode = await login(app, 'centre', password('centre'), { totp: '000000' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.error.code).toBe('totp_invalid');
    const both = await login(app, 'centre', password('centre'), {
      totp: '000000',
      recoveryCode: 'AAAA-AAAA-AAAA-AAAA',
    });
    expect(both.status).toBe(400);
  });

  it('signs in with the current code, each code once: the confirming code and a used one are refused', async () => {
    // The code that confirmed the enrolment is of this very step: used already.
    const replayOfConfirm = await login(app, 'centre', password('centre'), { totp: code('centre') });
    expect(replayOfConfirm.body.error.code).toBe('totp_invalid');
    tick(30);
    const current = code('centre');
    const ok = await login(app, 'centre', password('centre'), { totp: current });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ totpEnabled: true, totpRequired: false, mustChangePassword: false });
    expect(ok.body.recoveryCodesLeft).toBeUndefined();
    cookies.set('centre', cookieOf(ok));
    expect((await call(app, 'GET', '/api/residents', { cookie: cookies.get('centre') })).status).toBe(200);
    // The same code again, and the previous step's (still inside the window), are refused.
    expect((await login(app, 'centre', password('centre'), { totp: current })).body.error.code).toBe('totp_invalid');
    const previous = totpCode(seeds.get('centre')!, clock - 30_000);
    expect((await login(app, 'centre', password('centre'), { totp: previous })).body.error.code).toBe('totp_invalid');
    // The next step's code works (one step of clock drift either way).
    tick(30);
    expect((await login(app, 'centre', password('centre'), { totp: code('centre') })).status).toBe(200);
  });

  it('signs in with a recovery code once, however it is typed', async () => {
    const [first, second] = recoveryCodes.get('centre')! as [string, string];
    const typed = first.toLowerCase().replaceAll('-', ' ');
    const ok = await login(app, 'centre', password('centre'), { recoveryCode: typed });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.recoveryCodesLeft).toBe(9);
    const again = await login(app, 'centre', password('centre'), { recoveryCode: first });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('totp_invalid');
    expect((await login(app, 'centre', password('centre'), { recoveryCode: second })).body.recoveryCodesLeft).toBe(8);
    expect((await login(app, 'centre', password('centre'), { recoveryCode: 'ABCD-EFGH' })).status).toBe(401);
    const audit = await db.all<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'sign-in' AND actor = 'centre' AND reason LIKE '%recovery%' ORDER BY seq",
    );
    expect(audit.map((a) => a.reason)).toEqual(['with a recovery code (9 left)', 'with a recovery code (8 left)']);
  });

  it('counts wrong codes towards the lock-out, and a right password without its code forgives none', async () => {
    tick(6 * 60); // past the per-address window of the failures above
    expect((await login(app, 'centre', password('centre'), { totp: code('centre') })).status).toBe(200);
    expect(await failures('centre')).toBe(0);
    for (let i = 0; i < 4; i++)
      expect((await login(app, 'centre', password('centre'), { totp: '000000' })).body.error.code).toBe('totp_invalid');
    expect(await failures('centre')).toBe(4);
    expect((await login(app, 'centre', password('centre'))).body.error.code).toBe('totp_required');
    expect(await failures('centre')).toBe(4);
    const fifth = await login(app, 'centre', password('centre'), { totp: '000000' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('locked');
    tick(30);
    const locked = await login(app, 'centre', password('centre'), { totp: code('centre') });
    expect(locked.status).toBe(429);
    tick(15 * 60);
    expect((await login(app, 'centre', password('centre'), { totp: code('centre') })).status).toBe(200);
    const reasons = await db.all<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'sign-in-failed' AND actor = 'centre' ORDER BY seq",
    );
    expect(reasons.map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        'password right; second factor required',
        'wrong second factor',
        'second factor code used already',
        'wrong second factor; account locked',
        'account locked',
      ]),
    );
  });
});

describe('turning it off', () => {
  let cookie: string;
  beforeAll(async () => {
    tick(60);
    cookie = cookies.get('analyst')!;
    await enrol(app, cookie, 'analyst');
  });

  it('needs the password and a code; a wrong one counts towards the lock-out', async () => {
    const disable = (body: Record<string, string>) =>
      call(app, 'POST', '/api/auth/totp/disable', { cookie, json: body });
    expect((await disable({ currentPassword: password('analyst') })).body.error.code).toBe('bad_request');
    tick(30);
    const wrongPassword = await disable({ currentPassword: 'not-it', totp: code('analyst') });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.error).toMatchObject({ code: 'wrong_password', fields: [{ field: 'currentPassword' }] });
    const wrongCode = await disable({ currentPassword: password('analyst'), totp: '000000' });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.error).toMatchObject({ code: 'totp_invalid', fields: [{ field: 'totp' }] });
    expect(await failures('analyst')).toBe(2);
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).body.totpEnabled).toBe(true);

    const ok = await disable({ currentPassword: password('analyst'), totp: code('analyst') });
    expect(ok.status, ok.text).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).body.totpEnabled).toBe(false);
    expect((await login(app, 'analyst', password('analyst'))).status).toBe(200);
    expect((await disable({ currentPassword: password('analyst'), totp: code('analyst') })).body.error.code).toBe(
      'totp_not_enabled',
    );
  });
});

describe('the mandatory switch (TOTP_REQUIRED_ROLES=admin,centre)', () => {
  it('gives an administrator without a second factor a session that may only enrol', async () => {
    tick(60);
    const res = await login(strict, 'admin', password('admin'));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ totpEnabled: false, totpRequired: true });
    const cookie = cookieOf(res);
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['GET', '/api/overview'],
      ['POST', '/api/auth/password'],
      ['POST', '/api/auth/totp/disable'],
    ] as const) {
      const blocked = await call(strict, method, path, { cookie, json: method === 'POST' ? {} : undefined });
      expect(blocked.status, path).toBe(403);
      expect(blocked.body.error.code).toBe('totp_enrolment_required');
    }
    expect((await call(strict, 'GET', '/api/auth/me', { cookie })).body).toMatchObject({
      user: { username: 'admin' },
      totpEnabled: false,
      totpRequired: true,
      mustChangePassword: false,
    });
    // The same account on a server without the switch is not restricted.
    expect((await call(app, 'GET', '/api/users', { cookie })).status).toBe(200);

    await enrol(strict, cookie, 'admin');
    expect((await call(strict, 'GET', '/api/users', { cookie })).status).toBe(200);
    cookies.set('admin', cookie);
    // Roles the switch does not name are not asked.
    expect((await call(strict, 'GET', '/api/overview', { cookie: cookies.get('leader') })).status).toBe(200);
  });

  it('asks a new administrator for their own password first, then for a second factor', async () => {
    const created = await call(strict, 'POST', '/api/users', {
      cookie: cookies.get('admin'),
      json: { username: 'sun.admin', displayName: '孙管理员', role: 'admin' },
    });
    expect(created.status, created.text).toBe(201);
    const oneTime = created.body.oneTimePassword as string;
    secrets.push(oneTime);
    const cookie = cookieOf(await login(strict, 'sun.admin', oneTime));
    const setup = await call(strict, 'POST', '/api/auth/totp/setup', { cookie });
    expect(setup.body.error.code).toBe('password_change_required');
    const changed = await call(strict, 'POST', '/api/auth/password', {
      cookie,
      json: { currentPassword: oneTime, newPassword: 'lantern-river-Tongcheng-42' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await call(strict, 'GET', '/api/users', { cookie })).body.error.code).toBe('totp_enrolment_required');
    await enrol(strict, cookie, 'sun.admin');
    expect((await call(strict, 'GET', '/api/users', { cookie })).status).toBe(200);
  });

  it('refuses to turn off a second factor the role must have', async () => {
    tick(30);
    const res = await call(strict, 'POST', '/api/auth/totp/disable', {
      cookie: cookies.get('admin'),
      json: { currentPassword: password('admin'), totp: code('admin') },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('totp_mandatory');
    expect((await call(strict, 'GET', '/api/auth/me', { cookie: cookies.get('admin') })).body.totpEnabled).toBe(true);
  });
});

describe("an administrator's reset", () => {
  it("removes another user's second factor and ends their sessions; they enrol again where they must", async () => {
    const centre = (await call(app, 'GET', '/api/auth/me', { cookie: cookies.get('centre') })).body.user;
    const res = await call(strict, 'POST', `/api/users/${centre.userId}/reset-totp`, { cookie: cookies.get('admin') });
    expect(res.status, res.text).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'centre', totpEnabled: false });
    expect((await call(app, 'GET', '/api/overview', { cookie: cookies.get('centre') })).status).toBe(401);
    expect(
      await db.one(
        "SELECT 1 AS x FROM user_recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'centre'",
      ),
    ).toBeUndefined();
    // The old recovery codes are gone with it; the password alone signs in, to a session that may only enrol.
    const cookie = cookieOf(await login(strict, 'centre', password('centre')));
    expect((await call(strict, 'GET', '/api/residents', { cookie })).body.error.code).toBe('totp_enrolment_required');
    expect(
      (await login(app, 'centre', password('centre'), { recoveryCode: recoveryCodes.get('centre')![5]! })).status,
    ).toBe(200); // no second factor now: the password is enough and the stray field is ignored

    const again = await call(strict, 'POST', `/api/users/${centre.userId}/reset-totp`, {
      cookie: cookies.get('admin'),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('totp_not_enabled');
    const me = (await call(strict, 'GET', '/api/auth/me', { cookie: cookies.get('admin') })).body.user;
    const self = await call(strict, 'POST', `/api/users/${me.userId}/reset-totp`, { cookie: cookies.get('admin') });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('self_reset');
    const missing = await call(strict, 'POST', '/api/users/U999/reset-totp', { cookie: cookies.get('admin') });
    expect(missing.status).toBe(404);
    const notAdmin = await call(app, 'POST', `/api/users/${me.userId}/reset-totp`, { cookie: cookies.get('leader') });
    expect(notAdmin.status).toBe(403);

    const audit = (await db.one<{ actor: string; target_id: string; detail: string }>(
      "SELECT actor, target_id, detail FROM audit_log WHERE action = 'totp-reset'",
    ))!;
    expect(audit).toMatchObject({ actor: 'admin', target_id: centre.userId });
    expect(JSON.parse(audit.detail)).toMatchObject({
      before: { totpEnabled: true },
      after: { totpEnabled: false },
      sessionsEnded: true,
    });
  });
});

describe('a server without its key', () => {
  it('cannot enrol anyone, refuses TOTP sign-ins (503), and still takes a recovery code', async () => {
    const keyless = createApp({ db, now, startedAt: Date.now() });
    const setup = await call(keyless, 'POST', '/api/auth/totp/setup', { cookie: cookies.get('leader') });
    expect(setup.status).toBe(503);
    expect(setup.body.error.code).toBe('totp_unavailable');
    tick(30);
    const res = await login(keyless, 'sun.admin', 'lantern-river-Tongcheng-42', { totp: code('sun.admin') });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('totp_unavailable');
    const recovery = await login(keyless, 'sun.admin', 'lantern-river-Tongcheng-42', {
      recoveryCode: secrets[secrets.length - 1]!,
    });
    expect(recovery.status, recovery.text).toBe(200);
    // Another key (a replaced key file) opens no seed either.
    const otherKey = createApp({
      db,
      now,
      startedAt: Date.now(),
      secondFactor: { key: randomBytes(32), requiredRoles: [] },
    });
    expect((await login(otherKey, 'sun.admin', 'lantern-river-Tongcheng-42', { totp: code('sun.admin') })).status).toBe(
      503,
    );
    expect(logged.join('\n')).toContain('[totp] cannot open the TOTP seed');
  });
});

describe('the audit trail', () => {
  it('records every second-factor change; the chain holds', async () => {
    const actions = new Set(
      (await db.all<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE action LIKE 'totp-%'")).map(
        (r) => r.action,
      ),
    );
    expect([...actions].sort()).toEqual(['totp-disable', 'totp-enable', 'totp-reset', 'totp-setup']);
    const denied = await db.all<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'totp-disable' AND outcome = 'denied' ORDER BY seq",
    );
    expect(denied.map((d) => d.reason)).toEqual(['wrong password', 'wrong second factor']);
    const verify = await call(app, 'GET', '/api/audit/verify', { cookie: cookies.get('admin') });
    expect(verify.body).toMatchObject({ ok: true, brokenAt: null });
  });

  it('holds no seed, code or recovery code, and neither do the logs or later answers', async () => {
    expect(seeds.size).toBe(4);
    expect(secrets.length).toBeGreaterThan(40);
    const rows = await db.all<Record<string, unknown>>('SELECT * FROM audit_log');
    const audit = JSON.stringify(rows);
    const text = JSON.stringify(rows.map((r) => [r.actor, r.reason, r.detail, r.target_id]));
    const lines = logged.join('\n');
    for (const s of secrets) {
      expect(audit).not.toContain(s);
      expect(lines).not.toContain(s);
    }
    for (const s of recoveryCodes.get('centre')!) expect(audit).not.toContain(s.replaceAll('-', ''));
    for (const c of codes) expect(text).not.toContain(c);
    const answers = [
      await call(app, 'GET', '/api/users', { cookie: cookies.get('admin') }),
      await call(app, 'GET', '/api/auth/me', { cookie: cookies.get('admin') }),
      await call(app, 'GET', '/api/audit?limit=500', { cookie: cookies.get('admin') }),
    ].map((r) => r.text);
    for (const a of answers) for (const s of secrets) expect(a).not.toContain(s);
    // The stored seeds are sealed: not one is in the table in clear.
    const stored = JSON.stringify(await db.all('SELECT * FROM user_totp'));
    for (const seed of seeds.values()) expect(stored).not.toContain(seed);
  });
});

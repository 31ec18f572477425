// Staff accounts of the dataset made ready to sign in, as an administrator brings them into use
// (README, "Staff accounts of the dataset"): reset the password (the one-time password comes back
// once), enable, then the person signs in with it and chooses their own. Each user is a browser of
// their own: an address of their own on the loopback network, six kept-alive connections at most.
import { randomBytes } from 'node:crypto';
import type { Agent } from 'node:http';
import { browserAgent, call } from '../serve/rawHttp';

export interface StaffUser {
  id: string;
  role: string;
  unitId: string | null;
  departmentId: string | null;
  agent: Agent;
  cookie: string;
}

/** Answers read here are small JSON: asked for uncompressed. */
export const PLAIN = { 'accept-encoding': 'identity' };

const ok = (what: string, a: { status: number; body: Buffer }, status = 200) => {
  if (a.status !== status) throw new Error(`${what}: ${a.status} ${a.body.toString().slice(0, 300)}`);
  return a.body.length ? JSON.parse(a.body.toString()) : null;
};

export async function readyStaff(
  origin: string,
  admin: { username: string; password: string },
  ids: string[],
  firstAddress = 20,
): Promise<StaffUser[]> {
  const adminAgent = browserAgent('127.0.0.1');
  const login = await call(origin, adminAgent, 'POST', '/api/auth/login', PLAIN, admin);
  ok('admin sign-in', login);
  const cookie = login.cookie!;
  const users: StaffUser[] = [];
  for (const [i, id] of ids.entries()) {
    const reset = ok(
      `reset ${id}`,
      await call(origin, adminAgent, 'POST', `/api/users/${id}/reset-password`, { ...PLAIN, cookie }, {}),
    ) as { user: { username: string }; oneTimePassword: string };
    ok(`enable ${id}`, await call(origin, adminAgent, 'POST', `/api/users/${id}/enable`, { ...PLAIN, cookie }, {}));
    const agent = browserAgent(`127.0.0.${firstAddress + i}`);
    const username = reset.user.username;
    const first = await call(origin, agent, 'POST', '/api/auth/login', PLAIN, {
      username,
      password: reset.oneTimePassword,
    });
    ok(`first sign-in of ${username}`, first);
    const password = randomBytes(15).toString('base64url');
    ok(
      `password of ${username}`,
      await call(
        origin,
        agent,
        'POST',
        '/api/auth/password',
        { ...PLAIN, cookie: first.cookie! },
        { currentPassword: reset.oneTimePassword, newPassword: password },
      ),
    );
    const signedIn = await call(origin, agent, 'POST', '/api/auth/login', PLAIN, { username, password });
    const me = ok(`sign-in of ${username}`, signedIn).user as {
      role: string;
      unitId: string | null;
      departmentId: string | null;
    };
    users.push({
      id,
      role: me.role,
      unitId: me.unitId,
      departmentId: me.departmentId,
      agent,
      cookie: signedIn.cookie!,
    });
  }
  adminAgent.destroy();
  return users;
}

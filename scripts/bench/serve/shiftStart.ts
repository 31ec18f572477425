// The shift start: staff signing in and loading their page's API calls all at once, against one of
// them doing it alone. Each user is a browser of their own: their own address on the loopback network
// (127.0.0.10, .11, ...), at most six connections, kept alive. The accounts are made first through
// the API as an administrator would (a CSV import), each then choosing their own password, so the
// timed part is only the sign-in and the page.
import { randomBytes } from 'node:crypto';
import { type Agent, request } from 'node:http';
import { type Answer, browserAgent, call } from './rawHttp';

export interface ShiftUser {
  username: string;
  password: string;
  address: string;
}

/**
 * Makes `count` accounts ready to sign in, their roles taken in turn from `roles` (centre seats see the
 * city; each grid worker gets a grid of their own, so their scoped answers are built for them).
 */
export async function prepareShift(
  origin: string,
  admin: { username: string; password: string },
  count: number,
  gridIds: string[],
  roles: string[],
): Promise<ShiftUser[]> {
  const agent = browserAgent('127.0.0.1');
  const login = await call(origin, agent, 'POST', '/api/auth/login', {}, admin);
  if (login.status !== 200) throw new Error(`admin sign-in: ${login.status} ${login.body}`);
  const tag = Date.now().toString(36);
  const rows = Array.from({ length: count }, (_, i) => {
    const username = `shift-${tag}-${String(i + 1).padStart(2, '0')}`;
    const role = roles[i % roles.length];
    return role === 'gridworker'
      ? `${username},网格员${i + 1},gridworker,${gridIds[i % gridIds.length]},`
      : `${username},用户${i + 1},${role},,`;
  });
  const csv = `username,displayName,role,unitId,departmentId\n${rows.join('\n')}\n`;
  const made = await new Promise<Answer>((resolve, reject) => {
    const req = request(
      `${origin}/api/users/import`,
      { method: 'POST', agent, headers: { cookie: login.cookie!, 'content-type': 'text/csv' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, cookie: null, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(csv);
  });
  if (made.status !== 201) throw new Error(`user import: ${made.status} ${made.body}`);
  const accounts = (
    JSON.parse(made.body.toString()) as { users: { user: { username: string }; oneTimePassword: string }[] }
  ).users;
  agent.destroy();
  const users: ShiftUser[] = [];
  for (const [i, a] of accounts.entries()) {
    const address = `127.0.0.${10 + i}`;
    const own = browserAgent(address);
    const first = await call(
      origin,
      own,
      'POST',
      '/api/auth/login',
      {},
      {
        username: a.user.username,
        password: a.oneTimePassword,
      },
    );
    const password = randomBytes(15).toString('base64url');
    const changed = await call(
      origin,
      own,
      'POST',
      '/api/auth/password',
      { cookie: first.cookie! },
      {
        currentPassword: a.oneTimePassword,
        newPassword: password,
      },
    );
    if (changed.status !== 200) throw new Error(`password of ${a.user.username}: ${changed.status} ${changed.body}`);
    own.destroy();
    users.push({ username: a.user.username, password, address });
  }
  return users;
}

export interface StartTimes {
  signInMs: number;
  pageMs: number;
  totalMs: number;
}

/** One user's start: sign in, then the page's API calls (six at a time, as a browser). */
export async function startOfShift(origin: string, user: ShiftUser, calls: string[]): Promise<StartTimes> {
  const agent = browserAgent(user.address);
  const started = performance.now();
  try {
    const login = await call(
      origin,
      agent,
      'POST',
      '/api/auth/login',
      {},
      {
        username: user.username,
        password: user.password,
      },
    );
    if (login.status !== 200) throw new Error(`sign-in ${user.username}: ${login.status}`);
    const signedIn = performance.now();
    await loadPage(origin, agent, login.cookie!, calls, user.username);
    const done = performance.now();
    return { signInMs: signedIn - started, pageMs: done - signedIn, totalMs: done - started };
  } finally {
    agent.destroy();
  }
}

/** A signed-in user's page: the API calls, six at a time. Milliseconds. */
export async function pageOnly(origin: string, user: ShiftUser, cookie: string, calls: string[]): Promise<number> {
  const agent = browserAgent(user.address);
  const started = performance.now();
  try {
    await loadPage(origin, agent, cookie, calls, user.username);
    return performance.now() - started;
  } finally {
    agent.destroy();
  }
}

/** Signs `user` in; the session cookie. */
export async function signIn(origin: string, user: ShiftUser): Promise<string> {
  const agent = browserAgent(user.address);
  try {
    const login = await call(
      origin,
      agent,
      'POST',
      '/api/auth/login',
      {},
      {
        username: user.username,
        password: user.password,
      },
    );
    if (login.status !== 200) throw new Error(`sign-in ${user.username}: ${login.status}`);
    return login.cookie!;
  } finally {
    agent.destroy();
  }
}

async function loadPage(origin: string, agent: Agent, cookie: string, calls: string[], who: string): Promise<void> {
  const answers = await Promise.all(calls.map((path) => call(origin, agent, 'GET', path, { cookie })));
  // A grid worker may not read the city's statistics (403): that is their page too.
  const failed = answers.filter((a) => a.status >= 400 && a.status !== 403 && a.status !== 404);
  if (failed.length) throw new Error(`${who}: ${failed.length} calls failed (${failed[0]!.status})`);
}

// Signed-in requests against an in-process app: the demo accounts, one per role, and their cookies.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { createApp } from '../../server/app';
import { type DemoUser, ensureDemoUsers } from '../../server/auth/demoUsers';
import type { Role } from '../../server/domain/access';
import type { Db } from '../../server/store/db';

type App = ReturnType<typeof createApp>;

export interface Response {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export async function call(
  app: App,
  method: string,
  path: string,
  init: { cookie?: string; json?: unknown; headers?: Record<string, string>; body?: RequestInit['body'] } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON (CSV) */
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** Signs in and returns the session cookie ("wendu_session=..."). */
export async function signIn(app: App, username: string, password: string): Promise<string> {
  const res = await call(app, 'POST', '/api/auth/login', { json: { username, password } });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${res.text}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** Creates the demo accounts in `db` and signs each in. */
export async function signInEveryRole(
  app: App,
  db: Db,
): Promise<{ users: Map<Role, DemoUser>; cookies: Map<Role, string> }> {
  const demo = await ensureDemoUsers(
    db,
    join(mkdtempSync(join(tmpdir(), 'wendu-users-')), 'demo-users.json'),
    new Date(),
  );
  if (!demo) throw new Error('users existed already');
  const users = new Map(demo.map((u) => [u.role, u]));
  const cookies = new Map<Role, string>();
  for (const u of demo) cookies.set(u.role, await signIn(app, u.username, u.password));
  return { users, cookies };
}

/** An API answer that must be the JSON error `{ error: { code, message } }` with `status`. */
export function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
}

// Who is calling: the client address and user agent, for the audit log and rate limits.

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Client } from '../auth/signIn';
import type { AppEnv } from './context';

export function clientOf(c: Context): Client {
  let ip: string | null = null;
  try {
    ip = getConnInfo(c).remote.address ?? null;
  } catch {
    ip = null; // in-process requests (tests) have no socket
  }
  return { ip, userAgent: c.req.header('user-agent')?.slice(0, 200) ?? null };
}

/**
 * Who did it, as an audit row names them: the signed-in user (the route's guard has required one), their
 * address and user agent, at `at`. Routes add what was done to what; the row says it succeeded.
 */
export function auditedCaller(c: Context<AppEnv>, at: string) {
  const principal = c.get('principal')!;
  const client = clientOf(c);
  return {
    at,
    actorId: principal.userId,
    actor: principal.username,
    role: principal.role,
    ip: client.ip,
    userAgent: client.userAgent,
    outcome: 'ok' as const,
  };
}

// Who is calling: the client address and user agent, for the audit log and rate limits.

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Client } from '../auth/signIn';

export function clientOf(c: Context): Client {
  let ip: string | null = null;
  try {
    ip = getConnInfo(c).remote.address ?? null;
  } catch {
    ip = null; // in-process requests (tests) have no socket
  }
  return { ip, userAgent: c.req.header('user-agent')?.slice(0, 200) ?? null };
}

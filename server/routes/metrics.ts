// GET /metrics: Prometheus's text format, outside /api (scrapers expect it there) and outside the
// OpenAPI document. Open to this machine (a scraper or node exporter beside the server) and, with
// METRICS_TOKEN set, to whoever sends `Authorization: Bearer <token>`; everyone else gets 403.
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { errorJson } from '../http/errors';
import type { Metrics } from '../ops/metrics';

const isLoopback = (address: string | undefined) =>
  !!address && (address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address));

function fromThisMachine(c: Context): boolean {
  try {
    return isLoopback(getConnInfo(c).remote.address);
  } catch {
    return false; // in-process requests (tests) have no socket: not trusted
  }
}

function bearerMatches(c: Context, token: string): boolean {
  if (!token) return false;
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsHandler(metrics: Metrics, token: string) {
  return async (c: Context) => {
    if (!fromThisMachine(c) && !bearerMatches(c, token))
      return errorJson(
        c,
        403,
        'forbidden',
        token
          ? 'Metrics need the bearer token (METRICS_TOKEN).'
          : 'Metrics are served to this machine only (set METRICS_TOKEN to open them).',
      );
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  };
}

// One access-log line per request (JSON, with the request's id) and its latency in the metrics. The
// line holds the path without its query string, the matched route, status, duration, address and
// the signed-in user's id: never a body, cookie or header value, so no password, token or personal
// datum reaches the log. Since its fields are fixed, the line skips the logger's redaction pass, which
// cost about 15–20 µs a request (most of the line's cost), and no child logger is made per request:
// the request's id is a field of the line, and the error handler adds it to its own.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import { routeOf } from './access';
import { clientOf } from './caller';
import type { AppEnv } from './context';

export function accessLog(log: Logger, metrics?: Metrics): MiddlewareHandler<AppEnv> {
  const lines = log.child({}, { redact: { paths: [] } });
  return async (c, next) => {
    const started = performance.now();
    c.set('log', log);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c.req.method, c.req.path);
    const status = c.res.status;
    metrics?.http.observe({ method: c.req.method, route, status: String(status) }, seconds);
    lines.info(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ip: clientOf(c).ip,
        userId: c.get('principal')?.userId,
      },
      'request',
    );
  };
}

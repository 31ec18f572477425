// One access-log line per request (JSON, with the request's id) and its latency in the metrics. The
// line holds the path without its query string, the matched route, status, duration, address and
// the signed-in user's id: never a body, cookie or header value, so no password, token or personal
// datum reaches the log.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import { routeOf } from './access';
import { clientOf } from './caller';
import type { AppEnv } from './context';

export function accessLog(log: Logger, metrics?: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const reqLog = log.child({ reqId: c.get('requestId') });
    c.set('log', reqLog);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c.req.method, c.req.path);
    const status = c.res.status;
    metrics?.http.observe({ method: c.req.method, route, status: String(status) }, seconds);
    reqLog.info(
      {
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

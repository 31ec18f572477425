// The live stream (实时推送): Server-Sent Events of sensor state changes (`sensors`, coalesced per
// second), alarms (`alarm`) and new workflow events (`event`, for those who may see cases). Each
// connection has a bounded queue; a client too slow to keep up is disconnected (it reconnects and
// reloads the state) rather than buffered without end.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { can } from '../domain/access';
import type { LiveMessage } from '../ingest/liveHub';
import type { AppEnv } from './context';
import type { Deps } from './deps';
import { ApiError, ErrorSchema, errorResponses, validationHook } from './errors';

/** Messages a connection may have waiting before it is dropped. */
export const LIVE_QUEUE_LIMIT = 2000;
const KEEPALIVE_MS = 15_000;

const live = createRoute({
  method: 'get', path: '/live', tags: ['sensing'],
  summary: 'Server-Sent Events: `sensors` (changed states, at most one message a second), `alarm`, `event`; `ready` first',
  responses: {
    200: { description: 'An event stream (text/event-stream); `data` is JSON', content: { 'text/event-stream': { schema: z.string() } } },
    503: { description: 'Live sensing is not running in this server', content: { 'application/json': { schema: ErrorSchema } } },
    ...errorResponses,
  },
});

export function liveRoutes({ ingest }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(live, (c) => {
    if (!ingest) throw new ApiError(503, 'ingest_off', 'Live sensing is not running in this server (INGEST=0).');
    const principal = c.get('principal');
    const seesCases = !principal || can(principal, 'cases');
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: LiveMessage[] = [];
      let wake: (() => void) | null = null;
      let overflow = false;
      const unsubscribe = ingest.live.subscribe((m) => {
        if (m.event === 'event' && !seesCases) return;
        if (queue.length >= LIVE_QUEUE_LIMIT) overflow = true;
        else queue.push(m);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: new Date().toISOString(), sensors: ingest.registry.size }) });
        while (!stream.aborted && !stream.closed && !overflow) {
          const m = queue.shift();
          if (m) {
            await stream.writeSSE({ id: String(m.id), event: m.event, data: JSON.stringify(m.data) });
            continue;
          }
          const timedOut = await new Promise<boolean>((resolve) => {
            const t = setTimeout(() => resolve(true), KEEPALIVE_MS);
            wake = () => {
              clearTimeout(t);
              resolve(false);
            };
          });
          wake = null;
          if (timedOut) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    });
  });
}

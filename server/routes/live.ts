// The live stream (实时推送): Server-Sent Events of sensor state changes (`sensors`, coalesced per
// second), alarms (`alarm`) and cases (`event`: a new case and every change to one, for those who may
// see cases, and only the cases their scope reads: a grid worker hears of their grid's, a department
// of those it answers for or holds a task in). Each
// connection has a bounded queue; a client too slow to keep up is disconnected (it reconnects and
// reloads the state) rather than buffered without end.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { can, caseInScope, scopeOf } from '../domain/access';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, ErrorSchema, errorResponses, validationHook } from '../http/errors';
import type { LiveMessage } from '../ingest/liveHub';
import { unitPaths } from '../store/adminUnits';

/** Messages a connection may have waiting before it is dropped. */
export const LIVE_QUEUE_LIMIT = 2000;
const KEEPALIVE_MS = 15_000;

const live = createRoute({
  method: 'get',
  path: '/live',
  tags: ['sensing'],
  summary:
    'Server-Sent Events: `sensors` (changed states, at most one message a second), `alarm`, `event` (a new case or a change to one, with `action`); `ready` first',
  responses: {
    200: {
      description: 'An event stream (text/event-stream); `data` is JSON',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    503: {
      description: 'Live sensing is not running in this server',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    ...errorResponses,
  },
});

/** What the live `event` message carries that scoping needs. */
interface LiveCase {
  gridId?: string;
  departmentId?: string | null;
  taskDepartments?: readonly string[];
}

export function liveRoutes({ db, ingest }: Deps) {
  let paths: Promise<Map<string, string>> | null = null;
  /** Each unit's grid paths, read once (on the first unit-scoped stream). */
  const gridPathsOnce = () => {
    paths ??= unitPaths(db);
    return paths;
  };
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(live, async (c) => {
    if (!ingest) throw new ApiError(503, 'ingest_off', 'Live sensing is not running in this server (INGEST=0).');
    const principal = c.get('principal')!; // the access table lets only signed-in users here
    const seesCases = can(principal, 'cases');
    const scope = scopeOf(principal);
    const gridPaths = scope.kind === 'unit' ? await gridPathsOnce() : null;
    const inScope = (e: LiveCase) =>
      caseInScope(scope, {
        gridPath: e.gridId ? gridPaths?.get(e.gridId) : undefined,
        departmentId: e.departmentId ?? null,
        taskDepartments: e.taskDepartments,
      });
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: LiveMessage[] = [];
      let wake: (() => void) | null = null;
      let overflow = false;
      const unsubscribe = ingest.live.subscribe((m) => {
        if (m.event === 'event' && !(seesCases && inScope(m.data))) return;
        if (queue.length >= LIVE_QUEUE_LIMIT) overflow = true;
        else queue.push(m);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        await stream.writeSSE({
          event: 'ready',
          data: JSON.stringify({ at: new Date().toISOString(), sensors: ingest.registry.size }),
        });
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

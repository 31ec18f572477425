// Health: liveness (the process answers) apart from readiness (the store is writable and the broker
// connected), for a service manager's or load balancer's probes; and what this server is serving.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../http/deps';
import { ErrorSchema, errorResponses, validationHook } from '../http/errors';
import { readinessProbe } from '../ops/readiness';
import { getDatasetMeta } from '../store/meta';
import { json } from './schemas';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    uptimeS: z.number(),
    dataset: z.record(z.string(), z.string()).openapi({ example: { seed: '20220601', scale: '1' } }),
  })
  .openapi('Health');

const LiveSchema = z.object({ status: z.literal('ok'), uptimeS: z.number() }).openapi('Liveness');

const CheckSchema = z.object({ ok: z.boolean(), detail: z.string() });
const ChecksSchema = z.object({ store: CheckSchema, broker: CheckSchema });
const ReadySchema = z.object({ status: z.literal('ready'), checks: ChecksSchema }).openapi('Readiness');
const NotReadySchema = ErrorSchema.extend({ checks: ChecksSchema }).openapi('NotReady');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and the dataset being served',
  responses: { 200: json(HealthSchema, 'The server is up'), ...errorResponses },
});

const live = createRoute({
  method: 'get',
  path: '/health/live',
  tags: ['system'],
  summary: 'Liveness: the process answers (restart it when this fails)',
  responses: { 200: json(LiveSchema, 'The process is alive') },
});

const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  tags: ['system'],
  summary: 'Readiness: the store is writable and the MQTT broker (embedded or external) is connected',
  responses: {
    200: json(ReadySchema, 'Ready to take traffic'),
    503: json(NotReadySchema, 'Not ready: which check failed, and why'),
  },
});

export function healthRoutes({ db, startedAt, readiness }: Deps) {
  const uptimeS = () => Math.round((Date.now() - startedAt) / 1000);
  // Without the server's probe (in-process apps), only the store is asked; its path is not known here.
  const probe = readiness ?? readinessProbe({ db, dbPath: '' });
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(health, async (c) => {
      const dataset = await getDatasetMeta(db);
      return c.json({ status: 'ok' as const, uptimeS: uptimeS(), dataset }, 200);
    })
    .openapi(live, (c) => c.json({ status: 'ok' as const, uptimeS: uptimeS() }, 200))
    .openapi(ready, async (c) => {
      const r = await probe();
      if (r.ready) return c.json({ status: 'ready' as const, checks: r.checks }, 200);
      const failed = Object.entries(r.checks)
        .filter(([, check]) => !check.ok)
        .map(([name, check]) => `${name}: ${check.detail}`)
        .join('; ');
      return c.json({ error: { code: 'not_ready', message: failed }, checks: r.checks }, 503);
    });
}

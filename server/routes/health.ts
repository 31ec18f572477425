// Liveness and what this server is serving.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { getDatasetMeta } from '../store/meta';
import { json } from './schemas';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    uptimeS: z.number(),
    dataset: z.record(z.string(), z.string()).openapi({ example: { seed: '20220601', scale: '1' } }),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and the dataset being served',
  responses: { 200: json(HealthSchema, 'The server is up'), ...errorResponses },
});

export function healthRoutes({ db, startedAt }: Deps) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(health, async (c) => {
    const dataset = await getDatasetMeta(db);
    return c.json({ status: 'ok' as const, uptimeS: Math.round((Date.now() - startedAt) / 1000), dataset }, 200);
  });
}

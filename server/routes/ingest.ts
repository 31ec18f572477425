// Ingest health (数据接入统计): what arrived since start, what was stored, duplicates and rejects by
// reason, and the buffer now; and the latest rejected messages with their reasons.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { REJECT_REASONS } from '../domain/telemetry';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, ErrorSchema, errorResponses, validationHook } from '../http/errors';
import { listRejects } from '../store/rejects';
import { json } from './schemas';

const n = z.number().int();
const byReason = z.object(
  Object.fromEntries(REJECT_REASONS.map((r) => [r, n])) as Record<(typeof REJECT_REASONS)[number], typeof n>,
);

export const IngestStatsSchema = z
  .object({
    since: z.string(),
    broker: z.object({ mode: z.enum(['embedded', 'external']), url: z.string(), connected: z.boolean() }),
    received: n,
    stored: n,
    duplicates: n,
    rejected: z.object({ total: n, byReason }),
    statusReports: n,
    bufferDepth: n,
    bufferCapacity: n,
    flushes: n,
    failedFlushes: n,
    liveSubscribers: n,
  })
  .openapi('IngestStats');

const unavailable = {
  503: {
    description: 'Live sensing is not running in this server',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

const stats = createRoute({
  method: 'get',
  path: '/ingest/stats',
  tags: ['sensing'],
  summary: 'Messages received, stored, duplicated and rejected since start; the buffer depth',
  responses: { 200: json(IngestStatsSchema, 'Counts since the server started'), ...unavailable, ...errorResponses },
});

const rejects = createRoute({
  method: 'get',
  path: '/ingest/rejects',
  tags: ['sensing'],
  summary: 'The latest rejected device messages, with their reasons',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
  responses: {
    200: json(
      z
        .array(
          z.object({
            receivedAt: z.string(),
            topic: z.string(),
            deviceId: z.string().nullable(),
            reason: z.enum(REJECT_REASONS),
            detail: z.string(),
            sizeBytes: n,
            payloadBase64: z.string(),
          }),
        )
        .openapi('RejectedMessages'),
      'Newest first',
    ),
    ...errorResponses,
  },
});

export function ingestRoutes({ db, ingest }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(stats, (c) => {
      if (!ingest) throw new ApiError(503, 'ingest_off', 'Live sensing is not running in this server (INGEST=0).');
      return c.json(ingest.stats(), 200);
    })
    .openapi(rejects, async (c) => c.json(await listRejects(db, c.req.valid('query').limit), 200));
}

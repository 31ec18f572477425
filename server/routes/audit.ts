// The audit log, for administrators: search it, and check that its hash chain holds.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS } from '../domain/audit';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { searchAudit, verifyAuditChain } from '../store/audit';
import { json } from './schemas';

const IsoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date');

const AuditSchema = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actor: z.string(),
    role: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    reason: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    outcome: z.enum(['ok', 'denied']),
    detail: z.string().nullable().openapi({ description: 'An account change: before and after, as JSON' }),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');

const search = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'Search the audit log (who, what, when, why, from where)',
  request: {
    query: z.object({
      actor: z.string().max(64).optional(),
      action: z.enum(AUDIT_ACTIONS).optional(),
      targetId: z.string().max(64).optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: json(z.object({ total: z.number(), entries: z.array(AuditSchema) }), 'Matching entries, newest first'),
    ...errorResponses,
  },
});

const verify = createRoute({
  method: 'get',
  path: '/audit/verify',
  tags: ['audit'],
  summary: "Recompute the audit log's hash chain",
  responses: {
    200: json(z.object({ ok: z.boolean(), rows: z.number(), brokenAt: z.number().nullable() }), 'The result'),
    ...errorResponses,
  },
});

export function auditRoutes({ db }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(search, async (c) => c.json(await searchAudit(db, c.req.valid('query')), 200))
    .openapi(verify, async (c) => c.json(await verifyAuditChain(db), 200));
}

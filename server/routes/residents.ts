// Residents (居民), masked by default; one record at a time in clear, with a reason, audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scopeOf } from '../domain/access';
import { maskResident } from '../domain/masking';
import { auditedCaller } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, ErrorSchema, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { appendAudit } from '../store/audit';
import { getResident, listResidents } from '../store/residents';
import { json } from './schemas';

const TAGS = ['elderly-alone', 'disabled', 'low-income', 'party-member', 'veteran', 'left-behind-child'] as const;
const GridId = z.string().regex(/^[0-9A-Z]{6,20}$/, 'expected a grid id such as 340881002001G01');
const ResidentId = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'expected a resident id')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'R000001' }),
});

const ResidentSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    gridId: z.string(),
    gridName: z.string(),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable().openapi({ description: 'Mobile number; null for a child under 12' }),
    sex: z.enum(['M', 'F']),
    birthDate: z.string(),
    tags: z.array(z.string()),
    livesElsewhere: z
      .boolean()
      .openapi({ description: 'Registered in the household, living elsewhere (人户分离: working away, studying)' }),
    address: z.string(),
    masked: z.boolean(),
  })
  .openapi('Resident');

const filters = z.object({
  gridId: GridId.optional(),
  tag: z.enum(TAGS).optional(),
  name: z.string().min(1).max(10).optional().openapi({ description: 'Name prefix (surname)' }),
});
const page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const forbidden = {
  403: { description: 'Outside your scope', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

const list = createRoute({
  method: 'get',
  path: '/residents',
  tags: ['residents'],
  summary: 'Residents in your scope, masked',
  request: { query: filters.extend(page.shape) },
  responses: {
    200: json(z.object({ total: z.number(), residents: z.array(ResidentSchema) }), 'A page of residents'),
    ...forbidden,
    ...errorResponses,
  },
});
const exportCsv = createRoute({
  method: 'get',
  path: '/residents/export.csv',
  tags: ['residents'],
  summary: 'Residents in your scope as CSV, masked (audited)',
  request: { query: filters },
  responses: {
    200: { description: 'CSV (UTF-8 with BOM, for Excel)', content: { 'text/csv': { schema: z.string() } } },
    ...forbidden,
    ...errorResponses,
  },
});
const one = createRoute({
  method: 'get',
  path: '/residents/{id}',
  tags: ['residents'],
  summary: 'One resident, masked',
  request: { params: ResidentId },
  responses: { 200: json(ResidentSchema, 'The resident'), ...notFoundResponse, ...errorResponses },
});
const unmask = createRoute({
  method: 'post',
  path: '/residents/{id}/unmask',
  tags: ['residents'],
  summary: 'One resident in clear, for a stated reason (audited)',
  request: {
    params: ResidentId,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(4).max(200) }).strict() } },
    },
  },
  responses: { 200: json(ResidentSchema, 'The resident, unmasked'), ...notFoundResponse, ...errorResponses },
});

const EXPORT_LIMIT = 100_000;
const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function residentRoutes({ db, now }: Deps) {
  /** A grid filter outside the caller's scope is refused outright, rather than answered with nothing. */
  async function checkGrid(scope: ReturnType<typeof scopeOf>, gridId: string | undefined) {
    if (!gridId) return;
    if (!(await getAdminUnit(db, gridId, scope)))
      throw new ApiError(403, 'out_of_scope', `Grid ${gridId} is outside your scope.`);
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const scope = scopeOf(c.get('principal')!);
      const q = c.req.valid('query');
      await checkGrid(scope, q.gridId);
      const { total, residents } = await listResidents(db, scope, q);
      return c.json({ total, residents: residents.map(maskResident) }, 200);
    })
    .openapi(exportCsv, async (c) => {
      const principal = c.get('principal')!;
      const scope = scopeOf(principal);
      const q = c.req.valid('query');
      await checkGrid(scope, q.gridId);
      const { total, residents } = await listResidents(db, scope, { ...q, limit: EXPORT_LIMIT, offset: 0 });
      await appendAudit(db, {
        ...auditedCaller(c, now()),
        action: 'export',
        targetType: 'residents',
        targetId: q.gridId ?? null,
        reason: `${Math.min(total, EXPORT_LIMIT)} rows, masked`,
      });
      const header = [
        'id',
        'name',
        'idNumber',
        'phone',
        'sex',
        'birthDate',
        'grid',
        'address',
        'tags',
        'livesElsewhere',
      ];
      const lines = residents
        .map(maskResident)
        .map((r) =>
          [
            r.id,
            r.name,
            r.idNumber,
            r.phone ?? '',
            r.sex,
            r.birthDate,
            r.gridName,
            r.address,
            r.tags.join(' '),
            String(r.livesElsewhere),
          ]
            .map(csvCell)
            .join(','),
        );
      c.header('Content-Disposition', 'attachment; filename="residents.csv"');
      return c.body(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
      });
    })
    .openapi(one, async (c) => {
      const r = await getResident(db, scopeOf(c.get('principal')!), c.req.valid('param').id);
      if (!r) throw new ApiError(404, 'not_found', 'No such resident in your scope.');
      return c.json(maskResident(r), 200);
    })
    .openapi(unmask, async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const r = await getResident(db, scopeOf(principal), id);
      if (!r) throw new ApiError(404, 'not_found', 'No such resident in your scope.');
      // Written before the data leaves: no unmasked read without its audit row.
      await appendAudit(db, {
        ...auditedCaller(c, now()),
        action: 'unmask',
        targetType: 'resident',
        targetId: id,
        reason: c.req.valid('json').reason,
      });
      return c.json({ ...r, masked: false }, 200);
    });
}

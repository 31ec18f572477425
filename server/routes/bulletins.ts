// The monthly supervision bulletin 《e家综合》 (监督通报): the months it can be made for, and one month's
// as an HTML page or an A4 PDF (server/bulletin/). Built once per month, format and data version
// (bulletin/cache.ts); the same bytes serve every reader allowed (the bulletin is city-wide).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { buildBulletin } from '../bulletin/build';
import { BulletinCache } from '../bulletin/cache';
import { bulletinHtml } from '../bulletin/html';
import { bulletinPdf } from '../bulletin/pdf';
import { parsePeriod } from '../domain/assessment';
import { MONTH_PATTERN } from '../domain/bulletin';
import { periodOf } from '../domain/forecast/periods';
import { cachedJson } from '../http/cachedJson';
import { notModified, representationTag } from '../http/conditional';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, validationHook } from '../http/errors';
import { ASSESSMENT_TABLES } from '../store/assessment';
import { BULLETIN_MONTHS_TABLES, BULLETIN_TABLES, bulletinMonths } from '../store/bulletin';
import { LEADER_DAY_TABLES } from '../store/leaderDays';
import { RISK_TABLES } from '../store/risk';
import { json } from './schemas';

/** Every table a bulletin reads: a write to any of them makes the next request build it again. */
const TABLES = [...new Set([...BULLETIN_TABLES, ...ASSESSMENT_TABLES, ...RISK_TABLES, ...LEADER_DAY_TABLES])];
const CLOCK_BUCKET_MS = 60_000;

const MonthsSchema = z
  .object({
    months: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-10' }),
        reported: z.number().int().openapi({ description: 'Cases reported in the month (the bulletin’s cohort)' }),
        complete: z.boolean().openapi({ description: 'The month has ended (by the platform’s clock)' }),
      }),
    ),
  })
  .openapi('BulletinMonths');

const list = createRoute({
  method: 'get',
  path: '/bulletins',
  tags: ['assessment'],
  summary: 'The months a supervision bulletin 《e家综合》 can be made for (those with cases), newest first',
  responses: { 200: json(MonthsSchema, 'The months'), ...errorResponses },
});

const one = createRoute({
  method: 'get',
  path: '/bulletins/{month}',
  tags: ['assessment'],
  summary: 'A month’s supervision bulletin 《e家综合》 as an HTML page or an A4 PDF (Chinese, the font embedded)',
  description:
    'Headline figures, rankings of every assessment level, last places and year-long warnings, cases with points ' +
    'deducted, the risk hot spots and map at the month’s end, the leader scheduling day and charts. “The month” ' +
    'counts the cases reported in it (China Standard Time), as GET /api/assessment?period=YYYY-MM does.',
  request: {
    params: z.object({
      month: z
        .string()
        .regex(MONTH_PATTERN, 'expected a month YYYY-MM (2000–2099)')
        .openapi({ param: { name: 'month', in: 'path' }, example: '2026-10' }),
    }),
    query: z.object({
      format: z.enum(['html', 'pdf']).default('html').openapi({ description: 'html (default) or pdf (A4)' }),
    }),
  },
  responses: {
    200: {
      description: 'The bulletin',
      content: {
        'text/html': { schema: z.string() },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    304: { description: 'Not modified (If-None-Match named the current bulletin)' },
    404: errorResponse('No case was reported in that month (no_data)'),
    ...errorResponses,
  },
});

const CONTENT_TYPES = { html: 'text/html; charset=utf-8', pdf: 'application/pdf' } as const;

export function bulletinRoutes(deps: RouteDeps) {
  const { db, now, risk } = deps;
  const cache = new BulletinCache();
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, (c) => {
      const at = now();
      // A month is complete once the clock passes its end, a Tongcheng (UTC+8) midnight: the answer
      // is held per data version and current month.
      const current = periodOf(Date.parse(at), 'month');
      return cachedJson(c, deps, {
        key: `bulletins?current=${current}`,
        tables: BULLETIN_MONTHS_TABLES,
        build: async () => ({
          months: (await bulletinMonths(db))
            .map((m) => ({ ...m, complete: Date.parse(parsePeriod(m.month)!.to) <= Date.parse(at) }))
            .reverse(),
        }),
      });
    })
    .openapi(one, async (c) => {
      const { month } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const nowIso = now();
      const complete = Date.parse(parsePeriod(month)!.to) <= Date.parse(nowIso);
      const version = `${db.versions.key(TABLES)}|${complete ? 'complete' : Math.floor(Date.parse(nowIso) / CLOCK_BUCKET_MS)}`;
      const built = await cache.get(`${month}|${format}`, version, async () => {
        const bulletin = await buildBulletin({
          db,
          risk,
          month,
          now: nowIso,
          supervisedFactor: deps.leaderDay.followUp.deductionFactor,
        });
        if (!bulletin) return null;
        return format === 'pdf' ? bulletinPdf(bulletin) : Buffer.from(bulletinHtml(bulletin));
      });
      if (!built) throw new ApiError(404, 'no_data', `No case was reported in ${month}: there is no bulletin for it.`);
      c.header('ETag', representationTag(built.entity, null));
      c.header('Cache-Control', 'private, no-cache');
      if (notModified(c.req.header('if-none-match'), built.entity)) return c.body(null, 304);
      c.header(
        'Content-Disposition',
        `${format === 'pdf' ? 'attachment' : 'inline'}; filename="e-jia-zonghe-${month}.${format}"`,
      );
      return c.body(new Uint8Array(built.bytes), 200, { 'Content-Type': CONTENT_TYPES[format] });
    });
}

// The risk ranking (风险排名): the riskiest areas of a level (admin units or H3 cells) at the end of a
// day, each with its score and the named factors it is the sum of (domain/risk, store/risk.ts).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scopeKey, scopeOf } from '../domain/access';
import { FACTOR_TEXT, RISK_FACTORS } from '../domain/risk/factors';
import { RISK_LEVELS } from '../domain/risk/levels';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { RISK_TABLES, rankRisk, riskHistory } from '../store/risk';
import { json } from './schemas';

/** The most areas one answer lists (every H3 r10 cell of a community fits; a whole city's does not need to). */
export const MAX_TOP = 5000;
/** Cases age and deadlines pass with the clock: an answer is rebuilt at least this often. */
export const RISK_FRESH_MS = 60_000;
const DAY_MS = 86_400_000;

const factorDescription = RISK_FACTORS.map((f) => `\`${f}\`: ${FACTOR_TEXT[f].en} (${FACTOR_TEXT[f].rawEn})`).join(
  '; ',
);

const RiskAreaSchema = z
  .object({
    areaId: z.string().openapi({ description: 'An admin unit id, or an H3 cell index', example: '340881002001G01' }),
    name: z.string().openapi({ description: "The unit's name; for a cell, the grid it mostly falls in" }),
    score: z.number().openapi({ description: '0–100: the sum of the factor contributions', example: 42.5 }),
    factors: z
      .object(
        Object.fromEntries(RISK_FACTORS.map((f) => [f, z.number()])) as Record<
          (typeof RISK_FACTORS)[number],
          z.ZodNumber
        >,
      )
      .openapi({ description: `Each factor's points of the score. ${factorDescription}` }),
  })
  .openapi('RiskArea');

const rank = createRoute({
  method: 'get',
  path: '/risk',
  tags: ['analytics'],
  summary: 'The riskiest areas of a level at the end of a day, each score as the sum of named factors',
  request: {
    query: z.object({
      level: z.enum(RISK_LEVELS).openapi({
        description:
          'An admin level (city, subdistrict, town, community, village, grid) or H3 cells (h3r8, h3r9, h3r10)',
        example: 'grid',
      }),
      top: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_TOP)
        .default(20)
        .openapi({ description: `How many areas, riskiest first (1–${MAX_TOP}, default 20)` }),
      at: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
        .optional()
        .openapi({
          description: 'The score as it stood at the end of this day (UTC); default now',
          example: '2026-10-01',
        }),
      within: z
        .string()
        .regex(/^[0-9A-Z]{6,20}$/, 'expected a unit id such as 340881002001')
        .optional()
        .openapi({ description: 'Only areas inside this unit (a cell: by the grid it mostly falls in)' }),
    }),
  },
  responses: {
    200: json(z.array(RiskAreaSchema), 'The areas, riskiest first'),
    403: errorResponse('The unit is outside your scope'),
    ...errorResponses,
  },
});

export function riskRoutes(deps: RouteDeps) {
  const { db, now, risk } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(rank, async (c) => {
    const q = c.req.valid('query');
    const scope = scopeOf(c.get('principal')!);
    const nowIso = now();
    const end = await endOfDay(deps, q.at, nowIso);
    const within: string[] = [];
    if (q.within) {
      const unit = await getAdminUnit(db, q.within);
      if (!unit)
        throw new ApiError(400, 'unknown_unit', `within: no unit ${q.within}.`, [
          { field: 'within', message: 'no such unit' },
        ]);
      if (!(await getAdminUnit(db, q.within, scope)))
        throw new ApiError(403, 'out_of_scope', `Unit ${q.within} is outside your scope.`);
      within.push(unit.path);
    }
    // A geographic role reads the areas inside its own unit (the scale is still the city's).
    if (scope.kind === 'unit') within.push(scope.path);
    return cachedJson(c, deps, {
      key: `risk?${queryKey({ level: q.level, top: q.top, at: q.at ?? null, within: q.within })}&scope=${scopeKey(scope)}`,
      tables: RISK_TABLES,
      maxAgeMs: RISK_FRESH_MS,
      build: () => rankRisk(db, risk, { level: q.level, at: end, top: q.top, within }),
    });
  });
}

/** The end of day `at` (UTC), or now when that is earlier; a day outside the history is a 400. */
async function endOfDay(deps: RouteDeps, at: string | undefined, nowIso: string): Promise<string> {
  if (at === undefined) return nowIso;
  const start = Date.parse(`${at}T00:00:00Z`);
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== at)
    throw new ApiError(400, 'bad_request', `at: ${at} is not a date.`, [{ field: 'at', message: 'not a date' }]);
  const { first } = await riskHistory(deps.db);
  const firstDay = first ? first.slice(0, 10) : nowIso.slice(0, 10);
  const today = nowIso.slice(0, 10);
  if (at < firstDay || at > today)
    throw new ApiError(400, 'outside_history', `at: ${at} is outside the history (${firstDay} to ${today}).`, [
      { field: 'at', message: `between ${firstDay} and ${today}` },
    ]);
  return new Date(Math.min(start + DAY_MS, Date.parse(nowIso))).toISOString();
}

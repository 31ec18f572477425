// Assessment (考核): a level's units over a month or a year, with their indicators, composite score,
// rank and, for a year, the article's sanctions. The ranking is always the whole level's; a reader
// outside the city scope gets the rows of their own subtree or department (domain/assessment.ts).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scopeKey, scopeOf } from '../domain/access';
import {
  ASSESSMENT_LEVELS,
  type AssessmentLevel,
  type AssessmentPeriod,
  assessmentRows,
  assessUnits,
  BASIC_SATISFACTION_VALUE,
  DEDUCTION_CAP,
  DEDUCTION_FACTOR,
  flagYear,
  parsePeriod,
  previousYear,
  SCORE_WEIGHTS,
  TIMED_STAGES,
} from '../domain/assessment';
import { cachedJson } from '../http/cachedJson';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { ASSESSMENT_TABLES, assessmentCounts, assessmentCountsOf } from '../store/assessment';
import type { Db } from '../store/db';
import { json } from './schemas';

const Rate = z.number().nullable();
const UnitAssessmentSchema = z
  .object({
    unitId: z.string(),
    name: z.string(),
    path: z.string().nullable().openapi({ description: 'The unit in the admin tree; null for a department' }),
    rank: z.number().int().nullable().openapi({ description: '1 = best; null: no case in the period, not ranked' }),
    score: z.number().nullable().openapi({ description: 'Composite score, 0–100 (see `scoring`)' }),
    reported: z.number().int().openapi({ description: 'Reports received in the period (上报)' }),
    filed: z.number().int().openapi({ description: 'Of them filed (立案)' }),
    filingRate: Rate,
    dispatched: z.number().int().openapi({ description: 'Tasks dispatched (each department of a summons counts)' }),
    returned: z.number().int().openapi({ description: 'Tasks returned as not the assignee’s own (退回)' }),
    dispatchAccuracy: Rate.openapi({ description: '1 − returned / dispatched (派遣准确率)' }),
    onTime: z
      .object(
        Object.fromEntries(TIMED_STAGES.map((s) => [s, Rate])) as Record<(typeof TIMED_STAGES)[number], typeof Rate>,
      )
      .openapi({ description: 'Per stage: the share of the cases entering it that met its limit (按时率)' }),
    reworkRate: Rate.openapi({ description: 'Failed verifications (返工) / verifications (返工率)' }),
    closed: z.number().int().openapi({ description: 'Cases closed (结案: verification passed)' }),
    closureRate: Rate.openapi({ description: 'closed / filed (结案率)' }),
    avgHandlingHours: z
      .number()
      .nullable()
      .openapi({ description: 'Report to closure, working hours (Mon–Fri 08–12, 14–18 CST), mean of the closed' }),
    satisfaction: z
      .object({ rated: z.number().int(), satisfied: Rate, basicallySatisfied: Rate, dissatisfied: Rate })
      .openapi({ description: 'Shares of the rated evaluations: 满意, 基本满意, 不满意' }),
    pointsDeducted: z.number().int().openapi({ description: 'Points deducted from the unit (or units below it)' }),
    flags: z.array(z.enum(['summoned', 'awardsRevoked'])).openapi({
      description:
        'Year periods: last of its level → summoned (约谈); last two years running → awardsRevoked (取消评优)',
    }),
  })
  .openapi('UnitAssessment');

const AssessmentSchema = z
  .object({
    period: z.object({
      value: z.string(),
      kind: z.enum(['month', 'year']),
      from: z.string(),
      to: z.string().openapi({ description: 'Exclusive; calendar months and years in China Standard Time' }),
      complete: z.boolean().openapi({ description: 'The period has ended (by the platform’s clock)' }),
    }),
    level: z.enum(ASSESSMENT_LEVELS),
    scoring: z.object({
      weights: z.record(z.string(), z.number()),
      basicSatisfactionValue: z.number(),
      deductionFactor: z.number(),
      deductionCap: z.number(),
      formula: z.string(),
    }),
    units: z.array(UnitAssessmentSchema).openapi({ description: 'Best first; unranked units last' }),
  })
  .openapi('Assessment');

const assessment = createRoute({
  method: 'get',
  path: '/assessment',
  tags: ['assessment'],
  summary: 'Assessment (考核) of grid workers, village committees, communities, subdistricts/towns or departments',
  request: {
    query: z.object({
      period: z
        .string()
        .refine((s) => parsePeriod(s) !== null, 'expected a month YYYY-MM or a year YYYY (2000–2099)')
        .openapi({ example: '2026-10', description: 'A month (YYYY-MM) or a year (YYYY), China Standard Time' }),
      level: z.enum(ASSESSMENT_LEVELS).openapi({
        description:
          'gridworker: urban grids’ workers; village: village committees (village grids); subdistrict includes towns',
      }),
      within: z
        .string()
        .regex(/^[0-9A-Z]{6,20}$/, 'expected a unit id such as 340881002')
        .optional()
        .openapi({ description: 'Only the units below this one (the ranking stays the whole level’s)' }),
    }),
  },
  responses: {
    200: json(AssessmentSchema, 'The level’s units, best first'),
    403: errorResponse('The level or unit is outside your scope'),
    ...errorResponses,
  },
});

const FORMULA =
  '100 × Σ wᵢ·xᵢ / Σ wᵢ over the indicators with a value − min(deductionCap, deductionFactor × pointsDeducted / filed); ' +
  'onTime = mean of the stages’ on-time rates, firstTimeRight = 1 − reworkRate, satisfaction = (satisfied + ' +
  'basicSatisfactionValue × basicallySatisfied) / rated, speed = min(1, the level’s median avgHandlingHours / the unit’s)';

/** A level's assessment for a period, ranked (and, for a year, flagged against the year before): what a cache miss costs. */
export async function assessLevel(db: Db, level: AssessmentLevel, period: AssessmentPeriod, supervisedFactor = 1) {
  if (period.kind !== 'year') return assessUnits(await assessmentCounts(db, level, period, supervisedFactor));
  const [year, before] = await assessmentCountsOf(db, level, [period, previousYear(period)], supervisedFactor);
  return flagYear(assessUnits(year!), assessUnits(before!));
}

export function assessmentRoutes(deps: RouteDeps) {
  const { db, now } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(assessment, async (c) => {
    const scope = scopeOf(c.get('principal')!);
    const q = c.req.valid('query');
    const period = parsePeriod(q.period)!;
    let withinPath: string | null = null;
    if (q.within) {
      const unit = await getAdminUnit(db, q.within);
      if (!unit)
        throw new ApiError(400, 'bad_request', `within: no unit ${q.within}.`, [
          { field: 'within', message: 'no such unit' },
        ]);
      withinPath = unit.path;
    }
    const rows = assessmentRows(scope, q.level, withinPath);
    if (!rows.ok) throw new ApiError(403, 'out_of_scope', rows.message);
    const at = now();
    return cachedJson(c, deps, {
      // `complete` follows the clock: the day is part of the key.
      key: `assessment?period=${q.period}&level=${q.level}&within=${q.within ?? ''}&scope=${scopeKey(scope)}&day=${at.slice(0, 10)}`,
      tables: ASSESSMENT_TABLES,
      build: async () => ({
        period: { ...period, complete: Date.parse(period.to) <= Date.parse(at) },
        level: q.level,
        scoring: {
          weights: { ...SCORE_WEIGHTS },
          basicSatisfactionValue: BASIC_SATISFACTION_VALUE,
          deductionFactor: DEDUCTION_FACTOR,
          deductionCap: DEDUCTION_CAP,
          formula: FORMULA,
        },
        units: (await assessLevel(db, q.level, period, deps.leaderDay.followUp.deductionFactor)).filter(rows.shows),
      }),
    });
  });
}

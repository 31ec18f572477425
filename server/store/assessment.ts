// Assessment counts (考核计数) per unit of a level over the cases reported in a period, in one DuckDB
// query; domain/assessment.ts turns them into rates, scores and ranks. The counts a case contributes
// follow from its timeline alone, so they are computed once per case, in TypeScript, when its
// projection is written (domain/workflow/projection.ts caseAssessmentOf: the stages its status
// entered, working minutes to closure on the domain's clock, the tasks dispatched and returned,
// verifications and reworks, the rating) and kept as columns of `events`. A period's assessment is
// then a GROUP BY over its cases — no scan of event_steps, whose tenfold history took seconds to read
// for a year — plus the few deductions of its overdue cases for the stages run late and the points.
import { type AssessmentLevel, TIMED_STAGES, type TimedStage, type UnitCounts } from '../domain/assessment';
import type { Db } from './db';
import { idCountSql, idListSql } from './idLists';

/** The tables the counts read (cached answers name them). */
export const ASSESSMENT_TABLES = [
  'events',
  'case_deductions',
  'admin_units',
  'departments',
  'leader_day_decisions',
] as const;

interface LevelSql {
  /** The units of the level: id, name, path. */
  units: string;
  /** A case's unit (over `e`, its grid_id or department_id, and `g`, its grid), or NULL when none at this level. */
  caseUnit: string;
  /** A deduction holder's unit (over `h`, the admin unit holding it, `d.holder`), or NULL. */
  holderUnit: string;
}

const geo = (levels: string, area: string | null, depth: number): LevelSql => {
  const inArea = (col: string) => (area ? `${col} = '${area}'` : 'true');
  return {
    units: `SELECT id, name, path FROM admin_units WHERE level IN (${levels})${area ? ` AND area = '${area}'` : ''}`,
    caseUnit: `CASE WHEN ${inArea('g.area')} THEN split_part(g.path, '/', ${depth}) END`,
    holderUnit: `CASE WHEN ${inArea('h.area')} AND len(string_split(h.path, '/')) >= ${depth} THEN split_part(h.path, '/', ${depth}) END`,
  };
};

/** How each level's units are found, and a case's and a deduction holder's unit at that level (the test's timeline oracle uses them too). */
export const LEVELS: Record<AssessmentLevel, LevelSql> = {
  gridworker: geo("'grid'", 'urban', 4),
  village: geo("'village'", 'village', 3),
  community: geo("'community'", 'urban', 3),
  subdistrict: geo("'subdistrict', 'town'", null, 2),
  department: {
    units: 'SELECT id, name, NULL::VARCHAR AS path FROM departments',
    caseUnit: 'e.department_id',
    holderUnit: 'd.holder',
  },
};

const COUNT_COLUMNS = [
  'reported',
  'filed',
  'dispatched',
  'returned',
  'verifications',
  'reworks',
  'closed',
  'handling_hours',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'points',
] as const;

const stageCols = (prefix: string) => TIMED_STAGES.map((s) => `${prefix}_${s}`);

/** Counts per unit of `level` over the cases reported in [from, to), every unit of the level included. */
export async function assessmentCounts(
  db: Db,
  level: AssessmentLevel,
  period: { from: string; to: string },
  supervisedFactor = 1,
): Promise<UnitCounts[]> {
  return (await assessmentCountsOf(db, level, [period], supervisedFactor))[0]!;
}

/**
 * The counts of several periods in one pass (a year and the year before, for the sanctions): the
 * cases are read once, from the earliest period on. One list of units per period, in their order.
 */
export async function assessmentCountsOf(
  db: Db,
  level: AssessmentLevel,
  periods: readonly { from: string; to: string }[],
  /**
   * 领导督办 follow-up (config/leader-day.json followUp.deductionFactor): a deduction on a case a leader
   * day instructed, for a limit that fell due after the instruction, counts this many times (the
   * leader's deadline was missed). 1: every deduction counts once.
   */
  supervisedFactor = 1,
): Promise<UnitCounts[][]> {
  if (!(Number.isFinite(supervisedFactor) && supervisedFactor >= 1))
    throw new Error(`supervisedFactor ${supervisedFactor}`);
  const L = LEVELS[level];
  const from = periods.map((p) => p.from).reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const to = periods.map((p) => p.to).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  // Which period a case belongs to ($3, $4 the first period's bounds, $5, $6 the second's, ...).
  const periodOf = `CASE ${periods
    .map(
      (_, i) => `WHEN e.reported_at >= $${3 + 2 * i}::TIMESTAMP AND e.reported_at < $${4 + 2 * i}::TIMESTAMP THEN ${i}`,
    )
    .join(' ')} END`;
  // A department's dispatches and returns are its own tasks: those dispatched to it, those it returned.
  // At the other levels they are the case's unit's: every task dispatched or returned on its cases.
  const byDepartment = level === 'department';
  // What each case adds, summed first per (grid or department, period, stages entered, rating) — a few
  // thousand groups, keyed by small integers and an ENUM, no join and no text compared per case — then
  // per unit of the level over those groups. A case entered a stage when its status is past the
  // stage's start (events.stages_entered: 1 filing … 5 evaluation, i.e. closed); one whose clock at a
  // stage ran late (a deduction of that stage) entered it whatever its status now (a case returned to
  // the centre after dispatch, say): those few are counted from the deductions, which also give the
  // stages run late and the points.
  const perGroup: [string, string][] = [
    ['reported', 'sum(n)'],
    ['filed', 'sum(n) FILTER (WHERE stages_entered >= 2)'],
    ['dispatched', 'sum(dispatched)'],
    ['returned', 'sum(returned)'],
    ['verifications', 'sum(verifications)'],
    ['reworks', 'sum(reworks)'],
    ['closed', 'sum(n) FILTER (WHERE stages_entered = 5)'],
    ['handling_hours', 'sum(handling_minutes) / 60.0'],
    ...TIMED_STAGES.map((s, i): [string, string] => [
      `entered_${s}`,
      `sum(n) FILTER (WHERE stages_entered >= ${i + 1})`,
    ]),
    ['satisfied', "sum(n) FILTER (WHERE rating = 'satisfied')"],
    ['basically_satisfied', "sum(n) FILTER (WHERE rating = 'basically-satisfied')"],
    ['dissatisfied', "sum(n) FILTER (WHERE rating = 'dissatisfied')"],
  ];
  // Over the cases with a deduction: the stages run late, and the stages entered only by running late.
  const perLateCase: [string, string][] = [
    ...TIMED_STAGES.map((s): [string, string] => [`late_${s}`, `count(*) FILTER (WHERE late_${s})`]),
    ...TIMED_STAGES.slice(1).map((s, i): [string, string] => [
      `entered_${s}`,
      `count(*) FILTER (WHERE late_${s} AND stages_entered < ${i + 2})`,
    ]),
  ];
  const summed = [...new Set([...perGroup, ...perLateCase].map(([k]) => k))];
  // The periods' cases, each with its period (a subquery, not a CTE: each use reads only its columns).
  const cases = `(SELECT *, ${periodOf} AS p FROM events e
      WHERE e.reported_at >= $1::TIMESTAMP AND e.reported_at < $2::TIMESTAMP)`;
  // Only cases in a grid of the admin tree count. The groups are keyed by what gives the unit: the
  // grid, joined to the tree after grouping, or the department, the cases first kept to the tree.
  const inTree = `(SELECT * FROM ${cases} WHERE grid_id IN (SELECT id FROM admin_units))`;
  const key = byDepartment ? 'department_id' : 'grid_id';
  const sql = `
WITH groups AS (
  SELECT ${key}, p, stages_entered, rating, count(*) AS n,
         sum(${idCountSql('dispatched_to')}) AS dispatched, sum(${idCountSql('returned_by')}) AS returned,
         sum(verifications) AS verifications, sum(reworks) AS reworks, sum(handling_minutes) AS handling_minutes
    FROM ${byDepartment ? inTree : cases} WHERE p IS NOT NULL
   GROUP BY ALL
),
-- The deductions of the periods' cases. A case with a deduction is overdue: every writer of
-- case_deductions sets events.overdue in the same transaction (store/cases.ts writeProjections and
-- deductCases, the generator), so only the overdue cases are joined, not every case of the periods.
deductions AS (
  SELECT d.event_id, d.stage, d.holder,
         d.points * CASE WHEN ld.event_id IS NULL THEN 1 ELSE ${supervisedFactor} END AS points,
         c.${key}, c.p, c.stages_entered
    FROM case_deductions d JOIN (SELECT * FROM ${cases} WHERE overdue) c ON c.id = d.event_id
    JOIN admin_units g ON g.id = c.grid_id
    -- a limit that fell due after a leader day's instruction on the case (领导督办) weighs the factor
    LEFT JOIN (SELECT event_id, min(decided_at) AS decided_at FROM leader_day_decisions GROUP BY event_id) ld
      ON ld.event_id = d.event_id AND d.due_at > ld.decided_at
   WHERE c.p IS NOT NULL
),
late_groups AS (
  SELECT ${key}, p, ${perLateCase.map(([k, v]) => `${v} AS ${k}`).join(', ')}
    FROM (SELECT event_id, any_value(${key}) AS ${key}, any_value(p) AS p, any_value(stages_entered) AS stages_entered,
                 ${TIMED_STAGES.map((s) => `bool_or(stage = '${s}') AS late_${s}`).join(', ')}
            FROM deductions GROUP BY event_id)
   GROUP BY 1, 2
),
by_case AS (
  SELECT ${L.caseUnit} AS unit_id, e.p, ${summed.map((k) => `sum(e.${k}) AS ${k}`).join(', ')}
    FROM (SELECT ${key}, p, ${perGroup.map(([k, v]) => `${v} AS ${k}`).join(', ')} FROM groups GROUP BY 1, 2
          UNION ALL BY NAME SELECT * FROM late_groups) e
    ${byDepartment ? '' : 'JOIN admin_units g ON g.id = e.grid_id'}
   GROUP BY 1, 2
),
${
  byDepartment
    ? `-- the tasks' lists, few distinct (a case's own department, mostly), each counted once
lists AS (
  SELECT dispatched_to, returned_by, p, count(*) AS n FROM ${inTree} WHERE p IS NOT NULL GROUP BY ALL
),`
    : ''
}
tasks AS (
  ${
    byDepartment
      ? `SELECT unit_id, p, sum(n) FILTER (WHERE returned = 0) AS dispatched, sum(n) FILTER (WHERE returned = 1) AS returned
       FROM (SELECT unnest(${idListSql('dispatched_to')}) AS unit_id, p, n, 0 AS returned FROM lists
             UNION ALL SELECT unnest(${idListSql('returned_by')}), p, n, 1 FROM lists)
      GROUP BY 1, 2`
      : 'SELECT unit_id, p, dispatched, returned FROM by_case'
  }
),
points AS (
  SELECT ${L.holderUnit} AS unit_id, d.p, sum(d.points) AS points
    FROM deductions d LEFT JOIN admin_units h ON h.id = d.holder
   GROUP BY 1, 2
)
SELECT r.p, u.id AS unit_id, u.name, u.path,
       COALESCE(b.reported, 0)::INTEGER AS reported, COALESCE(b.filed, 0)::INTEGER AS filed,
       COALESCE(x.dispatched, 0)::INTEGER AS dispatched, COALESCE(x.returned, 0)::INTEGER AS returned,
       COALESCE(b.verifications, 0)::INTEGER AS verifications, COALESCE(b.reworks, 0)::INTEGER AS reworks,
       COALESCE(b.closed, 0)::INTEGER AS closed, COALESCE(b.handling_hours, 0)::DOUBLE AS handling_hours,
       ${[...stageCols('entered'), ...stageCols('late')].map((k) => `COALESCE(b.${k}, 0)::INTEGER AS ${k}`).join(', ')},
       COALESCE(b.satisfied, 0)::INTEGER AS satisfied,
       COALESCE(b.basically_satisfied, 0)::INTEGER AS basically_satisfied,
       COALESCE(b.dissatisfied, 0)::INTEGER AS dissatisfied,
       round(COALESCE(pt.points, 0))::INTEGER AS points
  FROM (${L.units}) u CROSS JOIN range(${periods.length}) r(p)
  LEFT JOIN by_case b ON b.unit_id = u.id AND b.p = r.p
  LEFT JOIN tasks x ON x.unit_id = u.id AND x.p = r.p
  LEFT JOIN points pt ON pt.unit_id = u.id AND pt.p = r.p
 ORDER BY r.p, u.id`;
  type CountRow = Record<(typeof COUNT_COLUMNS)[number] | `${'entered' | 'late'}_${TimedStage}`, number> & {
    p: number;
    unit_id: string;
    name: string;
    path: string | null;
  };
  const rows = await db.all<CountRow>(sql, [from, to, ...periods.flatMap((p) => [p.from, p.to])]);
  const perStage = (r: CountRow, prefix: 'entered' | 'late') =>
    Object.fromEntries(TIMED_STAGES.map((s) => [s, r[`${prefix}_${s}`]])) as Record<TimedStage, number>;
  const out: UnitCounts[][] = periods.map(() => []);
  for (const r of rows)
    out[Number(r.p)]!.push({
      unitId: r.unit_id,
      name: r.name,
      path: r.path,
      reported: r.reported,
      filed: r.filed,
      dispatched: r.dispatched,
      returned: r.returned,
      verifications: r.verifications,
      reworks: r.reworks,
      closed: r.closed,
      handlingHours: r.handling_hours,
      entered: perStage(r, 'entered'),
      late: perStage(r, 'late'),
      satisfied: r.satisfied,
      basicallySatisfied: r.basically_satisfied,
      dissatisfied: r.dissatisfied,
      pointsDeducted: r.points,
    });
  return out;
}

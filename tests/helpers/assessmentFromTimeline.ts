// The assessment's counts as they were read from the timelines before each case kept its share in
// `events` (store/assessment.ts): the reference the per-case columns are checked against. The steps'
// actions, tasks, verifications and ratings are read from event_steps; the handling time from each
// closed case's report and closure on the domain's clock, summed here.
import type { AssessmentLevel, UnitCounts } from '../../server/domain/assessment';
import { TIMED_STAGES } from '../../server/domain/assessment';
import { clockMinutesBetween } from '../../server/domain/workflow/clock';
import { ACTION_OF_STAGE } from '../../server/domain/workflow/replay';
import { SATISFACTION_ZH } from '../../server/domain/workflow/states';
import { LEVELS } from '../../server/store/assessment';
import type { Db } from '../../server/store/db';

/** A step's action: its own, or the one its stage stands for (history). */
const ACTION_SQL = `COALESCE(s.action, CASE s.stage ${Object.entries(ACTION_OF_STAGE)
  .map(([stage, action]) => `WHEN '${stage}' THEN '${action}'`)
  .join(' ')} END)`;

/** An evaluation's rating: the detail's, else the note's Chinese words mapped to the machine's. */
const RATING_SQL = `COALESCE(json_extract_string(s.detail, '$.satisfaction'),
  CASE regexp_extract(s.note, '综合评价：(满意|基本满意|不满意)', 1) ${Object.entries(SATISFACTION_ZH)
    .map(([key, zh]) => `WHEN '${zh}' THEN '${key}'`)
    .join(' ')} END)`;

const stageCols = (prefix: string) => TIMED_STAGES.map((s) => `${prefix}_${s}`);

/** Counts per unit of `level` over the cases reported in [from, to), from the timelines. */
export async function assessmentFromTimeline(
  db: Db,
  level: AssessmentLevel,
  period: { from: string; to: string },
): Promise<UnitCounts[]> {
  const periods = [period];
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
  const dispatchSql =
    level === 'department'
      ? `SELECT t.dept AS unit_id, t.p, count(*) AS dispatched, 0 AS returned
           FROM (SELECT p, unnest(CASE WHEN detail IS NULL THEN [department_id]
                   ELSE json_extract_string(detail, '$.tasks[*].assignee.id') END) AS dept
                 FROM st WHERE action = 'dispatch') t
          GROUP BY 1, 2
         UNION ALL
         SELECT COALESCE(u.department_id, CASE WHEN regexp_full_match(st.actor, 'S-d[0-9]{2}') THEN upper(substr(st.actor, 3)) END),
                st.p, 0, count(*)
           FROM st LEFT JOIN users u ON u.id = st.actor WHERE st.action = 'return' GROUP BY 1, 2`
      : `SELECT unit_id, p, sum(tasks) AS dispatched, count(*) FILTER (WHERE action = 'return') AS returned
           FROM st GROUP BY 1, 2`;
  const lateCols = TIMED_STAGES.map((s) => `bool_or(stage = '${s}') AS late_${s}`).join(', ');
  const sql = `
WITH c AS (
  -- filed (立案): every status after filing; a report turned away or still waiting is not
  SELECT * FROM (
    SELECT e.id, ${periodOf} AS p, ${L.caseUnit} AS unit_id, e.department_id, e.status, e.reported_at, e.closed_at,
           e.status NOT IN ('reported', 'rejected', 'merged') AS filed
      FROM events e JOIN admin_units g ON g.id = e.grid_id
     WHERE e.reported_at >= $1::TIMESTAMP AND e.reported_at < $2::TIMESTAMP)
   WHERE p IS NOT NULL
),
-- Only the steps the counts need, each with its case's unit. A step is never before its case's
-- report, so the time bound lets DuckDB skip the row groups of older history.
st AS (
  SELECT c.unit_id, c.p, c.department_id, a.action, a.actor, a.detail,
         CASE WHEN a.action = 'dispatch' THEN COALESCE(json_array_length(a.detail, '$.tasks'), 1) ELSE 0 END AS tasks,
         a.rating
    FROM (SELECT s.event_id, ${ACTION_SQL} AS action, s.actor, s.detail,
                 CASE WHEN ${ACTION_SQL} = 'evaluate' THEN ${RATING_SQL} END AS rating
            FROM event_steps s
           WHERE s."at" >= $1::TIMESTAMP
             AND (s.action IN ('dispatch', 'return', 'verify', 'evaluate')
                  OR (s.action IS NULL AND s.stage IN ('dispatch', 'verify', 'evaluate')))) a
    JOIN c ON c.id = a.event_id
),
by_step AS (
  SELECT unit_id, p,
         count(*) FILTER (WHERE action = 'verify') AS verifications,
         count(*) FILTER (WHERE action = 'verify' AND json_extract_string(detail, '$.passed') = 'false') AS reworks,
         count(*) FILTER (WHERE rating = 'satisfied') AS satisfied,
         count(*) FILTER (WHERE rating = 'basically-satisfied') AS basically_satisfied,
         count(*) FILTER (WHERE rating = 'dissatisfied') AS dissatisfied
    FROM st GROUP BY 1, 2
),
late AS (
  SELECT event_id, ${lateCols} FROM case_deductions
   WHERE event_id IN (SELECT id FROM c) GROUP BY event_id
),
-- A case entered a stage when its status is past the stage's start; one whose clock at a stage ran
-- late entered it whatever its status now (a case returned to the centre after dispatch, say).
by_case AS (
  SELECT c.unit_id, c.p,
         count(*) AS reported,
         count(*) FILTER (WHERE c.filed) AS filed,
         count(*) FILTER (WHERE c.closed_at IS NOT NULL) AS closed,
         0 AS handling_hours,
         count(*) AS entered_file,
         count(*) FILTER (WHERE c.filed OR l.late_dispatch) AS entered_dispatch,
         count(*) FILTER (WHERE c.status IN ('dispatched', 'handling', 'feedback', 'verified', 'closed') OR l.late_handle) AS entered_handle,
         count(*) FILTER (WHERE c.status IN ('feedback', 'verified', 'closed') OR l.late_verify) AS entered_verify,
         count(*) FILTER (WHERE c.closed_at IS NOT NULL OR l.late_evaluate) AS entered_evaluate,
         ${TIMED_STAGES.map((s) => `count(*) FILTER (WHERE l.late_${s}) AS late_${s}`).join(', ')}
    FROM c LEFT JOIN late l ON l.event_id = c.id
   GROUP BY 1, 2
),
dispatches AS (
  SELECT unit_id, p, sum(dispatched) AS dispatched, sum(returned) AS returned FROM (${dispatchSql}) GROUP BY 1, 2
),
points AS (
  SELECT ${L.holderUnit} AS unit_id, c.p, sum(d.points) AS points
    FROM case_deductions d JOIN c ON c.id = d.event_id LEFT JOIN admin_units h ON h.id = d.holder
   GROUP BY 1, 2
)
SELECT r.p, u.id AS unit_id, u.name, u.path,
       COALESCE(b.reported, 0)::INTEGER AS reported, COALESCE(b.filed, 0)::INTEGER AS filed,
       COALESCE(x.dispatched, 0)::INTEGER AS dispatched, COALESCE(x.returned, 0)::INTEGER AS returned,
       COALESCE(v.verifications, 0)::INTEGER AS verifications, COALESCE(v.reworks, 0)::INTEGER AS reworks,
       COALESCE(b.closed, 0)::INTEGER AS closed, COALESCE(b.handling_hours, 0)::DOUBLE AS handling_hours,
       ${[...stageCols('entered'), ...stageCols('late')].map((k) => `COALESCE(b.${k}, 0)::INTEGER AS ${k}`).join(', ')},
       COALESCE(v.satisfied, 0)::INTEGER AS satisfied,
       COALESCE(v.basically_satisfied, 0)::INTEGER AS basically_satisfied,
       COALESCE(v.dissatisfied, 0)::INTEGER AS dissatisfied,
       COALESCE(pt.points, 0)::INTEGER AS points
  FROM (${L.units}) u CROSS JOIN range(${periods.length}) r(p)
  LEFT JOIN by_case b ON b.unit_id = u.id AND b.p = r.p
  LEFT JOIN by_step v ON v.unit_id = u.id AND v.p = r.p
  LEFT JOIN dispatches x ON x.unit_id = u.id AND x.p = r.p
  LEFT JOIN points pt ON pt.unit_id = u.id AND pt.p = r.p
 ORDER BY r.p, u.id`;
  const rows = await db.all<Record<string, any>>(sql, [from, to, ...periods.flatMap((p) => [p.from, p.to])]);
  // Handling time: each closed case's working minutes from report to closure, summed per unit.
  const closed = await db.all<{ unit_id: string | null; reported_at: string; closed_at: string }>(
    `SELECT ${L.caseUnit} AS unit_id, e.reported_at::VARCHAR AS reported_at, e.closed_at::VARCHAR AS closed_at
       FROM events e JOIN admin_units g ON g.id = e.grid_id
      WHERE e.reported_at >= $1::TIMESTAMP AND e.reported_at < $2::TIMESTAMP AND e.closed_at IS NOT NULL`,
    [period.from, period.to],
  );
  const minutes = new Map<string | null, number>();
  const utc = (t: string) => Date.parse(`${t.replace(' ', 'T')}Z`);
  for (const c of closed)
    minutes.set(
      c.unit_id,
      (minutes.get(c.unit_id) ?? 0) + clockMinutesBetween(utc(c.reported_at), utc(c.closed_at), 'working'),
    );
  const perStage = (r: Record<string, any>, prefix: string) =>
    Object.fromEntries(TIMED_STAGES.map((s) => [s, r[`${prefix}_${s}`]])) as UnitCounts['entered'];
  return rows.map((r) => ({
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
    handlingHours: (minutes.get(r.unit_id) ?? 0) / 60,
    entered: perStage(r, 'entered'),
    late: perStage(r, 'late'),
    satisfied: r.satisfied,
    basicallySatisfied: r.basically_satisfied,
    dissatisfied: r.dissatisfied,
    pointsDeducted: r.points,
  }));
}

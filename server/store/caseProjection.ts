// The workflow's projection of a case (案件投影: status, holders, deadlines, tasks), written with every
// step (writeProjections, inside the writer's transaction), and filled for cases that have none: the generated
// history after loading, and a store migrated from before the workflow (migration 9) at start. Closed
// and turned-away cases need only who supervised them (督办); each open one is replayed from its timeline. Idempotent: a case
// with a projection is left alone. Nothing is deducted here: every running deadline, past or not, is
// left for the deadline checker (check_at = the earliest running deadline). Every case, closed or not,
// also gets its share of the assessment where it has none (assessCases below).
import { DOUBLE, type DuckDBConnection, INTEGER, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { getItem } from '../domain/taxonomy';
import { type CaseProjection, caseAssessmentOf, projectionOf, taskViews } from '../domain/workflow/projection';
import { normaliseStep, replay } from '../domain/workflow/replay';
import type { CaseState } from '../domain/workflow/states';
import { factsOf, storedStep } from './cases';
import { type Db, readOn } from './db';
import { joinIds } from './idLists';
import { columnList, executeRows, rowsStatement, runScript, type ScriptPart } from './sqlScript';

const EPOCH = new Date(0).toISOString();

export async function projectCases(db: Db): Promise<number> {
  const written = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      // A finished case keeps only who supervised it (督办), so `supervised=true` finds the history's too.
      await conn.run(
        `UPDATE events SET supervised_by = s.actor
         FROM (SELECT event_id, arg_max(actor, seq) AS actor FROM event_steps WHERE action = 'supervise' GROUP BY event_id) s
         WHERE events.id = s.event_id AND events.holders IS NULL AND events.status IN ('closed', 'rejected', 'merged')`,
      );
      // and the city leader who supervised it last (领导督办), as migration 13 fills a store from before.
      await conn.run(
        `UPDATE events SET leader_supervised_by = s.actor, leader_supervised_at = s."at"
         FROM (SELECT event_id, arg_max(actor, seq) AS actor, arg_max("at", seq) AS "at" FROM event_steps
               WHERE action = 'supervise' AND role = 'leader' GROUP BY event_id) s
         WHERE events.id = s.event_id AND events.holders IS NULL AND events.status IN ('closed', 'rejected', 'merged')`,
      );
      await conn.run(
        "UPDATE events SET holders = '' WHERE holders IS NULL AND status IN ('closed', 'rejected', 'merged')",
      );
      const facts = await readOn<Parameters<typeof factsOf>[0]>(
        conn,
        `SELECT e.id, e.item_code, e.source, e.grid_id, e.reported_at, u.path, u.area
         FROM events e JOIN admin_units u ON u.id = e.grid_id WHERE e.holders IS NULL ORDER BY e.id`,
      );
      const steps = await readOn<Parameters<typeof storedStep>[0] & { event_id: string }>(
        conn,
        `SELECT event_id, seq, stage, "at", actor, note, action, role, detail FROM event_steps
         WHERE event_id IN (SELECT id FROM events WHERE holders IS NULL) ORDER BY event_id, seq`,
      );
      const byCase = new Map<string, typeof steps>();
      for (const s of steps) byCase.set(s.event_id, [...(byCase.get(s.event_id) ?? []), s]);
      const states = facts.flatMap((row) => {
        const f = factsOf(row);
        const department = getItem(f.itemCode).departmentId;
        const timeline = (byCase.get(f.id) ?? []).map((r) => normaliseStep(storedStep(r), f, department));
        return timeline.length ? [replay(f, timeline, department)] : [];
      });
      // `now` = long before any deadline: nothing is taken as deducted, so the checker looks at every running one.
      await writeProjections(conn, states, EPOCH);
      await conn.run('COMMIT');
      return facts.length;
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
  // Cached answers that read these tables are rebuilt (server/store/versions.ts).
  db.versions.bump('events', 'event_tasks');
  return written;
}

/** The event's columns the lists filter on, and its tasks, as the state has them at `now`. */
export function writeProjection(conn: DuckDBConnection, s: CaseState, now: string): Promise<void> {
  return writeProjections(conn, [s], now);
}

/** The projections of several cases in a few statements (lists bound as parameters, unnested in SQL). */
export function writeProjections(conn: DuckDBConnection, states: readonly CaseState[], now: string): Promise<void> {
  return writeProjected(
    conn,
    states.map((s) => [s, projectionOf(s, now)]),
  );
}

/** The same, for projections the caller has already computed (the case writer answers with them too). */
export async function writeProjected(
  conn: DuckDBConnection,
  projected: readonly (readonly [CaseState, CaseProjection])[],
): Promise<void> {
  if (projected.length) await runScript(conn, projectionStatements(projected));
}

/**
 * The statements that write projections: the events' columns updated in place, the cases' tasks
 * replaced. Each is an `EXECUTE` of a statement prepared once with its rows as JSON (sqlScript.ts),
 * so the case writer sends them with the rest of its batch in one script.
 */
export function projectionStatements(projected: readonly (readonly [CaseState, CaseProjection])[]): ScriptPart[] {
  if (projected.length === 0) return [];
  const rows = projected.map(([s, p]) => ({
    id: s.facts.id,
    status: p.status,
    department_id: p.departmentId,
    closed_at: p.closedAt,
    late: p.late,
    holders: joinIds(p.holders),
    due_at: p.dueAt,
    warn_at: p.warnAt,
    check_at: p.checkAt,
    supervised_by: p.supervisedBy,
    handling_minutes: p.assessment.handlingMinutes,
    dispatched_to: joinIds(p.assessment.dispatchedTo),
    returned_by: joinIds(p.assessment.returnedBy),
    verifications: p.assessment.verifications,
    reworks: p.assessment.reworks,
    rating: p.assessment.rating,
    stages_entered: p.assessment.stagesEntered,
    leader_supervised_by: p.leaderSupervisedBy,
    leader_supervised_at: p.leaderSupervisedAt,
  }));
  const statements = [
    executeRows(PROJECTION_UPDATE, rows),
    executeRows(
      TASKS_DELETE,
      projected.map(([s]) => ({ event_id: s.facts.id })),
    ),
  ];
  const tasks = projected.flatMap(([s]) =>
    taskViews(s).map((t) => ({
      event_id: s.facts.id,
      task_no: t.no,
      role: t.role,
      assignee: t.assignee.id,
      assignee_kind: t.assignee.kind,
      assignee_level: t.assignee.kind === 'unit' ? t.assignee.level : null,
      state: t.state,
      assigned_at: t.assignedAt,
      limit_minutes: t.limitMinutes,
      deadline_at: t.deadlineAt,
      extension_hours_pending: t.pendingExtension?.hours ?? null,
    })),
  );
  if (tasks.length) statements.push(executeRows(TASKS_INSERT, tasks));
  return statements;
}

const PROJECTION_COLUMNS = {
  id: 'VARCHAR',
  status: 'VARCHAR',
  department_id: 'VARCHAR',
  closed_at: 'TIMESTAMP',
  late: 'BOOLEAN',
  holders: 'VARCHAR',
  due_at: 'TIMESTAMP',
  warn_at: 'TIMESTAMP',
  check_at: 'TIMESTAMP',
  supervised_by: 'VARCHAR',
  handling_minutes: 'DOUBLE',
  dispatched_to: 'VARCHAR',
  returned_by: 'VARCHAR',
  verifications: 'INTEGER',
  reworks: 'INTEGER',
  rating: 'satisfaction',
  stages_entered: 'INTEGER',
  leader_supervised_by: 'VARCHAR',
  leader_supervised_at: 'TIMESTAMP',
} as const;

const TASK_COLUMNS = {
  event_id: 'VARCHAR',
  task_no: 'INTEGER',
  role: 'VARCHAR',
  assignee: 'VARCHAR',
  assignee_kind: 'VARCHAR',
  assignee_level: 'VARCHAR',
  state: 'VARCHAR',
  assigned_at: 'TIMESTAMP',
  limit_minutes: 'INTEGER',
  deadline_at: 'TIMESTAMP',
  extension_hours_pending: 'INTEGER',
} as const;

const PROJECTION_UPDATE = rowsStatement(
  'case_projection_update',
  PROJECTION_COLUMNS,
  (v) => `UPDATE events SET status = v.status, department_id = v.department_id, closed_at = v.closed_at,
     overdue = (events.overdue OR v.late),
     -- lists of ids are stored comma-joined (store/idLists.ts)
     holders = v.holders, due_at = v.due_at, warn_at = v.warn_at, check_at = v.check_at,
     supervised_by = v.supervised_by,
     leader_supervised_by = v.leader_supervised_by, leader_supervised_at = v.leader_supervised_at,
     -- the case's share of the assessment (projection.ts caseAssessmentOf)
     stages_entered = v.stages_entered, handling_minutes = v.handling_minutes,
     dispatched_to = v.dispatched_to, returned_by = v.returned_by,
     verifications = v.verifications, reworks = v.reworks, rating = v.rating
   FROM ${v} v
   WHERE events.id = v.id`,
);
const TASKS_DELETE = rowsStatement(
  'case_tasks_delete',
  { event_id: 'VARCHAR' },
  (v) => `DELETE FROM event_tasks WHERE event_id IN (SELECT event_id FROM ${v})`,
);
const TASKS_INSERT = rowsStatement(
  'case_tasks_insert',
  TASK_COLUMNS,
  (v) => `INSERT INTO event_tasks (${columnList(TASK_COLUMNS)}) SELECT * FROM ${v}`,
);

/** Cases replayed at a time by the back-fill below (bounds the timelines held in memory). */
const ASSESS_BATCH = 20_000;

/**
 * Fills each case's share of the assessment (migration 11's columns) where it is missing: the whole
 * generated history after loading, every case of a store migrated from before at start. Each case is
 * replayed from its timeline and its share computed as a live action's projection computes it
 * (domain/workflow/projection.ts caseAssessmentOf), so history and new cases are counted alike.
 * Only these columns are written: the rest of a closed case's projection is left as it is. Idempotent.
 */
export async function assessCases(db: Db, onBatch?: (done: number) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.write(async (conn) => {
      const facts = await readOn<Parameters<typeof factsOf>[0]>(
        conn,
        `SELECT e.id, e.item_code, e.source, e.grid_id, e.reported_at, u.path, u.area
         FROM events e JOIN admin_units u ON u.id = e.grid_id WHERE e.verifications IS NULL ORDER BY e.id LIMIT ${ASSESS_BATCH}`,
      );
      if (facts.length === 0) return 0;
      const ids = listValue(facts.map((f) => f.id));
      const steps = await readOn<Parameters<typeof storedStep>[0] & { event_id: string }>(
        conn,
        `SELECT event_id, seq, stage, "at", actor, note, action, role, detail FROM event_steps
         WHERE event_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY event_id, seq`,
        [ids],
      );
      const byCase = new Map<string, typeof steps>();
      for (const s of steps) {
        const list = byCase.get(s.event_id);
        if (list) list.push(s);
        else byCase.set(s.event_id, [s]);
      }
      const states: CaseState[] = [];
      for (const row of facts) {
        const f = factsOf(row);
        const department = getItem(f.itemCode).departmentId;
        const timeline = (byCase.get(f.id) ?? []).map((r) => normaliseStep(storedStep(r), f, department));
        if (timeline.length) states.push(replay(f, timeline, department));
      }
      // A case without a timeline (none is written so) counts as nothing, and is not read again.
      const empty = facts.filter((f) => !byCase.has(f.id)).map((f) => f.id);
      const a = states.map((s) => [s.facts.id, caseAssessmentOf(s)] as const);
      const col = <T extends string | number | null>(f: (x: (typeof a)[number]) => T) => listValue(a.map(f));
      await conn.run('BEGIN TRANSACTION');
      try {
        // The same columns as writeProjections (above) writes with a live action.
        await conn.run(
          `UPDATE events SET stages_entered = v.stages_entered, handling_minutes = v.handling_minutes,
             dispatched_to = v.dispatched_to, returned_by = v.returned_by, verifications = v.verifications, reworks = v.reworks, rating = v.rating::satisfaction
           FROM (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::DOUBLE[]) AS handling_minutes,
             unnest($3::VARCHAR[]) AS dispatched_to, unnest($4::VARCHAR[]) AS returned_by,
             unnest($5::INTEGER[]) AS verifications, unnest($6::INTEGER[]) AS reworks, unnest($7::VARCHAR[]) AS rating,
             unnest($8::INTEGER[]) AS stages_entered) v
           WHERE events.id = v.id`,
          [
            col(([id]) => id),
            col(([, x]) => x.handlingMinutes),
            col(([, x]) => joinIds(x.dispatchedTo)),
            col(([, x]) => joinIds(x.returnedBy)),
            col(([, x]) => x.verifications),
            col(([, x]) => x.reworks),
            col(([, x]) => x.rating),
            col(([, x]) => x.stagesEntered),
          ],
          [VARCHAR, DOUBLE, VARCHAR, VARCHAR, INTEGER, INTEGER, VARCHAR, INTEGER].map((t) => LIST(t)),
        );
        if (empty.length)
          await conn.run(
            "UPDATE events SET stages_entered = 1, dispatched_to = '', returned_by = '', verifications = 0, reworks = 0 WHERE id IN (SELECT unnest($1::VARCHAR[]))",
            [listValue(empty)],
          );
        await conn.run('COMMIT');
      } catch (err) {
        await conn.run('ROLLBACK');
        throw err;
      }
      return facts.length;
    });
    if (n === 0) break;
    done += n;
    onBatch?.(done);
  }
  // Cached answers that read events are rebuilt (server/store/versions.ts).
  if (done) db.versions.bump('events');
  return done;
}

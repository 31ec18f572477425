// A case of the workflow (案件) read and written as the machine sees it: the timeline replayed into a
// state, and an action's step written with the projection the lists filter on (status, holders,
// deadlines, tasks) and the deductions due, all in one transaction on the writer — so two clicks on
// the same action are decided one after the other, and the second sees the first.
import {
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import type { Scope } from '../domain/access';
import type { EventOrigin, LonLat } from '../domain/model';
import { getItem } from '../domain/taxonomy';
import { type Deduction, dueDeductions, nextCheckAt } from '../domain/workflow/deadlines';
import type { Decision, Refusal } from '../domain/workflow/decide';
import { projectionOf, taskViews } from '../domain/workflow/projection';
import { normaliseStep, replay, type StoredStep } from '../domain/workflow/replay';
import type { CaseFacts, CaseState, CaseStep } from '../domain/workflow/states';
import { type Db, type Params, type Row, readOn } from './db';
import { H3_RES } from './load';
import { Where } from './sql';

type Query = <T = Row>(sql: string, params?: Params) => Promise<T[]>;

/** The cases a scope may read: a unit's by grid; a department's own and those where it holds a task. */
export function caseScope(w: Where, scope: Scope, prefix = ''): Where {
  if (scope.kind !== 'department') return w.inScope(scope, { grid: `${prefix}grid_id`, department: null });
  return w.add(
    `(${prefix}department_id = ? OR ${prefix}id IN (SELECT event_id FROM event_tasks WHERE assignee = ?))`,
    scope.departmentId,
    scope.departmentId,
  );
}

interface FactsRow {
  id: string;
  item_code: string;
  source: EventOrigin;
  grid_id: string;
  reported_at: string;
  path: string;
  area: 'urban' | 'village';
}
interface StepRow {
  seq: number;
  stage: StoredStep['stage'];
  at: string;
  actor: string;
  note: string;
  action: StoredStep['action'];
  role: StoredStep['role'];
  detail: string | null;
}

export const factsOf = (r: FactsRow): CaseFacts => ({
  id: r.id,
  itemCode: r.item_code,
  source: r.source,
  gridId: r.grid_id,
  gridPath: r.path.split('/'),
  area: r.area === 'village' ? 'village' : 'urban',
  reportedAt: r.reported_at,
});

export const storedStep = (r: StepRow): StoredStep => ({
  seq: r.seq,
  stage: r.stage,
  at: r.at,
  actor: r.actor,
  note: r.note,
  action: r.action,
  role: r.role,
  detail: r.detail ? JSON.parse(r.detail) : null,
});

const FACTS_SQL = `SELECT e.id, e.item_code, e.source, e.grid_id, e.reported_at, u.path, u.area
  FROM events e JOIN admin_units u ON u.id = e.grid_id`;
const STEPS_SQL = 'SELECT seq, stage, "at", actor, note, action, role, detail FROM event_steps';

/** The cases' states, replayed from their timelines (two queries for any number); those outside the scope are absent. */
async function readCases(
  q: Query,
  ids: readonly string[],
  scope: Scope,
): Promise<Map<string, { state: CaseState; steps: CaseStep[] }>> {
  const out = new Map<string, { state: CaseState; steps: CaseStep[] }>();
  if (ids.length === 0) return out;
  const list = listValue([...ids]);
  // `id IN (SELECT unnest(list))`, not list_contains: a semi-join whose bounds DuckDB pushes into the
  // scan, so the row groups of other cases are skipped (one case's facts: ~40 ms → 12, by `=` 4 ms).
  const w = caseScope(
    ids.length === 1
      ? new Where().add('e.id = ?', ids[0]!)
      : new Where().add('e.id IN (SELECT unnest(?::VARCHAR[]))', list),
    scope,
    'e.',
  );
  const rows = await q<FactsRow>(`${FACTS_SQL} ${w}`, w.params);
  if (rows.length === 0) return out;
  const steps = await q<StepRow & { event_id: string }>(
    `${STEPS_SQL.replace('SELECT ', 'SELECT event_id, ')} WHERE event_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY event_id, seq`,
    [listValue(rows.map((r) => r.id))],
  );
  const byCase = new Map<string, StepRow[]>();
  for (const r of steps) {
    const list = byCase.get(r.event_id);
    if (list) list.push(r);
    else byCase.set(r.event_id, [r]);
  }
  for (const row of rows) {
    const facts = factsOf(row);
    // History was reported for its item's department (the generator's rule); newer steps carry their own.
    const department = getItem(row.item_code).departmentId;
    const timeline = (byCase.get(row.id) ?? []).map((r) => normaliseStep(storedStep(r), facts, department));
    if (timeline.length) out.set(row.id, { state: replay(facts, timeline, department), steps: timeline });
  }
  return out;
}

/** The case's state, replayed from its timeline; undefined when no such case is in the scope. */
async function readCase(
  q: Query,
  id: string,
  scope: Scope,
): Promise<{ state: CaseState; steps: CaseStep[] } | undefined> {
  return (await readCases(q, [id], scope)).get(id);
}

export function loadCase(db: Db, scope: Scope, id: string) {
  return readCase((sql, params) => db.all(sql, params), id, scope);
}

/** Several cases at once, by id (those outside the scope are absent). */
export function loadCases(db: Db, scope: Scope, ids: readonly string[]) {
  return readCases((sql, params) => db.all(sql, params), ids, scope);
}

/** The points deducted on a case (扣分记录), oldest first. */
export async function caseDeductions(db: Db, id: string) {
  const rows = await db.all<{
    clock: string;
    holder: string;
    stage: string;
    due_at: string;
    deducted_at: string;
    points: number;
    reason: string;
  }>(
    'SELECT clock, holder, stage, due_at, deducted_at, points, reason FROM case_deductions WHERE event_id = $1 ORDER BY due_at, clock, holder',
    [id],
  );
  return rows.map((r) => ({
    clockKey: r.clock,
    holder: r.holder,
    stage: r.stage,
    dueAt: r.due_at,
    deductedAt: r.deducted_at,
    points: r.points,
    reason: r.reason,
  }));
}

/** A new case from a report: the event, its first step, its projection, in one transaction. */
export async function createCase(
  db: Db,
  report: { lon: number; lat: number; description: string; overallDeadlineAt: string },
  build: (id: string) => Decision | Refusal,
  now: string,
  photos: readonly string[] = [],
): Promise<Decision | Refusal> {
  const written = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const seq = Number((await readOn<{ n: bigint }>(conn, "SELECT nextval('report_seq') AS n"))[0]!.n);
      const id = `ER${String(seq).padStart(7, '0')}`;
      const d = build(id);
      if (!d.ok) {
        await conn.run('ROLLBACK');
        return d;
      }
      const f = d.state.facts;
      const code = `TC${f.reportedAt.slice(0, 10).replaceAll('-', '')}-R${String(seq).padStart(5, '0')}`;
      await conn.run(
        `INSERT INTO events (id, code, item_code, source, grid_id, lon, lat, h3, reported_at, deadline_at, department_id, status, closed_at, overdue, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::TIMESTAMP, $10::TIMESTAMP, $11, 'reported', NULL, false, $12)`,
        [
          id,
          code,
          f.itemCode,
          f.source,
          f.gridId,
          report.lon,
          report.lat,
          latLngToCell(report.lat, report.lon, H3_RES),
          f.reportedAt,
          report.overallDeadlineAt,
          d.state.departmentId,
          report.description,
        ],
      );
      await writeStep(conn, id, d.step);
      await writeStepPhotos(conn, id, d.step.seq, photos);
      await writeProjection(conn, d.state, now);
      await conn.run('COMMIT');
      return d;
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
  // Cached answers that read these tables are rebuilt (server/store/versions.ts).
  db.versions.bump('events', 'event_steps', 'event_tasks', 'event_photos');
  return written;
}

export type ActionOutcome = Decision | Refusal | { ok: false; kind: 'not_found' };

/**
 * Decides an action on the case as it stands in the store and writes what follows, or nothing: the
 * case is read, decided and written on the writer connection inside one transaction.
 */
export async function applyCaseAction(
  db: Db,
  id: string,
  scope: Scope,
  decideOn: (state: CaseState) => Decision | Refusal,
  now: string,
  photos: readonly string[] = [],
): Promise<ActionOutcome> {
  const written = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const found = await readCase((sql, params) => readOn(conn, sql, params), id, scope);
      const d: ActionOutcome = found ? decideOn(found.state) : { ok: false, kind: 'not_found' };
      if (!d.ok) {
        await conn.run('ROLLBACK');
        return d;
      }
      await writeStep(conn, id, d.step);
      await writeStepPhotos(conn, id, d.step.seq, photos);
      await writeProjection(conn, d.state, now);
      await writeDeductions(conn, dueDeductions(d.state, now), now);
      await conn.run('COMMIT');
      return d;
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
  // Cached answers that read these tables are rebuilt (server/store/versions.ts).
  db.versions.bump('events', 'event_steps', 'event_tasks', 'case_deductions', 'event_photos');
  return written;
}

/** Names the photos from a step, inside the caller's transaction. */
async function writeStepPhotos(
  conn: DuckDBConnection,
  eventId: string,
  seq: number,
  photos: readonly string[],
): Promise<void> {
  for (const [no, id] of photos.entries())
    await conn.run('INSERT INTO event_photos (event_id, seq, no, photo_id) VALUES ($1, $2, $3, $4)', [
      eventId,
      seq,
      no + 1,
      id,
    ]);
}

async function writeStep(conn: DuckDBConnection, id: string, s: CaseStep): Promise<void> {
  await conn.run(
    `INSERT INTO event_steps (event_id, seq, stage, "at", actor, note, action, role, detail) VALUES ($1, $2, $3, $4::TIMESTAMP, $5, $6, $7, $8, $9)`,
    [id, s.seq, s.stage, s.at, s.actor, s.note, s.action, s.role, s.detail ? JSON.stringify(s.detail) : null],
  );
}

/**
 * The SQL types of list parameters (V: VARCHAR[], I: INTEGER[], B: BOOLEAN[], D: DOUBLE[]), one letter each. The
 * client takes an untyped list's type from its first item, so a list starting with a null (a case with
 * no running deadline) would bind as a list of nulls and wipe every value in it.
 */
function listTypes(letters: string) {
  const of = { V: VARCHAR, I: INTEGER, B: BOOLEAN, D: DOUBLE } as const;
  return [...letters].map((l) => LIST(of[l as keyof typeof of]));
}

/** The event's columns the lists filter on, and its tasks, as the state has them at `now`. */
export function writeProjection(conn: DuckDBConnection, s: CaseState, now: string): Promise<void> {
  return writeProjections(conn, [s], now);
}

/** The projections of several cases in a few statements (lists bound as parameters, unnested in SQL). */
export async function writeProjections(
  conn: DuckDBConnection,
  states: readonly CaseState[],
  now: string,
): Promise<void> {
  if (states.length === 0) return;
  const ps = states.map((s) => [s.facts.id, projectionOf(s, now)] as const);
  const col = <T extends DuckDBValue>(f: (x: (typeof ps)[number]) => T) => listValue(ps.map(f));
  await conn.run(
    `UPDATE events SET status = v.status, department_id = v.department_id, closed_at = v.closed_at::TIMESTAMP,
       overdue = (events.overdue OR v.late),
       -- holders are ids without commas ('centre', D02, unit codes), passed joined
       holders = CASE WHEN v.holders = '' THEN []::VARCHAR[] ELSE string_split(v.holders, ',') END,
       due_at = v.due_at::TIMESTAMP, warn_at = v.warn_at::TIMESTAMP, check_at = v.check_at::TIMESTAMP,
       supervised_by = v.supervised_by,
       -- the case's share of the assessment (projection.ts caseAssessmentOf); assignee ids are comma-free too
       stages_entered = v.stages_entered, handling_minutes = v.handling_minutes,
       dispatched_to = CASE WHEN v.dispatched_to = '' THEN []::VARCHAR[] ELSE string_split(v.dispatched_to, ',') END,
       returned_by = CASE WHEN v.returned_by = '' THEN []::VARCHAR[] ELSE string_split(v.returned_by, ',') END,
       verifications = v.verifications, reworks = v.reworks, rating = v.rating::satisfaction
     FROM (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::VARCHAR[]) AS status, unnest($3::VARCHAR[]) AS department_id,
       unnest($4::VARCHAR[]) AS closed_at, unnest($5::BOOLEAN[]) AS late, unnest($6::VARCHAR[]) AS holders,
       unnest($7::VARCHAR[]) AS due_at, unnest($8::VARCHAR[]) AS warn_at, unnest($9::VARCHAR[]) AS check_at,
       unnest($10::VARCHAR[]) AS supervised_by, unnest($11::DOUBLE[]) AS handling_minutes,
       unnest($12::VARCHAR[]) AS dispatched_to, unnest($13::VARCHAR[]) AS returned_by,
       unnest($14::INTEGER[]) AS verifications, unnest($15::INTEGER[]) AS reworks, unnest($16::VARCHAR[]) AS rating,
       unnest($17::INTEGER[]) AS stages_entered) v
     WHERE events.id = v.id`,
    [
      col(([id]) => id),
      col(([, p]) => p.status),
      col(([, p]) => p.departmentId),
      col(([, p]) => p.closedAt),
      col(([, p]) => p.late),
      col(([, p]) => p.holders.join(',')),
      col(([, p]) => p.dueAt),
      col(([, p]) => p.warnAt),
      col(([, p]) => p.checkAt),
      col(([, p]) => p.supervisedBy),
      col(([, p]) => p.assessment.handlingMinutes),
      col(([, p]) => p.assessment.dispatchedTo.join(',')),
      col(([, p]) => p.assessment.returnedBy.join(',')),
      col(([, p]) => p.assessment.verifications),
      col(([, p]) => p.assessment.reworks),
      col(([, p]) => p.assessment.rating),
      col(([, p]) => p.assessment.stagesEntered),
    ],
    listTypes('VVVVBVVVVVDVVIIVI'),
  );
  await conn.run('DELETE FROM event_tasks WHERE event_id IN (SELECT unnest($1::VARCHAR[]))', [col(([id]) => id)]);
  const tasks = states.flatMap((s) => taskViews(s).map((t) => ({ id: s.facts.id, t })));
  if (tasks.length === 0) return;
  const tcol = <T extends DuckDBValue>(f: (x: (typeof tasks)[number]) => T) => listValue(tasks.map(f));
  await conn.run(
    `INSERT INTO event_tasks SELECT unnest($1::VARCHAR[]), unnest($2::INTEGER[]), unnest($3::VARCHAR[]),
       unnest($4::VARCHAR[]), unnest($5::VARCHAR[]), unnest($6::VARCHAR[]), unnest($7::VARCHAR[]),
       unnest($8::VARCHAR[])::TIMESTAMP, unnest($9::INTEGER[]), unnest($10::VARCHAR[])::TIMESTAMP, unnest($11::INTEGER[])`,
    [
      tcol((x) => x.id),
      tcol((x) => x.t.no),
      tcol((x) => x.t.role),
      tcol((x) => x.t.assignee.id),
      tcol((x) => x.t.assignee.kind),
      tcol((x) => (x.t.assignee.kind === 'unit' ? x.t.assignee.level : null)),
      tcol((x) => x.t.state),
      tcol((x) => x.t.assignedAt),
      tcol((x) => x.t.limitMinutes),
      tcol((x) => x.t.deadlineAt),
      tcol((x) => x.t.pendingExtension?.hours ?? null),
    ],
    listTypes('VIVVVVVVIVI'),
  );
}

/** Inserts the deductions not yet made; a (case, clock, holder) already there is left as it is. Returns how many were new. */
export async function writeDeductions(conn: DuckDBConnection, due: readonly Deduction[], now: string): Promise<number> {
  if (due.length === 0) return 0;
  const col = <T extends DuckDBValue>(f: (d: Deduction) => T) => listValue(due.map(f));
  const rows = await readOn(
    conn,
    `INSERT INTO case_deductions
     SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]),
       unnest($5::VARCHAR[])::TIMESTAMP, $6::TIMESTAMP, unnest($7::INTEGER[]), unnest($8::VARCHAR[])
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [
      col((d) => d.caseId),
      col((d) => d.clockKey),
      col((d) => d.holder),
      col((d) => d.stage),
      col((d) => d.dueAt),
      now,
      col((d) => d.points),
      col((d) => d.reason),
    ],
  );
  return rows.length;
}

/** The unit at a place: the county (city) and the responsibility grid containing it, by stored geometry. */
export async function unitsAt(db: Db, [lon, lat]: LonLat) {
  const rows = await db.all<{ id: string; level: string; area: string | null; path: string; geometry: string }>(
    `SELECT id, level, area, path, geometry FROM admin_units
     WHERE level IN ('city', 'grid') AND min_lon <= $1 AND max_lon >= $1 AND min_lat <= $2 AND max_lat >= $2`,
    [lon, lat],
  );
  return rows.map((r) => ({ id: r.id, level: r.level, area: r.area, path: r.path, geometry: JSON.parse(r.geometry) }));
}

/** Cases whose next deadline has come by `now`, soonest first (the deadline checker's work list). */
export async function casesDue(db: Db, now: string, limit: number): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    'SELECT id FROM events WHERE check_at <= $1::TIMESTAMP ORDER BY check_at, id LIMIT $2',
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Deducts what the cases' clocks have earned by `now` and sets when to look at each next, in one
 * transaction: a deduction already made is left alone (SQL uniqueness), so running this twice — or
 * again after a crash — deducts nothing twice. Returns how many deductions were new.
 */
export async function deductCases(db: Db, ids: readonly string[], now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const written = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const cases = await readCases((sql, params) => readOn(conn, sql, params), ids, { kind: 'city' });
      const due = ids.flatMap((id) => {
        const c = cases.get(id);
        return c ? dueDeductions(c.state, now) : [];
      });
      const inserted = await writeDeductions(conn, due, now);
      // Each case's next look (none for a case no longer found), and whether it ever missed a limit.
      const next = ids.map((id) => {
        const c = cases.get(id);
        return [id, c ? nextCheckAt(c.state, now) : null, due.some((d) => d.caseId === id)] as const;
      });
      await conn.run(
        `UPDATE events SET check_at = v.check_at::TIMESTAMP, overdue = (events.overdue OR v.late)
         FROM (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::VARCHAR[]) AS check_at, unnest($3::BOOLEAN[]) AS late) v
         WHERE events.id = v.id`,
        [listValue(next.map((n) => n[0])), listValue(next.map((n) => n[1])), listValue(next.map((n) => n[2]))],
        listTypes('VVB'),
      );
      await conn.run('COMMIT');
      return inserted;
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
  // Cached answers that read these tables are rebuilt (server/store/versions.ts).
  db.versions.bump('events', 'case_deductions');
  return written;
}

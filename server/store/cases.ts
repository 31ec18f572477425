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
import type { Scope } from '../domain/access';
import type { AdminUnit, CaseDeductionRow, EventOrigin, LonLat } from '../domain/model';
import { getItem } from '../domain/taxonomy';
import { type Deduction, dueDeductions, nextCheckAt } from '../domain/workflow/deadlines';
import { normaliseStep, replay, type StoredStep } from '../domain/workflow/replay';
import type { CaseFacts, CaseState, CaseStep } from '../domain/workflow/states';
import { type Db, type Params, type Row, readOn } from './db';
import { readPrepared } from './prepared';
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
export async function readCases(
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

/** A deduction as the dossier shows it: the table's row (model.ts) without its case, its clock named `clockKey`. */
export type CaseDeduction = Omit<CaseDeductionRow, 'eventId' | 'clock'> & { clockKey: string };

/** The points deducted on cases (扣分记录) by case, each oldest first (a case with none is absent). */
export async function casesDeductions(db: Db, ids: readonly string[]): Promise<Map<string, CaseDeduction[]>> {
  const out = new Map<string, CaseDeduction[]>();
  if (ids.length === 0) return out;
  const rows = await db.all<DeductionRow>(
    `SELECT event_id, clock, holder, stage, due_at, deducted_at, points, reason FROM case_deductions
     WHERE event_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY event_id, due_at, clock, holder`,
    [listValue([...ids])],
  );
  for (const r of rows) {
    const list = out.get(r.event_id);
    if (list) list.push(deductionOf(r));
    else out.set(r.event_id, [deductionOf(r)]);
  }
  return out;
}

/**
 * The SQL types of list parameters (V: VARCHAR[], I: INTEGER[], D: DOUBLE[], B: BOOLEAN[]), one letter each. The
 * client takes an untyped list's type from its first item, so a list starting with a null (a case with
 * no running deadline) would bind as a list of nulls and wipe every value in it.
 */
export function listTypes(letters: string) {
  const of = { V: VARCHAR, I: INTEGER, D: DOUBLE, B: BOOLEAN } as const;
  return [...letters].map((l) => LIST(of[l as keyof typeof of]));
}

/** A deduction row as the dossier shows it. */
const deductionOf = (r: DeductionRow): CaseDeduction => ({
  clockKey: r.clock,
  holder: r.holder,
  stage: r.stage,
  dueAt: r.due_at,
  deductedAt: r.deducted_at,
  points: r.points,
  reason: r.reason,
});

interface DeductionRow {
  event_id: string;
  clock: string;
  holder: string;
  stage: string;
  due_at: string;
  deducted_at: string;
  points: number;
  reason: string;
}

/** Text in SQL's order (by code point, not the locale's). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The dossier's order of deductions (the read's ORDER BY). */
export const byDue = (a: CaseDeduction, b: CaseDeduction) =>
  cmp(a.dueAt, b.dueAt) || cmp(a.clockKey, b.clockKey) || cmp(a.holder, b.holder);

/**
 * Inserts the deductions not yet made; a (case, clock, holder) already there is left as it is.
 * Returns the new ones, by case.
 */
export async function writeDeductions(
  conn: DuckDBConnection,
  due: readonly Deduction[],
  now: string,
): Promise<Map<string, CaseDeduction[]>> {
  const out = new Map<string, CaseDeduction[]>();
  if (due.length === 0) return out;
  const col = <T extends DuckDBValue>(f: (d: Deduction) => T) => listValue(due.map(f));
  const rows = await readPrepared<DeductionRow>(
    conn,
    `INSERT INTO case_deductions
     SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]),
       unnest($5::VARCHAR[])::TIMESTAMP, $6::TIMESTAMP, unnest($7::INTEGER[]), unnest($8::VARCHAR[])
     ON CONFLICT DO NOTHING RETURNING event_id, clock, holder, stage, due_at, deducted_at, points, reason`,
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
  for (const r of rows) out.set(r.event_id, [...(out.get(r.event_id) ?? []), deductionOf(r)]);
  return out;
}

interface PlaceUnit {
  id: string;
  level: string;
  area: string | null;
  path: string;
  bbox: [number, number, number, number];
  geometry: AdminUnit['geometry'];
}

/**
 * The city and its grids with their geometry parsed, by data version of admin_units: every report looks
 * its place up, and parsing the county's outline (thousands of vertices) per report cost more than the rest.
 */
const placeUnits = new WeakMap<Db, { version: number; units: Promise<PlaceUnit[]> }>();

function unitsForPlaces(db: Db): Promise<PlaceUnit[]> {
  const version = db.versions.of('admin_units');
  const known = placeUnits.get(db);
  if (known && known.version === version) return known.units;
  const units = db
    .all<{ id: string; level: string; area: string | null; path: string; geometry: string } & Record<string, number>>(
      `SELECT id, level, area, path, geometry, min_lon, min_lat, max_lon, max_lat FROM admin_units WHERE level IN ('city', 'grid')`,
    )
    .then((rows) =>
      rows.map((r) => ({
        id: r.id,
        level: r.level,
        area: r.area,
        path: r.path,
        bbox: [r.min_lon!, r.min_lat!, r.max_lon!, r.max_lat!] as [number, number, number, number],
        geometry: JSON.parse(r.geometry) as AdminUnit['geometry'],
      })),
    );
  // A failed read is not kept: the next report tries again.
  units.catch(() => placeUnits.delete(db));
  placeUnits.set(db, { version, units });
  return units;
}

/** The units whose box holds a place: the county (city) and the responsibility grids, by stored geometry. */
export async function unitsAt(db: Db, [lon, lat]: LonLat) {
  return (await unitsForPlaces(db)).filter(({ bbox: [w, s, e, n] }) => w <= lon && lon <= e && s <= lat && lat <= n);
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
      const inserted = [...(await writeDeductions(conn, due, now)).values()].flat().length;
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

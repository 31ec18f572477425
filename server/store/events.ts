// Events (事件/案卷) and their timelines, read within a scope: a grid's, a community's, a
// department's cases, or the city's.
import { listValue } from '@duckdb/node-api';
import type { Role, Scope } from '../domain/access';
import type { EventOrigin, EventStatus, EventStep, GovEvent } from '../domain/model';
import { caseScope } from './cases';
import type { Db } from './db';
import { idListSql, splitIds } from './idLists';
import { type Bbox, Where } from './sql';

export interface EventFilter {
  gridId?: string;
  status?: EventStatus;
  open?: boolean;
  source?: EventOrigin;
  itemCode?: string;
  departmentId?: string;
  from?: string;
  to?: string;
  bbox?: Bbox;
  /** A running limit missed (true) or not (false) at `now`. */
  overdue?: boolean;
  /** Past 80% of a running limit at `now`, not yet missed (预警). */
  warning?: boolean;
  /** Who must act now: 'centre', a department id or a unit id. */
  holder?: string;
  /** Under supervision (督办, and every shelved case). */
  supervised?: boolean;
  /** Supervised by a city leader (领导督办). */
  leaderSupervised?: boolean;
  /** Within `radius` metres of a place (likely duplicates before a report). */
  near?: { lon: number; lat: number; radius: number };
  limit: number;
  offset: number;
}

/** An event with what the workflow adds: who must act now, the running deadline and warning, the supervisor. */
export interface CaseSummary extends GovEvent {
  holders: string[];
  dueAt: string | null;
  warnAt: string | null;
  supervisedBy: string | null;
  /** 领导督办: the city leader who supervised the case last (a leader day's instruction, say), and when. */
  leaderSupervisedBy: string | null;
  leaderSupervisedAt: string | null;
}

interface Row {
  id: string;
  code: string;
  item_code: string;
  source: EventOrigin;
  grid_id: string;
  lon: number;
  lat: number;
  reported_at: string;
  deadline_at: string;
  department_id: string;
  status: EventStatus;
  closed_at: string | null;
  overdue: boolean;
  description: string;
  /** Comma-joined (store/idLists.ts). */
  holders: string | null;
  due_at: string | null;
  warn_at: string | null;
  supervised_by: string | null;
  leader_supervised_by: string | null;
  leader_supervised_at: string | null;
}

const toEvent = (r: Row): CaseSummary => ({
  id: r.id,
  code: r.code,
  itemCode: r.item_code,
  source: r.source,
  gridId: r.grid_id,
  position: [r.lon, r.lat],
  reportedAt: r.reported_at,
  deadlineAt: r.deadline_at,
  departmentId: r.department_id,
  status: r.status,
  closedAt: r.closed_at,
  overdue: r.overdue,
  description: r.description,
  holders: splitIds(r.holders) ?? [],
  dueAt: r.due_at,
  warnAt: r.warn_at,
  supervisedBy: r.supervised_by,
  leaderSupervisedBy: r.leader_supervised_by,
  leaderSupervisedAt: r.leader_supervised_at,
});

/**
 * Whether a case is overdue at `at` (SQL, over `events`): computed from the clock while a limit runs
 * (the running deadline passed at `at`); once none runs, whether the case ever missed one.
 */
export const overdueAt = (atParam: string) =>
  `CASE WHEN due_at IS NOT NULL THEN due_at <= ${atParam}::TIMESTAMP ELSE overdue END`;

/**
 * The same for a case open at a past `at` (the risk model's "as it stood"): one still open now is
 * judged by the clock as above; one closed since was overdue then if it ever missed a limit and its
 * overall deadline had passed by `at` (its stage clocks are not kept once it closes).
 */
export const overdueAsOf = (atParam: string) =>
  `CASE WHEN status = 'closed' THEN overdue AND deadline_at <= ${atParam}::TIMESTAMP ELSE ${overdueAt(atParam)} END`;

/** The columns of a listed case, `overdue` as the clock says at `now` (overdueAt). */
const columns = (nowParam: string) =>
  `id, code, item_code, source, grid_id, lon, lat, reported_at, deadline_at, department_id, status, closed_at,
   ${overdueAt(nowParam)} AS overdue, description,
   holders, due_at, warn_at, supervised_by, leader_supervised_by, leader_supervised_at`;

export async function listEvents(
  db: Db,
  scope: Scope,
  f: EventFilter,
  now: string,
): Promise<{ total: number; events: CaseSummary[] }> {
  const w = caseScope(new Where(), scope)
    .eq('grid_id', f.gridId)
    .eq('status', f.status)
    .eq('source', f.source)
    .eq('item_code', f.itemCode)
    .eq('department_id', f.departmentId)
    .pointIn(f.bbox);
  // Open: still being worked on or awaiting evaluation; not open: evaluated, or never filed.
  if (f.open !== undefined) w.add(`status ${f.open ? 'NOT IN' : 'IN'} ('closed', 'rejected', 'merged')`);
  if (f.from) w.add('reported_at >= ?::TIMESTAMP', f.from);
  if (f.to) w.add('reported_at < ?::TIMESTAMP', f.to);
  if (f.overdue !== undefined)
    w.add(f.overdue ? 'due_at <= ?::TIMESTAMP' : '(due_at IS NULL OR due_at > ?::TIMESTAMP)', now);
  if (f.warning) w.add('warn_at <= ?::TIMESTAMP AND due_at > ?::TIMESTAMP', now, now);
  if (f.holder) w.add(`list_contains(${idListSql('holders')}, ?)`, f.holder);
  if (f.supervised !== undefined) w.add(f.supervised ? 'supervised_by IS NOT NULL' : 'supervised_by IS NULL');
  if (f.leaderSupervised !== undefined)
    w.add(f.leaderSupervised ? 'leader_supervised_by IS NOT NULL' : 'leader_supervised_by IS NULL');
  if (f.near) nearPlace(w, f.near);
  const n = w.params.length;
  const [count, rows] = await Promise.all([
    db.one<{ n: number }>(`SELECT count(*) AS n FROM events ${w}`, w.params),
    db.all<Row>(
      `SELECT ${columns(`$${n + 3}`)} FROM events ${w} ORDER BY reported_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, f.limit, f.offset, now],
    ),
  ]);
  return { total: count!.n, events: rows.map(toEvent) };
}

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

/**
 * Within `radius` metres of a place: a box on lon/lat first (cheap, so the distance is computed for
 * a handful of rows), then the great-circle distance (haversine) in SQL — no extension needed.
 */
function nearPlace(w: Where, { lon, lat, radius }: { lon: number; lat: number; radius: number }): void {
  const dLat = radius / METRES_PER_DEGREE;
  const dLon = radius / (METRES_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  w.pointIn([lon - dLon, lat - dLat, lon + dLon, lat + dLat]);
  w.add(
    `2 * ${EARTH_RADIUS_M} * asin(sqrt(pow(sin(radians(lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(lat)) * pow(sin(radians(lon - ?) / 2), 2))) <= ?`,
    lat,
    lat,
    lon,
    radius,
  );
}

/** A step of a timeline with the account that acted, when the actor is one (else null: a channel such as a camera). */
export interface EventStepWithActor extends EventStep {
  actorName: string | null;
  actorRole: Role | null;
}

/**
 * Several events with their timelines, by id, in two queries (those outside the scope are absent), each
 * with the stored flag `everOverdue` (whether a limit was ever missed, what `overdue` falls back on).
 */
export async function getEvents(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  now: string,
): Promise<Map<string, CaseSummary & { steps: EventStepWithActor[]; everOverdue: boolean }>> {
  const out = new Map<string, CaseSummary & { steps: EventStepWithActor[]; everOverdue: boolean }>();
  if (ids.length === 0) return out;
  // One id by `=`: DuckDB skips every other row group (a list's semi-join costs a few ms more).
  const w = caseScope(
    ids.length === 1
      ? new Where().eq('id', ids[0])
      : new Where().add('id IN (SELECT unnest(?::VARCHAR[]))', listValue([...ids])),
    scope,
  );
  const [rows, steps] = await Promise.all([
    db.all<Row & { ever_overdue: boolean }>(
      `SELECT ${columns(`$${w.params.length + 1}`)}, overdue AS ever_overdue FROM events ${w}`,
      [...w.params, now],
    ),
    db.all<{
      event_id: string;
      seq: number;
      stage: EventStep['stage'];
      at: string;
      actor: string;
      note: string;
      actor_name: string | null;
      actor_role: Role | null;
    }>(
      `SELECT s.event_id, s.seq, s.stage, s."at", s.actor, s.note, u.display_name AS actor_name, u.role AS actor_role
       FROM event_steps s LEFT JOIN users u ON u.id = s.actor
       WHERE ${ids.length === 1 ? 's.event_id = $1' : 's.event_id IN (SELECT unnest($1::VARCHAR[]))'} ORDER BY s.event_id, s.seq`,
      [ids.length === 1 ? ids[0]! : listValue([...ids])],
    ),
  ]);
  const byCase = new Map<string, EventStepWithActor[]>();
  for (const s of steps) {
    const step: EventStepWithActor = {
      eventId: s.event_id,
      seq: s.seq,
      stage: s.stage,
      at: s.at,
      actor: s.actor,
      note: s.note,
      actorName: s.actor_name,
      actorRole: s.actor_role,
    };
    const list = byCase.get(s.event_id);
    if (list) list.push(step);
    else byCase.set(s.event_id, [step]);
  }
  for (const row of rows)
    out.set(row.id, { ...toEvent(row), steps: byCase.get(row.id) ?? [], everOverdue: row.ever_overdue });
  return out;
}

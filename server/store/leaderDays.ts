// The leader scheduling day in the store (市级领导调度日): each open case's facts as the agenda rules read
// them at a month's moment, the month's leader day, its agenda and its instructions (批示), and last
// month's supervised cases as they stand now (follow-up). The instructions' workflow steps are written
// by the case writer (caseWriter.ts) with their decision row in one transaction (decisionWriter below).
import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import type { AgendaCase, AgendaRule } from '../domain/leaderDay/rules';
import type { RiskConfig } from '../domain/risk/config';
import type { Decision } from '../domain/workflow/decide';
import type { Db } from './db';
import { type CaseSummary, getEvents, overdueAsOf } from './events';
import { rankRisk } from './risk';

/** The tables of the leader day (cached answers and version bumps name them). */
export const LEADER_DAY_TABLES = ['leader_days', 'leader_day_agenda', 'leader_day_decisions'] as const;

/**
 * Every case open at `asOf` (reported by then, not closed by then, never turned away), with what the
 * agenda rules read of its timeline up to then. Tasks come from its dispatches by then (their detail).
 */
export async function agendaCases(db: Db, asOf: string, followUpIds: readonly string[]): Promise<AgendaCase[]> {
  const rows = await db.all<{
    id: string;
    reported_at: string;
    grid_id: string;
    overdue: boolean;
    returns: number | null;
    escalated: boolean | null;
    dispatches: string[] | null;
    last_shelf: string | null;
  }>(
    `WITH open AS (
       SELECT id, reported_at, grid_id, ${overdueAsOf('$1')} AS overdue FROM events
        WHERE reported_at <= $1::TIMESTAMP AND status NOT IN ('rejected', 'merged')
          AND (closed_at IS NULL OR closed_at > $1::TIMESTAMP)),
     steps AS (
       SELECT event_id,
              count(*) FILTER (WHERE action = 'return') AS returns,
              bool_or(action = 'escalate' AND json_extract_string(detail, '$.to') = 'centre') AS escalated,
              list(detail ORDER BY seq) FILTER (WHERE action = 'dispatch' AND detail IS NOT NULL) AS dispatches,
              arg_max(action, seq) FILTER (WHERE action IN ('shelve', 'unshelve')) AS last_shelf
         FROM event_steps WHERE event_id IN (SELECT id FROM open) AND "at" <= $1::TIMESTAMP
        GROUP BY event_id)
     SELECT o.id, o.reported_at, o.grid_id, o.overdue, s.returns, s.escalated, s.dispatches, s.last_shelf
       FROM open o LEFT JOIN steps s ON s.event_id = o.id ORDER BY o.id`,
    [asOf],
  );
  const followUp = new Set(followUpIds);
  return rows.map((r) => {
    const departments = new Set<string>();
    let summoned = false;
    for (const d of r.dispatches ?? []) {
      const tasks = (JSON.parse(d) as { tasks?: { role: string; assignee: { kind: string; id: string } }[] }).tasks;
      for (const t of tasks ?? []) {
        if (t.assignee.kind === 'department') departments.add(t.assignee.id);
        if (t.role === 'co') summoned = true;
      }
    }
    return {
      id: r.id,
      reportedAt: r.reported_at,
      taskDepartments: [...departments],
      summoned,
      overdue: r.overdue,
      returns: Number(r.returns ?? 0),
      escalatedToCentre: r.escalated ?? false,
      shelved: r.last_shelf === 'shelve',
      gridId: r.grid_id,
      supervisedLastMonth: followUp.has(r.id),
    };
  });
}

/** The `top` highest-risk grids at `at` (the risk model, store/risk.ts): id → rank and name. */
export async function topRiskGrids(db: Db, cfg: RiskConfig, at: string, top: number) {
  const ranked = await rankRisk(db, cfg, { level: 'grid', at, top, within: [] });
  return new Map(ranked.map((a, i) => [a.areaId, { rank: i + 1, name: a.name, score: a.score }]));
}

/** Whether the store has any case reported before `to` (a month before the first case has no data). */
export async function hasCasesBefore(db: Db, to: string): Promise<boolean> {
  const r = await db.one<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE reported_at < $1::TIMESTAMP LIMIT 1)',
    [to],
  );
  return Number(r?.n ?? 0) > 0;
}

export type LeaderDayStatus = 'planned' | 'held';

export interface LeaderDayRow {
  month: string;
  leaderId: string;
  leaderName: string | null;
  status: LeaderDayStatus;
  heldAt: string | null;
  agendaCount: number;
  decisionCount: number;
}

export interface AgendaRow {
  position: number;
  eventId: string;
  rules: AgendaRule[];
  note: string | null;
  addedBy: string;
  addedByName: string | null;
  addedAt: string;
}

export interface CoHandler {
  departmentId: string;
  deadlineAt: string;
}

export interface DecisionRow {
  eventId: string;
  text: string;
  leadDepartment: string;
  leadDeadlineAt: string;
  coHandlers: CoHandler[];
  decidedBy: string;
  decidedByName: string | null;
  decidedAt: string;
  /** The first step of the case's timeline the instruction wrote (its steps run from here). */
  firstSeq: number;
}

const dayRows = (where: string) => `
  SELECT d.month, d.leader_id, u.display_name AS leader_name, d.status, d.held_at,
         (SELECT count(*) FROM leader_day_agenda a WHERE a.month = d.month) AS agenda_count,
         (SELECT count(*) FROM leader_day_decisions x WHERE x.month = d.month) AS decision_count
    FROM leader_days d LEFT JOIN users u ON u.id = d.leader_id ${where}`;

type DayRow = {
  month: string;
  leader_id: string;
  leader_name: string | null;
  status: LeaderDayStatus;
  held_at: string | null;
  agenda_count: number;
  decision_count: number;
};
const toDay = (r: DayRow): LeaderDayRow => ({
  month: r.month,
  leaderId: r.leader_id,
  leaderName: r.leader_name,
  status: r.status,
  heldAt: r.held_at,
  agendaCount: Number(r.agenda_count),
  decisionCount: Number(r.decision_count),
});

/** Every month with a leader day, newest first. */
export async function listLeaderDays(db: Db): Promise<LeaderDayRow[]> {
  return (await db.all<DayRow>(`${dayRows('')} ORDER BY d.month DESC`)).map(toDay);
}

/** One month's leader day, agenda (in order) and instructions. */
export async function readLeaderDay(
  db: Db,
  month: string,
): Promise<{ day: LeaderDayRow | null; agenda: AgendaRow[]; decisions: DecisionRow[] }> {
  const [days, agenda, decisions] = await Promise.all([
    db.all<DayRow>(dayRows('WHERE d.month = $1'), [month]),
    db.all<{
      position: number;
      event_id: string;
      rules: AgendaRule[];
      note: string | null;
      added_by: string;
      added_by_name: string | null;
      added_at: string;
    }>(
      `SELECT a.position, a.event_id, a.rules, a.note, a.added_by, u.display_name AS added_by_name, a.added_at
         FROM leader_day_agenda a LEFT JOIN users u ON u.id = a.added_by WHERE a.month = $1 ORDER BY a.position`,
      [month],
    ),
    decisionsOf(db, [month]),
  ]);
  return {
    day: days[0] ? toDay(days[0]) : null,
    agenda: agenda.map((r) => ({
      position: r.position,
      eventId: r.event_id,
      rules: [...r.rules],
      note: r.note,
      addedBy: r.added_by,
      addedByName: r.added_by_name,
      addedAt: r.added_at,
    })),
    decisions: decisions.get(month) ?? [],
  };
}

/** The instructions of some months, by month, in the order given. */
export async function decisionsOf(db: Db, months: readonly string[]): Promise<Map<string, DecisionRow[]>> {
  const rows = await db.all<{
    month: string;
    event_id: string;
    text: string;
    lead_department: string;
    lead_deadline_at: string;
    co_handlers: string;
    decided_by: string;
    decided_by_name: string | null;
    decided_at: string;
    first_seq: number;
  }>(
    `SELECT x.*, u.display_name AS decided_by_name FROM leader_day_decisions x LEFT JOIN users u ON u.id = x.decided_by
      WHERE x.month IN (SELECT unnest($1::VARCHAR[])) ORDER BY x.month, x.decided_at, x.event_id`,
    [listValue([...months])],
  );
  const out = new Map<string, DecisionRow[]>();
  for (const r of rows) {
    const d: DecisionRow = {
      eventId: r.event_id,
      text: r.text,
      leadDepartment: r.lead_department,
      leadDeadlineAt: r.lead_deadline_at,
      coHandlers: JSON.parse(r.co_handlers) as CoHandler[],
      decidedBy: r.decided_by,
      decidedByName: r.decided_by_name,
      decidedAt: r.decided_at,
      firstSeq: r.first_seq,
    };
    out.set(r.month, [...(out.get(r.month) ?? []), d]);
  }
  return out;
}

/** A case as the leader day shows it: the list's summary with its tasks (no timeline: GET /events/{id} has it). */
export type LeaderCase = CaseSummary & {
  tasks: {
    no: number;
    role: string;
    assignee: string;
    assigneeKind: string;
    state: string;
    deadlineAt: string | null;
  }[];
};

/** Cases by id, each with its tasks, `overdue` as the clock says at `now`. */
export async function leaderCases(db: Db, ids: readonly string[], now: string): Promise<Map<string, LeaderCase>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, LeaderCase>();
  if (unique.length === 0) return out;
  const [events, tasks] = await Promise.all([
    getEvents(db, { kind: 'city' }, unique, now),
    db.all<{
      event_id: string;
      task_no: number;
      role: string;
      assignee: string;
      assignee_kind: string;
      state: string;
      deadline_at: string | null;
    }>(
      `SELECT event_id, task_no, role, assignee, assignee_kind, state, deadline_at FROM event_tasks
        WHERE event_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY event_id, task_no`,
      [listValue(unique)],
    ),
  ]);
  for (const [id, { steps: _s, everOverdue: _e, ...event }] of events) out.set(id, { ...event, tasks: [] });
  for (const t of tasks)
    out.get(t.event_id)?.tasks.push({
      no: t.task_no,
      role: t.role,
      assignee: t.assignee,
      assigneeKind: t.assignee_kind,
      state: t.state,
      deadlineAt: t.deadline_at,
    });
  return out;
}

/** Whether `id` is a city leader's account (the dataset's S-leader01… count, though they cannot sign in). */
export async function isLeader(db: Db, id: string): Promise<boolean> {
  const r = await db.one<{ n: number }>("SELECT count(*) AS n FROM users WHERE id = $1 AND role = 'leader'", [id]);
  return Number(r?.n ?? 0) > 0;
}

/** The city leader a new leader day names when none is given: the first leader account by id. */
export async function defaultLeader(db: Db): Promise<string | null> {
  const r = await db.one<{ id: string }>("SELECT id FROM users WHERE role = 'leader' ORDER BY id LIMIT 1");
  return r?.id ?? null;
}

export interface AgendaItem {
  eventId: string;
  rules: AgendaRule[];
  note: string | null;
}

/**
 * Sets a month's agenda (the items in order), creating the month's leader day (planned) when it has
 * none; a leader given replaces the day's leader. One transaction.
 */
export async function writeAgenda(
  db: Db,
  a: { month: string; items: readonly AgendaItem[]; by: string; at: string; leaderId: string },
): Promise<void> {
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(
        `INSERT INTO leader_days (month, leader_id, held_at, status, created_by, created_at)
         VALUES ($1, $2, NULL, 'planned', $3, $4::TIMESTAMP)
         ON CONFLICT (month) DO UPDATE SET leader_id = excluded.leader_id`,
        [a.month, a.leaderId, a.by, a.at],
      );
      await conn.run('DELETE FROM leader_day_agenda WHERE month = $1', [a.month]);
      for (const [i, item] of a.items.entries())
        await conn.run(
          `INSERT INTO leader_day_agenda (month, position, event_id, rules, note, added_by, added_at)
           VALUES ($1, $2, $3, CASE WHEN $4 = '' THEN []::VARCHAR[] ELSE string_split($4, ',') END, $5, $6, $7::TIMESTAMP)`,
          // rule names have no commas; passed joined (an empty list has no type to bind)
          [a.month, i + 1, item.eventId, item.rules.join(','), item.note, a.by, a.at],
        );
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  db.versions.bump('leader_days', 'leader_day_agenda', 'leader_day_decisions');
}

/**
 * The instruction's row, written by the case writer in the same transaction as its steps (AlsoWrite):
 * the decision, and the day marked held (when first instructed).
 */
export function decisionWriter(d: {
  month: string;
  eventId: string;
  text: string;
  leadDepartment: string;
  leadDeadlineAt: string;
  coHandlers: CoHandler[];
  by: string;
  at: string;
}) {
  return {
    tables: LEADER_DAY_TABLES,
    write: async (conn: DuckDBConnection, decision: Decision) => {
      const first = (decision.earlier?.[0] ?? decision.step).seq;
      await conn.run(
        `INSERT INTO leader_day_decisions (month, event_id, text, lead_department, lead_deadline_at, co_handlers,
           decided_by, decided_at, first_seq)
         VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $6, $7, $8::TIMESTAMP, $9)
         ON CONFLICT (month, event_id) DO UPDATE SET text = excluded.text, lead_department = excluded.lead_department,
           lead_deadline_at = excluded.lead_deadline_at, co_handlers = excluded.co_handlers,
           decided_by = excluded.decided_by, decided_at = excluded.decided_at, first_seq = excluded.first_seq`,
        [
          d.month,
          d.eventId,
          d.text,
          d.leadDepartment,
          d.leadDeadlineAt,
          JSON.stringify(d.coHandlers),
          d.by,
          d.at,
          first,
        ],
      );
      // The first instruction holds the day, and its leader is the one who held it.
      await conn.run(
        `UPDATE leader_days SET leader_id = CASE WHEN status = 'planned' THEN $3 ELSE leader_id END,
           status = 'held', held_at = coalesce(held_at, $2::TIMESTAMP) WHERE month = $1`,
        [d.month, d.at, d.by],
      );
    },
  };
}

/**
 * The history's leader days (scripts/generate/leaderDays.ts), written once after the dataset is loaded:
 * each held, its agenda and its instructions. Their workflow steps are the history's own.
 */
export async function writeHistoryLeaderDays(
  db: Db,
  h: {
    days: { month: string; leaderId: string; heldAt: string; createdBy: string }[];
    agenda: {
      month: string;
      position: number;
      eventId: string;
      rules: readonly string[];
      note: string | null;
      addedBy: string;
      addedAt: string;
    }[];
    decisions: (Omit<DecisionRow, 'decidedByName'> & { month: string })[];
  },
): Promise<void> {
  if (h.days.length === 0) return;
  const col = <T, V>(rows: readonly T[], f: (r: T) => V) => listValue(rows.map(f) as never[]);
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(
        `INSERT INTO leader_days SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[])::TIMESTAMP,
           'held', unnest($4::VARCHAR[]), unnest($3::VARCHAR[])::TIMESTAMP`,
        [
          col(h.days, (d) => d.month),
          col(h.days, (d) => d.leaderId),
          col(h.days, (d) => d.heldAt),
          col(h.days, (d) => d.createdBy),
        ],
      );
      await conn.run(
        `INSERT INTO leader_day_agenda
         SELECT month, position, event_id, CASE WHEN r = '' THEN []::VARCHAR[] ELSE string_split(r, ',') END, note,
                added_by, added_at::TIMESTAMP
           FROM (SELECT unnest($1::VARCHAR[]) AS month, unnest($2::INTEGER[]) AS position, unnest($3::VARCHAR[]) AS event_id,
                        unnest($4::VARCHAR[]) AS r, unnest($5::VARCHAR[]) AS note, unnest($6::VARCHAR[]) AS added_by,
                        unnest($7::VARCHAR[]) AS added_at)`,
        [
          col(h.agenda, (a) => a.month),
          col(h.agenda, (a) => a.position),
          col(h.agenda, (a) => a.eventId),
          col(h.agenda, (a) => a.rules.join(',')),
          col(h.agenda, (a) => a.note),
          col(h.agenda, (a) => a.addedBy),
          col(h.agenda, (a) => a.addedAt),
        ],
      );
      await conn.run(
        `INSERT INTO leader_day_decisions SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]),
           unnest($4::VARCHAR[]), unnest($5::VARCHAR[])::TIMESTAMP, unnest($6::VARCHAR[]), unnest($7::VARCHAR[]),
           unnest($8::VARCHAR[])::TIMESTAMP, unnest($9::INTEGER[])`,
        [
          col(h.decisions, (d) => d.month),
          col(h.decisions, (d) => d.eventId),
          col(h.decisions, (d) => d.text),
          col(h.decisions, (d) => d.leadDepartment),
          col(h.decisions, (d) => d.leadDeadlineAt),
          col(h.decisions, (d) => JSON.stringify(d.coHandlers)),
          col(h.decisions, (d) => d.decidedBy),
          col(h.decisions, (d) => d.decidedAt),
          col(h.decisions, (d) => d.firstSeq),
        ],
      );
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  db.versions.bump('leader_days', 'leader_day_agenda', 'leader_day_decisions');
}

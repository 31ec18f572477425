// Resident credit records (信用积分) in the store: read within a scope, proposed and moved through their
// life by the domain's machine (domain/credit/record.ts), each step written with its audit row in one
// transaction on the writer, so a record never moves without the hash-chained log saying who, when and
// why. Records leave here with names in clear; the routes mask the resident's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import type { Scope } from '../domain/access';
import type { AuditAction, AuditEntry } from '../domain/audit';
import {
  act,
  type CreditActor,
  type CreditCommand,
  type CreditDecision,
  type CreditRecordState,
  type CreditRefusal,
  type CreditStep,
  type Proposal,
  positiveEarnedSince,
  propose,
  type StoredState,
  SYSTEM_ACTOR,
  type ViewState,
} from '../domain/credit/record';
import type { CreditRules } from '../domain/credit/rules';
import { appendAuditOn } from './audit';
import { listTypes } from './cases';
import { type Db, readOn } from './db';
import { Where } from './sql';

type Run = <T>(sql: string, params?: unknown[]) => Promise<T[]>;
const runOn =
  (conn: DuckDBConnection): Run =>
  <T>(sql: string, params: unknown[] = []) =>
    readOn<T>(conn, sql, params as never);
const runDb =
  (db: Db): Run =>
  <T>(sql: string, params: unknown[] = []) =>
    db.all<T>(sql, params as never);

/** The tables a credit write changes (their versions move after the commit). */
export const CREDIT_TABLES = ['credit_records', 'credit_steps', 'audit_log'] as const;

interface RecordRow {
  id: string;
  resident_id: string;
  grid_id: string;
  rule_code: string;
  rule_version: number;
  rule_name: string;
  rule_name_en: string;
  kind: 'positive' | 'negative';
  points: number;
  fade_months: number | null;
  repair_after_months: number | null;
  repair_positive_points: number | null;
  occurred_on: string;
  evidence: string;
  note: string | null;
  case_id: string | null;
  state: StoredState;
  proposed_by: string;
  proposed_role: CreditActor['role'];
  proposed_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  published_at: string | null;
  public_until: string | null;
  appeal_outcome: 'upheld' | 'dismissed' | null;
}
interface StepRow {
  record_id: string;
  seq: number;
  action: CreditStep['action'];
  actor_id: string;
  role: CreditActor['role'];
  at: string;
  reason: string | null;
  detail: string | null;
}

const RECORD_COLUMNS = `c.id, c.resident_id, c.grid_id, c.rule_code, c.rule_version, c.rule_name, c.rule_name_en, c.kind,
  c.points, c.fade_months, c.repair_after_months, c.repair_positive_points, strftime(c.occurred_on, '%Y-%m-%d') AS occurred_on,
  c.evidence, c.note, c.case_id, c.state, c.proposed_by, c.proposed_role, c.proposed_at, c.confirmed_by, c.confirmed_at,
  c.published_at, c.public_until, c.appeal_outcome`;

const stateOf = (r: RecordRow, steps: CreditStep[]): CreditRecordState => ({
  id: r.id,
  residentId: r.resident_id,
  gridId: r.grid_id,
  ruleCode: r.rule_code,
  ruleVersion: r.rule_version,
  ruleName: { zh: r.rule_name, en: r.rule_name_en },
  kind: r.kind,
  points: r.points,
  fadeMonths: r.fade_months,
  repair:
    r.repair_after_months === null && r.repair_positive_points === null
      ? null
      : { afterMonths: r.repair_after_months, positivePoints: r.repair_positive_points },
  occurredOn: r.occurred_on,
  evidence: r.evidence,
  note: r.note,
  caseId: r.case_id,
  state: r.state,
  proposedBy: r.proposed_by,
  proposedRole: r.proposed_role,
  proposedAt: r.proposed_at,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  publishedAt: r.published_at,
  publicUntil: r.public_until,
  appealOutcome: r.appeal_outcome,
  steps,
});

/** Records by a WHERE clause on `c` (credit_records), with their steps, in the order asked. */
async function readRecords(run: Run, where: Where, order = 'c.id', page?: { limit: number; offset: number }) {
  const n = where.params.length;
  const limit = page ? ` LIMIT $${n + 1} OFFSET $${n + 2}` : '';
  const rows = await run<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM credit_records c ${where} ORDER BY ${order}${limit}`,
    page ? [...where.params, page.limit, page.offset] : where.params,
  );
  if (rows.length === 0) return [];
  const steps = await run<StepRow>(
    `SELECT record_id, seq, action, actor_id, role, "at", reason, detail FROM credit_steps
     WHERE record_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY record_id, seq`,
    [listValue(rows.map((r) => r.id))],
  );
  const byRecord = new Map<string, CreditStep[]>();
  for (const s of steps) {
    const list = byRecord.get(s.record_id) ?? [];
    list.push({
      seq: s.seq,
      action: s.action,
      actorId: s.actor_id,
      role: s.role,
      at: s.at,
      reason: s.reason,
      detail: s.detail ? JSON.parse(s.detail) : null,
    });
    byRecord.set(s.record_id, list);
  }
  return rows.map((r) => stateOf(r, byRecord.get(r.id) ?? []));
}

/** The view state as SQL, from the clock `$now` (the same rule as domain viewOf; DuckDB clamps month ends as addMonths does). */
const viewStateSql = (now: string) =>
  `CASE WHEN c.state <> 'published' THEN c.state
        WHEN c.public_until > ${now}::TIMESTAMP THEN 'published'
        WHEN c.kind = 'negative' AND c.fade_months IS NOT NULL AND c.public_until + to_months(c.fade_months) <= ${now}::TIMESTAMP THEN 'faded'
        ELSE 'effective' END`;

export type CreditQueue = 'confirm' | 'publishing' | 'appeals' | 'all';
export interface CreditFilter {
  queue: CreditQueue;
  state?: ViewState;
  gridId?: string;
  residentId?: string;
  limit: number;
  offset: number;
}

function whereOf(scope: Scope, f: Partial<CreditFilter>, now: string): Where {
  const w = new Where().inScope(scope, { grid: 'c.grid_id', department: null });
  w.eq('c.grid_id', f.gridId).eq('c.resident_id', f.residentId);
  if (f.queue === 'confirm') w.add("c.state = 'proposed'");
  if (f.queue === 'publishing') w.add("c.state = 'published' AND c.public_until > ?::TIMESTAMP", now);
  if (f.queue === 'appeals') w.add("c.state = 'appealed'");
  if (f.state) {
    const at = `$${w.params.length + 1}`;
    w.params.push(now);
    w.add(`${viewStateSql(at)} = ?`, f.state);
  }
  return w;
}

/** A page of records in the scope, newest first. */
export async function listCreditRecords(
  db: Db,
  scope: Scope,
  f: CreditFilter,
  now: string,
): Promise<{ total: number; records: CreditRecordState[] }> {
  const w = whereOf(scope, f, now);
  const [count, records] = await Promise.all([
    db.one<{ n: number }>(`SELECT count(*) AS n FROM credit_records c ${w}`, w.params),
    readRecords(runDb(db), w, 'c.proposed_at DESC, c.id DESC', f),
  ]);
  return { total: count!.n, records };
}

/** One record, if the scope reaches it. */
export async function getCreditRecord(db: Db, scope: Scope, id: string): Promise<CreditRecordState | undefined> {
  return (await readRecords(runDb(db), whereOf(scope, {}, '').eq('c.id', id)))[0];
}

/** Every record of one resident (the archive), oldest deed first. */
export async function residentCreditRecords(db: Db, residentId: string): Promise<CreditRecordState[]> {
  return readRecords(runDb(db), new Where().eq('c.resident_id', residentId), 'c.occurred_on, c.id');
}

/** The names the answers show: accounts' display names and roles, and grids' names. */
export async function namesFor(
  db: Db,
  records: readonly CreditRecordState[],
): Promise<{
  users: Map<string, { name: string; role: string }>;
  grids: Map<string, string>;
  residents: Map<string, string>;
}> {
  if (records.length === 0) return { users: new Map(), grids: new Map(), residents: new Map() };
  const userIds = [...new Set(records.flatMap((r) => r.steps.map((s) => s.actorId)))];
  const gridIds = [...new Set(records.map((r) => r.gridId))];
  const residentIds = [...new Set(records.map((r) => r.residentId))];
  const [users, grids, residents] = await Promise.all([
    db.all<{ id: string; name: string; role: string }>(
      'SELECT id, display_name AS name, role FROM users WHERE id IN (SELECT unnest($1::VARCHAR[]))',
      [listValue(userIds)],
    ),
    db.all<{ id: string; name: string }>(
      'SELECT id, name FROM admin_units WHERE id IN (SELECT unnest($1::VARCHAR[]))',
      [listValue(gridIds)],
    ),
    db.all<{ id: string; name: string }>('SELECT id, name FROM residents WHERE id IN (SELECT unnest($1::VARCHAR[]))', [
      listValue(residentIds),
    ]),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, { name: u.name, role: u.role }])),
    grids: new Map(grids.map((g) => [g.id, g.name])),
    residents: new Map(residents.map((r) => [r.id, r.name])),
  };
}

/** Who did it, as the audit log names them (the route's caller; the system for a closed case's proposal). */
export type AuditedBy = Omit<AuditEntry, 'action' | 'targetType' | 'targetId' | 'reason' | 'detail'>;
const SYSTEM_AUDIT = (at: string): AuditedBy => ({
  at,
  actorId: null,
  actor: 'system',
  role: null,
  ip: null,
  userAgent: null,
  outcome: 'ok',
});

async function insertRecords(conn: DuckDBConnection, rs: readonly CreditRecordState[]): Promise<void> {
  if (rs.length === 0) return;
  const col = <V>(f: (r: CreditRecordState) => V) => listValue(rs.map(f) as never[]);
  await conn.run(
    `INSERT INTO credit_records
     SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]), unnest($5::INTEGER[]),
       unnest($6::VARCHAR[]), unnest($7::VARCHAR[]), unnest($8::VARCHAR[]), unnest($9::INTEGER[]), unnest($10::INTEGER[]),
       unnest($11::INTEGER[]), unnest($12::INTEGER[]), unnest($13::VARCHAR[])::DATE, unnest($14::VARCHAR[]), unnest($15::VARCHAR[]),
       unnest($16::VARCHAR[]), unnest($17::VARCHAR[]), unnest($18::VARCHAR[]), unnest($19::VARCHAR[]), unnest($20::VARCHAR[])::TIMESTAMP,
       unnest($21::VARCHAR[]), unnest($22::VARCHAR[])::TIMESTAMP, unnest($23::VARCHAR[])::TIMESTAMP, unnest($24::VARCHAR[])::TIMESTAMP,
       unnest($25::VARCHAR[])`,
    [
      col((r) => r.id),
      col((r) => r.residentId),
      col((r) => r.gridId),
      col((r) => r.ruleCode),
      col((r) => r.ruleVersion),
      col((r) => r.ruleName.zh),
      col((r) => r.ruleName.en),
      col((r) => r.kind),
      col((r) => r.points),
      col((r) => r.fadeMonths),
      col((r) => r.repair?.afterMonths ?? null),
      col((r) => r.repair?.positivePoints ?? null),
      col((r) => r.occurredOn),
      col((r) => r.evidence),
      col((r) => r.note),
      col((r) => r.caseId),
      col((r) => r.state),
      col((r) => r.proposedBy),
      col((r) => r.proposedRole),
      col((r) => r.proposedAt),
      col((r) => r.confirmedBy),
      col((r) => r.confirmedAt),
      col((r) => r.publishedAt),
      col((r) => r.publicUntil),
      col((r) => r.appealOutcome),
    ],
    listTypes('VVVVIVVVIIIIVVVVVVVVVVVVV'),
  );
}

async function insertSteps(conn: DuckDBConnection, rows: readonly (readonly [string, CreditStep])[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <V>(f: (s: CreditStep, id: string) => V) => listValue(rows.map(([id, s]) => f(s, id)) as never[]);
  await conn.run(
    `INSERT INTO credit_steps
     SELECT unnest($1::VARCHAR[]), unnest($2::INTEGER[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]), unnest($5::VARCHAR[]),
       unnest($6::VARCHAR[])::TIMESTAMP, unnest($7::VARCHAR[]), unnest($8::VARCHAR[])`,
    [
      col((_, id) => id),
      col((s) => s.seq),
      col((s) => s.action),
      col((s) => s.actorId),
      col((s) => s.role),
      col((s) => s.at),
      col((s) => s.reason),
      col((s) => (s.detail ? JSON.stringify(s.detail) : null)),
    ],
    listTypes('VIVVVVVV'),
  );
}

async function updateRecord(conn: DuckDBConnection, r: CreditRecordState): Promise<void> {
  await conn.run(
    `UPDATE credit_records SET state = $2, confirmed_by = $3, confirmed_at = $4::TIMESTAMP, published_at = $5::TIMESTAMP,
       public_until = $6::TIMESTAMP, appeal_outcome = $7 WHERE id = $1`,
    [r.id, r.state, r.confirmedBy, r.confirmedAt, r.publishedAt, r.publicUntil, r.appealOutcome],
  );
}

const auditAction = (a: CreditStep['action']) => `credit-${a}` as AuditAction;

async function auditStep(conn: DuckDBConnection, by: AuditedBy, r: CreditRecordState, step: CreditStep) {
  await appendAuditOn(conn, {
    ...by,
    action: auditAction(step.action),
    targetType: 'credit-record',
    targetId: r.id,
    reason: step.reason,
    detail: JSON.stringify({
      residentId: r.residentId,
      ruleCode: r.ruleCode,
      points: r.points,
      state: r.state,
      ...step.detail,
    }),
  });
}

/** In one transaction on the writer; rolled back on a refusal or an error. */
async function inTransaction<T>(
  db: Db,
  fn: (conn: DuckDBConnection) => Promise<T>,
  keep: (t: T) => boolean,
): Promise<T> {
  const out = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const t = await fn(conn);
      await conn.run(keep(t) ? 'COMMIT' : 'ROLLBACK');
      return t;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  if (keep(out)) db.versions.bump(...CREDIT_TABLES);
  return out;
}

const nextId = async (conn: DuckDBConnection) =>
  `CR${String(Number((await readOn<{ n: number }>(conn, "SELECT nextval('credit_seq') AS n"))[0]!.n)).padStart(7, '0')}`;

/** Proposes a record for a resident (whose grid the route has checked is in scope). */
export async function proposeCredit(
  db: Db,
  a: {
    rules: CreditRules;
    proposal: Omit<Proposal, 'id'>;
    actor: CreditActor;
    at: string;
    audit: AuditedBy;
  },
): Promise<CreditDecision | CreditRefusal> {
  return inTransaction(
    db,
    async (conn) => {
      const existing = await readRecords(runOn(conn), new Where().eq('c.resident_id', a.proposal.residentId));
      const d = propose(a.rules, { ...a.proposal, id: await nextId(conn) }, a.actor, a.at, existing);
      if (!d.ok) return d;
      await insertRecords(conn, [d.record]);
      await insertSteps(conn, [[d.record.id, d.step]]);
      await auditStep(conn, a.audit, d.record, d.step);
      return d;
    },
    (d) => d.ok,
  );
}

/** Takes one action on a record in the scope; `not_found` when the scope does not reach it. */
export async function actOnCredit(
  db: Db,
  a: {
    id: string;
    scope: Scope;
    cmd: CreditCommand;
    actor: CreditActor;
    at: string;
    rules: CreditRules;
    audit: AuditedBy;
  },
): Promise<CreditDecision | CreditRefusal | { ok: false; code: 'not_found'; message: string }> {
  return inTransaction(
    db,
    async (conn) => {
      const run = runOn(conn);
      const [r] = await readRecords(run, whereOf(a.scope, {}, '').eq('c.id', a.id));
      if (!r)
        return { ok: false as const, code: 'not_found' as const, message: `No credit record ${a.id} in your scope.` };
      const since =
        a.cmd.action === 'repair' && r.publicUntil
          ? positiveEarnedSince(
              await readRecords(run, new Where().eq('c.resident_id', r.residentId)),
              r.publicUntil,
              a.at,
            )
          : 0;
      const d = act(r, a.cmd, a.actor, a.at, { publicationDays: a.rules.publicationDays, positiveSince: since });
      if (!d.ok) return d;
      await updateRecord(conn, d.record);
      await insertSteps(conn, [[d.record.id, d.step]]);
      await auditStep(conn, a.audit, d.record, d.step);
      return d;
    },
    (d) => d.ok,
  );
}

/**
 * Inside the case writer's transaction: for each case just closed (结案) whose reporter is a resident,
 * the system proposes the rule's closed-case record for them (still to be confirmed by a person). A case
 * already proposed is skipped; a proposal over the cap is not made (the cap holds for the system too).
 * Returns whether anything was written (the writer then moves the credit tables' versions).
 */
export async function proposeFromClosedCases(
  conn: DuckDBConnection,
  rules: CreditRules,
  caseIds: readonly string[],
  at: string,
): Promise<boolean> {
  const item = rules.items.find((i) => i.fromClosedCase);
  if (!item || caseIds.length === 0) return false;
  const cases = await readOn<{ id: string; code: string; resident_id: string; grid_id: string }>(
    conn,
    `SELECT e.id, e.code, r.id AS resident_id, r.grid_id FROM events e JOIN residents r ON r.id = e.reporter_resident_id
     WHERE e.id IN (SELECT unnest($1::VARCHAR[])) AND e.status = 'closed'
       AND NOT EXISTS (SELECT 1 FROM credit_records c WHERE c.case_id = e.id AND c.rule_code = $2)`,
    [listValue([...caseIds]), item.code],
  );
  let wrote = false;
  for (const c of cases) {
    const existing = await readRecords(runOn(conn), new Where().eq('c.resident_id', c.resident_id));
    const d = propose(
      rules,
      {
        id: await nextId(conn),
        residentId: c.resident_id,
        gridId: c.grid_id,
        ruleCode: item.code,
        occurredOn: at.slice(0, 10),
        evidence: `案件 ${c.code} 已结案`,
        caseId: c.id,
      },
      SYSTEM_ACTOR,
      at,
      existing,
    );
    if (!d.ok) continue;
    await insertRecords(conn, [d.record]);
    await insertSteps(conn, [[d.record.id, d.step]]);
    await auditStep(conn, SYSTEM_AUDIT(at), d.record, d.step);
    wrote = true;
  }
  return wrote;
}

/** A record's row in credit_records' column order (migration 15). */
const rowOf = (r: CreditRecordState): (string | number | null)[] => [
  r.id,
  r.residentId,
  r.gridId,
  r.ruleCode,
  r.ruleVersion,
  r.ruleName.zh,
  r.ruleName.en,
  r.kind,
  r.points,
  r.fadeMonths,
  r.repair?.afterMonths ?? null,
  r.repair?.positivePoints ?? null,
  r.occurredOn,
  r.evidence,
  r.note,
  r.caseId,
  r.state,
  r.proposedBy,
  r.proposedRole,
  r.proposedAt,
  r.confirmedBy,
  r.confirmedAt,
  r.publishedAt,
  r.publicUntil,
  r.appealOutcome,
];

/** One CSV line: text quoted (quotes doubled), numbers bare, null as an empty field (DuckDB reads it as NULL). */
const csvLine = (values: readonly (string | number | null)[]) =>
  values.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`)).join(',');

/**
 * Writes the generated history's records and steps (the generator, on a store being built, never the
 * locked-down server's) through a CSV file DuckDB copies in: binding half a million rows as list
 * parameters, or appending them value by value, costs ten times more. Then names each
 * resident-reported case's reporter.
 */
export async function writeHistoryCredit(
  db: Db,
  records: readonly CreditRecordState[],
  reporters: readonly (readonly [eventId: string, residentId: string])[],
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wendu-credit-'));
  try {
    const recordsCsv = join(dir, 'records.csv');
    const stepsCsv = join(dir, 'steps.csv');
    writeFileSync(recordsCsv, records.map((r) => csvLine(rowOf(r))).join('\n'));
    writeFileSync(
      stepsCsv,
      records
        .flatMap((r) =>
          r.steps.map((st) =>
            csvLine([
              r.id,
              st.seq,
              st.action,
              st.actorId,
              st.role,
              st.at,
              st.reason,
              st.detail ? JSON.stringify(st.detail) : null,
            ]),
          ),
        )
        .join('\n'),
    );
    await db.write(async (conn) => {
      if (records.length) {
        await conn.run(`COPY credit_records FROM '${recordsCsv}' (FORMAT csv, HEADER false, QUOTE '"', ESCAPE '"')`);
        await conn.run(`COPY credit_steps FROM '${stepsCsv}' (FORMAT csv, HEADER false, QUOTE '"', ESCAPE '"')`);
      }
      if (reporters.length)
        await conn.run(
          `UPDATE events SET reporter_resident_id = t.resident_id
           FROM (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::VARCHAR[]) AS resident_id) t WHERE events.id = t.id`,
          [listValue(reporters.map((r) => r[0])), listValue(reporters.map((r) => r[1]))],
        );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  db.versions.bump('credit_records', 'credit_steps', 'events');
}

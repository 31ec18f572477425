// The case writer (案件写入): reports and actions from many users at once are decided and written in
// batches, one transaction per batch. A DuckDB statement costs 2–3 ms whatever its rows, and one action
// takes about ten (read the case, its step, the projection, the tasks, the deductions, the commit); a
// batch takes the same ten for any number of jobs, so fifty staff clicking at once wait for one commit
// rather than fifty in a row. Jobs are decided in the order they arrived, each on the case as the jobs
// before it left it: the outcome is the one a transaction per job would give, so a second click on the
// same action is decided after the first and refused. Every job is answered after its batch committed.
// A batch that fails as a whole (a constraint, a bug) is run again job by job, so a bad job fails alone.
// The writer keeps the cases it wrote lately in memory (state, timeline and dossier after the commit),
// so a case being worked is neither read nor replayed again at each click, and its answer is composed,
// not read back: it is the only writer of an existing case's timeline (alarms add new cases; migrations
// run before it), so what it holds stays true; a dossier kept is dropped when another writer moves what
// it shows (committed()).
import type { DuckDBConnection } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import { caseInScope, type Principal, type Scope } from '../domain/access';
import { cellsOf } from '../domain/risk/cells';
import { dueDeductions } from '../domain/workflow/deadlines';
import type { Decision, Refusal } from '../domain/workflow/decide';
import { type CaseProjection, projectionOf, taskViews } from '../domain/workflow/projection';
import type { CaseFacts, CaseState, CaseStep } from '../domain/workflow/states';
import { casesTurnedAway } from './caseDays';
import { projectionStatements } from './caseProjection';
import { type CaseRecord, eventAfter, type Reported, readCaseRecords } from './caseRecords';
import { byDue, type CaseDeduction, readCases, writeDeductions } from './cases';
import { type Db, readOn } from './db';
import type { EventStepWithActor } from './events';
import { H3_RES } from './load';
import { photoUrl } from './photos';
import { columnList, executeRows, rowsStatement, runScript, type ScriptPart } from './sqlScript';

/** A case as the machine holds it: the state and the timeline it was replayed from. */
export interface CaseNow {
  state: CaseState;
  steps: CaseStep[];
}

/** A decision, with the case after it and its record (event, timeline, deductions, photos) after the commit. */
export type Written = Decision & { case: CaseNow; record: CaseRecord };
export type ActionOutcome = Written | Refusal | { ok: false; kind: 'not_found' };
export type ReportOutcome = Written | Refusal;

interface Report {
  lon: number;
  lat: number;
  description: string;
  overallDeadlineAt: string;
  /** The resident behind a 随手拍 report (events.reporter_resident_id): closing the case proposes their credit record. */
  reporterResidentId?: string | null;
}

/** Who acts: their account's name and role, as the timeline shows them. */
export type Acting = Pick<Principal, 'displayName' | 'role'>;

/**
 * What else an action writes in its batch's transaction once decided (a leader's instruction: its
 * decision row), and the tables it writes, whose versions move after the commit.
 */
export interface AlsoWrite {
  tables: readonly string[];
  write: (conn: DuckDBConnection, decision: Decision) => Promise<void>;
}

/** The steps of a decision, in order: those decided with it first. */
export const stepsOf = (d: Decision): CaseStep[] => [...(d.earlier ?? []), d.step];

type Job = { now: string; photos: readonly string[]; by: Acting } & (
  | {
      kind: 'action';
      id: string;
      scope: Scope;
      decideOn: (state: CaseState) => Decision | Refusal;
      also?: AlsoWrite;
      settle: (o: ActionOutcome) => void;
      fail: (e: unknown) => void;
    }
  | {
      kind: 'report';
      report: Report;
      build: (id: string) => Decision | Refusal;
      settle: (o: ReportOutcome) => void;
      fail: (e: unknown) => void;
    }
);

/** What a job came to inside its batch, before the commit. */
type Settled = { job: Job } & ( // `event`: the case's event after the commit, when the writer knows it (committed()).
  | { ok: true; decision: Decision; case: CaseNow; record?: KeptRecord }
  | { ok: false; outcome: Refusal | { ok: false; kind: 'not_found' } }
);

/** The latest of ISO instants (they sort as text). */
const latest = (times: readonly string[]) => times.reduce((m, t) => (t.localeCompare(m) > 0 ? t : m));

/** The most jobs one transaction takes (the rest wait for the next). */
const MAX_BATCH = 256;
/** The most cases the writer keeps in memory, the least recently written forgotten first. */
const KEPT_CASES = 5000;

/**
 * A case as the writer last committed it, and its event as the store would read it back (undefined
 * until read once: a case first touched here comes from the store, a new report is known whole).
 */
interface Kept {
  case: CaseNow;
  record: KeptRecord | undefined;
}

/** A record as kept: with the stored flag "a limit was ever missed" (the `overdue` column) it was read or written with. */
export type KeptRecord = CaseRecord & { everOverdue: boolean };

/** Cases as the writer last committed them, least recently written first (a Map keeps insertion order). */
class KeptCases {
  private readonly cases = new Map<string, Kept>();

  get(id: string): Kept | undefined {
    return this.cases.get(id);
  }

  keep(k: Kept): void {
    const id = k.case.state.facts.id;
    this.cases.delete(id);
    this.cases.set(id, k);
    if (this.cases.size > KEPT_CASES) this.cases.delete(this.cases.keys().next().value!);
  }

  forgetRecords(): void {
    for (const k of this.cases.values()) k.record = undefined;
  }
}

class CaseWriter {
  private queue: Job[] = [];
  private draining = false;
  private readonly kept = new KeptCases();
  private readonly numbers = new ReportNumbers();
  /** The versions of what other writers change, as of this writer's last commit. */
  private seen = '';

  constructor(private readonly db: Db) {}

  submit(job: Job): void {
    this.queue.push(job);
    if (this.draining) return;
    this.draining = true;
    // After the current I/O: requests that arrived together go in one batch.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const jobs = this.queue.splice(0, MAX_BATCH);
      let settled: Settled[];
      try {
        settled = this.committed(
          await this.db.write((conn) => decideAndWrite(conn, jobs, this.kept, this.numbers, closeHooks.get(this.db))),
        );
      } catch (err) {
        if (jobs.length === 1) {
          jobs[0]!.fail(err);
          continue;
        }
        settled = [];
        for (const job of jobs) {
          try {
            settled.push(
              ...this.committed(
                await this.db.write((conn) =>
                  decideAndWrite(conn, [job], this.kept, this.numbers, closeHooks.get(this.db)),
                ),
              ),
            );
          } catch (e) {
            job.fail(e);
          }
        }
      }
      // Answered while the next batch is written.
      void this.answer(settled);
    }
    this.draining = false;
  }

  /**
   * After a commit, at once (no await, so the next batch sees it): each case written is kept with its
   * record brought up to date, and the cached answers that read these tables are rebuilt (versions.ts).
   * Records kept are dropped whenever another writer moved deductions or accounts (the deadline
   * checker deducts, an account is renamed): those cases are read whole again at their next answer.
   */
  private committed({ settled, deducted, projected, now, alsoWrote }: Committed): Settled[] {
    if (this.db.versions.key(OTHERS_WRITE) !== this.seen) this.kept.forgetRecords();
    for (const s of settled) {
      if (!s.ok) continue;
      const id = s.case.state.facts.id;
      const before = s.job.kind === 'action' ? this.kept.get(id)?.record : undefined;
      const fixed = s.job.kind === 'report' ? reportedOf(s.case.state, s.job.report) : before?.event;
      if (fixed) {
        // As written: the projection at the batch's time; as answered: overdue at the job's.
        const { everOverdue, ...event } = eventAfter(
          fixed,
          projected.get(s.case.state) ?? projectionOf(s.case.state, now),
          s.job.now,
          before?.everOverdue ?? false,
        );
        const photos = s.job.photos.map((photo) => ({ id: photo, url: photoUrl(photo), seq: s.decision.step.seq }));
        s.record = {
          event: {
            ...event,
            steps: [
              ...(before?.event.steps ?? []),
              ...stepsOf(s.decision).map((st) => stepWithActor(id, st, s.job.by)),
            ],
          },
          deductions: mergeDeductions(before?.deductions ?? [], deducted.get(id) ?? []),
          photos: [...(before?.photos ?? []), ...photos],
          everOverdue,
        };
      }
      this.kept.keep({ case: s.case, record: s.record });
    }
    if (settled.some((s) => s.ok))
      this.db.versions.bump('events', 'event_steps', 'event_tasks', 'case_deductions', 'event_photos');
    // A report turned away (不予立案, merged) is no longer a case of its day (caseDays.ts).
    casesTurnedAway(
      this.db,
      settled.flatMap((s) =>
        s.ok && stepsOf(s.decision).some((st) => TURNED_AWAY.has(st.action)) ? [s.case.state.facts] : [],
      ),
    );
    if (alsoWrote.length) this.db.versions.bump(...alsoWrote);
    for (const s of settled)
      if (s.ok && s.job.kind === 'action' && s.job.also) this.db.versions.bump(...s.job.also.tables);
    this.seen = this.db.versions.key(OTHERS_WRITE);
    return settled;
  }

  /** Settles every job with its case's record: as kept after its batch, or read whole for a case not kept so. */
  private async answer(settled: Settled[]): Promise<void> {
    if (settled.length === 0) return;
    const unread = [...new Set(settled.flatMap((s) => (s.ok && !s.record ? [s.case.state.facts.id] : [])))];
    let read: Awaited<ReturnType<typeof readCaseRecords>>;
    try {
      read = await readCaseRecords(this.db, { kind: 'city' }, unread, latest(settled.map((s) => s.job.now)));
    } catch (err) {
      for (const s of settled) s.job.fail(err);
      return;
    }
    // A case read whole is kept with its record from now on, unless a later batch wrote it meanwhile.
    for (const [id, r] of read) {
      const k = this.kept.get(id);
      if (k && !k.record && r.event.steps.length === k.case.steps.length) k.record = r;
    }
    for (const s of settled) {
      const outcome = s.ok
        ? { ...s.decision, case: s.case, record: withoutEver(s.record ?? read.get(s.case.state.facts.id)!) }
        : s.outcome;
      // The job's own kind decides which settle it is; both accept a refusal and a written decision.
      (s.job.settle as (o: ActionOutcome) => void)(outcome);
    }
  }
}

/** The actions that turn a report away: it is no case from then on. */
const TURNED_AWAY = new Set<string>(['reject', 'merge']);

/** The tables other writers change that a kept record shows: deductions (the checker) and accounts (names). */
const OTHERS_WRITE = ['case_deductions', 'users'] as const;

/** Deductions kept, with those just made (one per case, clock and holder), in the dossier's order. */
function mergeDeductions(kept: readonly CaseDeduction[], made: readonly CaseDeduction[]): CaseDeduction[] {
  const key = (d: CaseDeduction) => `${d.clockKey}\u0000${d.holder}`;
  const all = new Map([...kept, ...made].map((d) => [key(d), d]));
  return [...all.values()].sort(byDue);
}

/**
 * What else happens in a batch's transaction when cases close (结案): the credit record the system
 * proposes for a resident who reported one (store/credit.ts). Registered by the app; the writer knows
 * nothing of credit. Returns the tables it wrote (their versions move after the commit).
 */
export interface OnCasesClosed {
  /**
   * The closed cases the hook is for, known from the case itself: a batch closing none of them is
   * written as one script with its COMMIT, without the hook's statements and round trips.
   */
  concerns: (facts: CaseFacts) => boolean;
  write: (conn: DuckDBConnection, caseIds: readonly string[], at: string) => Promise<readonly string[]>;
}
const closeHooks = new WeakMap<Db, OnCasesClosed>();
export const whenCasesClose = (db: Db, hook: OnCasesClosed) => void closeHooks.set(db, hook);

const writers = new WeakMap<Db, CaseWriter>();
const writerOf = (db: Db) => {
  const known = writers.get(db);
  if (known) return known;
  const made = new CaseWriter(db);
  writers.set(db, made);
  return made;
};

/**
 * Decides an action on the case as it stands and writes what follows, or nothing. Settles after the
 * commit; a case outside `scope` is `not_found`.
 */
export function applyCaseAction(
  db: Db,
  a: { id: string; scope: Scope; by: Acting; now: string; photos?: readonly string[]; also?: AlsoWrite },
  decideOn: (state: CaseState) => Decision | Refusal,
): Promise<ActionOutcome> {
  return new Promise((settle, fail) =>
    writerOf(db).submit({ kind: 'action', ...a, photos: a.photos ?? [], decideOn, settle, fail }),
  );
}

/** A new case from a report: the event, its first step and its projection. `build` gets the new case's id. */
export function createCase(
  db: Db,
  r: { report: Report; by: Acting; now: string; photos?: readonly string[] },
  build: (id: string) => Decision | Refusal,
): Promise<ReportOutcome> {
  return new Promise((settle, fail) =>
    writerOf(db).submit({ kind: 'report', ...r, photos: r.photos ?? [], build, settle, fail }),
  );
}

/** The report's code (编号): the day reported and the report's number. */
const codeOf = (s: CaseState) =>
  `TC${s.facts.reportedAt.slice(0, 10).replaceAll('-', '')}-R${String(Number(s.facts.id.slice(2))).padStart(5, '0')}`;

const reportedOf = (s: CaseState, r: Report): Reported => ({
  id: s.facts.id,
  code: codeOf(s),
  itemCode: s.facts.itemCode,
  source: s.facts.source,
  gridId: s.facts.gridId,
  position: [r.lon, r.lat],
  reportedAt: s.facts.reportedAt,
  deadlineAt: r.overallDeadlineAt,
  description: r.description,
});

const stepWithActor = (eventId: string, s: CaseStep, by: Acting): EventStepWithActor => ({
  eventId,
  seq: s.seq,
  stage: s.stage,
  at: s.at,
  actor: s.actor,
  note: s.note,
  actorName: by.displayName,
  actorRole: by.role,
});

const withoutEver = ({ everOverdue: _, ...record }: KeptRecord): CaseRecord => record;

/** A batch as committed: each job's outcome, the deductions it made by case, the time it was written at. */
interface Committed {
  settled: Settled[];
  deducted: Map<string, CaseDeduction[]>;
  /** Each case's projection as written, keyed by its final state (an earlier job on the same case in the batch computes its own). */
  projected: Map<CaseState, CaseProjection>;
  now: string;
  /** Tables the close hook wrote. */
  alsoWrote: readonly string[];
}

/** One batch in one transaction on the writer: read the cases, decide each job in order, write, commit. */
async function decideAndWrite(
  conn: DuckDBConnection,
  jobs: readonly Job[],
  kept: KeptCases,
  numbers: ReportNumbers,
  onClosed?: OnCasesClosed,
): Promise<Committed> {
  const seqs = await numbers.take(conn, jobs.filter((j) => j.kind === 'report').length);
  // The cases not kept are read before the transaction: every write goes through this connection
  // (db.write), so nothing can move them between this read and the BEGIN below.
  const settled = await decideAll(conn, jobs, kept, seqs);
  const written = settled.filter((s) => s.ok);
  const now = latest(jobs.map((j) => j.now));
  // The latest state of each case the batch touched.
  const touched = new Map(written.map((s) => [s.case.state.facts.id, s.case.state]));
  const projected = new Map([...touched.values()].map((state) => [state, projectionOf(state, now)]));
  const due = [...touched.values()].flatMap((state) => dueDeductions(state, now));
  const also = written.flatMap((s) => (s.job.kind === 'action' && s.job.also ? [{ s, also: s.job.also }] : []));
  const closed = written.flatMap((s) =>
    onClosed?.concerns(s.case.state.facts) &&
    stepsOf(s.decision).some((st) => st.action === 'evaluate') &&
    s.case.state.status === 'closed'
      ? [s.case.state.facts.id]
      : [],
  );
  // What needs nothing back goes as one script (sqlScript.ts); COMMIT with it when nothing follows.
  const rest = due.length > 0 || also.length > 0 || (onClosed !== undefined && closed.length > 0);
  const script: ScriptPart[] = [
    'BEGIN TRANSACTION',
    ...eventsInsert(
      written.flatMap((s) => (s.job.kind === 'report' ? [{ report: s.job.report, state: s.case.state }] : [])),
    ),
    ...stepsInsert(written.flatMap((s) => stepsOf(s.decision).map((step) => [s.case.state.facts.id, step] as const))),
    ...photosInsert(
      written.flatMap((s) =>
        s.job.photos.map((photo, i) => ({
          event_id: s.case.state.facts.id,
          seq: s.decision.step.seq,
          no: i + 1,
          photo_id: photo,
        })),
      ),
    ),
    ...projectionStatements([...projected]),
    ...(rest ? [] : ['COMMIT']),
  ];
  try {
    await runScript(conn, script);
    let deducted = new Map<string, CaseDeduction[]>();
    let alsoWrote: readonly string[] = [];
    if (rest) {
      deducted = await writeDeductions(conn, due, now);
      for (const { s, also: a } of also) if (s.ok) await a.write(conn, s.decision);
      alsoWrote = onClosed && closed.length ? await onClosed.write(conn, closed, now) : [];
      await conn.run('COMMIT');
    }
    return { settled, deducted, projected, now, alsoWrote };
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Report numbers drawn ahead from the store's sequence, a block at a time in a statement of their own
 * (committed at once: a batch rolled back never hands a number out twice). Numbers drawn and not used
 * before a restart are skipped, as a sequence skips them anyway on a rollback.
 */
class ReportNumbers {
  private readonly ahead: number[] = [];

  async take(conn: DuckDBConnection, n: number): Promise<number[]> {
    if (this.ahead.length < n) {
      const more = Math.max(n - this.ahead.length, REPORT_NUMBERS_AHEAD);
      const rows = await readOn<{ n: number }>(conn, `SELECT nextval('report_seq') AS n FROM range(${more})`);
      this.ahead.push(...rows.map((r) => Number(r.n)).sort((a, b) => a - b));
    }
    return this.ahead.splice(0, n);
  }
}

/** How many report numbers are drawn at once. */
const REPORT_NUMBERS_AHEAD = 256;

async function decideAll(
  conn: DuckDBConnection,
  jobs: readonly Job[],
  kept: KeptCases,
  seqs: readonly number[],
): Promise<Settled[]> {
  const ids = [...new Set(jobs.flatMap((j) => (j.kind === 'action' && !kept.get(j.id) ? [j.id] : [])))];
  // Each job sees the case as the batch left it so far: read (those not kept), then updated job by job.
  const cases: Map<string, CaseNow> = await readCases((sql, params) => readOn(conn, sql, params), ids, {
    kind: 'city',
  });
  for (const j of jobs)
    if (j.kind === 'action' && !cases.has(j.id) && kept.get(j.id)) cases.set(j.id, kept.get(j.id)!.case);
  const out: Settled[] = [];
  let nextSeq = 0;
  for (const job of jobs) {
    if (job.kind === 'report') {
      const id = `ER${String(seqs[nextSeq++]).padStart(7, '0')}`;
      const d = job.build(id);
      if (!d.ok) {
        out.push({ job, ok: false, outcome: d });
        continue;
      }
      const now = { state: d.state, steps: [d.step] };
      cases.set(id, now);
      out.push({ job, ok: true, decision: d, case: now });
      continue;
    }
    const before = cases.get(job.id);
    if (!before || !caseInScope(job.scope, scopeView(before.state))) {
      out.push({ job, ok: false, outcome: { ok: false, kind: 'not_found' } });
      continue;
    }
    const d = job.decideOn(before.state);
    if (!d.ok) {
      out.push({ job, ok: false, outcome: d });
      continue;
    }
    const now = { state: d.state, steps: [...before.steps, ...stepsOf(d)] };
    cases.set(job.id, now);
    out.push({ job, ok: true, decision: d, case: now });
  }
  return out;
}

/** What the scope rule reads of a case (access.ts `caseInScope`, the same rule as the store's SQL). */
const scopeView = (s: CaseState) => ({
  gridPath: s.facts.gridPath.join('/'),
  departmentId: s.departmentId,
  taskDepartments: taskViews(s).flatMap((t) => (t.assignee.kind === 'department' ? [t.assignee.id] : [])),
});

/** The INSERT of new cases' events, its rows as JSON to a statement prepared once (sqlScript.ts), or nothing. */
function eventsInsert(made: readonly { report: Report; state: CaseState }[]): ScriptPart[] {
  if (made.length === 0) return [];
  const rows = made.map(({ report: r, state: s }) => {
    const cells = cellsOf(r.lon, r.lat);
    return {
      id: s.facts.id,
      code: codeOf(s),
      item_code: s.facts.itemCode,
      source: s.facts.source,
      grid_id: s.facts.gridId,
      lon: r.lon,
      lat: r.lat,
      h3: latLngToCell(r.lat, r.lon, H3_RES),
      reported_at: s.facts.reportedAt,
      deadline_at: r.overallDeadlineAt,
      department_id: s.departmentId,
      description: r.description,
      h3_r8: cells.r8,
      h3_r10: cells.r10,
      reporter_resident_id: r.reporterResidentId ?? null,
    };
  });
  return [executeRows(EVENTS_INSERT, rows)];
}

const EVENT_COLUMNS = {
  id: 'VARCHAR',
  code: 'VARCHAR',
  item_code: 'VARCHAR',
  source: 'VARCHAR',
  grid_id: 'VARCHAR',
  lon: 'DOUBLE',
  lat: 'DOUBLE',
  h3: 'VARCHAR',
  reported_at: 'TIMESTAMP',
  deadline_at: 'TIMESTAMP',
  department_id: 'VARCHAR',
  description: 'VARCHAR',
  h3_r8: 'VARCHAR',
  h3_r10: 'VARCHAR',
  reporter_resident_id: 'VARCHAR',
} as const;
const EVENTS_INSERT = rowsStatement(
  'case_events_insert',
  EVENT_COLUMNS,
  (v) => `INSERT INTO events (${columnList(EVENT_COLUMNS)}, status, closed_at, overdue)
     SELECT *, 'reported', NULL, false FROM ${v}`,
);

/** The INSERT of the batch's steps, or nothing. */
function stepsInsert(steps: readonly (readonly [string, CaseStep])[]): ScriptPart[] {
  if (steps.length === 0) return [];
  const rows = steps.map(([id, s]) => ({
    event_id: id,
    seq: s.seq,
    stage: s.stage,
    at: s.at,
    actor: s.actor,
    note: s.note,
    action: s.action,
    role: s.role,
    detail: s.detail ? JSON.stringify(s.detail) : null,
  }));
  return [executeRows(STEPS_INSERT, rows)];
}

const STEP_COLUMNS = {
  event_id: 'VARCHAR',
  seq: 'INTEGER',
  stage: 'VARCHAR',
  at: 'TIMESTAMP',
  actor: 'VARCHAR',
  note: 'VARCHAR',
  action: 'VARCHAR',
  role: 'VARCHAR',
  detail: 'VARCHAR',
} as const;
const STEPS_INSERT = rowsStatement(
  'case_steps_insert',
  STEP_COLUMNS,
  (v) => `INSERT INTO event_steps (${columnList(STEP_COLUMNS)}) SELECT * FROM ${v}`,
);

/** The INSERT of the photos the batch's steps carry, or nothing. */
function photosInsert(rows: readonly { event_id: string; seq: number; no: number; photo_id: string }[]): ScriptPart[] {
  if (rows.length === 0) return [];
  return [executeRows(PHOTOS_INSERT, rows)];
}

const PHOTO_COLUMNS = { event_id: 'VARCHAR', seq: 'INTEGER', no: 'INTEGER', photo_id: 'VARCHAR' } as const;
const PHOTOS_INSERT = rowsStatement(
  'case_photos_insert',
  PHOTO_COLUMNS,
  (v) => `INSERT INTO event_photos (${columnList(PHOTO_COLUMNS)}) SELECT * FROM ${v}`,
);

// What a case's dossier (案卷) shows beside the machine's state: the event as the lists show it, its
// timeline with the accounts that acted, the points deducted on it and its photos — for any number of
// cases in four queries. The case writer knows the event of a case it keeps (eventAfter, the same
// rule as the lists' SQL in events.ts) and reads only the deductions and photos of those.
import type { Scope } from '../domain/access';
import type { GovEvent } from '../domain/model';
import type { CaseProjection } from '../domain/workflow/projection';
import { type CaseDeduction, casesDeductions } from './cases';
import type { Db } from './db';
import { type CaseSummary, type EventStepWithActor, getEvents } from './events';
import { type CasePhoto, casesPhotos } from './photos';

export type CaseEvent = CaseSummary & { steps: EventStepWithActor[] };

/** An event as the case writer keeps it: with the stored flag "a limit was ever missed" (`overdue` column). */
export interface KnownEvent extends CaseEvent {
  everOverdue: boolean;
}

/** What a report fixed: never changed by an action. */
export type Reported = Pick<
  GovEvent,
  'id' | 'code' | 'itemCode' | 'source' | 'gridId' | 'position' | 'reportedAt' | 'deadlineAt' | 'description'
>;

export interface CaseRecord {
  event: CaseEvent;
  deductions: CaseDeduction[];
  photos: CasePhoto[];
}

/**
 * The event after a write of the projection `p` at `now`, as the store then reads it back: the stored
 * flag is OR-ed with `late` (cases.ts writeProjections), and `overdue` is the running deadline passed
 * at `now`, or the flag when none runs (events.ts `columns`).
 */
export function eventAfter(fixed: Reported, p: CaseProjection, now: string, everBefore: boolean) {
  const everOverdue = everBefore || p.late;
  return {
    id: fixed.id,
    code: fixed.code,
    itemCode: fixed.itemCode,
    source: fixed.source,
    gridId: fixed.gridId,
    position: fixed.position,
    reportedAt: fixed.reportedAt,
    deadlineAt: fixed.deadlineAt,
    departmentId: p.departmentId,
    status: p.status,
    closedAt: p.closedAt,
    overdue: p.dueAt !== null ? Date.parse(p.dueAt) <= Date.parse(now) : everOverdue,
    description: fixed.description,
    holders: p.holders,
    dueAt: p.dueAt,
    warnAt: p.warnAt,
    supervisedBy: p.supervisedBy,
    everOverdue,
  } satisfies Omit<KnownEvent, 'steps'>;
}

/**
 * The records of the cases in the scope, by id (those outside it are absent). Events in `known` are
 * taken as they are; those read carry `everOverdue`, for the writer to keep.
 */
export async function readCaseRecords(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  now: string,
  known: ReadonlyMap<string, CaseEvent> = new Map(),
): Promise<Map<string, CaseRecord & { everOverdue?: boolean }>> {
  const [events, deductions, photos] = await Promise.all([
    getEvents(
      db,
      scope,
      ids.filter((id) => !known.has(id)),
      now,
    ),
    casesDeductions(db, ids),
    casesPhotos(db, ids),
  ]);
  const out = new Map<string, CaseRecord & { everOverdue?: boolean }>();
  for (const id of ids) {
    const read = events.get(id);
    const given = known.get(id);
    const extra = { deductions: deductions.get(id) ?? [], photos: photos.get(id) ?? [] };
    if (read) {
      const { everOverdue, ...event } = read;
      out.set(id, { event, everOverdue, ...extra });
    } else if (given) out.set(id, { event: given, ...extra });
  }
  return out;
}

// What a case's dossier (案卷) shows beside the machine's state: the event as the lists show it, its
// timeline with the accounts that acted, the points deducted on it and its photos — for any number of
// cases in four queries. The case writer composes the record of a case it keeps instead (eventAfter:
// the same rule as the lists' SQL in events.ts).
import type { Scope } from '../domain/access';
import type { GovEvent } from '../domain/model';
import type { CaseProjection } from '../domain/workflow/projection';
import { type CaseDeduction, casesDeductions } from './cases';
import type { Db } from './db';
import { type CaseSummary, type EventStepWithActor, getEvents } from './events';
import { type CasePhoto, casesPhotos } from './photos';

export type CaseEvent = CaseSummary & { steps: EventStepWithActor[] };

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
    leaderSupervisedBy: p.leaderSupervisedBy,
    leaderSupervisedAt: p.leaderSupervisedAt,
    everOverdue,
  } satisfies Omit<CaseEvent, 'steps'> & { everOverdue: boolean };
}

/** The records of the cases in the scope, by id (those outside it are absent), each with its stored `overdue` flag. */
export async function readCaseRecords(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  now: string,
): Promise<Map<string, CaseRecord & { everOverdue: boolean }>> {
  const out = new Map<string, CaseRecord & { everOverdue: boolean }>();
  if (ids.length === 0) return out;
  const [events, deductions, photos] = await Promise.all([
    getEvents(db, scope, ids, now),
    casesDeductions(db, ids),
    casesPhotos(db, ids),
  ]);
  for (const [id, { everOverdue, ...event }] of events)
    out.set(id, { event, everOverdue, deductions: deductions.get(id) ?? [], photos: photos.get(id) ?? [] });
  return out;
}

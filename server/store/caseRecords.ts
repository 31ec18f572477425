// What a case's dossier (案卷) shows beside the machine's state: the event as the lists show it, its
// timeline with the accounts that acted, the points deducted on it and its photos — for any number of
// cases in four queries (the case writer reads a whole batch's at once).
import type { Scope } from '../domain/access';
import { type CaseDeduction, casesDeductions } from './cases';
import type { Db } from './db';
import { type CaseSummary, type EventStepWithActor, getEvents } from './events';
import { type CasePhoto, casesPhotos } from './photos';

export interface CaseRecord {
  event: CaseSummary & { steps: EventStepWithActor[] };
  deductions: CaseDeduction[];
  photos: CasePhoto[];
}

/** The records of the cases in the scope, by id (those outside it are absent). */
export async function readCaseRecords(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  now: string,
): Promise<Map<string, CaseRecord>> {
  const [events, deductions, photos] = await Promise.all([
    getEvents(db, scope, ids, now),
    casesDeductions(db, ids),
    casesPhotos(db, ids),
  ]);
  const out = new Map<string, CaseRecord>();
  for (const [id, event] of events)
    out.set(id, { event, deductions: deductions.get(id) ?? [], photos: photos.get(id) ?? [] });
  return out;
}

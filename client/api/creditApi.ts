// Resident credit points (信用积分, issue 18) as /credit calls them: the rules catalogue, the queues of
// records (to confirm, in publication, appeals), one record's actions, a resident's archive, and the
// residents search that the proposal form picks a resident from. Refusals reach callers as ApiErrors
// (409 same_person / illegal_transition / cap_exceeded; 403 out_of_scope), with nothing changed.
import { type Client, call, type Ok, param, withSignal } from './rpc';

// PROVISIONAL: written from docs/credit-api.md until the server's routes land; then inferred from them.
type Named = { zh: string; en: string };
export interface CreditRule {
  code: string;
  name: Named;
  kind: 'positive' | 'negative';
  points: number;
  capMonth: number;
  capYear: number;
  evidence: Named;
  fadeMonths?: number;
  repair?: { afterMonths?: number | null; positivePoints?: number | null } | null;
}
export interface CreditLevel {
  code: string;
  name: Named;
  min: number;
}
/** GET /api/credit/rules: the catalogue (levels, items with points, caps, evidence, fade and repair). */
export interface CreditRules {
  version: number;
  publicationDays: number;
  levels: CreditLevel[];
  items: CreditRule[];
}
export type CreditState =
  | 'proposed'
  | 'confirmed'
  | 'published'
  | 'effective'
  | 'appealed'
  | 'revoked'
  | 'rejected'
  | 'withdrawn'
  | 'repaired'
  | 'faded';
export interface CreditStep {
  seq: number;
  action: string;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  at: string;
  reason: string | null;
  detail: { statement?: string; outcome?: 'upheld' | 'dismissed'; path?: 'time' | 'positive' } | null;
}
type Person = { id: string; name: string; role: string };
export interface CreditRecord {
  id: string;
  residentId: string;
  residentName: string;
  gridId: string;
  gridName: string;
  ruleCode: string;
  ruleVersion: number;
  ruleName: Named;
  kind: 'positive' | 'negative';
  points: number;
  occurredOn: string;
  evidence: string;
  note: string | null;
  caseId: string | null;
  state: CreditState;
  counts: boolean;
  publishedAt: string | null;
  publicUntil: string | null;
  proposedBy: Person;
  confirmedBy: Person | null;
  steps: CreditStep[];
}
/** GET /api/credit/records: a page of records in the user's scope. */
export interface CreditRecordPage {
  total: number;
  items: CreditRecord[];
}
export interface CreditQuery {
  queue?: 'confirm' | 'publishing' | 'appeals' | 'all';
  state?: CreditState;
  gridId?: string;
  residentId?: string;
  limit?: string;
  offset?: string;
}
/** POST /api/credit/records: a proposal. */
export interface CreditProposal {
  residentId: string;
  ruleCode: string;
  occurredOn: string;
  evidence: string;
  note?: string;
  caseId?: string;
}
/** POST /api/credit/records/{id}/actions: one step of a record's life. */
export interface CreditAction {
  action: 'confirm' | 'reject' | 'publish' | 'appeal' | 'decide' | 'repair' | 'withdraw';
  reason?: string;
  statement?: string;
  outcome?: 'upheld' | 'dismissed';
  path?: 'time' | 'positive';
}
/** GET /api/residents/{id}/credit: a resident's archive (balance, level, every record with its steps). */
export interface CreditArchive {
  residentId: string;
  name: string;
  gridId: string;
  gridName: string;
  balance: number;
  level: { code: string; name: Named };
  records: CreditRecord[];
}
/** GET /api/grids/{id} `credit`: a unit's credit activity in aggregate. */
export interface CreditAggregateFigures {
  records: number;
  residents: number;
  positivePoints: number;
  negativePoints: number;
  appealsOpen: number;
  publishing: number;
  byMonth: Array<{ month: string; positive: number; negative: number }>;
}
/** GET /api/residents: residents in scope, masked (the proposal form's search). */
export type ResidentPage = Ok<Client['residents']['$get']>;
export type ResidentHit = ResidentPage['residents'][number];

export interface CreditApi {
  rules(signal?: AbortSignal): Promise<CreditRules>;
  records(query: CreditQuery, signal?: AbortSignal): Promise<CreditRecordPage>;
  record(id: string, signal?: AbortSignal): Promise<CreditRecord>;
  propose(body: CreditProposal): Promise<CreditRecord>;
  act(id: string, body: CreditAction): Promise<CreditRecord>;
  /** A resident's archive; each view is audited by the server. */
  archive(residentId: string, signal?: AbortSignal): Promise<CreditArchive>;
  /** Residents in scope whose (surname) name starts with `name`, or of one grid; masked. */
  residents(query: { name?: string; gridId?: string; limit?: number }, signal?: AbortSignal): Promise<ResidentPage>;
}

export function creditApi(client: Client): CreditApi {
  // PROVISIONAL: untyped until the server's credit routes are in AppType (hc is a proxy: the calls work)
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const credit = (client as any).credit;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const residents = (client as any).residents;
  const records = credit.records;
  return {
    rules: (signal) => call(credit.rules.$get(undefined, withSignal(signal))),
    records: (query, signal) => call(records.$get({ query }, withSignal(signal))),
    record: (id, signal) => call(records[':id'].$get({ param: param(id) }, withSignal(signal))),
    propose: (json) => call(records.$post({ json })),
    act: (id, json) => call(records[':id'].actions.$post({ param: param(id), json })),
    archive: (residentId, signal) =>
      call(residents[':id'].credit.$get({ param: param(residentId) }, withSignal(signal))),
    residents: ({ name, gridId, limit }, signal) =>
      call(
        client.residents.$get(
          { query: { name, gridId, limit: limit === undefined ? undefined : String(limit) } },
          withSignal(signal),
        ),
      ),
  };
}

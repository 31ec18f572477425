// Resident credit points (信用积分, issue 18) as /credit calls them: the rules catalogue, the queues of
// records (to confirm, in publication, appeals), one record's actions, a resident's archive, and the
// residents search that the proposal form picks a resident from. Refusals reach callers as ApiErrors
// (409 same_person / illegal_transition / cap_exceeded; 403 out_of_scope), with nothing changed.
import type { InferRequestType } from 'hono/client';
import { type Client, call, type Ok, param, withSignal } from './rpc';

/** GET /api/credit/rules: the catalogue (levels, items with points, caps, evidence, fade and repair). */
export type CreditRules = Ok<Client['credit']['rules']['$get']>;
export type CreditRule = CreditRules['items'][number];
/** GET /api/credit/records: a page of records in the user's scope (a queue, or all). */
export type CreditRecordPage = Ok<Client['credit']['records']['$get']>;
export type CreditRecord = CreditRecordPage['items'][number];
export type CreditState = CreditRecord['state'];
export type CreditStep = CreditRecord['steps'][number];
export type CreditQuery = InferRequestType<Client['credit']['records']['$get']>['query'];
/** POST /api/credit/records: a proposal. */
export type CreditProposal = InferRequestType<Client['credit']['records']['$post']>['json'];
/** POST /api/credit/records/{id}/actions: one step of a record's life (each action with what it needs). */
export type CreditAction = InferRequestType<Client['credit']['records'][':id']['actions']['$post']>['json'];
/** GET /api/residents/{id}/credit: a resident's archive (balance, level, every record with its steps). */
export type CreditArchive = Ok<Client['residents'][':id']['credit']['$get']>;
/** GET /api/grids/{id} `credit`: a unit's credit activity in aggregate. */
export type CreditAggregateFigures = Ok<Client['grids'][':id']['$get']>['credit'];
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
  const { credit, residents } = client;
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

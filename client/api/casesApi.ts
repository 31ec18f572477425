// The case workflow as the desk calls it: the inboxes (GET /api/events with its filters), one case's
// dossier (GET /api/events/{id}) and the actions on it (POST /api/events/{id}/actions). Types are
// inferred from the server's routes.
import type { InferRequestType } from 'hono/client';
import { type Client, call, type Ok, param, withSignal } from './rpc';

/** GET /api/events: a page of cases and how many match. */
export type CasePage = Ok<Client['events']['$get']>;
export type CaseRow = CasePage['events'][number];
/** GET /api/events/{id}: the dossier (案卷), with the photos when the server sends them. */
export type CaseDossier = Ok<Client['events'][':id']['$get']> & {
  photos?: ReadonlyArray<{ id: string; url: string; seq: number }>;
};
export type CaseTask = CaseDossier['tasks'][number];
export type CaseStepView = CaseDossier['steps'][number];
/** POST /api/events/{id}/actions: one body per action. */
export type CaseActionRequest = InferRequestType<Client['events'][':id']['actions']['$post']>['json'];

/** The query of GET /api/events as the URL carries it (text), absent filters absent. */
export type CaseQuery = NonNullable<InferRequestType<Client['events']['$get']>['query']>;

export interface CasesApi {
  list(query: CaseQuery, signal?: AbortSignal): Promise<CasePage>;
  dossier(id: string, signal?: AbortSignal): Promise<CaseDossier>;
  /** Takes an action; the dossier after it, or the server's refusal as an ApiError (400/403/409). */
  act(id: string, body: CaseActionRequest): Promise<CaseDossier>;
}

export function casesApi(client: Client): CasesApi {
  return {
    list: (query, signal) => call(client.events.$get({ query }, withSignal(signal))),
    dossier: (id, signal) => call(client.events[':id'].$get({ param: param(id) }, withSignal(signal))),
    act: (id, body) => call(client.events[':id'].actions.$post({ param: param(id), json: body })),
  };
}

// The leader scheduling day (市级领导调度日) as /leader and the big screen call it: the months held,
// one month's view (candidates by rule, agenda, instructions, follow-up), the centre setting the
// agenda and the leader's instruction (批示). Types are inferred from the server's routes.
import type { InferRequestType } from 'hono/client';
import { type Client, call, type Ok, withSignal } from './rpc';

/** GET /api/leader-days: the months with a leader day, newest first. */
export type LeaderDayMonths = Ok<Client['leader-days']['$get']>['months'];
/** GET /api/leader-days/{month}. */
export type LeaderDay = Ok<Client['leader-days'][':month']['$get']>;
export type LeaderCandidate = LeaderDay['candidates'][number];
export type LeaderAgendaEntry = LeaderDay['agenda'][number];
export type LeaderDecision = LeaderDay['decisions'][number];
export type LeaderCase = NonNullable<LeaderAgendaEntry['case']>;
export type LeaderFollowUp = LeaderDay['followUp']['cases'][number];
export type AgendaRequest = InferRequestType<Client['leader-days'][':month']['cases']['$post']>['json'];
export type InstructionRequest = InferRequestType<Client['leader-days'][':month']['instructions']['$post']>['json'];

export interface LeaderDaysApi {
  months(signal?: AbortSignal): Promise<LeaderDayMonths>;
  day(month: string, signal?: AbortSignal): Promise<LeaderDay>;
  /** The centre sets the ordered agenda; the month's view after it. */
  setAgenda(month: string, body: AgendaRequest): Promise<LeaderDay>;
  /** The leader's instruction (批示); refused as an ApiError (400/403/409) with nothing changed. */
  instruct(
    month: string,
    body: InstructionRequest,
  ): Promise<Ok<Client['leader-days'][':month']['instructions']['$post']>>;
}

export function leaderDaysApi(client: Client): LeaderDaysApi {
  const days = client['leader-days'];
  return {
    months: async (signal) => (await call(days.$get(undefined, withSignal(signal)))).months,
    day: (month, signal) =>
      call(days[':month'].$get({ param: { month: encodeURIComponent(month) } }, withSignal(signal))),
    setAgenda: (month, json) => call(days[':month'].cases.$post({ param: { month: encodeURIComponent(month) }, json })),
    instruct: (month, json) =>
      call(days[':month'].instructions.$post({ param: { month: encodeURIComponent(month) }, json })),
  };
}

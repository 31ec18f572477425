// The typed RPC client's plumbing, shared by the API's parts (twinApi.ts, accountsApi.ts): the client
// type inferred from the server's routes, and how a typed answer becomes its body or an ApiError.
import type { ClientResponse, hc, InferResponseType } from 'hono/client';
import type { AppType } from '../../server/app';
import { bodyOf } from './apiError';

export type Client = ReturnType<typeof hc<AppType>>;
/** The body of an endpoint's 200 answer, as the server's route declares it. */
export type Ok<Endpoint> = InferResponseType<Endpoint, 200>;
/** The body of an endpoint's 201 answer (a creation). */
export type Created<Endpoint> = InferResponseType<Endpoint, 201>;
/** The body of a typed answer's 2xx branch (the other branches are thrown as ApiErrors, not returned). */
export type OkBody<Answer> =
  Answer extends ClientResponse<infer Body, infer Status, 'json'> ? (Status extends 200 | 201 ? Body : never) : never;

/** The body of a typed answer, or its error thrown as an ApiError. */
export const call = <A extends ClientResponse<unknown, number, 'json'>>(pending: Promise<A>) =>
  pending.then((answer) => bodyOf<OkBody<A>>(answer));

/** Passes a caller's AbortSignal on. */
export const withSignal = (signal?: AbortSignal) => ({ init: { signal } });
/** A path parameter, escaped: hc puts it into the path as it is. */
export const param = (id: string) => ({ id: encodeURIComponent(id) });

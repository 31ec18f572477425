// A route's JSON answer from the answer cache: built once per data version of the tables it reads,
// sent in the encoding the client accepts with a strong ETag, and answered 304 when the client's
// If-None-Match names it, without touching the store. Routes run behind the guard, so a signed-out
// request is refused before any cache is consulted; an answer that depends on who asks names the
// reader's scope in its key, so no reader is ever sent bytes built for another scope.
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { type AnswerCache, type EncodedAnswer, identityOf } from './answerCache';
import { type Encoding, notModified, pickEncoding, representationTag } from './conditional';
import type { Deps } from './deps';

export interface CachedAnswerSpec<T> {
  /** What the answer is: the route with its parameters, and the reader's scope when it depends on it. */
  key: string;
  /** The tables it reads: a write to any of them (DataVersions) makes it be rebuilt. */
  tables: readonly string[];
  /** Rebuilt at least this often even when no table moved: answers that depend on the clock. */
  maxAgeMs?: number;
  build: () => Promise<T>;
}

/**
 * Signed-in answers: the browser keeps them but asks every time (the 304 is cheap); no shared cache
 * may keep them; a change of encoding or of signed-in user is another representation.
 */
const CACHE_CONTROL = 'private, no-cache';
const VARY = 'Accept-Encoding, Cookie';

/** A parameter object as one stable string (keys sorted, absent values dropped). */
export function queryKey(query: Record<string, unknown>): string {
  return Object.keys(query)
    .filter((k) => query[k] !== undefined)
    .sort()
    .map((k) => `${k}=${JSON.stringify(query[k])}`)
    .join('&');
}

/** Sends `answer` to `c`'s request: 304 when the client holds it, else its best encoding. */
export function sendAnswer(c: Context, answer: EncodedAnswer): Response {
  const encoding: Encoding | null = pickEncoding(
    c.req.header('accept-encoding'),
    Object.keys(answer.encoded) as Encoding[],
  );
  c.header('ETag', representationTag(answer.entity, encoding));
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('Vary', VARY);
  if (notModified(c.req.header('if-none-match'), answer.entity)) return c.body(null, 304);
  const body = encoding ? answer.encoded[encoding]! : identityOf(answer);
  if (encoding) c.header('Content-Encoding', encoding);
  c.header('Content-Type', 'application/json');
  c.header('Content-Length', String(body.length));
  return c.body(body as Uint8Array<ArrayBuffer>, 200);
}

/**
 * The cached answer of `spec`, typed as the route's JSON answer (the typed client reads it so; a 304
 * reaches a browser's fetch as the 200 it holds).
 */
export async function cachedJson<T>(
  c: Context,
  { db, answers }: Pick<Deps, 'db'> & { answers: AnswerCache },
  spec: CachedAnswerSpec<T>,
): Promise<Response & TypedResponse<JSONParsed<T>, 200, 'json'>> {
  const version = db.versions.key(spec.tables);
  const answer = await answers.get(spec.key, version, spec.build, { maxAgeMs: spec.maxAgeMs });
  return sendAnswer(c, answer) as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}

// The one error shape of the API: { error: { code, message } } with the right HTTP status.

import { z } from '@hono/zod-openapi';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AccountError } from '../auth/accounts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'bad_request' }),
      message: z.string().openapi({ example: 'bbox: expected minLon,minLat,maxLon,maxLat' }),
      fields: z
        .array(z.object({ field: z.string(), message: z.string(), line: z.number().optional() }))
        .optional()
        .openapi({ description: 'The fields at fault (and, for a CSV import, their lines)' }),
    }),
  })
  .openapi('Error');

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** The fields at fault, for a 400. */
    readonly fields?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** Shapes zod validation failures for every route (OpenAPIHono's defaultHook). */
export function validationHook(
  result:
    | { success: true }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  c: Context,
) {
  if (result.success) return;
  const fields = result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const message = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ');
  return c.json({ error: { code: 'bad_request', message, fields } }, 400);
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof AccountError)
    return c.json({ error: { code: err.code, message: err.message, fields: err.fields } }, err.status);
  if (err instanceof ApiError)
    return err.fields
      ? c.json({ error: { code: err.code, message: err.message, fields: err.fields } }, err.status)
      : errorJson(c, err.status, err.code, err.message);
  if (err instanceof HTTPException)
    return errorJson(c, err.status as ContentfulStatusCode, 'http_error', err.message || 'Request failed');
  // Unexpected: log it here (with the request's id), tell the client nothing about internals.
  const log = c.get('log') as { error(o: object, m: string): void } | undefined;
  if (log)
    log.error(
      { reqId: c.get('requestId'), err: { message: err.message, stack: err.stack } },
      `${c.req.method} ${c.req.path} failed`,
    );
  else console.error(`[error] ${c.req.method} ${c.req.path}:`, err);
  return errorJson(c, 500, 'internal', 'Internal error; it has been logged.');
};

export const notFound: NotFoundHandler = (c) =>
  errorJson(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`);

/** The error responses every route may give, for the OpenAPI document. */
/** An error answer in a route's `responses`: the shared JSON error body with its description. */
export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

export const errorResponses = {
  400: { description: 'Invalid parameters', content: { 'application/json': { schema: ErrorSchema } } },
  500: { description: 'Internal error', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const notFoundResponse = {
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

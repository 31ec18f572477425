// Request hygiene for the whole API: security headers, a body-size limit, same-origin writes and
// strict JSON bodies (valid UTF-8, valid JSON, declared as JSON).

import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { errorJson } from './errors';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * CSP for the app and the API: everything from this origin, no inline scripts. Cesium needs blob:
 * workers and WebAssembly, and its bundled knockout (widgets) builds functions from binding strings
 * when the module loads, hence 'unsafe-eval'.
 */
const secure = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    workerSrc: ["'self'", 'blob:'],
    imgSrc: ["'self'", 'data:', 'blob:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: 'same-origin',
});

const nothing = async () => {};

/**
 * The security headers, on every answer but an API answer's 304. A 304 only refreshes the headers of
 * the answer the browser holds, which has them all (RFC 9110 §15.4.5 asks a 304 for little beyond
 * ETag, Vary, Cache-Control and Date); without them a wall of screens revalidating its layers gets
 * 275 bytes a 304 instead of 979. A page's 304 keeps them: a release may change the policy of an
 * unchanged index.html.
 */
export const headers: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 304 && c.req.path.startsWith('/api/')) return;
  await secure(c, nothing);
};

/**
 * The one route whose body is raw bytes, an image (the route checks it by its magic bytes), with its
 * own size limit (PHOTO_MAX_BYTES) instead of the JSON one.
 */
const RAW_ROUTES = new Set(['POST /api/photos']);
const isRaw = (c: Context) => RAW_ROUTES.has(`${c.req.method} ${c.req.path}`);

const jsonBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => errorJson(c, 413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`),
});

/** Node's request, when the server is @hono/node-server. */
const incomingOf = (c: Context) => (c.env as Partial<HttpBindings> | undefined)?.incoming;

/**
 * The JSON body limit. A request to Node's server with neither Content-Length nor Transfer-Encoding
 * has no body (HTTP/1.1), and a Content-Length is checked as it stands (Node's parser holds the body to it):
 * neither touches `c.req.raw.body`, which makes @hono/node-server build a whole fetch Request (its
 * body stream and abort signal) for every request, GETs included. Only a chunked body is counted
 * while it streams in.
 */
export const limitBody: MiddlewareHandler = async (c, next) => {
  if (isRaw(c)) return next();
  // Not from Node's HTTP server (`app.request`, the exports' in-process calls): a fetch Request may
  // carry a body without either header, so it is counted.
  if (!incomingOf(c) || c.req.header('transfer-encoding') !== undefined) return jsonBodyLimit(c, next);
  const length = c.req.header('content-length');
  if (length !== undefined && Number(length) > MAX_BODY_BYTES)
    return errorJson(c, 413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  return next();
};

/** The photo upload's limit: a body past `maxBytes` is refused while it streams in, before it is held whole. */
export function limitPhotoBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => errorJson(c, 413, 'photo_too_large', `A photo may be at most ${maxBytes} bytes.`),
  });
  return (c, next) => (isRaw(c) ? limit(c, next) : next());
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses writes from other origins (no CORS is offered, so browsers cannot read cross-origin either). */
export const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  if (c.req.header('sec-fetch-site') === 'cross-site')
    return errorJson(c, 403, 'cross_origin', 'Cross-site requests may not change anything.');
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return errorJson(c, 403, 'cross_origin', 'Malformed Origin header.');
    }
    if (originHost !== host)
      return errorJson(c, 403, 'cross_origin', `Requests from ${origin} may not change anything here.`);
  } else if (origin === 'null') {
    return errorJson(c, 403, 'cross_origin', 'Requests from an opaque origin may not change anything here.');
  }
  return next();
};

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The one route that takes a body other than JSON: the user import, a CSV file (text/csv, UTF-8). It
 * still must be valid UTF-8; the route parses and validates the CSV itself.
 */
const CSV_ROUTES = new Set(['POST /api/users/import']);
const CSV_TYPE = /^text\/csv\s*(;\s*charset=utf-8\s*)?$/i;

/**
 * A body, where there is one, must be declared JSON, be valid UTF-8 and parse as a JSON object; on
 * the CSV routes, a body declared text/csv need only be valid UTF-8.
 */
export const strictJson: MiddlewareHandler = async (c, next) => {
  if (SAFE.has(c.req.method) || isRaw(c)) return next(); // the photo route checks its bytes itself
  const raw = await bodyBytes(c);
  if (raw.byteLength === 0) return next();
  const type = c.req.header('content-type') ?? '';
  if (CSV_ROUTES.has(`${c.req.method} ${c.req.path}`) && CSV_TYPE.test(type)) {
    try {
      decoder.decode(raw);
    } catch {
      return errorJson(c, 400, 'bad_encoding', 'The body is not valid UTF-8.');
    }
    return next(); // the route parses and validates the CSV, and refuses any other type (415)
  }
  if (!/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) {
    return errorJson(c, 415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return errorJson(c, 400, 'bad_encoding', 'The body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return errorJson(c, 400, 'bad_json', 'The body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return errorJson(c, 400, 'bad_json', 'The body must be a JSON object.');
  }
  // The routes' validators read it from HonoRequest's body cache. Its json() reads the cached text
  // (Hono 4.13): without it, json() made a whole fetch Response of the bytes (a web stream and
  // its buffers) to decode them again, a few percent of the server's time under case actions.
  c.req.bodyCache.text = Promise.resolve(text) as unknown as string;
  c.req.bodyCache.json = Promise.resolve(value);
  return next();
};

/**
 * The body's bytes, read from Node's request stream when the server is @hono/node-server (and kept
 * in HonoRequest's body cache for whoever reads it next), so no fetch Request is built for it; from
 * the fetch Request otherwise (`app.request` in tests, the exports' in-process calls).
 */
async function bodyBytes(c: Context): Promise<ArrayBuffer> {
  const incoming = incomingOf(c);
  if (!incoming || incoming.readableEnded || c.req.bodyCache.arrayBuffer) return c.req.arrayBuffer();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  const bytes = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  // HonoRequest keeps the promise of each body it read, whatever its type says.
  c.req.bodyCache.arrayBuffer = Promise.resolve(bytes) as unknown as ArrayBuffer;
  return bytes;
}

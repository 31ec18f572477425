// The built client (dist/client), served with caching that fits each kind of file. Vite's hashed
// files under /assets/ never change under their name: a year, immutable. Everything else — index.html
// for every page (/screen, /admin, ...) and Cesium's own files under /cesium/ — revalidates each time
// with an ETag (size and modification time, as the tiles do) and gets a 304 when unchanged. The files
// and their brotli/gzip copies written at build time (scripts/clientBuild/precompress.ts) are sent by
// @hono/node-server's serveStatic, which picks the copy by Accept-Encoding.
import { type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { notModified, representationTag } from './conditional';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Vite's content-hashed output: a changed file gets a new name. */
const isHashed = (path: string) => path.startsWith('/assets/');

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The request's file below `root`, or null when the path is not a plain one (serveStatic refuses those too). */
function requestedFile(root: string, requestPath: string): { url: string; file: string } | null {
  let path: string;
  try {
    path = decodeURI(requestPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || /(?:^|[/\\])\.{1,2}(?:$|[/\\])|[/\\]{2,}|\\/.test(path)) return null;
  const file = join(root, path);
  const stat = statOf(file);
  if (stat?.isDirectory()) return { url: `${path.replace(/\/$/, '')}/index.html`, file: join(file, 'index.html') };
  return { url: path, file };
}

/** Cache headers, ETag and 304 around serveStatic, for the file `page` (index.html) or the one the path names. */
function cached(root: string, page?: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const target = page ? { url: `/${page}`, file: join(root, page) } : requestedFile(root, c.req.path);
    const stat = target && statOf(target.file);
    if (!target || !stat?.isFile()) return next();
    const entity = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
    const cacheControl = isHashed(target.url) ? IMMUTABLE : REVALIDATE;
    if (notModified(c.req.header('if-none-match'), entity)) {
      c.header('ETag', representationTag(entity, null));
      c.header('Cache-Control', cacheControl);
      return c.body(null, 304);
    }
    await next();
    if (c.res.status !== 200) return;
    const encoding = c.res.headers.get('content-encoding');
    c.res.headers.set(
      'ETag',
      representationTag(entity, encoding === 'br' ? 'br' : encoding === 'gzip' ? 'gzip' : null),
    );
    c.res.headers.set('Cache-Control', cacheControl);
    if (!/accept-encoding/i.test(c.res.headers.get('vary') ?? '')) c.res.headers.append('Vary', 'Accept-Encoding');
  };
}

/** The client's files, then index.html for every other path (the pages are routed in the browser). */
export function clientFiles(root: string): { files: MiddlewareHandler; pages: MiddlewareHandler } {
  return {
    files: every(cached(root), serveStatic({ root, precompressed: true })),
    pages: every(cached(root, 'index.html'), serveStatic({ root, path: 'index.html', precompressed: true })),
  };
}

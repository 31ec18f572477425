// The city model's 3D Tiles (tileset.json and GLB content) from the tiles folder, under /api/tiles/*.
// A file tree, not an API resource: it is not in the OpenAPI document, and the guard lists it as
// `GET /tiles/*`. Only names the builder writes are served (letters, digits, '-', '_', one '.json' or
// '.glb' extension, '/' between folders), so no request can name a file outside the folder. A tile's
// precompressed copy (brotli or gzip, written in the background after start: server/ops/tileCompression.ts)
// goes out when the client takes it; without one, the app's compress middleware gzips on the fly.

import { createReadStream, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { notModified, pickEncoding, representationTag } from '../http/conditional';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorJson } from '../http/errors';
import { COPY_SUFFIX, freshCopies } from '../http/precompressed';

const SAFE_PATH = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+\.(json|glb)$/;
const CONTENT_TYPES: Record<string, string> = { json: 'application/json', glb: 'model/gltf-binary' };

/** The path below /tiles/ if it is one the builder could have written, else null. */
export function safeTilePath(raw: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return SAFE_PATH.test(path) ? path : null;
}

export function tileRoutes({ tilesDir }: Deps) {
  return new Hono<AppEnv>().get('/tiles/*', (c) => {
    const raw = c.req.path.replace(/^.*?\/tiles\//, '');
    const path = safeTilePath(raw);
    if (!path) return errorJson(c, 404, 'not_found', 'No such tile');
    if (!tilesDir) return errorJson(c, 404, 'not_found', 'This server has no 3D Tiles (run npm run build:tiles)');
    const file = join(tilesDir, path);
    let stat: Stats;
    try {
      stat = statSync(file);
    } catch {
      return errorJson(c, 404, 'not_found', `No tile ${path}`);
    }
    if (!stat.isFile()) return errorJson(c, 404, 'not_found', `No tile ${path}`);
    const entity = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
    // Tiles change only when the dataset is rebuilt; revalidate cheaply with the ETag.
    c.header('Cache-Control', 'private, no-cache');
    // The compress middleware weakens it (W/"...") when it gzips; either form matches.
    c.header('ETag', representationTag(entity, null));
    if (notModified(c.req.header('if-none-match'), entity)) return c.body(null, 304);
    c.header('Content-Type', CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)]!);
    c.header('Vary', 'Accept-Encoding');
    const encoding = pickEncoding(c.req.header('accept-encoding'), freshCopies(file, stat));
    if (encoding) {
      c.header('Content-Encoding', encoding);
      c.header('ETag', representationTag(entity, encoding));
    }
    const body = encoding ? file + COPY_SUFFIX[encoding] : file;
    return c.body(Readable.toWeb(createReadStream(body)) as ReadableStream, 200);
  });
}

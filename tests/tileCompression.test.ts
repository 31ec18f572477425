// The 3D Tiles' precompressed copies: the background job writes a brotli and a gzip copy of every
// tile, the route sends the one the client takes (same bytes once decoded, a distinct strong ETag per
// encoding, 304 in any), and a tile changed after its copies were written is never sent stale.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { startTileCompression } from '../server/ops/tileCompression';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { signInEveryRole } from './helpers/session';

let db: Db;
let app: ReturnType<typeof createApp>;
let cookie: string;
let tilesDir: string;
const logged: string[] = [];
const log = { info: (_: object, msg: string) => logged.push(msg), warn: (_: object, msg: string) => logged.push(msg) };

beforeAll(async () => {
  const dir = inject('smallDataDir');
  tilesDir = join(mkdtempSync(join(tmpdir(), 'wendu-tiles-')), 'tiles');
  cpSync(join(dir, 'tiles'), tilesDir, { recursive: true });
  // A few tiles are enough (the whole small city takes a minute of brotli on two cores).
  const keep = new Set([firstContent(), 'tileset.json']);
  for (const e of readdirSync(tilesDir, { withFileTypes: true, recursive: true })) {
    const path = relative(tilesDir, join(e.parentPath, e.name));
    if (e.isFile() && !keep.has(path)) rmSync(join(tilesDir, path));
  }
  db = await openCopy(dir);
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now(), tilesDir });
  cookie = (await signInEveryRole(app, db)).cookies.get('screen')!;
}, 60_000);
afterAll(() => {
  db.close();
  rmSync(join(tilesDir, '..'), { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { cookie, ...headers } });

/** The first GLB the tileset names. */
function firstContent(): string {
  const walk = (t: { content?: { uri: string }; children?: unknown[] }): string | undefined =>
    t.content?.uri ?? (t.children as (typeof t)[] | undefined)?.map(walk).find(Boolean);
  return walk(JSON.parse(readFileSync(join(tilesDir, 'tileset.json'), 'utf8')).root)!;
}

describe('precompressed 3D Tiles', () => {
  it('writes brotli and gzip copies of every tile once, and the route sends the one the client takes', async () => {
    const job = startTileCompression(tilesDir, log);
    const result = await job.done;
    expect(result!.files).toBe(2); // tileset.json and one GLB
    expect(result!.brotliBytes).toBeLessThan(result!.bytes);
    // A second run finds every copy fresh and does nothing.
    expect(await startTileCompression(tilesDir, log).done).toBeNull();

    const uri = firstContent();
    const raw = readFileSync(join(tilesDir, uri));
    const br = await get(`/api/tiles/${uri}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).equals(raw)).toBe(true);
    // Smaller than gzip on the fly would be.
    const gz = await get(`/api/tiles/${uri}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(gunzipSync(gzBytes).equals(raw)).toBe(true);
    expect(brBytes.length).toBeLessThan(gzBytes.length);
    // One entity, an ETag per encoding, 304 for either.
    expect(br.headers.get('etag')).not.toBe(gz.headers.get('etag'));
    expect((await get(`/api/tiles/${uri}`, { 'if-none-match': br.headers.get('etag')! })).status).toBe(304);
    expect((await get(`/api/tiles/${uri}`, { 'if-none-match': gz.headers.get('etag')! })).status).toBe(304);
    // Identity for a client that takes neither.
    const plain = await get(`/api/tiles/${uri}`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
  }, 120_000);

  it('never sends a copy older than its tile', async () => {
    const uri = firstContent();
    const file = join(tilesDir, uri);
    const changed = Buffer.concat([readFileSync(file), Buffer.alloc(4)]); // a rebuilt tile, as far as the route knows
    writeFileSync(file, changed);
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const res = await get(`/api/tiles/${uri}`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).not.toBe('br');
    expect(Buffer.from(await res.arrayBuffer()).equals(changed)).toBe(true);
  });
});

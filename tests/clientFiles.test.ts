// The built client as the server sends it (issue 17): hashed files precompressed at build time, picked by
// Accept-Encoding, cached for a year as immutable; the pages (index.html) and Cesium's own files
// revalidated with an ETag and answered 304 when unchanged.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { IMMUTABLE, REVALIDATE } from '../server/http/clientFiles';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';

const CLIENT = join(process.cwd(), 'dist/client');
let db: Db;
let app: ReturnType<typeof createApp>;
let cesiumChunk: string;

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() }, { clientDir: CLIENT });
  cesiumChunk = readdirSync(join(CLIENT, 'assets')).find((f) => /^cesium-.*\.js$/.test(f))!;
});
afterAll(() => db.close());

describe('the built client', () => {
  it('has a brotli and a gzip copy beside each big file, written at build time', () => {
    const files = readdirSync(join(CLIENT, 'assets'));
    for (const f of files.filter((f) => /\.(js|css)$/.test(f))) {
      const raw = readFileSync(join(CLIENT, 'assets', f));
      if (raw.length < 1024) continue;
      expect(brotliDecompressSync(readFileSync(join(CLIENT, 'assets', `${f}.br`))).equals(raw), f).toBe(true);
      expect(gunzipSync(readFileSync(join(CLIENT, 'assets', `${f}.gz`))).equals(raw), f).toBe(true);
    }
  });

  it.each([
    { accept: 'gzip, deflate, br, zstd', encoding: 'br' },
    { accept: 'gzip', encoding: 'gzip' },
    { accept: '', encoding: null },
  ])('sends a hashed file as $encoding for "$accept", immutable for a year', async ({ accept, encoding }) => {
    const raw = readFileSync(join(CLIENT, 'assets', cesiumChunk));
    const res = await app.request(`/assets/${cesiumChunk}`, { headers: accept ? { 'accept-encoding': accept } : {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    const body = Buffer.from(await res.arrayBuffer());
    const decoded = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
    expect(decoded.equals(raw)).toBe(true);
    if (encoding === 'br') expect(body.length).toBeLessThan(raw.length * 0.3);
    const again = await app.request(`/assets/${cesiumChunk}`, {
      headers: { 'accept-encoding': accept, 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it.each(['/', '/screen', '/admin?x=1'])('sends the page %s as index.html, revalidated each time', async (path) => {
    const res = await app.request(path, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe(REVALIDATE);
    const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
    expect(html).toBe(readFileSync(join(CLIENT, 'index.html'), 'utf8'));
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+-br"$/);
    const again = await app.request(path, { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe(REVALIDATE);
    // A page's 304 keeps the security headers: a release may change the policy of an unchanged page.
    expect(again.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it("revalidates Cesium's own files (their names carry no hash)", async () => {
    const worker = readdirSync(join(CLIENT, 'cesium/Workers')).find((f) => f.endsWith('.js'))!;
    const res = await app.request(`/cesium/Workers/${worker}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(REVALIDATE);
    await res.arrayBuffer();
    const again = await app.request(`/cesium/Workers/${worker}`, {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('never sends a file from outside the client folder', async () => {
    for (const path of ['/assets/..%2F..%2Fpackage.json', '/%2e%2e/package.json']) {
      const res = await app.request(path);
      expect(await res.text()).not.toContain('"name": "wendu-twin"');
    }
  });
});

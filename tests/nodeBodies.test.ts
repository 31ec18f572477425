// Request bodies as Node's HTTP server hands them over (hardening.ts reads them from the request
// stream, not through a fetch Request): a body reaches the route's validator whether it comes with a
// Content-Length or chunked, one past the limit is refused by its length or while it streams in, a
// malformed one gets its 400, and a request without a body passes untouched.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { MAX_BODY_BYTES } from '../server/http/hardening';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';

let db: Db;
let server: ServerType;
let port: number;

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  const app = createApp({ db, now: () => new Date().toISOString(), startedAt: Date.now() });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  db.close();
});

/** One request over a real socket; `chunks` are sent chunked (no Content-Length) when `chunked`. */
function send(
  method: string,
  path: string,
  body?: { chunks: string[]; chunked: boolean },
): Promise<{ status: number; json: { error?: { code: string } } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (body && !body.chunked) headers['content-length'] = String(Buffer.byteLength(body.chunks.join('')));
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(parts).toString()) }));
    });
    req.on('error', reject);
    for (const chunk of body?.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const credentials = JSON.stringify({ username: 'nobody-here', password: 'not-this-one' });

describe('JSON bodies through Node’s HTTP server', () => {
  it('reach the validator with a Content-Length and chunked alike (a wrong password is a 401, not a 400)', async () => {
    for (const chunked of [false, true]) {
      const res = await send('POST', '/api/auth/login', {
        chunks: [credentials.slice(0, 9), credentials.slice(9)],
        chunked,
      });
      expect(res.status).toBe(401);
    }
  });

  it('refuse a body past the limit by its Content-Length, and a chunked one as it streams in', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(MAX_BODY_BYTES) });
    for (const chunked of [false, true]) {
      const res = await send('POST', '/api/auth/login', { chunks: [big], chunked });
      expect(res.status).toBe(413);
      expect(res.json.error?.code).toBe('payload_too_large');
    }
  });

  it('refuse malformed JSON and a JSON array, and let a request without a body through', async () => {
    expect((await send('POST', '/api/auth/login', { chunks: ['{"username":'], chunked: false })).json.error?.code).toBe(
      'bad_json',
    );
    expect((await send('POST', '/api/auth/login', { chunks: ['[1,2]'], chunked: true })).json.error?.code).toBe(
      'bad_json',
    );
    const health = await send('GET', '/api/health');
    expect(health.status).toBe(200);
  });
});

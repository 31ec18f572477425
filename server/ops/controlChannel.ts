// The local control channel: HTTP over a Unix socket beside the data (mode 0600, so only the service's
// own user can use it). `npm run backup` asks the running server through it, because only the server
// may touch its DuckDB file while it runs. It is not on the network and not part of the public API.
import { chmodSync, existsSync, lstatSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { SnapshotManifest } from '../store/snapshot';
import type { Backups } from './backups';

const MAX_BODY = 4096;

export interface ControlChannel {
  close(): Promise<void>;
}

export async function startControlChannel(socketPath: string, backups: Backups): Promise<ControlChannel> {
  // A socket left by a killed server: nothing answers on it (the DuckDB lock already proved no
  // other server runs on this data), so it goes.
  if (existsSync(socketPath) && lstatSync(socketPath).isSocket()) rmSync(socketPath);
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/backup')
      return answer(404, { error: { code: 'not_found', message: `No control command ${req.method} ${req.url}` } });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => {
      let to: unknown;
      try {
        to = (JSON.parse(body) as { to?: unknown }).to;
      } catch {
        return answer(400, { error: { code: 'bad_request', message: 'expected JSON {"to": "<folder>"}' } });
      }
      if (typeof to !== 'string' || to === '')
        return answer(400, { error: { code: 'bad_request', message: 'to: expected a folder path' } });
      backups.take(resolve(to)).then(
        (manifest) => answer(200, manifest),
        (err: Error) => answer(409, { error: { code: 'backup_failed', message: err.message } }),
      );
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(socketPath, () => done());
  });
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/**
 * Asks the server listening on `socketPath` for a backup into `to`. Resolves null when no server
 * answers there (none runs, or it was killed and left its socket).
 */
export function requestBackup(socketPath: string, to: string): Promise<SnapshotManifest | null> {
  return new Promise((done, fail) => {
    if (!existsSync(socketPath)) return done(null);
    const body = JSON.stringify({ to: resolve(to) });
    const req = request(
      {
        socketPath,
        method: 'POST',
        path: '/backup',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          const parsed = JSON.parse(text) as SnapshotManifest & { error?: { message: string } };
          if (res.statusCode === 200) done(parsed);
          else fail(new Error(parsed.error?.message ?? `the server answered ${res.statusCode}`));
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? done(null) : fail(err),
    );
    req.end(body);
  });
}

// Plain HTTP as a browser sends it (node:http): its own keep-alive agent per simulated browser, bound to
// an address of its own, brotli or gzip accepted, the body counted as it came over the wire (fetch
// would decompress it).
import { Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface Answer {
  status: number;
  cookie: string | null;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function call(
  origin: string,
  agent: Agent,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  json?: unknown,
  retried = false,
): Promise<Answer> {
  const data = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      {
        method,
        agent,
        headers: {
          'accept-encoding': 'br, gzip',
          ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed (its keep-alive timeout) just as it was reused: sent
      // again once on a new one, as a browser does (Node's documented pattern, `reusedSocket`).
      if (!retried && req.reusedSocket && err.code === 'ECONNRESET')
        call(origin, agent, method, path, headers, json, true).then(resolve, reject);
      else reject(err);
    });
    req.end(data);
  });
}

/** A browser's connections: six at most, kept alive (false: one per request, for the benchmark's own probes). */
export const browserAgent = (address: string, keepAlive = true) =>
  new Agent({ keepAlive, maxSockets: 6, localAddress: address });

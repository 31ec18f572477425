// Limits every listening port shares (HTTP and the embedded MQTT broker): open connections per
// client address are capped, so one host cannot hold all the server's sockets, and a connection that
// never says anything is closed. On the HTTP port a connection must send a complete request head
// within `headDeadlineMs` of opening (slow or silent clients included); Node's keep-alive timeout then
// closes it when it idles between requests. On the MQTT port aedes closes a client that sends no
// CONNECT within its connectTimeout (server/ingest/broker.ts).
import type { Server as HttpServer } from 'node:http';
import type { Server, Socket } from 'node:net';

export interface HttpLimits {
  /** A new connection must send a complete request head within this time (also Node's headersTimeout). */
  headDeadlineMs: number;
  /** Open connections one address may hold; more are closed at once. */
  maxPerAddress: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveMs: number;
  /** A whole request (head and body) must arrive within this time. */
  requestTimeoutMs: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headDeadlineMs: 10_000,
  // A video wall of 20 screens behind one NAT opens about 6 each; 256 leaves room for a floor of staff.
  maxPerAddress: 256,
  keepAliveMs: 5_000,
  requestTimeoutMs: 30_000,
};

/** Devices behind one gateway share its address: the MQTT port allows more per address. */
export const MQTT_MAX_PER_ADDRESS = 1024;

/** Closes connections beyond `max` from one remote address. */
export function capPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Applies `limits` to an HTTP server: the per-address cap, the first head's deadline and Node's timeouts. */
export function limitHttpConnections(server: HttpServer, limits: HttpLimits = HTTP_LIMITS): void {
  server.headersTimeout = limits.headDeadlineMs;
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headDeadlineMs);
  server.keepAliveTimeout = limits.keepAliveMs;
  capPerAddress(server, limits.maxPerAddress);
  // Node's headersTimeout counts from a request's first byte: a connection that sends nothing at all
  // is not a request yet, so it gets its own deadline, cleared by its first complete head.
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    if (socket.destroyed) return;
    const timer = setTimeout(() => socket.destroy(), limits.headDeadlineMs);
    timer.unref();
    waiting.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (req) => {
    const timer = waiting.get(req.socket);
    if (timer) {
      clearTimeout(timer);
      waiting.delete(req.socket);
    }
  });
}

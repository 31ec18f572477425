// One load run with autocannon: `connections` clients, each with one request in flight, for
// `durationS` seconds against one URL, as a browser asks (brotli or gzip accepted).
import autocannon from 'autocannon';

export interface LoadResult {
  reqPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx/3xx, and socket errors/timeouts. */
  non2xx: number;
  errors: number;
  /** Body bytes received per second (as sent: compressed when the server compressed). */
  bytesPerS: number;
  /** Answers per HTTP status. */
  statuses: Record<string, number>;
}

export async function load(
  url: string,
  opts: {
    connections: number;
    durationS: number;
    headers?: Record<string, string>;
    /** Requests a second in all (a steady client, not as fast as it can); absent: as fast as it can. */
    rate?: number;
  },
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.durationS,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    headers: { 'accept-encoding': 'br, gzip', ...opts.headers },
    timeout: 30,
  });
  return {
    reqPerS: Math.round(r.requests.average * 10) / 10,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    bytesPerS: Math.round(r.throughput.average),
    statuses: Object.fromEntries(
      Object.entries((r as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(
        ([code, { count }]) => [code, count],
      ),
    ),
  };
}

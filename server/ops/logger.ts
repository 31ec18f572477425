// The server's log: one JSON object per line on stdout (pino), for journald or any log shipper. No
// line carries a password, token, identity number or phone: the code never logs bodies, cookies or
// query strings, and these keys are censored should one ever be passed in.
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'password',
  'newPassword',
  'oneTimePassword',
  'token',
  'cookie',
  'authorization',
  'idNumber',
  'phone',
];

/**
 * Standard output, written in blocks: at a few thousand requests a second a write per access line
 * cost the event loop about 10 µs a line and held one of libuv's threads (DuckDB's too) for each. A
 * block goes out when it reaches 4 KB or within 200 ms, whichever is first, so a quiet server's lines
 * still appear at once to whoever tails the log; pino writes what is left when the process exits
 * (a `kill -9` loses at most one block).
 */
const stdoutInBlocks = () => pino.destination({ dest: 1, minLength: 4096, periodicFlush: 200 });

export function createLogger(level: string, destination: DestinationStream = stdoutInBlocks()): Logger {
  return pino(
    {
      level,
      base: { service: 'wendu-twin', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`]), censor: '[redacted]' },
    },
    destination,
  );
}

/** A `(message) => void` for the parts that take a plain logging function (ingest, simulator). */
export const lineLogger =
  (log: Logger, level: 'info' | 'warn' | 'error' = 'info') =>
  (message: string) =>
    log[level](message);

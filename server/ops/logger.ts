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

export function createLogger(level: string, destination?: DestinationStream): Logger {
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

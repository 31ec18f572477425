// Expired sessions (过期会话) are deleted, not only refused: once when the server starts, then every
// hour, so the sessions table holds live sessions and not every sign-in since the store was made. The
// timer does not keep the process alive, and stopping waits for a sweep in flight (the store closes next).
import type { Db } from '../store/db';
import { deleteExpiredSessions } from '../store/sessions';

export const SESSION_SWEEP_MS = 3_600_000;

export interface SessionSweeperOptions {
  /** Between sweeps (default hourly). */
  everyMs?: number;
  now?: () => Date;
  log?: (msg: string) => void;
}

export interface SessionSweeper {
  /** Deletes the sessions expired by now; returns how many. */
  sweep(): Promise<number>;
  /** Stops the timer; resolves when no sweep is running. */
  stop(): Promise<void>;
}

/** Sweeps once (resolving after it) and then every `everyMs`. */
export async function startSessionSweeper(db: Db, options: SessionSweeperOptions = {}): Promise<SessionSweeper> {
  const { everyMs = SESSION_SWEEP_MS, now = () => new Date(), log = (msg: string) => console.error(msg) } = options;
  let running: Promise<number> | null = null;
  const sweep = () => {
    running ??= deleteExpiredSessions(db, now().toISOString()).finally(() => {
      running = null;
    });
    return running;
  };
  await sweep();
  const timer = setInterval(() => {
    sweep().catch((err: Error) => log(`session sweep: ${err.message}`));
  }, everyMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

// The deadline checker (超时检查): on a clock, every case whose next deadline has come is given the
// deductions its clocks have earned (domain/workflow/deadlines.ts: once per missed limit, to its
// holder, with the reason). Each case is one transaction and a deduction is unique in SQL, so a check
// cut short by a restart or a kill -9 is simply done again: nothing is lost, nothing doubled. The
// first check runs at start (not awaited); the timer does not keep the process alive.
import { casesDue, deductCases } from '../store/cases';
import type { Db } from '../store/db';

export const DEADLINE_CHECK_MS = 60_000;

export interface DeadlineCheckerOptions {
  everyMs?: number;
  /** Cases per query of the work list, and per transaction. */
  batch?: number;
  now?: () => string;
  log?: (msg: string) => void;
}

export interface DeadlineChecker {
  /** Checks every case due by now; resolves with the cases looked at and the deductions made. */
  check(): Promise<{ cases: number; deductions: number }>;
  /** Stops the timer; resolves when no check is running. */
  stop(): Promise<void>;
}

export function startDeadlineChecker(db: Db, options: DeadlineCheckerOptions = {}): DeadlineChecker {
  const {
    everyMs = DEADLINE_CHECK_MS,
    batch = 200,
    now = () => new Date().toISOString(),
    log = (msg: string) => console.error(msg),
  } = options;
  let running: Promise<{ cases: number; deductions: number }> | null = null;
  let stopped = false;

  async function run(): Promise<{ cases: number; deductions: number }> {
    const at = now();
    let cases = 0;
    let deductions = 0;
    // Each case leaves the work list as it is checked (its next look is after `at`), so this ends.
    for (;;) {
      if (stopped) break;
      const ids = await casesDue(db, at, batch);
      if (ids.length === 0) break;
      // One transaction per batch: a kill -9 loses at most the batch under way, which the next check redoes.
      deductions += await deductCases(db, ids, at);
      cases += ids.length;
      log(`deadline check: ${cases} cases, ${deductions} deductions so far`);
    }
    if (cases) log(`deadline check done: ${cases} cases, ${deductions} deductions`);
    return { cases, deductions };
  }

  const check = () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
  check().catch((err: Error) => log(`deadline check: ${err.message}`));
  const timer = setInterval(() => {
    check().catch((err: Error) => log(`deadline check: ${err.message}`));
  }, everyMs);
  timer.unref();
  return {
    check,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

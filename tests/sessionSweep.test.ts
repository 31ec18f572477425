// Expired sessions are deleted, not only refused (they once piled up: deleteExpiredSessions had no
// caller). On a real DuckDB store: the sweeper deletes the expired ones and keeps the live ones, at
// start and then on its timer, and stops; and the server runs it when it starts.
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSessionSweeper } from '../server/auth/sessionSweeper';
import { loadConfig } from '../server/config';
import { startServer } from '../server/main';
import { type Db, openDb } from '../server/store/db';
import { createSession } from '../server/store/sessions';
import { copyDb, openCopy } from './helpers/dataset';

const MINUTE = 60_000;

/** A session of the test's user that expires `inMs` after `at` (negative: already expired). */
function session(db: Db, tokenHash: string, at: Date, inMs: number) {
  return createSession(db, {
    tokenHash,
    userId: 'U-sweep',
    createdAt: new Date(at.getTime() - 60 * MINUTE).toISOString(),
    expiresAt: new Date(at.getTime() + inMs).toISOString(),
    ip: '127.0.0.1',
    userAgent: 'vitest',
  });
}

async function tokens(db: Db): Promise<string[]> {
  const rows = await db.all<{ token_hash: string }>(
    "SELECT token_hash FROM sessions WHERE user_id = 'U-sweep' ORDER BY token_hash",
  );
  return rows.map((r) => r.token_hash);
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the session sweeper', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openCopy(inject('smallDataDir'));
  });
  afterAll(() => db.close());

  it('deletes expired sessions at start and on its timer, keeps live ones, and stops', async () => {
    let clock = new Date('2026-03-01T08:00:00Z');
    await session(db, 'expired-an-hour-ago', clock, -60 * MINUTE);
    await session(db, 'expired-just-now', clock, 0);
    await session(db, 'live-for-a-minute', clock, MINUTE);
    await session(db, 'live-for-a-day', clock, 24 * 60 * MINUTE);

    const sweeper = await startSessionSweeper(db, { everyMs: 50, now: () => clock });
    // the first sweep has run when it starts
    expect(await tokens(db)).toEqual(['live-for-a-day', 'live-for-a-minute']);

    // two minutes later the next timed sweep takes the one that has run out since
    clock = new Date(clock.getTime() + 2 * MINUTE);
    await until(async () => (await tokens(db)).length === 1);
    expect(await tokens(db)).toEqual(['live-for-a-day']);

    await sweeper.stop();
    await session(db, 'expired-after-stop', clock, -MINUTE);
    await new Promise((r) => setTimeout(r, 250)); // five intervals
    expect(await tokens(db)).toEqual(['expired-after-stop', 'live-for-a-day']);
    expect(await sweeper.sweep()).toBe(1); // what a sweep would have taken
  });
});

describe('the server', () => {
  it('sweeps expired sessions when it starts', async () => {
    const dir = inject('smallDataDir');
    const dbPath = copyDb(dir);
    const now = new Date();
    const before = await openDb(dbPath);
    await session(before, 'expired', now, -MINUTE);
    await session(before, 'live', now, 60 * MINUTE);
    before.close();

    const running = await startServer({
      ...loadConfig(),
      port: 0,
      host: '127.0.0.1',
      ingest: false,
      dataDir: dirname(dbPath),
      dbPath,
      tilesDir: join(dir, 'tiles'),
      clientDir: join(process.cwd(), 'dist/client'),
    });
    try {
      expect(await tokens(running.db)).toEqual(['live']);
    } finally {
      await running.stop();
    }
  });
});

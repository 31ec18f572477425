// Upgrades: today's server started on a store written by an older release (tests/fixtures/README.md)
// backs the file up first, migrates it to the newest schema once, in one transaction, and the old
// accounts and audit chain still hold. A migration that fails leaves the file as it was.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config';
import { cellsOf } from '../server/domain/risk/cells';
import { startServer } from '../server/main';
import { createLogger } from '../server/ops/logger';
import { LATEST_SCHEMA_VERSION, openDb } from '../server/store/db';
import { MIGRATIONS } from '../server/store/migrations';
import { readManifest, verifySnapshot } from '../server/store/snapshot';

/** The schema version of the release that wrote the fixture. */
const FIXTURE_VERSION = 5;
const FIXTURE = 'tests/fixtures/schema-v5.duckdb.gz';
const ADMIN = JSON.parse(readFileSync('tests/fixtures/schema-v5.admin.json', 'utf8')) as {
  username: string;
  password: string;
};

function fixtureCopy(): { dataDir: string; dbPath: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'wendu-upgrade-'));
  const dbPath = join(dataDir, 'wendu.duckdb');
  writeFileSync(dbPath, gunzipSync(readFileSync(FIXTURE)));
  return { dataDir, dbPath };
}

async function versions(dbPath: string): Promise<number[]> {
  const db = await openDb(dbPath, { readOnly: true });
  try {
    return (await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
      (r) => r.version,
    );
  } finally {
    db.close();
  }
}

describe('upgrading an older store', () => {
  it(`backs up, then migrates v${FIXTURE_VERSION} → the newest once; accounts and audit chain survive`, async () => {
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThan(FIXTURE_VERSION);
    const { dataDir, dbPath } = fixtureCopy();
    expect(await versions(dbPath)).toEqual(
      MIGRATIONS.filter((m) => m.version <= FIXTURE_VERSION).map((m) => m.version),
    );
    const config = {
      ...loadConfig(),
      dataDir,
      dbPath,
      port: 0,
      host: '127.0.0.1',
      ingest: false,
      backupAt: 'off',
      backupDir: '',
      controlSocket: '',
    };
    const log = createLogger('silent');
    let running = await startServer(config, { log });
    const backups = readdirSync(join(dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`^pre-upgrade-v${FIXTURE_VERSION}-to-v${LATEST_SCHEMA_VERSION}-`));
    const backup = join(dataDir, 'backups', backups[0]!);
    // the backup is the old file, whole
    expect(readManifest(backup).schemaVersion).toBe(FIXTURE_VERSION);
    expect(await verifySnapshot(backup)).toEqual([]);

    // the administrator of the old release signs in, and the audit chain verifies across the versions
    const login = await fetch(`${running.url}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const verify: any = await (await fetch(`${running.url}api/audit/verify`, { headers: { cookie } })).json();
    expect(verify).toMatchObject({ ok: true, brokenAt: null });
    expect(verify.rows).toBeGreaterThan(3); // the fixture's three and this sign-in
    // migration 12's H3 cells, filled at start for the rows the old release wrote
    const sensor = await running.db.one<{ h3_r8: string; h3_r9: string; h3_r10: string }>(
      "SELECT h3_r8, h3_r9, h3_r10 FROM sensors WHERE id = 'RG-01'",
    );
    const cells = cellsOf(116.95, 31.05);
    expect(sensor).toEqual({ h3_r8: cells.r8, h3_r9: cells.r9, h3_r10: cells.r10 });
    await running.stop();
    expect(await versions(dbPath)).toEqual(MIGRATIONS.map((m) => m.version));

    // once: a second start finds nothing to do and takes no second backup
    running = await startServer(config, { log });
    await running.stop();
    expect(readdirSync(join(dataDir, 'backups'))).toEqual(backups);
    expect(await versions(dbPath)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('a migration that fails rolls every pending one back: the file stays at its version', async () => {
    const { dbPath } = fixtureCopy();
    const broken = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken on purpose',
      sql: 'SELECT * FROM no_such_table',
    };
    let backedUp = 0;
    await expect(
      openDb(dbPath, {
        migrations: [...MIGRATIONS, broken],
        beforeUpgrade: async () => {
          backedUp++;
        },
      }),
    ).rejects.toThrow(/migration \d+ \(broken on purpose\) failed/);
    expect(backedUp).toBe(1);
    expect(await versions(dbPath)).toEqual(
      MIGRATIONS.filter((m) => m.version <= FIXTURE_VERSION).map((m) => m.version),
    );
    // nothing of migration 6 either (it ran in the same transaction before the broken one)
    const db = await openDb(dbPath, { readOnly: true });
    try {
      const columns = await db.all<{ name: string }>(
        "SELECT column_name AS name FROM duckdb_columns() WHERE table_name = 'users'",
      );
      expect(columns.map((c) => c.name)).not.toContain('must_change_password');
    } finally {
      db.close();
    }
  });
});

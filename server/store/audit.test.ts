// The audit chain across migration 6 (the `detail` column): entries written before it still verify,
// and entries with a detail chain on from them.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditEntry, auditChainText, GENESIS_HASH } from '../domain/audit';
import { appendAudit, verifyAuditChain } from './audit';
import { openDb } from './db';
import { MIGRATIONS } from './migrations';

const dir = mkdtempSync(join(tmpdir(), 'wendu-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (at: string, action: AuditEntry['action']): AuditEntry => ({
  at,
  actorId: 'U001',
  actor: 'admin',
  role: 'admin',
  action,
  targetType: null,
  targetId: null,
  reason: null,
  ip: '127.0.0.1',
  userAgent: 'test',
  outcome: 'ok',
});

describe('migration 6: audit detail', () => {
  it('keeps the hashes of entries written before it, and chains new ones with a detail on', async () => {
    const path = join(dir, 'v5.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
    );
    for (const m of MIGRATIONS.filter((m) => m.version <= 5)) {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    // Two entries hashed as the code before migration 6 did (no detail in the text).
    let prev = GENESIS_HASH;
    for (const [seq, e] of [
      entry('2026-01-01T00:00:00.000Z', 'sign-in'),
      entry('2026-01-01T00:01:00.000Z', 'export'),
    ].entries()) {
      const hash = createHash('sha256')
        .update(auditChainText(prev, seq + 1, e))
        .digest('hex');
      await conn.run(
        `INSERT INTO audit_log VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          seq + 1,
          e.at,
          e.actorId,
          e.actor,
          e.role,
          e.action,
          null,
          null,
          null,
          e.ip,
          e.userAgent,
          e.outcome,
          prev,
          hash,
        ],
      );
      prev = hash;
    }
    conn.closeSync();
    instance.closeSync();

    const db = await openDb(path);
    try {
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 2, brokenAt: null });
      await appendAudit(db, {
        ...entry('2026-01-02T00:00:00.000Z', 'user-update'),
        targetType: 'user',
        targetId: 'U010',
        detail: JSON.stringify({ before: { role: 'community' }, after: { role: 'gridworker' } }),
      });
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3, brokenAt: null });
      // The detail is part of the hash: changing it breaks the chain.
      await db.write((c) => c.run(`UPDATE audit_log SET detail = '{}' WHERE seq = 3`));
      expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 3, brokenAt: 3 });
    } finally {
      db.close();
    }
  });
});

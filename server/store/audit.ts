// The append-only audit log. This module is the only code that touches the table, and it only
// inserts and reads: no route, role or function updates or deletes a row.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type AuditEntry, type AuditRecord, auditChainText, GENESIS_HASH } from '../domain/audit';

/** An entry's link in the chain: SHA-256 of the domain's canonical text, hex. */
function auditHash(prevHash: string, seq: number, e: AuditEntry): string {
  return createHash('sha256')
    .update(auditChainText(prevHash, seq, e))
    .digest('hex');
}

import type { Db } from './db';
import { Where } from './sql';

interface Row {
  seq: number;
  at: string;
  actor_id: string | null;
  actor: string;
  role: string | null;
  action: AuditEntry['action'];
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  outcome: AuditEntry['outcome'];
  detail: string | null;
  prev_hash: string;
  hash: string;
}

const toRecord = (r: Row): AuditRecord => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actor: r.actor,
  role: r.role,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  reason: r.reason,
  ip: r.ip,
  userAgent: r.user_agent,
  outcome: r.outcome,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Appends an entry, chained to the last one. Runs on the single writer, so the chain never forks. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<AuditRecord> {
  const record = await db.write((conn) => appendAuditOn(conn, entry));
  db.versions.bump('audit_log');
  return record;
}

/**
 * Appends an entry on the writer connection, inside the caller's transaction (so the entry and what it
 * records commit or roll back together). Only for code already running in `db.write`; the caller bumps
 * the `audit_log` version after its commit.
 */
export async function appendAuditOn(conn: DuckDBConnection, entry: AuditEntry): Promise<AuditRecord> {
  // Millisecond ISO form, the one a TIMESTAMP reads back as, so the hash can be recomputed.
  const e = { ...entry, at: new Date(entry.at).toISOString(), detail: entry.detail ?? null };
  const last = (await conn.runAndReadAll('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).getRowsJS()[0];
  const seq = last ? Number(last[0]) + 1 : 1;
  const prevHash = last ? String(last[1]) : GENESIS_HASH;
  const hash = auditHash(prevHash, seq, e);
  await conn.run(
    `INSERT INTO audit_log (seq, "at", actor_id, actor, role, action, target_type, target_id, reason, ip, user_agent, outcome, prev_hash, hash, detail)
       VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      seq,
      e.at,
      e.actorId,
      e.actor,
      e.role,
      e.action,
      e.targetType,
      e.targetId,
      e.reason,
      e.ip,
      e.userAgent,
      e.outcome,
      prevHash,
      hash,
      e.detail,
    ],
  );
  return { ...e, seq, prevHash, hash };
}

export interface AuditFilter {
  actor?: string;
  action?: AuditEntry['action'];
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function searchAudit(db: Db, f: AuditFilter): Promise<{ total: number; entries: AuditRecord[] }> {
  const w = new Where().eq('actor', f.actor).eq('action', f.action).eq('target_id', f.targetId);
  if (f.from) w.add('"at" >= ?::TIMESTAMP', f.from);
  if (f.to) w.add('"at" < ?::TIMESTAMP', f.to);
  const [count, rows] = await Promise.all([
    db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${w}`, w.params),
    db.all<Row>(
      `SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT $${w.params.length + 1} OFFSET $${w.params.length + 2}`,
      [...w.params, f.limit, f.offset],
    ),
  ]);
  return { total: count!.n, entries: rows.map(toRecord) };
}

/** Recomputes the chain; reports the first row whose hash or link does not hold. */
export async function verifyAuditChain(db: Db): Promise<{ ok: boolean; rows: number; brokenAt: number | null }> {
  const rows = (await db.all<Row>('SELECT * FROM audit_log ORDER BY seq')).map(toRecord);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    const at = new Date(r.at).toISOString();
    if (r.seq !== expectedSeq || r.prevHash !== prev || auditHash(prev, r.seq, { ...r, at }) !== r.hash) {
      return { ok: false, rows: rows.length, brokenAt: r.seq };
    }
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, rows: rows.length, brokenAt: null };
}

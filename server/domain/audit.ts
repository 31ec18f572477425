// The audit log's entries (审计日志) and the hash chain that makes tampering visible. The store hashes
// (SHA-256 of `auditChainText`), so this module stays free of Node and runs anywhere.

export type AuditAction = 'sign-in' | 'sign-in-failed' | 'sign-out' | 'unmask' | 'export' | 'read-audit';

export interface AuditEntry {
  at: string;
  actorId: string | null;
  actor: string; // username, or the attempted one for a failed sign-in
  role: string | null;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: 'ok' | 'denied';
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed for an entry chained to the one before it. Field order is fixed here, once. */
export function auditChainText(prevHash: string, seq: number, e: AuditEntry): string {
  const fields = [
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
  ];
  return prevHash + JSON.stringify(fields);
}

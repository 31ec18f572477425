// The audit log's entries (审计日志) and the hash chain that makes tampering visible. The store hashes
// (SHA-256 of `auditChainText`), so this module stays free of Node and runs anywhere.

/** What an audit entry records (审计动作); the audit route's filter offers the same list. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'unmask',
  'export',
  'read-audit',
  'user-create',
  'user-update',
  'user-disable',
  'user-enable',
  'password-reset',
  'password-change',
  'user-import',
  'totp-setup',
  'totp-enable',
  'totp-disable',
  'totp-reset',
  // case actions that turn a report away, take a case off the clock or call in a supervisor
  'case-reject',
  'case-merge',
  'case-shelve',
  'case-unshelve',
  'case-supervise',
  // the leader scheduling day: the centre sets a month's agenda, a leader instructs (批示)
  'leader-agenda',
  'leader-instruction',
  // resident credit points (信用积分): every step of a record, and every view of a resident's archive
  'credit-propose',
  'credit-confirm',
  'credit-reject',
  'credit-publish',
  'credit-appeal',
  'credit-decide',
  'credit-repair',
  'credit-withdraw',
  'credit-view',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
  /** Before and after of an account change, as JSON text (never a password or hash); null otherwise. */
  detail?: string | null;
}

export interface AuditRecord extends AuditEntry {
  detail: string | null;
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
  // Entries from before the detail column hash as they always did.
  if (e.detail != null) fields.push(e.detail);
  return prevHash + JSON.stringify(fields);
}

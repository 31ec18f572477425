// Rejected device messages (拒收消息), kept with their reason. They are appended by the ingest batch
// (telemetry.ts); this module reads them.
import type { RejectReason } from '../domain/telemetry';
import type { Db } from './db';

export interface RejectedMessage {
  receivedAt: string;
  topic: string;
  deviceId: string | null;
  reason: RejectReason;
  detail: string;
  sizeBytes: number;
  /** The first KiB of the payload, base64. */
  payloadBase64: string;
}

export async function listRejects(db: Db, limit = 100): Promise<RejectedMessage[]> {
  const rows = await db.all<{
    received_at: string;
    topic: string;
    device_id: string | null;
    reason: RejectReason;
    detail: string;
    size_bytes: number;
    p: string;
  }>(
    `SELECT received_at, topic, device_id, reason, detail, size_bytes, to_base64(payload) AS p FROM ingest_rejects
     ORDER BY received_at DESC LIMIT ${Math.max(1, Math.min(limit, 1000))}`,
  );
  return rows.map((r) => ({
    receivedAt: r.received_at,
    topic: r.topic,
    deviceId: r.device_id,
    reason: r.reason,
    detail: r.detail,
    sizeBytes: r.size_bytes,
    payloadBase64: r.p,
  }));
}

/** Stored rejects by reason. */
export async function countRejectsByReason(db: Db): Promise<Record<string, number>> {
  const rows = await db.all<{ reason: string; n: number }>(
    'SELECT reason, count(*) AS n FROM ingest_rejects GROUP BY reason',
  );
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

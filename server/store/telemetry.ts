// Telemetry (遥测数据): the ingest batch (readings, status reports and rejects appended in one
// transaction, the group commit), duplicate look-ups, per-minute rollups, the 24-hour series and
// retention.
import { type DuckDBAppender, type DuckDBConnection, DuckDBTimestampValue, listValue } from '@duckdb/node-api';
import type { NumericMetric, Reading, RejectReason, StatusReport } from '../domain/telemetry';
import { NUMERIC_METRICS } from '../domain/telemetry';
import type { Db } from './db';

/** A reading as stored: with the server's arrival time (epoch ms). */
export interface StoredReading extends Reading {
  receivedAt: number;
}
export interface StoredStatus extends StatusReport {
  receivedAt: number;
}
export interface RejectRecord {
  receivedAt: number;
  topic: string;
  deviceId: string | null;
  reason: RejectReason;
  detail: string;
  payload: Uint8Array;
}

/** The column of each numeric metric (migration 3). */
export const METRIC_COLUMNS: Record<NumericMetric, string> = {
  waterLevelM: 'water_level_m',
  coverTiltDeg: 'cover_tilt_deg',
  ch4Lel: 'ch4_lel',
  h2sPpm: 'h2s_ppm',
  rainfallMmH: 'rainfall_mm_h',
  riverLevelM: 'river_level_m',
  batteryPct: 'battery_pct',
  signalDbm: 'signal_dbm',
};
/** The order the appender fills telemetry's columns in: device, ts, received_at, the metrics, cover_open. */
const ORDERED = NUMERIC_METRICS;
const REJECT_PAYLOAD_BYTES = 1024;

const timestamp = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);

function appendReading(a: DuckDBAppender, r: StoredReading): void {
  a.appendVarchar(r.deviceId);
  a.appendTimestamp(timestamp(r.ts));
  a.appendTimestamp(timestamp(r.receivedAt));
  for (const m of ORDERED) {
    const v = r[m];
    if (v === undefined) a.appendNull();
    else a.appendDouble(v);
  }
  if (r.coverOpen === undefined) a.appendNull();
  else a.appendBoolean(r.coverOpen);
  a.endRow();
}

export interface IngestBatch {
  /** Readings known to be new (later than anything stored for their device). */
  fresh: readonly StoredReading[];
  /** Readings that may already be stored (not later than the device's latest): looked up first. */
  recheck: readonly StoredReading[];
  statuses: readonly StoredStatus[];
  rejects: readonly RejectRecord[];
}

/**
 * Appends one batch in one transaction and commits it (DuckDB's WAL makes it durable). Returns the
 * rechecked readings that were already stored and so were skipped (duplicates).
 */
export async function commitIngestBatch(db: Db, batch: IngestBatch): Promise<StoredReading[]> {
  const duplicates = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const duplicates = batch.recheck.length ? await storedAmong(conn, batch.recheck) : [];
      const dup = new Set(duplicates);
      if (batch.fresh.length || batch.recheck.length > dup.size) {
        const a = await conn.createAppender('telemetry');
        for (const r of batch.fresh) appendReading(a, r);
        for (const r of batch.recheck) if (!dup.has(r)) appendReading(a, r);
        a.closeSync();
      }
      if (batch.statuses.length) {
        const a = await conn.createAppender('device_status');
        for (const s of batch.statuses) {
          a.appendVarchar(s.deviceId);
          a.appendVarchar(s.status);
          a.appendTimestamp(timestamp(s.ts));
          a.appendTimestamp(timestamp(s.receivedAt));
          a.endRow();
        }
        a.closeSync();
      }
      if (batch.rejects.length) {
        const a = await conn.createAppender('ingest_rejects');
        for (const r of batch.rejects) {
          a.appendTimestamp(timestamp(r.receivedAt));
          a.appendVarchar(r.topic.slice(0, 256));
          if (r.deviceId === null) a.appendNull();
          else a.appendVarchar(r.deviceId);
          a.appendVarchar(r.reason);
          a.appendVarchar(r.detail);
          a.appendInteger(r.payload.byteLength);
          a.appendBlob(r.payload.subarray(0, REJECT_PAYLOAD_BYTES));
          a.endRow();
        }
        a.closeSync();
      }
      await conn.run('COMMIT');
      return duplicates;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  db.versions.bump('telemetry', 'device_status', 'ingest_rejects');
  return duplicates;
}

/** Which of `readings` (same device and ts) are already in the table. */
async function storedAmong(conn: DuckDBConnection, readings: readonly StoredReading[]): Promise<StoredReading[]> {
  const devices = [...new Set(readings.map((r) => r.deviceId))];
  if (devices.length === 0) return [];
  let lo = Infinity,
    hi = -Infinity;
  for (const r of readings) {
    if (r.ts < lo) lo = r.ts;
    if (r.ts > hi) hi = r.ts;
  }
  const found = await conn.runAndReadAll(
    `SELECT device_id, epoch_ms(ts) FROM telemetry WHERE ts BETWEEN epoch_ms($1::BIGINT) AND epoch_ms($2::BIGINT)
       AND list_contains($3::VARCHAR[], device_id)`,
    [BigInt(lo), BigInt(hi), listValue(devices)],
  );
  const keys = new Set(found.getRowsJS().map(([d, t]) => `${d}|${Number(t)}`));
  return readings.filter((r) => keys.has(`${r.deviceId}|${r.ts}`));
}

/** Each device's latest stored reading time (epoch ms): what the duplicate check starts from. */
export async function latestReadingTimes(db: Db): Promise<Map<string, number>> {
  const rows = await db.all<{ device_id: string; t: number }>(
    'SELECT device_id, epoch_ms(max(ts)) AS t FROM telemetry GROUP BY device_id',
  );
  return new Map(rows.map((r) => [r.device_id, Number(r.t)]));
}

export async function countReadings(db: Db, deviceId?: string): Promise<number> {
  const row = deviceId
    ? await db.one<{ n: number }>('SELECT count(*) AS n FROM telemetry WHERE device_id = $1', [deviceId])
    : await db.one<{ n: number }>('SELECT count(*) AS n FROM telemetry');
  return row?.n ?? 0;
}

const rollupSelect = [
  'count(*)::INTEGER',
  ...ORDERED.flatMap((m) => [`avg(${METRIC_COLUMNS[m]})`, `min(${METRIC_COLUMNS[m]})`, `max(${METRIC_COLUMNS[m]})`]),
  'avg(cover_open::INTEGER)',
].join(', ');

/**
 * Recomputes the per-minute rollups of every (device, minute) that received rows since `sinceMs`
 * (arrival time), so late readings land in their minute too.
 */
export async function rollUpMinutes(db: Db, sinceMs: number): Promise<void> {
  await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE touched_minutes AS
           SELECT DISTINCT device_id, date_trunc('minute', ts) AS minute FROM telemetry WHERE received_at >= epoch_ms($1::BIGINT)`,
        [BigInt(Math.floor(sinceMs))],
      );
      await conn.run(
        `DELETE FROM telemetry_minute WHERE EXISTS (
           SELECT 1 FROM touched_minutes t WHERE t.device_id = telemetry_minute.device_id AND t.minute = telemetry_minute.minute)`,
      );
      await conn.run(
        `INSERT INTO telemetry_minute
           SELECT t.device_id, tm.minute, ${rollupSelect}
           FROM telemetry t JOIN touched_minutes tm ON t.device_id = tm.device_id AND date_trunc('minute', t.ts) = tm.minute
           WHERE t.ts >= (SELECT min(minute) FROM touched_minutes)
           GROUP BY t.device_id, tm.minute`,
      );
      await conn.run('DROP TABLE touched_minutes');
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  db.versions.bump('telemetry_minute');
}

/** The time (epoch ms) the newest rollup minute ends, for the rollup's watermark after a restart. */
export async function latestRollupMinute(db: Db): Promise<number | null> {
  const row = await db.one<{ t: number | null }>('SELECT epoch_ms(max(minute)) AS t FROM telemetry_minute');
  return row?.t == null ? null : Number(row.t);
}

export interface MinutePoint {
  t: string;
  samples: number;
  /** Per metric: average, minimum and maximum over the minute (coverOpen: the share of readings open). */
  values: Partial<Record<NumericMetric, { avg: number; min: number; max: number }>> & { coverOpen?: number };
}

/**
 * The per-minute series of a device from `fromMs` on: the rollups, and for the minutes after the
 * newest rollup (not rolled up yet) the same figures computed from the raw rows.
 */
export async function minuteSeries(
  db: Db,
  deviceId: string,
  fromMs: number,
  metrics: readonly NumericMetric[],
): Promise<MinutePoint[]> {
  const pick = metrics.flatMap((m) => [
    `${METRIC_COLUMNS[m]}_avg`,
    `${METRIC_COLUMNS[m]}_min`,
    `${METRIC_COLUMNS[m]}_max`,
  ]);
  const raw = metrics.flatMap((m) => [
    `avg(${METRIC_COLUMNS[m]})`,
    `min(${METRIC_COLUMNS[m]})`,
    `max(${METRIC_COLUMNS[m]})`,
  ]);
  const rows = await db.all<Record<string, number | string | null>>(
    `WITH cut AS (SELECT coalesce(max(minute), epoch_ms($2::BIGINT)) AS m FROM telemetry_minute WHERE device_id = $1 AND minute >= epoch_ms($2::BIGINT))
     SELECT minute AS t, samples, ${[...pick, 'cover_open_ratio'].join(', ')} FROM telemetry_minute
       WHERE device_id = $1 AND minute >= epoch_ms($2::BIGINT) AND minute < (SELECT m FROM cut)
     UNION ALL
     SELECT date_trunc('minute', ts) AS t, count(*)::INTEGER, ${[...raw, 'avg(cover_open::INTEGER)'].join(', ')} FROM telemetry
       WHERE device_id = $1 AND ts >= (SELECT m FROM cut) GROUP BY 1
     ORDER BY 1`,
    [deviceId, BigInt(Math.floor(fromMs))],
  );
  return rows.map((r) => {
    const cells = Object.values(r);
    const values: MinutePoint['values'] = {};
    metrics.forEach((m, i) => {
      const [avg, min, max] = cells.slice(2 + i * 3, 5 + i * 3) as Array<number | null>;
      if (avg != null && min != null && max != null) values[m] = { avg, min, max };
    });
    const open = cells[2 + metrics.length * 3] as number | null;
    if (open != null) values.coverOpen = open;
    return { t: String(r.t), samples: Number(r.samples), values };
  });
}

/** Deletes raw telemetry, status reports and rejects older than `beforeMs` (rollups are kept). */
export async function pruneRaw(db: Db, beforeMs: number): Promise<void> {
  const cut = [BigInt(Math.floor(beforeMs))];
  await db.write(async (conn) => {
    await conn.run('DELETE FROM telemetry WHERE ts < epoch_ms($1::BIGINT)', cut);
    await conn.run('DELETE FROM device_status WHERE ts < epoch_ms($1::BIGINT)', cut);
    await conn.run('DELETE FROM ingest_rejects WHERE received_at < epoch_ms($1::BIGINT)', cut);
  });
  db.versions.bump('telemetry', 'device_status', 'ingest_rejects');
}

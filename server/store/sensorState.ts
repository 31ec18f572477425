// The latest state of every sensing terminal (设备最新状态), for the map: online or not, last reading.
// Written from the ingest's memory every second or so; on start the ingest reads it back and catches
// up from telemetry rows newer than it.
import type { SensorState } from '../domain/sensorState';
import { NUMERIC_METRICS } from '../domain/telemetry';
import type { Db } from './db';
import { METRIC_COLUMNS } from './telemetry';

const columns = [...NUMERIC_METRICS.map((m) => METRIC_COLUMNS[m]), 'cover_open'];
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function toState(r: Record<string, unknown>): SensorState {
  const values: SensorState['values'] = {};
  for (const m of NUMERIC_METRICS) {
    const v = r[METRIC_COLUMNS[m]];
    if (v != null) values[m] = Number(v);
  }
  if (r.cover_open != null) values.coverOpen = Boolean(r.cover_open);
  return {
    deviceId: String(r.device_id),
    online: Boolean(r.online),
    ts: iso(r.ts),
    receivedAt: iso(r.received_at),
    statusAt: iso(r.status_at),
    values,
  };
}

/** Replaces the saved state of the given sensors. */
export async function saveSensorStates(db: Db, states: readonly SensorState[], savedAt: string): Promise<void> {
  if (states.length === 0) return;
  const placeholders: string[] = [];
  const params: Array<string | number | boolean | null> = [];
  for (const s of states) {
    const row = [
      s.deviceId,
      s.online,
      s.ts,
      s.receivedAt,
      s.statusAt,
      ...NUMERIC_METRICS.map((m) => s.values[m] ?? null),
      s.values.coverOpen ?? null,
      savedAt,
    ];
    const base = params.length;
    placeholders.push(`(${row.map((_, i) => `$${base + i + 1}`).join(', ')})`);
    params.push(...row);
  }
  await db.write((conn) =>
    conn.run(
      `INSERT OR REPLACE INTO sensor_state (device_id, online, ts, received_at, status_at, ${columns.join(', ')}, saved_at) VALUES ${placeholders.join(', ')}`,
      params,
    ),
  );
  db.versions.bump('sensor_state');
}

export async function listSensorStates(db: Db): Promise<SensorState[]> {
  return (await db.all('SELECT * FROM sensor_state ORDER BY device_id')).map(toState);
}

export async function getSensorState(db: Db, deviceId: string): Promise<SensorState | null> {
  const row = await db.one('SELECT * FROM sensor_state WHERE device_id = $1', [deviceId]);
  return row ? toState(row) : null;
}

/** Each device's latest telemetry row arrived after its saved state (after a crash between saves). */
export async function readingsNewerThanState(
  db: Db,
): Promise<Array<{ deviceId: string; ts: string; receivedAt: string; values: SensorState['values'] }>> {
  const rows = await db.all(
    `SELECT t.device_id, arg_max(t.ts, t.ts) AS ts, arg_max(t.received_at, t.ts) AS received_at,
            ${columns.map((c) => `arg_max(t.${c}, t.ts) AS ${c}`).join(', ')}
     FROM telemetry t LEFT JOIN sensor_state s USING (device_id)
     WHERE s.saved_at IS NULL OR t.received_at > s.saved_at - INTERVAL 5 SECOND
     GROUP BY t.device_id`,
  );
  return rows.map((r) => {
    const s = toState({ ...r, online: true });
    return { deviceId: s.deviceId, ts: s.ts!, receivedAt: s.receivedAt!, values: s.values };
  });
}

// Alarms (告警) and the workflow events they create. A raise writes the alarm, its event (source
// 'sensor') and the event's first step in one transaction.
import type { Alarm, AlarmStatus } from '../domain/alarms';
import type { LonLat } from '../domain/model';
import { cellsOf } from '../domain/risk/cells';
import { openCase } from '../domain/workflow/decide';
import { writeProjection } from './caseProjection';
import { type Db, readOn } from './db';
import { Where } from './sql';

export interface NewAlarm {
  deviceId: string;
  rule: string;
  metric: string;
  itemCode: string;
  severity: number;
  message: string;
  value: number | null;
  threshold: number | null;
  raisedAt: string;
  position: LonLat;
  gridId: string;
}

/** The workflow event a raise creates (the `events` table of migration 1). */
export interface NewSensorEvent {
  h3: string;
  departmentId: string;
  deadlineAt: string;
  description: string;
}

interface Row {
  id: string;
  device_id: string;
  rule: string;
  metric: string;
  item_code: string;
  severity: number;
  status: AlarmStatus;
  message: string;
  value: number | null;
  threshold: number | null;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  cleared_at: string | null;
  event_id: string | null;
  lon: number;
  lat: number;
  grid_id: string;
}

const toAlarm = (r: Row): Alarm => ({
  id: r.id,
  deviceId: r.device_id,
  rule: r.rule,
  metric: r.metric,
  itemCode: r.item_code,
  severity: r.severity,
  status: r.status,
  message: r.message,
  value: r.value,
  threshold: r.threshold,
  raisedAt: r.raised_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  clearedAt: r.cleared_at,
  eventId: r.event_id,
  position: [r.lon, r.lat],
  gridId: r.grid_id,
});

/** Writes a raised alarm with its event and the event's first step; returns the alarm as stored. */
export async function raiseAlarm(db: Db, a: NewAlarm, event: NewSensorEvent): Promise<Alarm> {
  const cells = cellsOf(a.position[0], a.position[1]);
  const row = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const seq = Number((await conn.runAndReadAll("SELECT nextval('alarm_seq')")).getRowsJS()[0]![0]);
      const id = `AL${String(seq).padStart(7, '0')}`;
      const eventId = `ES${String(seq).padStart(7, '0')}`;
      const code = `TC${a.raisedAt.slice(0, 10).replaceAll('-', '')}-S${String(seq).padStart(5, '0')}`;
      await conn.run(
        `INSERT INTO events (id, code, item_code, source, grid_id, lon, lat, h3, reported_at, deadline_at, department_id, status, closed_at, overdue, description, h3_r8, h3_r10)
         VALUES ($1, $2, $3, 'sensor', $4, $5, $6, $7, $8::TIMESTAMP, $9::TIMESTAMP, $10, 'reported', NULL, false, $11, $12, $13)`,
        [
          eventId,
          code,
          a.itemCode,
          a.gridId,
          a.position[0],
          a.position[1],
          event.h3,
          a.raisedAt,
          event.deadlineAt,
          event.departmentId,
          event.description,
          cells.r8,
          cells.r10,
        ],
      );
      // The case the alarm reports (上报 by the platform itself), with its workflow projection.
      const place = (
        await readOn<{ path: string; area: string | null }>(conn, 'SELECT path, area FROM admin_units WHERE id = $1', [
          a.gridId,
        ])
      )[0];
      const opened = openCase(
        {
          id: eventId,
          itemCode: a.itemCode,
          source: 'sensor',
          gridId: a.gridId,
          gridPath: place ? place.path.split('/') : [a.gridId],
          area: place?.area === 'village' ? 'village' : 'urban',
          reportedAt: a.raisedAt,
        },
        { source: 'sensor', description: event.description, note: `${a.message}（告警 ${id}）` },
        { id: `sensor:${a.deviceId}`, role: 'system' },
        a.raisedAt,
      );
      if (!opened.ok) throw new Error(`alarm ${id}: ${opened.message}`);
      await conn.run(
        `INSERT INTO event_steps (event_id, seq, stage, "at", actor, note, action, role, detail)
         VALUES ($1, 1, 'collect', $2::TIMESTAMP, $3, $4, 'report', NULL, $5)`,
        [eventId, a.raisedAt, opened.step.actor, opened.step.note, JSON.stringify(opened.step.detail)],
      );
      await writeProjection(conn, opened.state, a.raisedAt);
      await conn.run(
        `INSERT INTO alarms VALUES ($1, $2, $3, $4, $5, $6, 'raised', $7, $8, $9, $10::TIMESTAMP, NULL, NULL, NULL, $11, $12, $13, $14)`,
        [
          id,
          a.deviceId,
          a.rule,
          a.metric,
          a.itemCode,
          a.severity,
          a.message,
          a.value,
          a.threshold,
          a.raisedAt,
          eventId,
          a.position[0],
          a.position[1],
          a.gridId,
        ],
      );
      await conn.run('COMMIT');
      return id;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  db.versions.bump('events', 'event_steps', 'alarms');
  return (await getAlarm(db, row))!;
}

export async function getAlarm(db: Db, id: string): Promise<Alarm | null> {
  const r = await db.one<Row>('SELECT * FROM alarms WHERE id = $1', [id]);
  return r ? toAlarm(r) : null;
}

export interface AlarmFilter {
  status?: AlarmStatus | 'open';
  deviceId?: string;
  limit?: number;
}

/** Newest first. `open` means raised or acknowledged. */
export async function listAlarms(db: Db, f: AlarmFilter = {}): Promise<Alarm[]> {
  const w = new Where().eq('device_id', f.deviceId);
  if (f.status === 'open') w.add("status IN ('raised', 'acknowledged')");
  else w.eq('status', f.status);
  const rows = await db.all<Row>(
    `SELECT * FROM alarms ${w} ORDER BY raised_at DESC, id DESC LIMIT ${Math.max(1, Math.min(f.limit ?? 200, 5000))}`,
    w.params,
  );
  return rows.map(toAlarm);
}

/** Acknowledges a raised alarm; null when there is no such alarm, the alarm unchanged when it was not 'raised'. */
export async function acknowledgeAlarm(db: Db, id: string, by: string, at: string): Promise<Alarm | null> {
  await db.write((conn) =>
    conn.run(
      `UPDATE alarms SET status = 'acknowledged', acknowledged_at = $2::TIMESTAMP, acknowledged_by = $3 WHERE id = $1 AND status = 'raised'`,
      [id, at, by],
    ),
  );
  db.versions.bump('alarms');
  return getAlarm(db, id);
}

export async function clearAlarm(db: Db, id: string, at: string): Promise<Alarm | null> {
  await db.write((conn) =>
    conn.run(`UPDATE alarms SET status = 'cleared', cleared_at = $2::TIMESTAMP WHERE id = $1 AND status <> 'cleared'`, [
      id,
      at,
    ]),
  );
  db.versions.bump('alarms');
  return getAlarm(db, id);
}

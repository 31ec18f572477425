// The latest state of every sensor, kept in memory as readings are committed, fed to the live hub,
// and saved to the sensor_state table every second (only the sensors that changed).

import type { SensorState } from '../domain/sensorState';
import { NUMERIC_METRICS } from '../domain/telemetry';
import type { Db } from '../store/db';
import { listSensorStates, readingsNewerThanState, saveSensorStates } from '../store/sensorState';
import type { StoredReading, StoredStatus } from '../store/telemetry';
import type { LiveHub } from './liveHub';

export class SensorStates {
  private states = new Map<string, SensorState>();
  private dirty = new Set<string>();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly live: LiveHub,
  ) {}

  /** Reads the saved states back, and catches up from readings committed after the last save. */
  async load(): Promise<void> {
    for (const s of await listSensorStates(this.db)) this.states.set(s.deviceId, s);
    for (const r of await readingsNewerThanState(this.db)) {
      const s = this.states.get(r.deviceId);
      if (!s?.ts || r.ts > s.ts) {
        this.states.set(r.deviceId, {
          deviceId: r.deviceId,
          online: true,
          ts: r.ts,
          receivedAt: r.receivedAt,
          statusAt: s?.statusAt ?? null,
          values: r.values,
        });
        this.dirty.add(r.deviceId);
      }
    }
  }

  get(deviceId: string): SensorState | undefined {
    return this.states.get(deviceId);
  }
  all(): SensorState[] {
    return [...this.states.values()];
  }

  applyReading(r: StoredReading): void {
    const prev = this.states.get(r.deviceId);
    const ts = new Date(r.ts).toISOString();
    if (prev?.ts && prev.ts > ts && prev.online) return; // an older reading arriving late
    const values: SensorState['values'] = {};
    for (const m of NUMERIC_METRICS) if (r[m] !== undefined) values[m] = r[m];
    if (r.coverOpen !== undefined) values.coverOpen = r.coverOpen;
    this.put({
      deviceId: r.deviceId,
      online: true,
      ts,
      receivedAt: new Date(r.receivedAt).toISOString(),
      statusAt: prev?.statusAt ?? null,
      values,
    });
  }

  applyStatus(s: StoredStatus): void {
    this.setOnline(s.deviceId, s.status === 'online', new Date(s.receivedAt).toISOString());
  }

  /** Online or not (a status report, or the silence rule). */
  setOnline(deviceId: string, online: boolean, statusAt: string | null = null): void {
    const prev = this.states.get(deviceId) ?? {
      deviceId,
      online,
      ts: null,
      receivedAt: null,
      statusAt: null,
      values: {},
    };
    if (prev.online === online && !statusAt) return;
    this.put({ ...prev, online, statusAt: statusAt ?? prev.statusAt });
  }

  private put(s: SensorState): void {
    this.states.set(s.deviceId, s);
    this.dirty.add(s.deviceId);
    this.live.sensorChanged(s);
  }

  /** Writes the changed states (one write at a time). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (this.dirty.size === 0) return;
      const changed = [...this.dirty].map((id) => this.states.get(id)!);
      this.dirty.clear();
      await saveSensorStates(this.db, changed, new Date().toISOString());
    });
    return this.saving;
  }
}

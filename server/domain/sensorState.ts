// The latest state of a sensing terminal (设备最新状态): what the map colours a sensor by, what the
// live stream's `sensors` message carries, and what the ingest keeps in memory and saves.
import type { NumericMetric } from './telemetry';

/** One sensor's latest state. Times are ISO 8601. */
export interface SensorState {
  deviceId: string;
  online: boolean;
  /** The latest reading's device time, and when it arrived. */
  ts: string | null;
  receivedAt: string | null;
  /** When the last status report (online/offline) arrived. */
  statusAt: string | null;
  values: Partial<Record<NumericMetric, number>> & { coverOpen?: boolean };
}

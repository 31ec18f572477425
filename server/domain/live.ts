// The live stream's messages (实时推送, GET /api/live as Server-Sent Events), by SSE event name:
// what the ingest publishes and the client's live connection parses. `data` is this, as JSON.
import type { Alarm } from './alarms';
import type { GovEvent } from './model';
import type { SensorState } from './sensorState';

/** A new workflow event as the live stream announces it (a subset of the event record). */
export type LiveEvent = Pick<
  GovEvent,
  | 'id'
  | 'itemCode'
  | 'source'
  | 'gridId'
  | 'position'
  | 'reportedAt'
  | 'deadlineAt'
  | 'departmentId'
  | 'status'
  | 'description'
> & { alarmId?: string };

export interface LiveMessages {
  /** First on every connection. */
  ready: { at: string; sensors: number };
  /** Changed sensor states, at most one message a second. */
  sensors: SensorState[];
  /** An alarm raised, acknowledged or cleared. */
  alarm: Alarm;
  /** A new workflow event in the listener's scope. */
  event: LiveEvent;
}

// The live stream's messages (实时推送, GET /api/live as Server-Sent Events), by SSE event name:
// what the ingest publishes and the client's live connection parses. `data` is this, as JSON.
import type { Alarm } from './alarms';
import type { GovEvent } from './model';
import type { SensorState } from './sensorState';
import type { CaseAction } from './workflow/states';

/**
 * A case as the live stream announces it (a subset of the event record): a new one (a sensor's alarm,
 * a report) and every change after it (file, dispatch, accept, feedback, verify, close...). The
 * optional fields come with every case change made through the workflow's routes.
 */
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
> & {
  alarmId?: string;
  /** The action that made this change ('report' for a new case). */
  action?: CaseAction;
  /** Who must act now: 'centre', a department id, a unit id. */
  holders?: string[];
  /** Departments holding a task on the case, lead or co-handling (they see it, as in GET /api/events). */
  taskDepartments?: string[];
  /** When the verification passed (结案), once it has. */
  closedAt?: string;
  /** The case number shown to people (TC20261102-R00001). */
  code?: string;
  /** 领导督办: the city leader who supervised the case last, when one did. */
  leaderSupervisedBy?: string;
};

export interface LiveMessages {
  /** First on every connection. */
  ready: { at: string; sensors: number };
  /** Changed sensor states, at most one message a second. */
  sensors: SensorState[];
  /** An alarm raised, acknowledged or cleared. */
  alarm: Alarm;
  /** A new case, or a change to one, in the listener's scope (as GET /api/events scopes it). */
  event: LiveEvent;
}

// An alarm's panel as plain data (pure): what was measured against which threshold, its place in the
// life cycle (告警生命周期: raised → acknowledged → cleared), whether the user may acknowledge it, and the
// cameras that see its place, nearest first, with the best one (the nearest online) marked.
import type { Permission } from '@domain/access';
import { type AlarmStatus, findRule } from '@domain/alarms';
import { METRICS, type NumericMetric } from '@domain/telemetry';
import type { Alarm, CameraCoverage } from '../../../../api/twinApi';

/** What acknowledging takes, any one of (server/http/access.ts: POST /alarms/:id/acknowledge): the centre seat, or who handles cases. */
export const ACKNOWLEDGE_PERMISSIONS: readonly Permission[] = ['dispatch', 'handle'];

/** Only a raised alarm can be acknowledged, and only by a user with the permission. */
export function mayAcknowledge(
  permissions: readonly string[] | null | undefined,
  alarm: Pick<Alarm, 'status'>,
): boolean {
  return alarm.status === 'raised' && ACKNOWLEDGE_PERMISSIONS.some((p) => (permissions ?? []).includes(p));
}

export interface AlarmFacts {
  /** The rule's kind: a level crossed, a rise within a window, or silence. */
  type: 'threshold' | 'rate' | 'silence';
  metric: string;
  /** The unit of value and threshold ('s' for silence; '' for the cover switch). */
  unit: string;
  value: number | null;
  threshold: number | null;
  direction: 'above' | 'below' | null;
  /** For rate rules: the window, minutes. */
  windowMin: number | null;
}

export function alarmFacts(a: Pick<Alarm, 'rule' | 'metric' | 'value' | 'threshold'>): AlarmFacts {
  const rule = findRule(a.rule);
  const type = rule?.type ?? (a.metric === 'silence' ? 'silence' : 'threshold');
  const unit = type === 'silence' ? 's' : a.metric in METRICS ? METRICS[a.metric as NumericMetric].unit : '';
  return {
    type,
    metric: a.metric,
    unit,
    value: a.value,
    threshold: a.threshold,
    direction: rule?.type === 'threshold' ? rule.direction : rule?.type === 'rate' ? 'above' : null,
    windowMin: rule?.type === 'rate' ? rule.windowMs / 60_000 : null,
  };
}

export interface LifeStep {
  status: AlarmStatus;
  at: string | null;
  /** Who acknowledged (the acknowledged step only). */
  by: string | null;
  reached: boolean;
  /** Passed over: cleared without being acknowledged. */
  skipped: boolean;
}

export function lifeCycle(a: Pick<Alarm, 'raisedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'clearedAt'>): LifeStep[] {
  const cleared = a.clearedAt !== null;
  return [
    { status: 'raised', at: a.raisedAt, by: null, reached: true, skipped: false },
    {
      status: 'acknowledged',
      at: a.acknowledgedAt,
      by: a.acknowledgedBy,
      reached: a.acknowledgedAt !== null,
      skipped: cleared && a.acknowledgedAt === null,
    },
    { status: 'cleared', at: a.clearedAt, by: null, reached: cleared, skipped: false },
  ];
}

/** Severity 3 urgent, 2 important, 1 general (as the taxonomy's urgency). */
export const severityLevel = (severity: number): 1 | 2 | 3 => (severity >= 3 ? 3 : severity <= 1 ? 1 : 2);

/** A sensor's open alarms after a live `alarm` message: replaced in place, a new one first, a cleared one gone. */
export function withAlarm(open: readonly Alarm[], a: Alarm): Alarm[] {
  const rest = open.filter((x) => x.id !== a.id);
  if (a.status === 'cleared') return rest;
  const i = open.findIndex((x) => x.id === a.id);
  if (i < 0) return [a, ...rest];
  const next = [...open];
  next[i] = a;
  return next;
}

export interface CameraRow extends CameraCoverage {
  /** The nearest online camera: the one flown to. */
  best: boolean;
}

/** Nearest first (ties: nearer the camera's axis first); the first online one is the best. */
export function cameraRows(cameras: readonly CameraCoverage[]): CameraRow[] {
  const sorted = [...cameras].sort((a, b) => a.distanceM - b.distanceM || a.offAxisDeg - b.offAxisDeg);
  const best = sorted.find((c) => c.online);
  return sorted.map((c) => ({ ...c, best: c === best }));
}

// Sensing terminals (感知终端) → points whose colour follows their latest state: offline, in alarm
// (a threshold rule of its kind is crossed), warning (past the rule's clearing level, not yet its
// raising level), normal, or not heard from yet. Pure; the live stream recolours points in place.
import { ALARM_RULES, type ThresholdRule } from '@domain/alarms';
import type { SensorKind } from '@domain/model';
import type { SensorFeature, SensorState } from '../../api/twinApi';
import { type PointSpec, pointPosition } from '../points/points.model';

export type SensorStatus = 'alarm' | 'warning' | 'normal' | 'offline' | 'unknown';

export const sensorStatusColors: Readonly<Record<SensorStatus, string>> = {
  alarm: '#ff3b3b',
  warning: '#ffb020',
  normal: '#3ee08a',
  offline: '#6b7a90',
  unknown: '#b8c4d8',
};

export const sensorKindSizes: Readonly<Record<SensorKind, number>> = {
  manhole: 8,
  'rain-gauge': 12,
  'river-gauge': 12,
};

const thresholdRules = ALARM_RULES.filter((r): r is ThresholdRule => r.type === 'threshold');

/** The status of a sensor of `kind` in `state` (null: never heard from). */
export function sensorStatus(
  kind: SensorKind,
  state: Pick<SensorState, 'online' | 'values'> | null | undefined,
): SensorStatus {
  if (!state) return 'unknown';
  if (!state.online) return 'offline';
  let status: SensorStatus = 'normal';
  for (const rule of thresholdRules) {
    if (rule.sensorKind !== kind) continue;
    const raw = state.values[rule.metric as keyof SensorState['values']];
    if (raw === undefined) continue;
    const value = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
    const up = rule.direction === 'above';
    if (up ? value >= rule.raiseAt : value <= rule.raiseAt) return 'alarm';
    if (up ? value > rule.clearAt : value < rule.clearAt) status = 'warning';
  }
  return status;
}

/** The ring that marks a sensor as a sensor (and not a component) whatever its colour. */
export const sensorOutline: NonNullable<PointSpec['outline']> = { color: '#04101f', widthPx: 2 };

export function sensorSpecs(
  features: readonly SensorFeature[],
  states: ReadonlyMap<string, Pick<SensorState, 'online' | 'values'> | null>,
): PointSpec[] {
  return features.flatMap((f) => {
    const position = pointPosition(f.geometry);
    if (!position) return [];
    const status = sensorStatus(f.properties.kind, states.get(f.properties.id));
    return [
      {
        pick: { kind: 'sensor', id: f.properties.id },
        position,
        heightM: 3,
        color: sensorStatusColors[status],
        sizePx: sensorKindSizes[f.properties.kind] ?? 8,
        outline: sensorOutline,
        maxDistanceM: f.properties.kind === 'manhole' ? 15_000 : 60_000,
      },
    ];
  });
}

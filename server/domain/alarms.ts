// Alarm rules (告警规则) of the sensing terminals, as data, and their evaluation as pure functions:
// thresholds with hysteresis, rate of change, and silence (offline). Every raised alarm becomes an
// event of the workflow with the rule's taxonomy item. Times are epoch milliseconds.
import type { LonLat, SensorKind } from './model';
import { type Metric, metricValue, type Reading } from './telemetry';

interface RuleBase {
  id: string;
  sensorKind: SensorKind;
  /** The taxonomy item of the event a raise creates (see taxonomy.ts). */
  itemCode: string;
  zh: string;
}

/** Raised when the value crosses `raiseAt`, cleared only once it is back past `clearAt` (hysteresis). */
export interface ThresholdRule extends RuleBase {
  type: 'threshold';
  metric: Metric;
  direction: 'above' | 'below';
  raiseAt: number;
  clearAt: number;
}

/** Raised when the value rose by `rise` or more within `windowMs`; cleared when the rise falls under half that. */
export interface RateRule extends RuleBase {
  type: 'rate';
  metric: Metric;
  rise: number;
  windowMs: number;
}

/** Raised when nothing was heard for the silence period, or the device's last will said "offline". */
export interface SilenceRule extends RuleBase {
  type: 'silence';
  metric: 'silence';
}

export type AlarmRule = ThresholdRule | RateRule | SilenceRule;

const threshold = (r: Omit<ThresholdRule, 'type'>): ThresholdRule => ({ type: 'threshold', ...r });

/**
 * The rules. Device health (silence, low battery) has no item of its own in the 9/32/90 taxonomy;
 * it files under the item whose watch the device keeps: a smart cover under 井盖破损, a river gauge
 * under 河道水位超警, a rain gauge under 道路积水.
 */
export const ALARM_RULES: readonly AlarmRule[] = [
  threshold({
    id: 'manhole.water-high',
    sensorKind: 'manhole',
    metric: 'waterLevelM',
    direction: 'above',
    raiseAt: 2.0,
    clearAt: 1.6,
    itemCode: '050102',
    zh: '井内水位过高',
  }),
  {
    type: 'rate',
    id: 'manhole.water-rising',
    sensorKind: 'manhole',
    metric: 'waterLevelM',
    rise: 0.5,
    windowMs: 10 * 60_000,
    itemCode: '050102',
    zh: '井内水位快速上涨',
  },
  threshold({
    id: 'manhole.cover-open',
    sensorKind: 'manhole',
    metric: 'coverOpen',
    direction: 'above',
    raiseAt: 1,
    clearAt: 0,
    itemCode: '060101',
    zh: '井盖开启',
  }),
  threshold({
    id: 'manhole.cover-tilt',
    sensorKind: 'manhole',
    metric: 'coverTiltDeg',
    direction: 'above',
    raiseAt: 15,
    clearAt: 8,
    itemCode: '060102',
    zh: '井盖倾斜',
  }),
  threshold({
    id: 'manhole.ch4',
    sensorKind: 'manhole',
    metric: 'ch4Lel',
    direction: 'above',
    raiseAt: 25,
    clearAt: 10,
    itemCode: '050201',
    zh: '甲烷浓度超限',
  }),
  threshold({
    id: 'manhole.h2s',
    sensorKind: 'manhole',
    metric: 'h2sPpm',
    direction: 'above',
    raiseAt: 15,
    clearAt: 8,
    itemCode: '010403',
    zh: '硫化氢浓度超限',
  }),
  threshold({
    id: 'manhole.battery-low',
    sensorKind: 'manhole',
    metric: 'batteryPct',
    direction: 'below',
    raiseAt: 15,
    clearAt: 25,
    itemCode: '060102',
    zh: '智能井盖电量低',
  }),
  {
    type: 'silence',
    id: 'manhole.offline',
    sensorKind: 'manhole',
    metric: 'silence',
    itemCode: '060102',
    zh: '智能井盖离线',
  },
  threshold({
    id: 'rain-gauge.heavy-rain',
    sensorKind: 'rain-gauge',
    metric: 'rainfallMmH',
    direction: 'above',
    raiseAt: 30,
    clearAt: 15,
    itemCode: '050101',
    zh: '短时强降水',
  }),
  threshold({
    id: 'rain-gauge.battery-low',
    sensorKind: 'rain-gauge',
    metric: 'batteryPct',
    direction: 'below',
    raiseAt: 15,
    clearAt: 25,
    itemCode: '050101',
    zh: '雨量计电量低',
  }),
  {
    type: 'silence',
    id: 'rain-gauge.offline',
    sensorKind: 'rain-gauge',
    metric: 'silence',
    itemCode: '050101',
    zh: '雨量计离线',
  },
  threshold({
    id: 'river-gauge.above-warning',
    sensorKind: 'river-gauge',
    metric: 'riverLevelM',
    direction: 'above',
    raiseAt: 4.5,
    clearAt: 4.2,
    itemCode: '050303',
    zh: '河道水位超警戒',
  }),
  {
    type: 'rate',
    id: 'river-gauge.rising',
    sensorKind: 'river-gauge',
    metric: 'riverLevelM',
    rise: 0.3,
    windowMs: 10 * 60_000,
    itemCode: '050303',
    zh: '河道水位快速上涨',
  },
  threshold({
    id: 'river-gauge.battery-low',
    sensorKind: 'river-gauge',
    metric: 'batteryPct',
    direction: 'below',
    raiseAt: 15,
    clearAt: 25,
    itemCode: '050303',
    zh: '水位计电量低',
  }),
  {
    type: 'silence',
    id: 'river-gauge.offline',
    sensorKind: 'river-gauge',
    metric: 'silence',
    itemCode: '050303',
    zh: '水位计离线',
  },
];

export const rulesFor = (kind: SensorKind): AlarmRule[] => ALARM_RULES.filter((r) => r.sensorKind === kind);
export const findRule = (id: string): AlarmRule | undefined => ALARM_RULES.find((r) => r.id === id);

/** What a rule remembers about one device between readings. */
export interface RuleState {
  active: boolean;
  /** Rate rules: the lowest value of each recent bucket of the window, [bucket start, value], oldest first. */
  recent?: Array<[ts: number, value: number]>;
}

export type Transition = { to: 'raised' | 'cleared'; value: number; threshold: number } | null;

export const initialState = (active = false): RuleState => ({ active });

/** Threshold with hysteresis: the state after `value`, and the transition if there is one. */
export function evaluateThreshold(rule: ThresholdRule, state: RuleState, value: number): [RuleState, Transition] {
  const up = rule.direction === 'above';
  const crossed = up ? value >= rule.raiseAt : value <= rule.raiseAt;
  const back = up ? value <= rule.clearAt : value >= rule.clearAt;
  if (!state.active && crossed) return [{ active: true }, { to: 'raised', value, threshold: rule.raiseAt }];
  if (state.active && back) return [{ active: false }, { to: 'cleared', value, threshold: rule.clearAt }];
  return [state, null];
}

/** Rate rules keep the window's minimum per bucket, so memory stays small whatever the message rate. */
export const RATE_BUCKETS = 60;

/**
 * Rate of change: the rise of `value` over the lowest value seen within the window before `ts`.
 * The state's bucket list is updated in place (this runs for every reading).
 */
export function evaluateRate(rule: RateRule, state: RuleState, ts: number, value: number): [RuleState, Transition] {
  const bucketMs = rule.windowMs / RATE_BUCKETS;
  const bucket = Math.floor(ts / bucketMs) * bucketMs;
  state.recent ??= [];
  const recent = state.recent;
  let drop = 0;
  while (drop < recent.length && recent[drop]![0] <= ts - rule.windowMs - bucketMs) drop++;
  if (drop) recent.splice(0, drop);
  const last = recent[recent.length - 1];
  if (last && last[0] === bucket) last[1] = Math.min(last[1], value);
  else if (!last || last[0] < bucket) recent.push([bucket, value]);
  let low = Infinity;
  for (let i = 0; i < recent.length; i++) if (recent[i]![1] < low) low = recent[i]![1];
  const rise = value - low;
  if (!state.active && rise >= rule.rise) {
    state.active = true;
    return [state, { to: 'raised', value: rise, threshold: rule.rise }];
  }
  if (state.active && rise < rule.rise / 2) {
    state.active = false;
    return [state, { to: 'cleared', value: rise, threshold: rule.rise / 2 }];
  }
  return [state, null];
}

/**
 * Silence: raised when `silentForMs` reaches `silenceMs` or the device said "offline"; cleared by
 * any sign of life (a reading or "online").
 */
export function evaluateSilence(
  state: RuleState,
  signal: { silentForMs: number; silenceMs: number } | { status: 'online' | 'offline' } | { reading: true },
): [RuleState, Transition] {
  let down: boolean;
  if ('silentForMs' in signal) {
    if (signal.silentForMs < signal.silenceMs) return [state, null];
    down = true;
  } else if ('status' in signal) {
    down = signal.status === 'offline';
  } else {
    down = false;
  }
  const seconds = 'silentForMs' in signal ? signal.silentForMs / 1000 : 0;
  const limit = 'silenceMs' in signal ? signal.silenceMs / 1000 : 0;
  if (down && !state.active) return [{ active: true }, { to: 'raised', value: seconds, threshold: limit }];
  if (!down && state.active) return [{ active: false }, { to: 'cleared', value: seconds, threshold: limit }];
  return [state, null];
}

/** Evaluates every value rule of a device against one reading; silence rules are cleared by it. */
export function evaluateReading(
  rules: readonly AlarmRule[],
  states: Map<string, RuleState>,
  reading: Reading,
): Array<{ rule: AlarmRule; transition: NonNullable<Transition> }> {
  const out: Array<{ rule: AlarmRule; transition: NonNullable<Transition> }> = [];
  for (const rule of rules) {
    const state = states.get(rule.id) ?? initialState();
    let result: [RuleState, Transition];
    if (rule.type === 'silence') {
      result = evaluateSilence(state, { reading: true });
    } else {
      const value = metricValue(reading, rule.metric);
      if (value === undefined) continue;
      result =
        rule.type === 'threshold'
          ? evaluateThreshold(rule, state, value)
          : evaluateRate(rule, state, reading.ts, value);
    }
    states.set(rule.id, result[0]);
    if (result[1]) out.push({ rule, transition: result[1] });
  }
  return out;
}

/** The alarm life cycle (告警生命周期): raised → acknowledged → cleared, or raised → cleared. */
export type AlarmStatus = 'raised' | 'acknowledged' | 'cleared';

/** An alarm (告警) as stored and served: times are ISO 8601; `eventId` is the workflow event its raise created. */
export interface Alarm {
  id: string;
  deviceId: string;
  rule: string;
  metric: string;
  itemCode: string;
  severity: number;
  status: AlarmStatus;
  message: string;
  value: number | null;
  threshold: number | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  clearedAt: string | null;
  eventId: string | null;
  position: LonLat;
  gridId: string;
}

export function alarmMessage(rule: AlarmRule, deviceId: string, value: number): string {
  if (rule.type === 'silence') return `${deviceId} ${rule.zh}`;
  const shown = Math.round(value * 100) / 100;
  return `${deviceId} ${rule.zh}（${rule.type === 'rate' ? '上涨 ' : ''}${shown}）`;
}

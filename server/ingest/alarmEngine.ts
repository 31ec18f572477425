// Runs the alarm rules on every committed reading and status report, and watches for silence. A
// raise writes the alarm with its workflow event (source 'sensor', the rule's taxonomy item) and
// announces both on the live feed; a clear closes the alarm. Each (device, rule) has one open alarm
// at most; its writes are chained so a clear never overtakes its raise.
import { latLngToCell } from 'h3-js';
import {
  type Alarm,
  type AlarmRule,
  alarmMessage,
  evaluateReading,
  evaluateSilence,
  findRule,
  initialState,
  type RuleState,
  rulesFor,
  type Transition,
} from '../domain/alarms';
import { getItem, itemPath } from '../domain/taxonomy';
import { acknowledgeAlarm, clearAlarm, listAlarms, raiseAlarm } from '../store/alarms';
import type { Db } from '../store/db';
import { H3_RES } from '../store/load';
import type { StoredStatus } from '../store/telemetry';
import type { LiveHub } from './liveHub';
import type { Committed, SensorInfo } from './pipeline';
import type { SensorStates } from './sensorStates';

export interface AlarmEngineOptions {
  /** Silence after which a device counts as offline. */
  silenceMs: number;
  nowMs?: () => number;
  onError?: (err: Error) => void;
}

const KIND_ZH = { manhole: '智能井盖', 'rain-gauge': '雨量计', 'river-gauge': '水位计' } as const;

export class AlarmEngine {
  private ruleStates = new Map<string, Map<string, RuleState>>();
  /** device|rule → the open alarm's id, once its raise is written. */
  private open = new Map<string, Promise<string | null>>();
  private lastHeard = new Map<string, number>();
  private readonly startedAt: number;
  private readonly nowMs: () => number;
  private timer: NodeJS.Timeout | null = null;
  private pending = new Set<Promise<unknown>>();
  private raisedListeners: Array<(latencyMs: number) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly registry: ReadonlyMap<string, SensorInfo>,
    private readonly live: LiveHub,
    private readonly states: SensorStates,
    private readonly opts: AlarmEngineOptions,
  ) {
    this.nowMs = opts.nowMs ?? Date.now;
    this.startedAt = this.nowMs();
  }

  /** Picks up the alarms still open from before a restart, and starts the silence watch. */
  async start(): Promise<void> {
    for (const a of await listAlarms(this.db, { status: 'open', limit: 5000 })) {
      if (!findRule(a.rule)) continue;
      this.statesOf(a.deviceId).set(a.rule, initialState(true));
      this.open.set(`${a.deviceId}|${a.rule}`, Promise.resolve(a.id));
    }
    const every = Math.max(100, Math.min(this.opts.silenceMs / 4, 5000));
    this.timer = setInterval(() => this.checkSilence(), every);
    this.timer.unref();
  }

  onCommitted({ readings, statuses }: Committed): void {
    for (const r of readings) {
      const sensor = this.registry.get(r.deviceId);
      if (!sensor) continue;
      this.lastHeard.set(r.deviceId, r.receivedAt);
      for (const { rule, transition } of evaluateReading(rulesFor(sensor.kind), this.statesOf(r.deviceId), r))
        this.apply(sensor, rule, transition, r.receivedAt);
    }
    for (const s of statuses) this.onStatus(s);
  }

  private onStatus(s: StoredStatus): void {
    const sensor = this.registry.get(s.deviceId);
    if (!sensor) return;
    this.lastHeard.set(s.deviceId, s.receivedAt);
    const rule = rulesFor(sensor.kind).find((r) => r.type === 'silence');
    if (!rule) return;
    const states = this.statesOf(s.deviceId);
    const [next, t] = evaluateSilence(states.get(rule.id) ?? initialState(), { status: s.status });
    states.set(rule.id, next);
    if (t) this.apply(sensor, rule, t);
  }

  /** Raises the silence alarm of every device not heard from for the silence period. */
  checkSilence(): void {
    const now = this.nowMs();
    for (const sensor of this.registry.values()) {
      const rule = rulesFor(sensor.kind).find((r) => r.type === 'silence');
      if (!rule) continue;
      const states = this.statesOf(sensor.id);
      const silentForMs = now - (this.lastHeard.get(sensor.id) ?? this.startedAt);
      const [next, t] = evaluateSilence(states.get(rule.id) ?? initialState(), {
        silentForMs,
        silenceMs: this.opts.silenceMs,
      });
      states.set(rule.id, next);
      if (t) this.apply(sensor, rule, t);
    }
  }

  async acknowledge(id: string, by: string): Promise<Alarm | null> {
    const alarm = await acknowledgeAlarm(this.db, id, by, new Date(this.nowMs()).toISOString());
    if (alarm) this.live.publish('alarm', alarm);
    return alarm;
  }

  /** Waits for the alarm writes under way. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private statesOf(deviceId: string): Map<string, RuleState> {
    let m = this.ruleStates.get(deviceId);
    if (!m) {
      m = new Map();
      this.ruleStates.set(deviceId, m);
    }
    return m;
  }

  /** Called when a raise triggered by a message is written, with the time since the message arrived. */
  onRaised(listener: (latencyMs: number) => void): void {
    this.raisedListeners.push(listener);
  }

  private apply(sensor: SensorInfo, rule: AlarmRule, t: NonNullable<Transition>, receivedAt?: number): void {
    const key = `${sensor.id}|${rule.id}`;
    const before = this.open.get(key) ?? Promise.resolve(null);
    const at = new Date(this.nowMs()).toISOString();
    if (rule.type === 'silence') this.states.setOnline(sensor.id, t.to === 'cleared');
    const next: Promise<string | null> =
      t.to === 'raised'
        ? before.then(async () => {
            const id = await this.raise(sensor, rule, t, at);
            if (receivedAt !== undefined) for (const l of this.raisedListeners) l(this.nowMs() - receivedAt);
            return id;
          })
        : before.then((id) => this.clear(id, at));
    const guarded = next.catch((err: Error) => {
      this.opts.onError?.(err);
      return null;
    });
    this.open.set(key, guarded);
    this.pending.add(guarded);
    void guarded.finally(() => this.pending.delete(guarded));
  }

  private async raise(sensor: SensorInfo, rule: AlarmRule, t: NonNullable<Transition>, at: string): Promise<string> {
    const item = getItem(rule.itemCode);
    const message = alarmMessage(rule, sensor.id, t.value);
    const deadline = new Date(Date.parse(at) + item.timeLimitHours * 3600_000).toISOString();
    const alarm = await raiseAlarm(
      this.db,
      {
        deviceId: sensor.id,
        rule: rule.id,
        metric: rule.metric,
        itemCode: item.code,
        severity: item.severity,
        message,
        value: t.value,
        threshold: t.threshold,
        raisedAt: at,
        position: sensor.position,
        gridId: sensor.gridId,
      },
      {
        h3: latLngToCell(sensor.position[1], sensor.position[0], H3_RES),
        departmentId: item.departmentId,
        deadlineAt: deadline,
        description: `【感知告警】${KIND_ZH[sensor.kind]} ${message}：${itemPath(item.code)}`,
      },
    );
    this.live.publish('alarm', alarm);
    // raiseAlarm files the event in the same transaction, so a raised alarm always names it.
    if (alarm.eventId === null) throw new Error(`alarm ${alarm.id} was raised without its event`);
    this.live.publish('event', {
      id: alarm.eventId,
      itemCode: item.code,
      source: 'sensor',
      gridId: sensor.gridId,
      position: sensor.position,
      reportedAt: at,
      deadlineAt: deadline,
      departmentId: item.departmentId,
      status: 'reported',
      alarmId: alarm.id,
      description: message,
    });
    return alarm.id;
  }

  private async clear(id: string | null, at: string): Promise<null> {
    if (!id) return null;
    const alarm = await clearAlarm(this.db, id, at);
    if (alarm) this.live.publish('alarm', alarm);
    return null;
  }
}

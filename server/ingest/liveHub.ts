// The live feed (实时推送) behind GET /api/live: sensor state changes, alarms and new events. Alarms
// and events go out at once; sensor changes are coalesced per device and sent as one `sensors`
// message per interval, so a 40,000 msg/s stream does not become 40,000 SSE messages.
import type { LiveMessages } from '../domain/live';
import type { SensorState } from '../domain/sensorState';

/** The messages the hub publishes (the route writes `ready` itself, once per connection). */
export type LiveMessageName = Exclude<keyof LiveMessages, 'ready'>;
/** One message, typed by its name: `data` is what the client parses for that SSE event. */
export type LiveMessage = {
  [E in LiveMessageName]: {
    /** Increasing per hub, for the SSE `id:` field. */
    id: number;
    event: E;
    data: LiveMessages[E];
  };
}[LiveMessageName];
export type LiveListener = (m: LiveMessage) => void;

export class LiveHub {
  private listeners = new Set<LiveListener>();
  private changed = new Map<string, SensorState>();
  private seq = 0;
  private timer: NodeJS.Timeout;

  constructor(readonly sensorIntervalMs = 1000) {
    this.timer = setInterval(() => this.flushSensors(), sensorIntervalMs);
    this.timer.unref();
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends LiveMessageName>(event: E, data: LiveMessages[E]): void {
    const m = { id: ++this.seq, event, data } as LiveMessage;
    for (const l of this.listeners) l(m);
  }

  sensorChanged(state: SensorState): void {
    this.changed.set(state.deviceId, state);
  }

  flushSensors(): void {
    if (this.changed.size === 0) return;
    const states = [...this.changed.values()];
    this.changed.clear();
    if (this.listeners.size) this.publish('sensors', states);
  }

  close(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }
}

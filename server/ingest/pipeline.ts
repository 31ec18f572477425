// The ingest pipeline (数据接入): every device message is validated, then held in a bounded buffer
// until the group commit has written it to DuckDB; only then is its `done` called (and so the device's
// PUBACK sent). Flushes run back to back, scheduled with setImmediate whenever messages wait, so a
// batch is whatever arrived during the previous flush. A bad message is kept in the reject table
// with its reason and counted; duplicates (same device and ts) are stored once.
import type { LonLat, SensorKind } from '../domain/model';
import { parseTopic, REJECT_REASONS, type RejectReason } from '../domain/telemetry';
import type { Db } from '../store/db';
import {
  commitIngestBatch,
  latestReadingTimes,
  type RejectRecord,
  type StoredReading,
  type StoredStatus,
} from '../store/telemetry';
import { parseStatus, parseTelemetry } from './payloads';

/** A registered sensing terminal, as the ingest needs it. */
export interface SensorInfo {
  id: string;
  kind: SensorKind;
  position: LonLat;
  gridId: string;
}

export type Done = (err?: Error) => void;

export interface Committed {
  readings: StoredReading[];
  statuses: StoredStatus[];
}

export interface PipelineOptions {
  /** Messages the buffer holds before sources are asked to pause. */
  capacity: number;
  nowMs?: () => number;
  /** Called after each commit with what was stored (in arrival order). */
  onCommitted?: (c: Committed) => void;
  onError?: (err: Error) => void;
}

export interface IngestCounters {
  received: number;
  stored: number;
  duplicates: number;
  rejected: Record<RejectReason, number>;
  statusReports: number;
  flushes: number;
  failedFlushes: number;
}

/** One group commit: how many messages, how long from taking the batch to its commit, and whether it held. */
export interface Flushed {
  messages: number;
  ms: number;
  ok: boolean;
}

type Entry =
  | { type: 'reading'; value: StoredReading; done: Done }
  | { type: 'status'; value: StoredStatus; done: Done }
  | { type: 'reject'; value: RejectRecord; done: Done };

export class IngestPipeline {
  readonly counters: IngestCounters = {
    received: 0,
    stored: 0,
    duplicates: 0,
    statusReports: 0,
    flushes: 0,
    failedFlushes: 0,
    rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
  };
  private pending: Entry[] = [];
  private inFlight = 0;
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  private latest = new Map<string, number>();
  private drainListeners: Array<() => void> = [];
  private flushListeners: Array<(f: Flushed) => void> = [];
  private readonly nowMs: () => number;

  private constructor(
    private readonly db: Db,
    private readonly registry: ReadonlyMap<string, SensorInfo>,
    private readonly opts: PipelineOptions,
  ) {
    this.nowMs = opts.nowMs ?? Date.now;
  }

  static async open(db: Db, registry: ReadonlyMap<string, SensorInfo>, opts: PipelineOptions): Promise<IngestPipeline> {
    const p = new IngestPipeline(db, registry, opts);
    p.latest = await latestReadingTimes(db);
    return p;
  }

  /** Messages accepted and not yet committed. */
  get depth(): number {
    return this.pending.length + this.inFlight;
  }
  get capacity(): number {
    return this.opts.capacity;
  }

  /**
   * Takes one message. `done` is called once it is committed (stored, counted as a duplicate, or
   * stored as a reject). Returns true when the buffer is full: the caller should pause its source
   * until `onDrain` fires.
   */
  accept(topic: string, payload: Uint8Array, done: Done): boolean {
    const receivedAt = this.nowMs();
    this.counters.received++;
    const route = parseTopic(topic);
    const sensor = route ? this.registry.get(route.deviceId) : undefined;
    let entry: Entry;
    if (!route)
      entry = this.reject(topic, null, 'bad_topic', 'not a device topic of contract v1', payload, receivedAt, done);
    else if (!sensor)
      entry = this.reject(
        topic,
        route.deviceId,
        'unknown_device',
        `${route.deviceId} is not a registered sensor`,
        payload,
        receivedAt,
        done,
      );
    else if (route.channel === 'telemetry') {
      const r = parseTelemetry(sensor.id, sensor.kind, payload, receivedAt);
      entry = r.ok
        ? { type: 'reading', value: { ...r.value, receivedAt }, done }
        : this.reject(topic, sensor.id, r.reason, r.detail, payload, receivedAt, done);
    } else {
      const r = parseStatus(sensor.id, payload, receivedAt);
      entry = r.ok
        ? { type: 'status', value: { ...r.value, receivedAt }, done }
        : this.reject(topic, sensor.id, r.reason, r.detail, payload, receivedAt, done);
    }
    this.pending.push(entry);
    this.schedule();
    return this.depth >= this.opts.capacity;
  }

  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }

  /** Called after every group commit, failed or not, with its size and how long it took. */
  onFlushed(listener: (f: Flushed) => void): void {
    this.flushListeners.push(listener);
  }

  /** Waits until everything accepted so far is committed. */
  async settle(): Promise<void> {
    while (this.flushing || this.pending.length) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private reject(
    topic: string,
    deviceId: string | null,
    reason: RejectReason,
    detail: string,
    payload: Uint8Array,
    receivedAt: number,
    done: Done,
  ): Entry {
    this.counters.rejected[reason]++;
    // copy: the broker may reuse the packet's buffer
    return {
      type: 'reject',
      value: { receivedAt, topic, deviceId, reason, detail, payload: Uint8Array.from(payload.subarray(0, 1024)) },
      done,
    };
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    this.inFlight = batch.length;
    const started = performance.now();
    const failedBefore = this.counters.failedFlushes;
    this.flushing = this.commit(batch).finally(() => {
      const flushed = {
        messages: batch.length,
        ms: performance.now() - started,
        ok: this.counters.failedFlushes === failedBefore,
      };
      for (const l of this.flushListeners) l(flushed);
      this.inFlight = 0;
      this.flushing = null;
      if (this.pending.length) this.schedule();
      if (this.depth < this.opts.capacity / 2) for (const l of this.drainListeners) l();
    });
    return this.flushing;
  }

  private async commit(batch: Entry[]): Promise<void> {
    const fresh: StoredReading[] = [];
    const recheck: StoredReading[] = [];
    const statuses: StoredStatus[] = [];
    const rejects: RejectRecord[] = [];
    const seen = new Set<string>();
    let repeated = 0;
    for (const e of batch) {
      if (e.type === 'reading') {
        const r = e.value;
        const key = `${r.deviceId}|${r.ts}`;
        if (seen.has(key)) {
          repeated++;
          continue;
        }
        seen.add(key);
        if (r.ts > (this.latest.get(r.deviceId) ?? -Infinity)) fresh.push(r);
        else recheck.push(r);
      } else if (e.type === 'status') statuses.push(e.value);
      else rejects.push(e.value);
    }
    let duplicates: StoredReading[];
    try {
      duplicates = await commitIngestBatch(this.db, { fresh, recheck, statuses, rejects });
    } catch (err) {
      // Nothing was acknowledged: the senders keep the messages and send them again.
      this.counters.failedFlushes++;
      for (const e of batch) e.done(err as Error);
      this.opts.onError?.(err as Error);
      return;
    }
    const dup = new Set(duplicates);
    const stored = dup.size
      ? [...fresh, ...recheck.filter((r) => !dup.has(r))]
      : recheck.length
        ? [...fresh, ...recheck]
        : fresh;
    for (const r of stored) if (r.ts > (this.latest.get(r.deviceId) ?? -Infinity)) this.latest.set(r.deviceId, r.ts);
    this.counters.flushes++;
    this.counters.stored += stored.length;
    this.counters.duplicates += repeated + dup.size;
    this.counters.statusReports += statuses.length;
    for (const e of batch) e.done();
    if (stored.length || statuses.length) {
      if (recheck.length) stored.sort((a, b) => a.receivedAt - b.receivedAt);
      this.opts.onCommitted?.({ readings: stored, statuses });
    }
  }
}

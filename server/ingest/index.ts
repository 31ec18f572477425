// Live sensing, started with the server: the device registry and accounts, the broker (embedded, or
// a subscription to an external one), the group-commit pipeline, latest states, alarm rules, the
// live feed, and the periodic rollups and retention. `startIngest` returns the running parts and the
// function that stops them cleanly (the buffer is committed before the broker goes away).
import type { Config } from '../config';
import type { RejectReason } from '../domain/telemetry';
import type { Db } from '../store/db';
import { listMqttAccounts } from '../store/mqttAccounts';
import { listSensors } from '../store/sensors';
import { latestRollupMinute, pruneRaw, rollUpMinutes } from '../store/telemetry';
import { AlarmEngine } from './alarmEngine';
import { type EmbeddedBroker, startEmbeddedBroker } from './broker';
import { type CredentialsFile, provisionCredentials } from './credentials';
import { LiveHub } from './liveHub';
import { IngestPipeline, type SensorInfo } from './pipeline';
import { SensorStates } from './sensorStates';
import { type ExternalSubscriber, startExternalSubscriber } from './subscriber';

/** The part of the server's configuration that live sensing reads (see server/config.ts). */
export type IngestConfig = Pick<
  Config,
  | 'mqttPort'
  | 'mqttHost'
  | 'mqttUrl'
  | 'mqttUsername'
  | 'mqttPassword'
  | 'mqttClientId'
  | 'mqttShareGroup'
  | 'mqttProtocol'
  | 'credentialsPath'
  | 'ingestBuffer'
  | 'sensorSilenceS'
  | 'retentionDays'
  | 'liveIntervalMs'
> & {
  /** How often per-minute rollups are brought up to date (default 10 s). */
  rollupIntervalMs?: number;
  /** The embedded broker closes a connection with no CONNECT after this time (default 30 s). */
  mqttConnectTimeoutMs?: number;
};

/** What GET /api/ingest/stats reports: counts since start and the buffer now. */
export interface IngestStats {
  since: string;
  broker: { mode: 'embedded' | 'external'; url: string; connected: boolean };
  received: number;
  stored: number;
  duplicates: number;
  rejected: { total: number; byReason: Record<RejectReason, number> };
  statusReports: number;
  bufferDepth: number;
  bufferCapacity: number;
  flushes: number;
  failedFlushes: number;
  liveSubscribers: number;
}

export interface Ingest {
  /** The broker devices connect to (mqtt://host:port). */
  brokerUrl: string;
  /** The embedded broker's port (0 with an external broker). */
  mqttPort: number;
  credentials: CredentialsFile;
  registry: ReadonlyMap<string, SensorInfo>;
  pipeline: IngestPipeline;
  live: LiveHub;
  states: SensorStates;
  alarms: AlarmEngine;
  stats(): IngestStats;
  /** Waits until what was received is committed, its state saved and its alarms written. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startIngest(
  db: Db,
  config: IngestConfig,
  log: (msg: string) => void = (m) => console.error(`[ingest] ${m}`),
): Promise<Ingest> {
  const sensors = await listSensors(db, {});
  const registry = new Map<string, SensorInfo>(
    sensors.map((s) => [s.id, { id: s.id, kind: s.kind, position: s.position, gridId: s.gridId }]),
  );
  const credentials = await provisionCredentials(
    db,
    sensors.map((s) => s.id),
    config.credentialsPath,
    new Date().toISOString(),
  );
  const accounts = new Map((await listMqttAccounts(db)).map((a) => [a.username, a]));

  const live = new LiveHub(config.liveIntervalMs);
  const states = new SensorStates(db, live);
  await states.load();
  // eslint-disable-next-line prefer-const
  let alarms: AlarmEngine;
  const pipeline = await IngestPipeline.open(db, registry, {
    capacity: config.ingestBuffer,
    onCommitted: (c) => {
      for (const r of c.readings) states.applyReading(r);
      for (const s of c.statuses) states.applyStatus(s);
      alarms.onCommitted(c);
    },
    onError: (err) => log(`commit failed (nothing acknowledged): ${err.message}`),
  });
  alarms = new AlarmEngine(db, registry, live, states, {
    silenceMs: config.sensorSilenceS * 1000,
    onError: (err) => log(`alarm write failed: ${err.message}`),
  });
  await alarms.start();

  let broker: EmbeddedBroker | null = null;
  let subscriber: ExternalSubscriber | null = null;
  let brokerUrl: string;
  if (config.mqttUrl) {
    subscriber = startExternalSubscriber({
      url: config.mqttUrl,
      username: config.mqttUsername || credentials.server.username,
      password: config.mqttPassword || credentials.server.password,
      clientId: config.mqttClientId,
      shareGroup: config.mqttShareGroup,
      protocolVersion: config.mqttProtocol,
      receiveMaximum: Math.min(65_535, config.ingestBuffer),
      pipeline,
      log,
    });
    brokerUrl = config.mqttUrl;
    // Wait (a while) for the subscription, so "started" means messages are being kept for us; a
    // broker that is down does not stop the server: the subscriber keeps reconnecting.
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
    if ((await Promise.race([subscriber.subscribed, timeout])) === 'timeout')
      log(`no subscription on ${config.mqttUrl} yet; retrying in the background`);
  } else {
    broker = await startEmbeddedBroker({
      port: config.mqttPort,
      host: config.mqttHost,
      accounts,
      pipeline,
      log,
      connectTimeoutMs: config.mqttConnectTimeoutMs,
    });
    brokerUrl = `mqtt://${config.mqttHost === '0.0.0.0' ? '127.0.0.1' : config.mqttHost}:${broker.port}`;
  }

  // Periodic work: states saved every second, rollups every 10 s, retention hourly.
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, job: () => Promise<void>) => {
    let running = false;
    const t = setInterval(() => {
      if (running) return;
      running = true;
      job()
        .catch((err: Error) => log(err.message))
        .finally(() => (running = false));
    }, ms);
    t.unref();
    timers.push(t);
  };
  let rolledFrom = ((await latestRollupMinute(db)) ?? 0) - 10 * 60_000;
  const rollUp = async () => {
    const startedAt = Date.now();
    await rollUpMinutes(db, rolledFrom);
    // rows received just before this run may commit just after it: overlap the next run
    rolledFrom = startedAt - 5_000;
  };
  every(1000, () => states.save());
  every(config.rollupIntervalMs ?? 10_000, rollUp);
  every(3600_000, () => pruneRaw(db, Date.now() - config.retentionDays * 86_400_000));

  const startedAt = new Date().toISOString();
  const mode = subscriber ? 'external' : 'embedded';
  const settle = async () => {
    await pipeline.settle();
    await alarms.settle();
    live.flushSensors();
    await states.save();
    await rollUp();
  };
  return {
    brokerUrl,
    mqttPort: broker?.port ?? 0,
    credentials,
    registry,
    pipeline,
    live,
    states,
    alarms,
    settle,
    stats: () => {
      const c = pipeline.counters;
      return {
        since: startedAt,
        broker: { mode, url: brokerUrl, connected: subscriber ? subscriber.connected() : true },
        received: c.received,
        stored: c.stored,
        duplicates: c.duplicates,
        rejected: { total: Object.values(c.rejected).reduce((a, b) => a + b, 0), byReason: { ...c.rejected } },
        statusReports: c.statusReports,
        bufferDepth: pipeline.depth,
        bufferCapacity: pipeline.capacity,
        flushes: c.flushes,
        failedFlushes: c.failedFlushes,
        liveSubscribers: live.subscribers,
      };
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      alarms.stop();
      await pipeline.settle();
      if (subscriber) await subscriber.close();
      if (broker) await broker.close();
      await pipeline.settle();
      await alarms.settle();
      await states.save();
      live.close();
    },
  };
}

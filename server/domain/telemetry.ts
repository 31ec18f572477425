// The device contract (设备接入协议), version 1: MQTT topics, metrics and their ranges, what a reading
// holds. docs/asyncapi.yaml documents the same contract for device makers; server/ingest/payloads.ts
// validates payloads against it. Pure and free of zod: the client imports METRICS from here.
import type { SensorKind } from './model';

export const CONTRACT_VERSION = 1;
/** Every device topic starts here: `wendu/v1/devices/{deviceId}/{channel}`. */
export const TOPIC_PREFIX = `wendu/v${CONTRACT_VERSION}/devices`;
export type DeviceChannel = 'telemetry' | 'status';

/** Larger payloads are rejected unread ("oversized"); a reading is about 200 bytes. */
export const MAX_PAYLOAD_BYTES = 1024;
/** Readings older than this, or later than `MAX_FUTURE_MS` ahead of the server's clock, are out of range. */
export const MAX_AGE_MS = 7 * 24 * 3600_000;
export const MAX_FUTURE_MS = 5 * 60_000;

const DEVICE_ID = /^[A-Z]{2}-\d{2,6}$/;
const TOPIC = /^wendu\/v1\/devices\/([^/]+)\/(telemetry|status)$/;

export const telemetryTopic = (deviceId: string) => `${TOPIC_PREFIX}/${deviceId}/telemetry`;
export const statusTopic = (deviceId: string) => `${TOPIC_PREFIX}/${deviceId}/status`;

/** The device and channel a topic addresses, or null when it is not a device topic of this contract. */
export function parseTopic(topic: string): { deviceId: string; channel: DeviceChannel } | null {
  const m = TOPIC.exec(topic);
  if (!m || !DEVICE_ID.test(m[1]!)) return null;
  return { deviceId: m[1]!, channel: m[2] as DeviceChannel };
}

/** A device may publish only on its own topics (the broker ACL; the username is the device id). */
export function mayPublish(deviceId: string, topic: string): boolean {
  return parseTopic(topic)?.deviceId === deviceId;
}

/** The numeric metrics, their units and valid ranges. `coverOpen` is the one boolean metric. */
export const METRICS = {
  waterLevelM: { unit: 'm', min: 0, max: 10, kinds: ['manhole'], zh: '井内水位' },
  coverTiltDeg: { unit: '°', min: 0, max: 90, kinds: ['manhole'], zh: '井盖倾角' },
  ch4Lel: { unit: '%LEL', min: 0, max: 100, kinds: ['manhole'], zh: '甲烷' },
  h2sPpm: { unit: 'ppm', min: 0, max: 1000, kinds: ['manhole'], zh: '硫化氢' },
  rainfallMmH: { unit: 'mm/h', min: 0, max: 300, kinds: ['rain-gauge'], zh: '降雨强度' },
  riverLevelM: { unit: 'm', min: 0, max: 30, kinds: ['river-gauge'], zh: '河道水位' },
  batteryPct: { unit: '%', min: 0, max: 100, kinds: ['manhole', 'rain-gauge', 'river-gauge'], zh: '电量' },
  signalDbm: { unit: 'dBm', min: -140, max: 0, kinds: ['manhole', 'rain-gauge', 'river-gauge'], zh: '信号' },
} as const satisfies Record<
  string,
  { unit: string; min: number; max: number; kinds: readonly SensorKind[]; zh: string }
>;
export type NumericMetric = keyof typeof METRICS;
export const NUMERIC_METRICS = Object.keys(METRICS) as NumericMetric[];
export type Metric = NumericMetric | 'coverOpen';

/** One validated reading (遥测数据). `ts` is the device's time, epoch milliseconds. */
export interface Reading {
  deviceId: string;
  ts: number;
  waterLevelM?: number;
  coverTiltDeg?: number;
  coverOpen?: boolean;
  ch4Lel?: number;
  h2sPpm?: number;
  rainfallMmH?: number;
  riverLevelM?: number;
  batteryPct?: number;
  signalDbm?: number;
}

/** A status message: "online" on connect, "offline" as the device's last will. */
export interface StatusReport {
  deviceId: string;
  status: 'online' | 'offline';
  ts: number;
}

/** Why a message was refused (kept with it in the reject table and counted by reason). */
export const REJECT_REASONS = [
  'oversized',
  'malformed',
  'invalid',
  'out_of_range',
  'unknown_device',
  'bad_topic',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; detail: string };

/** The value of `metric` in a reading as a number (coverOpen: 1/0), or undefined when absent. */
export function metricValue(r: Reading, m: Metric): number | undefined {
  const v = r[m];
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

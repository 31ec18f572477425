// The device contract (设备接入协议), version 1: MQTT topics and JSON payloads of the sensing
// terminals, validated with zod. docs/asyncapi.yaml documents the same contract for device makers.
// Pure: no I/O; the clock is passed in.
import { z } from 'zod';
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

const metric = (m: NumericMetric) => z.number().min(METRICS[m].min).max(METRICS[m].max);
const ts = z.number().int();
const common = { ts, batteryPct: metric('batteryPct'), signalDbm: metric('signalDbm') };

/** The payload of each kind's telemetry topic. Unknown fields are an error (strict). */
export const TELEMETRY_SCHEMAS = {
  manhole: z.strictObject({
    ...common,
    waterLevelM: metric('waterLevelM'),
    coverTiltDeg: metric('coverTiltDeg'),
    coverOpen: z.boolean(),
    ch4Lel: metric('ch4Lel'),
    h2sPpm: metric('h2sPpm'),
  }),
  'rain-gauge': z.strictObject({ ...common, rainfallMmH: metric('rainfallMmH') }),
  'river-gauge': z.strictObject({ ...common, riverLevelM: metric('riverLevelM') }),
} as const satisfies Record<SensorKind, z.ZodType>;

export const STATUS_SCHEMA = z.strictObject({ status: z.enum(['online', 'offline']), ts: ts.optional() });

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

const reject = (reason: RejectReason, detail: string): { ok: false; reason: RejectReason; detail: string } => ({
  ok: false,
  reason,
  detail,
});

function decodeJson(payload: Uint8Array): Parsed<unknown> {
  if (payload.byteLength > MAX_PAYLOAD_BYTES)
    return reject('oversized', `${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return reject('malformed', 'not UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return reject('malformed', `not JSON: ${(err as Error).message}`.slice(0, 200));
  }
}

function fromZod(error: z.ZodError): { ok: false; reason: RejectReason; detail: string } {
  const ranged = error.issues.every((i) => i.code === 'too_big' || i.code === 'too_small');
  const detail = error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
  return reject(ranged ? 'out_of_range' : 'invalid', detail.slice(0, 300));
}

function checkTime(t: number, nowMs: number): string | null {
  if (t < nowMs - MAX_AGE_MS) return `ts: ${t} is more than 7 days old`;
  if (t > nowMs + MAX_FUTURE_MS) return `ts: ${t} is more than 5 minutes ahead of the server clock`;
  return null;
}

/** Validates a telemetry payload from a device of `kind`. */
export function parseTelemetry(
  deviceId: string,
  kind: SensorKind,
  payload: Uint8Array,
  nowMs: number,
): Parsed<Reading> {
  const json = decodeJson(payload);
  if (!json.ok) return json;
  const r = TELEMETRY_SCHEMAS[kind].safeParse(json.value);
  if (!r.success) return fromZod(r.error);
  const late = checkTime(r.data.ts, nowMs);
  if (late) return reject('out_of_range', late);
  return { ok: true, value: { deviceId, ...r.data } };
}

/** Validates a status payload; a last will carries no time, so `ts` defaults to the arrival time. */
export function parseStatus(deviceId: string, payload: Uint8Array, nowMs: number): Parsed<StatusReport> {
  const json = decodeJson(payload);
  if (!json.ok) return json;
  const r = STATUS_SCHEMA.safeParse(json.value);
  if (!r.success) return fromZod(r.error);
  const t = r.data.ts ?? nowMs;
  const late = checkTime(t, nowMs);
  if (late) return reject('out_of_range', late);
  return { ok: true, value: { deviceId, status: r.data.status, ts: t } };
}

/** The value of `metric` in a reading as a number (coverOpen: 1/0), or undefined when absent. */
export function metricValue(r: Reading, m: Metric): number | undefined {
  const v = r[m];
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

// Validation of device payloads (the device contract of server/domain/telemetry.ts) with zod: bytes
// in, a reading or a reason to reject out. Pure: no I/O; the clock is passed in. Kept out of the
// domain module so the client, which imports METRICS, does not bundle zod.
import { z } from 'zod';
import type { SensorKind } from '../domain/model';
import {
  MAX_AGE_MS,
  MAX_FUTURE_MS,
  MAX_PAYLOAD_BYTES,
  METRICS,
  type NumericMetric,
  type Parsed,
  type Reading,
  type RejectReason,
  type StatusReport,
} from '../domain/telemetry';

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

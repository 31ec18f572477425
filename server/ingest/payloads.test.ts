import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../domain/telemetry';
import { parseStatus, parseTelemetry } from './payloads';

const NOW = Date.parse('2026-11-01T08:00:00Z');
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const manhole = {
  ts: NOW,
  waterLevelM: 0.4,
  coverTiltDeg: 1.2,
  coverOpen: false,
  ch4Lel: 1,
  h2sPpm: 0.3,
  batteryPct: 88,
  signalDbm: -80,
};

describe('parseTelemetry', () => {
  it.each([
    ['a valid manhole reading', 'manhole', manhole, null],
    ['a valid rain gauge reading', 'rain-gauge', { ts: NOW, rainfallMmH: 12.5, batteryPct: 70, signalDbm: -90 }, null],
    ['a valid river gauge reading', 'river-gauge', { ts: NOW, riverLevelM: 2.1, batteryPct: 70, signalDbm: -90 }, null],
    ['not JSON', 'manhole', '{"ts": 1,', 'malformed'],
    ['a missing field', 'manhole', { ...manhole, ch4Lel: undefined }, 'invalid'],
    [
      'a field of another kind',
      'rain-gauge',
      { ts: NOW, rainfallMmH: 1, batteryPct: 70, signalDbm: -90, waterLevelM: 1 },
      'invalid',
    ],
    ['a string for a number', 'manhole', { ...manhole, h2sPpm: '0.3' }, 'invalid'],
    ['an array', 'manhole', [1, 2, 3], 'invalid'],
    ['a battery over 100 %', 'manhole', { ...manhole, batteryPct: 101 }, 'out_of_range'],
    ['a negative water level', 'manhole', { ...manhole, waterLevelM: -0.1 }, 'out_of_range'],
    ['a reading from 8 days ago', 'manhole', { ...manhole, ts: NOW - 8 * 86_400_000 }, 'out_of_range'],
    ['a reading 10 minutes ahead', 'manhole', { ...manhole, ts: NOW + 600_000 }, 'out_of_range'],
    ['a fractional ts', 'manhole', { ...manhole, ts: NOW + 0.5 }, 'invalid'],
  ] as const)('%s', (_t, kind, payload, reason) => {
    const r = parseTelemetry('MH-0001', kind, bytes(payload), NOW);
    if (reason === null) expect(r.ok).toBe(true);
    else expect(r.ok ? 'accepted' : r.reason).toBe(reason);
  });

  it('refuses oversized payloads unread', () => {
    const r = parseTelemetry('MH-0001', 'manhole', new Uint8Array(MAX_PAYLOAD_BYTES + 1), NOW);
    expect(r.ok ? null : r.reason).toBe('oversized');
  });

  it('refuses invalid UTF-8 as malformed', () => {
    const r = parseTelemetry('MH-0001', 'manhole', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), NOW);
    expect(r.ok ? null : r.reason).toBe('malformed');
  });

  it('never throws and never accepts garbage (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.json().map((j) => bytes(j)),
          fc.anything().map((a) => bytes(JSON.stringify(a) ?? 'null')),
        ),
        (payload) => {
          const r = parseTelemetry('MH-0001', 'manhole', payload, NOW);
          if (r.ok) throw new Error('accepted');
          return ['oversized', 'malformed', 'invalid', 'out_of_range'].includes(r.reason);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseStatus', () => {
  it.each([
    ['online with a time', { status: 'online', ts: NOW - 5 }, 'online', NOW - 5],
    ['a last will without a time takes the arrival time', { status: 'offline' }, 'offline', NOW],
  ] as const)('%s', (_t, payload, status, ts) => {
    expect(parseStatus('RG-01', bytes(payload), NOW)).toEqual({ ok: true, value: { deviceId: 'RG-01', status, ts } });
  });
  it('refuses other words', () => {
    const r = parseStatus('RG-01', bytes({ status: 'sleepy' }), NOW);
    expect(r.ok ? null : r.reason).toBe('invalid');
  });
});

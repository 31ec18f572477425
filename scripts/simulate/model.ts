// Believable telemetry for the simulated sensing terminals: a daily rhythm, noise, battery drain,
// and the scripted incidents (a rainstorm raising rain gauges, river and manhole water together, a
// lifted cover, a gas leak, a device going silent). Pure apart from the random source passed in.
import type { SensorKind } from '../../server/domain/model';

export const INCIDENTS = ['rainstorm', 'cover-open', 'gas-leak', 'silence'] as const;
export type Incident = (typeof INCIDENTS)[number];

/** The kind a device id stands for: MH smart manhole, RG rain gauge, RL river gauge. */
export function kindOf(deviceId: string): SensorKind | null {
  const prefix = deviceId.slice(0, 2);
  return prefix === 'MH' ? 'manhole' : prefix === 'RG' ? 'rain-gauge' : prefix === 'RL' ? 'river-gauge' : null;
}

export interface DeviceModel {
  id: string;
  kind: SensorKind;
  battery: number;
  baseLevel: number;
  lastTs: number;
}

export function newDevice(id: string, kind: SensorKind, random: () => number): DeviceModel {
  return {
    id,
    kind,
    battery: 55 + random() * 45,
    baseLevel: kind === 'river-gauge' ? 1.8 + random() * 0.6 : 0.2 + random() * 0.3,
    lastTs: 0,
  };
}

export interface Scene {
  /** 0..1: how far the rainstorm has built up. */
  storm: number;
  /** The manhole whose cover is lifted / that leaks gas; the device that fell silent. */
  coverOpen: string | null;
  gasLeak: string | null;
  silent: string | null;
}

export const calmScene = (): Scene => ({ storm: 0, coverOpen: null, gasLeak: null, silent: null });

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** One reading of `d` at `nowMs` (its ts strictly after the previous one), as the JSON payload object. */
export function reading(
  d: DeviceModel,
  scene: Scene,
  nowMs: number,
  random: () => number,
): Record<string, number | boolean> {
  const ts = Math.max(Math.floor(nowMs), d.lastTs + 1);
  d.lastTs = ts;
  d.battery = Math.max(1, d.battery - 0.0005);
  const hour = (ts / 3600_000 + 8) % 24; // Beijing time
  const daily = Math.sin(((hour - 6) / 24) * 2 * Math.PI); // high in the afternoon
  const noise = (scale: number) => (random() - 0.5) * 2 * scale;
  const common = { ts, batteryPct: round(d.battery, 1), signalDbm: Math.round(clamp(-82 + noise(8), -120, -40)) };
  switch (d.kind) {
    case 'rain-gauge':
      return {
        ...common,
        rainfallMmH: round(clamp(scene.storm * 65 + (scene.storm > 0 ? noise(4) : Math.max(0, noise(0.6))), 0, 300), 1),
      };
    case 'river-gauge':
      return {
        ...common,
        riverLevelM: round(clamp(d.baseLevel + 0.05 * daily + scene.storm * 2.9 + noise(0.01), 0, 30), 3),
      };
    case 'manhole': {
      const open = scene.coverOpen === d.id;
      const leak = scene.gasLeak === d.id;
      return {
        ...common,
        waterLevelM: round(clamp(d.baseLevel + 0.05 * daily + scene.storm * 2.2 + noise(0.02), 0, 10), 3),
        coverTiltDeg: round(open ? 32 + noise(3) : Math.abs(noise(1.2)), 1),
        coverOpen: open,
        ch4Lel: round(leak ? 42 + noise(5) : clamp(1.2 + noise(0.8), 0, 100), 1),
        h2sPpm: round(leak ? 18 + noise(3) : clamp(0.6 + noise(0.4), 0, 1000), 2),
      };
    }
  }
}

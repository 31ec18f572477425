// The smart manhole's cutaway (窨井剖面) as plain numbers (pure): from the latest reading to the water's
// height in the shaft, the cover's pose and the gas haze's strength and tint. The levels come from the
// same alarm rules the server raises alarms with (server/domain/alarms.ts), so the picture turns red
// exactly when an alarm would be raised.
import { ALARM_RULES, type ThresholdRule } from '@domain/alarms';
import type { Reading } from '@domain/telemetry';
import { levelColors, type MetricLevel, metricLevel, thresholdsOf } from '../sensorPanel.model';

/** The drawn well, metres: a large (900 mm) cover over a shaft about 3 m deep. */
export const WELL = {
  depthM: 3,
  shaftRadiusM: 0.42,
  wallM: 0.12,
  coverRadiusM: 0.45,
  coverThicknessM: 0.07,
} as const;

/** The manhole's part of a reading (any of it may be missing). */
export type ManholeReading = Partial<Pick<Reading, 'waterLevelM' | 'coverOpen' | 'coverTiltDeg' | 'ch4Lel' | 'h2sPpm'>>;

export type CoverPose = 'closed' | 'tilted' | 'open';

export interface CutawayView {
  /** False until the sensor has reported anything: the well is drawn empty and grey. */
  known: boolean;
  water: {
    /** Height above the shaft's floor, metres, within the drawn shaft. */
    heightM: number;
    /** Past the top of the drawn shaft (overflowing). */
    overflowing: boolean;
    level: MetricLevel;
    color: string;
  };
  /** The water alarm's raising level, metres (the dashed line on the wall). */
  alarmLineM: number;
  cover: {
    pose: CoverPose;
    /** Lifted about its hinge, degrees (0: flat). */
    angleDeg: number;
    level: MetricLevel;
    color: string;
  };
  gas: {
    /** The worse of CH4 and H2S as a share of its alarm level (1: at the level), 0–2. */
    strength: number;
    /** The haze's opacity, 0 when there is nothing to show. */
    opacity: number;
    color: string;
    level: MetricLevel;
  };
}

/** Below this tilt the cover is drawn flat (sensor noise; the simulator reports about 0.5°). */
export const TILT_DRAWN_FROM_DEG = 2;
/** Opacity of the haze at the alarm level; it stops growing at `MAX_HAZE`. */
export const HAZE_AT_ALARM = 0.32;
export const MAX_HAZE = 0.5;
/** Below this strength no haze is drawn. */
export const HAZE_FROM = 0.04;

const WATER_BLUE = '#2b7fd0';
const COVER_GREY = '#8d99ab';
const UNKNOWN_GREY = '#5b6678';
/** CH4 (methane) and H2S (hydrogen sulphide) tints of the haze. */
export const GAS_COLORS = { ch4: '#ffd54a', h2s: '#9ee04a' } as const;

const raiseAt = (id: string): number => (ALARM_RULES.find((r) => r.id === id) as ThresholdRule).raiseAt;
const WATER_ALARM_M = raiseAt('manhole.water-high');
const CH4_ALARM = raiseAt('manhole.ch4');
const H2S_ALARM = raiseAt('manhole.h2s');

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const finite = (v: number | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `a` moved a share `t` (0–1) towards `b`; both #rrggbb. */
export function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const ch = (p: number, shift: number) => (p >> shift) & 255;
  const out = [16, 8, 0].map((s) => Math.round(ch(pa, s) + (ch(pb, s) - ch(pa, s)) * clamp(t, 0, 1)));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function cutawayView(r: ManholeReading | null | undefined): CutawayView {
  const water = finite(r?.waterLevelM);
  const tilt = finite(r?.coverTiltDeg);
  const ch4 = finite(r?.ch4Lel);
  const h2s = finite(r?.h2sPpm);
  const known = water !== null || tilt !== null || ch4 !== null || h2s !== null || typeof r?.coverOpen === 'boolean';

  const waterLevel = metricLevel(thresholdsOf('manhole', 'waterLevelM'), water);
  // Water stays water-coloured, only warmed a little: the alarm band and the label carry the level.
  const waterColor = !known
    ? UNKNOWN_GREY
    : waterLevel === 'normal'
      ? WATER_BLUE
      : mix(WATER_BLUE, levelColors[waterLevel], 0.18);

  const open = r?.coverOpen === true;
  const tiltLevel = metricLevel(thresholdsOf('manhole', 'coverTiltDeg'), tilt);
  const pose: CoverPose = open ? 'open' : (tilt ?? 0) >= TILT_DRAWN_FROM_DEG ? 'tilted' : 'closed';
  const coverLevel: MetricLevel = open ? 'alarm' : tiltLevel;

  const ch4Share = (ch4 ?? 0) / CH4_ALARM;
  const h2sShare = (h2s ?? 0) / H2S_ALARM;
  const strength = clamp(Math.max(ch4Share, h2sShare), 0, 2);
  const gasLevel = worse(
    metricLevel(thresholdsOf('manhole', 'ch4Lel'), ch4),
    metricLevel(thresholdsOf('manhole', 'h2sPpm'), h2s),
  );
  const both = ch4Share + h2sShare;

  return {
    known,
    water: {
      heightM: clamp(water ?? 0, 0, WELL.depthM),
      overflowing: (water ?? 0) > WELL.depthM,
      level: waterLevel,
      color: waterColor,
    },
    alarmLineM: WATER_ALARM_M,
    cover: {
      pose,
      angleDeg: pose === 'tilted' ? clamp(tilt ?? 0, 0, 90) : 0,
      level: coverLevel,
      color: !known ? UNKNOWN_GREY : coverLevel === 'normal' ? COVER_GREY : levelColors[coverLevel],
    },
    gas: {
      strength,
      opacity: strength < HAZE_FROM ? 0 : Math.min(MAX_HAZE, HAZE_AT_ALARM * strength),
      color: both > 0 ? mix(GAS_COLORS.ch4, GAS_COLORS.h2s, h2sShare / both) : GAS_COLORS.ch4,
      level: gasLevel,
    },
  };
}

const rank: Record<MetricLevel, number> = { normal: 0, warning: 1, alarm: 2 };
const worse = (a: MetricLevel, b: MetricLevel): MetricLevel => (rank[a] >= rank[b] ? a : b);

/** Whether two views draw the same picture (the scene redraws only when they differ). */
export function sameView(a: CutawayView | null, b: CutawayView): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

import { describe, expect, it } from 'vitest';
import { levelColors } from '../sensorPanel.model';
import {
  type CoverPose,
  cutawayView,
  GAS_COLORS,
  HAZE_AT_ALARM,
  MAX_HAZE,
  type ManholeReading,
  mix,
  sameView,
  WELL,
} from './cutaway.model';

const calm: ManholeReading = { waterLevelM: 0.3, coverOpen: false, coverTiltDeg: 0.5, ch4Lel: 0, h2sPpm: 0 };

describe('cutawayView: water', () => {
  const cases: { title: string; reading: ManholeReading; heightM: number; overflowing: boolean; level: string }[] = [
    { title: 'low water', reading: calm, heightM: 0.3, overflowing: false, level: 'normal' },
    {
      title: 'between the levels: warning',
      reading: { ...calm, waterLevelM: 1.8 },
      heightM: 1.8,
      overflowing: false,
      level: 'warning',
    },
    {
      title: 'at the alarm level',
      reading: { ...calm, waterLevelM: 2 },
      heightM: 2,
      overflowing: false,
      level: 'alarm',
    },
    {
      title: 'above the shaft: drawn full, overflowing',
      reading: { ...calm, waterLevelM: 4.2 },
      heightM: WELL.depthM,
      overflowing: true,
      level: 'alarm',
    },
    { title: 'missing: empty', reading: { coverOpen: false }, heightM: 0, overflowing: false, level: 'normal' },
    {
      title: 'not a number: empty',
      reading: { ...calm, waterLevelM: Number.NaN },
      heightM: 0,
      overflowing: false,
      level: 'normal',
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const v = cutawayView(c.reading);
      expect([v.water.heightM, v.water.overflowing, v.water.level]).toEqual([c.heightM, c.overflowing, c.level]);
    });
  }
  it('the alarm line is the rule’s raising level', () => expect(cutawayView(calm).alarmLineM).toBe(2));
  it('water is warmed a little in alarm', () =>
    expect(cutawayView({ ...calm, waterLevelM: 2.5 }).water.color).not.toBe(cutawayView(calm).water.color));
});

describe('cutawayView: cover', () => {
  const cases: { title: string; reading: ManholeReading; pose: CoverPose; angleDeg: number; level: string }[] = [
    { title: 'closed, sensor noise in the tilt', reading: calm, pose: 'closed', angleDeg: 0, level: 'normal' },
    { title: 'slightly tilted', reading: { ...calm, coverTiltDeg: 5 }, pose: 'tilted', angleDeg: 5, level: 'normal' },
    {
      title: 'tilted into warning',
      reading: { ...calm, coverTiltDeg: 10 },
      pose: 'tilted',
      angleDeg: 10,
      level: 'warning',
    },
    {
      title: 'tilted into alarm',
      reading: { ...calm, coverTiltDeg: 30 },
      pose: 'tilted',
      angleDeg: 30,
      level: 'alarm',
    },
    {
      title: 'open wins over tilt',
      reading: { ...calm, coverOpen: true, coverTiltDeg: 30 },
      pose: 'open',
      angleDeg: 0,
      level: 'alarm',
    },
    {
      title: 'tilt past upright is drawn upright',
      reading: { ...calm, coverTiltDeg: 120 },
      pose: 'tilted',
      angleDeg: 90,
      level: 'alarm',
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const v = cutawayView(c.reading);
      expect([v.cover.pose, v.cover.angleDeg, v.cover.level]).toEqual([c.pose, c.angleDeg, c.level]);
    });
  }
  it('an open cover is drawn in the alarm colour', () =>
    expect(cutawayView({ ...calm, coverOpen: true }).cover.color).toBe(levelColors.alarm));
});

describe('cutawayView: gas haze', () => {
  const cases: {
    title: string;
    reading: ManholeReading;
    strength: number;
    opacity: number;
    color: string;
    level: string;
  }[] = [
    { title: 'clean air: no haze', reading: calm, strength: 0, opacity: 0, color: GAS_COLORS.ch4, level: 'normal' },
    {
      title: 'a trace below the drawing floor',
      reading: { ...calm, ch4Lel: 0.5 },
      strength: 0.02,
      opacity: 0,
      color: GAS_COLORS.ch4,
      level: 'normal',
    },
    {
      title: 'CH4 at the alarm level',
      reading: { ...calm, ch4Lel: 25 },
      strength: 1,
      opacity: HAZE_AT_ALARM,
      color: GAS_COLORS.ch4,
      level: 'alarm',
    },
    {
      title: 'H2S in warning, tinted green',
      reading: { ...calm, h2sPpm: 12 },
      strength: 0.8,
      opacity: HAZE_AT_ALARM * 0.8,
      color: GAS_COLORS.h2s,
      level: 'warning',
    },
    {
      title: 'both: the worse decides the strength, the tint mixes',
      reading: { ...calm, ch4Lel: 12.5, h2sPpm: 7.5 },
      strength: 0.5,
      opacity: HAZE_AT_ALARM * 0.5,
      color: mix(GAS_COLORS.ch4, GAS_COLORS.h2s, 0.5),
      level: 'warning',
    },
    {
      title: 'far past the level: capped',
      reading: { ...calm, ch4Lel: 100 },
      strength: 2,
      opacity: MAX_HAZE,
      color: GAS_COLORS.ch4,
      level: 'alarm',
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const g = cutawayView(c.reading).gas;
      expect([g.strength, g.opacity, g.color, g.level]).toEqual([c.strength, c.opacity, c.color, c.level]);
    });
  }
});

describe('cutawayView: nothing reported', () => {
  for (const reading of [null, undefined, {}]) {
    it(String(JSON.stringify(reading)), () => {
      const v = cutawayView(reading);
      expect(v.known).toBe(false);
      expect([v.water.heightM, v.cover.pose, v.gas.opacity]).toEqual([0, 'closed', 0]);
    });
  }
});

describe('mix', () => {
  const cases: [string, string, number, string][] = [
    ['#000000', '#ffffff', 0, '#000000'],
    ['#000000', '#ffffff', 1, '#ffffff'],
    ['#000000', '#ffffff', 0.5, '#808080'],
    ['#ff0000', '#0000ff', 2, '#0000ff'],
  ];
  for (const [a, b, t, expected] of cases) it(`${a} → ${b} at ${t}`, () => expect(mix(a, b, t)).toBe(expected));
});

describe('sameView', () => {
  it('equal readings draw the same; a changed one does not', () => {
    expect(sameView(cutawayView(calm), cutawayView({ ...calm }))).toBe(true);
    expect(sameView(cutawayView(calm), cutawayView({ ...calm, waterLevelM: 0.31 }))).toBe(false);
    expect(sameView(null, cutawayView(calm))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ALARM_RULES,
  evaluateRate,
  evaluateReading,
  evaluateSilence,
  evaluateThreshold,
  findRule,
  initialState,
  type RateRule,
  type RuleState,
  rulesFor,
  type ThresholdRule,
} from './alarms';
import { findItem } from './taxonomy';
import type { Reading } from './telemetry';

const water = findRule('manhole.water-high') as ThresholdRule;
const battery = findRule('manhole.battery-low') as ThresholdRule;
const rising = findRule('manhole.water-rising') as RateRule;

describe('evaluateThreshold (hysteresis)', () => {
  it.each([
    // title, rule, values in order, transitions expected after each
    ['stays quiet below the threshold', water, [0.4, 1.9, 1.99], [null, null, null]],
    ['raises at the threshold', water, [1.0, 2.0], [null, 'raised']],
    ['raises once while above', water, [2.1, 2.5, 2.2], ['raised', null, null]],
    ['does not clear between clearAt and raiseAt', water, [2.1, 1.8, 1.7], ['raised', null, null]],
    ['clears at clearAt, raises again after', water, [2.1, 1.6, 1.9, 2.0], ['raised', 'cleared', null, 'raised']],
    ['"below" rules raise low and clear high', battery, [50, 15, 20, 25], [null, 'raised', null, 'cleared']],
  ] as const)('%s', (_t, rule, values, expected) => {
    let state: RuleState = initialState();
    const seen = values.map((v) => {
      const [next, t] = evaluateThreshold(rule, state, v);
      state = next;
      return t?.to ?? null;
    });
    expect(seen).toEqual(expected);
  });
});

describe('evaluateRate', () => {
  const min = 60_000;
  it.each([
    [
      'a slow rise stays quiet',
      [
        [0, 0.4],
        [5 * min, 0.6],
        [9 * min, 0.8],
      ],
      [null, null, null],
    ],
    [
      'a rise of 0.5 m within 10 minutes raises',
      [
        [0, 0.4],
        [3 * min, 0.7],
        [6 * min, 0.95],
      ],
      [null, null, 'raised'],
    ],
    [
      'an old low falls out of the window',
      [
        [0, 0.2],
        [11 * min, 0.6],
        [12 * min, 0.65],
      ],
      [null, null, null],
    ],
    [
      'clears when the rise falls under half',
      [
        [0, 0.4],
        [1 * min, 1.0],
        [2 * min, 1.0],
        [13 * min, 1.1],
      ],
      [null, 'raised', null, 'cleared'],
    ],
  ] as const)('%s', (_t, points, expected) => {
    let state: RuleState = initialState();
    const seen = points.map(([ts, v]) => {
      const [next, t] = evaluateRate(rising, state, ts, v);
      state = next;
      return t?.to ?? null;
    });
    expect(seen).toEqual(expected);
  });

  it('keeps a bounded memory whatever the message rate', () => {
    let state: RuleState = initialState();
    for (let i = 0; i < 100_000; i++) state = evaluateRate(rising, state, i * 10, 0.5)[0];
    expect(state.recent!.length).toBeLessThanOrEqual(62);
  });
});

describe('evaluateSilence', () => {
  it.each([
    ['quiet before the silence period', { silentForMs: 1000, silenceMs: 5000 }, false, null],
    ['raises after the silence period', { silentForMs: 5000, silenceMs: 5000 }, false, 'raised'],
    ['raises on the last will', { status: 'offline' as const }, false, 'raised'],
    ['raises once', { status: 'offline' as const }, true, null],
    ['"online" clears', { status: 'online' as const }, true, 'cleared'],
    ['a reading clears', { reading: true as const }, true, 'cleared'],
  ])('%s', (_t, signal, active, expected) => {
    expect(evaluateSilence(initialState(active), signal)[1]?.to ?? null).toBe(expected);
  });
});

describe('evaluateReading', () => {
  it('runs every rule of the kind on one reading and reports the transitions', () => {
    const states = new Map<string, RuleState>();
    const r: Reading = {
      deviceId: 'MH-0001',
      ts: 0,
      waterLevelM: 2.4,
      coverTiltDeg: 30,
      coverOpen: true,
      ch4Lel: 40,
      h2sPpm: 1,
      batteryPct: 80,
      signalDbm: -80,
    };
    const raised = evaluateReading(rulesFor('manhole'), states, r)
      .map((x) => x.rule.id)
      .sort();
    expect(raised).toEqual(['manhole.ch4', 'manhole.cover-open', 'manhole.cover-tilt', 'manhole.water-high']);
    expect(evaluateReading(rulesFor('manhole'), states, { ...r, ts: 1000 })).toEqual([]);
  });
});

describe('ALARM_RULES', () => {
  it('every rule names an existing taxonomy item and a sane hysteresis', () => {
    for (const rule of ALARM_RULES) {
      expect(findItem(rule.itemCode), rule.id).toBeDefined();
      if (rule.type === 'threshold')
        expect(rule.direction === 'above' ? rule.clearAt < rule.raiseAt : rule.clearAt > rule.raiseAt, rule.id).toBe(
          true,
        );
    }
    expect(findRule('manhole.water-high')!.itemCode).toBe('050102'); // 窨井冒溢
    expect(findRule('manhole.cover-open')!.itemCode).toBe('060101'); // 井盖缺失
    expect(findRule('manhole.ch4')!.itemCode).toBe('050201'); // 燃气泄漏
    expect(findRule('river-gauge.above-warning')!.itemCode).toBe('050303'); // 河道水位超警
  });
});

import type { SensorKind } from '@domain/model';
import type { Metric, NumericMetric } from '@domain/telemetry';
import { describe, expect, it } from 'vitest';
import type { SensorSeries } from '../../../../api/twinApi';
import {
  type ChartPoint,
  chartMax,
  chartPoints,
  type LiveSample,
  type MetricLevel,
  metricLevel,
  seriesChartOption,
  type Threshold,
  thresholdsOf,
  valueRows,
  withGaps,
  withLiveSample,
} from './sensorPanel.model';

describe('thresholdsOf', () => {
  const cases: { title: string; kind: SensorKind; metric: Metric; expected: Threshold[] }[] = [
    {
      title: 'manhole water: a level and a rise',
      kind: 'manhole',
      metric: 'waterLevelM',
      expected: [
        { ruleId: 'manhole.water-high', type: 'threshold', direction: 'above', raiseAt: 2, clearAt: 1.6 },
        { ruleId: 'manhole.water-rising', type: 'rate', rise: 0.5, windowMin: 10 },
      ],
    },
    {
      title: 'battery: below',
      kind: 'rain-gauge',
      metric: 'batteryPct',
      expected: [{ ruleId: 'rain-gauge.battery-low', type: 'threshold', direction: 'below', raiseAt: 15, clearAt: 25 }],
    },
    {
      title: 'cover open',
      kind: 'manhole',
      metric: 'coverOpen',
      expected: [{ ruleId: 'manhole.cover-open', type: 'threshold', direction: 'above', raiseAt: 1, clearAt: 0 }],
    },
    { title: 'no rule for signal', kind: 'manhole', metric: 'signalDbm', expected: [] },
    { title: "another kind's metric", kind: 'rain-gauge', metric: 'waterLevelM', expected: [] },
  ];
  for (const c of cases) it(c.title, () => expect(thresholdsOf(c.kind, c.metric)).toEqual(c.expected));
});

describe('metricLevel', () => {
  const water = thresholdsOf('manhole', 'waterLevelM');
  const battery = thresholdsOf('manhole', 'batteryPct');
  const cover = thresholdsOf('manhole', 'coverOpen');
  const cases: { title: string; thresholds: Threshold[]; value: number | boolean | null; expected: MetricLevel }[] = [
    { title: 'low water', thresholds: water, value: 0.3, expected: 'normal' },
    { title: 'at the clearing level', thresholds: water, value: 1.6, expected: 'normal' },
    { title: 'between the levels', thresholds: water, value: 1.8, expected: 'warning' },
    { title: 'at the raising level', thresholds: water, value: 2, expected: 'alarm' },
    { title: 'battery full', thresholds: battery, value: 90, expected: 'normal' },
    { title: 'battery getting low', thresholds: battery, value: 20, expected: 'warning' },
    { title: 'battery low', thresholds: battery, value: 15, expected: 'alarm' },
    { title: 'cover closed', thresholds: cover, value: false, expected: 'normal' },
    { title: 'cover open', thresholds: cover, value: true, expected: 'alarm' },
    { title: 'not reported', thresholds: water, value: null, expected: 'normal' },
    { title: 'no thresholds', thresholds: [], value: -120, expected: 'normal' },
  ];
  for (const c of cases) it(c.title, () => expect(metricLevel(c.thresholds, c.value)).toBe(c.expected));
});

describe('valueRows', () => {
  it("lists a manhole's metrics in order with units, values and levels", () => {
    const rows = valueRows('manhole', { waterLevelM: 2.4, coverOpen: false, ch4Lel: 12 });
    expect(rows.map((r) => [r.metric, r.unit, r.value, r.level])).toEqual([
      ['waterLevelM', 'm', 2.4, 'alarm'],
      ['coverOpen', '', false, 'normal'],
      ['coverTiltDeg', '°', null, 'normal'],
      ['ch4Lel', '%LEL', 12, 'warning'],
      ['h2sPpm', 'ppm', null, 'normal'],
      ['batteryPct', '%', null, 'normal'],
      ['signalDbm', 'dBm', null, 'normal'],
    ]);
  });
  it('a sensor never heard from: every value missing', () => {
    expect(valueRows('river-gauge', null).map((r) => [r.metric, r.value])).toEqual([
      ['riverLevelM', null],
      ['batteryPct', null],
      ['signalDbm', null],
    ]);
  });
});

describe('withLiveSample', () => {
  const s = (t: number): LiveSample => ({ t, values: { waterLevelM: t } });
  const cases: { title: string; before: LiveSample[]; add: LiveSample; max: number; times: number[] }[] = [
    { title: 'appends', before: [s(1)], add: s(2), max: 5, times: [1, 2] },
    { title: 'keeps time order', before: [s(1), s(3)], add: s(2), max: 5, times: [1, 2, 3] },
    { title: 'a repeated time once', before: [s(1)], add: s(1), max: 5, times: [1] },
    { title: 'drops the oldest past max', before: [s(1), s(2), s(3)], add: s(4), max: 3, times: [2, 3, 4] },
    { title: 'ignores a reading without a time', before: [s(1)], add: s(Number.NaN), max: 5, times: [1] },
  ];
  for (const c of cases)
    it(c.title, () => expect(withLiveSample(c.before, c.add, c.max).map((x) => x.t)).toEqual(c.times));
});

describe('chartPoints', () => {
  const min = (m: number) => Date.UTC(2026, 0, 1, 12, m);
  const series: SensorSeries = {
    id: 'MH-0001',
    from: new Date(min(0)).toISOString(),
    metrics: ['waterLevelM'],
    points: [
      {
        t: new Date(min(0)).toISOString(),
        samples: 2,
        values: { waterLevelM: { avg: 0.3, min: 0.2, max: 0.4 }, coverOpen: 0 },
      },
      { t: new Date(min(1)).toISOString(), samples: 1, values: { waterLevelM: { avg: 0.5, min: 0.5, max: 0.5 } } },
    ],
  };
  const live = (m: number, s: number, v: number): LiveSample => ({ t: min(m) + s * 1000, values: { waterLevelM: v } });
  const cases: {
    title: string;
    series: SensorSeries | null;
    live: LiveSample[];
    metric: NumericMetric;
    from: number;
    to: number;
    expected: ChartPoint[];
  }[] = [
    {
      title: 'the series alone',
      series,
      live: [],
      metric: 'waterLevelM',
      from: min(0),
      to: min(10),
      expected: [
        { t: min(0), avg: 0.3, min: 0.2, max: 0.4 },
        { t: min(1), avg: 0.5, min: 0.5, max: 0.5 },
      ],
    },
    {
      title: 'live readings after the series, per minute',
      series,
      live: [live(1, 30, 9), live(2, 0, 0.6), live(2, 20, 0.8), live(3, 5, 1)],
      metric: 'waterLevelM',
      from: min(0),
      to: min(10),
      expected: [
        { t: min(0), avg: 0.3, min: 0.2, max: 0.4 },
        { t: min(1), avg: 0.5, min: 0.5, max: 0.5 }, // the series' minute wins over a live reading in it
        { t: min(2), avg: 0.7, min: 0.6, max: 0.8 },
        { t: min(3), avg: 1, min: 1, max: 1 },
      ],
    },
    {
      title: 'outside the window',
      series,
      live: [live(20, 0, 1)],
      metric: 'waterLevelM',
      from: min(1),
      to: min(10),
      expected: [{ t: min(1), avg: 0.5, min: 0.5, max: 0.5 }],
    },
    {
      title: 'live only (no series yet)',
      series: null,
      live: [live(4, 0, 2)],
      metric: 'waterLevelM',
      from: min(0),
      to: min(10),
      expected: [{ t: min(4), avg: 2, min: 2, max: 2 }],
    },
    { title: 'a metric the series lacks', series, live: [], metric: 'ch4Lel', from: min(0), to: min(10), expected: [] },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const got = chartPoints(c.series, c.metric, c.live, c.from, c.to);
      expect(got.map((p) => ({ ...p, avg: Math.round(p.avg * 1000) / 1000 }))).toEqual(c.expected);
    });
  }
});

describe('withGaps', () => {
  const p = (m: number): ChartPoint => ({ t: m * 60_000, avg: m, min: m, max: m });
  it('breaks the line after five silent minutes, not before', () => {
    expect(withGaps([p(0), p(1), p(6), p(13)], (x) => x.avg)).toEqual([
      [0, 0],
      [60_000, 1],
      [360_000, 6],
      [420_000, null],
      [780_000, 13],
    ]);
  });
});

describe('chartMax', () => {
  const water = thresholdsOf('manhole', 'waterLevelM');
  const cases: {
    title: string;
    points: ChartPoint[];
    thresholds: Threshold[];
    metric: NumericMetric;
    expected: number;
  }[] = [
    {
      title: 'low water: the alarm line still in view',
      points: [{ t: 0, avg: 0.3, min: 0.2, max: 0.4 }],
      thresholds: water,
      metric: 'waterLevelM',
      expected: 2.5,
    },
    {
      title: 'above the line',
      points: [{ t: 0, avg: 3, min: 3, max: 3.4 }],
      thresholds: water,
      metric: 'waterLevelM',
      expected: 4,
    },
    { title: 'no data, no thresholds', points: [], thresholds: [], metric: 'signalDbm', expected: -139 },
    {
      title: 'never past the valid range',
      points: [{ t: 0, avg: 99, min: 99, max: 99 }],
      thresholds: [],
      metric: 'ch4Lel',
      expected: 100,
    },
  ];
  for (const c of cases) it(c.title, () => expect(chartMax(c.points, c.thresholds, c.metric)).toBe(c.expected));
});

describe('seriesChartOption', () => {
  it('draws the average over the band and the rule levels as lines, over the whole window', () => {
    const points: ChartPoint[] = [{ t: 60_000, avg: 1, min: 0.5, max: 1.5 }];
    const text = { metric: '井内水位', unit: 'm', range: '范围', raise: '告警', clear: '解除' };
    const o = seriesChartOption(points, 'waterLevelM', thresholdsOf('manhole', 'waterLevelM'), 0, 86_400_000, text);
    expect([o.xAxis.min, o.xAxis.max]).toEqual([0, 86_400_000]);
    expect(o.series.map((s) => s.data)).toEqual([[[60_000, 0.5]], [[60_000, 1]], [[60_000, 1]]]);
    expect(o.series[2]!.markLine!.data.map((m) => m.yAxis)).toEqual([2, 1.6]);
  });
  it('no level lines without level thresholds', () => {
    const o = seriesChartOption([], 'signalDbm', [], 0, 1, {
      metric: 's',
      unit: 'dBm',
      range: 'r',
      raise: 'a',
      clear: 'c',
    });
    expect(o.series[2]!.markLine).toBeUndefined();
  });
});

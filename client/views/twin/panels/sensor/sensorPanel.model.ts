// A sensor's panel as plain data (pure): its latest values with units, each value's level against the
// alarm rules of its kind (server/domain/alarms.ts, the same rules the server raises alarms with), the
// thresholds to show beside it, and the 24-hour chart (per-minute series plus the readings the live
// stream brought since) as an ECharts option.
import { ALARM_RULES, type AlarmRule } from '@domain/alarms';
import type { SensorKind } from '@domain/model';
import { METRICS, type Metric, type NumericMetric } from '@domain/telemetry';
import type { SensorSeries, SensorState } from '../../../../api/twinApi';

export type MetricLevel = 'alarm' | 'warning' | 'normal';

/** An alarm threshold of a metric: a level (raised at, cleared at) or a rise within a window. */
export type Threshold =
  | { ruleId: string; type: 'threshold'; direction: 'above' | 'below'; raiseAt: number; clearAt: number }
  | { ruleId: string; type: 'rate'; rise: number; windowMin: number };

/** What the panel lists per kind: what the kind watches first, the device's health last. */
export const PANEL_METRICS: Readonly<Record<SensorKind, readonly Metric[]>> = {
  manhole: ['waterLevelM', 'coverOpen', 'coverTiltDeg', 'ch4Lel', 'h2sPpm', 'batteryPct', 'signalDbm'],
  'rain-gauge': ['rainfallMmH', 'batteryPct', 'signalDbm'],
  'river-gauge': ['riverLevelM', 'batteryPct', 'signalDbm'],
};

/** What the 24-hour chart can show per kind; the first is shown first. */
export const CHART_METRICS: Readonly<Record<SensorKind, readonly NumericMetric[]>> = {
  manhole: ['waterLevelM', 'ch4Lel', 'h2sPpm', 'coverTiltDeg'],
  'rain-gauge': ['rainfallMmH'],
  'river-gauge': ['riverLevelM'],
};

export const unitOf = (metric: Metric): string => (metric === 'coverOpen' ? '' : METRICS[metric].unit);

export function thresholdsOf(kind: SensorKind, metric: Metric, rules: readonly AlarmRule[] = ALARM_RULES): Threshold[] {
  const out: Threshold[] = [];
  for (const r of rules) {
    if (r.sensorKind !== kind || r.metric !== metric) continue;
    if (r.type === 'threshold')
      out.push({ ruleId: r.id, type: 'threshold', direction: r.direction, raiseAt: r.raiseAt, clearAt: r.clearAt });
    else if (r.type === 'rate') out.push({ ruleId: r.id, type: 'rate', rise: r.rise, windowMin: r.windowMs / 60_000 });
  }
  return out;
}

/**
 * A value's level against its level thresholds: alarm once past the raising level, warning once past
 * the clearing level (the band where an alarm, once raised, would stay raised), else normal.
 */
export function metricLevel(thresholds: readonly Threshold[], value: number | boolean | null | undefined): MetricLevel {
  if (value === null || value === undefined) return 'normal';
  const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  let level: MetricLevel = 'normal';
  for (const t of thresholds) {
    if (t.type !== 'threshold') continue;
    const up = t.direction === 'above';
    if (up ? v >= t.raiseAt : v <= t.raiseAt) return 'alarm';
    if (up ? v > t.clearAt : v < t.clearAt) level = 'warning';
  }
  return level;
}

export interface ValueRow {
  metric: Metric;
  unit: string;
  /** null: the sensor has not reported it. */
  value: number | boolean | null;
  level: MetricLevel;
  thresholds: Threshold[];
}

export function valueRows(kind: SensorKind, values: SensorState['values'] | null | undefined): ValueRow[] {
  return PANEL_METRICS[kind].map((metric) => {
    const thresholds = thresholdsOf(kind, metric);
    const value = values?.[metric] ?? null;
    return { metric, unit: unitOf(metric), value, level: metricLevel(thresholds, value), thresholds };
  });
}

/** A reading the live stream brought: device time (ms) and values. */
export interface LiveSample {
  t: number;
  values: SensorState['values'];
}

/** Live readings kept for the chart: at most a day's worth at one a second is far more than needed. */
export const MAX_LIVE_SAMPLES = 2000;

/** `samples` with `sample` added (in time order, a repeated time once), the oldest dropped past `max`. */
export function withLiveSample(
  samples: readonly LiveSample[],
  sample: LiveSample,
  max = MAX_LIVE_SAMPLES,
): LiveSample[] {
  if (!Number.isFinite(sample.t) || samples.some((s) => s.t === sample.t)) return samples as LiveSample[];
  const next = [...samples, sample].sort((a, b) => a.t - b.t);
  return next.length > max ? next.slice(next.length - max) : next;
}

/** One minute of the chart: the average and the range of the minute's readings. */
export interface ChartPoint {
  t: number;
  avg: number;
  min: number;
  max: number;
}

const MINUTE = 60_000;

/**
 * The chart's points for `metric` over [fromMs, toMs]: the server's per-minute series, then the live
 * readings of the minutes after its last point, rolled up per minute the same way.
 */
export function chartPoints(
  series: SensorSeries | null,
  metric: NumericMetric,
  live: readonly LiveSample[],
  fromMs: number,
  toMs: number,
): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of series?.points ?? []) {
    const t = Date.parse(p.t);
    const v = p.values[metric];
    if (t < fromMs || t > toMs || v === undefined) continue;
    out.push(typeof v === 'number' ? { t, avg: v, min: v, max: v } : { t, ...v });
  }
  const lastMinute = out.length ? out[out.length - 1]!.t : -Infinity;
  const byMinute = new Map<number, { sum: number; n: number; min: number; max: number }>();
  for (const s of live) {
    const v = s.values[metric];
    const minute = Math.floor(s.t / MINUTE) * MINUTE;
    if (v === undefined || minute <= lastMinute || minute < fromMs || s.t > toMs) continue;
    const m = byMinute.get(minute);
    if (m) {
      m.sum += v;
      m.n++;
      m.min = Math.min(m.min, v);
      m.max = Math.max(m.max, v);
    } else byMinute.set(minute, { sum: v, n: 1, min: v, max: v });
  }
  for (const [t, m] of [...byMinute].sort((a, b) => a[0] - b[0]))
    out.push({ t, avg: m.sum / m.n, min: m.min, max: m.max });
  return out;
}

/** Minutes without a reading after which the line breaks (the sensor was silent). */
export const GAP_MINUTES = 5;

/** [t, value] pairs with a null between points more than GAP_MINUTES apart, so the line breaks there. */
export function withGaps(points: readonly ChartPoint[], pick: (p: ChartPoint) => number): [number, number | null][] {
  const out: [number, number | null][] = [];
  points.forEach((p, i) => {
    const before = points[i - 1];
    if (before && p.t - before.t > GAP_MINUTES * MINUTE) out.push([before.t + MINUTE, null]);
    out.push([p.t, pick(p)]);
  });
  return out;
}

export const levelColors: Readonly<Record<MetricLevel, string>> = {
  alarm: '#ff3b3b',
  warning: '#ffb020',
  normal: '#3ee08a',
};
const lineColor = '#38c9ff';
const axisText = '#b9c8e0';
const gridLine = 'rgba(120, 160, 220, 0.18)';

export interface ChartText {
  metric: string;
  unit: string;
  range: string;
  raise: string;
  clear: string;
}

/** The y axis reaches past the raising level so the threshold line is always in view. */
export function chartMax(
  points: readonly ChartPoint[],
  thresholds: readonly Threshold[],
  metric: NumericMetric,
): number {
  const dataMax = points.reduce((m, p) => Math.max(m, p.max), -Infinity);
  const levels = thresholds.flatMap((t) => (t.type === 'threshold' && t.direction === 'above' ? [t.raiseAt] : []));
  const top = Math.max(dataMax, ...levels);
  if (!Number.isFinite(top) || top <= METRICS[metric].min) return METRICS[metric].min + 1;
  return Math.min(METRICS[metric].max, niceCeil(top * 1.15));
}

function niceCeil(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v)) / 2;
  return Math.ceil(v / step) * step;
}

/** The 24-hour chart: the minute averages as a line over the minutes' range as a band, the rule levels as dashed lines. */
export function seriesChartOption(
  points: readonly ChartPoint[],
  metric: NumericMetric,
  thresholds: readonly Threshold[],
  fromMs: number,
  toMs: number,
  text: ChartText,
  remPx = 16,
) {
  const font = { fontSize: Math.round(remPx * 0.72), color: axisText };
  const marks = thresholds.flatMap((t) =>
    t.type === 'threshold'
      ? [
          {
            yAxis: t.raiseAt,
            name: text.raise,
            lineStyle: { color: levelColors.alarm, type: 'dashed', width: 1.5 },
            label: {
              ...font,
              formatter: `${text.raise} ${t.raiseAt}`,
              color: levelColors.alarm,
              position: 'insideEndTop',
            },
          },
          {
            yAxis: t.clearAt,
            name: text.clear,
            lineStyle: { color: levelColors.warning, type: 'dotted', width: 1 },
            label: {
              ...font,
              formatter: `${text.clear} ${t.clearAt}`,
              color: levelColors.warning,
              position: 'insideEndBottom',
            },
          },
        ]
      : [],
  );
  const min = METRICS[metric].min;
  return {
    animation: false,
    grid: { left: remPx * 2.6, right: remPx * 0.6, top: remPx * 1.4, bottom: remPx * 1.5 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100) / 100} ${text.unit}` : '—'),
    },
    xAxis: {
      type: 'time',
      min: fromMs,
      max: toMs,
      splitNumber: 4,
      axisLabel: { ...font, formatter: '{HH}:{mm}' },
      axisLine: { lineStyle: { color: gridLine } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min,
      max: chartMax(points, thresholds, metric),
      name: text.unit,
      nameTextStyle: font,
      nameGap: remPx * 0.5,
      axisLabel: font,
      splitLine: { lineStyle: { color: gridLine } },
    },
    series: [
      // the band: the minimum, and stacked on it the distance to the maximum
      {
        name: `${text.metric} min`,
        type: 'line',
        stack: 'range',
        symbol: 'none',
        silent: true,
        lineStyle: { opacity: 0 },
        data: withGaps(points, (p) => p.min),
        tooltip: { show: false },
      },
      {
        name: text.range,
        type: 'line',
        stack: 'range',
        symbol: 'none',
        silent: true,
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(56, 201, 255, 0.2)' },
        data: withGaps(points, (p) => p.max - p.min),
        tooltip: { show: false },
      },
      {
        name: text.metric,
        type: 'line',
        symbol: 'none',
        data: withGaps(points, (p) => p.avg),
        lineStyle: { width: 1.6, color: lineColor },
        itemStyle: { color: lineColor },
        markLine: marks.length ? { symbol: 'none', silent: true, data: marks } : undefined,
      },
    ],
  };
}

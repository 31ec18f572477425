// A sensor's panel (感知终端详情): kind, grid, status, its latest values with units and the alarm
// thresholds of its kind, its open alarms, a 24-hour per-minute chart, and for a smart manhole the
// cutaway of the well. Values, alarms and the chart follow the live stream (one subscription, closed
// on unmount); after a reconnect the sensor and its series are loaded again.

import type { NumericMetric } from '@domain/telemetry';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Alarm, SensorDetail, SensorSeries, SensorState, TwinApi } from '../../../../api/twinApi';
import { type MessageKey, type Translate, useI18n } from '../../../../i18n';
import { EChart } from '../../../../ui/EChart';
import { withAlarm } from '../alarm/alarmPanel.model';
import {
  CHART_METRICS,
  chartPoints,
  type LiveSample,
  seriesChartOption,
  type Threshold,
  type ValueRow,
  valueRows,
  withLiveSample,
} from './sensorPanel.model';
import { sensorStatus } from '../../../../twin/sensors/sensors.model';
import './sensorPanel.css';
import { InfoRow as Row } from '../../../../ui/InfoRow';

// three.js is loaded only when a manhole is opened.
const ManholeCutaway = lazy(() =>
  import('./cutaway/ManholeCutaway').then((m) => ({ default: m.ManholeCutaway })),
);

const HOURS = 24;

export interface SensorPanelProps {
  api: TwinApi;
  sensorId: string;
  /** The grid's name, for the grid id. */
  unitName(id: string): string;
  onSelectAlarm?(alarm: Alarm): void;
}

type Live = Omit<SensorState, 'deviceId'>;

export function SensorPanel({ api, sensorId, unitName, onSelectAlarm }: SensorPanelProps) {
  const { t, n, lang } = useI18n();
  const [generation, setGeneration] = useState(0);
  const [detail, setDetail] = useState<SensorDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [series, setSeries] = useState<SensorSeries | null>(null);
  const [state, setState] = useState<Live | null>(null);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [samples, setSamples] = useState<LiveSample[]>([]);
  const [updates, setUpdates] = useState(0);
  const [metric, setMetric] = useState<NumericMetric | null>(null);

  // The sensor and its series; again after the stream reconnects (the last good data stays shown).
  useEffect(() => {
    const abort = new AbortController();
    api.sensor(sensorId, abort.signal).then(
      (d) => {
        setDetail(d);
        setState(d.state);
        setAlarms(d.openAlarms);
        setError(null);
      },
      (e: unknown) => abort.signal.aborted || setError(e instanceof Error ? e.message : String(e)),
    );
    api.sensorSeries(sensorId, HOURS, abort.signal).then(setSeries, () => undefined);
    return () => abort.abort();
  }, [api, sensorId, generation]);

  useEffect(() => {
    let first = true;
    const subscription = api.live({
      onReady: () => {
        if (!first) setGeneration((g) => g + 1);
        first = false;
      },
      onSensors: (changed) => {
        const mine = changed.find((s) => s.deviceId === sensorId);
        if (!mine) return;
        setState(mine);
        setUpdates((u) => u + 1);
        if (mine.ts) setSamples((list) => withLiveSample(list, { t: Date.parse(mine.ts!), values: mine.values }));
      },
      onAlarm: (a) => a.deviceId === sensorId && setAlarms((list) => withAlarm(list, a)),
    });
    return () => subscription.close();
  }, [api, sensorId]);

  const kind = detail?.kind;
  const rows = useMemo(() => (kind ? valueRows(kind, state?.values) : []), [kind, state]);
  const chartMetric = metric ?? (kind ? CHART_METRICS[kind][0]! : null);
  const option = useMemo(() => {
    if (!kind || !chartMetric) return null;
    const toMs = Date.now();
    const fromMs = toMs - HOURS * 3600_000;
    const points = chartPoints(series, chartMetric, samples, fromMs, toMs);
    const thresholds = rows.find((r) => r.metric === chartMetric)?.thresholds ?? [];
    const unit = rows.find((r) => r.metric === chartMetric)?.unit ?? '';
    const text = {
      metric: t(`metric.${chartMetric}` as MessageKey),
      unit,
      range: t('sensor.chartRange'),
      raise: t('sensor.chartRaise'),
      clear: t('sensor.chartClear'),
    };
    return { points: points.length, option: seriesChartOption(points, chartMetric, thresholds, fromMs, toMs, text) };
  }, [kind, chartMetric, series, samples, rows, t]);

  if (!detail)
    return (
      <p className={error ? 'panel-error' : 'panel-loading'}>
        {error ? t('sensor.error', { message: error }) : t('sensor.loading')}
      </p>
    );
  const status = sensorStatus(detail.kind, state);
  const time = (iso: string | null | undefined) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'medium' })
      : '—';

  return (
    <div
      className="sensor-panel"
      data-sensor-id={detail.id}
      data-live-updates={updates}
      data-chart-points={option?.points ?? 0}
    >
      <dl>
        <Row label={t('info.kind')}>{t(`sensor.${detail.kind}` as MessageKey)}</Row>
        <Row label={t('info.status')}>
          <span className={`sensor-status status-${status}`}>{t(`sensorStatus.${status}` as MessageKey)}</span>
        </Row>
        <Row label={t('info.grid')}>{unitName(detail.gridId)}</Row>
        {detail.componentId && (
          <Row label={t('sensor.component')}>
            <span className="info-code">{detail.componentId}</span>
          </Row>
        )}
        <Row label={t('info.updated')}>{time(state?.receivedAt)}</Row>
      </dl>

      {detail.kind === 'manhole' && (
        <Suspense fallback={<div className="manhole-cutaway" />}>
          <ManholeCutaway reading={state?.values ?? null} />
        </Suspense>
      )}

      <h3 className="panel-subhead">{t('sensor.values')}</h3>
      <table className="sensor-values">
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.metric}
              className={`level-${r.level}`}
              data-metric={r.metric}
              data-value={r.value === null ? '' : String(r.value)}
            >
              <th scope="row">{t(`metric.${r.metric}` as MessageKey)}</th>
              <td className="value">{valueText(r, t, n)}</td>
              <td className="thresholds">{r.thresholds.map((th) => thresholdText(th, r, t)).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="panel-subhead">{t('sensor.openAlarms')}</h3>
      {alarms.length === 0 ? (
        <p className="panel-none">{t('sensor.noAlarms')}</p>
      ) : (
        <ul className="sensor-alarms">
          {alarms.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`alarm-link status-${a.status}`}
                onClick={() => onSelectAlarm?.(a)}
                disabled={!onSelectAlarm}
              >
                <span>{t(`rule.${a.rule}` as MessageKey)}</span>
                <span className="alarm-link-status">{t(`alarmStatus.${a.status}` as MessageKey)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3 className="panel-subhead">{t('sensor.chart')}</h3>
      {kind && CHART_METRICS[kind].length > 1 && (
        <div className="chart-metrics" role="tablist">
          {CHART_METRICS[kind].map((m) => (
            <button key={m} type="button" role="tab" aria-selected={m === chartMetric} onClick={() => setMetric(m)}>
              {t(`metric.${m}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      {option && option.points > 0 ? (
        <EChart
          className="sensor-chart"
          option={option.option}
          label={`${t('sensor.chart')} · ${t(`metric.${chartMetric}` as MessageKey)}`}
        />
      ) : (
        <p className="panel-none">{t('sensor.chartEmpty')}</p>
      )}
    </div>
  );
}

function valueText(r: ValueRow, t: Translate, n: (v: number, o?: Intl.NumberFormatOptions) => string): string {
  if (r.value === null) return '—';
  if (typeof r.value === 'boolean') return t(r.value ? 'sensor.open' : 'sensor.closed');
  return `${n(r.value, { maximumFractionDigits: 2 })} ${r.unit}`.trim();
}

function thresholdText(th: Threshold, r: ValueRow, t: Translate): string {
  if (th.type === 'rate') return t('sensor.thresholdRate', { rise: `${th.rise} ${r.unit}`, window: th.windowMin });
  if (r.metric === 'coverOpen') return t('sensor.thresholdSwitch');
  return t(th.direction === 'above' ? 'sensor.thresholdAbove' : 'sensor.thresholdBelow', {
    raise: th.raiseAt,
    clear: th.clearAt,
  });
}

// A sensor's panel (感知终端详情): kind, grid, status, its latest values with units and the alarm
// thresholds of its kind, its open alarms, a 24-hour per-minute chart, and for a smart manhole the
// cutaway of the well. Values, alarms and the chart follow the live stream (useSensorLive).

import { lazy, Suspense, useMemo } from 'react';
import type { Alarm, TwinApi } from '../../../../api/twinApi';
import { type MessageKey, useI18n } from '../../../../i18n';
import { sensorStatus } from '../../../../twin/sensors/sensors.model';
import { InfoRow as Row } from '../../../../ui/InfoRow';
import { SensorAlarms } from './SensorAlarms';
import { SensorChart } from './SensorChart';
import { SensorValues } from './SensorValues';
import { valueRows } from './sensorPanel.model';
import { useSensorChart } from './useSensorChart';
import { useSensorLive } from './useSensorLive';
import './sensorPanel.css';
import { CITY_ZONE } from '../../../../ui/caseFormat';

// three.js is loaded only when a manhole is opened.
const ManholeCutaway = lazy(() => import('./cutaway/ManholeCutaway').then((m) => ({ default: m.ManholeCutaway })));

export interface SensorPanelProps {
  api: TwinApi;
  sensorId: string;
  /** The grid's name, for the grid id. */
  unitName(id: string): string;
  onSelectAlarm?(alarm: Alarm): void;
}

export function SensorPanel({ api, sensorId, unitName, onSelectAlarm }: SensorPanelProps) {
  const { t, lang } = useI18n();
  const { detail, error, series, state, alarms, samples, updates } = useSensorLive(api, sensorId);
  const kind = detail?.kind;
  const rows = useMemo(() => (kind ? valueRows(kind, state?.values) : []), [kind, state]);
  const { metric, setMetric, chart } = useSensorChart(kind, rows, series, samples);

  if (!detail)
    return (
      <p className={error ? 'panel-error' : 'panel-loading'}>
        {error ? t('sensor.error', { message: error }) : t('sensor.loading')}
      </p>
    );
  const status = sensorStatus(detail.kind, state);
  const time = (iso: string | null | undefined) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
          dateStyle: 'short',
          timeStyle: 'medium',
          timeZone: CITY_ZONE,
        })
      : '—';

  return (
    <div
      className="sensor-panel"
      data-sensor-id={detail.id}
      data-live-updates={updates}
      data-chart-points={chart?.points ?? 0}
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
      <SensorValues rows={rows} />
      <SensorAlarms alarms={alarms} onSelect={onSelectAlarm} />
      <SensorChart kind={detail.kind} metric={metric} onMetric={setMetric} chart={chart} />
    </div>
  );
}

// The sensor panel's 24-hour chart: the metric shown (the kind's first until the user picks another)
// and its ECharts option over the series and the live samples, with the metric's thresholds.
import type { SensorKind } from '@domain/model';
import type { NumericMetric } from '@domain/telemetry';
import { useMemo, useState } from 'react';
import type { SensorSeries } from '../../../../api/twinApi';
import { type MessageKey, useI18n } from '../../../../i18n';
import { CHART_METRICS, chartPoints, type LiveSample, seriesChartOption, type ValueRow } from './sensorPanel.model';
import { HOURS } from './useSensorLive';

export function useSensorChart(
  kind: SensorKind | undefined,
  rows: readonly ValueRow[],
  series: SensorSeries | null,
  samples: readonly LiveSample[],
) {
  const { t } = useI18n();
  const [picked, setMetric] = useState<NumericMetric | null>(null);
  const metric = picked ?? (kind ? CHART_METRICS[kind][0]! : null);
  const chart = useMemo(() => {
    if (!kind || !metric) return null;
    const toMs = Date.now();
    const fromMs = toMs - HOURS * 3600_000;
    const points = chartPoints(series, metric, samples, fromMs, toMs);
    const row = rows.find((r) => r.metric === metric);
    const text = {
      metric: t(`metric.${metric}` as MessageKey),
      unit: row?.unit ?? '',
      range: t('sensor.chartRange'),
      raise: t('sensor.chartRaise'),
      clear: t('sensor.chartClear'),
    };
    return {
      points: points.length,
      option: seriesChartOption(points, metric, row?.thresholds ?? [], fromMs, toMs, text),
    };
  }, [kind, metric, series, samples, rows, t]);
  return { metric, setMetric, chart };
}

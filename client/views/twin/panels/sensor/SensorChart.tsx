// The sensor's 24-hour chart, with a tab per metric when its kind charts more than one.
import type { SensorKind } from '@domain/model';
import type { NumericMetric } from '@domain/telemetry';
import { type MessageKey, useI18n } from '../../../../i18n';
import { EChart } from '../../../../ui/EChart';
import { CHART_METRICS } from './sensorPanel.model';
import type { useSensorChart } from './useSensorChart';

export interface SensorChartProps {
  kind: SensorKind;
  metric: NumericMetric | null;
  onMetric(metric: NumericMetric): void;
  chart: ReturnType<typeof useSensorChart>['chart'];
}

export function SensorChart({ kind, metric, onMetric, chart }: SensorChartProps) {
  const { t } = useI18n();
  return (
    <>
      <h3 className="panel-subhead">{t('sensor.chart')}</h3>
      {CHART_METRICS[kind].length > 1 && (
        <div className="chart-metrics" role="tablist">
          {CHART_METRICS[kind].map((m) => (
            <button key={m} type="button" role="tab" aria-selected={m === metric} onClick={() => onMetric(m)}>
              {t(`metric.${m}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      {chart && chart.points > 0 ? (
        <EChart
          className="sensor-chart"
          option={chart.option}
          label={`${t('sensor.chart')} · ${t(`metric.${metric}` as MessageKey)}`}
        />
      ) : (
        <p className="panel-none">{t('sensor.chartEmpty')}</p>
      )}
    </>
  );
}

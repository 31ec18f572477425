// The sensor's latest values: one row per metric with its level, value and thresholds.
import { type MessageKey, useI18n } from '../../../../i18n';
import type { ValueRow } from './sensorPanel.model';
import { thresholdsText, valueText } from './sensorText';

export function SensorValues({ rows }: { rows: readonly ValueRow[] }) {
  const { t, n } = useI18n();
  return (
    <>
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
              <td className="thresholds">{thresholdsText(r, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

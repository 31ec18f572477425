// The sensor's open alarms, each a link to its own panel.
import type { Alarm } from '../../../../api/twinApi';
import { type MessageKey, useI18n } from '../../../../i18n';

export function SensorAlarms({ alarms, onSelect }: { alarms: readonly Alarm[]; onSelect?(alarm: Alarm): void }) {
  const { t } = useI18n();
  return (
    <>
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
                onClick={() => onSelect?.(a)}
                disabled={!onSelect}
              >
                <span>{t(`rule.${a.rule}` as MessageKey)}</span>
                <span className="alarm-link-status">{t(`alarmStatus.${a.status}` as MessageKey)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// What an alarm says: rule, metric, value against threshold, level, status, device (a link to the
// sensor's panel when the page allows), grid and the event it raised.
import type { Alarm } from '../../../../api/twinApi';
import { type MessageKey, useI18n } from '../../../../i18n';
import { InfoRow as Row } from '../../../../ui/InfoRow';
import { alarmFacts, severityLevel } from './alarmPanel.model';
import { alarmValueTexts } from './alarmText';

export interface AlarmFactsProps {
  alarm: Alarm;
  unitName(id: string): string;
  onSelectSensor?(sensorId: string): void;
}

export function AlarmFacts({ alarm, unitName, onSelectSensor }: AlarmFactsProps) {
  const { t, n } = useI18n();
  const facts = alarmFacts(alarm);
  const text = alarmValueTexts(facts, t, n);
  const level = severityLevel(alarm.severity);
  return (
    <dl>
      <Row label={t('alarm.rule')}>{t(`rule.${alarm.rule}` as MessageKey)}</Row>
      <Row label={t('alarm.metric')}>{t(`metric.${facts.metric}` as MessageKey)}</Row>
      <Row label={t('alarm.value')}>
        <span className="alarm-value">{text.value}</span>
      </Row>
      <Row label={t('alarm.threshold')}>{text.threshold}</Row>
      <Row label={t('alarm.level')}>
        <span className={`alarm-level level-${level}`}>{t(`urgency.${level}` as MessageKey)}</span>
      </Row>
      <Row label={t('alarm.status')}>
        <span className={`alarm-status status-${alarm.status}`}>{t(`alarmStatus.${alarm.status}` as MessageKey)}</span>
      </Row>
      <Row label={t('alarm.device')}>
        {onSelectSensor ? (
          <button type="button" className="link-button info-code" onClick={() => onSelectSensor(alarm.deviceId)}>
            {alarm.deviceId}
          </button>
        ) : (
          <span className="info-code">{alarm.deviceId}</span>
        )}
      </Row>
      <Row label={t('info.grid')}>{unitName(alarm.gridId)}</Row>
      {alarm.eventId && (
        <Row label={t('alarm.event')}>
          <span className="info-code">{alarm.eventId}</span>
        </Row>
      )}
    </dl>
  );
}

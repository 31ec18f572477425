// An alarm's life cycle (raised → acknowledged → cleared), each step with its time and who.
import type { Alarm } from '../../../../api/twinApi';
import { type MessageKey, useI18n } from '../../../../i18n';
import { CITY_ZONE } from '../../../../ui/caseFormat';
import { lifeCycle } from './alarmPanel.model';

export function AlarmLife({ alarm }: { alarm: Alarm }) {
  const { t, lang } = useI18n();
  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
          dateStyle: 'short',
          timeStyle: 'medium',
          timeZone: CITY_ZONE,
        })
      : '';
  return (
    <>
      <h3 className="panel-subhead">{t('alarm.lifeCycle')}</h3>
      <ol className="alarm-life">
        {lifeCycle(alarm).map((step) => (
          <li key={step.status} className={step.reached ? 'reached' : step.skipped ? 'skipped' : 'pending'}>
            <span className="step-name">{t(`alarmStatus.${step.status}` as MessageKey)}</span>
            <span className="step-time">
              {step.skipped ? t('alarm.skipped') : time(step.at)}
              {step.by && ` · ${step.by}`}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

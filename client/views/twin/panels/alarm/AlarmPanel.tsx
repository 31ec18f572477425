// An alarm's panel (告警详情): what was measured against which threshold, its level and life cycle
// (raised → acknowledged → cleared, following the live stream), an acknowledge button for users who
// may, and the cameras whose view covers the place (视频联动), nearest first, with a button each; the
// view flies to the best one (the nearest online) by itself once they are known.

import type { Viewpoint } from '@domain/cameraCoverage';
import type { LonLat } from '@domain/model';
import { useEffect, useRef } from 'react';
import type { Alarm, TwinApi } from '../../../../api/twinApi';
import { useI18n } from '../../../../i18n';
import { useSession } from '../../../../ui/session';
import { AlarmCameras } from './AlarmCameras';
import { AlarmFacts } from './AlarmFacts';
import { AlarmLife } from './AlarmLife';
import { mayAcknowledge } from './alarmPanel.model';
import { useAlarm } from './useAlarm';
import { useAlarmCameras } from './useAlarmCameras';
import './alarmPanel.css';

export interface AlarmPanelProps {
  api: TwinApi;
  alarmId: string;
  /** The alarm as the caller already has it (from the ticker or a list), shown until it is loaded. */
  initial?: Alarm | null;
  unitName(id: string): string;
  /** The alarm as loaded and as the live stream changes it. */
  onLoaded?(alarm: Alarm): void;
  onFlyToView(view: Viewpoint): void;
  /** When no online camera sees the place, the view flies to the place instead. */
  onFlyToPlace?(place: LonLat): void;
  onSelectSensor?(sensorId: string): void;
}

export function AlarmPanel({ api, alarmId, initial = null, unitName, onLoaded, ...fly }: AlarmPanelProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const { alarm, error, acking, ackError, acknowledge } = useAlarm(api, alarmId, initial);
  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  useEffect(() => {
    if (alarm) loaded.current?.(alarm);
  }, [alarm]);
  const covering = useAlarmCameras(api, alarm?.position, fly);

  if (!alarm)
    return (
      <p className={error ? 'panel-error' : 'panel-loading'}>
        {error ? t('alarm.error', { message: error }) : t('alarm.loading')}
      </p>
    );
  return (
    <div
      className="alarm-panel"
      data-alarm-id={alarm.id}
      data-alarm-status={alarm.status}
      data-flown-to={covering.viewing ?? ''}
    >
      <AlarmFacts alarm={alarm} unitName={unitName} onSelectSensor={fly.onSelectSensor} />
      <AlarmLife alarm={alarm} />
      {mayAcknowledge(user.permissions, alarm) && (
        <button type="button" className="alarm-ack" onClick={acknowledge} disabled={acking}>
          {t(acking ? 'alarm.acknowledging' : 'alarm.acknowledge')}
        </button>
      )}
      {ackError && <p className="panel-error">{t('alarm.ackFailed', { message: ackError })}</p>}
      <AlarmCameras covering={covering} />
    </div>
  );
}

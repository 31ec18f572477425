// An alarm's panel (告警详情): what was measured against which threshold, its level and life cycle
// (raised → acknowledged → cleared, following the live stream), an acknowledge button for users who
// may, and the cameras whose view covers the place (视频联动), nearest first, with a button each; the
// view flies to the best one (the nearest online) by itself once they are known.

import type { Viewpoint } from '@domain/cameraCoverage';
import type { LonLat } from '@domain/model';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type Alarm, ApiError, type TwinApi } from '../../../../api/twinApi';
import { type MessageKey, useI18n } from '../../../../i18n';
import { useSession } from '../../../signIn/session';
import { useResource } from '../../../../ui/useResource';
import { alarmFacts, cameraRows, lifeCycle, mayAcknowledge, severityLevel } from './alarmPanel.model';
import './alarmPanel.css';
import { InfoRow as Row } from '../../../../ui/InfoRow';

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

export function AlarmPanel({
  api,
  alarmId,
  initial = null,
  unitName,
  onLoaded,
  onFlyToView,
  onFlyToPlace,
  onSelectSensor,
}: AlarmPanelProps) {
  const { t, n, lang } = useI18n();
  const { user } = useSession();
  const [alarm, setAlarm] = useState<Alarm | null>(initial?.id === alarmId ? initial : null);
  const [error, setError] = useState<string | null>(null);
  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api.alarm(alarmId, abort.signal).then(
      (a) => (setAlarm(a), setError(null)),
      (e: unknown) => abort.signal.aborted || setError(e instanceof Error ? e.message : String(e)),
    );
    const subscription = api.live({ onAlarm: (a) => a.id === alarmId && setAlarm(a) });
    return () => {
      abort.abort();
      subscription.close();
    };
  }, [api, alarmId]);

  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  useEffect(() => void (alarm && loaded.current?.(alarm)), [alarm]);

  const lon = alarm?.position[0];
  const lat = alarm?.position[1];
  const covering = useResource(
    (signal) =>
      lon === undefined || lat === undefined ? Promise.resolve(null) : api.camerasCovering([lon, lat], signal),
    [api, lon, lat],
  );
  const cameras = useMemo(() => cameraRows(covering.data?.cameras ?? []), [covering.data]);

  // Once per alarm: fly to the best camera's viewpoint, or to the place when no camera sees it.
  const flown = useRef(false);
  const fly = useRef({ onFlyToView, onFlyToPlace });
  fly.current = { onFlyToView, onFlyToPlace };
  useEffect(() => {
    if (flown.current || covering.status === 'loading' || lon === undefined || lat === undefined) return;
    flown.current = true;
    const best = cameras.find((c) => c.best);
    if (best) {
      setViewing(best.id);
      fly.current.onFlyToView(best.viewpoint);
    } else fly.current.onFlyToPlace?.([lon, lat]);
  }, [cameras, covering.status, lon, lat]);

  if (!alarm)
    return (
      <p className={error ? 'panel-error' : 'panel-loading'}>
        {error ? t('alarm.error', { message: error }) : t('alarm.loading')}
      </p>
    );

  const facts = alarmFacts(alarm);
  const num = (v: number | null) =>
    v === null ? '—' : `${n(v, { maximumFractionDigits: 2 })}${facts.unit ? ` ${facts.unit}` : ''}`;
  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'medium' })
      : '';
  const level = severityLevel(alarm.severity);
  const acknowledge = async () => {
    setAcking(true);
    setAckError(null);
    try {
      setAlarm(await api.acknowledgeAlarm(alarm.id));
    } catch (e) {
      // 409: someone else acknowledged it, or it cleared meanwhile: show how it stands now
      if (e instanceof ApiError && e.status === 409) api.alarm(alarm.id).then(setAlarm, () => undefined);
      else setAckError(e instanceof Error ? e.message : String(e));
    } finally {
      setAcking(false);
    }
  };

  return (
    <div
      className="alarm-panel"
      data-alarm-id={alarm.id}
      data-alarm-status={alarm.status}
      data-flown-to={viewing ?? ''}
    >
      <dl>
        <Row label={t('alarm.rule')}>{t(`rule.${alarm.rule}` as MessageKey)}</Row>
        <Row label={t('alarm.metric')}>{t(`metric.${facts.metric}` as MessageKey)}</Row>
        <Row label={t('alarm.value')}>
          <span className="alarm-value">
            {facts.type === 'rate' && facts.value !== null
              ? t('alarm.rise', { value: num(facts.value) })
              : num(facts.value)}
          </span>
        </Row>
        <Row label={t('alarm.threshold')}>
          {facts.threshold === null
            ? '—'
            : facts.type === 'rate' && facts.windowMin !== null
              ? t('sensor.thresholdRate', { rise: num(facts.threshold), window: facts.windowMin })
              : `${facts.direction === 'below' ? '≤' : '≥'} ${num(facts.threshold)}`}
        </Row>
        <Row label={t('alarm.level')}>
          <span className={`alarm-level level-${level}`}>{t(`urgency.${level}` as MessageKey)}</span>
        </Row>
        <Row label={t('alarm.status')}>
          <span className={`alarm-status status-${alarm.status}`}>
            {t(`alarmStatus.${alarm.status}` as MessageKey)}
          </span>
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
      {mayAcknowledge(user.permissions, alarm) && (
        <button type="button" className="alarm-ack" onClick={acknowledge} disabled={acking}>
          {t(acking ? 'alarm.acknowledging' : 'alarm.acknowledge')}
        </button>
      )}
      {ackError && <p className="panel-error">{t('alarm.ackFailed', { message: ackError })}</p>}

      <h3 className="panel-subhead">{t('alarm.cameras')}</h3>
      {covering.status === 'loading' ? (
        <p className="panel-loading">{t('alarm.camerasLoading')}</p>
      ) : cameras.length === 0 ? (
        <p className="panel-none">
          {covering.error ? t('alarm.error', { message: covering.error.message }) : t('alarm.noCameras')}
        </p>
      ) : (
        <ul className="alarm-cameras">
          {cameras.map((c) => (
            <li
              key={c.id}
              className={`${c.online ? 'online' : 'offline'}${c.id === viewing ? ' viewing' : ''}`}
              data-camera-id={c.id}
            >
              <span className="camera-dot" aria-hidden />
              <span className="camera-code info-code">{c.code}</span>
              <span className="camera-facts">
                {t('alarm.distance', { distance: n(Math.round(c.distanceM)) })} ·{' '}
                {t('alarm.offAxis', { deg: n(Math.round(c.offAxisDeg)) })}
                {!c.online && ` · ${t('sensorStatus.offline')}`}
              </span>
              {c.best && <span className="camera-best">{t('alarm.best')}</span>}
              <button
                type="button"
                className="camera-view"
                onClick={() => {
                  setViewing(c.id);
                  onFlyToView(c.viewpoint);
                }}
              >
                {t(c.id === viewing ? 'alarm.viewing' : 'alarm.view')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// The cameras that see an alarm's place, nearest first, each with a button to look through it.
import { useI18n } from '../../../../i18n';
import type { useAlarmCameras } from './useAlarmCameras';

export function AlarmCameras({ covering }: { covering: ReturnType<typeof useAlarmCameras> }) {
  const { t, n } = useI18n();
  const { status, error, cameras, viewing, view } = covering;
  return (
    <>
      <h3 className="panel-subhead">{t('alarm.cameras')}</h3>
      {status === 'loading' ? (
        <p className="panel-loading">{t('alarm.camerasLoading')}</p>
      ) : cameras.length === 0 ? (
        <p className="panel-none">{error ? t('alarm.error', { message: error.message }) : t('alarm.noCameras')}</p>
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
              <button type="button" className="camera-view" onClick={() => view(c)}>
                {t(c.id === viewing ? 'alarm.viewing' : 'alarm.view')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

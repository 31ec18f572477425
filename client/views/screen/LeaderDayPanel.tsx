// The big screen's leader-day mode (领导调度日): the month's agenda as the session goes, each case with
// whether it is instructed, its lead department and deadline and where it stands, and last month's
// supervised cases settled or past their deadline. The kiosk reads the masked view (no names, no
// phone numbers); it reloads on case changes from the live stream and every minute.
import { useEffect, useState } from 'react';
import type { TwinApi } from '../../api/twinApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { departmentName, shortTime } from '../../ui/caseFormat';
import { useCaseChanges } from '../../ui/useCaseChanges';
import { useResource } from '../../ui/useResource';
import { caseTitle } from '../leader/caseTitle';
import { monthOfInstant, progressOf } from '../leader/leader.model';

const REFRESH_MS = 60_000;
/** Rows that fit the right-hand column at any screen size (the page scales by rem). */
const SHOWN = 9;

export function LeaderDayPanel({ api, unitName }: { api: TwinApi; unitName(id: string): string }) {
  const { t, lang } = useI18n();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useCaseChanges(api, () => setTick((n) => n + 1));
  const month = monthOfInstant(Date.now());
  const day = useResource((signal) => api.leaderDays.day(month, signal), [api, month, tick], { keep: true });
  const d = day.data;
  const progress = d ? progressOf(d) : null;
  // 城市管理局, not 市城市管理局: the column is narrow, and every department here is the city's
  const department = (id: string) => departmentName(id, lang).replace(/^市/, '');
  return (
    <section className="screen-card leader-day-card" aria-label={t('screen.leaderDay', { month })}>
      <h2>{t('screen.leaderDay', { month })}</h2>
      {progress && <p className="leader-day-progress">{t('screen.leaderDay.progress', { ...progress })}</p>}
      {day.status === 'error' && !d && <p className="card-note">{t('status.error', { message: day.error.message })}</p>}
      {d && d.agenda.length === 0 && <p className="card-note">{t('screen.leaderDay.none')}</p>}
      {d && d.agenda.length > 0 && (
        <ol className="leader-day-list">
          {d.agenda.slice(0, SHOWN).map((a, i) => (
            <li key={a.eventId} data-event={a.eventId} data-decided={a.decision ? 'true' : 'false'}>
              <span className="rank">{i + 1}</span>
              <span className="leader-day-item">
                {a.case ? caseTitle({ itemCode: a.case.itemCode }, lang) : a.eventId}
                <small>{a.case ? unitName(a.case.gridId) : ''}</small>
              </span>
              {a.decision ? (
                <span className="leader-day-lead">
                  {department(a.decision.leadDepartment)}
                  <small>{shortTime(a.decision.leadDeadlineAt, locales[lang])}</small>
                </span>
              ) : (
                <span className="leader-day-pending">{t('leader.pending')}</span>
              )}
              {a.case && (
                <span className={`leader-day-status status-${a.case.status}`}>
                  {t(`status.${a.case.status}` as MessageKey)}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {progress && progress.flagged > 0 && (
        <p className="leader-day-flag">{t('leader.followUp.flaggedCount', { count: progress.flagged })}</p>
      )}
    </section>
  );
}

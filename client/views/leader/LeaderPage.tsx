// The leader scheduling day (/leader, 市级领导调度日): once a month a city leader takes up the hardest
// cases, one at a time, and instructs (批示) a lead department and co-handlers with deadlines. The
// centre picks and orders the agenda from the candidates the rules propose; last month's supervised
// cases open the session with where they stand. Made for a meeting-room display: large type, one case
// at a time. Reloads on case changes from the live stream.
import '../desk/desk.css';
import './leader.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LeaderDay } from '../../api/leaderDaysApi';
import type { TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useSession } from '../../ui/session';
import { useCaseChanges } from '../../ui/useCaseChanges';
import { useResource } from '../../ui/useResource';
import { placesOf } from '../desk/places';
import { AgendaEditor } from './AgendaEditor';
import { FollowUpPanel } from './FollowUpPanel';
import { monthOfInstant, pickerMonths, progressOf } from './leader.model';
import { minutesHtml } from './minutes';
import { SessionView } from './SessionView';

type Tab = 'session' | 'agenda' | 'followUp';

function monthFromUrl(): string | null {
  const m = new URLSearchParams(window.location.search).get('month');
  return m && /^\d{4}-\d{2}$/.test(m) ? m : null;
}

export function LeaderPage({ api }: { api: TwinApi }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const current = useMemo(() => monthOfInstant(Date.now()), []);
  const [month, setMonthState] = useState(() => monthFromUrl() ?? current);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useCaseChanges(api, reload);
  const months = useResource((signal) => api.leaderDays.months(signal), [api, tick]);
  // kept while it reloads (an instruction, a live change): the session must not blink
  const loaded = useResource((signal) => api.leaderDays.day(month, signal), [api, month, tick], { keep: true });
  // an action's answer, shown until the reload it starts comes back
  const [fresh, setFresh] = useState<LeaderDay | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new load is the signal, not an input
  useEffect(() => setFresh(null), [loaded.data]);
  const units = useResource((signal) => api.grids({}, signal), [api]);
  const places = useMemo(() => placesOf(units.data), [units.data]);
  const day = pick(fresh, loaded.data, month);
  const mayEdit = user.permissions.includes('dispatch');
  const mayInstruct = user.permissions.includes('instruct');
  const [tab, setTab] = useState<Tab>('session');

  const setMonth = (m: string) => {
    setMonthState(m);
    setFresh(null);
    const url = new URL(window.location.href);
    url.searchParams.set('month', m);
    window.history.replaceState(null, '', url);
  };
  const changed = (next: LeaderDay) => setFresh(next);

  const tabs: Tab[] = mayEdit ? ['session', 'agenda', 'followUp'] : ['session', 'followUp'];
  const progress = day ? progressOf(day) : null;
  return (
    <div className="work-page leader-page">
      <PageHeader title={t('leader.title')} />
      <div className="leader-bar">
        <label className="leader-month">
          <span>{t('leader.month')}</span>
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            {pickerMonths(
              current,
              (months.data ?? []).map((m) => m.month),
            ).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {day && (
          <p className="leader-summary" data-month={day.month}>
            {day.day ? (
              <>
                <span>
                  {t('leader.presiding')}：{day.day.leaderName ?? '—'}
                </span>
                <span className={`chip leader-status-${day.day.status}`}>
                  {t(`leader.status.${day.day.status}` as MessageKey)}
                </span>
              </>
            ) : (
              <span className="chip">{t('leader.status.none')}</span>
            )}
            <span>{t('leader.counts', { agenda: progress!.agenda, decided: progress!.decided })}</span>
            {progress!.flagged > 0 && (
              <button type="button" className="chip chip-overdue" onClick={() => setTab('followUp')}>
                {t('leader.followUp.flaggedCount', { count: progress!.flagged })}
              </button>
            )}
          </p>
        )}
        {day && day.agenda.length > 0 && (
          <button type="button" onClick={() => downloadMinutes(day, lang)}>
            {t('leader.minutes')}
          </button>
        )}
        {user.permissions.includes('bulletin') && (
          <p className="leader-bulletin">
            {t('leader.bulletin', { month })}：
            <a href={`/api/bulletins/${month}?format=html`} target="_blank" rel="noreferrer">
              HTML
            </a>
            <a href={`/api/bulletins/${month}?format=pdf`} download>
              PDF
            </a>
          </p>
        )}
        <div className="leader-tabs" role="tablist">
          {tabs.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
              {t(`leader.tab.${k}` as MessageKey)}
            </button>
          ))}
        </div>
      </div>
      {loaded.status === 'error' && !day && (
        <p className="form-error leader-note">{t('leader.error', { message: loaded.error.message })}</p>
      )}
      {!day && loaded.status !== 'error' && <p className="leader-note">{t('leader.loading')}</p>}
      {day && tab === 'session' && (
        <SessionView
          api={api}
          day={day}
          places={places}
          current={day.month === current}
          mayInstruct={mayInstruct}
          mayEdit={mayEdit}
          onChanged={(next) => {
            changed(next);
            reload();
          }}
          onEditAgenda={() => setTab('agenda')}
        />
      )}
      {day && tab === 'agenda' && mayEdit && (
        <AgendaEditor api={api} day={day} places={places} onSaved={(next) => changed(next)} />
      )}
      {day && tab === 'followUp' && <FollowUpPanel followUp={day.followUp} places={places} />}
    </div>
  );
}

/** The freshest view of `month`: an action's answer until the next load, never another month's. */
function pick(fresh: LeaderDay | null, loaded: LeaderDay | undefined, month: string): LeaderDay | null {
  const candidates = [fresh, loaded ?? null].filter((d): d is LeaderDay => d?.month === month);
  return candidates[0] ?? null;
}

/** Saves the session's minutes as an HTML document (会议纪要), named by the month. */
function downloadMinutes(day: LeaderDay, lang: 'zh' | 'en') {
  const url = URL.createObjectURL(new Blob([minutesHtml(day, lang)], { type: 'text/html;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `leader-day-minutes-${day.month}.html`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

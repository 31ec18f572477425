// The command-centre big screen (/screen): the 3D city in the centre, the city at a glance, events
// per day, events by category, the departments' ranking and the live ticker around it. Made to run
// unattended: statistics refresh every few minutes, the live stream reconnects by itself, the tour
// starts after a minute without input (?tour=0 turns it off, ?tour=now starts it at once). On the
// leader scheduling day (?mode=leader-day, or the header's switch) the rankings give way to the session.
import { useEffect, useMemo, useState } from 'react';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import type { PickRef } from '../../twin/points/points.model';
import { RiskShading } from '../../twin/risk/RiskShading';
import { riskPatches } from '../../twin/risk/risk.model';
import type { TourStop } from '../../twin/tour/tour.model';
import { useRemPx } from '../../twin/viewer/uiScale';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useResource } from '../../ui/useResource';
import { CityTwin } from '../twin/CityTwin';
import { CategoryPanel, DailyPanel } from './ChartPanels';
import { Clock } from './Clock';
import { KpiPanel } from './KpiPanel';
import { LeaderDayPanel } from './LeaderDayPanel';
import { RankingPanel } from './RankingPanel';
import { RiskPanel } from './RiskPanel';
import { TickerPanel } from './TickerPanel';
import { tickerSelection } from './ticker.model';
import { useTicker } from './useTicker';

const REFRESH_MS = 5 * 60_000;
const DAYS = 30;
/** Departments are ranked over a longer window: a month's cases are mostly still open. */
const RANKING_DAYS = 90;
/** The risk scores move within a minute of a new case or alarm (GET /api/risk); the map follows. */
const RISK_REFRESH_MS = 60_000;
/** Every grid of the city and the village pilot is coloured (105 + 199, with room to spare). */
const RISK_GRIDS = 1000;

/** ?mode=leader-day: the leader scheduling day's session and follow-up instead of the rankings. */
function leaderDayMode(): boolean {
  return new URLSearchParams(window.location.search).get('mode') === 'leader-day';
}

function tourIdleMs(): number | null {
  const tour = new URLSearchParams(window.location.search).get('tour');
  if (tour === '0' || tour === 'off') return null;
  return tour === 'now' ? 2_000 : 60_000;
}

export function ScreenPage({ api }: { api: TwinApi }) {
  const { t, lang } = useI18n();
  const remPx = useRemPx();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const overview = useResource((signal) => api.overview(signal), [api, tick]);
  const open = useResource((signal) => api.events({ open: true, limit: 1 }, signal), [api, tick]);
  const daily = useResource((signal) => api.dailyEvents(DAYS, signal), [api, tick]);
  const categories = useResource((signal) => api.eventsByCategory(DAYS, signal), [api, tick]);
  const ranking = useResource((signal) => api.departmentRanking(RANKING_DAYS, signal), [api, tick]);
  const grids = useResource((signal) => api.grids({}, signal), [api]);
  const [riskTick, setRiskTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setRiskTick((n) => n + 1), RISK_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const risk = useResource((signal) => api.risk({ level: 'grid', top: String(RISK_GRIDS) }, signal), [api, riskTick], {
    keep: true,
  });
  const [riskShown, setRiskShown] = useState(true);
  const [leaderDay, setLeaderDay] = useState(leaderDayMode);
  const toggleLeaderDay = () => {
    const url = new URL(window.location.href);
    if (leaderDay) url.searchParams.delete('mode');
    else url.searchParams.set('mode', 'leader-day');
    window.history.replaceState(null, '', url);
    setLeaderDay(!leaderDay);
  };
  const patches = useMemo(
    () => (grids.data && risk.data ? riskPatches(grids.data.features, risk.data) : null),
    [grids.data, risk.data],
  );
  const names = useMemo(
    () => new Map((grids.data?.features ?? []).map((f) => [f.properties.id, f.properties.name])),
    [grids.data],
  );
  const cityName = useMemo(
    () => grids.data?.features.find((f) => f.properties.level === 'city')?.properties.name ?? '',
    [grids.data],
  );

  const ticker = useTicker(api);
  const [connected, setConnected] = useState<boolean | null>(null);
  const [stop, setStop] = useState<TourStop | null>(null);
  const [chosen, setChosen] = useState<{ key: number; selection: PickRef } | null>(null);
  const [idle] = useState(tourIdleMs);
  const window_ = daily.data?.window;
  const note = window_?.fallback
    ? t('screen.fallback', { day: new Date(Date.parse(window_.to) - 1).toISOString().slice(0, 10) })
    : null;

  return (
    <div className="page screen-page">
      <CityTwin
        api={api}
        live
        onAlarm={ticker.onAlarm}
        onEvent={ticker.onEvent}
        onConnection={setConnected}
        tourIdleMs={idle}
        onTourStop={setStop}
        select={chosen}
      >
        <RiskShading patches={patches} visible={riskShown} />
      </CityTwin>
      <header className="screen-header">
        <div className="screen-brand">
          <h1 className="brand-name">{t('app.name')}</h1>
          <span className="screen-subtitle">
            {cityName} · {t('screen.title')}
          </span>
        </div>
        <Clock lang={lang} />
        <button type="button" className="screen-mode" aria-pressed={leaderDay} onClick={toggleLeaderDay}>
          {t('screen.leaderDay.toggle')}
        </button>
        <LanguageSwitch />
      </header>
      <div className="screen-side screen-left">
        <KpiPanel overview={overview.data ?? null} openEvents={open.data?.total ?? null} />
        <CategoryPanel categories={categories.data?.categories ?? null} remPx={remPx} />
      </div>
      <div className="screen-side screen-right">
        <DailyPanel days={daily.data?.days ?? null} remPx={remPx} note={note} />
        {leaderDay ? (
          <LeaderDayPanel api={api} unitName={(id) => names.get(id) ?? id} />
        ) : (
          <>
            <RiskPanel
              areas={risk.data ?? null}
              error={risk.error?.message ?? null}
              mapShown={riskShown}
              onToggleMap={() => setRiskShown((shown) => !shown)}
            />
            <RankingPanel departments={ranking.data?.departments ?? null} />
          </>
        )}
      </div>
      <div className="screen-bottom">
        <TickerPanel
          items={ticker.items}
          unitName={(id) => names.get(id) ?? id}
          connected={connected}
          onChoose={(item) => setChosen((c) => ({ key: (c?.key ?? 0) + 1, selection: tickerSelection(item) }))}
        />
      </div>
      {stop && <div className="tour-badge">{t('screen.tour', { place: stop.label })}</div>}
    </div>
  );
}

// The big screen's panels around the city: the city at a glance, events per day, events by category,
// the departments' ranking, and the live ticker. Large type, high contrast, Chinese by default.

import { findItem } from '@domain/taxonomy';
import { useMemo } from 'react';
import type { CategoryCount, DailyCount, DepartmentRank, Overview } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { EChart } from '../../ui/EChart';
import { categoryOption, dailyOption } from './charts.model';
import type { TickerItem } from './ticker.model';

export function KpiPanel({ overview, openEvents }: { overview: Overview | null; openEvents: number | null }) {
  const { t, n } = useI18n();
  const pct = (v: number) => n(v, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const figures: [string, string, string?][] = overview
    ? [
        [t('figure.residents'), n(overview.residents)],
        [t('figure.components'), n(overview.components)],
        [t('figure.cameras'), n(overview.cameras)],
        [t('screen.patrolPoints'), n(overview.patrolPoints)],
        [t('figure.events'), n(overview.events.total)],
        [t('figure.closureRate'), pct(overview.events.closureRate), 'good'],
        [t('screen.openEvents'), openEvents === null ? '…' : n(openEvents), 'warn'],
        [t('screen.departments'), n(overview.departments)],
      ]
    : [];
  return (
    <section className="screen-card kpi-card" aria-label={t('screen.kpi')}>
      <h2>{t('screen.kpi')}</h2>
      {overview && (
        <p className="kpi-structure">
          {t('screen.urbanValue', {
            subdistricts: overview.subdistricts,
            communities: overview.communities,
            grids: overview.urbanGrids,
          })}
          <br />
          {t('screen.villageValue', {
            towns: overview.towns,
            villages: overview.villages,
            grids: overview.villageGrids,
          })}
        </p>
      )}
      <dl className="kpi-grid">
        {figures.map(([label, value, tone]) => (
          <div key={label} className={`kpi ${tone ?? ''}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function DailyPanel({ days, remPx, note }: { days: DailyCount[] | null; remPx: number; note: string | null }) {
  const { t } = useI18n();
  const option = useMemo(
    () =>
      days ? dailyOption(days, remPx, { reported: t('screen.dailyReported'), closed: t('screen.dailyClosed') }) : null,
    [days, remPx, t],
  );
  return (
    <section className="screen-card chart-card">
      <h2>
        {t('screen.daily')}
        {note && <small className="card-note">{note}</small>}
      </h2>
      {option && <EChart className="chart" option={option} label={t('screen.daily')} />}
    </section>
  );
}

export function CategoryPanel({ categories, remPx }: { categories: CategoryCount[] | null; remPx: number }) {
  const { t, lang } = useI18n();
  const option = useMemo(
    () => (categories ? categoryOption(categories, remPx, lang) : null),
    [categories, remPx, lang],
  );
  return (
    <section className="screen-card chart-card">
      <h2>{t('screen.byCategory')}</h2>
      {option && <EChart className="chart" option={option} label={t('screen.byCategory')} />}
    </section>
  );
}

export function RankingPanel({ departments }: { departments: DepartmentRank[] | null }) {
  const { t, n, lang } = useI18n();
  const pct = (v: number) => n(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section className="screen-card ranking-card">
      <h2>{t('screen.ranking')}</h2>
      <table className="ranking">
        <thead>
          <tr>
            <th />
            <th>{t('screen.rank.dept')}</th>
            <th>{t('screen.rank.closure')}</th>
            <th>{t('screen.rank.overdue')}</th>
            <th>{t('screen.rank.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {(departments ?? []).slice(0, 10).map((d) => (
            <tr key={d.id}>
              <td className={`rank rank-${d.rank}`}>{d.rank}</td>
              <td className="dept">{lang === 'zh' ? d.name.replace(/^市/, '') : d.nameEn}</td>
              <td>{pct(d.closureRate)}</td>
              <td className={d.overdueRate > 0.05 ? 'bad' : ''}>{pct(d.overdueRate)}</td>
              <td>
                {d.avgHandlingHours === null
                  ? '—'
                  : t('screen.hours', { hours: n(d.avgHandlingHours, { maximumFractionDigits: 0 }) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function TickerPanel({
  items,
  unitName,
  connected,
  onChoose,
}: {
  items: TickerItem[];
  unitName(id: string): string;
  connected: boolean | null;
  onChoose?(item: TickerItem): void;
}) {
  const { t, lang } = useI18n();
  const time = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  return (
    <section className="screen-card ticker-card" aria-label={t('screen.ticker')} aria-live="polite">
      <h2>
        {t('screen.ticker')}
        <span className={`live-light ${connected ? 'on' : 'off'}`}>
          {t(connected ? 'screen.live' : 'screen.offline')}
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="ticker-empty">{t('screen.tickerEmpty')}</p>
      ) : (
        <ol className="ticker">
          {items.slice(0, 8).map((item) => (
            <li
              key={item.key}
              className={`ticker-item level-${item.level} ${item.kind}`}
              data-key={item.key}
              role={onChoose ? 'button' : undefined}
              tabIndex={onChoose ? 0 : undefined}
              onClick={() => onChoose?.(item)}
              onKeyDown={(e) => e.key === 'Enter' && onChoose?.(item)}
            >
              <span className="ticker-kind">{t(item.kind === 'alarm' ? 'screen.alarm' : 'screen.event')}</span>
              <span className="ticker-time">{time(item.at)}</span>
              <span className="ticker-text">
                {lang !== 'en'
                  ? item.text
                  : item.alarm
                    ? `${item.alarm.deviceId} ${t(`rule.${item.alarm.rule}` as MessageKey)}`
                    : item.itemCode
                      ? (findItem(item.itemCode)?.nameEn ?? item.text)
                      : item.text}
              </span>
              <span className="ticker-place">{unitName(item.place)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

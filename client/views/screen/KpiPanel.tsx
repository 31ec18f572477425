// The city at a glance (城市概况): its structure, and the platform's figures.
import type { Overview } from '../../api/twinApi';
import { useI18n } from '../../i18n';

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

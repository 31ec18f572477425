import type { Overview } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { AppNav } from '../../ui/AppNav';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { UserBadge } from '../../ui/UserBadge';

export interface OverviewHeaderProps {
  /** The city's name from its boundary feature; empty until loaded. */
  cityName: string;
  overview: Overview | null;
}

/** The platform's name, the city, and the platform at a glance (from /api/overview). */
export function OverviewHeader({ cityName, overview }: OverviewHeaderProps) {
  const { t, n } = useI18n();
  return (
    <header className="overview-header">
      <div className="brand">
        <h1 className="brand-name">{t('app.name')}</h1>
        <div className="brand-place">
          <span className="brand-city">{cityName}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
      </div>
      {overview && (
        <dl className="figures">
          <Figure
            label={t('figure.urban')}
            value={t('figure.urbanValue', {
              subdistricts: overview.subdistricts,
              communities: overview.communities,
              grids: overview.urbanGrids,
            })}
            wide
          />
          <Figure
            label={t('figure.village')}
            value={t('figure.villageValue', {
              towns: overview.towns,
              villages: overview.villages,
              grids: overview.villageGrids,
            })}
            wide
          />
          <Figure label={t('figure.residents')} value={n(overview.residents)} />
          <Figure label={t('figure.components')} value={n(overview.components)} />
          <Figure label={t('figure.cameras')} value={n(overview.cameras)} />
          <Figure label={t('figure.events')} value={n(overview.events.total)} />
          <Figure
            label={t('figure.closureRate')}
            value={n(overview.events.closureRate, {
              style: 'percent',
              minimumFractionDigits: 1,
              maximumFractionDigits: 1,
            })}
          />
        </dl>
      )}
      <AppNav />
      <UserBadge />
      <LanguageSwitch />
    </header>
  );
}

function Figure({ label, value, wide = false }: { label: string; value: string; wide?: boolean }) {
  return (
    <div className={wide ? 'figure figure-wide' : 'figure'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

// The drill-down path (层级导航): city → subdistrict/town → community/village → grid. Each step flies
// there and highlights it; the last step lists the units below to go one level further.
import type { GridProperties } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { levelText, unitPath } from './unitPath';

export interface BreadcrumbProps {
  units: ReadonlyMap<string, GridProperties>;
  /** Each unit's children (the last step lists them). */
  childrenOf: ReadonlyMap<string, GridProperties[]>;
  /** The unit the path ends at; null = the city. */
  unitId: string | null;
  onChoose(unitId: string): void;
  onHome(): void;
}

export function Breadcrumb({ units, childrenOf, unitId, onChoose, onHome }: BreadcrumbProps) {
  const { t } = useI18n();
  const city = [...units.values()].find((u) => u.level === 'city');
  const path = unitPath(units, unitId ?? city?.id ?? null);
  const last = path[path.length - 1];
  const below = last ? (childrenOf.get(last.id) ?? []) : [];
  return (
    <nav className="breadcrumb twin-card" aria-label={t('crumb.label')}>
      <button type="button" className="crumb-home" onClick={onHome} title={t('crumb.home')}>
        ⌂ {t('crumb.home')}
      </button>
      {path.map((unit) => (
        <span key={unit.id} className="crumb">
          <span className="crumb-sep">›</span>
          <button
            type="button"
            onClick={() => onChoose(unit.id)}
            aria-current={unit.id === last?.id ? 'location' : undefined}
          >
            {unit.name}
          </button>
        </span>
      ))}
      {below.length > 0 && (
        <select
          className="crumb-below"
          aria-label={t('crumb.below')}
          value=""
          onChange={(e) => e.target.value && onChoose(e.target.value)}
        >
          <option value="">{t('crumb.belowLevel', { level: t(levelText[below[0]!.level]) })}</option>
          {below.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      )}
    </nav>
  );
}

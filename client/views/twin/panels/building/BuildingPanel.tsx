// A picked building's card: address, use, floors, grid, households and residents (counts only), in the
// page's language. Small and self-contained, to be folded into the general info panel later.
import type { TwinApi } from '../../../../api/twinApi';
import { useI18n } from '../../../../i18n';
import { cardRows } from '../../../../twin/buildings/buildings.model';
import { useResource } from '../../../../ui/useResource';

export interface BuildingPanelProps {
  api: TwinApi;
  buildingId: string;
  onClose(): void;
}

export function BuildingPanel({ api, buildingId, onClose }: BuildingPanelProps) {
  const { t, n } = useI18n();
  const card = useResource((signal) => api.building(buildingId, signal), [api, buildingId]);
  return (
    <aside className="building-panel" aria-label={t('building.title')} data-building-id={buildingId}>
      <header>
        <h2>{t('building.title')}</h2>
        <button type="button" className="building-panel-close" onClick={onClose} aria-label={t('building.close')}>
          ×
        </button>
      </header>
      {card.status === 'loading' && <p className="building-panel-status">{t('building.loading')}</p>}
      {card.status === 'error' && (
        <p className="building-panel-status" role="alert">
          {t('building.error', { message: card.error.message })}
        </p>
      )}
      {card.status === 'ready' && (
        <dl>
          {cardRows(card.data, (value) => n(value)).map((row) => (
            <div key={row.label} className="building-panel-row">
              <dt>{t(row.label)}</dt>
              <dd>{row.value ? t(row.value, row.vars) : row.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </aside>
  );
}

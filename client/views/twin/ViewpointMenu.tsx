// The preset views (预设视角): a menu of the places the server found in the data (the whole county,
// the old town at street level, a new compound, a village, the river); choosing one flies there. A
// command centre recalls them on the wall; the README's pictures are taken from them. Hidden while
// they load or when they cannot be loaded (the twin works without them).
import type { TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import type { FlightTarget } from '../../twin/flight/flightTarget';
import { useResource } from '../../ui/useResource';

export interface ViewpointMenuProps {
  api: TwinApi;
  flyTo(target: FlightTarget): void;
}

export function ViewpointMenu({ api, flyTo }: ViewpointMenuProps) {
  const { t } = useI18n();
  const views = useResource((signal) => api.viewpoints(signal), [api]);
  if (views.status !== 'ready' || views.data.length === 0) return null;
  return (
    <select
      className="viewpoint-menu twin-card"
      aria-label={t('viewpoint.label')}
      value=""
      onChange={(e) => {
        const chosen = views.data.find((v) => v.properties.key === e.target.value);
        if (chosen) flyTo({ view: chosen.properties.view });
      }}
    >
      <option value="">{t('viewpoint.choose')}</option>
      {views.data.map((v) => (
        <option key={v.properties.key} value={v.properties.key}>
          {t(`viewpoint.${v.properties.key}` as MessageKey)} · {v.properties.place}
        </option>
      ))}
    </select>
  );
}

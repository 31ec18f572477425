// The first page: the whole city on the globe with its grid boundaries, and the platform at a glance.
// Composes the twin's layers, the header, the legend and the preset views; the view is in the URL
// (`?view=`, as on the big screen). All data comes through the injected api.

import type { AdminLevel } from '@domain/model';
import { useCallback, useMemo, useState } from 'react';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { CityBuildings } from '../../twin/buildings/CityBuildings';
import { FlightDirector } from '../../twin/flight/FlightDirector';
import { twinStateOf } from '../../twin/flight/viewUrl';
import { GridBoundaries } from '../../twin/grids/GridBoundaries';
import { gridDrawingFrom, legendRows } from '../../twin/grids/grids.model';
import { TwinReadiness } from '../../twin/viewer/TwinReadiness';
import { TwinViewer } from '../../twin/viewer/TwinViewer';
import { useResource } from '../../ui/useResource';
import { BuildingPanel } from '../twin/panels/building/BuildingPanel';
import { useFlight } from '../twin/useFlight';
import { ViewpointMenu } from '../twin/ViewpointMenu';
import { GridLegend } from './GridLegend';
import { OverviewHeader } from './OverviewHeader';

export function OverviewPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const overview = useResource((signal) => api.overview(signal), [api]);
  const grids = useResource((signal) => api.grids({}, signal).then((collection) => collection.features), [api]);
  const drawing = useMemo(() => (grids.data ? gridDrawingFrom(grids.data) : null), [grids.data]);
  const cityName = useMemo(
    () => grids.data?.find((f) => f.properties.level === 'city')?.properties.name ?? '',
    [grids.data],
  );

  const [drawnFeatures, setDrawnFeatures] = useState<number | null>(null);
  const [flightDone, setFlightDone] = useState(false);
  const [initialView] = useState(() => twinStateOf(window.location.search).view);
  const [flight, flyTo] = useFlight();
  const [hidden, setHidden] = useState<ReadonlySet<AdminLevel>>(() => new Set());
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const toggleLevel = useCallback(
    (level: AdminLevel) =>
      setHidden((current) => {
        const next = new Set(current);
        if (!next.delete(level)) next.add(level);
        return next;
      }),
    [],
  );

  const error = grids.error ?? overview.error ?? null;
  const loading = grids.status === 'loading' || overview.status === 'loading';

  return (
    <div className="page overview-page">
      <TwinViewer className="twin">
        <CityBuildings url={api.buildingTilesetUrl} selectedId={buildingId} onPick={setBuildingId} />
        <GridBoundaries drawing={drawing} hiddenLevels={hidden} onDrawn={setDrawnFeatures} />
        <FlightDirector
          initialView={initialView}
          home={drawing?.focus ?? null}
          request={flight}
          onOpened={() => setFlightDone(true)}
          syncUrl
        />
        <TwinReadiness gridFeatures={drawnFeatures} flightDone={flightDone} error={error?.message} />
      </TwinViewer>
      <OverviewHeader cityName={cityName} overview={overview.data ?? null} />
      <div className="overview-tools">
        <ViewpointMenu api={api} flyTo={flyTo} />
      </div>
      {buildingId && <BuildingPanel api={api} buildingId={buildingId} onClose={() => setBuildingId(null)} />}
      {drawing && <GridLegend rows={legendRows(drawing)} hidden={hidden} onToggle={toggleLevel} />}
      {(error || loading) && (
        <div className={error ? 'status status-error' : 'status'} role={error ? 'alert' : 'status'}>
          {error ? t('status.error', { message: error.message }) : t('status.loading')}
        </div>
      )}
    </div>
  );
}

// The city twin with everything on it: grid boundaries, components, cameras, patrol points, sensors
// and open events; click or search → info panel and fly-to; the drill-down path; a home view; the
// view and selection in the URL; optionally the live stream (sensor colours and new events, in place)
// and the unattended tour. Pages put it behind their own panels (the big screen, the first page).
// A view only: the state lives in the hooks beside it and the pure models they use.

import { type ReactNode, useEffect, useState } from 'react';
import type { Alarm, LiveEvent, TwinApi } from '../../api/twinApi';
import { FlightDirector } from '../../twin/flight/FlightDirector';
import { twinStateOf } from '../../twin/flight/viewUrl';
import type { PickRef } from '../../twin/points/points.model';
import { PickHandler } from '../../twin/selection/PickHandler';
import { SelectionMarker } from '../../twin/selection/SelectionMarker';
import { UnitHighlight } from '../../twin/selection/UnitHighlight';
import { TourDriver } from '../../twin/tour/TourDriver';
import type { TourStop } from '../../twin/tour/tour.model';
import { TwinReadiness } from '../../twin/viewer/TwinReadiness';
import { TwinViewer } from '../../twin/viewer/TwinViewer';
import { LayerPanel } from './LayerPanel';
import { drawnFeatures, layerCounts } from './layerState';
import { SelectionPanel } from './SelectionPanel';
import { TwinLayers } from './TwinLayers';
import { TwinTools } from './TwinTools';
import { useFlight } from './useFlight';
import { useLayers } from './useLayers';
import { useLiveTwin } from './useLiveTwin';
import { useSelection } from './useSelection';
import { useTourStops } from './useTourStops';
import { useTwinData } from './useTwinData';
import { useUnits } from './useUnits';
import { useWhereSelected } from './useWhereSelected';

export interface CityTwinProps {
  api: TwinApi;
  /** Connect to the live stream (sensor colours, new events). */
  live?: boolean;
  onAlarm?(alarm: Alarm): void;
  onEvent?(event: LiveEvent): void;
  onConnection?(connected: boolean): void;
  /** Tour after this long without input; null = no tour. */
  tourIdleMs?: number | null;
  tourDwellMs?: number;
  onTourStop?(stop: TourStop | null): void;
  onError?(message: string | null): void;
  /** A selection the page asks for (an alarm or event chosen in its ticker); a new object each time. */
  select?: { key: number; selection: PickRef } | null;
  /** More scene layers, drawn under the points. */
  children?: ReactNode;
}

export function CityTwin({ api, live = false, tourIdleMs = null, tourDwellMs = 20_000, ...props }: CityTwinProps) {
  const { onAlarm, onEvent, onConnection, onTourStop, onError, select, children } = props;
  const data = useTwinData(api);
  const [initialView] = useState(() => twinStateOf(window.location.search).view);
  const [opened, setOpened] = useState(false);
  const [flight, flyTo] = useFlight();
  const selected = useSelection({ outlines: data.drawing?.outlines ?? null, flyTo, select });
  const { state, dispatch } = selected;
  const where = useWhereSelected(state, data);
  const layers = useLayers(data.components);
  const { sensorPoints, sensorLayer, eventLayer } = useLiveTwin({ api, live, data, onAlarm, onEvent, onConnection });

  const { units, childrenOf } = useUnits(data.grids);
  const stops = useTourStops(tourIdleMs !== null, units, data);
  const home = data.drawing?.focus ?? null;
  const error = data.error?.message ?? null;
  useEffect(() => onError?.(error), [error, onError]);

  return (
    <>
      <TwinViewer className="twin">
        {children}
        <TwinLayers
          api={api}
          data={data}
          layers={layers}
          selection={state.selection}
          selectedCamera={where.camera}
          sensorPoints={sensorPoints}
          sensorLayer={sensorLayer}
          eventLayer={eventLayer}
          onPickBuilding={(id) => dispatch({ type: 'pick', ref: { kind: 'building', id } })}
        />
        <UnitHighlight outlines={where.outlines} />
        <SelectionMarker position={where.position} />
        <PickHandler onPick={(ref) => dispatch({ type: 'pick', ref })} />
        <FlightDirector
          initialView={initialView}
          home={home}
          request={flight}
          onOpened={() => setOpened(true)}
          syncUrl
        />
        {tourIdleMs !== null && (
          <TourDriver stops={stops} idleMs={tourIdleMs} dwellMs={tourDwellMs} onStop={onTourStop} />
        )}
        <TwinReadiness gridFeatures={drawnFeatures(layers.drawn)} flightDone={opened} error={data.error?.message} />
      </TwinViewer>
      <div className="twin-ui">
        <TwinTools
          api={api}
          units={units}
          childrenOf={childrenOf}
          unitId={where.unitId}
          selected={selected}
          home={home}
          flyTo={flyTo}
        />
        <LayerPanel {...layers} counts={layerCounts(data)} />
        <SelectionPanel api={api} data={data} units={units} selected={selected} flyTo={flyTo} />
      </div>
    </>
  );
}

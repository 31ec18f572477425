// The twin's map layers in drawing order: buildings, grid boundaries, components, patrol points,
// cameras, sensors and open events, each shown or hidden as the layer panel says.
import type { Camera } from '@domain/model';
import type { RefObject } from 'react';
import type { TwinApi } from '../../api/twinApi';
import { CityBuildings } from '../../twin/buildings/CityBuildings';
import { CameraLayerView } from '../../twin/cameras/CameraLayerView';
import { EventLayerView } from '../../twin/events/EventLayerView';
import type { EventLayer } from '../../twin/events/events.layer';
import { GridBoundaries } from '../../twin/grids/GridBoundaries';
import { PointLayerView } from '../../twin/points/PointLayerView';
import type { PointLayer } from '../../twin/points/points.layer';
import type { PickRef, PointSpec } from '../../twin/points/points.model';
import { hiddenLevels } from './layerState';
import type { Layers } from './useLayers';
import type { TwinData } from './useTwinData';

export interface TwinLayersProps {
  api: TwinApi;
  data: TwinData;
  layers: Layers;
  selection: PickRef | null;
  selectedCamera: Camera | null;
  sensorPoints: readonly PointSpec[] | null;
  sensorLayer: RefObject<PointLayer | null>;
  eventLayer: RefObject<EventLayer | null>;
  onPickBuilding(id: string): void;
}

export function TwinLayers({
  api,
  data,
  layers: { shown, filter, markDrawn },
  selection,
  selectedCamera,
  sensorPoints,
  sensorLayer,
  eventLayer,
  onPickBuilding,
}: TwinLayersProps) {
  return (
    <>
      <CityBuildings
        url={api.buildingTilesetUrl}
        selectedId={selection?.kind === 'building' ? selection.id : null}
        onPick={(id) => id && onPickBuilding(id)}
      />
      <GridBoundaries drawing={data.drawing} hiddenLevels={hiddenLevels(shown)} onDrawn={markDrawn('grids')} />
      <PointLayerView
        name="components"
        specs={data.componentPoints}
        visible={shown.has('components')}
        filter={filter}
        onDrawn={markDrawn('components')}
      />
      <PointLayerView
        name="patrol-points"
        specs={data.patrolPoints}
        visible={shown.has('patrol-points')}
        onDrawn={markDrawn('patrol-points')}
      />
      <CameraLayerView
        specs={data.cameraIcons}
        visible={shown.has('cameras')}
        selected={selectedCamera}
        onDrawn={markDrawn('cameras')}
      />
      <PointLayerView
        name="sensors"
        specs={sensorPoints}
        visible={shown.has('sensors')}
        layerRef={sensorLayer}
        alwaysOnTopWithinM={3000}
        onDrawn={markDrawn('sensors')}
      />
      <EventLayerView
        events={data.openEvents}
        visible={shown.has('events')}
        layerRef={eventLayer}
        onDrawn={markDrawn('events')}
      />
    </>
  );
}

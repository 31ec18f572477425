// The city twin with everything on it: grid boundaries, components, cameras, patrol points, sensors
// and open events; click or search → info panel and fly-to; the drill-down path; a home view; the
// view and selection in the URL; optionally the live stream (sensor colours and new events, in place)
// and the unattended tour. Pages put it behind their own panels (the big screen, the first page).

import type { Camera, LonLat } from '@domain/model';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm, BboxDeg, GridProperties, LiveEvent, SearchHit, TwinApi } from '../../api/twinApi';
import { BuildingPanel } from './panels/building/BuildingPanel';
import { CityBuildings } from '../../twin/buildings/CityBuildings';
import { FlightDirector, type FlightRequest, type FlightTarget } from '../../twin/flight/FlightDirector';
import { formatSelection, parseSelection, parseView, withTwinState } from '../../twin/flight/viewUrl';
import { CameraLayerView } from '../../twin/cameras/CameraLayerView';
import { componentCategoryCounts } from '../../twin/components/components.model';
import { EventLayerView } from '../../twin/events/EventLayerView';
import type { EventLayer } from '../../twin/events/events.layer';
import { GridBoundaries } from '../../twin/grids/GridBoundaries';
import { PointLayerView } from '../../twin/points/PointLayerView';
import type { PointLayer } from '../../twin/points/points.layer';
import type { PickRef, PointSpec } from '../../twin/points/points.model';
import { PickHandler } from '../../twin/selection/PickHandler';
import { SelectionMarker } from '../../twin/selection/SelectionMarker';
import { UnitHighlight } from '../../twin/selection/UnitHighlight';
import { sensorOutline, sensorSpecs, sensorStatus, sensorStatusColors } from '../../twin/sensors/sensors.model';
import { TourDriver } from '../../twin/tour/TourDriver';
import { type TourStop, type TourUnit, tourStops } from '../../twin/tour/tour.model';
import { TwinReadiness } from '../../twin/viewer/TwinReadiness';
import { TwinViewer } from '../../twin/viewer/TwinViewer';
import { Breadcrumb } from './Breadcrumb';
import { InfoPanel } from './InfoPanel';
import { LayerPanel, type TwinLayer, twinLayers } from './LayerPanel';
import { SearchBox } from './SearchBox';
import { useTwinData } from './useTwinData';

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
  /** A selection the page asks for (an alarm or event chosen in its ticker); a new key each time. */
  select?: { key: number; selection: PickRef } | null;
  /** More scene layers, drawn under the points. */
  children?: import('react').ReactNode;
}

const params = () => new URLSearchParams(window.location.search);

function bboxOfUnit(outlines: { unitId: string; ring: LonLat[] }[], unitId: string): BboxDeg | null {
  let box: BboxDeg | null = null;
  for (const o of outlines) {
    if (o.unitId !== unitId) continue;
    for (const [lon, lat] of o.ring)
      box = box
        ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)]
        : [lon, lat, lon, lat];
  }
  return box;
}

export function CityTwin({
  api,
  live = false,
  onAlarm,
  onEvent,
  onConnection,
  tourIdleMs = null,
  tourDwellMs = 20_000,
  onTourStop,
  onError,
  select,
  children,
}: CityTwinProps) {
  const data = useTwinData(api);
  const [initialView] = useState(() => parseView(params().get('view')));
  const [selection, setSelection] = useState<PickRef | null>(() => parseSelection(params().get('sel')));
  const [hint, setHint] = useState<SearchHit | null>(null);
  /** An alarm chosen from a panel, shown while the alarm panel loads it. */
  const [alarmAtHand, setAlarmAtHand] = useState<Alarm | null>(null);
  /** Where the selected event or alarm lies, as its panel loaded it (one that arrived live is in no list here). */
  const [placeAtHand, setPlaceAtHand] = useState<{ ref: string; position: LonLat; gridId: string } | null>(null);
  const placeOf = (ref: PickRef) => (placeAtHand?.ref === formatSelection(ref) ? placeAtHand : null);
  const [shown, setShown] = useState<ReadonlySet<TwinLayer>>(() => new Set(twinLayers));
  const [hiddenCategories, setHiddenCategories] = useState<ReadonlySet<string>>(() => new Set());
  const [flight, setFlight] = useState<FlightRequest | null>(null);
  const [opened, setOpened] = useState(false);
  const [drawn, setDrawn] = useState<Partial<Record<TwinLayer, number>>>({});
  const sensorLayer = useRef<PointLayer | null>(null);
  const eventLayer = useRef<EventLayer | null>(null);

  const units = useMemo(() => new Map((data.grids ?? []).map((f) => [f.properties.id, f.properties])), [data.grids]);
  const childrenOf = useMemo(() => {
    const map = new Map<string, GridProperties[]>();
    for (const u of units.values()) if (u.parentId) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
    for (const list of map.values()) list.sort((a, b) => a.id.localeCompare(b.id));
    return map;
  }, [units]);
  const home = data.drawing?.focus ?? null;

  // Selection → URL (the view is written by FlightDirector when the camera rests).
  useEffect(() => {
    const search = withTwinState(window.location.search, undefined, selection);
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${search}${window.location.hash}`,
    );
  }, [selection]);

  const flyTo = useCallback((target: FlightTarget) => setFlight((f) => ({ key: (f?.key ?? 0) + 1, target })), []);
  useEffect(() => {
    if (!select) return;
    setHint(null);
    setSelection(select.selection);
    // key stands for the request
  }, [select?.key]);
  const chooseUnit = useCallback(
    (unitId: string) => {
      setSelection({ kind: 'unit', id: unitId });
      const box = data.drawing ? bboxOfUnit(data.drawing.outlines, unitId) : null;
      if (box) flyTo({ bbox: box });
    },
    [data.drawing, flyTo],
  );
  const chooseHit = useCallback(
    (hit: SearchHit) => {
      setHint(hit);
      if (hit.kind === 'unit') return chooseUnit(hit.id);
      setSelection({ kind: hit.kind, id: hit.id });
      flyTo({ point: hit.position, rangeM: 500 });
    },
    [chooseUnit, flyTo],
  );

  // Sensors are built with the first states loaded; later reloads recolour them in place.
  const [firstStates, setFirstStates] = useState<typeof data.sensorStates>(null);
  if (!firstStates && data.sensorStates) setFirstStates(data.sensorStates);
  const sensorPoints = useMemo(
    () => (data.sensors && firstStates ? sensorSpecs(data.sensors, firstStates) : null),
    [data.sensors, firstStates],
  );
  const categoryFilter = useMemo(
    () =>
      hiddenCategories.size === 0
        ? null
        : (spec: PointSpec) => !hiddenCategories.has(componentCategoryOf(spec, data.components)),
    [hiddenCategories, data.components],
  );

  // Live: recolour sensors and add events in place; hand alarms and events to the page.
  const handlers = useRef({ onAlarm, onEvent, onConnection });
  handlers.current = { onAlarm, onEvent, onConnection };
  const kinds = useMemo(
    () => new Map((data.sensors ?? []).map((s) => [s.properties.id, s.properties.kind])),
    [data.sensors],
  );
  const recolour = useCallback(
    (id: string, state: Parameters<typeof sensorStatus>[1]) => {
      const kind = kinds.get(id);
      if (kind) sensorLayer.current?.setColor(id, sensorStatusColors[sensorStatus(kind, state)], sensorOutline);
    },
    [kinds],
  );
  // The latest states and helpers, for the stream's handlers (one connection for the page's life).
  const current = useRef({ states: data.sensorStates, recolour, reload: data.reload });
  current.current = { states: data.sensorStates, recolour, reload: data.reload };
  useEffect(() => {
    if (data.sensorStates && data.sensorStates !== firstStates)
      for (const [id, state] of data.sensorStates) recolour(id, state);
  }, [data.sensorStates, firstStates, recolour]);
  useEffect(() => {
    if (!live) return;
    let first = true;
    const connection = api.live({
      onReady: () => {
        if (!first) current.current.reload(); // messages missed while away: reload the state they changed
        first = false;
      },
      onSensors: (changed) => {
        for (const s of changed) {
          current.current.states?.set(s.deviceId, s);
          current.current.recolour(s.deviceId, s);
        }
      },
      onAlarm: (a) => handlers.current.onAlarm?.(a),
      onEvent: (e) => {
        // Open events: the loaded ones plus those the live stream announced since (until the next reload).
        eventLayer.current?.upsert({ code: e.id, closedAt: null, overdue: false, ...e });
        handlers.current.onEvent?.(e);
      },
      onConnection: (c) => handlers.current.onConnection?.(c),
    });
    return () => connection.close();
  }, [api, live]);

  const stops = useMemo(() => {
    if (!data.drawing || tourIdleMs === null) return [];
    const tourUnits: TourUnit[] = [];
    for (const u of units.values()) {
      if (u.level === 'community' || u.level === 'village') continue;
      const bbox = bboxOfUnit(data.drawing.outlines, u.id);
      if (bbox) tourUnits.push({ id: u.id, name: u.name, level: u.level, bbox });
    }
    const byGrid = new Map<string, number>();
    for (const e of data.openEvents ?? []) byGrid.set(e.gridId, (byGrid.get(e.gridId) ?? 0) + 1);
    return tourStops(tourUnits, byGrid);
  }, [data.drawing, data.openEvents, units, tourIdleMs]);

  const selectedCamera = useMemo((): Camera | null => {
    if (selection?.kind !== 'camera') return null;
    const f = data.cameras?.find((c) => c.properties.id === selection.id);
    return f ? { ...f.properties, position: f.geometry.coordinates as LonLat } : null;
  }, [selection, data.cameras]);
  const selectedPosition = useMemo((): LonLat | null => {
    if (!selection) return null;
    if (selection.kind === 'event')
      return data.openEvents?.find((e) => e.id === selection.id)?.position ?? placeOf(selection)?.position ?? null;
    if (selection.kind === 'alarm') return placeOf(selection)?.position ?? null;
    const lists: Partial<
      Record<string, { properties: { id: string }; geometry: { coordinates: unknown[] } }[] | null>
    > = {
      component: data.components,
      camera: data.cameras,
      'patrol-point': data.patrol,
      sensor: data.sensors,
    };
    const f = lists[selection.kind]?.find((x) => x.properties.id === selection.id);
    return f ? (f.geometry.coordinates as LonLat) : null;
  }, [selection, data.components, data.cameras, data.patrol, data.sensors, data.openEvents, placeAtHand]);
  const highlighted = useMemo(
    () =>
      selection?.kind === 'unit' && data.drawing ? data.drawing.outlines.filter((o) => o.unitId === selection.id) : [],
    [selection, data.drawing],
  );
  // The drill-down path follows the selection: a unit itself, or the grid a selected thing lies in.
  const crumbUnit = useMemo(() => {
    if (!selection) return null;
    if (selection.kind === 'unit') return selection.id;
    const inList = (list: { properties: { id: string; gridId: string } }[] | null) =>
      list?.find((f) => f.properties.id === selection.id)?.properties.gridId;
    const gridId =
      selection.kind === 'component'
        ? inList(data.components)
        : selection.kind === 'camera'
          ? inList(data.cameras)
          : selection.kind === 'patrol-point'
            ? inList(data.patrol)
            : selection.kind === 'sensor'
              ? inList(data.sensors)
              : selection.kind === 'event'
                ? (data.openEvents?.find((e) => e.id === selection.id)?.gridId ?? placeOf(selection)?.gridId)
                : selection.kind === 'alarm'
                  ? alarmAtHand?.id === selection.id
                    ? alarmAtHand.gridId
                    : placeOf(selection)?.gridId
                  : undefined;
    return gridId ?? null;
  }, [selection, data.components, data.cameras, data.patrol, data.sensors, data.openEvents, placeAtHand, alarmAtHand]);

  const markDrawn = useCallback(
    (layer: TwinLayer) => (count: number) => setDrawn((d) => ({ ...d, [layer]: count })),
    [],
  );
  const toggle = (layer: TwinLayer) =>
    setShown((s) => {
      const next = new Set(s);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });
  const pointsDrawn = ['components', 'cameras', 'patrol-points', 'sensors', 'events'].every(
    (l) => drawn[l as TwinLayer] !== undefined,
  );

  useEffect(() => onError?.(data.error?.message ?? null), [data.error, onError]);

  return (
    <>
      <TwinViewer className="twin">
        {children}
        <CityBuildings
          url={api.buildingTilesetUrl}
          selectedId={selection?.kind === 'building' ? selection.id : null}
          onPick={(id) => id && (setHint(null), setSelection({ kind: 'building', id }))}
        />
        <GridBoundaries
          drawing={data.drawing}
          hiddenLevels={shown.has('grids') ? undefined : allLevels}
          onDrawn={(n) => setDrawn((d) => ({ ...d, grids: n }))}
        />
        <PointLayerView
          name="components"
          specs={data.componentPoints}
          visible={shown.has('components')}
          filter={categoryFilter}
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
        <UnitHighlight outlines={highlighted} />
        <SelectionMarker position={selectedPosition} />
        <PickHandler
          onPick={(ref) => {
            setHint(null);
            setSelection(ref);
          }}
        />
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
        <TwinReadiness
          gridFeatures={pointsDrawn ? (drawn.grids ?? null) : null}
          flightDone={opened}
          error={data.error?.message}
        />
      </TwinViewer>
      <div className="twin-ui">
        <div className="twin-tools">
          <SearchBox api={api} onChoose={chooseHit} />
          <Breadcrumb
            units={units}
            children={childrenOf}
            unitId={crumbUnit}
            onChoose={chooseUnit}
            onHome={() => home && (setSelection(null), flyTo({ bbox: home }))}
          />
        </div>
        <LayerPanel
          shown={shown}
          counts={{
            grids: data.drawing?.featureCount,
            components: data.components?.length,
            cameras: data.cameras?.length,
            'patrol-points': data.patrol?.length,
            sensors: data.sensors?.length,
            events: data.openEvents?.length,
          }}
          onToggle={toggle}
          categories={useMemo(
            () => (data.components ? componentCategoryCounts(data.components) : []),
            [data.components],
          )}
          hiddenCategories={hiddenCategories}
          onToggleCategory={(code) =>
            setHiddenCategories((h) => {
              const next = new Set(h);
              if (!next.delete(code)) next.add(code);
              return next;
            })
          }
        />
        {selection?.kind === 'building' && (
          <BuildingPanel key={selection.id} api={api} buildingId={selection.id} onClose={() => setSelection(null)} />
        )}
        {selection && selection.kind !== 'building' && (
          <InfoPanel
            key={formatSelection(selection)}
            api={api}
            selection={selection}
            data={data}
            units={units}
            hint={hint && hint.id === selection.id ? hint : null}
            onFlyTo={(position, unitId) =>
              unitId ? chooseUnit(unitId) : position && flyTo({ point: position, rangeM: 400 })
            }
            onFlyToView={(view) => flyTo({ view })}
            onSelect={(ref, alarm) => {
              setHint(null);
              setAlarmAtHand(alarm ?? null);
              setSelection(ref);
            }}
            alarm={alarmAtHand?.id === selection.id ? alarmAtHand : null}
            onPlace={({ position, gridId }) => {
              const ref = formatSelection(selection);
              setPlaceAtHand((p) =>
                p?.ref === ref && p.gridId === gridId && p.position[0] === position[0] && p.position[1] === position[1]
                  ? p
                  : { ref, position, gridId },
              );
            }}
            onClose={() => setSelection(null)}
          />
        )}
      </div>
    </>
  );
}

const allLevels = new Set(['city', 'subdistrict', 'town', 'community', 'village', 'grid'] as const);

function componentCategoryOf(
  spec: PointSpec,
  components: { properties: { id: string; categoryCode: string } }[] | null,
): string {
  return categoryIndex(components).get(spec.pick.id) ?? '';
}

let indexed: { source: unknown; map: Map<string, string> } | null = null;
/** id → category code, built once per components list (the filter asks 24,772 times per change). */
function categoryIndex(components: { properties: { id: string; categoryCode: string } }[] | null): Map<string, string> {
  if (indexed?.source !== components)
    indexed = {
      source: components,
      map: new Map((components ?? []).map((c) => [c.properties.id, c.properties.categoryCode])),
    };
  return indexed.map;
}

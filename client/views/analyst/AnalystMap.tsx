// The analyst's map (deck.gl, WebGL): a basemap drawn from our own layers only — unit boundaries, roads,
// the river, building footprints — under the case heat and the risk cells, both H3 hexagons. One Deck
// is made on mount and given new layers with setProps (never re-created); finalize() on unmount frees
// its WebGL context. No online tiles: nothing here fetches anything.
import { Deck, type MapViewState, type PickingInfo, WebMercatorViewport } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import { useEffect, useMemo, useRef } from 'react';
import type { BuildingFeature, HeatCell, RiskArea, RiverFeature, RoadFeature } from '../../api/analystApi';
import type { GridFeature } from '../../api/twinApi';
import { heatColour, riskColour } from './analyst.model';

export interface MapLayers {
  heat: boolean;
  risk: boolean;
  boundaries: boolean;
  roads: boolean;
  river: boolean;
  buildings: boolean;
}

export interface AnalystMapProps {
  /** [minLon, minLat, maxLon, maxLat] the view fits when it changes (a drill). */
  bbox: [number, number, number, number] | null;
  unit: GridFeature | null;
  /** The units below the current one, drawn as outlines one may click to drill down. */
  units: GridFeature[];
  roads: RoadFeature[];
  rivers: RiverFeature[];
  buildings: BuildingFeature[];
  heat: HeatCell[];
  riskCells: RiskArea[];
  show: MapLayers;
  label: string;
  /** A click on a unit below the current one. */
  onPickUnit(id: string): void;
}

const viewFor = (bbox: [number, number, number, number], el: HTMLElement): MapViewState => {
  const { width, height } = el.getBoundingClientRect();
  const fitted = new WebMercatorViewport({ width: Math.max(width, 100), height: Math.max(height, 100) }).fitBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding: 24 },
  );
  return { longitude: fitted.longitude, latitude: fitted.latitude, zoom: fitted.zoom, pitch: 0, bearing: 0 };
};

export function AnalystMap(props: AnalystMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const deck = useRef<Deck | null>(null);
  const pick = useRef(props.onPickUnit);
  pick.current = props.onPickUnit;

  useEffect(() => {
    const parent = box.current!;
    const instance = new Deck({
      parent,
      initialViewState: { longitude: 116.95, latitude: 31.05, zoom: 10 },
      controller: true,
      style: { position: 'absolute', inset: '0' },
      onClick: (info: PickingInfo) => {
        const id = (info.object as GridFeature | undefined)?.properties?.id;
        if (info.layer?.id === 'children' && id) pick.current(id);
      },
      getTooltip: ({ object, layer }: PickingInfo) => {
        if (!object) return null;
        if (layer?.id === 'heat') return `${(object as HeatCell).count}`;
        if (layer?.id === 'risk') return `${(object as RiskArea).name}: ${(object as RiskArea).score.toFixed(1)}`;
        if (layer?.id === 'children') return (object as GridFeature).properties.name;
        return null;
      },
    });
    deck.current = instance;
    return () => {
      instance.finalize();
      deck.current = null;
    };
  }, []);

  // A new unit: fit the view to it.
  useEffect(() => {
    if (props.bbox && box.current) deck.current?.setProps({ initialViewState: viewFor(props.bbox, box.current) });
  }, [props.bbox]);

  const { heat, riskCells, show } = props;
  const maxHeat = useMemo(() => heat.reduce((m, c) => Math.max(m, c.count), 0), [heat]);
  const layers = useMemo(
    () => [
      new GeoJsonLayer({
        id: 'unit',
        data: props.unit ? [props.unit] : [],
        filled: true,
        stroked: true,
        getFillColor: [20, 40, 70, 255],
        getLineColor: [120, 180, 255, 255],
        lineWidthMinPixels: 2,
      }),
      new PathLayer<RiverFeature>({
        id: 'river',
        data: props.rivers,
        visible: show.river,
        getPath: (f) => f.geometry.coordinates as [number, number][],
        getWidth: (f) => f.properties.widthM,
        widthUnits: 'meters',
        widthMinPixels: 3,
        getColor: [60, 140, 230, 255],
      }),
      new PathLayer<RoadFeature>({
        id: 'roads',
        data: props.roads,
        visible: show.roads,
        getPath: (f) => f.geometry.coordinates as [number, number][],
        getWidth: (f) => f.properties.widthM,
        widthUnits: 'meters',
        widthMinPixels: 1,
        getColor: (f) => (f.properties.class === 'main' ? [150, 160, 175, 255] : [95, 105, 120, 255]),
      }),
      new GeoJsonLayer({
        id: 'buildings',
        data: props.buildings,
        visible: show.buildings,
        filled: true,
        stroked: false,
        getFillColor: [170, 180, 200, 140],
      }),
      new H3HexagonLayer<HeatCell>({
        id: 'heat',
        data: heat,
        visible: show.heat,
        pickable: true,
        extruded: false,
        stroked: false,
        getHexagon: (c) => c.h3,
        getFillColor: (c) => heatColour(c.count, maxHeat),
        updateTriggers: { getFillColor: maxHeat },
      }),
      new H3HexagonLayer<RiskArea>({
        id: 'risk',
        data: riskCells,
        visible: show.risk,
        pickable: true,
        extruded: false,
        stroked: true,
        lineWidthMinPixels: 1,
        getLineColor: [20, 20, 20, 120],
        getHexagon: (a) => a.areaId,
        getFillColor: (a) => riskColour(a.score),
      }),
      new GeoJsonLayer({
        id: 'children',
        data: props.units,
        visible: show.boundaries,
        pickable: true,
        filled: true,
        stroked: true,
        getFillColor: [0, 0, 0, 0],
        getLineColor: [120, 200, 255, 220],
        lineWidthMinPixels: 1,
        autoHighlight: true,
        highlightColor: [120, 200, 255, 60],
      }),
    ],
    [props.unit, props.units, props.roads, props.rivers, props.buildings, heat, riskCells, show, maxHeat],
  );
  useEffect(() => {
    deck.current?.setProps({ layers });
  }, [layers]);

  return (
    <div
      ref={box}
      className="analyst-map"
      role="img"
      aria-label={props.label}
      data-heat-cells={heat.length}
      data-heat-total={heat.reduce((s, c) => s + c.count, 0)}
    />
  );
}

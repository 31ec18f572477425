// The city model as a resium child: loads the tileset, answers clicks with the building under the
// pointer, highlights the selected one, and reports its progress on <body data-*> (buildings.model.ts).
// Everything it added goes on unmount.

import { type Cartesian2, ScreenSpaceEventHandler, ScreenSpaceEventType } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { type BuildingsLayer, loadBuildingsLayer } from './buildings.layer';
import { type BuildingsStatus, statusAttributes } from './buildings.model';

export interface CityBuildingsProps {
  /** The tileset.json URL (api.buildingTilesetUrl). */
  url: string;
  selectedId: string | null;
  /** A click on the scene: the building hit, or null (clears the selection). */
  onPick(id: string | null): void;
}

function report(status: BuildingsStatus) {
  const data = document.body.dataset;
  for (const [key, value] of Object.entries(statusAttributes(status))) {
    if (value === undefined) delete data[key];
    else data[key] = value;
  }
}

export function CityBuildings({ url, selectedId, onPick }: CityBuildingsProps) {
  const { scene } = useCesium();
  const layerRef = useRef<BuildingsLayer | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  useEffect(() => {
    if (!scene) return;
    const status: BuildingsStatus = {
      tilesLoaded: 0,
      ready: false,
      settled: 0,
      loading: true,
      picks: 0,
      selected: selectedRef.current,
    };
    report(status);
    let live = true;
    const cleanups: (() => void)[] = [];
    loadBuildingsLayer(scene, url).then(
      (layer) => {
        if (!live || scene.isDestroyed()) return layer.destroy();
        layerRef.current = layer;
        layer.select(selectedRef.current);
        cleanups.push(
          layer.tileset.tileLoad.addEventListener(() => {
            status.tilesLoaded += 1;
            report(status);
          }),
          layer.tileset.initialTilesLoaded.addEventListener(() => {
            status.ready = true;
            report(status);
          }),
          layer.tileset.allTilesLoaded.addEventListener(() => {
            status.settled += 1;
            report(status);
          }),
          // whether the view's tiles are all in, written only when it changes (a view that needs no new
          // tile never raises allTilesLoaded, so `settled` alone cannot say it is complete)
          scene.postRender.addEventListener(() => {
            if (status.loading === !layer.tileset.tilesLoaded) return;
            status.loading = !layer.tileset.tilesLoaded;
            report(status);
          }),
        );
        const clicks = new ScreenSpaceEventHandler(scene.canvas);
        clicks.setInputAction((click: { position: Cartesian2 }) => {
          const id = layer.pick(click.position);
          status.picks += 1;
          onPickRef.current(id);
          report(status);
        }, ScreenSpaceEventType.LEFT_CLICK);
        cleanups.push(
          () => clicks.destroy(),
          () => layer.destroy(),
        );
      },
      (error: unknown) => {
        if (!live) return;
        status.error = error instanceof Error ? error.message : String(error);
        report(status);
      },
    );
    return () => {
      live = false;
      layerRef.current = null;
      if (!scene.isDestroyed()) for (const cleanup of cleanups.reverse()) cleanup();
      report({ tilesLoaded: 0, ready: false, settled: 0, loading: false, picks: 0, selected: null });
    };
  }, [scene, url]);

  useEffect(() => {
    layerRef.current?.select(selectedId);
    const data = document.body.dataset;
    if (selectedId) data.buildingSelected = selectedId;
    else delete data.buildingSelected;
  }, [selectedId]);

  return null;
}

// The open-events layer as a resium child: builds it when the events change, aggregates for the
// camera whenever it comes to rest (clustered on the screen as it looks then; events.layer.ts touches
// primitives only when the clusters change), flies in on a click on a cluster, hands the layer to its
// owner (live events go in place), and destroys it on unmount. A click on a single event is the page's
// PickHandler's (it opens the event's panel).

import type { GovEvent } from '@domain/model';
import { Cartesian2, Cartesian3, Math as CesiumMath, ScreenSpaceEventHandler, ScreenSpaceEventType } from 'cesium';
import { type MutableRefObject, useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { flyToBounds } from '../flight/flyToBounds';
import { groundResolution } from '../viewer/groundResolution';
import { reportLayer } from '../viewer/layerStatus';
import { afterNextRender } from '../viewer/sceneEvents';
import { useUiScale } from '../viewer/uiScale';
import { type EventCluster, type Projection, paddedBbox } from './eventClusters.model';
import { createEventLayer, type EventLayer } from './events.layer';

/** Local fonts only (Debian: fonts-noto-cjk); never a web font. */
const labelFonts = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
/** A flight into a cluster shows at least this much ground (so two events side by side do not land at street level). */
const FLY_IN_MIN_M = 600;

export interface EventLayerViewProps {
  events: readonly GovEvent[] | null;
  visible: boolean;
  layerRef?: MutableRefObject<EventLayer | null>;
  onDrawn?: (count: number) => void;
}

export function EventLayerView({ events, visible, layerRef, onDrawn }: EventLayerViewProps) {
  const { scene } = useCesium();
  const scale = useUiScale();
  const own = useRef<EventLayer | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  useEffect(() => {
    if (!scene || !events) return;
    const layer = createEventLayer(scene, events, Date.now(), { scale, fontFamily: labelFonts });
    layer.show = visibleRef.current;
    own.current = layer;
    if (layerRef) layerRef.current = layer;
    const report = () => {
      reportLayer('events', layer.count, layer.show);
      reportLayer('event-clusters', layer.clusters.length, layer.show);
    };
    const world = new Cartesian3();
    const onCanvas = new Cartesian2();
    const toScreen: Projection = ([lon, lat]) => {
      const at = scene.cartesianToCanvasCoordinates(Cartesian3.fromDegrees(lon, lat, 0, undefined, world), onCanvas);
      return at ? [at.x, at.y] : null;
    };
    // Metres per CSS pixel at 1080p, whatever the wall's size (symbols grow with `scale`).
    const aggregate = () => {
      if (layer.setView(groundResolution(scene) * scale, toScreen)) report();
    };
    aggregate();
    report();
    const removeMoveEnd = scene.camera.moveEnd.addEventListener(aggregate);

    const clicks = new ScreenSpaceEventHandler(scene.canvas);
    clicks.setInputAction((click: { position: Cartesian2 }) => {
      const cluster = layer.show ? clusterAt(layer, toScreen, click.position) : null;
      if (!cluster) return;
      void flyToBounds(scene.camera, paddedBbox(cluster.bbox, FLY_IN_MIN_M), {
        headingDeg: CesiumMath.toDegrees(scene.camera.heading),
        pitchDeg: Math.min(-45, CesiumMath.toDegrees(scene.camera.pitch)),
        durationS: 1.5,
      });
    }, ScreenSpaceEventType.LEFT_CLICK);

    let live = true;
    void afterNextRender(scene).then(() => live && onDrawnRef.current?.(layer.count));
    return () => {
      live = false;
      removeMoveEnd();
      clicks.destroy();
      own.current = null;
      if (layerRef) layerRef.current = null;
      reportLayer('events', null);
      reportLayer('event-clusters', null);
      if (!scene.isDestroyed()) layer.destroy();
    };
  }, [scene, events, scale, layerRef]);

  useEffect(() => {
    const layer = own.current;
    if (!layer) return;
    layer.show = visible;
    reportLayer('events', layer.count, visible);
    reportLayer('event-clusters', layer.clusters.length, visible);
  }, [visible]); // a new layer starts with `visibleRef` (above)

  return null;
}

/** The cluster whose disc is under a canvas position (CSS px), the nearest if discs touch. */
function clusterAt(layer: EventLayer, toScreen: Projection, at: Cartesian2): EventCluster | null {
  let best: EventCluster | null = null;
  let bestD = Infinity;
  for (const cluster of layer.clusters) {
    const onCanvas = toScreen(cluster.position);
    if (!onCanvas) continue;
    const d = Math.hypot(onCanvas[0] - at.x, onCanvas[1] - at.y);
    if (d <= layer.clusterSizePx(cluster) / 2 + 4 && d < bestD) [best, bestD] = [cluster, d];
  }
  return best;
}

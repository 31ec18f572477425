// A point layer as a resium child: builds the layer when its specs change, shows/hides and filters it
// in place, hands the layer to its owner (for live recolouring), and destroys it on unmount.
import { type MutableRefObject, useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { reportLayer } from '../viewer/layerStatus';
import { afterNextRender } from '../viewer/sceneEvents';
import { useUiScale } from '../viewer/uiScale';
import { createPointLayer, type PointLayer } from './points.layer';
import type { PointSpec } from './points.model';

export interface PointLayerViewProps {
  /** For <body data-layer-NAME>. */
  name: string;
  specs: readonly PointSpec[] | null;
  visible: boolean;
  filter?: ((spec: PointSpec) => boolean) | null;
  alwaysOnTopWithinM?: number;
  layerRef?: MutableRefObject<PointLayer | null>;
  onDrawn?: (count: number) => void;
}

export function PointLayerView({
  name,
  specs,
  visible,
  filter = null,
  alwaysOnTopWithinM,
  layerRef,
  onDrawn,
}: PointLayerViewProps) {
  const { scene } = useCesium();
  const scale = useUiScale();
  const own = useRef<PointLayer | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  // A new layer starts as the props say now (the refs); the effects below follow their changes.
  useEffect(() => {
    if (!scene || !specs) return;
    const layer = createPointLayer(scene, specs, { scale, alwaysOnTopWithinM });
    layer.show = visibleRef.current;
    if (filterRef.current) layer.setFilter(filterRef.current);
    own.current = layer;
    if (layerRef) layerRef.current = layer;
    reportLayer(name, layer.count, layer.show);
    let live = true;
    void afterNextRender(scene).then(() => live && onDrawnRef.current?.(layer.count));
    return () => {
      live = false;
      own.current = null;
      if (layerRef) layerRef.current = null;
      reportLayer(name, null);
      if (!scene.isDestroyed()) layer.destroy();
    };
  }, [scene, specs, scale, alwaysOnTopWithinM, name, layerRef]);

  useEffect(() => {
    const layer = own.current;
    if (!layer) return;
    layer.show = visible;
    reportLayer(name, layer.count, visible);
  }, [visible, name]);

  useEffect(() => {
    own.current?.setFilter(filter);
  }, [filter]);

  return null;
}

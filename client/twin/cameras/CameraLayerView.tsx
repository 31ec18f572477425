// The cameras layer as a resium child: icons, and the selected camera's view cone.

import type { Camera } from '@domain/model';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { reportLayer } from '../viewer/layerStatus';
import { afterNextRender } from '../viewer/sceneEvents';
import { useUiScale } from '../viewer/uiScale';
import { type CameraLayer, createCameraLayer } from './cameras.layer';
import type { CameraIconSpec } from './cameras.model';

export interface CameraLayerViewProps {
  specs: readonly CameraIconSpec[] | null;
  visible: boolean;
  selected: Camera | null;
  onDrawn?: (count: number) => void;
}

export function CameraLayerView({ specs, visible, selected, onDrawn }: CameraLayerViewProps) {
  const { scene } = useCesium();
  const scale = useUiScale();
  const own = useRef<CameraLayer | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  useEffect(() => {
    if (!scene || !specs) return;
    // A new layer starts as the props say now; the effects below follow their changes.
    const layer = createCameraLayer(scene, specs, { scale });
    layer.show = visibleRef.current;
    reportLayer('cameras', layer.count, layer.show);
    layer.select(selectedRef.current);
    own.current = layer;
    let live = true;
    void afterNextRender(scene).then(() => live && onDrawnRef.current?.(layer.count));
    return () => {
      live = false;
      own.current = null;
      reportLayer('cameras', null);
      if (!scene.isDestroyed()) layer.destroy();
    };
  }, [scene, specs, scale]);

  useEffect(() => {
    const layer = own.current;
    if (!layer) return;
    layer.show = visible;
    reportLayer('cameras', layer.count, visible);
  }, [visible]);

  useEffect(() => {
    own.current?.select(selected);
  }, [selected]);

  return null;
}

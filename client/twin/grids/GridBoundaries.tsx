// The grid-boundaries layer as a resium child: draws `drawing` into the scene, reports when the frame
// holding it has been rendered, and removes everything it added on unmount or when `drawing` changes.

import type { AdminLevel } from '@domain/model';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { afterNextRender } from '../viewer/sceneEvents';
import { useUiScale } from '../viewer/uiScale';
import { createGridLayer, type GridLayer } from './grids.layer';
import type { GridDrawing } from './grids.model';

/** Local fonts only (Debian: fonts-noto-cjk); never a web font. */
const labelFonts = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export interface GridBoundariesProps {
  drawing: GridDrawing | null;
  /** Levels to hide (legend toggles). */
  hiddenLevels?: ReadonlySet<AdminLevel>;
  /** Called with the number of features once a frame containing them has been rendered. */
  onDrawn?: (featureCount: number) => void;
}

export function GridBoundaries({ drawing, hiddenLevels, onDrawn }: GridBoundariesProps) {
  const { scene } = useCesium();
  const scale = useUiScale();
  const layerRef = useRef<GridLayer | null>(null);
  const hiddenRef = useRef(hiddenLevels);
  hiddenRef.current = hiddenLevels;
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  useEffect(() => {
    if (!scene || !drawing) return;
    const layer = createGridLayer(scene, drawing, { scale, fontFamily: labelFonts });
    showLevels(layer, hiddenRef.current);
    layerRef.current = layer;
    let live = true;
    void afterNextRender(scene).then(() => {
      if (live) onDrawnRef.current?.(layer.featureCount);
    });
    return () => {
      live = false;
      layerRef.current = null;
      if (!scene.isDestroyed()) layer.destroy();
    };
  }, [scene, drawing, scale]);

  useEffect(() => {
    if (layerRef.current) showLevels(layerRef.current, hiddenLevels);
  }, [hiddenLevels]);

  return null;
}

function showLevels(layer: GridLayer, hidden: ReadonlySet<AdminLevel> | undefined): void {
  for (const level of ['city', 'subdistrict', 'town', 'community', 'village', 'grid'] as const) {
    layer.setLevelVisible(level, !hidden?.has(level));
  }
}

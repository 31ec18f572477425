// The grid-boundaries layer in Cesium (no React): one PolylineCollection per level (one draw call each,
// since a level's polylines share one colour) and one LabelCollection for names, all under a single
// PrimitiveCollection so that destroy() takes everything away in one step.

import type { AdminLevel } from '@domain/model';
import {
  Cartesian2,
  Cartesian3,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Material,
  PolylineCollection,
  PrimitiveCollection,
  VerticalOrigin,
} from 'cesium';
import { groundHeight, onGround } from '../viewer/ground';
import { type GridDrawing, gridLevelStyles, gridLevels } from './grids.model';

/** What the layer needs from a Cesium Scene (a Scene satisfies it; tests pass a bare collection). */
export interface LayerHost {
  primitives: PrimitiveCollection;
  requestRender(): void;
}

export interface GridLayerOptions {
  /** Multiplies line widths and label sizes (1 at 1080p, 2 on a 4K wall). */
  scale: number;
  /** CSS font family for labels (local fonts only). */
  fontFamily: string;
}

export interface GridLayer {
  readonly featureCount: number;
  setLevelVisible(level: AdminLevel, visible: boolean): void;
  destroy(): void;
}

const labelOutline = Color.fromCssColorString('#05080f').withAlpha(0.9);
const labelBackground = Color.fromCssColorString('#050a14').withAlpha(0.72);

export function createGridLayer(host: LayerHost, drawing: GridDrawing, options: GridLayerOptions): GridLayer {
  const root = new PrimitiveCollection({ destroyPrimitives: true });
  const linesByLevel = new Map<AdminLevel, PolylineCollection>();
  for (const level of gridLevels) {
    const lines = new PolylineCollection();
    linesByLevel.set(level, lines);
    root.add(lines);
  }

  for (const outline of drawing.outlines) {
    const style = gridLevelStyles[outline.level];
    const flat: number[] = [];
    for (const [lon, lat] of outline.ring) flat.push(lon, lat, style.heightM + groundHeight(lon, lat));
    linesByLevel.get(outline.level)!.add({
      id: outline.unitId,
      positions: Cartesian3.fromDegreesArrayHeights(flat),
      width: style.widthPx * options.scale,
      material: Material.fromType('Color', { color: Color.fromCssColorString(style.color).withAlpha(style.alpha) }),
    });
  }

  const labels = new LabelCollection();
  const labelLevels: AdminLevel[] = [];
  for (const label of drawing.labels) {
    const style = gridLevelStyles[label.level];
    if (!style.label) continue;
    labels.add({
      id: label.unitId,
      position: onGround(label.position[0], label.position[1], style.heightM),
      text: label.text,
      font: `${Math.round(style.label.fontPx * options.scale)}px ${options.fontFamily}`,
      fillColor: Color.fromCssColorString(style.color).brighten(0.3, new Color()),
      outlineColor: labelOutline,
      outlineWidth: 2 * options.scale,
      style: LabelStyle.FILL_AND_OUTLINE,
      showBackground: true,
      backgroundColor: labelBackground,
      backgroundPadding: new Cartesian2(6 * options.scale, 3 * options.scale),
      horizontalOrigin: HorizontalOrigin.CENTER,
      verticalOrigin: VerticalOrigin.CENTER,
      distanceDisplayCondition: new DistanceDisplayCondition(0, style.label.maxDistanceM),
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
    labelLevels.push(label.level);
  }
  root.add(labels);
  host.primitives.add(root);
  host.requestRender();

  let destroyed = false;
  return {
    featureCount: drawing.featureCount,
    setLevelVisible(level, visible) {
      const lines = linesByLevel.get(level);
      if (lines) lines.show = visible;
      labelLevels.forEach((labelLevel, i) => {
        if (labelLevel === level) labels.get(i).show = visible;
      });
      host.requestRender();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      // Scene.primitives destroys what it removes; a host collection that does not, leaves it to us.
      host.primitives.remove(root);
      if (!root.isDestroyed()) root.destroy();
      host.requestRender();
    },
  };
}

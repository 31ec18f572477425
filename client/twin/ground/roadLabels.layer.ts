// The road names as one LabelCollection on the ground (a few dozen labels, built once).
import {
  Cartesian2,
  Color,
  DistanceDisplayCondition,
  LabelCollection,
  LabelStyle,
  NearFarScalar,
  VerticalOrigin,
} from 'cesium';
import { onGround } from '../viewer/ground';
import type { RoadLabelSpec } from './roadLabels.model';

export interface LabelHost {
  primitives: { add(primitive: unknown): unknown; remove(primitive: unknown): boolean };
  requestRender(): void;
}

const THROUGH_ROAD = Color.fromCssColorString('#f3cf86');
const RAILWAY = Color.fromCssColorString('#e0a0a0');
const CITY_ROAD = Color.fromCssColorString('#e8e4d8');
const OUTLINE = Color.fromCssColorString('#05080f').withAlpha(0.95);
/** Smaller far away, so the county view is not cluttered. */
const shrink = new NearFarScalar(2_000, 1, 150_000, 0.8);

export function createRoadLabelLayer(
  host: LabelHost,
  specs: readonly RoadLabelSpec[],
  options: { scale: number; fontFamily: string },
) {
  const labels = new LabelCollection();
  for (const s of specs) {
    const through = s.kind !== 'arterial';
    labels.add({
      position: onGround(s.position[0], s.position[1], 15),
      text: s.text,
      font: `${Math.round((through ? 18 : 15) * options.scale)}px ${options.fontFamily}`,
      fillColor: s.kind === 'railway' ? RAILWAY : through ? THROUGH_ROAD : CITY_ROAD,
      outlineColor: OUTLINE,
      outlineWidth: 3 * options.scale,
      style: LabelStyle.FILL_AND_OUTLINE,
      verticalOrigin: VerticalOrigin.CENTER,
      pixelOffset: Cartesian2.ZERO,
      scaleByDistance: shrink,
      distanceDisplayCondition: new DistanceDisplayCondition(0, s.maxDistanceM),
    });
  }
  host.primitives.add(labels);
  host.requestRender();
  return {
    count: specs.length,
    destroy() {
      host.primitives.remove(labels);
    },
  };
}

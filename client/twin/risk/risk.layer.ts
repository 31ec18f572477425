// The risk map in Cesium (no React): every scored grid filled in its class colour, all in one Primitive
// (one draw call, per-instance colours), just above the ground and under the grid lines and labels.
// Geometry is built on the main thread: a few hundred flat rings, and no worker to fetch offline.
import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  Primitive,
} from 'cesium';
import type { LayerHost } from '../grids/grids.layer';
import type { RiskPatch } from './risk.model';

/** Above the ground, below the lowest grid lines (grids.model.ts: 30 m), under the buildings' roofs. */
const FILL_HEIGHT_M = 4;

export interface RiskLayer {
  readonly patchCount: number;
  setVisible(visible: boolean): void;
  destroy(): void;
}

export function createRiskLayer(host: LayerHost, patches: readonly RiskPatch[]): RiskLayer {
  const instances = patches.flatMap((p) => {
    const geometry = PolygonGeometry.createGeometry(
      new PolygonGeometry({
        polygonHierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(p.ring.flat())),
        height: FILL_HEIGHT_M,
        vertexFormat: PerInstanceColorAppearance.FLAT_VERTEX_FORMAT,
      }),
    );
    // A degenerate ring yields no geometry: nothing to fill.
    if (!geometry) return [];
    return [
      new GeometryInstance({
        id: p.key,
        geometry,
        attributes: {
          color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(p.color).withAlpha(p.alpha)),
        },
      }),
    ];
  });
  const primitive =
    instances.length > 0
      ? host.primitives.add(
          new Primitive({
            geometryInstances: instances,
            appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
            asynchronous: false,
            // Clicks go through to the grids, buildings and points: the fill only colours them.
            allowPicking: false,
          }),
        )
      : null;
  host.requestRender();
  return {
    patchCount: instances.length,
    setVisible(visible) {
      if (!primitive) return;
      primitive.show = visible;
      host.requestRender();
    },
    destroy() {
      if (primitive) host.primitives.remove(primitive);
      host.requestRender();
    },
  };
}

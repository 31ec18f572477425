// A point layer in Cesium (no React): one PointPrimitiveCollection holding every point (one draw call),
// built once; colours and visibility change in place (setColor, setFilter), never by re-creating.
// The components, patrol-point, sensor and event layers are this with their own specs. Callable from
// a benchmark harness with any `LayerHost`.
import { Color, DistanceDisplayCondition, NearFarScalar, type PointPrimitive, PointPrimitiveCollection } from 'cesium';
import { onGround } from '../viewer/ground';
import type { PickRef, PointSpec } from './points.model';

/** What a layer needs from a Cesium Scene (a Scene satisfies it; tests pass a bare collection). */
export interface LayerHost {
  primitives: { add(primitive: unknown): unknown; remove(primitive: unknown): boolean };
  requestRender(): void;
}

export interface PointLayerOptions {
  /** Multiplies pixel sizes (1 at 1080p, 2 on a 4K wall). */
  scale: number;
  /** Within this distance points draw over everything (buildings included); 0 = depth-tested. */
  alwaysOnTopWithinM?: number;
}

export interface PointLayer {
  readonly count: number;
  show: boolean;
  /** Recolours one point in place (by its pick id); false when there is no such point. */
  setColor(id: string, color: string, outline?: PointSpec['outline']): boolean;
  /** Adds a point, or moves and restyles the one with the same pick id (a live update, in place). */
  upsert(spec: PointSpec): void;
  /** Shows the points `keep` accepts, hides the rest. */
  setFilter(keep: ((spec: PointSpec) => boolean) | null): number;
  /** The spec a point was built from, by pick id. */
  spec(id: string): PointSpec | undefined;
  destroy(): void;
}

// Far points shrink to 60% so a zoomed-out city stays legible.
const shrinkWithDistance = new NearFarScalar(1_500, 1, 40_000, 0.6);

export function createPointLayer(host: LayerHost, specs: readonly PointSpec[], options: PointLayerOptions): PointLayer {
  const collection = new PointPrimitiveCollection();
  const byId = new Map<string, { point: PointPrimitive; spec: PointSpec }>();
  const scratch = new Color();
  const add = (spec: PointSpec) => {
    const point = collection.add({
      id: spec.pick satisfies PickRef,
      position: onGround(spec.position[0], spec.position[1], spec.heightM),
      color: Color.fromCssColorString(spec.color),
      pixelSize: spec.sizePx * options.scale,
      outlineColor: spec.outline ? Color.fromCssColorString(spec.outline.color) : Color.TRANSPARENT,
      outlineWidth: spec.outline ? spec.outline.widthPx * options.scale : 0,
      scaleByDistance: shrinkWithDistance,
      distanceDisplayCondition: new DistanceDisplayCondition(0, spec.maxDistanceM),
      disableDepthTestDistance: options.alwaysOnTopWithinM ?? 0,
    });
    byId.set(spec.pick.id, { point, spec });
  };
  for (const spec of specs) add(spec);
  let filter: ((spec: PointSpec) => boolean) | null = null;
  host.primitives.add(collection);
  host.requestRender();

  let destroyed = false;
  return {
    get count() {
      return byId.size;
    },
    get show() {
      return collection.show;
    },
    set show(value: boolean) {
      collection.show = value;
      host.requestRender();
    },
    setColor(id, color, outline) {
      const entry = byId.get(id);
      if (!entry) return false;
      entry.point.color = Color.fromCssColorString(color, scratch);
      entry.spec = { ...entry.spec, color, outline: outline === undefined ? entry.spec.outline : outline };
      if (outline !== undefined) {
        entry.point.outlineColor = outline ? Color.fromCssColorString(outline.color, scratch) : Color.TRANSPARENT;
        entry.point.outlineWidth = outline ? outline.widthPx * options.scale : 0;
      }
      host.requestRender();
      return true;
    },
    upsert(spec) {
      const entry = byId.get(spec.pick.id);
      if (!entry) add(spec);
      else {
        entry.point.position = onGround(spec.position[0], spec.position[1], spec.heightM);
        entry.point.pixelSize = spec.sizePx * options.scale;
        entry.spec = spec;
        this.setColor(spec.pick.id, spec.color, spec.outline);
      }
      const point = byId.get(spec.pick.id)!.point;
      point.show = filter ? filter(spec) : true;
      host.requestRender();
    },
    setFilter(keep) {
      filter = keep;
      let shown = 0;
      for (const { point, spec } of byId.values()) {
        point.show = keep ? keep(spec) : true;
        if (point.show) shown++;
      }
      host.requestRender();
      return shown;
    },
    spec: (id) => byId.get(id)?.spec,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      byId.clear();
      host.primitives.remove(collection);
      if (!collection.isDestroyed()) collection.destroy();
      host.requestRender();
    },
  };
}

// The cameras layer in Cesium (no React): one BillboardCollection of icons, and for the selected
// camera its view cone (lines from the lens to the edge of its range) and the ground it covers (a
// translucent sector). Selecting another camera replaces the cone; destroy() removes everything.

import type { Camera } from '@domain/model';
import {
  BillboardCollection,
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  DistanceDisplayCondition,
  GeometryInstance,
  Material,
  NearFarScalar,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineCollection,
  Primitive,
  PrimitiveCollection,
  VerticalOrigin,
} from 'cesium';
import type { LayerHost } from '../points/points.layer';
import { groundHeight, onGround } from '../viewer/ground';
import { cameraIconCanvas } from './cameraIconCanvas';
import {
  type CameraIconKey,
  type CameraIconSpec,
  cameraIconColors,
  cameraIconUrl,
  coverageSector,
} from './cameras.model';

export interface CameraLayer {
  readonly count: number;
  show: boolean;
  /** Draws the view cone and covered ground of `camera`, or clears it (null). */
  select(
    camera: Pick<Camera, 'id' | 'position' | 'headingDeg' | 'fovDeg' | 'rangeM' | 'heightM' | 'online'> | null,
  ): void;
  readonly selectedId: string | null;
  destroy(): void;
}

const shrink = new NearFarScalar(1_500, 1, 40_000, 0.55);

export function createCameraLayer(
  host: LayerHost,
  specs: readonly CameraIconSpec[],
  options: { scale: number },
): CameraLayer {
  const root = new PrimitiveCollection({ destroyPrimitives: true });
  const icons = new BillboardCollection();
  // One image per kind of icon, shared by every billboard of that kind (a canvas; a data URL in tests).
  const images = new Map<CameraIconKey, HTMLCanvasElement | string>();
  const sizePx = Math.round(26 * options.scale);
  for (const spec of specs) {
    let image = images.get(spec.icon);
    if (!image) {
      image = cameraIconCanvas(spec.icon, sizePx) ?? cameraIconUrl(spec.icon, sizePx);
      images.set(spec.icon, image);
    }
    const icon = icons.add({
      id: { kind: 'camera', id: spec.id },
      position: onGround(spec.position[0], spec.position[1], spec.heightM),
      width: sizePx,
      height: sizePx,
      verticalOrigin: VerticalOrigin.CENTER,
      scaleByDistance: shrink,
      distanceDisplayCondition: new DistanceDisplayCondition(0, spec.maxDistanceM),
    });
    // One id per kind of icon: the collection's atlas holds each image once.
    icon.setImage(`camera-${spec.icon}-${sizePx}`, image);
  }
  root.add(icons);
  const cone = new PrimitiveCollection({ destroyPrimitives: true });
  root.add(cone);
  host.primitives.add(root);
  host.requestRender();

  let selectedId: string | null = null;
  let destroyed = false;
  return {
    count: specs.length,
    get show() {
      return icons.show;
    },
    set show(value: boolean) {
      icons.show = value;
      cone.show = value;
      host.requestRender();
    },
    get selectedId() {
      return selectedId;
    },
    select(camera) {
      if (destroyed) return;
      cone.removeAll();
      selectedId = camera?.id ?? null;
      if (camera) {
        const colour = Color.fromCssColorString(camera.online ? '#36e0c8' : cameraIconColors.offline);
        const ring = coverageSector(camera.position, camera.headingDeg, camera.fovDeg, camera.rangeM);
        const ground = ring.slice(0, -1).flat();
        cone.add(
          new Primitive({
            geometryInstances: new GeometryInstance({
              geometry: new PolygonGeometry({
                polygonHierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(ground)),
                height: 0.5 + groundHeight(camera.position[0], camera.position[1]),
              }),
              attributes: { color: ColorGeometryInstanceAttribute.fromColor(colour.withAlpha(0.3)) },
            }),
            appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
          }),
        );
        const lines = new PolylineCollection();
        const apex = onGround(camera.position[0], camera.position[1], camera.heightM);
        const arc = ring.slice(1, -1).map(([lon, lat]) => onGround(lon, lat, 0.5));
        // One material each: a polyline destroys its material with itself.
        const material = () => Material.fromType('Color', { color: colour.withAlpha(0.95) });
        lines.add({ positions: arc, width: 2 * options.scale, material: material() });
        for (const edge of [arc[0]!, arc[Math.floor(arc.length / 2)]!, arc[arc.length - 1]!]) {
          lines.add({ positions: [apex, edge], width: 2 * options.scale, material: material() });
        }
        cone.add(lines);
      }
      host.requestRender();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      host.primitives.remove(root);
      if (!root.isDestroyed()) root.destroy();
      host.requestRender();
    },
  };
}

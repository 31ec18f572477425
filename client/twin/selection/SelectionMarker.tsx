// A ring around the selected point (component, camera, sensor, event ...), drawn over everything, so
// the thing the info panel describes can be found on the map.

import type { LonLat } from '@domain/model';
import { Color, PointPrimitiveCollection } from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import { onGround } from '../viewer/ground';
import { useUiScale } from '../viewer/uiScale';

const ring = Color.fromCssColorString('#fff275');

export function SelectionMarker({ position, heightM = 2 }: { position: LonLat | null; heightM?: number }) {
  const { scene } = useCesium();
  const scale = useUiScale();
  const lon = position?.[0];
  const lat = position?.[1];
  useEffect(() => {
    if (!scene || lon === undefined || lat === undefined) return;
    const marker = new PointPrimitiveCollection();
    marker.add({
      position: onGround(lon, lat, heightM),
      pixelSize: 26 * scale,
      color: Color.TRANSPARENT,
      outlineColor: ring,
      outlineWidth: 3.5 * scale,
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
    scene.primitives.add(marker);
    scene.requestRender();
    return () => {
      if (scene.isDestroyed()) return;
      scene.primitives.remove(marker); // Scene.primitives destroys what it removes
      scene.requestRender();
    };
  }, [scene, lon, lat, heightM, scale]);
  return null;
}

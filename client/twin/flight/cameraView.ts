// The camera's view as plain numbers (for the URL) and back, and flights to a point or a view.

import type { LonLat } from '@domain/model';
import { BoundingSphere, type Camera, Cartesian3, Math as CesiumMath, HeadingPitchRange } from 'cesium';
import type { CameraView } from './viewUrl';

export function readView(camera: Camera): CameraView {
  const c = camera.positionCartographic;
  return {
    lon: CesiumMath.toDegrees(c.longitude),
    lat: CesiumMath.toDegrees(c.latitude),
    heightM: c.height,
    headingDeg: CesiumMath.toDegrees(camera.heading),
    pitchDeg: CesiumMath.toDegrees(camera.pitch),
  };
}

export function applyView(camera: Camera, v: CameraView): void {
  camera.setView({
    destination: Cartesian3.fromDegrees(v.lon, v.lat, v.heightM),
    orientation: { heading: CesiumMath.toRadians(v.headingDeg), pitch: CesiumMath.toRadians(v.pitchDeg), roll: 0 },
  });
}

/** Flies to look at `position` from `rangeM` away at 50° down; resolves true on arrival. */
export function flyToPoint(camera: Camera, position: LonLat, rangeM = 600, durationS = 2): Promise<boolean> {
  return new Promise((resolve) => {
    camera.flyToBoundingSphere(new BoundingSphere(Cartesian3.fromDegrees(position[0], position[1], 0), 20), {
      offset: new HeadingPitchRange(0, CesiumMath.toRadians(-50), rangeM),
      duration: durationS,
      complete: () => resolve(true),
      cancel: () => resolve(false),
    });
  });
}

/** Flies to stand at `v` (a camera's eye, say) looking along its heading and pitch; resolves true on arrival. */
export function flyToView(camera: Camera, v: CameraView, durationS = 2): Promise<boolean> {
  return new Promise((resolve) => {
    camera.flyTo({
      destination: Cartesian3.fromDegrees(v.lon, v.lat, v.heightM),
      orientation: { heading: CesiumMath.toRadians(v.headingDeg), pitch: CesiumMath.toRadians(v.pitchDeg), roll: 0 },
      duration: durationS,
      complete: () => resolve(true),
      cancel: () => resolve(false),
    });
  });
}

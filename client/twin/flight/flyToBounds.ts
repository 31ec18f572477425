// Camera flights to a lon/lat box, seen at an angle (the "fly to the city" of every page).
import { BoundingSphere, type Camera, Cartesian3, Math as CesiumMath, HeadingPitchRange } from 'cesium';
import type { BboxDeg } from '../../api/twinApi';

export interface FlightOptions {
  /** Clockwise from north. Default 0 (looking north). */
  headingDeg?: number;
  /** Below the horizon, negative. Default -50. */
  pitchDeg?: number;
  /** Distance from the box's centre; by default Cesium's, which fits the box in view. */
  rangeM?: number;
  durationS?: number;
}

/** Resolves true on arrival, false when the flight was cancelled (another flight, user input). */
export function flyToBounds(camera: Camera, bbox: BboxDeg, options: FlightOptions = {}): Promise<boolean> {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const sphere = BoundingSphere.fromPoints(
    Cartesian3.fromDegreesArray([minLon, minLat, maxLon, minLat, maxLon, maxLat, minLon, maxLat]),
  );
  return new Promise((resolve) => {
    camera.flyToBoundingSphere(sphere, {
      offset: new HeadingPitchRange(
        CesiumMath.toRadians(options.headingDeg ?? 0),
        CesiumMath.toRadians(options.pitchDeg ?? -50),
        options.rangeM ?? 0,
      ),
      duration: options.durationS ?? 2.5,
      complete: () => resolve(true),
      cancel: () => resolve(false),
    });
  });
}

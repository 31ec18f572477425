// What the page asks the camera to do (pure: the FlightDirector flies it).
import type { LonLat } from '@domain/model';
import type { BboxDeg } from '../../api/twinApi';
import type { CameraView } from './viewUrl';

export type FlightTarget =
  | { bbox: BboxDeg; pitchDeg?: number; durationS?: number }
  | { point: LonLat; rangeM?: number }
  /** Stand at a viewpoint (a video camera's eye) and look the way it says. */
  | { view: CameraView };

/** A flight request; a new `key` starts a new flight even to the same place. */
export interface FlightRequest {
  key: number;
  target: FlightTarget;
}

/** The request after `previous` for `target` (a new key, so the same place is flown to again). */
export const nextFlight = (previous: FlightRequest | null, target: FlightTarget): FlightRequest => ({
  key: (previous?.key ?? 0) + 1,
  target,
});

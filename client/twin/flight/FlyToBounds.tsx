import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { BboxDeg } from '../../api/twinApi';
import { type FlightOptions, flyToBounds } from './flyToBounds';

export interface FlyToBoundsProps extends FlightOptions {
  /** Where to fly; nothing happens while null. A new box (by value) starts a new flight. */
  bbox: BboxDeg | null;
  onArrived?: (arrived: boolean) => void;
}

/** Flies the camera to `bbox` once it is known; cancels the flight on unmount. */
export function FlyToBounds({ bbox, onArrived, headingDeg, pitchDeg, rangeM, durationS }: FlyToBoundsProps) {
  const { camera } = useCesium();
  const onArrivedRef = useRef(onArrived);
  onArrivedRef.current = onArrived;
  // The box by value, so an equal box from a re-render does not restart the flight.
  const [west, south, east, north] = bbox ?? [];
  useEffect(() => {
    if (!camera || west === undefined || south === undefined || east === undefined || north === undefined) return;
    let live = true;
    void flyToBounds(camera, [west, south, east, north], { headingDeg, pitchDeg, rangeM, durationS }).then(
      (arrived) => {
        if (live) onArrivedRef.current?.(arrived);
      },
    );
    return () => {
      live = false;
      camera.cancelFlight();
    };
  }, [camera, west, south, east, north, headingDeg, pitchDeg, rangeM, durationS]);
  return null;
}

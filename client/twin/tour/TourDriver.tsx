// The unattended tour: once nobody has touched the screen for `idleMs`, fly from stop to stop, resting
// `dwellMs` at each; any touch, click, wheel or key pauses it for another `idleMs`. Everything it
// starts (timers, listeners, a flight) ends on unmount.
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { flyToBounds } from '../flight/flyToBounds';
import type { TourStop } from './tour.model';

export interface TourDriverProps {
  stops: readonly TourStop[];
  idleMs: number;
  dwellMs: number;
  onStop?(stop: TourStop | null): void;
}

const INPUTS = ['pointerdown', 'wheel', 'keydown', 'touchstart'] as const;

export function TourDriver({ stops, idleMs, dwellMs, onStop }: TourDriverProps) {
  const { camera } = useCesium();
  const onStopRef = useRef(onStop);
  onStopRef.current = onStop;
  useEffect(() => {
    if (!camera || stops.length === 0) return;
    let index = 0;
    let touring = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(step, ms);
    };
    const step = () => {
      touring = true;
      const stop = stops[index++ % stops.length]!;
      onStopRef.current?.(stop);
      void flyToBounds(camera, stop.bbox, {
        pitchDeg: stop.kind === 'hot-spot' ? -40 : -50,
        headingDeg: (index * 25) % 360,
        durationS: 5,
      });
      schedule(dwellMs);
    };
    const onInput = () => {
      if (touring) {
        touring = false;
        camera.cancelFlight();
        onStopRef.current?.(null);
      }
      schedule(idleMs);
    };
    for (const type of INPUTS) window.addEventListener(type, onInput, { passive: true });
    schedule(idleMs);
    return () => {
      clearTimeout(timer);
      for (const type of INPUTS) window.removeEventListener(type, onInput);
    };
  }, [camera, stops, idleMs, dwellMs]);
  return null;
}

// The camera of a twin page: the opening view (the URL's `view=`, else a flight home), flights asked
// for by the page (search hits, breadcrumb, info panel, tour), and the view written back to the URL
// whenever the camera comes to rest, so the address bar is always a link to what is on screen.

import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { BboxDeg } from '../../api/twinApi';
import { applyView, flyToPoint, flyToView, readView } from './cameraView';
import type { FlightRequest, FlightTarget } from './flightTarget';
import { flyToBounds } from './flyToBounds';
import { type CameraView, twinStateHref } from './viewUrl';

export type { FlightRequest, FlightTarget } from './flightTarget';

export interface FlightDirectorProps {
  initialView: CameraView | null;
  /** Where home is; the opening flight goes there when the URL names no view. */
  home: BboxDeg | null;
  request: FlightRequest | null;
  /** The opening view is in place (set, or the flight home ended). */
  onOpened(): void;
  /** Write the view to the URL when the camera rests. */
  syncUrl: boolean;
}

export function fly(camera: import('cesium').Camera, target: FlightTarget): Promise<boolean> {
  if ('bbox' in target)
    return flyToBounds(camera, target.bbox, { pitchDeg: target.pitchDeg ?? -50, durationS: target.durationS ?? 2 });
  if ('view' in target) return flyToView(camera, target.view);
  return flyToPoint(camera, target.point, target.rangeM);
}

export function FlightDirector({ initialView, home, request, onOpened, syncUrl }: FlightDirectorProps) {
  const { camera, scene } = useCesium();
  const onOpenedRef = useRef(onOpened);
  onOpenedRef.current = onOpened;
  const opened = useRef(false);

  // The opening view, once.
  useEffect(() => {
    if (!camera || opened.current) return;
    if (initialView) {
      opened.current = true;
      applyView(camera, initialView);
      scene?.requestRender();
      onOpenedRef.current();
      return;
    }
    if (!home) return;
    opened.current = true;
    void flyToBounds(camera, home, { pitchDeg: -50 }).then(() => onOpenedRef.current());
  }, [camera, scene, initialView, home]);

  // Each request once: a new request object (a new key) is a new flight; a re-render is not.
  useEffect(() => {
    if (!camera || !request) return;
    // A flight asked for before the opening one began takes its place (a link to an alarm flies to its camera).
    const opening = !opened.current;
    opened.current = true;
    void fly(camera, request.target).then(() => opening && onOpenedRef.current());
  }, [camera, request]);

  useEffect(() => {
    if (!camera || !syncUrl) return;
    const remove = camera.moveEnd.addEventListener(() => {
      if (!opened.current) return;
      window.history.replaceState(
        window.history.state,
        '',
        twinStateHref(window.location, readView(camera), undefined),
      );
    });
    return () => remove();
  }, [camera, syncUrl]);

  return null;
}

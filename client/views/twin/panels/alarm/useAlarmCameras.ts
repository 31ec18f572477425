// The cameras whose view covers an alarm's place (视频联动), nearest first, and the one being viewed.
// Once per alarm the view flies to the best one (the nearest online), or to the place when no camera
// sees it.
import type { Viewpoint } from '@domain/cameraCoverage';
import type { LonLat } from '@domain/model';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TwinApi } from '../../../../api/twinApi';
import { useResource } from '../../../../ui/useResource';
import { type CameraRow, cameraRows } from './alarmPanel.model';

export interface AlarmCameraOptions {
  onFlyToView(view: Viewpoint): void;
  onFlyToPlace?(place: LonLat): void;
}

export function useAlarmCameras(api: TwinApi, place: LonLat | undefined, options: AlarmCameraOptions) {
  const lon = place?.[0];
  const lat = place?.[1];
  const covering = useResource(
    (signal) =>
      lon === undefined || lat === undefined ? Promise.resolve(null) : api.camerasCovering([lon, lat], signal),
    [api, lon, lat],
  );
  const cameras = useMemo(() => cameraRows(covering.data?.cameras ?? []), [covering.data]);
  const [viewing, setViewing] = useState<string | null>(null);

  const flown = useRef(false);
  const fly = useRef(options);
  fly.current = options;
  useEffect(() => {
    if (flown.current || covering.status === 'loading' || lon === undefined || lat === undefined) return;
    flown.current = true;
    const best = cameras.find((c) => c.best);
    if (best) {
      setViewing(best.id);
      fly.current.onFlyToView(best.viewpoint);
    } else fly.current.onFlyToPlace?.([lon, lat]);
  }, [cameras, covering.status, lon, lat]);

  const view = (c: CameraRow) => {
    setViewing(c.id);
    fly.current.onFlyToView(c.viewpoint);
  };
  return { status: covering.status, error: covering.error ?? null, cameras, viewing, view };
}

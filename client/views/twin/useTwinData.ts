// Everything the twin draws, loaded through the api: the grid tree, the point layers, the sensors'
// latest states and the open events. Live updates do not pass through here (they go to the layers
// in place, see CityTwin); open events and sensor states are reloaded every few minutes and after
// the live stream reconnects, so a screen that runs for days stays right without growing.

import type { GovEvent } from '@domain/model';
import { useEffect, useMemo, useState } from 'react';
import type { TwinApi } from '../../api/twinApi';
import { cameraSpecs } from '../../twin/cameras/cameras.model';
import { componentSpecs } from '../../twin/components/components.model';
import { gridDrawingFrom } from '../../twin/grids/grids.model';
import { patrolSpecs } from '../../twin/patrol/patrol.model';
import { useResource } from '../../ui/useResource';

/** Open events drawn at most (the live stream adds to them until the next reload). */
export const MAX_OPEN_EVENTS = 3000;
const RELOAD_MS = 5 * 60_000;
const RETRY_MS = 30_000;

export function useTwinData(api: TwinApi) {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setGeneration((g) => g + 1), RELOAD_MS);
    return () => clearInterval(timer);
  }, []);

  // A layer that failed to load (server restarting, network away) is asked again every 30 s.
  const [retry, setRetry] = useState(0);
  const grids = useResource((signal) => api.grids({}, signal).then((c) => c.features), [api, retry]);
  const components = useResource((signal) => api.components(signal), [api, retry]);
  const cameras = useResource((signal) => api.cameras(signal), [api, retry]);
  const patrol = useResource((signal) => api.patrolPoints(signal), [api, retry]);
  const sensors = useResource((signal) => api.sensors(signal), [api, retry]);
  const sensorStates = useResource(
    async (signal) => {
      const rows = await api.sensorStates(signal).catch(() => []); // no live sensing: every sensor "unknown"
      return new Map(rows.map((r) => [r.id, r.state]));
    },
    [api, generation],
  );
  const openEvents = useResource(
    (signal) => api.openEvents(MAX_OPEN_EVENTS, signal).catch(() => [] as GovEvent[]),
    [api, generation],
  );

  const drawing = useMemo(() => (grids.data ? gridDrawingFrom(grids.data) : null), [grids.data]);
  const componentPoints = useMemo(() => (components.data ? componentSpecs(components.data) : null), [components.data]);
  const cameraIcons = useMemo(() => (cameras.data ? cameraSpecs(cameras.data) : null), [cameras.data]);
  const patrolPoints = useMemo(() => (patrol.data ? patrolSpecs(patrol.data) : null), [patrol.data]);

  const error = grids.error ?? components.error ?? cameras.error ?? patrol.error ?? sensors.error ?? null;
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setRetry((r) => r + 1), RETRY_MS);
    return () => clearTimeout(timer);
  }, [error]);
  return {
    grids: grids.data ?? null,
    drawing,
    components: components.data ?? null,
    componentPoints,
    cameras: cameras.data ?? null,
    cameraIcons,
    patrol: patrol.data ?? null,
    patrolPoints,
    sensors: sensors.data ?? null,
    sensorStates: sensorStates.data ?? null,
    openEvents: openEvents.data ?? null,
    error,
    reload: () => setGeneration((g) => g + 1),
  };
}

export type TwinData = ReturnType<typeof useTwinData>;

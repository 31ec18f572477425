// The twin's live wiring: the sensor points (built once, with the first states loaded), recoloured in
// place by the live stream and by each reload of the states; new events added to the event layer in
// place; alarms, events and the connection handed to the page. One connection for the page's life.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm, LiveEvent, TwinApi } from '../../api/twinApi';
import type { EventLayer } from '../../twin/events/events.layer';
import type { PointLayer } from '../../twin/points/points.layer';
import { sensorOutline, sensorSpecs, sensorStatus, sensorStatusColors } from '../../twin/sensors/sensors.model';
import type { TwinData } from './useTwinData';

export interface LiveTwinOptions {
  api: TwinApi;
  /** Connect to the live stream (sensor colours, new events). */
  live: boolean;
  data: Pick<TwinData, 'sensors' | 'sensorStates' | 'reload'>;
  onAlarm?(alarm: Alarm): void;
  onEvent?(event: LiveEvent): void;
  onConnection?(connected: boolean): void;
}

type State = Parameters<typeof sensorStatus>[1];

export function useLiveTwin({ api, live, data, onAlarm, onEvent, onConnection }: LiveTwinOptions) {
  const sensorLayer = useRef<PointLayer | null>(null);
  const eventLayer = useRef<EventLayer | null>(null);

  // Sensors are built with the first states loaded; later reloads recolour them in place.
  const [firstStates, setFirstStates] = useState<TwinData['sensorStates']>(null);
  if (!firstStates && data.sensorStates) setFirstStates(data.sensorStates);
  const sensorPoints = useMemo(
    () => (data.sensors && firstStates ? sensorSpecs(data.sensors, firstStates) : null),
    [data.sensors, firstStates],
  );
  const kinds = useMemo(
    () => new Map((data.sensors ?? []).map((s) => [s.properties.id, s.properties.kind])),
    [data.sensors],
  );
  const recolour = useCallback(
    (id: string, state: State) => {
      const kind = kinds.get(id);
      if (kind) sensorLayer.current?.setColor(id, sensorStatusColors[sensorStatus(kind, state)], sensorOutline);
    },
    [kinds],
  );
  useEffect(() => {
    if (data.sensorStates && data.sensorStates !== firstStates)
      for (const [id, state] of data.sensorStates) recolour(id, state);
  }, [data.sensorStates, firstStates, recolour]);

  // The latest handlers, states and helpers, for the stream's callbacks.
  const handlers = useRef({ onAlarm, onEvent, onConnection });
  handlers.current = { onAlarm, onEvent, onConnection };
  const current = useRef({ states: data.sensorStates, recolour, reload: data.reload });
  current.current = { states: data.sensorStates, recolour, reload: data.reload };
  useEffect(() => {
    if (!live) return;
    let first = true;
    const connection = api.live({
      onReady: () => {
        if (!first) current.current.reload(); // messages missed while away: reload the state they changed
        first = false;
      },
      onSensors: (changed) => {
        for (const s of changed) {
          current.current.states?.set(s.deviceId, s);
          current.current.recolour(s.deviceId, s);
        }
      },
      onAlarm: (a) => handlers.current.onAlarm?.(a),
      onEvent: (e) => {
        // Open events: the loaded ones plus those the live stream announced since (until the next reload).
        eventLayer.current?.upsert({ code: e.id, closedAt: null, overdue: false, ...e });
        handlers.current.onEvent?.(e);
      },
      onConnection: (c) => handlers.current.onConnection?.(c),
    });
    return () => connection.close();
  }, [api, live]);

  return { sensorPoints, sensorLayer, eventLayer };
}

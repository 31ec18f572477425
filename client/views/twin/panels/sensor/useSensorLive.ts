// A sensor as its panel follows it: loaded (with its 24-hour series), then kept current by the live
// stream (state, open alarms, samples for the chart); loaded again after the stream reconnects, the
// last good data staying shown meanwhile. One subscription, closed on unmount.
import { useEffect, useState } from 'react';
import type { Alarm, SensorDetail, SensorSeries, SensorState, TwinApi } from '../../../../api/twinApi';
import { withAlarm } from '../alarm/alarmPanel.model';
import { type LiveSample, withLiveSample } from './sensorPanel.model';

export const HOURS = 24;

export function useSensorLive(api: TwinApi, sensorId: string) {
  const [detail, setDetail] = useState<SensorDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [series, setSeries] = useState<SensorSeries | null>(null);
  const [state, setState] = useState<Omit<SensorState, 'deviceId'> | null>(null);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [samples, setSamples] = useState<LiveSample[]>([]);
  const [updates, setUpdates] = useState(0);

  useEffect(() => {
    let abort = new AbortController();
    const load = () => {
      abort.abort();
      abort = new AbortController();
      const { signal } = abort;
      api.sensor(sensorId, signal).then(
        (d) => {
          setDetail(d);
          setState(d.state);
          setAlarms(d.openAlarms);
          setError(null);
        },
        (e: unknown) => signal.aborted || setError(e instanceof Error ? e.message : String(e)),
      );
      api.sensorSeries(sensorId, HOURS, signal).then(setSeries, () => undefined);
    };
    load();
    let first = true;
    const subscription = api.live({
      onReady: () => {
        if (!first) load();
        first = false;
      },
      onSensors: (changed) => {
        const mine = changed.find((s) => s.deviceId === sensorId);
        if (!mine) return;
        setState(mine);
        setUpdates((u) => u + 1);
        const ts = mine.ts;
        if (ts) setSamples((list) => withLiveSample(list, { t: Date.parse(ts), values: mine.values }));
      },
      onAlarm: (a) => a.deviceId === sensorId && setAlarms((list) => withAlarm(list, a)),
    });
    return () => {
      abort.abort();
      subscription.close();
    };
  }, [api, sensorId]);

  return { detail, error, series, state, alarms, samples, updates };
}

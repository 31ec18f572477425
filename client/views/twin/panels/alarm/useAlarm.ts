// An alarm as its panel follows it: the caller's copy until it is loaded, then kept current by the
// live stream; acknowledging it (a 409 means someone else did, or it cleared: it is loaded again).
import { useEffect, useState } from 'react';
import { type Alarm, ApiError, type TwinApi } from '../../../../api/twinApi';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useAlarm(api: TwinApi, alarmId: string, initial: Alarm | null) {
  const [alarm, setAlarm] = useState<Alarm | null>(initial?.id === alarmId ? initial : null);
  const [error, setError] = useState<string | null>(null);
  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api.alarm(alarmId, abort.signal).then(
      (a) => {
        setAlarm(a);
        setError(null);
      },
      (e: unknown) => abort.signal.aborted || setError(message(e)),
    );
    const subscription = api.live({ onAlarm: (a) => a.id === alarmId && setAlarm(a) });
    return () => {
      abort.abort();
      subscription.close();
    };
  }, [api, alarmId]);

  const acknowledge = async () => {
    if (!alarm) return;
    setAcking(true);
    setAckError(null);
    try {
      setAlarm(await api.acknowledgeAlarm(alarm.id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) api.alarm(alarm.id).then(setAlarm, () => undefined);
      else setAckError(message(e));
    } finally {
      setAcking(false);
    }
  };
  return { alarm, error, acking, ackError, acknowledge };
}

// A page (the desk, the leader day) hears of case changes on the live stream (GET /api/live): on any message about a case it
// reloads the list it shows and the open dossier. Kept in this one hook so the message it listens to
// (today `event`, a new case) can follow the stream as it learns of every change.
import { useEffect, useRef, useState } from 'react';
import type { TwinApi } from '../api/twinApi';

/** Changes arriving together (a bulk dispatch, a burst of alarms) make one reload. */
const SETTLE_MS = 400;

/** Calls `onChange` after case changes; answers whether the stream is connected. */
export function useCaseChanges(api: TwinApi, onChange: () => void): boolean {
  const [connected, setConnected] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let readyBefore = false;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), SETTLE_MS);
    };
    const subscription = api.live({
      onEvent: changed,
      // a reconnection may have missed changes; the first connection has nothing to catch up on
      onReady: () => {
        if (readyBefore) changed();
        readyBefore = true;
      },
      onConnection: setConnected,
    });
    return () => {
      clearTimeout(timer);
      subscription.close();
    };
  }, [api]);
  return connected;
}

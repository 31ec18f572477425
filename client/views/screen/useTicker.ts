// The ticker's items: the newest events and alarms from the API to start with, then whatever the live
// stream brings, in a fixed-size ring (no growth however long the screen runs).

import { findItem } from '@domain/taxonomy';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alarm, LiveEvent, TwinApi } from '../../api/twinApi';
import { type TickerItem, TickerRing } from './ticker.model';

export const TICKER_SIZE = 40;

const level = (n: number): 1 | 2 | 3 => (n >= 3 ? 3 : n <= 1 ? 1 : 2);

export function alarmItem(a: Alarm): TickerItem {
  return {
    key: `alarm:${a.id}`,
    kind: 'alarm',
    at: a.raisedAt,
    level: level(a.severity),
    text: a.message,
    place: a.gridId,
    status: a.status,
    alarm: { rule: a.rule, deviceId: a.deviceId },
  };
}

/**
 * A case as a ticker item. A later change of the same case (dispatched, closed: the live stream's
 * `action`) replaces it and moves it to the top, timed `changedAt` (when the screen heard of it).
 */
export function eventItem(
  e: Pick<LiveEvent, 'id' | 'itemCode' | 'reportedAt' | 'description' | 'gridId' | 'status'> & {
    action?: string;
    leaderSupervisedBy?: string | null;
  },
  changedAt?: string,
): TickerItem {
  const item = findItem(e.itemCode);
  const changed = e.action !== undefined && e.action !== 'report' && changedAt !== undefined;
  return {
    key: `event:${e.id}`,
    kind: 'event',
    at: changed ? changedAt : e.reportedAt,
    level: item?.severity ?? 1,
    text: item?.name ?? e.description,
    itemCode: e.itemCode,
    place: e.gridId,
    status: e.status,
    ...(e.leaderSupervisedBy ? { leader: true } : {}),
  };
}

export function useTicker(api: TwinApi) {
  const ring = useRef(new TickerRing(TICKER_SIZE));
  const [items, setItems] = useState<TickerItem[]>([]);
  const push = useCallback((item: TickerItem) => {
    ring.current.push(item);
    setItems(ring.current.list());
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    void Promise.allSettled([api.events({ limit: 20 }, abort.signal), api.alarms(20, abort.signal)]).then(
      ([events, alarms]) => {
        if (abort.signal.aborted) return;
        if (events.status === 'fulfilled') for (const e of events.value.events) ring.current.push(eventItem(e));
        if (alarms.status === 'fulfilled') for (const a of alarms.value) ring.current.push(alarmItem(a));
        setItems(ring.current.list());
      },
    );
    return () => abort.abort();
  }, [api]);

  return {
    items,
    onAlarm: useCallback((a: Alarm) => push(alarmItem(a)), [push]),
    onEvent: useCallback((e: LiveEvent) => push(eventItem(e, new Date().toISOString())), [push]),
  };
}

// Open events (在办事件) → points coloured by urgency (the taxonomy item's severity: 3 urgent, 2
// important, 1 general); an overdue event (超期) gets a magenta ring and a larger dot, one a city leader
// supervises (领导督办) an amber ring.

import type { GovEvent } from '@domain/model';
import { findItem } from '@domain/taxonomy';
import type { PointSpec } from '../points/points.model';
import type { EventMark } from './eventClusters.model';

export const urgencyColors: Readonly<Record<1 | 2 | 3, string>> = { 3: '#ff3b3b', 2: '#ff8c1a', 1: '#ffd84d' };
export const overdueOutline: NonNullable<PointSpec['outline']> = { color: '#ff4dff', widthPx: 3 };
/** 领导督办: a city leader instructed the case (the same amber as the mark on every page). */
export const leaderOutline: NonNullable<PointSpec['outline']> = { color: '#ffb347', widthPx: 3 };

/** An event as the map reads it: the dataset's record, and the leader's mark when the server sends it. */
export type MapEvent = GovEvent & { leaderSupervisedBy?: string | null };

/** Urgency from the item (unknown items count as general). */
export const urgencyOf = (itemCode: string): 1 | 2 | 3 => findItem(itemCode)?.severity ?? 1;

/** Overdue: flagged by the workflow, or past its deadline at `nowMs` while still open. */
export function isOverdue(event: Pick<GovEvent, 'overdue' | 'deadlineAt' | 'status'>, nowMs: number): boolean {
  return event.overdue || (event.status !== 'closed' && Date.parse(event.deadlineAt) < nowMs);
}

export function eventSpecs(events: readonly MapEvent[], nowMs: number): PointSpec[] {
  return events
    .filter((e) => e.status !== 'closed')
    .map((e) => {
      const overdue = isOverdue(e, nowMs);
      return {
        pick: { kind: 'event', id: e.id },
        position: e.position,
        heightM: 4,
        color: urgencyColors[urgencyOf(e.itemCode)],
        sizePx: overdue ? 12 : 10,
        // overdue first: it is the more urgent fact; the card names both
        outline: overdue ? overdueOutline : e.leaderSupervisedBy ? leaderOutline : { color: '#2a0a0a', widthPx: 1.5 },
        maxDistanceM: 200_000,
      } satisfies PointSpec;
    });
}

/** Open events as the aggregation sees them (closed ones left out). */
export function eventMarks(events: readonly GovEvent[], nowMs: number): EventMark[] {
  return events
    .filter((e) => e.status !== 'closed')
    .map((e) => ({ id: e.id, position: e.position, urgency: urgencyOf(e.itemCode), overdue: isOverdue(e, nowMs) }));
}

/** Counts for the legend: open events by urgency, and how many are overdue. */
export function eventCounts(
  events: readonly GovEvent[],
  nowMs: number,
): { byUrgency: Record<1 | 2 | 3, number>; overdue: number } {
  const byUrgency = { 1: 0, 2: 0, 3: 0 };
  let overdue = 0;
  for (const e of events) {
    if (e.status === 'closed') continue;
    byUrgency[urgencyOf(e.itemCode)]++;
    if (isOverdue(e, nowMs)) overdue++;
  }
  return { byUrgency, overdue };
}

// The live ticker (实时滚动) of the big screen: the newest events and alarms in a ring of fixed size,
// so a screen that runs for days holds the same memory on day ten as on day one. Pure.
import { findItem } from '@domain/taxonomy';
import type { MessageKey, Translate } from '../../i18n';
import type { PickRef } from '../../twin/points/points.model';

export interface TickerItem {
  /** Unique per item: a second message about the same thing (an alarm cleared) replaces the first. */
  key: string;
  kind: 'event' | 'alarm';
  at: string;
  /** Severity 3 urgent, 2 important, 1 general. */
  level: 1 | 2 | 3;
  text: string;
  /** The taxonomy item, for an event's name in the user's language. */
  itemCode?: string;
  place: string;
  status: string;
  /** An alarm's rule and device, so the ticker can name it in the reader's language (`text` is the server's Chinese). */
  alarm?: { rule: string; deviceId: string };
  /** 领导督办: a city leader supervises the case. */
  leader?: boolean;
}

/** What choosing an item opens: the alarm's or the event's details (keys are `alarm:ID`, `event:ID`). */
export function tickerSelection(item: Pick<TickerItem, 'key' | 'kind'>): PickRef {
  return { kind: item.kind, id: item.key.slice(item.key.indexOf(':') + 1) };
}

export class TickerRing {
  private readonly items: (TickerItem | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`ticker capacity must be at least 1, not ${capacity}`);
    this.items = new Array(capacity);
  }

  /** Adds an item, replacing one with the same key in place, else overwriting the oldest when full. */
  push(item: TickerItem): void {
    for (let i = 0; i < this.size; i++) {
      if (this.items[i]?.key === item.key) {
        this.items[i] = item;
        return;
      }
    }
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Newest first (by time, then by arrival). */
  list(): TickerItem[] {
    const out: TickerItem[] = [];
    for (let i = 1; i <= this.size; i++) out.push(this.items[(this.next - i + this.capacity) % this.capacity]!);
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }
}

/** An item's text in the reader's language: the server's Chinese, else the alarm's device and rule or the item's English name. */
export function tickerText(item: Pick<TickerItem, 'text' | 'itemCode' | 'alarm'>, en: boolean, t: Translate): string {
  if (!en) return item.text;
  if (item.alarm) return `${item.alarm.deviceId} ${t(`rule.${item.alarm.rule}` as MessageKey)}`;
  return item.itemCode ? (findItem(item.itemCode)?.nameEn ?? item.text) : item.text;
}

import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n';
import { type TickerItem, TickerRing, tickerSelection, tickerText } from './ticker.model';
import { eventItem } from './useTicker';

const item = (key: string, at: string, status = 'raised'): TickerItem => ({
  key,
  kind: 'alarm',
  at,
  level: 2,
  text: key,
  place: '',
  status,
});

describe('TickerRing', () => {
  const cases: { title: string; capacity: number; push: TickerItem[]; keys: string[] }[] = [
    { title: 'empty', capacity: 3, push: [], keys: [] },
    { title: 'newest first', capacity: 3, push: [item('a', '1'), item('b', '2')], keys: ['b', 'a'] },
    {
      title: 'oldest dropped when full',
      capacity: 3,
      push: ['a', 'b', 'c', 'd', 'e'].map((k, i) => item(k, String(i))),
      keys: ['e', 'd', 'c'],
    },
    {
      title: 'sorted by time, not arrival',
      capacity: 3,
      push: [item('late', '9'), item('early', '1')],
      keys: ['late', 'early'],
    },
    {
      title: 'same key replaced in place',
      capacity: 3,
      push: [item('a', '1'), item('b', '2'), item('a', '3', 'cleared')],
      keys: ['a', 'b'],
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const ring = new TickerRing(c.capacity);
      for (const i of c.push) ring.push(i);
      expect(ring.list().map((i) => i.key)).toEqual(c.keys);
    });
  }

  it('never holds more than its capacity, however much is pushed', () => {
    const ring = new TickerRing(50);
    for (let i = 0; i < 100_000; i++) ring.push(item(`k${i}`, String(i).padStart(6, '0')));
    expect(ring.length).toBe(50);
    expect(ring.list()[0]!.key).toBe('k99999');
  });

  it('keeps the replaced status', () => {
    const ring = new TickerRing(2);
    ring.push(item('a', '1'));
    ring.push(item('a', '1', 'cleared'));
    expect(ring.list()).toEqual([item('a', '1', 'cleared')]);
  });

  it('refuses a capacity below one', () => expect(() => new TickerRing(0)).toThrow(/capacity/));
});

describe('tickerSelection', () => {
  const cases: [Pick<TickerItem, 'key' | 'kind'>, { kind: string; id: string }][] = [
    [
      { key: 'alarm:AL0000012', kind: 'alarm' },
      { kind: 'alarm', id: 'AL0000012' },
    ],
    [
      { key: 'event:ES0000003', kind: 'event' },
      { kind: 'event', id: 'ES0000003' },
    ],
  ];
  for (const [item, expected] of cases) it(item.key, () => expect(tickerSelection(item)).toEqual(expected));
});

describe('tickerText', () => {
  const t: Translate = (key) => key;
  const cases: {
    title: string;
    input: [Pick<TickerItem, 'text' | 'itemCode' | 'alarm'>, boolean];
    expected: string;
  }[] = [
    {
      title: 'Chinese: the server text',
      input: [{ text: '机动车乱停放', itemCode: '040201' }, false],
      expected: '机动车乱停放',
    },
    {
      title: 'English: the item name',
      input: [{ text: '机动车乱停放', itemCode: '040201' }, true],
      expected: 'Illegal car parking',
    },
    { title: 'English, unknown item: the text', input: [{ text: '某事', itemCode: '999999' }, true], expected: '某事' },
    { title: 'English, no item: the text', input: [{ text: '某事' }, true], expected: '某事' },
    {
      title: 'English: an alarm by device and rule',
      input: [{ text: 'MH-0001 井内水位过高', alarm: { rule: 'manhole.water-high', deviceId: 'MH-0001' } }, true],
      expected: 'MH-0001 rule.manhole.water-high',
    },
  ];
  for (const c of cases) it(c.title, () => expect(tickerText(...c.input, t)).toBe(c.expected));
});

describe('eventItem', () => {
  const e = {
    id: 'E0000001',
    itemCode: '010101',
    reportedAt: '2026-11-30T01:00:00.000Z',
    description: '垃圾',
    gridId: 'G1',
    status: 'reported' as const,
  };
  it('dates a report by its report time and a later change by when the screen heard of it, under one key', () => {
    const reported = eventItem({ ...e, action: 'report' }, '2026-11-30T02:00:00.000Z');
    expect(reported).toMatchObject({ key: 'event:E0000001', at: e.reportedAt, status: 'reported' });
    const dispatched = eventItem(
      { ...e, status: 'dispatched' as const, action: 'dispatch' },
      '2026-11-30T02:00:00.000Z',
    );
    expect(dispatched).toMatchObject({ key: 'event:E0000001', at: '2026-11-30T02:00:00.000Z', status: 'dispatched' });
    const ring = new TickerRing(4);
    ring.push(reported);
    ring.push(dispatched);
    expect(ring.list()).toEqual([dispatched]);
  });
});

describe('the leader mark on the ticker', () => {
  const e = {
    id: 'E0000002',
    itemCode: '010101',
    reportedAt: '2026-11-30T01:00:00.000Z',
    description: '垃圾',
    gridId: 'G1',
    status: 'dispatched' as const,
  };
  it('marks a case a city leader supervises, and no other', () => {
    expect(eventItem({ ...e, leaderSupervisedBy: 'S-leader01', action: 'dispatch' }).leader).toBe(true);
    expect(eventItem({ ...e, leaderSupervisedBy: null }).leader).toBeUndefined();
    expect(eventItem(e).leader).toBeUndefined();
  });
});

import type { GovEvent } from '@domain/model';
import { TAXONOMY } from '@domain/taxonomy';
import { describe, expect, it } from 'vitest';
import {
  eventCounts,
  eventMarks,
  eventSpecs,
  leaderOutline,
  type MapEvent,
  overdueOutline,
  urgencyColors,
} from './events.model';

const itemOf = (severity: 1 | 2 | 3) => TAXONOMY.items.find((i) => i.severity === severity)!.code;
const now = Date.parse('2026-11-01T00:00:00Z');
const event = (id: string, severity: 1 | 2 | 3, o: Partial<GovEvent> = {}): GovEvent => ({
  id,
  code: id,
  itemCode: itemOf(severity),
  source: 'patrol',
  gridId: 'G',
  position: [117, 31],
  reportedAt: '2026-10-31T00:00:00Z',
  deadlineAt: '2026-11-02T00:00:00Z',
  departmentId: 'D02',
  status: 'handling',
  closedAt: null,
  overdue: false,
  description: '',
  ...o,
});

describe('eventSpecs', () => {
  const cases: { title: string; input: MapEvent; expected: { color: string; ring: string } | null }[] = [
    { title: 'urgent', input: event('a', 3), expected: { color: urgencyColors[3], ring: '#2a0a0a' } },
    { title: 'important', input: event('b', 2), expected: { color: urgencyColors[2], ring: '#2a0a0a' } },
    { title: 'general', input: event('c', 1), expected: { color: urgencyColors[1], ring: '#2a0a0a' } },
    {
      title: 'flagged overdue',
      input: event('d', 1, { overdue: true }),
      expected: { color: urgencyColors[1], ring: overdueOutline.color },
    },
    {
      title: 'past its deadline',
      input: event('e', 2, { deadlineAt: '2026-10-31T12:00:00Z' }),
      expected: { color: urgencyColors[2], ring: overdueOutline.color },
    },
    {
      title: 'supervised by a city leader (领导督办)',
      input: { ...event('h', 2), leaderSupervisedBy: 'S-leader01' },
      expected: { color: urgencyColors[2], ring: leaderOutline.color },
    },
    {
      title: 'overdue outranks the leader mark',
      input: { ...event('i', 2, { overdue: true }), leaderSupervisedBy: 'S-leader01' },
      expected: { color: urgencyColors[2], ring: overdueOutline.color },
    },
    { title: 'closed events are not drawn', input: event('f', 3, { status: 'closed' }), expected: null },
    {
      title: 'unknown item counts as general',
      input: { ...event('g', 1), itemCode: '999999' },
      expected: { color: urgencyColors[1], ring: '#2a0a0a' },
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const specs = eventSpecs([c.input], now);
      expect(specs.length ? { color: specs[0]!.color, ring: specs[0]!.outline!.color } : null).toEqual(c.expected);
    });
  }

  it('counts open events by urgency and overdue', () => {
    expect(
      eventCounts(
        [event('a', 3), event('b', 3, { overdue: true }), event('c', 1), event('d', 2, { status: 'closed' })],
        now,
      ),
    ).toEqual({
      byUrgency: { 1: 1, 2: 0, 3: 2 },
      overdue: 1,
    });
  });

  it('marks open events with their urgency and overdue state for the aggregation', () => {
    expect(
      eventMarks(
        [event('a', 3), event('b', 1, { deadlineAt: '2026-10-31T12:00:00Z' }), event('c', 2, { status: 'closed' })],
        now,
      ),
    ).toEqual([
      { id: 'a', position: [117, 31], urgency: 3, overdue: false },
      { id: 'b', position: [117, 31], urgency: 1, overdue: true },
    ]);
  });
});

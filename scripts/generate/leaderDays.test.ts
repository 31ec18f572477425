// The history's leader days on a hand-made history: a leader's 督办 becomes that month's instruction
// (the dispatch before it, its deadlines), the agenda ranks by the rules, follow-up carries over, the
// current month and non-leader supervisions are left out, and the same history gives the same days.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLeaderDayConfig } from '../../server/domain/leaderDay/config';
import type { EventStep, GovEvent } from '../../server/domain/model';
import { addClockMinutes } from '../../server/domain/workflow/clock';
import { LEADER_PICK_NOTE, leaderDaysOf } from './leaderDays';

const cfg = parseLeaderDayConfig(readFileSync('config/leader-day.json', 'utf8'));

const event = (id: string, reportedAt: string): GovEvent => ({
  id,
  code: id,
  itemCode: '010101',
  source: 'hotline',
  gridId: '340881001001G01',
  position: [116.95, 31.05],
  reportedAt,
  deadlineAt: reportedAt,
  departmentId: 'D02',
  status: 'closed',
  closedAt: null,
  overdue: false,
  description: '',
});
const step = (eventId: string, seq: number, at: string, s: Partial<EventStep>): EventStep => ({
  eventId,
  seq,
  stage: 'handle',
  at,
  actor: 'S-seat01',
  note: '',
  role: 'centre',
  ...s,
});
const summons = (eventId: string, seq: number, at: string) =>
  step(eventId, seq, at, {
    stage: 'dispatch',
    action: 'dispatch',
    detail: {
      action: 'dispatch',
      tasks: [
        { role: 'lead', assignee: { kind: 'department', id: 'D02' }, limitMinutes: 960 },
        { role: 'co', assignee: { kind: 'department', id: 'D05' }, limitMinutes: 480 },
      ],
    },
  });

// E1: escalated to the city in September, summoned and supervised by the mayor; supervised again in October.
// E2: a plain dispatch supervised by the vice-mayor in September (no rule: the leader's own pick).
// E3: supervised by a seat (not a leader). E4: a leader's supervision in the dataset's current month.
const history = {
  meta: { today: '2026-11-01T00:00:00.000Z' },
  events: [
    event('E1', '2026-08-20T01:00:00.000Z'),
    event('E2', '2026-09-01T01:00:00.000Z'),
    event('E3', '2026-09-01T01:00:00.000Z'),
    event('E4', '2026-10-31T17:00:00.000Z'),
  ],
  eventSteps: [
    step('E1', 1, '2026-08-20T01:00:00.000Z', { action: 'report' }),
    step('E1', 2, '2026-09-02T01:00:00.000Z', {
      action: 'escalate',
      role: 'subdistrict',
      detail: { action: 'escalate', task: 1, to: 'centre' },
    }),
    summons('E1', 3, '2026-09-03T01:00:00.000Z'),
    step('E1', 4, '2026-09-03T02:00:00.000Z', {
      action: 'supervise',
      actor: 'S-leader01',
      role: 'leader',
      note: '限期办结',
    }),
    step('E1', 5, '2026-10-08T02:00:00.000Z', {
      action: 'supervise',
      actor: 'S-leader01',
      role: 'leader',
      note: '再督办',
    }),
    step('E2', 1, '2026-09-01T01:00:00.000Z', { action: 'report' }),
    step('E2', 2, '2026-09-01T02:00:00.000Z', {
      action: 'dispatch',
      detail: {
        action: 'dispatch',
        tasks: [{ role: 'lead', assignee: { kind: 'department', id: 'D04' }, limitMinutes: 600 }],
      },
    }),
    step('E2', 3, '2026-09-04T02:00:00.000Z', {
      action: 'supervise',
      actor: 'S-leader02',
      role: 'leader',
      note: '关注',
    }),
    step('E3', 1, '2026-09-01T01:00:00.000Z', { action: 'report' }),
    summons('E3', 2, '2026-09-01T02:00:00.000Z'),
    step('E3', 3, '2026-09-05T02:00:00.000Z', { action: 'supervise' }),
    step('E4', 1, '2026-10-31T17:00:00.000Z', { action: 'report' }),
    summons('E4', 2, '2026-10-31T18:00:00.000Z'),
    step('E4', 3, '2026-10-31T19:00:00.000Z', { action: 'supervise', actor: 'S-leader01', role: 'leader' }),
  ],
  caseDeductions: [],
};

describe('leaderDaysOf (the history’s leader days)', () => {
  const h = leaderDaysOf(history, cfg);

  it('holds one leader day per month with leader supervisions before the current month', () => {
    expect(h.days.map((d) => d.month)).toEqual(['2026-09', '2026-10']);
    expect(h.days[0]).toMatchObject({ leaderId: 'S-leader01', heldAt: '2026-09-03T02:00:00.000Z' });
  });

  it('ranks the agenda by the rules; a case no rule proposes is the leader’s own pick', () => {
    const sept = h.agenda.filter((a) => a.month === '2026-09');
    expect(sept.map((a) => a.eventId)).toEqual(['E1', 'E2']);
    expect(sept[0]!.rules).toEqual(['multiDepartment', 'escalated']);
    expect(sept[1]).toMatchObject({ rules: [], note: LEADER_PICK_NOTE });
    const oct = h.agenda.filter((a) => a.month === '2026-10');
    expect(oct.map((a) => [a.eventId, a.rules])).toEqual([
      ['E1', ['multiDepartment', 'escalated', 'longStuck', 'followUp']],
    ]);
  });

  it('takes the dispatch before the supervision as the instruction, with its tasks’ deadlines', () => {
    const d = h.decisions.find((x) => x.month === '2026-09' && x.eventId === 'E1')!;
    const at = Date.parse('2026-09-03T01:00:00.000Z');
    expect(d).toEqual({
      month: '2026-09',
      eventId: 'E1',
      text: '限期办结',
      leadDepartment: 'D02',
      leadDeadlineAt: new Date(addClockMinutes(at, 960, 'working')).toISOString(),
      coHandlers: [{ departmentId: 'D05', deadlineAt: new Date(addClockMinutes(at, 480, 'working')).toISOString() }],
      decidedBy: 'S-leader01',
      decidedAt: '2026-09-03T02:00:00.000Z',
      firstSeq: 3,
    });
    expect(h.decisions.map((x) => x.eventId)).not.toContain('E3');
  });

  it('is the same for the same history', () => {
    expect(leaderDaysOf(history, cfg)).toEqual(h);
  });
});

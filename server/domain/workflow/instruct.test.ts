// A leader's instruction (批示) as workflow steps: who may give one, from which states, what it writes,
// and that a re-dispatch (改派) replaces the open tasks while a first dispatch is the usual one.
import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { ACTORS, dept, plus, run, straightRun } from './fixtures';
import { decideInstruction, takesInstruction } from './instruct';

const cmd = {
  lead: { assignee: dept('D04'), hours: 40 },
  co: [{ assignee: dept('D06'), hours: 60 }],
  note: '限期办结',
};
const later = (iso: string) => plus(iso, 60);

describe('decideInstruction', () => {
  it('dispatches a case being handled again (改派: open tasks cancelled) and supervises it, all as the leader', () => {
    const { state } = run(straightRun('feedback')); // D02 has accepted: handling
    const d = decideInstruction(state, cmd, ACTORS.leader, later(state.updatedAt));
    if (!d.ok) throw new Error(d.message);
    const steps = [...(d.earlier ?? []), d.step];
    expect(steps.map((s) => [s.action, s.actor, s.role, s.note])).toEqual([
      ['dispatch', 'U-leader', 'leader', '限期办结'],
      ['supervise', 'U-leader', 'leader', '限期办结'],
    ]);
    expect(steps.map((s) => s.seq)).toEqual([state.seq + 1, state.seq + 2]);
    expect(d.state.status).toBe('dispatched');
    expect(d.state.tasks.map((t) => [t.assignee.id, t.role, t.state, t.limitMinutes])).toEqual([
      ['D02', 'lead', 'cancelled', state.tasks[0]!.limitMinutes],
      ['D04', 'lead', 'assigned', 40 * 60],
      ['D06', 'co', 'assigned', 60 * 60],
    ]);
    expect(d.state.supervisedBy).toBe('U-leader');
    expect(d.state.leaderSupervision).toEqual({ by: 'U-leader', at: d.step.at });
    expect(d.state.departmentId).toBe('D04');
    // the new lead works it as usual
    const accepted = decide(d.state, { action: 'accept' }, { ...ACTORS.d04 }, later(d.step.at));
    expect(accepted.ok).toBe(true);
  });

  it('dispatches a filed case the usual way, and takes a shelved one up first (销账)', () => {
    const filed = run(straightRun('dispatch')).state;
    const d1 = decideInstruction(filed, cmd, ACTORS.leader, later(filed.updatedAt));
    expect(d1.ok && [...(d1.earlier ?? []), d1.step].map((s) => s.action)).toEqual(['dispatch', 'supervise']);
    const shelved = run([
      ...straightRun('accept'),
      [{ action: 'shelve', reason: '产权不清', supervisor: 'S-s-340881001' }, ACTORS.seat],
    ]).state;
    const d2 = decideInstruction(shelved, cmd, ACTORS.leader, later(shelved.updatedAt));
    if (!d2.ok) throw new Error(d2.message);
    expect([...(d2.earlier ?? []), d2.step].map((s) => s.action)).toEqual(['unshelve', 'dispatch', 'supervise']);
    expect(d2.state.longTerm).toBeNull();
    expect(d2.state.supervisedBy).toBe('U-leader');
  });

  it('files a report the centre has not filed (立案 by the leader) before dispatching it', () => {
    const reported = run(straightRun('file')).state;
    expect(reported.status).toBe('reported');
    const d = decideInstruction(reported, cmd, ACTORS.leader, later(reported.updatedAt));
    if (!d.ok) throw new Error(d.message);
    expect([...(d.earlier ?? []), d.step].map((s) => [s.action, s.role])).toEqual([
      ['file', 'leader'],
      ['dispatch', 'leader'],
      ['supervise', 'leader'],
    ]);
    expect(d.state.status).toBe('dispatched');
    expect(d.state.tasks.map((t) => [t.assignee.id, t.role, t.state])).toEqual([
      ['D04', 'lead', 'assigned'],
      ['D06', 'co', 'assigned'],
    ]);
  });

  it('says which statuses take an instruction, as the leader page asks before offering the form', () => {
    expect(takesInstruction('reported')).toBe(true);
    expect(takesInstruction('handling')).toBe(true);
    for (const s of ['feedback', 'closed', 'rejected', 'merged'] as const) expect(takesInstruction(s)).toBe(false);
  });

  it('is refused to anyone but a leader, and in a state the workflow cannot dispatch from', () => {
    const { state } = run(straightRun('feedback'));
    expect(decideInstruction(state, cmd, ACTORS.seat, later(state.updatedAt))).toMatchObject({
      ok: false,
      kind: 'role',
    });
    const fedBack = run(straightRun('verify')).state; // fed back, awaiting verification
    expect(decideInstruction(fedBack, cmd, ACTORS.leader, later(fedBack.updatedAt))).toMatchObject({
      ok: false,
      kind: 'state',
      code: 'illegal_transition',
    });
    const closed = run(straightRun()).state;
    expect(decideInstruction(closed, cmd, ACTORS.leader, later(closed.updatedAt))).toMatchObject({ kind: 'state' });
    expect(
      decideInstruction(state, { ...cmd, co: [{ assignee: dept('D04') }] }, ACTORS.leader, later(state.updatedAt)),
    ).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('keeps the mark when a later 挂账 names another supervisor', () => {
    const { state } = run(straightRun('feedback'));
    const d = decideInstruction(state, cmd, ACTORS.leader, later(state.updatedAt));
    if (!d.ok) throw new Error(d.message);
    const shelved = decide(
      d.state,
      { action: 'shelve', reason: '待规划', supervisor: 'S-s-340881001' },
      ACTORS.seat,
      later(d.step.at),
    );
    if (!shelved.ok) throw new Error(shelved.message);
    expect(shelved.state.supervisedBy).toBe('S-s-340881001');
    expect(shelved.state.leaderSupervision?.by).toBe('U-leader');
  });
});

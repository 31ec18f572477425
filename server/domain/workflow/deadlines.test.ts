import { describe, expect, it } from 'vitest';
import { currentDeadline, currentWarning, dueDeductions, isOverdue, isWarned, nextCheckAt } from './deadlines';
import { decide } from './decide';
import { ACTORS, plus, run, straightRun, urbanFacts } from './fixtures';
import { limitsOf } from './limits';
import { replay, roleOfActorId, satisfactionOfNote } from './replay';

// 050201 燃气泄漏: urgent (2 h, natural time); its filing limit is 5% of it, 6 minutes.
const GAS = '050201';

describe('deadlines, warnings and deductions', () => {
  const reported = '2026-03-07T14:00:00.000Z'; // a Saturday night in CST: urgent items run regardless
  const { state } = run([], urbanFacts(GAS, reported));

  it('splits the item limit per stage, urgent items on natural time', () => {
    expect(limitsOf(GAS)).toEqual({
      basis: 'natural',
      minutes: { file: 6, dispatch: 6, handle: 78, feedback: 0, verify: 18, evaluate: 12 },
    });
    expect(limitsOf('030301').basis).toBe('working');
    expect(currentDeadline(state)).toBe(plus(reported, 6));
    expect(currentWarning(state)).toBe(plus(reported, 4.8));
  });

  it('warns at 80% and deducts the holder at the limit, once, with the reason', () => {
    expect(isWarned(state, plus(reported, 4))).toBe(false);
    expect(isWarned(state, plus(reported, 5))).toBe(true);
    expect(isOverdue(state, plus(reported, 5))).toBe(false);
    expect(dueDeductions(state, plus(reported, 5))).toEqual([]);
    const due = dueDeductions(state, plus(reported, 7));
    expect(due).toEqual([
      {
        caseId: 'E1',
        clockKey: 'file:1',
        stage: 'file',
        holder: 'centre',
        dueAt: plus(reported, 6),
        points: 3,
        reason: expect.stringContaining('立案超时：突发事件 / 安全事故 / 燃气泄漏，时限6分钟'),
      },
    ]);
    expect(dueDeductions(state, plus(reported, 600))).toEqual(due);
  });

  it('keeps a deduction due after the late stage ends, and times the next stage afresh', () => {
    const filed = decide(state, { action: 'file' }, ACTORS.seat, plus(reported, 10));
    if (!filed.ok) throw new Error(filed.message);
    expect(dueDeductions(filed.state, plus(reported, 11)).map((d) => d.clockKey)).toEqual(['file:1']);
    expect(currentDeadline(filed.state)).toBe(plus(reported, 16));
    expect(nextCheckAt(filed.state, plus(reported, 11))).toBe(plus(reported, 16));
    expect(nextCheckAt(filed.state, plus(reported, 16))).toBeNull(); // due at its limit, not checked again
    expect(isOverdue(filed.state, plus(reported, 16))).toBe(true);
    expect(dueDeductions(filed.state, plus(reported, 16)).map((d) => d.clockKey)).toEqual(['file:1', 'dispatch:2']);
  });

  it('deducts nothing on a case done within its limits', () => {
    const { state: done } = run(straightRun(), urbanFacts(GAS, reported));
    expect(dueDeductions(done, plus(reported, 60 * 24 * 365))).toEqual([]);
  });
});

describe('replaying the generated history', () => {
  it('reads a straight seven-stage history as a closed, evaluated case', () => {
    const facts = urbanFacts('010101');
    const at = (m: number) => plus(facts.reportedAt, m);
    const steps = [
      ['collect', 'S-gw001', '网格员巡查上报'],
      ['file', 'S-seat03', '立案：暴露垃圾'],
      ['dispatch', 'S-seat03', '派遣至市城市管理局'],
      ['handle', 'S-d02', '已现场处置'],
      ['feedback', 'S-d02', '处置结果已反馈'],
      ['verify', 'S-gw001', '核查属实，予以结案'],
      ['evaluate', 'S-seat03', '综合评价：基本满意'],
    ].map(([stage, actor, note], i) => ({
      seq: i + 1,
      stage: stage as never,
      at: at(i * 30),
      actor: actor!,
      note: note!,
    }));
    const s = replay(facts, steps, 'D02');
    expect(s).toMatchObject({ status: 'closed', departmentId: 'D02', closedAt: at(150) });
    expect(s.evaluation).toEqual({ satisfaction: 'basically-satisfied', ratedBy: 'resident' });
    expect(s.tasks).toMatchObject([
      { no: 1, role: 'lead', assignee: { kind: 'department', id: 'D02' }, state: 'done' },
    ]);
    const open = replay(facts, steps.slice(0, 4), 'D02');
    expect(open.status).toBe('handling');
  });

  it.each([
    ['S-gw001', 'gridworker'],
    ['S-v-340881103200', 'community'],
    ['S-c-340881001001', 'community'],
    ['S-t-340881103', 'subdistrict'],
    ['S-d02', 'department'],
    ['S-seat16', 'centre'],
    ['hotline-12345', null],
    ['sensor:MH-0001', null],
  ])('the actor %s has the role %s', (id, role) => {
    expect(roleOfActorId(id)).toBe(role);
  });

  it('reads the rating of an evaluation note', () => {
    expect(satisfactionOfNote('综合评价：满意')).toBe('satisfied');
    expect(satisfactionOfNote('综合评价：不满意')).toBe('dissatisfied');
    expect(satisfactionOfNote('超时办结，系统预警并扣分')).toBeNull();
  });
});

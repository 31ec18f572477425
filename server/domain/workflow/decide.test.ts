import { describe, expect, it } from 'vitest';
import { ROLES } from '../access';
import { currentDeadline, holdersOf } from './deadlines';
import { type CaseCommand, decide, openCase } from './decide';
import {
  ACTORS,
  COMMUNITY,
  dept,
  GRID,
  plus,
  run,
  SUBDISTRICT,
  straightRun,
  TOWN,
  urbanFacts,
  VILLAGE,
  villageFacts,
} from './fixtures';
import { rolesFor } from './permissions';
import { type Actor, CASE_ACTIONS, type CaseAction, type CaseState } from './states';

/** For each action: the commands that make it legal, the command, and an actor who may take it. */
const READY: Record<Exclude<CaseAction, 'report'>, { before: [CaseCommand, Actor][]; cmd: CaseCommand; by: Actor }> = {
  file: { before: [], cmd: { action: 'file' }, by: ACTORS.seat },
  reject: { before: [], cmd: { action: 'reject', reason: '重复上报的测试数据' }, by: ACTORS.seat },
  merge: { before: [], cmd: { action: 'merge', into: 'E9' }, by: ACTORS.seat },
  dispatch: {
    before: straightRun('dispatch'),
    cmd: { action: 'dispatch', lead: { assignee: dept('D02') } },
    by: ACTORS.seat,
  },
  accept: { before: straightRun('accept'), cmd: { action: 'accept' }, by: ACTORS.d02 },
  return: { before: straightRun('accept'), cmd: { action: 'return', reason: '不属于本部门职责' }, by: ACTORS.d02 },
  escalate: {
    before: [
      [{ action: 'file' }, ACTORS.seat],
      [{ action: 'dispatch', lead: { assignee: { kind: 'unit', id: GRID, level: 'grid' } } }, ACTORS.seat],
    ],
    cmd: { action: 'escalate', to: { kind: 'unit', id: COMMUNITY, level: 'community' } },
    by: ACTORS.worker,
  },
  requestExtension: {
    before: straightRun('feedback'),
    cmd: { action: 'requestExtension', hours: 24, reason: '需协调物业' },
    by: ACTORS.d02,
  },
  approveExtension: {
    before: [...straightRun('feedback'), [{ action: 'requestExtension', hours: 24, reason: '需协调物业' }, ACTORS.d02]],
    cmd: { action: 'approveExtension' },
    by: ACTORS.seat,
  },
  refuseExtension: {
    before: [...straightRun('feedback'), [{ action: 'requestExtension', hours: 24, reason: '需协调物业' }, ACTORS.d02]],
    cmd: { action: 'refuseExtension' },
    by: ACTORS.seat,
  },
  feedback: { before: straightRun('feedback'), cmd: { action: 'feedback' }, by: ACTORS.d02 },
  verify: { before: straightRun('verify'), cmd: { action: 'verify', passed: true }, by: ACTORS.worker },
  evaluate: {
    before: straightRun('evaluate'),
    cmd: { action: 'evaluate', satisfaction: 'satisfied', ratedBy: 'resident' },
    by: ACTORS.seat,
  },
  supervise: { before: straightRun('dispatch'), cmd: { action: 'supervise' }, by: ACTORS.leader },
  shelve: {
    before: straightRun('dispatch'),
    cmd: { action: 'shelve', reason: '历史遗留违建，需规划调整', supervisor: 'U-leader' },
    by: ACTORS.seat,
  },
  unshelve: {
    before: [
      ...straightRun('dispatch'),
      [{ action: 'shelve', reason: '历史遗留违建，需规划调整', supervisor: 'U-leader' }, ACTORS.seat],
    ],
    cmd: { action: 'unshelve' },
    by: ACTORS.seat,
  },
};

/** One actor per role (the role's representative in the fixture world). */
const BY_ROLE: Record<(typeof ROLES)[number], Actor> = {
  gridworker: ACTORS.worker,
  community: ACTORS.community,
  subdistrict: ACTORS.subdistrict,
  department: ACTORS.d02,
  centre: ACTORS.seat,
  analyst: ACTORS.analyst,
  leader: ACTORS.leader,
  screen: ACTORS.screen,
  admin: ACTORS.admin,
};

const at = (s: CaseState) => plus(s.updatedAt, 5);

describe('who may take each action', () => {
  it('has a table row for every action', () => {
    expect(Object.keys(READY).sort()).toEqual(CASE_ACTIONS.filter((a) => a !== 'report').sort());
  });

  for (const [action, { before, cmd, by }] of Object.entries(READY)) {
    it(`${action}: allowed to ${rolesFor(action as CaseAction).join(', ')}; refused (role) to the others`, () => {
      const { state } = run(before);
      const ok = decide(state, cmd, by, at(state));
      expect(ok.ok, ok.ok ? '' : ok.message).toBe(true);
      for (const role of ROLES) {
        const d = decide(state, cmd, BY_ROLE[role], at(state));
        if (rolesFor(action as CaseAction).includes(role)) expect(d.ok || d.kind !== 'role').toBe(true);
        else expect(d.ok ? 'ok' : d.kind, `${role} ${action}`).toBe('role');
      }
      const system = decide(state, cmd, ACTORS.sensor, at(state));
      expect(system.ok ? 'ok' : system.kind).toBe('role');
    });
  }

  it('lets only the holder of a task act on it', () => {
    const { state } = run(straightRun('accept'));
    const d = decide(state, { action: 'accept' }, ACTORS.d04, at(state));
    expect(d).toMatchObject({ ok: false, kind: 'holder', code: 'not_task_holder' });
  });

  it('lets the grid worker of the place, its community or the centre verify, and nobody else', () => {
    const { state } = run(straightRun('verify'));
    const cmd: CaseCommand = { action: 'verify', passed: true };
    for (const who of [ACTORS.worker, ACTORS.community, ACTORS.seat])
      expect(decide(state, cmd, who, at(state)).ok).toBe(true);
    expect(decide(state, cmd, ACTORS.otherWorker, at(state))).toMatchObject({ ok: false, kind: 'holder' });
  });

  it('reports through the channels of the role', () => {
    const facts = urbanFacts();
    expect(openCase(facts, { source: 'hotline', description: 'x' }, ACTORS.worker, facts.reportedAt)).toMatchObject({
      ok: false,
      kind: 'invalid',
      field: 'source',
    });
    expect(openCase(facts, { source: 'hotline', description: 'x' }, ACTORS.seat, facts.reportedAt).ok).toBe(true);
    expect(openCase(facts, { source: 'sensor', description: 'x' }, ACTORS.sensor, facts.reportedAt).ok).toBe(true);
    expect(openCase(facts, { source: 'patrol', description: 'x' }, ACTORS.analyst, facts.reportedAt)).toMatchObject({
      ok: false,
      kind: 'role',
    });
  });
});

describe('the straight run', () => {
  it('goes through the seven stages and closes (结案) at the passed verification', () => {
    const { state, steps } = run(straightRun());
    expect(steps.map((s) => s.stage)).toEqual([
      'collect',
      'file',
      'dispatch',
      'handle',
      'feedback',
      'verify',
      'evaluate',
    ]);
    expect(steps.map((s) => s.role)).toEqual([
      'gridworker',
      'centre',
      'centre',
      'department',
      'department',
      'gridworker',
      'centre',
    ]);
    expect(state.status).toBe('closed');
    expect(state.closedAt).toBe(steps[5]!.at);
    expect(state.evaluation).toEqual({ satisfaction: 'satisfied', ratedBy: 'resident' });
    expect(state.clocks.every((c) => c.endedAt !== null)).toBe(true);
    expect(holdersOf(state)).toEqual([]);
  });

  it('names who must act at each stage', () => {
    const holders = (until: CaseAction) => holdersOf(run(straightRun(until as CaseCommand['action'])).state);
    expect(holders('file')).toEqual(['centre']);
    expect(holders('dispatch')).toEqual(['centre']);
    expect(holders('accept')).toEqual(['D02']);
    expect(holders('verify')).toEqual([GRID]);
    expect(holders('evaluate')).toEqual(['centre']);
  });

  it('refuses a second click on the same action, naming the state and the action', () => {
    const { state } = run(straightRun('dispatch'));
    const d = decide(state, { action: 'file' }, ACTORS.seat, at(state));
    expect(d).toMatchObject({ ok: false, kind: 'state', code: 'illegal_transition' });
    expect(!d.ok && d.message).toContain("Cannot file case E1 in state 'filed'");
  });

  it('refuses a step dated before the last one', () => {
    const { state } = run(straightRun('dispatch'));
    expect(
      decide(state, { action: 'dispatch', lead: { assignee: dept('D02') } }, ACTORS.seat, plus(state.updatedAt, -10)),
    ).toMatchObject({
      ok: false,
      code: 'clock_backwards',
    });
  });
});

describe('side paths', () => {
  it('not filed: invalid (不予立案) and duplicate (合并) end the report', () => {
    const rejected = run([[{ action: 'reject', reason: '非城市管理问题' }, ACTORS.seat]]).state;
    expect(rejected).toMatchObject({ status: 'rejected', rejectedReason: '非城市管理问题' });
    const merged = run([[{ action: 'merge', into: 'E9' }, ACTORS.seat]]).state;
    expect(merged).toMatchObject({ status: 'merged', mergedInto: 'E9' });
    for (const s of [rejected, merged]) {
      expect(decide(s, { action: 'file' }, ACTORS.seat, at(s))).toMatchObject({ ok: false, kind: 'state' });
      expect(holdersOf(s)).toEqual([]);
    }
    expect(decide(run([]).state, { action: 'merge', into: 'E1' }, ACTORS.seat, at(run([]).state))).toMatchObject({
      ok: false,
      field: 'into',
    });
  });

  it('a returned task (退回) goes back to the centre and counts against dispatch accuracy', () => {
    const { state } = run([
      ...straightRun('accept'),
      [{ action: 'return', reason: '属住建部门职责' }, ACTORS.d02],
      [{ action: 'dispatch', lead: { assignee: dept('D04') } }, ACTORS.seat],
      [{ action: 'accept' }, ACTORS.d04],
    ]);
    expect(state).toMatchObject({ status: 'handling', departmentId: 'D04', counts: { returns: 1 } });
    expect(state.tasks.map((t) => [t.assignee.id, t.state])).toEqual([
      ['D02', 'returned'],
      ['D04', 'accepted'],
    ]);
    expect(decide(state, { action: 'return', reason: 'x' }, ACTORS.d04, at(state))).toMatchObject({
      ok: false,
      kind: 'holder',
    });
  });

  it('a failed verification sends the case back to handling (返工) on a fresh limit', () => {
    const { state } = run([
      ...straightRun('verify'),
      [{ action: 'verify', passed: false, note: '仍有垃圾' }, ACTORS.worker],
    ]);
    expect(state).toMatchObject({ status: 'handling', closedAt: null, counts: { reworks: 1 } });
    expect(state.tasks[0]!.state).toBe('accepted');
    expect(holdersOf(state)).toEqual(['D02']);
    const again = run([
      ...straightRun('verify'),
      [{ action: 'verify', passed: false }, ACTORS.worker],
      [{ action: 'feedback' }, ACTORS.d02],
      [{ action: 'verify', passed: true }, ACTORS.community],
    ]).state;
    expect(again.status).toBe('verified');
  });

  it('an extension (延期) approved moves the task deadline; refused, it does not', () => {
    const request: [CaseCommand, Actor] = [{ action: 'requestExtension', hours: 16, reason: '需协调物业' }, ACTORS.d02];
    const pending = run([...straightRun('feedback'), request]).state;
    expect(holdersOf(pending).sort()).toEqual(['D02', 'centre']);
    expect(decide(pending, request[0], ACTORS.d02, at(pending))).toMatchObject({ ok: false, kind: 'state' });
    const before = currentDeadline(pending)!;
    const approved = run([...straightRun('feedback'), request, [{ action: 'approveExtension' }, ACTORS.seat]]).state;
    const refused = run([...straightRun('feedback'), request, [{ action: 'refuseExtension' }, ACTORS.seat]]).state;
    expect(Date.parse(currentDeadline(approved)!)).toBeGreaterThan(Date.parse(before));
    expect(currentDeadline(refused)).toBe(before);
    expect(approved.counts.extensions).toBe(1);
    expect(refused.counts.extensions).toBe(0);
  });

  it('escalates grid → community → subdistrict → centre, and village grid → village → town → centre', () => {
    const urban = run([
      [{ action: 'file' }, ACTORS.seat],
      [{ action: 'dispatch', lead: { assignee: { kind: 'unit', id: GRID, level: 'grid' } } }, ACTORS.seat],
      [{ action: 'escalate', to: { kind: 'unit', id: COMMUNITY, level: 'community' } }, ACTORS.worker],
      [{ action: 'accept' }, ACTORS.community],
      [{ action: 'escalate', to: { kind: 'unit', id: SUBDISTRICT, level: 'subdistrict' } }, ACTORS.community],
      [{ action: 'escalate', to: 'centre', note: '街道吹哨' }, ACTORS.subdistrict],
    ]).state;
    expect(urban).toMatchObject({ status: 'filed', counts: { escalations: 3 } });
    expect(holdersOf(urban)).toEqual(['centre']);

    const village = run(
      [
        [{ action: 'file' }, ACTORS.seat],
        [{ action: 'dispatch', lead: { assignee: { kind: 'unit', id: VILLAGE, level: 'village' } } }, ACTORS.seat],
        [{ action: 'escalate', to: { kind: 'unit', id: TOWN, level: 'town' } }, ACTORS.village],
        [{ action: 'escalate', to: 'centre' }, ACTORS.town],
      ],
      villageFacts(),
    ).state;
    expect(village).toMatchObject({ status: 'filed', counts: { escalations: 2 } });

    const { state } = run([
      [{ action: 'file' }, ACTORS.seat],
      [{ action: 'dispatch', lead: { assignee: { kind: 'unit', id: GRID, level: 'grid' } } }, ACTORS.seat],
    ]);
    expect(decide(state, { action: 'escalate', to: 'centre' }, ACTORS.worker, at(state))).toMatchObject({
      ok: false,
      field: 'to',
    });
  });

  it('a summons (街道吹哨、部门报到): one lead, co-handlers with their own deadlines', () => {
    const summons: [CaseCommand, Actor] = [
      {
        action: 'dispatch',
        lead: { assignee: dept('D02') },
        co: [{ assignee: dept('D04'), hours: 8 }, { assignee: dept('D06') }],
      },
      ACTORS.seat,
    ];
    const { state } = run([
      [{ action: 'file' }, ACTORS.seat],
      summons,
      [{ action: 'accept' }, ACTORS.d02],
      [{ action: 'accept' }, ACTORS.d04],
    ]);
    expect(state.tasks.map((t) => [t.role, t.assignee.id, t.state])).toEqual([
      ['lead', 'D02', 'accepted'],
      ['co', 'D04', 'accepted'],
      ['co', 'D06', 'assigned'],
    ]);
    const deadlines = state.tasks.map((t) => state.clocks.find((c) => c.key === t.clockKey)!.deadlineAt);
    expect(new Set(deadlines).size).toBe(2); // D04's own 8 h; D02 and D06 on the item's handling limit
    expect(decide(state, { action: 'feedback' }, ACTORS.d02, at(state))).toMatchObject({
      ok: false,
      code: 'co_handlers_open',
    });
    const done = run([
      [{ action: 'file' }, ACTORS.seat],
      summons,
      [{ action: 'accept' }, ACTORS.d02],
      [{ action: 'accept' }, ACTORS.d04],
      [{ action: 'return', reason: '非本部门' }, ACTORS.d06],
      [{ action: 'feedback' }, ACTORS.d04],
      [{ action: 'feedback' }, ACTORS.d02],
    ]).state;
    expect(done).toMatchObject({ status: 'feedback', counts: { returns: 1 } });
    expect(
      decide(
        run([[{ action: 'file' }, ACTORS.seat]]).state,
        { ...summons[0], co: [{ assignee: dept('D02') }] } as CaseCommand,
        ACTORS.seat,
        plus(urbanFacts().reportedAt, 9),
      ),
    ).toMatchObject({ ok: false, field: 'co' });
  });

  it('shelves (挂账) with a reason and a supervisor, stops every clock, and resumes', () => {
    const shelve: [CaseCommand, Actor] = [
      { action: 'shelve', reason: '涉及历史遗留产权问题', supervisor: 'U-leader' },
      ACTORS.seat,
    ];
    const shelved = run([...straightRun('feedback'), shelve]).state;
    expect(shelved.longTerm).toMatchObject({ reason: '涉及历史遗留产权问题', supervisor: 'U-leader' });
    expect(shelved.supervisedBy).toBe('U-leader');
    expect(currentDeadline(shelved)).toBeNull();
    expect(holdersOf(shelved)).toEqual([]);
    expect(decide(shelved, { action: 'feedback' }, ACTORS.d02, at(shelved))).toMatchObject({
      ok: false,
      kind: 'state',
    });
    expect(decide(shelved, shelve[0], ACTORS.seat, at(shelved))).toMatchObject({ ok: false, kind: 'state' });
    const resumed = run([...straightRun('feedback'), shelve, [{ action: 'unshelve' }, ACTORS.seat]]).state;
    expect(resumed.longTerm).toBeNull();
    expect(holdersOf(resumed)).toEqual(['D02']);
    expect(currentDeadline(resumed)).not.toBeNull();
    expect(decide(shelved, { action: 'shelve', reason: '', supervisor: 'x' }, ACTORS.seat, at(shelved)).ok).toBe(false);
  });

  it('supervises (督办) once', () => {
    const s = run([...straightRun('dispatch'), [{ action: 'supervise', note: '请加快办理' }, ACTORS.leader]]).state;
    expect(s.supervisedBy).toBe('U-leader');
    expect(decide(s, { action: 'supervise' }, ACTORS.seat, at(s))).toMatchObject({ ok: false, kind: 'state' });
  });
});

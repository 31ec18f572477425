// Properties of the machine over random runs: random actors try random actions at random times; the
// machine takes what is legal and refuses the rest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockMinutesBetween } from './clock';
import { type Deduction, dueDeductions } from './deadlines';
import { type CaseCommand, checkAllowed, decide, openCase } from './decide';
import { ACTORS, COMMUNITY, dept, GRID, plus, SUBDISTRICT, urbanFacts } from './fixtures';
import { caseAssessmentOf } from './projection';
import { replay } from './replay';
import { type Actor, type Assignee, CASE_ACTIONS, type CaseState, type CaseStep } from './states';

const POOL: Actor[] = [
  ACTORS.seat,
  ACTORS.leader,
  ACTORS.d02,
  ACTORS.d04,
  ACTORS.d06,
  ACTORS.worker,
  ACTORS.community,
  ACTORS.subdistrict,
  ACTORS.analyst,
];
const ACTORS_BY_ID = new Map(POOL.map((a) => [a.id, a]));
const ASSIGNEES: Assignee[] = [
  dept('D02'),
  dept('D04'),
  dept('D06'),
  { kind: 'unit', id: GRID, level: 'grid' },
  { kind: 'unit', id: COMMUNITY, level: 'community' },
];
const TARGETS: (Assignee | 'centre')[] = [
  { kind: 'unit', id: COMMUNITY, level: 'community' },
  { kind: 'unit', id: SUBDISTRICT, level: 'subdistrict' },
  'centre',
];

/** One attempt: an action, who tries it, a payload drawn from small choices, and minutes since the last. */
const attempt = fc.record({
  action: fc.constantFrom(...CASE_ACTIONS.filter((a) => a !== 'report')),
  actor: fc.nat(POOL.length - 1),
  pick: fc.nat(100),
  passed: fc.boolean(),
  hours: fc.integer({ min: 1, max: 48 }),
  // Mostly minutes, sometimes days: enough to miss limits now and then.
  minutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 6 * 24 * 60 })),
  // Most attempts are steered to an action someone may take now, so runs get far; the rest are anything.
  steered: fc.nat(9),
  choice: fc.nat(1000),
});
type Attempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;

function command(a: Attempt): CaseCommand {
  const pick = <T>(xs: readonly T[], k = 0) => xs[(a.pick + k) % xs.length]!;
  switch (a.action) {
    case 'reject':
      return { action: 'reject', reason: '无效上报' };
    case 'merge':
      return { action: 'merge', into: 'E9' };
    case 'dispatch': {
      const lead = pick(ASSIGNEES);
      const co = a.pick % 3 === 0 ? [{ assignee: pick(ASSIGNEES, 1), hours: a.hours }] : [];
      return { action: 'dispatch', lead: { assignee: lead }, co };
    }
    case 'return':
      return { action: 'return', reason: '非本单位职责' };
    case 'escalate':
      return { action: 'escalate', to: pick(TARGETS) };
    case 'requestExtension':
      return { action: 'requestExtension', hours: a.hours, reason: '需协调' };
    case 'verify':
      return { action: 'verify', passed: a.passed };
    case 'evaluate':
      return {
        action: 'evaluate',
        satisfaction: pick(['satisfied', 'basically-satisfied', 'dissatisfied'] as const),
        ratedBy: 'resident',
      };
    case 'shelve':
      return { action: 'shelve', reason: '疑难', supervisor: 'U-leader' };
    default:
      return { action: a.action } as CaseCommand;
  }
}

/** An action and actor the checks let through now (if any), with the attempt's payload choices. */
function steer(state: CaseState, a: Attempt): [CaseCommand, Actor] {
  // Turning a report away ends the run: only now and then, so most runs go on to the later stages.
  const ends = a.choice % 10 === 0 ? [] : ['reject', 'merge'];
  const actions = CASE_ACTIONS.filter((x): x is Attempt['action'] => x !== 'report' && !ends.includes(x));
  const legal = actions.flatMap((action) =>
    POOL.filter((who) => checkAllowed(state, action, who) === null).map((who) => [action, who] as const),
  );
  if (legal.length === 0) return [command(a), POOL[a.actor]!];
  const [action, who] = legal[a.choice % legal.length]!;
  return [command({ ...a, action }), who];
}

interface Run {
  states: CaseState[];
  steps: CaseStep[];
  times: string[];
}

/** Plays the attempts; checks on the way that a refusal leaves the state exactly as it was. */
function play(itemCode: string, attempts: Attempt[]): Run {
  const facts = urbanFacts(itemCode);
  const opened = openCase(facts, { source: 'patrol', description: '上报' }, ACTORS.worker, facts.reportedAt);
  if (!opened.ok) throw new Error(opened.message);
  let state = opened.state;
  const run: Run = { states: [state], steps: [opened.step], times: [facts.reportedAt] };
  let now = facts.reportedAt;
  for (const a of attempts) {
    now = plus(now, a.minutes);
    run.times.push(now);
    const before = structuredClone(state);
    const [cmd, who] = a.steered < 7 ? steer(state, a) : [command(a), POOL[a.actor]!];
    const d = decide(state, cmd, who, now);
    if (!d.ok) {
      expect(state).toEqual(before); // a refusal never changes the state
      continue;
    }
    state = d.state;
    run.states.push(state);
    run.steps.push(d.step);
  }
  return run;
}

const ITEMS = ['010101', '050201', '040101', '030301'];
const runs = fc.tuple(fc.constantFrom(...ITEMS), fc.array(attempt, { minLength: 1, maxLength: 60 }));

describe('the case machine, over random runs', () => {
  it('reaches every status and side path in the runs it draws', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(runs, ([item, attempts]) => {
        const { steps, states } = play(item, attempts);
        for (const s of states) seen.add(s.status);
        for (const s of steps) seen.add(s.action);
      }),
      { numRuns: 300, seed: 11 },
    );
    expect([...seen].sort()).toEqual(
      [
        ...new Set([
          ...CASE_ACTIONS,
          'reported',
          'filed',
          'dispatched',
          'handling',
          'feedback',
          'verified',
          'closed',
          'rejected',
          'merged',
        ]),
      ].sort(),
    );
  });

  it('never closes a case that was not verified: 结案 and 评价 only after a passed verification of the last feedback', () => {
    fc.assert(
      fc.property(runs, ([item, attempts]) => {
        const { steps, states } = play(item, attempts);
        steps.forEach((step, i) => {
          const s = states[i]!;
          if (s.status === 'verified' || s.status === 'closed') {
            const verifies = steps.slice(0, i + 1).filter((x) => x.action === 'verify');
            const last = verifies[verifies.length - 1];
            expect(last?.detail).toEqual({ action: 'verify', passed: true });
            const lastFeedback = steps.slice(0, i + 1).findLastIndex((x) => x.action === 'feedback');
            expect(steps.indexOf(last!)).toBeGreaterThan(lastFeedback);
            expect(s.closedAt).toBe(last!.at);
          }
          if (step.action === 'evaluate') expect(states[i - 1]!.status).toBe('verified');
          if (s.status !== 'verified' && s.status !== 'closed') expect(s.closedAt).toBeNull();
        });
      }),
      { numRuns: 400 },
    );
  });

  it('counts returns, reworks, escalations and extensions exactly as the timeline has them', () => {
    fc.assert(
      fc.property(runs, ([item, attempts]) => {
        const { steps, states } = play(item, attempts);
        const last = states[states.length - 1]!;
        const count = (f: (s: CaseStep) => boolean) => steps.filter(f).length;
        expect(last.counts).toEqual({
          returns: count((s) => s.action === 'return'),
          reworks: count((s) => s.action === 'verify' && s.detail?.action === 'verify' && !s.detail.passed),
          escalations: count((s) => s.action === 'escalate'),
          extensions: count((s) => s.action === 'approveExtension'),
        });
      }),
      { numRuns: 400 },
    );
  });

  it("gives the case's share of the assessment exactly as counting its timeline's steps does", () => {
    fc.assert(
      fc.property(runs, ([item, attempts]) => {
        const { steps, states } = play(item, attempts);
        const last = states[states.length - 1]!;
        const verifies = steps.filter((s) => s.action === 'verify');
        const evaluation = steps.find((s) => s.action === 'evaluate')?.detail;
        const a = caseAssessmentOf(last);
        // Each dispatch's tasks (a summons counts each), each return the returned task's holder: its actor's own.
        expect(a.dispatchedTo).toEqual(
          steps.flatMap((s) => (s.detail?.action === 'dispatch' ? s.detail.tasks.map((t) => t.assignee.id) : [])),
        );
        expect(a.returnedBy).toEqual(
          steps
            .filter((s) => s.action === 'return')
            .map((s) => ACTORS_BY_ID.get(s.actor)!.departmentId ?? ACTORS_BY_ID.get(s.actor)!.unitId),
        );
        expect(a.verifications).toBe(verifies.length);
        expect(a.reworks).toBe(verifies.filter((s) => s.detail?.action === 'verify' && !s.detail.passed).length);
        expect(a.rating).toBe(evaluation?.action === 'evaluate' ? evaluation.satisfaction : null);
        // The stages entered by status, as the assessment read them from the status and closure.
        const st = last.status;
        expect(a.stagesEntered).toBe(
          last.closedAt !== null
            ? 5
            : ['feedback', 'verified', 'closed'].includes(st)
              ? 4
              : ['dispatched', 'handling'].includes(st)
                ? 3
                : st === 'filed'
                  ? 2
                  : 1,
        );
        expect(a.stagesEntered >= 2).toBe(!['reported', 'rejected', 'merged'].includes(st));
        const closedAt = verifies.find((s) => s.detail?.action === 'verify' && s.detail.passed)?.at ?? null;
        expect(a.stagesEntered === 5).toBe(closedAt !== null);
        expect(a.handlingMinutes).toBe(
          closedAt === null
            ? null
            : clockMinutesBetween(Date.parse(last.facts.reportedAt), Date.parse(closedAt), 'working'),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('replaying the timeline gives the same case', () => {
    fc.assert(
      fc.property(runs, ([item, attempts]) => {
        const { steps, states } = play(item, attempts);
        expect(replay(urbanFacts(item), steps, 'D00')).toEqual(states[states.length - 1]);
      }),
      { numRuns: 300 },
    );
  });

  it('deducts every overdue stage exactly once, however often the checker runs', () => {
    const key = (d: Deduction) => `${d.caseId}|${d.clockKey}|${d.holder}`;
    fc.assert(
      fc.property(runs, fc.array(fc.nat(1000), { maxLength: 30 }), ([item, attempts], checks) => {
        const { states, times } = play(item, attempts);
        const end = plus(times[times.length - 1]!, 60 * 24 * 30);
        // The store's uniqueness (case, clock, holder): a deduction inserted twice is kept once.
        const stored = new Map<string, Deduction>();
        let inserts = 0;
        const check = (state: CaseState, now: string) => {
          for (const d of dueDeductions(state, now)) {
            inserts++;
            if (!stored.has(key(d))) stored.set(key(d), d);
            else expect(stored.get(key(d))).toEqual(d); // the same deduction, never a different one
          }
        };
        // The checker runs at random moments against the state of that moment, and after every action.
        const moments = checks.map((c) => Math.floor((c / 1001) * times.length));
        for (const m of moments) check(stateAt(states, times, m), times[m]!);
        for (const s of states) check(s, s.updatedAt);
        const last = states[states.length - 1]!;
        check(last, end);
        check(last, end);

        const expected = dueDeductions(last, end);
        expect([...stored.keys()].sort()).toEqual(expected.map(key).sort());
        expect(new Set(expected.map(key)).size).toBe(expected.length); // one per clock and holder
        // Each is a clock that really ran past its deadline.
        for (const d of expected) {
          const c = last.clocks.find((k) => k.key === d.clockKey)!;
          if (c.endedAt) expect(Date.parse(c.endedAt)).toBeGreaterThan(Date.parse(c.deadlineAt));
          else expect(Date.parse(end)).toBeGreaterThanOrEqual(Date.parse(c.deadlineAt));
        }
        expect(inserts).toBeGreaterThanOrEqual(stored.size);
      }),
      { numRuns: 300 },
    );
  });
});

/** The state as it stood at the m-th attempt's time. */
function stateAt(states: CaseState[], times: string[], m: number): CaseState {
  const t = Date.parse(times[m]!);
  let s = states[0]!;
  for (const x of states) if (Date.parse(x.updatedAt) <= t) s = x;
  return s;
}

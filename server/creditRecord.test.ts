// The credit record machine (server/domain/credit; here, not beside it, because it reads the repository's
// config/credit-rules.json and the domain reads no files).
// The credit record's machine over random runs (fast-check): random people try random actions at random
// times; whatever the machine takes, no record counts unless it was confirmed by a second person,
// published and its publication is over; an upheld appeal ends its effect for good; caps hold; fading and
// repair stop a negative record counting; and a later catalogue never changes a record's points.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  act,
  addDays,
  addMonths,
  balanceOf,
  CREDIT_ACTIONS,
  type CreditActor,
  type CreditCommand,
  type CreditRecordState,
  capUse,
  fadesAt,
  propose,
  viewOf,
} from './domain/credit/record';
import { type CreditRules, levelOf, parseCreditRules } from './domain/credit/rules';

const RULES: CreditRules = parseCreditRules(readFileSync('config/credit-rules.json', 'utf8'));
const PEOPLE: CreditActor[] = [
  { id: 'U-gw', role: 'gridworker' },
  { id: 'U-c1', role: 'community' },
  { id: 'U-c2', role: 'community' },
  { id: 'U-s1', role: 'subdistrict' },
  { id: 'U-s2', role: 'subdistrict' },
  { id: 'U-an', role: 'analyst' },
];
const START = '2025-03-03T02:00:00.000Z';
const ctx = { publicationDays: RULES.publicationDays, positiveSince: 0 };

const attempt = fc.record({
  action: fc.constantFrom(...CREDIT_ACTIONS),
  who: fc.nat(PEOPLE.length - 1),
  hours: fc.integer({ min: 0, max: 24 * 400 }),
  outcome: fc.constantFrom('upheld' as const, 'dismissed' as const),
  path: fc.constantFrom('time' as const, 'positive' as const),
  positiveSince: fc.nat(30),
});
type Attempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;
const commandOf = (a: Attempt): CreditCommand =>
  ({ action: a.action, reason: '核实情况', statement: '本人陈述', outcome: a.outcome, path: a.path }) as CreditCommand;

/** Runs attempts on one proposed record; returns each record as it stood after each accepted step, with the time. */
function run(item: string, proposer: number, attempts: Attempt[]) {
  const first = propose(
    RULES,
    { id: 'CR1', residentId: 'R1', gridId: 'G1', ruleCode: item, occurredOn: START.slice(0, 10), evidence: '签到表' },
    PEOPLE[proposer]!,
    START,
    [],
  );
  if (!first.ok) throw new Error(first.message);
  let r = first.record;
  let now = START;
  const seen: { r: CreditRecordState; at: string }[] = [{ r, at: now }];
  for (const a of attempts) {
    now = new Date(Date.parse(now) + a.hours * 3_600_000).toISOString();
    const d = act(r, commandOf(a), PEOPLE[a.who]!, now, { ...ctx, positiveSince: a.positiveSince });
    if (d.ok) {
      expect(d.record.points).toBe(r.points);
      r = d.record;
    }
    seen.push({ r, at: now });
  }
  return seen;
}

const anyItem = fc.constantFrom(...RULES.items.filter((i) => !i.fromClosedCase).map((i) => i.code));
const proposer = fc.constantFrom(0, 1, 2);
const runs = fc.tuple(anyItem, proposer, fc.array(attempt, { maxLength: 14 }), fc.integer({ min: 0, max: 2000 }));

describe('credit record machine (properties)', () => {
  it('counts only when confirmed by another person, published, and past its publication', () => {
    let counted = 0;
    fc.assert(
      fc.property(runs, ([item, who, attempts, laterDays]) => {
        for (const { r, at } of run(item, who, attempts)) {
          for (const t of [at, addDays(at, laterDays)]) {
            if (!viewOf(r, t).counts) continue;
            counted++;
            const actions = r.steps.map((s) => s.action);
            expect(actions).toContain('confirm');
            expect(actions).toContain('publish');
            expect(r.state).toBe('published');
            expect(Date.parse(t)).toBeGreaterThanOrEqual(Date.parse(r.publicUntil!));
            const confirm = r.steps.find((s) => s.action === 'confirm')!;
            expect(confirm.actorId).not.toBe(r.proposedBy);
          }
        }
      }),
      { numRuns: 300 },
    );
    // The runs reach counting records at all (the property is not held by never getting there).
    expect(counted).toBeGreaterThan(0);
  });

  it('never counts an upheld appeal again, whatever is tried after', () => {
    fc.assert(
      fc.property(runs, ([item, who, attempts, laterDays]) => {
        const seen = run(item, who, attempts);
        const upheld = seen.findIndex(({ r }) => r.appealOutcome === 'upheld');
        if (upheld < 0) return;
        for (const { r, at } of seen.slice(upheld)) {
          expect(r.state).toBe('revoked');
          expect(viewOf(r, addDays(at, laterDays)).counts).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the proposer from confirming and the proposer and confirmer from deciding', () => {
    fc.assert(
      fc.property(runs, ([item, who, attempts]) => {
        const last = run(item, who, attempts).at(-1)!.r;
        for (const s of last.steps) {
          if (s.action === 'confirm' || s.action === 'reject') expect(s.actorId).not.toBe(last.proposedBy);
          if (s.action === 'decide') {
            expect(s.actorId).not.toBe(last.proposedBy);
            expect(s.actorId).not.toBe(last.confirmedBy);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stops a faded or repaired negative record counting', () => {
    fc.assert(
      fc.property(runs, ([item, who, attempts, laterDays]) => {
        for (const { r, at } of run(item, who, attempts)) {
          const t = addDays(at, laterDays);
          const fade = fadesAt(r);
          if (fade && Date.parse(t) >= Date.parse(fade)) expect(viewOf(r, t).counts).toBe(false);
          if (r.state === 'repaired') expect(viewOf(r, t)).toEqual({ state: 'repaired', counts: false });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds the month and year caps however many proposals come', () => {
    const proposals = fc.array(
      fc.record({ item: anyItem, day: fc.integer({ min: 0, max: 360 }), reject: fc.boolean() }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(proposals, (ps) => {
        const records: CreditRecordState[] = [];
        for (const [n, p] of ps.entries()) {
          const occurredOn = addDays('2025-01-01T00:00:00.000Z', p.day).slice(0, 10);
          const d = propose(
            RULES,
            { id: `CR${n}`, residentId: 'R1', gridId: 'G1', ruleCode: p.item, occurredOn, evidence: '记录' },
            PEOPLE[0]!,
            '2025-12-31T12:00:00.000Z',
            records,
          );
          if (!d.ok) {
            expect(d.code).toBe('cap_exceeded');
            continue;
          }
          // A rejected proposal frees its room again.
          const r = p.reject
            ? act(d.record, { action: 'reject', reason: '证据不足' }, PEOPLE[1]!, d.record.proposedAt, ctx)
            : d;
          records.push(r.ok ? r.record : d.record);
        }
        for (const item of RULES.items)
          for (const r of records) {
            const used = capUse(records, item.code, r.occurredOn);
            expect(used.month).toBeLessThanOrEqual(item.capMonth);
            expect(used.year).toBeLessThanOrEqual(item.capYear);
          }
      }),
      { numRuns: 200 },
    );
  });

  it('never changes a past record when the catalogue changes', () => {
    fc.assert(
      fc.property(runs, fc.integer({ min: 1, max: 50 }), ([item, who, attempts], newPoints) => {
        const seen = run(item, who, attempts);
        const changed = parseCreditRules(
          JSON.stringify({
            ...RULES,
            version: RULES.version + 1,
            items: RULES.items.map((i) => ({ ...i, points: newPoints, capMonth: 1000, capYear: 10_000 })),
          }),
        );
        const before = seen.at(-1)!.r;
        // The record carries what it was proposed under; a balance is read off records alone.
        expect(before.ruleVersion).toBe(RULES.version);
        expect(Math.abs(before.points)).toBe(RULES.items.find((i) => i.code === item)!.points);
        const at = addDays(seen.at(-1)!.at, 30);
        expect(balanceOf(changed.basePoints, [before], at)).toBe(balanceOf(RULES.basePoints, [before], at));
      }),
      { numRuns: 100 },
    );
  });
});

describe('credit record machine (examples)', () => {
  const gw = PEOPLE[0]!;
  const c1 = PEOPLE[1]!;
  const c2 = PEOPLE[2]!;
  const s1 = PEOPLE[3]!;
  const proposed = () => {
    const d = propose(
      RULES,
      {
        id: 'CR9',
        residentId: 'R1',
        gridId: 'G1',
        ruleCode: 'street-trading',
        occurredOn: '2025-03-01',
        evidence: '案件TC1',
      },
      gw,
      START,
      [],
    );
    if (!d.ok) throw new Error(d.message);
    return d.record;
  };
  const must = (d: ReturnType<typeof act>) => {
    if (!d.ok) throw new Error(d.message);
    return d.record;
  };

  it('walks propose → confirm → publish → effective → appeal → dismissed → repaired', () => {
    let r = must(act(proposed(), { action: 'confirm' }, c1, START, ctx));
    r = must(act(r, { action: 'publish' }, c1, START, ctx));
    expect(viewOf(r, addDays(START, 6.9))).toEqual({ state: 'published', counts: false });
    expect(viewOf(r, addDays(START, 7))).toEqual({ state: 'effective', counts: true });
    expect(balanceOf(100, [r], addDays(START, 8))).toBe(97);
    const appealed = must(
      act(r, { action: 'appeal', reason: '居民申诉', statement: '非本人摊位' }, c1, addDays(START, 8), ctx),
    );
    expect(viewOf(appealed, addDays(START, 9)).counts).toBe(false);
    const sameDecider = act(
      appealed,
      { action: 'decide', outcome: 'dismissed', reason: '证据确凿' },
      c1,
      addDays(START, 9),
      ctx,
    );
    expect(sameDecider).toMatchObject({ ok: false, code: 'same_person' });
    r = must(act(appealed, { action: 'decide', outcome: 'dismissed', reason: '证据确凿' }, c2, addDays(START, 9), ctx));
    expect(viewOf(r, addDays(START, 9)).counts).toBe(true);
    expect(
      act(r, { action: 'appeal', reason: '再次申诉', statement: '不服' }, c1, addDays(START, 10), ctx),
    ).toMatchObject({
      ok: false,
      code: 'illegal_transition',
    });
    expect(act(r, { action: 'repair', path: 'time', reason: '期满' }, s1, addDays(START, 30), ctx)).toMatchObject({
      ok: false,
      code: 'repair_not_met',
    });
    const repaired = must(
      act(r, { action: 'repair', path: 'time', reason: '期满无再犯' }, s1, addMonths(r.publicUntil!, 6), ctx),
    );
    expect(viewOf(repaired, addMonths(START, 8)).counts).toBe(false);
    expect(repaired.steps.map((s) => s.action)).toEqual([
      'propose',
      'confirm',
      'publish',
      'appeal',
      'decide',
      'repair',
    ]);
  });

  it('refuses an unknown rule, the proposer confirming and a grid worker confirming', () => {
    expect(
      propose(
        RULES,
        { id: 'X', residentId: 'R1', gridId: 'G1', ruleCode: 'nope', occurredOn: '2025-03-01', evidence: 'e' },
        gw,
        START,
        [],
      ),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(act(proposed(), { action: 'confirm' }, gw, START, ctx)).toMatchObject({ ok: false, code: 'role' });
    const byCommunity = propose(
      RULES,
      {
        id: 'Y',
        residentId: 'R1',
        gridId: 'G1',
        ruleCode: 'volunteer-service',
        occurredOn: '2025-03-01',
        evidence: 'e',
      },
      c1,
      START,
      [],
    );
    expect(byCommunity.ok && act(byCommunity.record, { action: 'confirm' }, c1, START, ctx)).toMatchObject({
      ok: false,
      code: 'same_person',
    });
  });

  it('names a level for every balance', () => {
    expect(levelOf(RULES, 1000).code).toBe(RULES.levels[0]!.code);
    expect(levelOf(RULES, -50).code).toBe(RULES.levels.at(-1)!.code);
  });
});

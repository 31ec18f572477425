// The leader day's agenda rules (server/domain/leaderDay; here, not beside them, because it reads the
// repository's config file and the domain reads no files). Each agenda rule on hand-made cases: it proposes what it should and nothing else; the score and the
// cap; the configuration file as the repository ships it, and a bad one refused naming the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LeaderDayConfig, parseLeaderDayConfig } from './domain/leaderDay/config';
import { agendaAsOf, monthOf, parseMonth, previousMonth } from './domain/leaderDay/month';
import {
  AGENDA_RULES,
  type AgendaCase,
  type AgendaContext,
  type AgendaRule,
  proposeCandidates,
  reasonsFor,
} from './domain/leaderDay/rules';

const cfg = parseLeaderDayConfig(readFileSync('config/leader-day.json', 'utf8'));
const AS_OF = '2026-11-15T04:00:00.000Z';
const ctx: AgendaContext = { asOf: AS_OF, topRiskGrids: new Map([['G-RISKY', { rank: 3, name: '龙眠社区第1网格' }]]) };
const daysAgo = (d: number) => new Date(Date.parse(AS_OF) - d * 86_400_000).toISOString();

/** A quiet open case: no rule proposes it. */
const quiet: AgendaCase = {
  id: 'E1',
  reportedAt: daysAgo(3),
  taskDepartments: ['D02'],
  summoned: false,
  overdue: false,
  returns: 0,
  escalatedToCentre: false,
  shelved: false,
  gridId: 'G-CALM',
  supervisedLastMonth: false,
};
const rulesOf = (c: Partial<AgendaCase>, config: LeaderDayConfig = cfg) =>
  reasonsFor({ ...quiet, ...c }, ctx, config).map((r) => r.rule);

describe('the agenda rules, one by one', () => {
  it('propose nothing for a quiet case', () => {
    expect(rulesOf({})).toEqual([]);
  });

  const only: [AgendaRule, Partial<AgendaCase>, Partial<AgendaCase>][] = [
    // [rule, a case it proposes, a near miss it does not]
    ['multiDepartment', { taskDepartments: ['D02', 'D03'] }, { taskDepartments: ['D02', 'D02'] }],
    ['multiDepartment', { summoned: true }, { taskDepartments: [] }],
    ['overdue', { overdue: true }, { overdue: false }],
    ['passedBack', { returns: cfg.rules.passedBack.minReturns }, { returns: cfg.rules.passedBack.minReturns - 1 }],
    ['escalated', { escalatedToCentre: true }, { escalatedToCentre: false }],
    [
      'longStuck',
      { reportedAt: daysAgo(cfg.rules.longStuck.days + 1) },
      { reportedAt: daysAgo(cfg.rules.longStuck.days) },
    ],
    ['longStuck', { reportedAt: daysAgo(400), shelved: true }, { shelved: true }],
    ['highRisk', { gridId: 'G-RISKY' }, { gridId: 'G-ELSEWHERE' }],
    ['followUp', { supervisedLastMonth: true }, { supervisedLastMonth: false }],
  ];
  it.each(only)('%s proposes its case and nothing else, and not the near miss', (rule, hit, miss) => {
    expect(rulesOf(hit)).toEqual([rule]);
    expect(rulesOf(miss)).toEqual([]);
  });

  it('give a reason in Chinese and English naming the facts', () => {
    const [r] = reasonsFor({ ...quiet, returns: 3 }, ctx, cfg);
    expect(r).toEqual({ rule: 'passedBack', zh: '被退回3次', en: 'Returned 3 times' });
    const [risk] = reasonsFor({ ...quiet, gridId: 'G-RISKY' }, ctx, cfg);
    expect(risk!.zh).toContain('第3位');
    expect(risk!.en).toContain('龙眠社区第1网格');
    const [stuck] = reasonsFor({ ...quiet, reportedAt: daysAgo(400), shelved: true }, ctx, cfg);
    expect(stuck!.zh).toBe('挂账400天未解决');
  });

  it('list every rule that proposes a case, in the rules’ order', () => {
    expect(
      rulesOf({ overdue: true, taskDepartments: ['D01', 'D02'], gridId: 'G-RISKY', escalatedToCentre: true }),
    ).toEqual(['multiDepartment', 'overdue', 'escalated', 'highRisk']);
  });

  it('leave out a rule the configuration turns off', () => {
    const off = structuredClone(cfg);
    off.rules.overdue.enabled = false;
    expect(rulesOf({ overdue: true }, off)).toEqual([]);
    expect(rulesOf({ overdue: true, escalatedToCentre: true }, off)).toEqual(['escalated']);
  });
});

describe('the candidates', () => {
  it('rank by the weights of the rules that proposed them, then age, then id; capped', () => {
    const cases: AgendaCase[] = [
      { ...quiet, id: 'E-A', overdue: true },
      { ...quiet, id: 'E-B', overdue: true, escalatedToCentre: true },
      { ...quiet, id: 'E-C' },
      { ...quiet, id: 'E-D', overdue: true, reportedAt: daysAgo(20) },
    ];
    const got = proposeCandidates(cases, ctx, cfg);
    expect(got.map((c) => c.eventId)).toEqual(['E-B', 'E-D', 'E-A']);
    const weight = (r: AgendaRule) => cfg.rules[r].weight;
    const age = (days: number) => Math.min(cfg.agePointsCap, (days / 30) * cfg.agePointsPerMonth);
    expect(got[0]!.score).toBeCloseTo(weight('overdue') + weight('escalated') + age(3), 2);
    expect(got[1]!.score).toBeCloseTo(weight('overdue') + age(20), 2);
    const many = Array.from({ length: cfg.maxCandidates + 5 }, (_, i) => ({ ...quiet, id: `E${i}`, overdue: true }));
    expect(proposeCandidates(many, ctx, cfg)).toHaveLength(cfg.maxCandidates);
  });

  it('cover every rule the configuration names', () => {
    expect(Object.keys(cfg.rules).sort()).toEqual([...AGENDA_RULES].sort());
  });
});

describe('config/leader-day.json', () => {
  it('is refused with the field named when wrong', () => {
    const bad = JSON.parse(readFileSync('config/leader-day.json', 'utf8'));
    bad.rules.passedBack.minReturns = 0;
    expect(() => parseLeaderDayConfig(JSON.stringify(bad), 'x.json')).toThrow(
      /^x\.json: .*rules\.passedBack\.minReturns/,
    );
    expect(() => parseLeaderDayConfig('{', 'x.json')).toThrow(/^x\.json: not JSON/);
  });
});

describe('a leader day’s month', () => {
  it('is YYYY-MM in China Standard Time', () => {
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-1')).toBeNull();
    expect(parseMonth('2026-11')).toEqual({
      value: '2026-11',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
    });
    expect(previousMonth(parseMonth('2026-01')!).value).toBe('2025-12');
    expect(monthOf('2026-10-31T16:30:00.000Z')).toBe('2026-11');
  });

  it('is judged at its end, or now while it runs; a month to come has no moment', () => {
    const m = parseMonth('2026-11')!;
    expect(agendaAsOf(m, '2026-11-10T00:00:00.000Z')).toBe('2026-11-10T00:00:00.000Z');
    expect(agendaAsOf(m, '2027-01-01T00:00:00.000Z')).toBe('2026-11-30T15:59:59.000Z');
    expect(agendaAsOf(m, '2026-10-01T00:00:00.000Z')).toBeNull();
  });
});

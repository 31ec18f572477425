import { describe, expect, it } from 'vitest';
import type { Scope } from './access';
import {
  type AssessmentLevel,
  assessmentRows,
  assessUnits,
  compositeScore,
  flagYear,
  parsePeriod,
  previousYear,
  TIMED_STAGES,
  type UnitCounts,
} from './assessment';

const stages = (n: number) => Object.fromEntries(TIMED_STAGES.map((s) => [s, n])) as UnitCounts['entered'];

/** A unit whose every case was filed, dispatched once, verified and closed, all on time, rated satisfied. */
const unit = (id: string, over: Partial<UnitCounts> = {}): UnitCounts => ({
  unitId: id,
  name: id,
  path: `340881/${id}`,
  reported: 100,
  filed: 100,
  dispatched: 100,
  returned: 0,
  verifications: 100,
  reworks: 0,
  closed: 100,
  handlingHours: 800,
  entered: stages(100),
  late: stages(0),
  satisfied: 100,
  basicallySatisfied: 0,
  dissatisfied: 0,
  pointsDeducted: 0,
  ...over,
});

describe('parsePeriod', () => {
  it.each([
    ['2026-10', { kind: 'month', from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' }],
    ['2026-12', { kind: 'month', from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' }],
    ['2025', { kind: 'year', from: '2024-12-31T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z' }],
  ])('%s is a CST calendar period', (value, expected) => {
    expect(parsePeriod(value)).toEqual({ value, ...expected });
  });

  it.each(['2026-13', '2026-00', '26-10', '2026-1', '1999', '2026/10', '', '2026-10-01'])('refuses %j', (v) => {
    expect(parsePeriod(v)).toBeNull();
  });

  it('knows the year before a year', () => {
    expect(previousYear(parsePeriod('2026')!).value).toBe('2025');
  });
});

describe('compositeScore', () => {
  it('is 100 for a unit perfect on every indicator, at the median speed', () => {
    expect(compositeScore(unit('A'), 8)).toBeCloseTo(100);
  });

  it('separates units whose closure is the same on the other indicators', () => {
    const median = 8;
    const base = compositeScore(unit('A'), median)!;
    const cases: [string, Partial<UnitCounts>][] = [
      ['returns', { returned: 10 }],
      ['a late stage', { late: { ...stages(0), handle: 10 } }],
      ['reworks', { reworks: 10 }],
      ['less satisfaction', { satisfied: 80, basicallySatisfied: 20 }],
      ['slower handling', { handlingHours: 1200 }],
      ['points deducted', { pointsDeducted: 20 }],
      ['reports not filed', { reported: 110 }],
    ];
    for (const [what, over] of cases) {
      const s = compositeScore(unit('B', over), median)!;
      expect(s, what).toBeLessThan(base);
    }
  });

  it('leaves out indicators without a value and has no score without a case', () => {
    expect(compositeScore(unit('A', { closed: 0, handlingHours: 0, verifications: 0 }), 8)).not.toBeNull();
    expect(compositeScore(unit('A', { reported: 0, filed: 0 }), 8)).toBeNull();
  });

  it('caps what deductions take', () => {
    expect(compositeScore(unit('A', { pointsDeducted: 10_000 }), 8)).toBeCloseTo(80);
  });
});

describe('assessUnits', () => {
  it('ranks best first, every rank distinct, units without cases last and unranked', () => {
    const out = assessUnits([
      unit('C', { satisfied: 50, dissatisfied: 50 }),
      unit('Z', {
        reported: 0,
        filed: 0,
        dispatched: 0,
        verifications: 0,
        closed: 0,
        handlingHours: 0,
        entered: stages(0),
        satisfied: 0,
      }),
      unit('A'),
      unit('B', { satisfied: 90, basicallySatisfied: 10 }),
      unit('D'), // the same as A: the id breaks the tie
    ]);
    expect(out.map((u) => [u.unitId, u.rank])).toEqual([
      ['A', 1],
      ['D', 2],
      ['B', 3],
      ['C', 4],
      ['Z', null],
    ]);
    expect(out[0]).toMatchObject({
      filingRate: 1,
      dispatchAccuracy: 1,
      closureRate: 1,
      avgHandlingHours: 8,
      onTime: { file: 1, dispatch: 1, handle: 1, verify: 1, evaluate: 1 },
      satisfaction: { rated: 100, satisfied: 1, basicallySatisfied: 0, dissatisfied: 0 },
    });
    expect(out[4]).toMatchObject({ score: null, filingRate: null, onTime: { file: null } });
  });
});

describe('flagYear', () => {
  const year = (last: string) => assessUnits([unit('A'), unit('B'), unit(last, { satisfied: 10, dissatisfied: 90 })]);
  it('summons the last of the year, and takes the awards of one last two years running', () => {
    const flagged = flagYear(year('C'), year('C'));
    expect(flagged.map((u) => [u.unitId, u.flags])).toEqual([
      ['A', []],
      ['B', []],
      ['C', ['summoned', 'awardsRevoked']],
    ]);
    expect(flagYear(year('C'), year('D')).find((u) => u.unitId === 'C')!.flags).toEqual(['summoned']);
    expect(flagYear(year('C'), []).find((u) => u.unitId === 'C')!.flags).toEqual(['summoned']);
  });
});

describe('assessmentRows', () => {
  const city: Scope = { kind: 'city' };
  const community: Scope = { kind: 'unit', path: '340881/340881002/340881002001' };
  const dept: Scope = { kind: 'department', departmentId: 'D02' };
  const grid = { unitId: '340881002001G01', path: '340881/340881002/340881002001/340881002001G01' };
  const otherGrid = { unitId: '340881003001G01', path: '340881/340881003/340881003001/340881003001G01' };
  const cases: [string, Scope, AssessmentLevel, string | null, 'refused' | [boolean, boolean]][] = [
    ['city: every grid', city, 'gridworker', null, [true, true]],
    ['city within a subdistrict', city, 'gridworker', '340881/340881002', [true, false]],
    ['community: its own grids', community, 'gridworker', null, [true, false]],
    ['community within its subdistrict', community, 'gridworker', '340881/340881002', [true, false]],
    ['community within another subdistrict', community, 'gridworker', '340881/340881003', 'refused'],
    ['community: the level above it', community, 'subdistrict', null, 'refused'],
    ['community: departments', community, 'department', null, 'refused'],
    ['department: grids', dept, 'gridworker', null, 'refused'],
  ];
  it.each(cases)('%s', (_what, scope, level, within, expected) => {
    const r = assessmentRows(scope, level, within);
    if (expected === 'refused') expect(r.ok).toBe(false);
    else {
      expect(r.ok).toBe(true);
      if (r.ok) expect([r.shows(grid), r.shows(otherGrid)]).toEqual(expected);
    }
  });

  it('shows a department its own row only', () => {
    const r = assessmentRows(dept, 'department', null);
    expect(r.ok && [r.shows({ unitId: 'D02', path: null }), r.shows({ unitId: 'D04', path: null })]).toEqual([
      true,
      false,
    ]);
    expect(assessmentRows(dept, 'department', '340881/340881002').ok).toBe(false);
  });
});

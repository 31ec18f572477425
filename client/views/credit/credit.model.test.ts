import { describe, expect, it } from 'vitest';
import {
  cityDateTime,
  confirmBlock,
  daysLeft,
  decideBlock,
  earliestDay,
  mayAppeal,
  monthBarsOption,
  publishingOrder,
  type RecordFacts,
  refusalKey,
  repairPaths,
  uniqueById,
} from './credit.model';

const record = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  kind: 'positive',
  state: 'proposed',
  counts: false,
  publicUntil: null,
  proposedBy: { id: 'u-grid' },
  confirmedBy: null,
  ...over,
});

describe('who may take a step', () => {
  it('refuses the proposer the confirmation, with the reason, and lets another reviewer confirm', () => {
    expect(confirmBlock(record({ proposedBy: { id: 'u-com' } }), 'u-com', 'community')).toBe('credit.why.proposer');
    expect(confirmBlock(record(), 'u-com', 'community')).toBeNull();
    expect(confirmBlock(record(), 'u-sub', 'subdistrict')).toBeNull();
    expect(confirmBlock(record(), 'u-other', 'gridworker')).toBe('credit.why.role');
  });

  it('leaves an appeal to a third person: neither the proposer nor the confirmer decides', () => {
    const r = record({ state: 'appealed', proposedBy: { id: 'a' }, confirmedBy: { id: 'b' } });
    expect(decideBlock(r, 'a', 'community')).toBe('credit.why.deciderProposer');
    expect(decideBlock(r, 'b', 'community')).toBe('credit.why.deciderConfirmer');
    expect(decideBlock(r, 'c', 'subdistrict')).toBeNull();
    expect(decideBlock(r, 'c', 'analyst')).toBe('credit.why.role');
  });

  it('offers an appeal in the window and after it, not before publication or after a decision', () => {
    expect(mayAppeal(record({ state: 'published' }))).toBe(true);
    expect(mayAppeal(record({ state: 'effective' }))).toBe(true);
    for (const state of ['proposed', 'confirmed', 'appealed', 'revoked', 'rejected', 'repaired'])
      expect(mayAppeal(record({ state })), state).toBe(false);
  });

  it('offers the rule’s repair paths for a counting negative record only', () => {
    const rule = { repair: { afterMonths: 6, positivePoints: 10 } };
    const negative = record({ kind: 'negative', state: 'effective', counts: true });
    expect(repairPaths(negative, rule)).toEqual(['time', 'positive']);
    expect(repairPaths(negative, { repair: { afterMonths: 6 } })).toEqual(['time']);
    expect(repairPaths(negative, {})).toEqual([]);
    expect(repairPaths(negative, { repair: { afterMonths: 24, positivePoints: null } })).toEqual(['time']);
    expect(repairPaths({ ...negative, kind: 'positive' }, rule)).toEqual([]);
    expect(repairPaths({ ...negative, state: 'published' }, rule)).toEqual([]);
    expect(repairPaths({ ...negative, counts: false }, rule)).toEqual([]);
  });
});

describe('the publication window', () => {
  const until = '2026-06-08T10:00:00.000Z';
  it('counts started days whole, and none once the window is over', () => {
    expect(daysLeft(until, Date.parse('2026-06-01T10:00:00.000Z'))).toBe(7);
    expect(daysLeft(until, Date.parse('2026-06-07T22:00:00.000Z'))).toBe(1);
    expect(daysLeft(until, Date.parse('2026-06-08T10:00:00.000Z'))).toBe(0);
    expect(daysLeft(until, Date.parse('2026-07-01T00:00:00.000Z'))).toBe(0);
    expect(daysLeft(null, Date.now())).toBeNull();
  });

  it('writes times in the city’s zone, in full', () => {
    expect(cityDateTime('2026-03-17T17:08:00.000Z')).toBe('2026-03-18 01:08');
  });

  it('lists the records to publish first, then the windows closing soonest', () => {
    const rows = [
      { ...record({ state: 'published', publicUntil: '2026-06-09T00:00:00Z' }), id: 'late' },
      { ...record({ state: 'confirmed' }), id: 'toPublish' },
      { ...record({ state: 'published', publicUntil: '2026-06-02T00:00:00Z' }), id: 'soon' },
    ];
    expect(publishingOrder(rows).map((r) => r.id)).toEqual(['toPublish', 'soon', 'late']);
    expect(uniqueById([...rows, rows[0]!]).map((r) => r.id)).toEqual(['late', 'toPublish', 'soon']);
  });
});

describe('refusals and the chart', () => {
  it('names what to do for the refusals a user can act on', () => {
    expect(refusalKey('same_person')).toBe('credit.err.same_person');
    expect(refusalKey('illegal_transition')).toBe('credit.err.illegal_transition');
    expect(refusalKey('cap_exceeded')).toBe('credit.err.cap_exceeded');
    expect(refusalKey('repair_not_met')).toBe('credit.err.repair_not_met');
    expect(refusalKey('bad_request', 400)).toBe('credit.err.validation');
    expect(earliestDay(Date.parse('2026-11-30T12:00:00Z'))).toBe('2025-11-29');
    expect(refusalKey('forbidden', 403)).toBe('credit.why.role');
    expect(refusalKey('not_found', 404)).toBe('credit.err.out_of_scope');
    expect(refusalKey('http_500', 500)).toBe('credit.err.other');
  });

  it('draws each month’s positive points up and its negative points down', () => {
    const option = monthBarsOption(
      [
        { month: '2026-01', positive: 12, negative: 5 },
        { month: '2026-02', positive: 0, negative: 0 },
      ],
      { positive: '+', negative: '-' },
    );
    expect(option.xAxis.data).toEqual(['26-01', '26-02']);
    expect(option.series[0]!.data).toEqual([12, 0]);
    expect(option.series[1]!.data).toEqual([-5, 0]);
  });
});

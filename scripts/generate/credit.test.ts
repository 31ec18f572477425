// The credit history on a hand-made neighbourhood: the same seed gives the same records; children get
// none; every record was confirmed by someone other than its proposer and every appeal decided by a third
// person; records tied to cases name closed cases of the rule's kind (or the resident's own report); the
// retired and party members volunteer more than the young; the negative share stays small.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCreditRules } from '../../server/domain/credit/rules';
import { type CreditInput, creditHistoryOf, creditShape } from './credit';

const rules = parseCreditRules(readFileSync('config/credit-rules.json', 'utf8'));
const TODAY = '2026-11-01T00:00:00.000Z';

function neighbourhood(): CreditInput {
  const adminUnits = [
    { id: 'C', level: 'city', parentId: null },
    { id: 'S1', level: 'subdistrict', parentId: 'C' },
    { id: 'S1C1', level: 'community', parentId: 'S1' },
    { id: 'S1C1G01', level: 'grid', parentId: 'S1C1' },
    { id: 'T1', level: 'town', parentId: 'C' },
    { id: 'T1V1', level: 'village', parentId: 'T1' },
    { id: 'T1V1G01', level: 'grid', parentId: 'T1V1' },
  ] as CreditInput['adminUnits'];
  const residents: CreditInput['residents'][number][] = [];
  for (let i = 0; i < 3000; i++) {
    const year = 1935 + (i % 88);
    residents.push({
      id: `R${i}`,
      householdId: `H${Math.floor(i / 3)}`,
      gridId: i % 3 === 0 ? 'T1V1G01' : 'S1C1G01',
      birthDate: `${year}-0${1 + (i % 9)}-15`,
      tags: i % 7 === 0 ? ['party-member'] : [],
      livesElsewhere: i % 11 === 0,
    });
  }
  const events: CreditInput['events'][number][] = [];
  const items = ['030301', '040101', '010101', '020202'];
  for (let i = 0; i < 1500; i++) {
    const reported = new Date(Date.parse('2023-12-01T02:00:00.000Z') + i * 16 * 3_600_000).toISOString();
    events.push({
      id: `E${i}`,
      code: `TC-${i}`,
      itemCode: items[i % items.length]!,
      source: i % 3 === 0 ? 'resident' : 'patrol',
      gridId: i % 2 ? 'S1C1G01' : 'T1V1G01',
      status: i % 10 === 0 ? 'handling' : 'closed',
      reportedAt: reported,
      closedAt: i % 10 === 0 ? null : new Date(Date.parse(reported) + 2 * 86_400_000).toISOString(),
    });
  }
  return {
    meta: { seed: 11, today: TODAY },
    adminUnits,
    gridWorkers: [{ id: 'GW001', gridId: 'S1C1G01' }],
    residents,
    unitHeads: [{ residentId: 'R40' }],
    events: events.filter((e) => e.reportedAt < TODAY),
  };
}

describe('credit history', () => {
  const input = neighbourhood();
  const h = creditHistoryOf(input, rules);
  const born = new Map(input.residents.map((r) => [r.id, r.birthDate]));

  it('is the same from the same seed', () => {
    expect(creditHistoryOf(neighbourhood(), rules)).toEqual(h);
    expect(h.records.length).toBeGreaterThan(100);
  });

  it('gives children nothing and keeps to the three years before today', () => {
    for (const r of h.records) {
      const age = (Date.parse(r.occurredOn) - Date.parse(born.get(r.residentId)!)) / (365.25 * 86_400_000);
      expect(age, r.id).toBeGreaterThanOrEqual(16);
      expect(r.occurredOn < TODAY.slice(0, 10) || r.occurredOn === TODAY.slice(0, 10)).toBe(true);
      expect(r.steps.every((s) => s.at <= TODAY)).toBe(true);
    }
  });

  it('takes each step after the one before it (the archive reads forward)', () => {
    const backwards = h.records.filter((r) => r.steps.some((s, i) => i > 0 && s.at <= r.steps[i - 1]!.at));
    expect(backwards.map((r) => r.id)).toEqual([]);
  });

  it('has a second person confirm and a third decide, with staff accounts of the grid', () => {
    for (const r of h.records) {
      const confirm = r.steps.find((s) => s.action === 'confirm');
      if (confirm) expect(confirm.actorId).not.toBe(r.proposedBy);
      const decide = r.steps.find((s) => s.action === 'decide');
      if (decide) expect([r.proposedBy, r.confirmedBy]).not.toContain(decide.actorId);
      for (const s of r.steps) expect(s.actorId === 'system' || s.actorId.startsWith('S-'), s.actorId).toBe(true);
      if (r.gridId === 'S1C1G01' && r.proposedBy !== 'system') expect(r.proposedBy).toBe('S-gw001');
    }
  });

  it('ties case records to closed cases of the rule, and reports to their reporter', () => {
    const events = new Map(input.events.map((e) => [e.id, e]));
    const reporterOf = new Map(h.reporters);
    for (const r of h.records.filter((x) => x.caseId)) {
      const e = events.get(r.caseId!)!;
      expect(e.status).toBe('closed');
      const item = rules.items.find((i) => i.code === r.ruleCode)!;
      if (item.fromClosedCase) expect(reporterOf.get(e.id)).toBe(r.residentId);
      else expect(item.caseItems).toContain(e.itemCode);
    }
    expect([...reporterOf.keys()].every((id) => events.get(id)!.source === 'resident')).toBe(true);
  });

  it('has the retired and party members volunteer more, a small negative share, appeals and repairs', () => {
    const volunteers = (pick: (r: CreditInput['residents'][number]) => boolean) => {
      const people = input.residents.filter((r) => pick(r) && !r.livesElsewhere);
      const ids = new Set(people.map((r) => r.id));
      return (
        h.records.filter((r) => r.ruleCode === 'volunteer-service' && ids.has(r.residentId)).length / people.length
      );
    };
    const age = (r: { birthDate: string }) => 2025 - Number(r.birthDate.slice(0, 4));
    expect(volunteers((r) => age(r) >= 62 && age(r) < 75 && !r.tags.length)).toBeGreaterThan(
      2 * volunteers((r) => age(r) >= 20 && age(r) < 35 && !r.tags.length),
    );
    expect(volunteers((r) => r.tags.includes('party-member'))).toBeGreaterThan(volunteers((r) => !r.tags.length));
    const shape = creditShape(h);
    expect(shape.negativeShare).toBeGreaterThan(0);
    expect(shape.negativeShare).toBeLessThan(0.15);
    expect(shape.appealed).toBeGreaterThan(0);
    expect(shape.upheld).toBeLessThan(shape.appealed);
  });
});

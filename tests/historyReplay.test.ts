// Every case of the generated history, replayed through the state machine's decisions: each recorded
// step must be an action its actor (the staff account named in it) may take in the state the steps
// before it left, and the case must end in the status the dataset gives it, owing exactly the
// deductions the dataset carries for it at the dataset's today.
import { describe, expect, inject, it } from 'vitest';
import { STRUCTURE } from '../server/domain/facts';
import type { EventStep } from '../server/domain/model';
import { staffAccounts } from '../server/domain/staffAccounts';
import { getItem } from '../server/domain/taxonomy';
import { dueDeductions } from '../server/domain/workflow/deadlines';
import { decide, openCase } from '../server/domain/workflow/decide';
import { commandOfStep, normaliseStep } from '../server/domain/workflow/replay';
import type { Actor, CaseFacts } from '../server/domain/workflow/states';
import { readDataset } from './helpers/dataset';
import { SMALL } from './helpers/small';

describe('the generated history, through the state machine', () => {
  it('is a valid run of the machine for every case, ending where the dataset says', () => {
    const data = readDataset(inject('smallDataDir'));
    const units = new Map(data.adminUnits.map((u) => [u.id, u]));
    const pathOf = (id: string): string[] => {
      const u = units.get(id)!;
      return u.parentId ? [...pathOf(u.parentId), id] : [id];
    };
    const accounts = new Map(
      staffAccounts({
        adminUnits: data.adminUnits,
        gridWorkers: data.gridWorkers,
        departments: data.departments,
        centreSeats: STRUCTURE.centreSeats,
      }).map((a) => [a.id, a]),
    );
    const actorOf = (id: string): Actor => {
      const a = accounts.get(id);
      return a ? { id, role: a.role, unitId: a.unitId, departmentId: a.departmentId } : { id, role: 'system' };
    };
    const stepsOf = new Map<string, EventStep[]>();
    for (const s of data.eventSteps) stepsOf.set(s.eventId, [...(stepsOf.get(s.eventId) ?? []), s]);

    const refused: string[] = [];
    const ends = new Map<string, number>();
    // the deductions the dataset carries, as `case|clock|holder|points`
    const stored = new Set(data.caseDeductions.map((d) => `${d.eventId}|${d.clock}|${d.holder}|${d.points}`));
    const owed = new Set<string>();
    const counted = { returns: 0, reworks: 0, escalations: 0, extensions: 0 };
    for (const e of data.events) {
      const facts: CaseFacts = {
        id: e.id,
        itemCode: e.itemCode,
        source: e.source,
        gridId: e.gridId,
        gridPath: pathOf(e.gridId),
        area: units.get(e.gridId)!.area === 'village' ? 'village' : 'urban',
        reportedAt: e.reportedAt,
      };
      const department = getItem(e.itemCode).departmentId;
      const [first, ...rest] = stepsOf.get(e.id)!.map((s) => normaliseStep(s, facts, department));
      const opened = openCase(
        facts,
        { source: e.source, description: e.description },
        actorOf(first!.actor),
        first!.at,
      );
      if (!opened.ok) {
        refused.push(`${e.id} report: ${opened.message}`);
        continue;
      }
      let state = opened.state;
      for (const step of rest) {
        const d = decide(state, commandOfStep(step, e.itemCode), actorOf(step.actor), step.at);
        if (!d.ok) {
          refused.push(`${e.id} ${step.action}: ${d.message}`);
          break;
        }
        expect(d.step.detail).toEqual(step.detail);
        state = d.state;
      }
      expect(state.status, e.id).toBe(e.status);
      ends.set(state.status, (ends.get(state.status) ?? 0) + 1);
      for (const d of dueDeductions(state, SMALL.today)) owed.add(`${d.caseId}|${d.clockKey}|${d.holder}|${d.points}`);
      expect(e.overdue, e.id).toBe(dueDeductions(state, SMALL.today).length > 0);
      for (const k of Object.keys(counted) as (keyof typeof counted)[]) counted[k] += state.counts[k];
    }
    expect(refused.slice(0, 5)).toEqual([]);
    expect(ends.get('closed')).toBe(data.events.filter((e) => e.status === 'closed').length);
    // the dataset holds exactly the deductions the machine says history owes at its today
    expect([...owed].sort()).toEqual([...stored].sort());
    // and the side paths happened: the machine counted them
    for (const k of Object.keys(counted) as (keyof typeof counted)[]) expect(counted[k], k).toBeGreaterThan(0);
    expect(ends.get('rejected')).toBeGreaterThan(0);
    expect(ends.get('merged')).toBeGreaterThan(0);
  });
});

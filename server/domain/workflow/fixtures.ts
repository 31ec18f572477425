// A small world for the workflow's tests beside this file: one urban grid with its worker, community
// and subdistrict, a village grid with its committee and town, the centre, a leader and departments.
import type { Role } from '../access';
import { type CaseCommand, decide, openCase } from './decide';
import type { Actor, CaseFacts, CaseState, CaseStep } from './states';

export const CITY = '340881';
export const SUBDISTRICT = '340881001';
export const COMMUNITY = '340881001001';
export const GRID = '340881001001G01';
export const TOWN = '340881103';
export const VILLAGE = '340881103200';
export const VILLAGE_GRID = '340881103200G01';

export const urbanFacts = (itemCode = '010101', reportedAt = '2026-03-02T01:00:00.000Z'): CaseFacts => ({
  id: 'E1',
  itemCode,
  source: 'patrol',
  gridId: GRID,
  gridPath: [CITY, SUBDISTRICT, COMMUNITY, GRID],
  area: 'urban',
  reportedAt,
});

export const villageFacts = (itemCode = '010101'): CaseFacts => ({
  ...urbanFacts(itemCode),
  id: 'E2',
  gridId: VILLAGE_GRID,
  gridPath: [CITY, TOWN, VILLAGE, VILLAGE_GRID],
  area: 'village',
});

const actor = (id: string, role: Role | 'system', scope: Partial<Actor> = {}): Actor => ({ id, role, ...scope });
export const ACTORS = {
  seat: actor('S-seat01', 'centre'),
  leader: actor('U-leader', 'leader'),
  analyst: actor('U-analyst', 'analyst'),
  screen: actor('U-screen', 'screen'),
  admin: actor('U-admin', 'admin'),
  d02: actor('S-d02', 'department', { departmentId: 'D02' }),
  d04: actor('S-d04', 'department', { departmentId: 'D04' }),
  d06: actor('S-d06', 'department', { departmentId: 'D06' }),
  worker: actor('S-gw001', 'gridworker', { unitId: GRID }),
  otherWorker: actor('S-gw002', 'gridworker', { unitId: '340881001001G02' }),
  community: actor('S-c-340881001001', 'community', { unitId: COMMUNITY }),
  subdistrict: actor('S-s-340881001', 'subdistrict', { unitId: SUBDISTRICT }),
  village: actor('S-v-340881103200', 'community', { unitId: VILLAGE }),
  town: actor('S-t-340881103', 'subdistrict', { unitId: TOWN }),
  sensor: actor('sensor:MH-0001', 'system'),
} as const;

export const dept = (id: string) => ({ kind: 'department' as const, id });

/** Minutes after `iso`, as ISO. */
export const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A case reported by the grid worker, then the commands in order, each a minute after the last; throws on a refusal. */
export function run(
  commands: [CaseCommand, Actor][],
  facts: CaseFacts = urbanFacts(),
): { state: CaseState; steps: CaseStep[] } {
  const opened = openCase(facts, { source: 'patrol', description: '垃圾裸露堆放' }, ACTORS.worker, facts.reportedAt);
  if (!opened.ok) throw new Error(opened.message);
  let state = opened.state;
  const steps = [opened.step];
  for (const [cmd, who] of commands) {
    const d = decide(state, cmd, who, plus(state.updatedAt, 1));
    if (!d.ok) throw new Error(`${cmd.action} by ${who.id}: ${d.message}`);
    state = d.state;
    steps.push(d.step);
  }
  return { state, steps };
}

/** The straight run's commands up to (not including) `until`. */
export function straightRun(until?: CaseCommand['action']): [CaseCommand, Actor][] {
  const all: [CaseCommand, Actor][] = [
    [{ action: 'file' }, ACTORS.seat],
    [{ action: 'dispatch', lead: { assignee: dept('D02') } }, ACTORS.seat],
    [{ action: 'accept' }, ACTORS.d02],
    [{ action: 'feedback', note: '已清运' }, ACTORS.d02],
    [{ action: 'verify', passed: true }, ACTORS.worker],
    [{ action: 'evaluate', satisfaction: 'satisfied', ratedBy: 'resident' }, ACTORS.seat],
  ];
  const i = until ? all.findIndex(([c]) => c.action === until) : all.length;
  return all.slice(0, i < 0 ? all.length : i);
}

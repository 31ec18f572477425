import { type CaseCommand, checkAllowed } from '@domain/workflow/decide';
import {
  ACTORS,
  COMMUNITY,
  dept,
  GRID,
  run,
  SUBDISTRICT,
  straightRun,
  urbanFacts,
  VILLAGE,
  villageFacts,
} from '@domain/workflow/fixtures';
import { type Actor, CASE_ACTIONS, type CaseState } from '@domain/workflow/states';
import { describe, expect, it } from 'vitest';
import { allowedActions, type CaseForActions, type Viewer } from './caseActions.model';

type Role = Exclude<Actor['role'], 'system'>;
const viewerOf = (a: Actor): Viewer => ({
  role: a.role as Role,
  unitId: a.unitId ?? null,
  departmentId: a.departmentId ?? null,
});
const caseOf = (s: CaseState): CaseForActions => ({
  status: s.status,
  longTerm: s.longTerm,
  supervisedBy: s.supervisedBy,
  gridId: s.facts.gridId,
  gridPath: s.facts.gridPath,
  tasks: s.tasks,
});
const actions = (s: CaseState, who: Actor) => allowedActions(viewerOf(who), caseOf(s));

const extension: [CaseCommand, Actor] = [{ action: 'requestExtension', hours: 24, reason: '需协调物业' }, ACTORS.d02];
const summons: [CaseCommand, Actor][] = [
  [{ action: 'file' }, ACTORS.seat],
  [
    {
      action: 'dispatch',
      lead: { assignee: dept('D02') },
      co: [{ assignee: dept('D04') }, { assignee: { kind: 'unit', id: COMMUNITY, level: 'community' } }],
    },
    ACTORS.seat,
  ],
];
const toGrid: [CaseCommand, Actor][] = [
  [{ action: 'file' }, ACTORS.seat],
  [{ action: 'dispatch', lead: { assignee: { kind: 'unit', id: GRID, level: 'grid' } } }, ACTORS.seat],
];

/** Cases in every state the desk meets, each with the commands that made it. */
const CASES: Record<string, CaseState> = {
  reported: run([]).state,
  filed: run(straightRun('dispatch')).state,
  dispatched: run(straightRun('accept')).state,
  handling: run(straightRun('feedback')).state,
  extensionPending: run([...straightRun('feedback'), extension]).state,
  feedback: run(straightRun('verify')).state,
  verified: run(straightRun('evaluate')).state,
  closed: run(straightRun()).state,
  rejected: run([[{ action: 'reject', reason: '无效' }, ACTORS.seat]]).state,
  supervised: run([...straightRun('accept'), [{ action: 'supervise' }, ACTORS.seat]]).state,
  shelved: run([
    ...straightRun('accept'),
    [{ action: 'shelve', reason: '需立项', supervisor: 'S-seat01' }, ACTORS.seat],
  ]).state,
  summonsDispatched: run(summons).state,
  summonsLeadAccepted: run([...summons, [{ action: 'accept' }, ACTORS.d02]]).state,
  summonsCoAccepted: run([...summons, [{ action: 'accept' }, ACTORS.d02], [{ action: 'accept' }, ACTORS.d04]]).state,
  toGrid: run(toGrid).state,
  toGridAccepted: run([...toGrid, [{ action: 'accept' }, ACTORS.worker]]).state,
  village: run(straightRun('verify'), villageFacts()).state,
};

describe('allowedActions', () => {
  it.each([
    ['reported', ACTORS.seat, ['file', 'reject', 'merge', 'supervise']],
    ['reported', ACTORS.d02, []],
    ['filed', ACTORS.seat, ['dispatch', 'supervise', 'shelve']],
    ['dispatched', ACTORS.d02, ['accept', 'return']],
    ['dispatched', ACTORS.d04, []],
    ['dispatched', ACTORS.seat, ['supervise', 'shelve']],
    ['handling', ACTORS.d02, ['requestExtension', 'feedback']],
    ['extensionPending', ACTORS.d02, ['feedback']],
    ['extensionPending', ACTORS.seat, ['approveExtension', 'refuseExtension', 'supervise', 'shelve']],
    ['feedback', ACTORS.worker, ['verify']],
    ['feedback', ACTORS.otherWorker, []],
    ['feedback', ACTORS.community, ['verify']],
    ['feedback', ACTORS.subdistrict, []],
    ['feedback', ACTORS.seat, ['verify', 'supervise', 'shelve']],
    ['verified', ACTORS.seat, ['evaluate']],
    ['closed', ACTORS.seat, []],
    ['rejected', ACTORS.seat, []],
    ['supervised', ACTORS.seat, ['shelve']],
    ['supervised', ACTORS.leader, []],
    ['dispatched', ACTORS.leader, ['supervise']],
    ['shelved', ACTORS.seat, ['supervise', 'unshelve']],
    ['shelved', ACTORS.d02, []],
    ['summonsDispatched', ACTORS.community, ['accept', 'return']],
    ['summonsLeadAccepted', ACTORS.d02, ['requestExtension']],
    ['summonsCoAccepted', ACTORS.d04, ['requestExtension', 'feedback']],
    ['toGrid', ACTORS.worker, ['accept', 'return', 'escalate']],
    ['toGridAccepted', ACTORS.worker, ['escalate', 'requestExtension', 'feedback']],
    ['village', ACTORS.worker, []],
    ['analyst', ACTORS.analyst, []],
  ] as const)('%s case, %s', (name, who, expected) => {
    const state = CASES[name] ?? CASES.dispatched!;
    expect(actions(state, who)).toEqual(expected);
  });

  it('lets a community verify only when it knows the grid lies below it', () => {
    const state = CASES.feedback!;
    expect(allowedActions(viewerOf(ACTORS.community), { ...caseOf(state), gridPath: [] })).toEqual([]);
    expect(allowedActions(viewerOf(ACTORS.village), caseOf(CASES.village!))).toEqual(['verify']);
    expect(caseOf(CASES.village!).gridPath).toContain(VILLAGE);
    expect(caseOf(state).gridPath).toContain(SUBDISTRICT);
  });

  // The server's machine is the judge: for every case above and every actor, the desk offers exactly
  // the actions checkAllowed lets through (what the dossier's `actions` carries).
  it('agrees with the server’s checkAllowed for every case and actor', () => {
    const actors = Object.values(ACTORS).filter((a) => a.role !== 'system');
    let compared = 0;
    for (const [name, state] of Object.entries(CASES)) {
      for (const who of actors) {
        const server = CASE_ACTIONS.filter((a) => a !== 'report' && checkAllowed(state, a, who) === null);
        expect(actions(state, who), `${name} · ${who.id}`).toEqual(server);
        compared++;
      }
    }
    expect(compared).toBe(Object.keys(CASES).length * actors.length);
    expect(urbanFacts().gridPath).toContain(COMMUNITY);
  });
});

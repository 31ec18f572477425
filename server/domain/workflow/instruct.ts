// A city leader's instruction (领导批示) on a case, as workflow steps: the leader takes a shelved case up
// again (销账) or files a case the centre has not yet filed (立案: the leader day may bring a report
// that waited past its filing limit, and the instruction is the filing's authority), dispatches it to
// a lead department and co-handling departments, each with its own limit (派遣; a case already being handled is re-dispatched, 改派: its open tasks are cancelled), and
// supervises it (督办, the mark 领导督办). The steps are decided together and written together or not
// at all (the case writer takes a Decision with `earlier` steps). Only this path lets a leader dispatch:
// the leader's role has no `dispatch` permission on the actions route, where the centre seat dispatches.
import { type Assignment, type Decision, type Refusal, resolveDispatch } from './decide';
import { evolve } from './evolve';
import { type Actor, type CaseState, type CaseStep, isOpen, STAGE_OF_STATUS } from './states';

export interface InstructionCommand {
  lead: Assignment;
  co: Assignment[];
  /** The instruction's text (批示内容): the note of each step. */
  note: string;
}

/**
 * The statuses a leader's instruction takes: a report (filed first), a filed case, one being handled.
 * Not a case fed back and awaiting verification (its work is done; the check is the centre's), nor a
 * closed or turned-away one. A shelved case is taken up first, in the status it was shelved in.
 */
const INSTRUCTABLE_STATUSES: readonly CaseState['status'][] = ['reported', 'filed', 'dispatched', 'handling'];

/** Whether a case in `status` takes an instruction; the leader page asks before it offers the form. */
export const takesInstruction = (status: CaseState['status']): boolean => INSTRUCTABLE_STATUSES.includes(status);

const refuse = (kind: Refusal['kind'], code: string, message: string, field?: string): Refusal => ({
  ok: false,
  kind,
  code,
  message,
  ...(field ? { field } : {}),
});

/** The instruction's steps on `state` (unshelve? file?, dispatch, supervise), all at `at`, or why not. */
export function decideInstruction(
  state: CaseState,
  cmd: InstructionCommand,
  leader: Actor,
  at: string,
): Decision | Refusal {
  if (leader.role !== 'leader')
    return refuse('role', 'forbidden', `Only a city leader instructs (批示); not the role ${leader.role}.`);
  const id = state.facts.id;
  if (!isOpen(state.status))
    return refuse(
      'state',
      'illegal_transition',
      `Cannot instruct case ${id} in state '${state.status}': it is not open.`,
    );
  if (!takesInstruction(state.status))
    return refuse(
      'state',
      'illegal_transition',
      `Cannot instruct case ${id} in state '${state.status}': a leader's instruction dispatches a case that is reported, filed or being handled.`,
    );
  if (Date.parse(at) < Date.parse(state.updatedAt))
    return refuse('invalid', 'clock_backwards', `at: ${at} is before the case's last step.`, 'at');
  const steps: CaseStep[] = [];
  let s = state;
  const take = (action: CaseStep['action'], stage: CaseStep['stage'], detail: CaseStep['detail']) => {
    const step: CaseStep = {
      seq: s.seq + 1,
      stage,
      action,
      at,
      actor: leader.id,
      role: 'leader',
      note: cmd.note,
      detail,
    };
    steps.push(step);
    s = evolve(s, step);
  };
  if (s.longTerm) take('unshelve', STAGE_OF_STATUS[s.status], null);
  if (s.status === 'reported') take('file', 'file', null);
  const dispatch = resolveDispatch(s, cmd.lead, cmd.co);
  if ('ok' in dispatch) return dispatch;
  take('dispatch', 'dispatch', dispatch);
  take('supervise', STAGE_OF_STATUS[s.status], null);
  return { ok: true, step: steps[steps.length - 1]!, earlier: steps.slice(0, -1), state: s };
}

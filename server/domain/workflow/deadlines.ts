// Deadlines, warnings and deductions (时限、预警、扣分), computed from a case's clocks and a "now". The
// deadline checker, the actions and (later) the generator share these, so a deduction is due by one
// rule wherever it is found: a clock that ran past its deadline — still running at `now`, or stopped
// after it — costs its holder points once. Once is the store's to keep: a deduction's identity is
// (case, clock key, holder), unique in SQL.
import { getItem, itemPath } from '../taxonomy';
import { verifierOf } from './evolve';
import { clockBasis, deductionPoints } from './limits';
import { type CaseState, CENTRE, type Clock, type ClockStage, type HolderKey, OPEN_TASK_STATES } from './states';

const STAGE_ZH: Record<ClockStage, string> = {
  file: '立案',
  dispatch: '派遣',
  handle: '处置',
  feedback: '反馈',
  verify: '核查',
  evaluate: '评价',
};

export interface Deduction {
  caseId: string;
  clockKey: string;
  stage: ClockStage;
  holder: HolderKey;
  dueAt: string;
  points: number;
  reason: string;
}

const ms = Date.parse;

/** Clocks running at `now` (every clock of an open case that has not stopped). */
export const runningClocks = (s: CaseState): Clock[] => s.clocks.filter((c) => c.endedAt === null);

/** Every deduction the case's clocks have earned by `now`: one per clock that ran past its deadline. */
export function dueDeductions(s: CaseState, now: string): Deduction[] {
  const item = getItem(s.facts.itemCode);
  const out: Deduction[] = [];
  for (const c of s.clocks) {
    // Running: due at the limit itself. Stopped: due if it stopped after the limit (and `now` got there).
    const due =
      c.endedAt === null ? ms(now) >= ms(c.deadlineAt) : ms(c.endedAt) > ms(c.deadlineAt) && ms(now) > ms(c.deadlineAt);
    if (!due) continue;
    out.push({
      caseId: s.facts.id,
      clockKey: c.key,
      stage: c.stage,
      holder: c.holder,
      dueAt: c.deadlineAt,
      points: deductionPoints(item),
      reason: `${STAGE_ZH[c.stage]}超时：${itemPath(item.code)}，时限${formatMinutes(c.limitMinutes, clockBasis(item) === 'working')}，${c.deadlineAt}到期`,
    });
  }
  return out;
}

/** The earliest deadline among running clocks (the case's current 时限), or null. */
export function currentDeadline(s: CaseState): string | null {
  return earliest(runningClocks(s).map((c) => c.deadlineAt));
}

/** The earliest warning instant (80%) among running clocks, or null. */
export function currentWarning(s: CaseState): string | null {
  return earliest(runningClocks(s).map((c) => c.warnAt));
}

/**
 * When the deadline checker must look at the case again after `now`: the next deadline of a running
 * clock strictly ahead, or null when none (those at or before `now` are due at `now` already).
 */
export function nextCheckAt(s: CaseState, now: string): string | null {
  return earliest(
    runningClocks(s)
      .map((c) => c.deadlineAt)
      .filter((d) => ms(d) > ms(now)),
  );
}

/** A running limit reached or passed at `now`. */
export function isOverdue(s: CaseState, now: string): boolean {
  return runningClocks(s).some((c) => ms(c.deadlineAt) <= ms(now));
}

export function isWarned(s: CaseState, now: string): boolean {
  return runningClocks(s).some((c) => ms(c.warnAt) <= ms(now));
}

/**
 * Who must act now (当前办理人): the centre at filing, dispatch and evaluation, and for a pending
 * extension; the holders of open tasks while dispatched and handled; the place's verifier after
 * feedback. Nobody for a shelved (挂账) or finished case.
 */
export function holdersOf(s: CaseState): HolderKey[] {
  if (s.longTerm) return [];
  const out = new Set<HolderKey>();
  switch (s.status) {
    case 'reported':
    case 'filed':
    case 'verified':
      out.add(CENTRE);
      break;
    case 'dispatched':
    case 'handling':
      for (const t of s.tasks) if (OPEN_TASK_STATES.includes(t.state)) out.add(t.assignee.id);
      if (s.tasks.some((t) => t.pendingExtension)) out.add(CENTRE);
      break;
    case 'feedback':
      out.add(verifierOf(s.facts));
      break;
    default:
      break;
  }
  return [...out];
}

function earliest(times: string[]): string | null {
  let best: string | null = null;
  for (const t of times) if (best === null || ms(t) < ms(best)) best = t;
  return best;
}

function formatMinutes(m: number, working: boolean): string {
  const unit = m % 60 === 0 ? `${m / 60}小时` : `${m}分钟`;
  return working ? `${unit}（工作时间）` : unit;
}

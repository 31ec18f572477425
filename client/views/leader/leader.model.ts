// The leader day's page as pure functions: the month of a moment (China time), the agenda editor's
// moves, the instruction form's checks and body, and the session's progress. No React, no fetch.
import type { InstructionRequest, LeaderDay } from '../../api/leaderDaysApi';
import type { MessageKey } from '../../i18n';

const CST_MS = 8 * 3_600_000;

/** The month (YYYY-MM) of an instant, in China Standard Time: the leader day's months are CST months. */
export function monthOfInstant(ms: number): string {
  return new Date(ms + CST_MS).toISOString().slice(0, 7);
}

/** The day (YYYY-MM-DD, CST) `days` after the instant: a deadline's default. */
export function dayAfter(ms: number, days: number): string {
  return new Date(ms + CST_MS + days * 86_400_000).toISOString().slice(0, 10);
}

/** The months the picker offers: the current one first, then those with a leader day, newest first. */
export function pickerMonths(current: string, held: readonly string[]): string[] {
  return [...new Set([current, ...held])].sort().reverse();
}

/** `list` with the entry at `index` moved by `delta` places (kept within the list). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (to === index || index < 0 || index >= list.length) return [...list];
  const out = [...list];
  const [entry] = out.splice(index, 1);
  out.splice(to, 0, entry!);
  return out;
}

export interface Assignment {
  departmentId: string;
  /** YYYY-MM-DD: the end of that day (CST), as the server reads a date alone. */
  deadline: string;
}

export interface InstructionDraft {
  text: string;
  lead: Assignment;
  co: Assignment[];
}

/** What stops the draft from being sent, as a message key; null when it may be sent. */
export function draftProblem(d: InstructionDraft): MessageKey | null {
  if (!d.text.trim()) return 'leader.instruction.missingText';
  if (!d.lead.departmentId) return 'leader.instruction.missingLead';
  if (!d.lead.deadline || d.co.some((c) => c.departmentId && !c.deadline)) return 'leader.instruction.missingDeadline';
  return null;
}

/** The request body of a draft: co-handlers without a department are left out. */
export function instructionBody(eventId: string, d: InstructionDraft): InstructionRequest {
  const co = d.co.filter((c) => c.departmentId);
  return {
    eventId,
    text: d.text.trim(),
    lead: { departmentId: d.lead.departmentId, deadline: d.lead.deadline },
    ...(co.length ? { co: co.map((c) => ({ departmentId: c.departmentId, deadline: c.deadline })) } : {}),
  };
}

export interface Progress {
  agenda: number;
  decided: number;
  followUp: number;
  /** Last month's supervised cases settled since. */
  closed: number;
  /** Last month's supervised cases past their deadline and still open. */
  flagged: number;
}

/** How far the month's session and last month's follow-up have come. */
export function progressOf(day: Pick<LeaderDay, 'agenda' | 'followUp'>): Progress {
  const follow = day.followUp.cases;
  return {
    agenda: day.agenda.length,
    decided: day.agenda.filter((a) => a.decision).length,
    followUp: follow.length,
    closed: follow.filter((c) => c.closed).length,
    flagged: follow.filter((c) => c.flagged).length,
  };
}

// The history's leader scheduling days (市级领导调度日): one per month in which a city leader supervised
// cases, read off the generated history itself, so that nothing the history already says changes (every
// figure stays exact) and the follow-up rules have real data. A leader's 督办 of a case (caseRuns.ts: a
// case escalated to the city, supervised with its summons; a hotline case on a hard item) is taken as
// that month's instruction: its dispatch (the lead department and co-handlers, each with its task's
// deadline) is the dispatch just before it, its text the supervision's note. The month's agenda holds
// those cases ranked by the agenda rules (server/domain/leaderDay/rules.ts) as their timelines stood
// then, at most `maxAgenda`; a case no rule proposes stays on it as the centre's own addition (领导交办).
// Only complete months before the dataset's today. Pure and deterministic: the same history gives the
// same leader days.
import type { LeaderDayConfig } from '../../server/domain/leaderDay/config';
import { monthOf } from '../../server/domain/leaderDay/month';
import { type AgendaCase, type AgendaRule, reasonsFor, scoreOf } from '../../server/domain/leaderDay/rules';
import type { CaseDeductionRow, EventStep, GovEvent } from '../../server/domain/model';
import { addClockMinutes } from '../../server/domain/workflow/clock';
import { limitsOf } from '../../server/domain/workflow/limits';
import type { StepDetail } from '../../server/domain/workflow/states';

export interface HistoryLeaderDays {
  days: { month: string; leaderId: string; heldAt: string; createdBy: string }[];
  agenda: {
    month: string;
    position: number;
    eventId: string;
    rules: AgendaRule[];
    note: string | null;
    addedBy: string;
    addedAt: string;
  }[];
  decisions: {
    month: string;
    eventId: string;
    text: string;
    leadDepartment: string;
    leadDeadlineAt: string;
    coHandlers: { departmentId: string; deadlineAt: string }[];
    decidedBy: string;
    decidedAt: string;
    firstSeq: number;
  }[];
}

/** The note of a case on the agenda that no rule proposed: a leader's own pick (领导交办). */
export const LEADER_PICK_NOTE = '市领导点题督办';

type Step = EventStep & { action?: string | null; role?: string | null; detail?: StepDetail | null };

export function leaderDaysOf(
  d: {
    events: readonly GovEvent[];
    eventSteps: readonly Step[];
    caseDeductions: readonly CaseDeductionRow[];
    meta: { today: string };
  },
  cfg: LeaderDayConfig,
): HistoryLeaderDays {
  const todayMonth = monthOf(d.meta.today);
  const supervised = new Map<string, Step[]>();
  for (const s of d.eventSteps) if (s.action === 'supervise' && s.role === 'leader') supervised.set(s.eventId, []);
  if (supervised.size === 0) return { days: [], agenda: [], decisions: [] };
  for (const s of d.eventSteps) supervised.get(s.eventId)?.push(s);
  const events = new Map(d.events.filter((e) => supervised.has(e.id)).map((e) => [e.id, e]));
  const lateAt = new Map<string, string[]>();
  for (const x of d.caseDeductions)
    if (supervised.has(x.eventId)) lateAt.set(x.eventId, [...(lateAt.get(x.eventId) ?? []), x.dueAt]);

  // Each leader supervision with the dispatch before it, by month (the first per case and month).
  type Pick = { event: GovEvent; steps: Step[]; at: Step; dispatch: Step };
  const byMonth = new Map<string, Map<string, Pick>>();
  for (const [id, steps] of supervised) {
    steps.sort((a, b) => a.seq - b.seq);
    const event = events.get(id)!;
    for (const s of steps) {
      if (s.action !== 'supervise' || s.role !== 'leader') continue;
      const month = monthOf(s.at);
      if (month >= todayMonth) continue;
      const dispatch = [...steps]
        .reverse()
        .find((x) => x.seq < s.seq && x.action === 'dispatch' && x.detail?.action === 'dispatch');
      const lead =
        dispatch?.detail?.action === 'dispatch' ? dispatch.detail.tasks.find((t) => t.role === 'lead') : undefined;
      if (!dispatch || lead?.assignee.kind !== 'department') continue;
      const m = byMonth.get(month) ?? new Map<string, Pick>();
      if (!m.has(id)) m.set(id, { event, steps, at: s, dispatch });
      byMonth.set(month, m);
    }
  }

  const out: HistoryLeaderDays = { days: [], agenda: [], decisions: [] };
  let lastMonth = new Set<string>();
  for (const month of [...byMonth.keys()].sort()) {
    const ranked = [...byMonth.get(month)!.values()].map((p) => {
      const facts = factsAt(p, lateAt.get(p.event.id) ?? [], lastMonth.has(p.event.id));
      const ctx = { asOf: p.at.at, topRiskGrids: new Map() };
      const rules = reasonsFor(facts, ctx, cfg).map((r) => r.rule);
      return { p, rules, score: scoreOf(facts, rules, ctx, cfg) };
    });
    ranked.sort(
      (a, b) => b.score - a.score || a.p.at.at.localeCompare(b.p.at.at) || (a.p.event.id < b.p.event.id ? -1 : 1),
    );
    const chosen = ranked.slice(0, cfg.maxAgenda);
    // The session: held at the first instruction; presided by the leader who gave most (ties: the first account).
    const heldAt = chosen.map((c) => c.p.at.at).sort()[0]!;
    const tally = new Map<string, number>();
    for (const c of chosen) tally.set(c.p.at.actor, (tally.get(c.p.at.actor) ?? 0) + 1);
    const leaderId = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    // The agenda was set by the seat that dispatched the first case, the day before the session.
    const seat = chosen[0]!.p.dispatch.actor;
    const addedAt = new Date(Date.parse(heldAt) - 86_400_000).toISOString();
    out.days.push({ month, leaderId, heldAt, createdBy: seat });
    chosen.forEach((c, i) => {
      out.agenda.push({
        month,
        position: i + 1,
        eventId: c.p.event.id,
        rules: c.rules,
        note: c.rules.length ? null : LEADER_PICK_NOTE,
        addedBy: seat,
        addedAt,
      });
      const tasks = c.p.dispatch.detail?.action === 'dispatch' ? c.p.dispatch.detail.tasks : [];
      const deadline = (limitMinutes: number) =>
        new Date(
          addClockMinutes(Date.parse(c.p.dispatch.at), limitMinutes, limitsOf(c.p.event.itemCode).basis),
        ).toISOString();
      const lead = tasks.find((t) => t.role === 'lead')!;
      out.decisions.push({
        month,
        eventId: c.p.event.id,
        text: c.p.at.note,
        leadDepartment: lead.assignee.id,
        leadDeadlineAt: deadline(lead.limitMinutes),
        coHandlers: tasks
          .filter((t) => t.role === 'co' && t.assignee.kind === 'department')
          .map((t) => ({ departmentId: t.assignee.id, deadlineAt: deadline(t.limitMinutes) })),
        decidedBy: c.p.at.actor,
        decidedAt: c.p.at.at,
        firstSeq: c.p.dispatch.seq,
      });
    });
    lastMonth = new Set(chosen.map((c) => c.p.event.id));
  }
  return out;
}

/** What the agenda rules read of a case, as its timeline stood at the supervision (no risk ranking in history). */
function factsAt(
  p: { event: GovEvent; steps: Step[]; at: Step },
  lateAt: readonly string[],
  followUp: boolean,
): AgendaCase {
  const before = p.steps.filter((s) => s.seq <= p.at.seq);
  const departments = new Set<string>();
  let summoned = false;
  for (const s of before)
    if (s.detail?.action === 'dispatch')
      for (const t of s.detail.tasks) {
        if (t.assignee.kind === 'department') departments.add(t.assignee.id);
        if (t.role === 'co') summoned = true;
      }
  const shelf = before.filter((s) => s.action === 'shelve' || s.action === 'unshelve').pop();
  return {
    id: p.event.id,
    reportedAt: p.event.reportedAt,
    taskDepartments: [...departments],
    summoned,
    overdue: lateAt.some((t) => t <= p.at.at),
    returns: before.filter((s) => s.action === 'return').length,
    escalatedToCentre: before.some((s) => s.detail?.action === 'escalate' && s.detail.to === 'centre'),
    shelved: shelf?.action === 'shelve',
    gridId: p.event.gridId,
    supervisedLastMonth: followUp,
  };
}

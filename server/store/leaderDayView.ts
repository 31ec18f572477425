// One month's leader day as its page reads it (GET /api/leader-days/{month}): the candidates the rules
// propose (domain/leaderDay/rules.ts) over the cases open at the month's moment, the agenda in order,
// the instructions, and the follow-up of last month's supervised cases as they stand now. For the big
// screen (kiosk) the same view without anyone's name or account: masked (domain/masking.ts).
import type { LeaderDayConfig } from '../domain/leaderDay/config';
import { agendaAsOf, type LeaderMonth, previousMonth } from '../domain/leaderDay/month';
import { AGENDA_RULES, type Candidate, proposeCandidates, RULE_NAMES } from '../domain/leaderDay/rules';
import { maskPhone } from '../domain/masking';
import type { RiskConfig } from '../domain/risk/config';
import { type CaseStatus, isOpen } from '../domain/workflow/states';
import type { Db } from './db';
import {
  type AgendaRow,
  agendaCases,
  type DecisionRow,
  decisionsOf,
  hasCasesBefore,
  type LeaderCase,
  leaderCases,
  readLeaderDay,
  topRiskGrids,
} from './leaderDays';

/** Why a month has no leader-day view: it has not begun, or it ended before the first case. */
export type NoView = { none: 'future' | 'no_data' };

export interface FollowUpCase {
  eventId: string;
  decision: ShownDecision;
  case: LeaderCase | null;
  /** 结案 (verification passed) since. */
  closed: boolean;
  /** Still open past the instruction's lead deadline. */
  pastDeadline: boolean;
  /** Flagged to the leader: past the deadline, or overdue by the workflow's rule while still open. */
  flagged: boolean;
}

/** The candidates of a month, with the moment they are judged at (no cases read: the rules' facts only). */
export async function monthCandidates(
  db: Db,
  cfg: { leaderDay: LeaderDayConfig; risk: RiskConfig },
  month: LeaderMonth,
  now: string,
): Promise<
  | { asOf: string; candidates: Candidate[]; topRiskGrids: Map<string, { rank: number; name: string; score: number }> }
  | NoView
> {
  const asOf = agendaAsOf(month, now);
  if (!asOf) return { none: 'future' };
  if (!(await hasCasesBefore(db, month.to))) return { none: 'no_data' };
  const prev = previousMonth(month);
  const [lastDecisions, top] = await Promise.all([
    decisionsOf(db, [prev.value]),
    cfg.leaderDay.rules.highRisk.enabled
      ? topRiskGrids(db, cfg.risk, asOf, cfg.leaderDay.rules.highRisk.topGrids)
      : Promise.resolve(new Map<string, { rank: number; name: string; score: number }>()),
  ]);
  const cases = await agendaCases(
    db,
    asOf,
    (lastDecisions.get(prev.value) ?? []).map((d) => d.eventId),
  );
  return { asOf, candidates: proposeCandidates(cases, { asOf, topRiskGrids: top }, cfg.leaderDay), topRiskGrids: top };
}

export async function leaderDayView(
  db: Db,
  cfg: { leaderDay: LeaderDayConfig; risk: RiskConfig },
  month: LeaderMonth,
  now: string,
  masked: boolean,
) {
  const proposed = await monthCandidates(db, cfg, month, now);
  if ('none' in proposed) return proposed;
  const prev = previousMonth(month);
  const [{ day, agenda, decisions }, last] = await Promise.all([
    readLeaderDay(db, month.value),
    decisionsOf(db, [prev.value]),
  ]);
  const followUpDecisions = last.get(prev.value) ?? [];
  const cases = await leaderCases(
    db,
    [
      ...proposed.candidates.map((c) => c.eventId),
      ...agenda.map((a) => a.eventId),
      ...followUpDecisions.map((d) => d.eventId),
    ],
    now,
  );
  const shown = (id: string) => {
    const c = cases.get(id) ?? null;
    return c && masked ? maskCase(c) : c;
  };
  const decisionOf = new Map(decisions.map((d) => [d.eventId, d]));
  const onAgenda = new Set(agenda.map((a) => a.eventId));
  const risk = (id: string) => {
    const g = cases.get(id)?.gridId;
    const r = g ? proposed.topRiskGrids.get(g) : undefined;
    return r ? { gridId: g!, rank: r.rank, name: r.name, score: r.score } : null;
  };
  return {
    month: month.value,
    asOf: proposed.asOf,
    masked,
    day: day
      ? {
          leaderId: masked ? null : day.leaderId,
          leaderName: day.leaderName,
          status: day.status,
          heldAt: day.heldAt,
          agendaCount: day.agendaCount,
          decisionCount: day.decisionCount,
        }
      : null,
    rules: AGENDA_RULES.map((rule) => ({
      rule,
      ...RULE_NAMES[rule],
      enabled: cfg.leaderDay.rules[rule].enabled,
      weight: cfg.leaderDay.rules[rule].weight,
    })),
    maxAgenda: cfg.leaderDay.maxAgenda,
    candidates: proposed.candidates.map((c) => ({
      ...c,
      onAgenda: onAgenda.has(c.eventId),
      risk: risk(c.eventId),
      case: shown(c.eventId),
    })),
    agenda: agenda.map((a) => ({
      ...maskAgenda(a, masked),
      risk: risk(a.eventId),
      case: shown(a.eventId),
      decision: decisionOf.has(a.eventId) ? maskDecision(decisionOf.get(a.eventId)!, masked) : null,
    })),
    decisions: decisions.map((d) => maskDecision(d, masked)),
    followUp: {
      month: prev.value,
      cases: followUpDecisions.map((d): FollowUpCase => {
        const c = cases.get(d.eventId) ?? null;
        const closed = c ? c.closedAt !== null || !isOpen(c.status as CaseStatus) : false;
        const pastDeadline = !closed && Date.parse(now) > Date.parse(d.leadDeadlineAt);
        return {
          eventId: d.eventId,
          decision: maskDecision(d, masked),
          case: shown(d.eventId),
          closed,
          pastDeadline,
          flagged: pastDeadline || (!closed && (c?.overdue ?? false)),
        };
      }),
    },
  };
}

/** Free text may carry a phone number (a reporter's call-back): masked like a resident's (138****5678). */
const maskText = (s: string) => s.replace(/1[3-9]\d{9}/g, (m) => maskPhone(m));

/**
 * The kiosk's case: no account ids (who supervises); the mark 领导督办 stays as `leaderSupervisedAt`
 * (non-null: supervised by a city leader).
 */
function maskCase(c: LeaderCase): LeaderCase {
  return { ...c, description: maskText(c.description), supervisedBy: null, leaderSupervisedBy: null };
}

function maskAgenda(a: AgendaRow, masked: boolean) {
  return masked ? { ...a, note: a.note && maskText(a.note), addedBy: null, addedByName: null } : a;
}

type ShownDecision = Omit<DecisionRow, 'decidedBy'> & { decidedBy: string | null };

/** The kiosk's instruction: the leader's office stays (decidedByName), their account id goes. */
function maskDecision(d: DecisionRow, masked: boolean): ShownDecision {
  return masked ? { ...d, text: maskText(d.text), decidedBy: null } : d;
}

export type LeaderDayView = Exclude<Awaited<ReturnType<typeof leaderDayView>>, NoView>;

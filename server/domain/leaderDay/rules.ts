// The leader day's agenda rules (议题规则): which open cases a month's leader day should take up, and
// why. Pure: the store gathers each open case's facts as they stood at the month's moment
// (store/leaderDays.ts), and these rules read only those facts. Every rule that proposes a case gives
// its reason in Chinese and English; a candidate's score is the sum of the weights of the rules that
// proposed it (config/leader-day.json) plus a little for its age, so the cases several rules agree on,
// and among them the oldest, come first. The list is capped: a leader takes up 5–15 cases in a session.
// See docs/adr/0012-leader-day-agenda.md.
import type { LeaderDayConfig } from './config';

export const AGENDA_RULES = [
  'multiDepartment',
  'overdue',
  'passedBack',
  'escalated',
  'longStuck',
  'highRisk',
  'followUp',
] as const;
export type AgendaRule = (typeof AGENDA_RULES)[number];

export const RULE_NAMES: Record<AgendaRule, { zh: string; en: string }> = {
  multiDepartment: { zh: '多部门协同', en: 'Several departments' },
  overdue: { zh: '超时未办结', en: 'Overdue' },
  passedBack: { zh: '部门间推诿', en: 'Passed back between departments' },
  escalated: { zh: '上报市级', en: 'Escalated to the city' },
  longStuck: { zh: '久拖未决', en: 'Long stuck' },
  highRisk: { zh: '高风险网格', en: 'High-risk grid' },
  followUp: { zh: '上月督办未结', en: "Last month's supervised case, still open" },
};

/** What the rules read of one case open at the month's moment. */
export interface AgendaCase {
  id: string;
  reportedAt: string;
  /** Departments that held a task of the case (lead or co-handling) by the moment. */
  taskDepartments: readonly string[];
  /** Whether a dispatch named co-handlers (会办, a summons: 街道吹哨、部门报到). */
  summoned: boolean;
  /** The workflow's overdue rule at the moment (store/events.ts overdueAsOf). */
  overdue: boolean;
  /** Tasks returned as not the holder's own (退回), by the moment. */
  returns: number;
  /** Escalated to the city centre (上报上级 to the centre), by the moment. */
  escalatedToCentre: boolean;
  /** Shelved (挂账) at the moment. */
  shelved: boolean;
  gridId: string;
  /** On last month's leader day, with an instruction (批示). */
  supervisedLastMonth: boolean;
}

export interface AgendaContext {
  /** The moment the month's agenda is judged at (ISO). */
  asOf: string;
  /** The month's highest-risk grids (risk model at the moment): grid id → rank (1 = highest) and name. */
  topRiskGrids: ReadonlyMap<string, { rank: number; name: string }>;
}

export interface RuleReason {
  rule: AgendaRule;
  zh: string;
  en: string;
}

export interface Candidate {
  eventId: string;
  /** The rules that proposed the case, in AGENDA_RULES order. */
  rules: AgendaRule[];
  reasons: RuleReason[];
  score: number;
}

const DAY_MS = 86_400_000;
const daysOpen = (c: AgendaCase, ctx: AgendaContext) =>
  Math.floor((Date.parse(ctx.asOf) - Date.parse(c.reportedAt)) / DAY_MS);

type RuleFn = (c: AgendaCase, ctx: AgendaContext, cfg: LeaderDayConfig) => Omit<RuleReason, 'rule'> | null;

export const RULES: Record<AgendaRule, RuleFn> = {
  /** 多部门协同: tasks for two departments or more, or a summons (会办) — what one department cannot settle alone. */
  multiDepartment: (c) => {
    const n = new Set(c.taskDepartments).size;
    if (n >= 2) return { zh: `涉及${n}个部门`, en: `${n} departments hold tasks` };
    if (c.summoned) return { zh: '已发起会办', en: 'A summons (会办) was called' };
    return null;
  },
  /** 超时未办结: the workflow's own overdue rule at the moment (a running limit missed, or one missed before). */
  overdue: (c) => (c.overdue ? { zh: '已超过办理时限', en: 'Past its time limit' } : null),
  /** 部门间推诿: returned (退回) as "not ours" at least `minReturns` times — passing the buck. */
  passedBack: (c, _ctx, cfg) =>
    c.returns >= cfg.rules.passedBack.minReturns
      ? { zh: `被退回${c.returns}次`, en: `Returned ${c.returns} times` }
      : null,
  /** 上报市级: escalated by its subdistrict or town to the city centre. */
  escalated: (c) =>
    c.escalatedToCentre ? { zh: '街道/镇上报至市指挥中心', en: 'Escalated to the city centre' } : null,
  /** 久拖未决: open longer than `days` (a shelved case, 挂账, counts: its clock stopped, the problem did not). */
  longStuck: (c, ctx, cfg) => {
    const d = daysOpen(c, ctx);
    if (d <= cfg.rules.longStuck.days) return null;
    return c.shelved
      ? { zh: `挂账${d}天未解决`, en: `Shelved, open ${d} days` }
      : { zh: `已立${d}天未办结`, en: `Open ${d} days` };
  },
  /** 高风险网格: in one of the month's `topGrids` highest-risk grids (the risk model at the moment). */
  highRisk: (c, ctx) => {
    const g = ctx.topRiskGrids.get(c.gridId);
    return g
      ? { zh: `位于风险第${g.rank}位网格（${g.name}）`, en: `In the grid ranked ${g.rank} for risk (${g.name})` }
      : null;
  },
  /** 上月督办未结: supervised at last month's leader day and still open. */
  followUp: (c) =>
    c.supervisedLastMonth
      ? { zh: '上月调度日督办，仍未办结', en: "Supervised at last month's leader day, still open" }
      : null,
};

/** The rules that propose `c`, with their reasons (only enabled rules). */
export function reasonsFor(c: AgendaCase, ctx: AgendaContext, cfg: LeaderDayConfig): RuleReason[] {
  return AGENDA_RULES.flatMap((rule) => {
    if (!cfg.rules[rule].enabled) return [];
    const r = RULES[rule](c, ctx, cfg);
    return r ? [{ rule, ...r }] : [];
  });
}

/** A proposed case's score: its rules' weights, plus age points (per 30 days open, capped). */
export function scoreOf(c: AgendaCase, rules: readonly AgendaRule[], ctx: AgendaContext, cfg: LeaderDayConfig): number {
  const weights = rules.reduce((s, r) => s + cfg.rules[r].weight, 0);
  const age = Math.min(cfg.agePointsCap, (Math.max(0, daysOpen(c, ctx)) / 30) * cfg.agePointsPerMonth);
  return Math.round((weights + age) * 100) / 100;
}

/** The month's candidates, best first (score, then the oldest, then id), at most `maxCandidates`. */
export function proposeCandidates(cases: readonly AgendaCase[], ctx: AgendaContext, cfg: LeaderDayConfig): Candidate[] {
  const out: (Candidate & { reportedAt: string })[] = [];
  for (const c of cases) {
    const reasons = reasonsFor(c, ctx, cfg);
    if (reasons.length === 0) continue;
    const rules = reasons.map((r) => r.rule);
    out.push({ eventId: c.id, rules, reasons, score: scoreOf(c, rules, ctx, cfg), reportedAt: c.reportedAt });
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      a.reportedAt.localeCompare(b.reportedAt) ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  return out.slice(0, cfg.maxCandidates).map(({ reportedAt: _, ...c }) => c);
}

// The history's resident credit records (信用积分, issue 18): three years up to the dataset's today, read
// off the people and the cases already generated, so nothing else changes. Volunteering, helping elderly
// neighbours and taking part in the compound's self-governance by age and tag (retirees, party members,
// building-unit heads more; children none; those living elsewhere hardly any); a record for each closed
// case a resident reported (随手拍, the resident picked among the grid's adults, the case keeping its
// reporter); a small share of negative records, tied to the grid's closed cases of the item's kind
// (违章建筑, 占道经营, 乱倒垃圾) where the rule names them; some appeals, a few upheld; some repairs.
// Every record is proposed and moved by the domain's own machine (server/domain/credit/record.ts), so
// the caps, the roles and the same-person rules hold as they do live; the actors are the staff accounts
// the case history names (a grid's worker proposes, its community confirms, its subdistrict decides an
// appeal; in a village the committee proposes and the town confirms). Deterministic by seed.
import {
  act,
  addMonths,
  type CreditActor,
  type CreditCommand,
  type CreditRecordState,
  positiveEarnedSince,
  propose,
  SYSTEM_ACTOR,
  viewOf,
} from '../../server/domain/credit/record';
import type { CreditRules } from '../../server/domain/credit/rules';
import type { AdminUnit, GovEvent, Resident } from '../../server/domain/model';
import {
  communityUsername,
  gridWorkerUsername,
  staffAccountId,
  subdistrictUsername,
  townUsername,
  villageCommitteeUsername,
} from '../../server/domain/staffAccounts';
import { Rng } from './random';

export interface CreditInput {
  meta: { seed: number; today: string };
  adminUnits: readonly Pick<AdminUnit, 'id' | 'level' | 'parentId'>[];
  gridWorkers: readonly { id: string; gridId: string }[];
  residents: readonly Pick<Resident, 'id' | 'gridId' | 'birthDate' | 'tags' | 'livesElsewhere' | 'householdId'>[];
  unitHeads: readonly { residentId: string }[];
  events: readonly Pick<
    GovEvent,
    'id' | 'code' | 'itemCode' | 'source' | 'gridId' | 'status' | 'reportedAt' | 'closedAt'
  >[];
}

export interface HistoryCredit {
  records: CreditRecordState[];
  /** Each resident-reported case and its reporter (events.reporter_resident_id). */
  reporters: [eventId: string, residentId: string][];
}

const YEARS = 3;
const DAY_MS = 86_400_000;

/** The items a resident's own conduct may earn, in the order `yearlyRates` gives their rates. */
const CONDUCT = [
  'volunteer-service',
  'elderly-help',
  'self-governance',
  'waste-sorting',
  'brave-act',
  'throwing-from-height',
  'uncivil-dog',
] as const;

/** Records a year of each CONDUCT item by age and tags; null for children. */
function yearlyRates(age: number, tags: readonly string[], unitHead: boolean, away: boolean): number[] | null {
  if (age < 16) return null;
  const party = tags.includes('party-member');
  const veteran = tags.includes('veteran');
  const volunteer =
    (age < 18 ? 0.03 : age < 35 ? 0.04 : age < 60 ? 0.05 : age < 75 ? 0.35 : age < 85 ? 0.1 : 0) +
    (party ? 0.5 : 0) +
    (veteran ? 0.2 : 0) +
    (unitHead ? 0.6 : 0);
  const adult = age >= 25 && age < 80;
  const rates = [
    volunteer * (tags.includes('disabled') ? 0.3 : 1),
    age >= 25 && age < 72 ? 0.03 + (party ? 0.2 : 0) + (unitHead ? 0.2 : 0) : 0,
    adult ? 0.02 + (party ? 0.15 : 0) + (unitHead ? 0.8 : 0) + (age >= 60 ? 0.05 : 0) : 0,
    adult ? 0.025 : 0,
    age >= 18 && age < 65 ? 0.0008 : 0,
    age >= 18 && age < 70 ? 0.0005 : 0,
    age >= 20 && age < 75 ? 0.015 : 0,
  ];
  return away ? rates.map((r) => r * 0.05) : rates;
}

/** Share of a rule's closed cases in which the grid's resident at fault is named (the rest: a shop, a passer-by, unknown). */
const CASE_FAULT_SHARE: Record<string, number> = { 'illegal-building': 0.5, 'street-trading': 0.3, dumping: 0.12 };

const REASONS = {
  reject: ['证据不足，请补充签到记录', '与已登记记录重复', '不属于积分事项'],
  withdraw: ['信息录入有误，撤回重报', '当事人身份核对有误'],
  appeal: ['居民对认定事实有异议', '居民称非本人所为', '居民对扣分幅度有异议'],
  statement: ['当时不在现场，有同事可以证明', '已在限期内自行整改', '搭建物为前任房主所建', '摊位并非本人经营'],
  upheld: ['复核查明认定对象有误，撤销记录', '经复核证据不足，撤销记录'],
  dismissed: ['经复核事实清楚、证据充分，维持原记录', '当事人已确认现场照片，维持原记录'],
  confirm: ['已核实', '情况属实'],
  repairTime: ['期满未再发生同类行为，准予修复'],
  repairPositive: ['此后积极参加志愿服务，准予修复'],
};

/** A working moment (09:00–17:00 China time) on the day `days` after `iso`'s day. */
function workAt(rng: Rng, iso: string, days: number): string {
  const day = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) + days * DAY_MS;
  const t = day + rng.int(60, 540) * 60_000;
  // never before the step it follows: a same-day step falls a little after it
  const after = Date.parse(iso);
  return new Date(t > after ? t : after + rng.int(5, 90) * 60_000).toISOString();
}

/** Code-point order (ISO instants and ids sort so; localeCompare is far slower). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A Poisson draw (Knuth; the means here are small). */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng.next(); p > limit; p *= rng.next()) k++;
  return k;
}

export function creditHistoryOf(d: CreditInput, rules: CreditRules): HistoryCredit {
  const rng = new Rng(d.meta.seed).fork('credit');
  const today = d.meta.today;
  const start = new Date(Date.parse(today) - YEARS * 365 * DAY_MS).toISOString();
  const units = new Map(d.adminUnits.map((u) => [u.id, u]));
  const workerOf = new Map(d.gridWorkers.map((w) => [w.gridId, staffAccountId(gridWorkerUsername(w.id))]));
  const heads = new Set(d.unitHeads.map((h) => h.residentId));

  /** Who proposes, confirms and decides for a grid (the decider null where no third account exists). */
  const crew = new Map<
    string,
    { proposer: CreditActor; confirmer: CreditActor; community: CreditActor; decider: CreditActor }
  >();
  const crewOf = (gridId: string) => {
    let c = crew.get(gridId);
    if (c) return c;
    const parent = units.get(units.get(gridId)!.parentId!)!;
    const top = units.get(parent.parentId!)!;
    const community: CreditActor = {
      id: staffAccountId(
        parent.level === 'village' ? villageCommitteeUsername(parent.id) : communityUsername(parent.id),
      ),
      role: 'community',
    };
    const upper: CreditActor = {
      id: staffAccountId(top.level === 'town' ? townUsername(top.id) : subdistrictUsername(top.id)),
      role: 'subdistrict',
    };
    const worker = workerOf.get(gridId);
    c = worker
      ? { proposer: { id: worker, role: 'gridworker' }, confirmer: community, community, decider: upper }
      : // A village: the committee proposes, the town confirms; only the system's proposals can be appealed.
        { proposer: community, confirmer: upper, community, decider: upper };
    crew.set(gridId, c);
    return c;
  };

  const byResident = new Map<string, CreditRecordState[]>();
  let serial = 0;
  /** Proposes a record and runs its life as far as today; nothing when the machine refuses (a cap). */
  const make = (
    resident: { id: string; gridId: string },
    ruleCode: string,
    occurredOn: string,
    evidence: string,
    caseId: string | null,
    proposer: CreditActor | null,
  ) => {
    const c = crewOf(resident.gridId);
    const by = proposer ?? c.proposer;
    const existing = byResident.get(resident.id) ?? [];
    let at = workAt(rng, occurredOn, rng.int(0, 4));
    if (at > today) return;
    const first = propose(
      rules,
      {
        id: `CH${String(++serial).padStart(7, '0')}`,
        residentId: resident.id,
        gridId: resident.gridId,
        ruleCode,
        occurredOn,
        evidence,
        caseId,
      },
      by,
      at,
      existing,
    );
    if (!first.ok) return;
    let r = first.record;
    existing.push(r);
    byResident.set(resident.id, existing);
    const step = (cmd: CreditCommand, actor: CreditActor, when: string) => {
      if (when > today) return false;
      const next = act(r, cmd, actor, when, { publicationDays: rules.publicationDays, positiveSince: 0 });
      if (!next.ok) throw new Error(`credit history: ${next.message}`);
      r = next.record;
      existing[existing.length - 1] = r;
      at = when;
      return true;
    };
    const negative = r.kind === 'negative';
    // The system's proposals are confirmed by the community (a village's committee), so the town can decide an appeal.
    const confirmer = by.role === 'system' ? c.community : c.confirmer;
    const roll = rng.next();
    if (roll < (negative ? 0.05 : 0.03)) {
      step({ action: 'reject', reason: rng.pick(REASONS.reject) }, confirmer, workAt(rng, at, rng.int(1, 3)));
      return;
    }
    if (roll < (negative ? 0.06 : 0.04)) {
      step({ action: 'withdraw', reason: rng.pick(REASONS.withdraw) }, c.community, workAt(rng, at, rng.int(0, 2)));
      return;
    }
    if (!step({ action: 'confirm', reason: rng.pick(REASONS.confirm) }, confirmer, workAt(rng, at, rng.int(0, 3))))
      return;
    if (!step({ action: 'publish' }, confirmer, workAt(rng, at, rng.int(0, 2)))) return;
    // An appeal, where a third person can decide it: filed through the community, decided above it.
    const decider = c.decider.id !== by.id && c.decider.id !== confirmer.id ? c.decider : null;
    if (decider && rng.chance(negative ? 0.12 : 0.003)) {
      const inWindow = rng.chance(0.8);
      const appealAt = workAt(rng, at, inWindow ? rng.int(0, rules.publicationDays - 2) : rng.int(8, 60));
      if (
        !step(
          { action: 'appeal', reason: rng.pick(REASONS.appeal), statement: rng.pick(REASONS.statement) },
          c.community,
          appealAt,
        )
      )
        return;
      const upheld = rng.chance(negative ? 0.25 : 0.5);
      step(
        upheld
          ? { action: 'decide', outcome: 'upheld', reason: rng.pick(REASONS.upheld) }
          : { action: 'decide', outcome: 'dismissed', reason: rng.pick(REASONS.dismissed) },
        decider,
        workAt(rng, at, rng.int(2, 10)),
      );
    }
  };

  // Residents' own conduct, by age and tags, over the three years.
  const adultsOf = new Map<string, { id: string; gridId: string }[]>();
  const todayMs = Date.parse(today);
  const startMs = Date.parse(start);
  const spanDays = Math.round((todayMs - startMs) / DAY_MS);
  for (const p of d.residents) {
    const born = Date.parse(p.birthDate);
    const ageNow = (todayMs - born) / (365.25 * DAY_MS);
    const rates = yearlyRates(ageNow - YEARS / 2, p.tags, heads.has(p.id), p.livesElsewhere);
    if (!rates) continue;
    if (!p.livesElsewhere && ageNow >= 20 && ageNow < 75) {
      const list = adultsOf.get(p.gridId) ?? [];
      list.push({ id: p.id, gridId: p.gridId });
      adultsOf.set(p.gridId, list);
    }
    // One draw of how many, then which: the sum of independent Poisson counts, split by their rates.
    const n = poisson(rng, rates.reduce((a, b) => a + b, 0) * YEARS);
    for (let i = 0; i < n; i++) {
      const code = CONDUCT[rng.weighted(rates)]!;
      const dayMs = startMs + rng.int(0, spanDays - 1) * DAY_MS;
      if ((dayMs - born) / (365.25 * DAY_MS) < 16) continue;
      make(p, code, new Date(dayMs).toISOString().slice(0, 10), evidenceFor(code, rng), null, null);
    }
  }

  // Cases: a resident's report closed proposes their record (the system); a violation's closed case may
  // name the grid's resident at fault.
  const reporters: [string, string][] = [];
  const caseRule = new Map<string, string>();
  for (const item of rules.items) for (const code of item.caseItems ?? []) caseRule.set(code, item.code);
  const fromCase = rules.items.find((i) => i.fromClosedCase);
  const cases = [...d.events].sort((a, b) => byText(a.reportedAt, b.reportedAt) || byText(a.id, b.id));
  for (const e of cases) {
    const adults = adultsOf.get(e.gridId);
    if (!adults?.length) continue;
    if (e.source === 'resident') {
      const reporter = rng.pick(adults);
      reporters.push([e.id, reporter.id]);
      if (fromCase && e.status === 'closed' && e.closedAt && e.closedAt >= start)
        make(reporter, fromCase.code, e.closedAt.slice(0, 10), `案件 ${e.code} 已结案`, e.id, SYSTEM_ACTOR);
      continue;
    }
    const rule = caseRule.get(e.itemCode);
    if (rule && e.status === 'closed' && e.reportedAt >= start && rng.chance(CASE_FAULT_SHARE[rule] ?? 0))
      make(rng.pick(adults), rule, e.reportedAt.slice(0, 10), `案件 ${e.code} 已结案，主管部门认定`, e.id, null);
  }

  // Repairs of negative records in effect: by time once the rule allows, or by positive actions since.
  for (const records of byResident.values()) {
    for (const [i, r] of records.entries()) {
      if (r.kind !== 'negative' || !r.publicUntil || !r.repair) continue;
      const c = crewOf(r.gridId);
      const tryRepair = (path: 'time' | 'positive', when: string, reason: string) => {
        if (when > today || viewOf(r, when).state !== 'effective') return false;
        const d2 = act(r, { action: 'repair', path, reason }, c.community, when, {
          publicationDays: rules.publicationDays,
          positiveSince: positiveEarnedSince(records, r.publicUntil!, when),
        });
        if (!d2.ok) return false;
        records[i] = d2.record;
        return true;
      };
      const soon = workAt(rng, addMonths(r.publicUntil, rng.int(3, 9)), 0);
      if (r.repair.positivePoints && rng.chance(0.6) && tryRepair('positive', soon, rng.pick(REASONS.repairPositive)))
        continue;
      if (r.repair.afterMonths && rng.chance(0.35))
        tryRepair(
          'time',
          workAt(rng, addMonths(r.publicUntil, r.repair.afterMonths), rng.int(0, 20)),
          rng.pick(REASONS.repairTime),
        );
    }
  }

  // Numbered in the order they were proposed.
  const records = [...byResident.values()]
    .flat()
    .sort((a, b) => byText(a.proposedAt, b.proposedAt) || byText(a.id, b.id))
    .map((r, n) => ({ ...r, id: `CH${String(n + 1).padStart(7, '0')}` }));
  return { records, reporters };
}

function evidenceFor(code: string, rng: Rng): string {
  switch (code) {
    case 'volunteer-service':
      return `${rng.pick(['社区环境整治', '文明劝导', '防汛值守', '核酸采样秩序维护', '关爱留守儿童', '反诈宣传'])}志愿服务签到表，${rng.int(2, 4)}小时`;
    case 'elderly-help':
      return `${rng.pick(['帮助独居老人买菜送药', '陪同高龄老人就医', '为残疾邻居代办事务'])}，受助人确认`;
    case 'self-governance':
      return `${rng.pick(['小区议事会', '居民代表会议', '物业服务评议会', '楼道长会议'])}签到及纪要`;
    case 'waste-sorting':
      return '垃圾分类督导员月度评定：示范户';
    case 'brave-act':
      return rng.pick(['拾得钱包归还失主，失主书面感谢', '协助民警制止盗窃，派出所证明']);
    case 'throwing-from-height':
      return '派出所调查认定书';
    case 'uncivil-dog':
      return rng.pick(['遛狗未牵绳，城管执法记录', '犬只扰民，派出所处理记录']);
    default:
      return '记录';
  }
}

/** The shape of a history, as the README states it. */
export function creditShape(h: HistoryCredit) {
  const n = h.records.length;
  const negative = h.records.filter((r) => r.kind === 'negative').length;
  const appealed = h.records.filter((r) => r.steps.some((s) => s.action === 'appeal')).length;
  const upheld = h.records.filter((r) => r.appealOutcome === 'upheld').length;
  const repaired = h.records.filter((r) => r.state === 'repaired').length;
  return { records: n, negativeShare: n ? negative / n : 0, appealed, upheld, repaired, reporters: h.reporters.length };
}

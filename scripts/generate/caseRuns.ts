// A historical case as a run of the workflow's state machine (server/domain/workflow): the commands a
// case received, who gave them and when — planned here from the item's stage limits and a few dice,
// then issued through `decide` by events.ts, so every stored step is valid by construction.
//
// Side paths, per filed case (measured at scale 1 in README "History made by the machine"):
// | path                                           | chance                         | overall   |
// |------------------------------------------------|--------------------------------|-----------|
// | department returns a task (退回) → re-dispatch  | 3.2 % of department dispatches | ~3 %      |
// | verification fails → rework (返工)              | 4 %                            | ~4 %      |
// | extension requested (申请延期), 70 % approved    | 2 % of non-urgent cases        | ~2 %      |
// | escalation grid → community → subdistrict/town | 15 % of locally handled cases  | ~1–2 %    |
// |   → centre (each further step 35 %)            |                                |           |
// | summons (街道吹哨、部门报到): lead + co-handlers  | 8 % of multi-department items  | ~1 %      |
// | one stage's limit missed (超时, deducted)       | 3.6 % × department × year      | ~4 %      |
// | 督办 by the seat: a handling or verification    | 80 % of those misses           | ~2 %      |
// |   limit missed, just after the deadline         |                                |           |
// | 督办 of a case escalated to the city (with its   | every one; a city leader in    | ~0.2 %    |
// |   summons)                                      | 30 %, else the seat            |           |
// | 领导督办 of a 12345 hotline (市长热线) case on a  | 5 %                            | ~0.3 %    |
// |   hard item (illegal building, disputes, …)     |                                |           |
// Not-filed reports (invalid 2.5 %, duplicates 3 % of the filed count) are planned in events.ts.
// Handling, verification and evaluation run on the item's clock (docs/adr/0008): working time
// (Mon–Fri 08–12, 14–18 CST) for most items, natural time for urgent (severity 3) ones — so a step is
// timed as clock minutes after the step that started its clock, and lands inside working hours.
import { addClockMinutes, type ClockBasis } from '../../server/domain/workflow/clock';
import type { CaseCommand } from '../../server/domain/workflow/decide';
import { limitsOf } from '../../server/domain/workflow/limits';
import type { Actor, Assignee, Rater, Satisfaction } from '../../server/domain/workflow/states';
import type { Rng } from './random';

export const RATES = {
  return: 0.032,
  rework: 0.04,
  extension: 0.02,
  extensionApproved: 0.7,
  escalate: 0.15,
  escalateFurther: 0.35,
  summons: 0.08,
  /** 超时督办: the seat supervises a holder whose handling or verification limit ran out. */
  superviseLate: 0.8,
  /** A case escalated to the city is supervised with its summons; by a city leader this often. */
  superviseCityByLeader: 0.3,
  /** 领导督办: a city leader supervises a hotline case on a hard item. */
  superviseHotline: 0.05,
} as const;

/** 满意 / 基本满意 / 不满意: a working platform's residents are mostly satisfied; less so after a rework or a delay. */
const SATISFACTION_WEIGHTS = [0.86, 0.11, 0.03];
const SATISFACTION_WEIGHTS_TROUBLED = [0.6, 0.28, 0.12];
const SATISFACTIONS: Satisfaction[] = ['satisfied', 'basically-satisfied', 'dissatisfied'];
const SATISFACTION_NOTE: Record<Satisfaction, string> = {
  satisfied: '综合评价：满意',
  'basically-satisfied': '综合评价：基本满意',
  dissatisfied: '综合评价：不满意',
};

/** The units a case can be handed to locally, and their accounts (null where the post is vacant). */
export interface CasePlace {
  /** The grid's own worker (urban grids with a worker); null otherwise. */
  worker: Actor | null;
  /** The community (urban) or village committee above the grid. */
  community: Actor & { unitId: string };
  communityLevel: 'community' | 'village';
  /** The subdistrict (urban) or town above it. */
  subdistrict: Actor & { unitId: string };
  subdistrictLevel: 'subdistrict' | 'town';
  /** Who verifies on the spot by default: the worker, else the community or village committee. */
  local: Actor;
}

export interface CaseSetting {
  itemCode: string;
  departmentId: string;
  /** Handled by the grid worker or the community/village itself (local items), or null. */
  localLevel: 'grid' | 'community' | null;
  /** Departments a summons calls beside the lead (multi-department items), or empty. */
  coDepartments: readonly string[];
  /** A department the case is easily mistaken for (a return's first dispatch). */
  confusedWith: string;
  seat: Actor;
  department: (id: string) => Actor;
  place: CasePlace;
  /** Who reported: the reporter rates as `reporter` when a resident. */
  residentReported: boolean;
  reported: number;
  /** One stage's limit is missed (its holder is deducted). */
  late: boolean;
  /** The city leaders who supervise (督办), and whether this case draws their eye (a hotline case on a hard item). */
  leaders: readonly Actor[];
  watched: boolean;
}

export interface PlannedStep {
  cmd: CaseCommand;
  actor: Actor;
  at: number;
}

export interface CasePlan {
  steps: PlannedStep[];
  /** The index of the lead's first accept (where a shelved case stops), and the handling limit (minutes). */
  firstAccept: number;
  handleMinutes: number;
  basis: ClockBasis;
}

type LateStage = 'file' | 'dispatch' | 'handle' | 'verify' | 'evaluate';
const LATE_STAGES: LateStage[] = ['file', 'dispatch', 'handle', 'verify', 'evaluate'];
const LATE_WEIGHTS = [0.05, 0.07, 0.68, 0.15, 0.05];

const RETURN_REASONS = ['非本部门职责，请重新派遣', '权属不清，不属于本单位管辖范围', '该问题由其他部门主管'];
const EXTENSION_REASONS = ['需协调多方，申请延期', '材料采购需时，申请延期', '当事人联系不上，申请延期'];
const REWORK_NOTES = ['现场核查未整改到位，退回返工', '问题仍然存在，要求重新处置'];
const ESCALATE_NOTES = ['本级无法解决，提请上级协调', '涉及多方，需上级统筹'];
const SUPERVISE_LATE_NOTES = ['已超时限，督促加快办理', '超期未办结，予以督办，请尽快处置'];
const SUPERVISE_CITY_NOTES = ['市级协调案件，挂牌督办', '多部门联动处置，督办落实'];
const SUPERVISE_LEADER_NOTES = ['市长热线反映问题，领导批示督办', '群众反映强烈，请限期办结并报结果'];
const HANDLE_NOTES = ['已现场处置', '已整改完毕', '已联系当事人处理', '已安排人员处置'];
const LOCAL_NOTES = ['已上门调解，双方达成一致', '已走访核实并妥善处理', '已现场劝导整改'];

/** The commands of one filed case, from filing to evaluation; times may run past the dataset's now. */
export function planCase(rng: Rng, s: CaseSetting): CasePlan {
  const { basis, minutes: L } = limitsOf(s.itemCode);
  const H = L.handle;
  const lateStage = s.late ? LATE_STAGES[rng.weighted(LATE_WEIGHTS)]! : null;
  const frac = (stage: LateStage) => (stage === lateStage ? rng.range(1.05, 2.2) : rng.range(0.08, 0.85));
  const steps: PlannedStep[] = [];
  let last = s.reported;
  /** `minutes` of the case's clock after `from` (at least a minute, and after the last step). */
  const after = (from: number, minutes: number) => {
    const t = Math.round(addClockMinutes(from, Math.max(1, minutes), basis) / 1000) * 1000;
    return Math.max(t, last + 1000);
  };
  const add = (cmd: CaseCommand, actor: Actor, at: number) => {
    steps.push({ cmd, actor, at });
    last = at;
    return at;
  };
  const { seat, place } = s;
  const pick = (notes: readonly string[]) => notes[rng.int(0, notes.length - 1)]!;
  // 督办: at most once a case (the machine refuses a second one).
  let supervised = false;
  const supervise = (actor: Actor, at: number, note: string) => {
    add({ action: 'supervise', note }, actor, at);
    supervised = true;
  };
  /** 超时督办: the seat supervises, just past the limit that ran out, before the late step that ends it. */
  const superviseLate = (clockFrom: number, limitMinutes: number, lateAt: number) => {
    if (supervised || !rng.chance(RATES.superviseLate)) return;
    const t = after(clockFrom, limitMinutes * rng.range(1.002, 1.03));
    if (t < lateAt - 1000) supervise(seat, t, pick(SUPERVISE_LATE_NOTES));
  };
  const leader = () => s.leaders[rng.int(0, s.leaders.length - 1)]!;
  const dept = (id: string): Assignee => ({ kind: 'department', id });
  const unit = (a: Actor, level: 'grid' | 'community' | 'village' | 'subdistrict' | 'town'): Assignee => ({
    kind: 'unit',
    id: a.unitId!,
    level,
  });

  // 立案
  let clockStart = add({ action: 'file' }, seat, after(s.reported, frac('file') * L.file));
  // (a late filing, dispatch or evaluation is the centre's own: nobody above the seat supervises it here)
  let dispatchLate = lateStage === 'dispatch';
  const dispatchAt = (from: number) => {
    const f = dispatchLate ? rng.range(1.05, 2.2) : rng.range(0.08, 0.85);
    dispatchLate = false;
    return after(from, f * L.dispatch);
  };

  // 派遣 — a department, or the grid/community itself for local items; a wrong department first, now and then.
  type Lead = { assignee: Assignee; actor: Actor };
  let lead: Lead;
  let co: Lead[] = [];
  const byDepartment = !s.localLevel;
  if (byDepartment && rng.chance(RATES.return)) {
    const wrong = s.confusedWith;
    const t = add({ action: 'dispatch', lead: { assignee: dept(wrong) } }, seat, dispatchAt(clockStart));
    clockStart = add(
      { action: 'return', reason: RETURN_REASONS[rng.int(0, RETURN_REASONS.length - 1)]! },
      s.department(wrong),
      after(t, rng.range(0.02, 0.25) * H),
    );
  }
  if (byDepartment) {
    lead = { assignee: dept(s.departmentId), actor: s.department(s.departmentId) };
    if (s.coDepartments.length && rng.chance(RATES.summons)) {
      const n = rng.int(1, s.coDepartments.length);
      co = s.coDepartments.slice(0, n).map((id) => ({ assignee: dept(id), actor: s.department(id) }));
      if (rng.chance(0.5))
        co.push({ assignee: unit(place.subdistrict, place.subdistrictLevel), actor: place.subdistrict });
    }
  } else if (s.localLevel === 'grid' && place.worker) {
    lead = { assignee: unit(place.worker, 'grid'), actor: place.worker };
  } else {
    lead = { assignee: unit(place.community, place.communityLevel), actor: place.community };
  }
  let taskStart = add(
    {
      action: 'dispatch',
      lead: { assignee: lead.assignee },
      ...(co.length ? { co: co.map((c) => ({ assignee: c.assignee })) } : {}),
    },
    seat,
    dispatchAt(clockStart),
  );

  // 上报上级 — a local unit that cannot solve it hands it up: grid → community/village → subdistrict/town → centre.
  if (lead.assignee.kind === 'unit' && rng.chance(RATES.escalate)) {
    let level = lead.assignee.level;
    for (;;) {
      if (rng.chance(0.5)) add({ action: 'accept' }, lead.actor, after(taskStart, rng.range(0.02, 0.1) * H));
      const next: Lead | 'centre' =
        level === 'grid'
          ? { assignee: unit(place.community, place.communityLevel), actor: place.community }
          : level === 'community' || level === 'village'
            ? { assignee: unit(place.subdistrict, place.subdistrictLevel), actor: place.subdistrict }
            : 'centre';
      const at = after(taskStart, rng.range(0.12, 0.45) * H);
      add(
        {
          action: 'escalate',
          to: next === 'centre' ? 'centre' : next.assignee,
          note: ESCALATE_NOTES[rng.int(0, ESCALATE_NOTES.length - 1)]!,
        },
        lead.actor,
        at,
      );
      if (next === 'centre') {
        // The city takes it over: the item's department leads, the subdistrict or town joins (吹哨报到).
        lead = { assignee: dept(s.departmentId), actor: s.department(s.departmentId) };
        co = [{ assignee: unit(place.subdistrict, place.subdistrictLevel), actor: place.subdistrict }];
        taskStart = add(
          { action: 'dispatch', lead: { assignee: lead.assignee }, co: co.map((c) => ({ assignee: c.assignee })) },
          seat,
          after(at, rng.range(0.08, 0.85) * L.dispatch),
        );
        // 挂牌督办: the city's summons is supervised, by a leader now and then.
        const byLeader = s.leaders.length > 0 && rng.chance(RATES.superviseCityByLeader);
        supervise(
          byLeader ? leader() : seat,
          after(taskStart, rng.range(0.005, 0.03) * H),
          pick(byLeader ? SUPERVISE_LEADER_NOTES : SUPERVISE_CITY_NOTES),
        );
        break;
      }
      lead = next;
      level = (next.assignee as { level: typeof level }).level;
      taskStart = at;
      if (!rng.chance(RATES.escalateFurther)) break;
    }
  }

  // 领导督办: a hotline (市长热线) case on a hard item, soon after its dispatch.
  if (!supervised && s.watched && s.leaders.length > 0 && rng.chance(RATES.superviseHotline))
    supervise(leader(), after(taskStart, rng.range(0.005, 0.03) * H), pick(SUPERVISE_LEADER_NOTES));

  // 签收 and 处置: the lead signs, co-handlers sign and report back, the lead may ask for more time.
  const firstAccept = steps.length;
  let m = 0; // clock minutes since the lead's task started
  const at = (minutes: number) => {
    m = Math.max(m + 1, minutes);
    return after(taskStart, m);
  };
  add({ action: 'accept' }, lead.actor, at(rng.range(0.02, 0.12) * H));
  for (const c of co) add({ action: 'accept' }, c.actor, at(m + rng.range(0.01, 0.05) * H));
  for (const c of co)
    add({ action: 'feedback', note: HANDLE_NOTES[rng.int(0, 3)]! }, c.actor, at(m + rng.range(0.05, 0.2) * H));
  let limit = H;
  if (basis === 'working' && rng.chance(RATES.extension)) {
    const hours = Math.max(1, Math.min(720, Math.round((H / 60) * rng.range(0.3, 1))));
    add(
      { action: 'requestExtension', hours, reason: EXTENSION_REASONS[rng.int(0, EXTENSION_REASONS.length - 1)]! },
      lead.actor,
      at(Math.max(m + 1, rng.range(0.45, 0.7) * H)),
    );
    const approved = rng.chance(RATES.extensionApproved);
    add({ action: approved ? 'approveExtension' : 'refuseExtension' }, seat, at(m + rng.range(0.02, 0.08) * H));
    if (approved) limit += hours * 60;
  }
  const handleFrac = lateStage === 'handle' ? rng.range(1.05, 2.2) : rng.range(0.3, 0.92);
  const localLead = lead.assignee.kind === 'unit';
  const feedbackNote = () => (localLead ? LOCAL_NOTES : HANDLE_NOTES)[rng.int(0, 2)]!;
  const fedAt = at(Math.max(m + 1, handleFrac * limit));
  if (lateStage === 'handle') superviseLate(taskStart, limit, fedAt);
  let fed = add({ action: 'feedback', note: feedbackNote() }, lead.actor, fedAt);

  // 核查: on the spot — not by whoever handled it; failed now and then (返工).
  const verifier: Actor =
    lead.actor.id === place.worker?.id ? place.community : lead.actor.id === place.local.id ? seat : place.local;
  let reworked = false;
  const verifyAt = (at: number) => {
    if (lateStage === 'verify') superviseLate(fed, L.verify, at);
    return at;
  };
  if (rng.chance(RATES.rework)) {
    const failed = add(
      { action: 'verify', passed: false, note: REWORK_NOTES[rng.int(0, 1)]! },
      verifier,
      verifyAt(after(fed, frac('verify') * L.verify)),
    );
    fed = add({ action: 'feedback', note: feedbackNote() }, lead.actor, after(failed, rng.range(0.1, 0.7) * limit));
    reworked = true;
  }
  // (a reworked case's second verification is on time: the late one, if any, was the first)
  const passedAt = after(fed, (reworked && lateStage === 'verify' ? rng.range(0.08, 0.85) : frac('verify')) * L.verify);
  add(
    { action: 'verify', passed: true, note: '核查属实，予以结案' },
    verifier,
    reworked ? passedAt : verifyAt(passedAt),
  );

  // 评价
  const satisfaction =
    SATISFACTIONS[rng.weighted(s.late || reworked ? SATISFACTION_WEIGHTS_TROUBLED : SATISFACTION_WEIGHTS)]!;
  const ratedBy: Rater = s.residentReported
    ? rng.chance(0.8)
      ? 'reporter'
      : 'centre'
    : rng.chance(0.7)
      ? 'resident'
      : 'centre';
  add(
    { action: 'evaluate', satisfaction, ratedBy, note: SATISFACTION_NOTE[satisfaction] },
    seat,
    after(last, frac('evaluate') * L.evaluate),
  );
  return { steps, firstAccept, handleMinutes: limit, basis };
}

const SHELVE_REASONS = [
  '涉及历史遗留问题，需多部门协调，列入挂账督办',
  '需纳入年度改造计划统筹解决，列入挂账',
  '产权不清，待确权后处置，列入挂账',
  '涉及资金安排，待预算落实后处置，列入挂账',
];

/**
 * A hard case taken off the clock (挂账): its run up to the lead's first accept, then shelved by the
 * seat with a reason and the subdistrict or town that supervises it, before the handling limit runs out.
 */
export function shelvePlan(rng: Rng, plan: CasePlan, seat: Actor, supervisor: string): PlannedStep[] {
  const kept = plan.steps.slice(0, plan.firstAccept + 1);
  const accepted = kept[kept.length - 1]!.at;
  const at = Math.round(addClockMinutes(accepted, rng.range(0.1, 0.4) * plan.handleMinutes, plan.basis) / 1000) * 1000;
  kept.push({
    cmd: { action: 'shelve', reason: SHELVE_REASONS[rng.int(0, SHELVE_REASONS.length - 1)]!, supervisor },
    actor: seat,
    at: Math.max(at, accepted + 1000),
  });
  return kept;
}

// Events (事): scaled(170,000) historical cases since the grid system started in 2019, each a run of
// the workflow's state machine (server/domain/workflow: report → 立案 → 派遣 → 签收/处置 → 反馈 → 核查
// → 评价, with the side paths of caseRuns.ts), exactly round(total × 0.993) of them closed; the rest
// under way at the dataset's today, or shelved (挂账) as hard old cases. Plus the reports never filed
// (invalid, or duplicates merged into an open case), counted apart, the deductions the history's
// missed limits cost, and sentiments (情).
import { DEPARTMENTS } from '../../server/domain/departments';
import { STRUCTURE, scaled, VOLUMES } from '../../server/domain/facts';
import type {
  AdminUnit,
  Building,
  CaseDeductionRow,
  CityComponent,
  EventOrigin,
  EventStage,
  EventStatus,
  EventStep,
  GovEvent,
  GridWorker,
  LonLat,
  PatrolPoint,
  SentimentItem,
  TaxonomyItem,
} from '../../server/domain/model';
import {
  actorAccounts,
  CITY_LEADERS,
  communityUsername,
  staffAccountId,
  subdistrictUsername,
  townUsername,
  villageCommitteeUsername,
} from '../../server/domain/staffAccounts';
import { getItem, TAXONOMY } from '../../server/domain/taxonomy';
import { addClockMinutes } from '../../server/domain/workflow/clock';
import { type Deduction, dueDeductions } from '../../server/domain/workflow/deadlines';
import { type CaseCommand, decide, openCase } from '../../server/domain/workflow/decide';
import { caseDeadline, limitsOf } from '../../server/domain/workflow/limits';
import type { Actor, CaseFacts, CaseState, CaseStep } from '../../server/domain/workflow/states';
import { type CasePlace, type CasePlan, type PlannedStep, planCase, shelvePlan } from './caseRuns';
import { caseDescription } from './caseText';
import { type CalendarDay, calendarDays, HOUR_WEIGHTS } from './eventCalendar';
import { buildGridPlaces, type GridPlaces, insidePolygons, pickCumulative, pickSpot } from './eventPlaces';
import { ITEM_PROFILES, type ItemProfile, seasonFactor } from './eventProfiles';
import { type CaseRun, caseRunPicker } from './hotspots';
import type { Progress } from './people';
import type { Rng } from './random';
import { generateSentiments } from './sentiment';

export interface EventsInput {
  adminUnits: AdminUnit[];
  buildings: Building[];
  components: CityComponent[];
  patrolPoints: PatrolPoint[];
  /** The urban grids' workers: the accounts that report, and verify, in their grids. */
  gridWorkers: readonly Pick<GridWorker, 'id' | 'gridId'>[];
  /** The dataset's 'today' (ISO); history ends here. */
  now: string;
  /** Planted rising runs of one problem in one grid over the last weeks (hotspots.ts); none: a plain history. */
  caseRuns?: readonly CaseRun[];
}

export interface Events {
  events: GovEvent[];
  eventSteps: EventStep[];
  /** The points history's missed limits cost (case_deductions), so the deadline checker owes none at today. */
  caseDeductions: CaseDeductionRow[];
  sentiments: SentimentItem[];
  /**
   * Each case's state after its last step, by id: what replaying its steps gives (the load writes the
   * workflow's columns from it, store/loadCases.ts). Kept in memory only, no file of the dataset.
   */
  caseStates: Map<string, CaseState>;
}

export const STAGES: readonly EventStage[] = [
  'collect',
  'file',
  'dispatch',
  'handle',
  'feedback',
  'verify',
  'evaluate',
];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The digital-village pilot (新渡镇, 范岗镇) joins in March 2021 and reaches its full share by mid-2022. */
const VILLAGE_START = Date.parse('2021-03-01T00:00:00Z');
const VILLAGE_FULL = Date.parse('2022-06-01T00:00:00Z');
const VILLAGE_SHARE = 0.2;
/** Smart manholes (智慧窨井) on main roads report from mid-2022. */
const SENSOR_START = Date.parse('2022-06-01T00:00:00Z');

/** Departments that pass the buck more often than others (the article admits 推诿扯皮). */
const OVERDUE_BY_DEPARTMENT: Record<string, number> = {
  D01: 0.8,
  D02: 0.9,
  D03: 1,
  D04: 1.6,
  D05: 1.4,
  D06: 1.1,
  D07: 1.3,
  D12: 1.5,
  D14: 0.6,
  D19: 1.4,
  D20: 1.2,
  D21: 1.2,
  D22: 0.7,
};
const OVERDUE_BASE = 0.036;

export function generateEvents(rng: Rng, scale: number, input: EventsInput, onProgress?: Progress): Events {
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) throw new Error(`events: 'now' is not an ISO date: '${input.now}'`);
  const now = iso(nowMs);
  const total = scaled(VOLUMES.events, scale);
  const closedCount = Math.round(total * VOLUMES.closureRate);

  const grids = input.adminUnits
    .filter((u) => u.level === 'grid')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (grids.length === 0) throw new Error('events: no grids');
  const places = buildGridPlaces(grids, input.buildings, input.components, input.patrolPoints);
  const urban = grids.filter((g) => g.area !== 'village').map((g) => places.get(g.id)!);
  const village = grids.filter((g) => g.area === 'village').map((g) => places.get(g.id)!);
  const urbanCum = cumulativeOf(urban.map((p) => p.weight));
  const villageCum = cumulativeOf(village.map((p) => p.weight));
  const world = caseWorld(input.adminUnits, input.gridWorkers);

  // 1. When: report times, sorted.
  const days = calendarDays(nowMs);
  const times = reportTimes(rng.fork('times'), total, days, nowMs);

  // 2. What, where, and the run each case would take if left alone (closed, or still under way at now).
  const itemTables = buildItemTables();
  const detail = rng.fork('detail');
  const timeline = rng.fork('timeline');
  // The descriptions' words on a stream of their own: the history does not depend on them.
  const describe = caseDescriber(rng.fork('case-words'), input.adminUnits);
  const events: GovEvent[] = new Array(total);
  const cases: PlannedCase[] = new Array(total);
  const serialOfDay = new Map<string, number>();
  const dayIndexOf = (ms: number) => Math.min(days.length - 1, Math.floor((ms - days[0]!.startMs) / DAY_MS));
  const nextCode = (ms: number) => {
    const day = days[dayIndexOf(ms)]!;
    const serial = (serialOfDay.get(day.ymd) ?? 0) + 1;
    serialOfDay.set(day.ymd, serial);
    return `TC${day.ymd}-${String(serial).padStart(6, '0')}`;
  };

  const runs = plantedRuns(rng.fork('case-runs'), input.caseRuns ?? [], places, nowMs);

  for (let i = 0; i < total; i++) {
    const reported = times[i]!;
    const day = days[dayIndexOf(reported)]!;
    const villageShare =
      village.length === 0
        ? 0
        : urban.length === 0
          ? 1
          : VILLAGE_SHARE * clamp01((reported - VILLAGE_START) / (VILLAGE_FULL - VILLAGE_START));
    const inVillage = detail.chance(villageShare);
    let gridPlaces = inVillage
      ? village[pickCumulative(villageCum, detail.next())]!
      : urban[pickCumulative(urbanCum, detail.next())]!;
    const table = itemTables[(day.month - 1) * 4 + (inVillage ? 2 : 0) + (day.festive ? 1 : 0)]!;
    let item = TAXONOMY.items[pickCumulative(table, detail.next())]!;
    // A planted run takes an urban case of its last weeks to its grid and problem (counts stay as they are).
    const run = inVillage ? null : runs(reported);
    if (run) [gridPlaces, item] = [run.places, run.item];
    const profile = ITEM_PROFILES.get(item.code)!;
    const source = pickSource(detail, item, profile, inVillage, reported);
    const [lon, lat, label] = place(detail, gridPlaces, profile);
    const id = `E${String(i + 1).padStart(7, '0')}`;
    const grid = gridPlaces.grid;
    const casePlace = world.placeOf(grid);
    const seat = world.seat(i);
    const plan = planCase(timeline, {
      itemCode: item.code,
      departmentId: item.departmentId,
      localLevel: localLevelOf(item.code, grid.area === 'village'),
      coDepartments: CO_DEPARTMENTS[item.code] ?? [],
      confusedWith: CONFUSED_WITH[item.departmentId] ?? (item.departmentId === 'D02' ? 'D04' : 'D02'),
      seat,
      department: world.department,
      place: casePlace,
      residentReported: source === 'resident' || source === 'hotline',
      reported,
      late: timeline.chance(overdueChance(item, reported)),
      leaders: world.leaders,
      watched: source === 'hotline' && isHard(item),
    });
    cases[i] = { plan, places: gridPlaces, reporter: world.reporter(source, casePlace, item.departmentId), seat };
    events[i] = {
      id,
      code: nextCode(reported),
      itemCode: item.code,
      source,
      gridId: grid.id,
      position: [lon, lat],
      reportedAt: iso(reported),
      deadlineAt: caseDeadline(item.code, iso(reported)),
      departmentId: item.departmentId,
      status: 'closed',
      closedAt: null,
      overdue: false,
      description: describe(item.code, source, label, grid, reported),
    };
    if (onProgress && (i + 1) % 20_000 === 0) onProgress(i + 1, total * 2, 'events');
  }

  // 3. Exactly `total - closedCount` stay open: those still under way at now, and hard old cases
  // taken off the clock (挂账) to make up the number.
  const shelved = chooseShelved(rng.fork('shelve'), cases, events, total - closedCount, nowMs);

  // 4. Each case's commands issued through the state machine, up to now.
  const eventSteps: EventStep[] = [];
  const caseDeductions: CaseDeductionRow[] = [];
  const caseStates = new Map<string, CaseState>();
  const shelveRng = rng.fork('shelved');
  const unitName = new Map(input.adminUnits.map((u) => [u.id, u.name]));
  for (let i = 0; i < total; i++) {
    const e = events[i]!;
    const c = cases[i]!;
    const planned = shelved[i]
      ? shelvePlan(shelveRng, c.plan, c.seat, world.placeOf(c.places.grid).subdistrict.id)
      : c.plan.steps.filter((s) => s.at < nowMs);
    const state = issue(e, c.reporter, SOURCE_NOTE[e.source], planned, world.facts(e), eventSteps, unitName);
    caseStates.set(e.id, state);
    const due = dueDeductions(state, now);
    for (const d of due) caseDeductions.push(deductionRow(d));
    e.status = state.status;
    e.closedAt = state.closedAt;
    e.departmentId = state.departmentId;
    e.overdue = due.length > 0;
    // what the reports never filed need of the case; the plan itself can go
    c.verifiedAt = c.plan.steps.find((x) => x.cmd.action === 'verify' && x.cmd.passed)?.at ?? nowMs;
    c.plan = RELEASED;
    if (onProgress && (i + 1) % 20_000 === 0) onProgress(total + i + 1, total * 2, 'events');
  }

  // 5. Reports never filed, counted apart from the cases: invalid ones (不予立案) and duplicates merged
  // into the open case they repeat (重复合并).
  const notFiled = notFiledReports(rng.fork('not-filed'), events, cases, total, nowMs, describe);
  for (const r of notFiled) {
    const e = {
      ...r.event,
      id: `E${String(events.length + 1).padStart(7, '0')}`,
      code: nextCode(Date.parse(r.event.reportedAt)),
    };
    caseStates.set(e.id, issue(e, r.reporter, SOURCE_NOTE[e.source], r.steps, world.facts(e), eventSteps, unitName));
    events.push(e);
  }
  onProgress?.(total * 2, total * 2, 'events');

  const sentiments = generateSentiments(rng.fork('sentiments'), scale, grids, places, nowMs, input.adminUnits);
  return { events, eventSteps, caseDeductions, sentiments, caseStates };
}

interface PlannedCase {
  plan: CasePlan;
  /** When its verification passed (or now), once issued. */
  verifiedAt?: number;
  places: GridPlaces;
  reporter: Actor;
  seat: Actor;
}

const RELEASED: CasePlan = { steps: [], firstAccept: 0, handleMinutes: 0, basis: 'working' };

/** Opens the case and issues `planned` through the machine, appending the steps; throws on a refusal (a generator bug). */
function issue(
  e: GovEvent,
  reporter: Actor,
  reportNote: string,
  planned: readonly PlannedStep[],
  facts: CaseFacts,
  out: EventStep[],
  unitName: ReadonlyMap<string, string>,
): CaseState {
  const opened = openCase(
    facts,
    { source: e.source, description: e.description, note: reportNote },
    reporter,
    e.reportedAt,
  );
  if (!opened.ok) throw new Error(`events: ${e.id} report refused: ${opened.message}`);
  out.push(stepRow(e.id, opened.step));
  let state = opened.state;
  for (const p of planned) {
    // (a plan is issued once: its command takes its note in place)
    if (p.cmd.note === undefined) p.cmd.note = defaultNote(p.cmd, e.itemCode, unitName);
    const d = decide(state, p.cmd, p.actor, iso(p.at));
    if (!d.ok) throw new Error(`events: ${e.id} ${p.cmd.action} by ${p.actor.id} refused: ${d.message}`);
    out.push(stepRow(e.id, d.step));
    state = d.state;
  }
  return state;
}

function defaultNote(cmd: CaseCommand, itemCode: string, unitName: ReadonlyMap<string, string>): string | undefined {
  switch (cmd.action) {
    case 'file':
      return `立案：${getItem(itemCode).name}`;
    case 'dispatch': {
      const a = cmd.lead.assignee;
      const name = a.kind === 'department' ? DEPARTMENT_NAME.get(a.id) : unitName.get(a.id);
      return cmd.co?.length ? `派遣至${name}牵头，${cmd.co.length}个单位协办` : `派遣至${name}`;
    }
    case 'accept':
      return '已签收';
    case 'approveExtension':
      return '同意延期';
    case 'refuseExtension':
      return '延期理由不充分，不予批准';
    default:
      return undefined;
  }
}

const stepRow = (eventId: string, s: CaseStep): EventStep => ({
  eventId,
  seq: s.seq,
  stage: s.stage,
  at: s.at,
  actor: s.actor,
  note: s.note,
  action: s.action,
  role: s.role,
  detail: s.detail,
});

const deductionRow = (d: Deduction): CaseDeductionRow => ({
  eventId: d.caseId,
  clock: d.clockKey,
  holder: d.holder,
  stage: d.stage,
  dueAt: d.dueAt,
  // the deadline checker, running every minute, would have deducted it at the deadline
  deductedAt: d.dueAt,
  points: d.points,
  reason: d.reason,
});

/**
 * Which closed-by-plan cases become 挂账 so that exactly `open` cases are open at now: the cases still
 * under way at now count first; the rest are hard, non-urgent cases older than two months, the more
 * recent and the harder the likelier. Cases under way beyond `open` (tiny datasets only) are finished
 * sooner: their run is squeezed to end before now.
 */
function chooseShelved(rng: Rng, cases: PlannedCase[], events: GovEvent[], open: number, nowMs: number): Uint8Array {
  const shelved = new Uint8Array(cases.length);
  const underWay: number[] = [];
  cases.forEach((c, i) => {
    if (c.plan.steps[c.plan.steps.length - 1]!.at >= nowMs) underWay.push(i);
  });
  for (const i of underWay.slice(0, Math.max(0, underWay.length - open))) squeeze(cases[i]!.plan, events[i]!, nowMs);
  const wanted = open - Math.min(open, underWay.length);
  if (wanted === 0) return shelved;
  const keys = new Float64Array(cases.length).fill(Infinity);
  cases.forEach((c, i) => {
    const e = events[i]!;
    const age = nowMs - Date.parse(e.reportedAt);
    const last = c.plan.steps[c.plan.steps.length - 1]!.at;
    const item = getItem(e.itemCode);
    if (last >= nowMs || age < 60 * DAY_MS || item.severity === 3) return;
    const w = (HARD_ITEMS[e.itemCode] ?? HARD_CATEGORIES[item.categoryCode] ?? 1) * Math.exp(-age / (730 * DAY_MS));
    keys[i] = -Math.log(1 - rng.next()) / w;
  });
  const order = Array.from(keys.keys())
    .filter((i) => keys[i] !== Infinity)
    .sort((a, b) => keys[a]! - keys[b]! || a - b);
  for (let k = 0; k < wanted && k < order.length; k++) shelved[order[k]!] = 1;
  return shelved;
}

/** Squeezes a run in time so that it ends a minute before now (keeps order; only ever makes steps earlier). */
function squeeze(plan: CasePlan, e: GovEvent, nowMs: number): void {
  const start = Date.parse(e.reportedAt);
  const last = plan.steps[plan.steps.length - 1]!.at;
  const f = (nowMs - 60_000 - start) / (last - start);
  let prev = start;
  for (const s of plan.steps) {
    s.at = Math.max(prev + 1000, Math.round((start + (s.at - start) * f) / 1000) * 1000);
    prev = s.at;
  }
}

/** Long-standing problems that end up 挂账 more often than street matters. */
const HARD_ITEMS: Record<string, number> = {
  '030301': 8,
  '030302': 8,
  '030303': 5,
  '040204': 5,
  '080301': 5,
  '070204': 5,
  '070302': 6,
  '010401': 4,
  '090203': 4,
};
const HARD_CATEGORIES: Record<string, number> = { '03': 3, '07': 3, '06': 2, '08': 2 };
const isHard = (item: TaxonomyItem) => item.code in HARD_ITEMS || item.categoryCode in HARD_CATEGORIES;

/** Handled by the place itself: the grid worker on the spot, or the community / village committee (调解, 走访). */
const LOCAL_LEVEL: Record<string, 'grid' | 'community'> = {
  '010302': 'grid', // 沿街晾挂
  '040202': 'grid', // 非机动车乱停放
  '010303': 'community', // 违规饲养家禽
  '070201': 'community', // 邻里纠纷
  '070202': 'community', // 婚姻家庭纠纷
  '090101': 'community', // 困难群众救助
  '090102': 'community', // 独居老人关爱
};
/** Local only in the villages: the village committee clears its own waterways. */
const VILLAGE_LOCAL_LEVEL: Record<string, 'community'> = { '090201': 'community' };

/** Which planted run, if any, takes a case reported at `ms` (see hotspots.ts caseRunPicker). */
function plantedRuns(rng: Rng, runs: readonly CaseRun[], places: Map<string, GridPlaces>, nowMs: number) {
  const picker = caseRunPicker(rng, runs, nowMs);
  const resolved = runs.map((r) => {
    const p = places.get(r.gridId);
    const item = TAXONOMY.items.find((i) => i.code === r.itemCode);
    if (!p || !item) throw new Error(`events: planted run in unknown grid ${r.gridId} or item ${r.itemCode}`);
    return { places: p, item };
  });
  return (ms: number) => {
    const i = picker(ms);
    return i === null ? null : resolved[i]!;
  };
}

function localLevelOf(code: string, inVillage: boolean): 'grid' | 'community' | null {
  const level = LOCAL_LEVEL[code] ?? (inVillage ? VILLAGE_LOCAL_LEVEL[code] : undefined) ?? null;
  // a village grid has no worker of its own: the village committee takes the grid's share
  return inVillage && level === 'grid' ? 'community' : level;
}

/** Items that take several departments (联合执法): who a summons calls beside the lead, in order. */
const CO_DEPARTMENTS: Record<string, readonly string[]> = {
  '030301': ['D05', 'D04'], // 违章建筑: planning, housing
  '030302': ['D05', 'D04'],
  '030303': ['D02'],
  '010401': ['D02', 'D03'], // 餐饮油烟: city management, market supervision
  '010404': ['D04', 'D02'],
  '030102': ['D06', 'D02'],
  '040204': ['D02'],
  '040302': ['D04', 'D07'],
  '070103': ['D14', 'D04'],
  '070204': ['D18', 'D19'],
  '070302': ['D18', 'D11'],
  '080301': ['D14', 'D03'],
  '090203': ['D05', 'D01'],
};
/** The department a case is easily dispatched to by mistake (then returned: 退回). */
const CONFUSED_WITH: Record<string, string> = {
  D01: 'D07',
  D03: 'D14',
  D04: 'D02',
  D06: 'D02',
  D07: 'D01',
  D12: 'D18',
  D13: 'D02',
  D14: 'D03',
  D18: 'D12',
  D21: 'D04',
  D22: 'D14',
};

const REJECT_REASONS = [
  '经核实不属于城市管理问题范围，不予立案',
  '信息不全，无法核实，不予立案',
  '现场核实无此问题，不予立案',
  '属于小区物业内部事务，已告知当事人，不予立案',
];
/** Reports never filed, per filed case: invalid (不予立案) and duplicates of an open case (重复). */
export const NOT_FILED_RATES = { invalid: 0.025, duplicate: 0.03 } as const;

interface NotFiled {
  event: Omit<GovEvent, 'id' | 'code'> & { id: string; code: string };
  reporter: Actor;
  steps: PlannedStep[];
}

/**
 * Invalid reports and duplicates, sorted by report time. Each is modelled on a filed case (so they
 * follow history's times, places and items): a duplicate repeats an earlier case while it is still
 * open, within 48 hours, and is merged into it; an invalid report is turned away by the seat.
 */
function notFiledReports(
  rng: Rng,
  events: GovEvent[],
  cases: PlannedCase[],
  total: number,
  nowMs: number,
  describe: Describer,
): NotFiled[] {
  const out: NotFiled[] = [];
  const counts = {
    invalid: Math.round(total * NOT_FILED_RATES.invalid),
    duplicate: Math.round(total * NOT_FILED_RATES.duplicate),
  };
  for (const kind of ['invalid', 'duplicate'] as const) {
    for (let n = 0; n < counts[kind]; n++) {
      const j = rng.int(0, total - 1);
      const model = events[j]!;
      const c = cases[j]!;
      const t0 = Date.parse(model.reportedAt);
      // while the model case is open (until its verification passed) and within 48 h; a minute at least
      const verifiedAt = c.verifiedAt ?? nowMs;
      const span = Math.min(48 * HOUR_MS, verifiedAt - t0, nowMs - t0) * 0.8;
      const reported = Math.round((t0 + 60_000 + rng.next() * Math.max(0, span - 60_000)) / 1000) * 1000;
      const profile = ITEM_PROFILES.get(model.itemCode)!;
      const [lon, lat, label] =
        kind === 'duplicate' ? nearby(rng, c.places, model.position) : place(rng, c.places, profile);
      const source: EventOrigin = rng.chance(0.6) ? 'resident' : 'hotline';
      const event = {
        ...model,
        id: '',
        code: '',
        source,
        position: [lon, lat] as [number, number],
        reportedAt: iso(reported),
        deadlineAt: caseDeadline(model.itemCode, iso(reported)),
        departmentId: getItem(model.itemCode).departmentId,
        status: (kind === 'invalid' ? 'rejected' : 'merged') as EventStatus,
        closedAt: null,
        overdue: false,
        description:
          kind === 'duplicate' ? model.description : describe(model.itemCode, source, label, c.places.grid, reported),
      };
      const { basis, minutes } = limitsOf(model.itemCode);
      const at =
        Math.round(addClockMinutes(reported, Math.max(1, rng.range(0.05, 0.8) * minutes.file), basis) / 1000) * 1000;
      if (at >= nowMs) continue; // too recent to have been decided: leave it out
      const cmd: CaseCommand =
        kind === 'invalid'
          ? { action: 'reject', reason: REJECT_REASONS[rng.int(0, REJECT_REASONS.length - 1)]! }
          : { action: 'merge', into: model.id, note: `与${model.code}重复，合并办理` };
      out.push({ event, reporter: SYSTEM_CHANNEL[source]!, steps: [{ cmd, actor: c.seat, at }] });
    }
  }
  return out.sort((a, b) =>
    a.event.reportedAt < b.event.reportedAt ? -1 : a.event.reportedAt > b.event.reportedAt ? 1 : 0,
  );
}

/** A point a few metres from `at`, if still inside the grid (a second report of the same thing). */
function nearby(rng: Rng, places: GridPlaces, [lon0, lat0]: LonLat): [number, number, string] {
  const dLat = rng.normal(0, 8) / 111_320;
  const dLon = rng.normal(0, 8) / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  // the point as it is written (rounded) must still be inside the grid
  const [lon, lat] = [round7(lon0 + dLon), round7(lat0 + dLat)];
  return insidePolygons(places.polygons, lon, lat) ? [lon, lat, ''] : [lon0, lat0, ''];
}

const SYSTEM_CHANNEL: Partial<Record<EventOrigin, Actor>> = {
  resident: { id: 'resident', role: 'system' },
  camera: { id: 'camera', role: 'system' },
  sensor: { id: 'sensor', role: 'system' },
  hotline: { id: 'hotline-12345', role: 'system' },
};

/**
 * The accounts a case meets, as the machine's actors (staffAccounts.ts): each grid's worker, community
 * or village committee and subdistrict or town; the departments; the 16 centre seats (cases go round
 * them; the seat that files a case dispatches and evaluates it); the city leaders who supervise (督办);
 * and each case's facts (its grid's path).
 */
function caseWorld(units: readonly AdminUnit[], workers: EventsInput['gridWorkers']) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const workerOf = new Map(workers.map((w) => [w.gridId, w.id]));
  const pathOf = new Map<string, string[]>();
  const path = (id: string): string[] => {
    let p = pathOf.get(id);
    if (!p) {
      const u = byId.get(id)!;
      p = u.parentId ? [...path(u.parentId), id] : [id];
      pathOf.set(id, p);
    }
    return p;
  };
  const unitActor = (u: AdminUnit): Actor & { unitId: string } => {
    const username =
      u.level === 'community'
        ? communityUsername(u.id)
        : u.level === 'village'
          ? villageCommitteeUsername(u.id)
          : u.level === 'subdistrict'
            ? subdistrictUsername(u.id)
            : townUsername(u.id);
    return {
      id: staffAccountId(username),
      role: u.level === 'community' || u.level === 'village' ? 'community' : 'subdistrict',
      unitId: u.id,
    };
  };
  const placeCache = new Map<string, CasePlace>();
  const departments = new Map<string, Actor>();
  const seats = Array.from(
    { length: STRUCTURE.centreSeats },
    (_, k): Actor => ({
      id: actorAccounts.centreSeat(k + 1),
      role: 'centre',
    }),
  );
  const leaders = CITY_LEADERS.map((_, k): Actor => ({ id: actorAccounts.leader(k + 1), role: 'leader' }));
  return {
    leaders,
    placeOf(grid: AdminUnit): CasePlace {
      let p = placeCache.get(grid.id);
      if (!p) {
        const community = byId.get(grid.parentId!)!;
        const subdistrict = byId.get(community.parentId!)!;
        const w = grid.area === 'village' ? undefined : workerOf.get(grid.id);
        const worker: Actor | null = w
          ? { id: actorAccounts.gridWorker(w), role: 'gridworker', unitId: grid.id }
          : null;
        const c = unitActor(community);
        p = {
          worker,
          community: c,
          communityLevel: community.level === 'village' ? 'village' : 'community',
          subdistrict: unitActor(subdistrict),
          subdistrictLevel: subdistrict.level === 'town' ? 'town' : 'subdistrict',
          local: worker ?? c,
        };
        placeCache.set(grid.id, p);
      }
      return p;
    },
    department(id: string): Actor {
      let a = departments.get(id);
      if (!a) {
        a = { id: actorAccounts.department(id), role: 'department', departmentId: id };
        departments.set(id, a);
      }
      return a;
    },
    seat: (i: number) => seats[i % seats.length]!,
    /** Who reports: the local account on patrol, the department for its own finds, else the channel. */
    reporter(source: EventOrigin, p: CasePlace, departmentId: string): Actor {
      if (source === 'patrol') return p.local;
      if (source === 'department') return this.department(departmentId);
      return SYSTEM_CHANNEL[source]!;
    },
    facts(e: GovEvent): CaseFacts {
      const grid = byId.get(e.gridId)!;
      return {
        id: e.id,
        itemCode: e.itemCode,
        source: e.source,
        gridId: e.gridId,
        gridPath: path(e.gridId),
        area: grid.area === 'village' ? 'village' : 'urban',
        reportedAt: e.reportedAt,
      };
    },
  };
}

/** `total` report instants (UTC ms), ascending, distributed by day weight and CST hour of day. */
function reportTimes(rng: Rng, total: number, days: CalendarDay[], nowMs: number): Float64Array {
  const dayCum = cumulativeOf(days.map((d) => d.weight));
  const hourCum = cumulativeOf(HOUR_WEIGHTS);
  const times = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    for (;;) {
      const day = days[pickCumulative(dayCum, rng.next())]!;
      const hour = pickCumulative(hourCum, rng.next());
      const t = day.startMs + hour * HOUR_MS + rng.int(0, 3599) * 1000;
      if (t < nowMs) {
        times[i] = t;
        break;
      }
    }
  }
  return times.sort();
}

function overdueChance(item: TaxonomyItem, reported: number): number {
  const year = new Date(reported).getUTCFullYear();
  // Assessment with automatic point deductions made departments faster year by year.
  const byYear = Math.max(0.75, 1.45 - 0.12 * (year - 2019));
  return OVERDUE_BASE * (OVERDUE_BY_DEPARTMENT[item.departmentId] ?? 1) * byYear;
}

const SOURCES: readonly EventOrigin[] = ['patrol', 'resident', 'camera', 'hotline', 'department', 'sensor'];

function pickSource(
  rng: Rng,
  item: TaxonomyItem,
  profile: ItemProfile,
  inVillage: boolean,
  reported: number,
): EventOrigin {
  const w = [0.5, 0.16, 0.1, 0.13, 0.09, 0];
  if (item.categoryCode === '07' || item.subcategoryCode === '0901') {
    w.splice(0, 6, 0.35, 0.3, item.code.startsWith('0701') ? 0.15 : 0.02, 0.23, 0.08, 0);
  }
  if (inVillage) w[2] = 0.01;
  if (!inVillage && reported >= SENSOR_START && (profile.anchor === 'manhole' || item.code === '050101')) w[5] = 0.3;
  return SOURCES[rng.weighted(w)]!;
}

function place(rng: Rng, places: GridPlaces, profile: ItemProfile): [number, number, string] {
  const spot = pickSpot(rng, places, profile.anchor);
  // A few metres of jitter, kept only if the point as written (rounded) is still inside the grid.
  const dLat = rng.normal(0, 3) / 111_320;
  const dLon = rng.normal(0, 3) / (111_320 * Math.cos((spot.lat * Math.PI) / 180));
  const [jLon, jLat] = [round7(spot.lon + dLon), round7(spot.lat + dLat)];
  const jittered = insidePolygons(places.polygons, jLon, jLat);
  const lon = jittered ? jLon : spot.lon;
  const lat = jittered ? jLat : spot.lat;
  return [lon, lat, spot.isComponent ? `${spot.label}：` : `${spot.label}附近：`];
}

const DEPARTMENT_NAME = new Map(DEPARTMENTS.map((d) => [d.id, d.name]));

type Describer = (itemCode: string, source: EventOrigin, label: string, grid: AdminUnit, reportedMs: number) => string;

/** Descriptions from caseText.ts, naming the grid's community or village. */
function caseDescriber(words: Rng, units: readonly AdminUnit[]): Describer {
  const names = new Map(units.map((u) => [u.id, u.name]));
  return (itemCode, source, label, grid, reportedMs) =>
    caseDescription(words, {
      itemCode,
      source,
      label,
      unitName: (grid.parentId && names.get(grid.parentId)) || grid.name,
      gridName: grid.name,
      reportedMs,
    });
}

const SOURCE_NOTE: Record<EventOrigin, string> = {
  patrol: '网格员巡查上报',
  resident: '居民随手拍上报',
  camera: '视频智能识别上报',
  sensor: '感知设备告警上报',
  hotline: '12345热线转办',
  department: '部门巡查上报',
  leader: '市领导交办',
};
/** One cumulative table of item weights per (month, area, festive). */
function buildItemTables(): Float64Array[] {
  const tables: Float64Array[] = [];
  for (let month = 1; month <= 12; month++) {
    for (const inVillage of [false, true]) {
      for (const festive of [false, true]) {
        tables.push(
          cumulativeOf(
            TAXONOMY.items.map((item) => {
              const p = ITEM_PROFILES.get(item.code)!;
              return p.weight * (inVillage ? p.village : 1) * seasonFactor(p.season, month, festive);
            }),
          ),
        );
      }
    }
  }
  return tables;
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

const clamp01 = (x: number) => (x < 0 ? 0 : Math.min(x, 1));
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const iso = (ms: number) => new Date(ms).toISOString();

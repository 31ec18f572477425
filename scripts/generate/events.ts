// Events (事): scaled(170,000) historical cases since the grid system started in 2019, exactly
// round(total × 0.993) closed with the full seven-stage loop (信息收集 → 案卷建立 → 任务派遣 → 任务处理
// → 处理反馈 → 核查结案 → 综合评价), the rest open at some stage, mostly recent. Plus sentiments (情).
import { DEPARTMENTS } from '../../server/domain/departments';
import { STRUCTURE, scaled, VOLUMES } from '../../server/domain/facts';
import type {
  AdminUnit,
  Building,
  CityComponent,
  EventOrigin,
  EventStage,
  EventStatus,
  EventStep,
  GovEvent,
  GridWorker,
  PatrolPoint,
  SentimentItem,
  TaxonomyItem,
} from '../../server/domain/model';
import { actorAccounts } from '../../server/domain/staffAccounts';
import { TAXONOMY } from '../../server/domain/taxonomy';
import { type CalendarDay, calendarDays, HOUR_WEIGHTS } from './eventCalendar';
import { buildGridPlaces, type GridPlaces, insidePolygons, pickCumulative, pickSpot } from './eventPlaces';
import { ITEM_PROFILES, type ItemProfile, seasonFactor } from './eventProfiles';
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
}

export interface Events {
  events: GovEvent[];
  eventSteps: EventStep[];
  sentiments: SentimentItem[];
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
/** The status of an open event whose last step is STAGES[i]. */
const OPEN_STATUS: readonly EventStatus[] = ['reported', 'filed', 'dispatched', 'handling', 'feedback', 'verified'];

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

  // 1. When: report times, sorted.
  const days = calendarDays(nowMs);
  const times = reportTimes(rng.fork('times'), total, days, nowMs);
  // 2. Which stay open: recent ones far more likely (old stuck cases are rare).
  const open = chooseOpen(rng.fork('open'), times, total - closedCount, nowMs);

  const localActor = localActors(input.gridWorkers);
  const itemTables = buildItemTables();
  const detail = rng.fork('detail');
  const timeline = rng.fork('timeline');
  const events: GovEvent[] = new Array(total);
  const eventSteps: EventStep[] = [];
  const serialOfDay = new Map<string, number>();
  const dayIndexOf = (ms: number) => Math.min(days.length - 1, Math.floor((ms - days[0]!.startMs) / DAY_MS));

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
    const gridPlaces = inVillage
      ? village[pickCumulative(villageCum, detail.next())]!
      : urban[pickCumulative(urbanCum, detail.next())]!;
    const table = itemTables[(day.month - 1) * 4 + (inVillage ? 2 : 0) + (day.festive ? 1 : 0)]!;
    const item = TAXONOMY.items[pickCumulative(table, detail.next())]!;
    const profile = ITEM_PROFILES.get(item.code)!;
    const source = pickSource(detail, item, profile, inVillage, reported);
    const [lon, lat, label] = place(detail, gridPlaces, profile);

    const serial = (serialOfDay.get(day.ymd) ?? 0) + 1;
    serialOfDay.set(day.ymd, serial);
    const id = `E${String(i + 1).padStart(7, '0')}`;
    const deadline = reported + item.timeLimitHours * HOUR_MS;
    const actors = actorsFor(localActor(gridPlaces.grid), source, item, i);

    let status: EventStatus;
    let closedAt: number | null = null;
    let overdue: boolean;
    let stepTimes: number[];
    if (open[i]) {
      stepTimes = openTimeline(timeline, reported, nowMs);
      status = OPEN_STATUS[stepTimes.length - 1]!;
      overdue = nowMs > deadline;
    } else {
      const late = timeline.chance(overdueChance(item, reported));
      stepTimes = closedTimeline(timeline, reported, item.timeLimitHours * HOUR_MS, late, nowMs);
      status = 'closed';
      closedAt = stepTimes[6]!;
      overdue = closedAt > deadline;
    }
    for (let s = 0; s < stepTimes.length; s++) {
      eventSteps.push({
        eventId: id,
        seq: s + 1,
        stage: STAGES[s]!,
        at: iso(stepTimes[s]!),
        actor: actors[s]!,
        note: stepNote(timeline, s, item, source, overdue),
      });
    }
    events[i] = {
      id,
      code: `TC${day.ymd}-${String(serial).padStart(6, '0')}`,
      itemCode: item.code,
      source,
      gridId: gridPlaces.grid.id,
      position: [lon, lat],
      reportedAt: iso(reported),
      deadlineAt: iso(deadline),
      departmentId: item.departmentId,
      status,
      closedAt: closedAt === null ? null : iso(closedAt),
      overdue,
      description: `${label}${profile.detail}`,
    };
    if (onProgress && (i + 1) % 10_000 === 0) onProgress(i + 1, total, 'events');
  }
  onProgress?.(total, total, 'events');

  const sentiments = generateSentiments(rng.fork('sentiments'), scale, grids, places, nowMs);
  return { events, eventSteps, sentiments };
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

/** Marks `count` events open, recent ones far more likely; events younger than an hour always are. */
function chooseOpen(rng: Rng, times: Float64Array, count: number, nowMs: number): Uint8Array {
  const open = new Uint8Array(times.length);
  if (count <= 0) return open;
  // Weighted sampling without replacement (Efraimidis–Spirakis): smallest −ln(u)/w wins.
  const keys = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const ageDays = (nowMs - times[i]!) / DAY_MS;
    const w = Math.exp(-ageDays / 6) + 0.0002;
    keys[i] = ageDays < 1 / 24 ? -1 : -Math.log(1 - rng.next()) / w;
  }
  const order = Array.from(keys.keys()).sort((a, b) => keys[a]! - keys[b]! || a - b);
  for (let k = 0; k < count; k++) open[order[k]!] = 1;
  return open;
}

function overdueChance(item: TaxonomyItem, reported: number): number {
  const year = new Date(reported).getUTCFullYear();
  // Assessment with automatic point deductions made departments faster year by year.
  const byYear = Math.max(0.75, 1.45 - 0.12 * (year - 2019));
  return OVERDUE_BASE * (OVERDUE_BY_DEPARTMENT[item.departmentId] ?? 1) * byYear;
}

// Shares of the total duration taken by file, dispatch, handle, feedback, verify, evaluate.
const STAGE_SHARES = [0.04, 0.06, 0.5, 0.12, 0.18, 0.1];

/** Seven strictly increasing instants from report to evaluation, on time or late, never after now. */
function closedTimeline(rng: Rng, reported: number, limitMs: number, late: boolean, nowMs: number): number[] {
  let duration = late ? limitMs * rng.range(1.05, 2.5) : limitMs * (0.15 + 0.8 * rng.next() ** 0.9);
  const room = nowMs - reported - 1000;
  if (duration > room) duration = room * rng.range(0.4, 0.95); // a recent case closed quickly
  return spread(rng, reported, duration, 6);
}

/** An open case's steps so far: further along the older it is. */
function openTimeline(rng: Rng, reported: number, nowMs: number): number[] {
  const age = nowMs - reported;
  const last =
    age < HOUR_MS / 2
      ? rng.int(0, 1)
      : age < 4 * HOUR_MS
        ? rng.int(0, 2)
        : age < 2 * DAY_MS
          ? rng.int(1, 4)
          : [2, 3, 3, 3, 4, 5][rng.int(0, 5)]!;
  return spread(rng, reported, age * rng.range(0.3, 0.95), last);
}

/** reported + `steps` further instants over `duration`, each at least a second apart. */
function spread(rng: Rng, reported: number, duration: number, steps: number): number[] {
  const shares = STAGE_SHARES.slice(0, steps).map((s) => s * rng.range(0.5, 1.5));
  const sum = shares.reduce((a, b) => a + b, 0) || 1;
  const out = [Math.round(reported / 1000) * 1000];
  let acc = 0;
  for (let s = 0; s < steps; s++) {
    acc += shares[s]!;
    const t = Math.round((reported + (duration * acc) / sum) / 1000) * 1000;
    out.push(Math.max(t, out[s]! + 1000));
  }
  return out;
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
  // A few metres of jitter, kept only if still inside the grid.
  const dLat = rng.normal(0, 3) / 111_320;
  const dLon = rng.normal(0, 3) / (111_320 * Math.cos((spot.lat * Math.PI) / 180));
  const jittered = insidePolygons(places.polygons, spot.lon + dLon, spot.lat + dLat);
  const lon = jittered ? spot.lon + dLon : spot.lon;
  const lat = jittered ? spot.lat + dLat : spot.lat;
  return [round7(lon), round7(lat), spot.isComponent ? `${spot.label}：` : `${spot.label}附近：`];
}

const DEPARTMENT_NAME = new Map(DEPARTMENTS.map((d) => [d.id, d.name]));

/**
 * The account that works a grid on the spot (reports on patrol, verifies a case): its grid worker; in
 * a village, the village committee (village grids have no full-time worker); an urban grid without a
 * worker falls back to its community.
 */
function localActors(workers: EventsInput['gridWorkers']): (grid: AdminUnit) => string {
  const workerOf = new Map(workers.map((w) => [w.gridId, w.id]));
  return (grid) => {
    if (grid.area === 'village') return actorAccounts.villageCommittee(grid.parentId!);
    const worker = workerOf.get(grid.id);
    return worker ? actorAccounts.gridWorker(worker) : actorAccounts.community(grid.parentId!);
  };
}

/**
 * Who does each of the seven stages: staff accounts (staffAccounts.ts) for people who have one — the
 * grid's local account, a centre seat (cases go round the 16 seats; the seat that files a case
 * dispatches and evaluates it), the owning department — and the channel itself for sources that are
 * not an account (a resident's photo, a camera, a sensor, the 12345 hotline).
 */
function actorsFor(local: string, source: EventOrigin, item: TaxonomyItem, i: number): string[] {
  const department = actorAccounts.department(item.departmentId);
  const reporter =
    source === 'patrol'
      ? local
      : source === 'department'
        ? department
        : source === 'hotline'
          ? 'hotline-12345'
          : source;
  const seat = actorAccounts.centreSeat((i % STRUCTURE.centreSeats) + 1);
  return [reporter, seat, seat, department, department, local, seat];
}

const SOURCE_NOTE: Record<EventOrigin, string> = {
  patrol: '网格员巡查上报',
  resident: '居民随手拍上报',
  camera: '视频智能识别上报',
  sensor: '感知设备告警上报',
  hotline: '12345热线转办',
  department: '部门巡查上报',
};
const HANDLE_NOTES = ['已现场处置', '已整改完毕', '已联系当事人处理', '已安排人员处置'];
const EVALUATION = ['综合评价：满意', '综合评价：满意', '综合评价：满意', '综合评价：基本满意', '综合评价：不满意'];

function stepNote(rng: Rng, stage: number, item: TaxonomyItem, source: EventOrigin, overdue: boolean): string {
  switch (stage) {
    case 0:
      return SOURCE_NOTE[source];
    case 1:
      return `立案：${item.name}`;
    case 2:
      return `派遣至${DEPARTMENT_NAME.get(item.departmentId)}`;
    case 3:
      return HANDLE_NOTES[rng.int(0, HANDLE_NOTES.length - 1)]!;
    case 4:
      return '处置结果已反馈';
    case 5:
      return '核查属实，予以结案';
    default:
      return overdue ? '超时办结，系统预警并扣分' : EVALUATION[rng.int(0, EVALUATION.length - 1)]!;
  }
}

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

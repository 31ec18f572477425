// Measures the generated history's shape from a dataset folder's NDJSON files: side-path rates,
// reports never filed, satisfaction, the hours handling happens at, and the open cases at the dataset's
// today (under way, overdue, shelved). Usage: npx tsx scripts/historyRates.ts [DATA_DIR]
// (DATA_DIR holds dataset/; default data/generated). Prints JSON.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AdminUnit, CaseDeductionRow, EventStep, GovEvent } from '../server/domain/model';
import { getItem } from '../server/domain/taxonomy';
import { inWorkingTime } from '../server/domain/workflow/clock';
import { isOverdue } from '../server/domain/workflow/deadlines';
import { replay } from '../server/domain/workflow/replay';

async function* rows<T>(file: string): AsyncGenerator<T> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (line) yield JSON.parse(line) as T;
}

const dir = join(process.argv[2] ?? 'data/generated', 'dataset');
const today = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).meta.today as string;

const events = new Map<string, GovEvent>();
for await (const e of rows<GovEvent>(join(dir, 'events.ndjson'))) events.set(e.id, e);
const units = new Map<string, AdminUnit>();
for await (const u of rows<AdminUnit>(join(dir, 'admin-units.ndjson'))) units.set(u.id, u);
const pathOf = (id: string): string[] => {
  const u = units.get(id)!;
  return u.parentId ? [...pathOf(u.parentId), id] : [id];
};

const filed = [...events.values()].filter((e) => e.status !== 'rejected' && e.status !== 'merged');
const openIds = new Set(filed.filter((e) => e.status !== 'closed').map((e) => e.id));
const per = new Map<string, Set<string>>(); // path → cases that took it
const mark = (what: string, id: string) => (per.get(what) ?? per.set(what, new Set()).get(what)!).add(id);
const satisfaction = new Map<string, number>();
const raters = new Map<string, number>();
let handlingSteps = 0;
let nightSteps = 0;
let outsideWorkingSteps = 0;
let evaluated = 0;
const openSteps = new Map<string, EventStep[]>();
const lastStepAt = new Map<string, number>();
for await (const s of rows<EventStep>(join(dir, 'event-steps.ndjson'))) {
  const d = s.detail;
  switch (s.action) {
    case 'return':
    case 'escalate':
    case 'requestExtension':
    case 'approveExtension':
    case 'refuseExtension':
    case 'shelve':
      mark(s.action, s.eventId);
      break;
    case 'supervise':
      // 督办: by the centre's seat, or by a city leader
      mark(s.role === 'leader' ? 'superviseLeader' : 'superviseCentre', s.eventId);
      break;
    case 'verify':
      if (d?.action === 'verify' && !d.passed) mark('rework', s.eventId);
      break;
    case 'dispatch':
      if (d?.action === 'dispatch') {
        if (d.tasks.length > 1) mark('summons', s.eventId);
        if (d.tasks[0]?.assignee.kind === 'unit') mark('localLead', s.eventId);
      }
      break;
    case 'evaluate':
      if (d?.action === 'evaluate') {
        evaluated++;
        satisfaction.set(String(d.satisfaction), (satisfaction.get(String(d.satisfaction)) ?? 0) + 1);
        raters.set(String(d.ratedBy), (raters.get(String(d.ratedBy)) ?? 0) + 1);
      }
      break;
  }
  if (['handle', 'feedback', 'verify', 'evaluate'].includes(s.stage)) {
    handlingSteps++;
    const local = new Date(Date.parse(s.at) + 8 * 3_600_000);
    const h = local.getUTCHours();
    if (h >= 22 || h < 6) nightSteps++;
    // working time as the clock counts it: the official holidays off, the make-up weekends on
    if (!inWorkingTime(Date.parse(s.at))) outsideWorkingSteps++;
  }
  const at = Date.parse(s.at);
  if (at > (lastStepAt.get(s.eventId) ?? 0)) lastStepAt.set(s.eventId, at);
  if (openIds.has(s.eventId)) (openSteps.get(s.eventId) ?? openSteps.set(s.eventId, []).get(s.eventId)!).push(s);
}
let deductions = 0;
let points = 0;
for await (const d of rows<CaseDeductionRow>(join(dir, 'case-deductions.ndjson'))) {
  deductions++;
  points += d.points;
}

let overdue = 0;
let shelved = 0;
let recent = 0;
for (const id of openIds) {
  const e = events.get(id)!;
  const grid = units.get(e.gridId)!;
  const facts = {
    id,
    itemCode: e.itemCode,
    source: e.source,
    gridId: e.gridId,
    gridPath: pathOf(e.gridId),
    area: grid.area === 'village' ? ('village' as const) : ('urban' as const),
    reportedAt: e.reportedAt,
  };
  const state = replay(facts, openSteps.get(id)!, getItem(e.itemCode).departmentId);
  if (state.longTerm) shelved++;
  else if (isOverdue(state, today)) overdue++;
  if (Date.parse(today) - Date.parse(e.reportedAt) < 30 * 86_400_000) recent++;
}

// The flow (Little's law: cases under way = arrival rate × mean time in the system): arrivals per day
// over the last 365 and 28 days, and the mean days from report to the last step (evaluation) of the
// cases reported in the last 365 days and closed — what the cases under way at today should number.
const DAY = 86_400_000;
const todayMs = Date.parse(today);
const reportedWithin = (days: number) => filed.filter((e) => todayMs - Date.parse(e.reportedAt) < days * DAY);
const lastYear = reportedWithin(365).filter((e) => e.status === 'closed');
const meanDays =
  lastYear.reduce((n, e) => n + (lastStepAt.get(e.id)! - Date.parse(e.reportedAt)), 0) / DAY / lastYear.length;
const perDay28 = reportedWithin(28).length / 28;
const round2 = (x: number) => Math.round(x * 100) / 100;

const share = (n: number, of: number) => Math.round((n / of) * 10_000) / 10_000;
const rate = (what: string) => ({
  cases: per.get(what)?.size ?? 0,
  share: share(per.get(what)?.size ?? 0, filed.length),
});
const shares = (m: Map<string, number>) =>
  Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, share(n, evaluated)]));
console.log(
  JSON.stringify(
    {
      today,
      filed: filed.length,
      closed: filed.filter((e) => e.status === 'closed').length,
      closureRate: share(filed.filter((e) => e.status === 'closed').length, filed.length),
      notFiled: {
        rejected: [...events.values()].filter((e) => e.status === 'rejected').length,
        merged: [...events.values()].filter((e) => e.status === 'merged').length,
      },
      paths: {
        returns: rate('return'),
        reworks: rate('rework'),
        extensionsRequested: rate('requestExtension'),
        extensionsApproved: rate('approveExtension'),
        extensionsRefused: rate('refuseExtension'),
        escalations: rate('escalate'),
        summons: rate('summons'),
        localLead: rate('localLead'),
        supervisedByCentre: rate('superviseCentre'),
        supervisedByLeader: rate('superviseLeader'),
      },
      satisfaction: shares(satisfaction),
      ratedBy: shares(raters),
      handlingSteps: {
        count: handlingSteps,
        nightShare2206: share(nightSteps, handlingSteps),
        outsideWorkingHoursShare: share(outsideWorkingSteps, handlingSteps),
      },
      casesOverdueEver: share(filed.filter((e) => e.overdue).length, filed.length),
      deductions: { rows: deductions, points },
      open: {
        total: openIds.size,
        recent30d: recent,
        underWay: openIds.size - shelved,
        overdueAtToday: overdue,
        shelved,
      },
      flow: {
        arrivalsPerDay365: round2(reportedWithin(365).length / 365),
        arrivalsPerDay28: round2(perDay28),
        meanDaysInSystem: round2(meanDays),
        littleLawUnderWay: Math.round(perDay28 * meanDays),
      },
    },
    null,
    2,
  ),
);

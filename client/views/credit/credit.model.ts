// The /credit page's pure rules: who may take which step of a record (and, when not, why, so the button
// can say so), the days left in a publication, the repair paths a rule offers, the Chinese text of a
// refusal the user can act on, and the credit aggregate's monthly chart. The server decides; these
// only keep the page from offering what it would refuse.
import type { MessageKey } from '../../i18n';
import { CITY_ZONE } from '../../ui/caseFormat';

/** What of a record these rules read (a CreditRecord has all of it). */
export interface RecordFacts {
  kind: 'positive' | 'negative';
  state: string;
  counts: boolean;
  publicUntil: string | null;
  proposedBy: { id: string };
  confirmedBy: { id: string } | null;
}

/** The roles that review records: confirm, reject, publish, appeal, decide, repair. */
const REVIEWERS = ['community', 'subdistrict'];
/** The roles that propose records. */
const PROPOSERS = ['gridworker', 'community'];

export const mayPropose = (role: string) => PROPOSERS.includes(role);
export const mayReview = (role: string) => REVIEWERS.includes(role);

/** Why `userId` (with `role`) may not confirm or reject the record; null when they may. */
export function confirmBlock(r: RecordFacts, userId: string, role: string): MessageKey | null {
  if (!mayReview(role)) return 'credit.why.role';
  if (r.proposedBy.id === userId) return 'credit.why.proposer';
  return null;
}

/** Why `userId` may not decide the record's appeal; null when they may (a third person decides). */
export function decideBlock(r: RecordFacts, userId: string, role: string): MessageKey | null {
  if (!mayReview(role)) return 'credit.why.role';
  if (r.proposedBy.id === userId) return 'credit.why.deciderProposer';
  if (r.confirmedBy?.id === userId) return 'credit.why.deciderConfirmer';
  return null;
}

const DAY_MS = 86_400_000;

// Swedish writes ISO-like 'YYYY-MM-DD HH:mm': an archive's times are read and printed in full, in the city's zone.
const cityFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: CITY_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:mm' in the city's time zone (an archive's steps, a publication's end). */
export const cityDateTime = (iso: string) => cityFormat.format(new Date(iso));

/** Days (started ones count whole) left in the publication window at `nowMs`: 0 once it is over; null: not published. */
export function daysLeft(publicUntil: string | null, nowMs: number): number | null {
  if (!publicUntil) return null;
  return Math.max(0, Math.ceil((Date.parse(publicUntil) - nowMs) / DAY_MS));
}

/** The earliest day a proposal may name (YYYY-MM-DD, `maxAgeDays` before `nowMs`, the server's limit). */
export const earliestDay = (nowMs: number, maxAgeDays = 366) =>
  new Date(nowMs - maxAgeDays * DAY_MS).toISOString().slice(0, 10);

/** Whether the record may be appealed now: in its publication window or counting after it. */
export const mayAppeal = (r: RecordFacts) => r.state === 'published' || r.state === 'effective';

/** What of a rule the repair offer reads. */
export interface RuleRepair {
  repair?: { afterMonths?: number | null; positivePoints?: number | null } | null;
}

/** The repair paths (信用修复) a counting negative record's rule offers; the server checks they are met. */
export function repairPaths(r: RecordFacts, rule: RuleRepair | undefined): Array<'time' | 'positive'> {
  if (r.kind !== 'negative' || r.state !== 'effective' || !r.counts || !rule?.repair) return [];
  const paths: Array<'time' | 'positive'> = [];
  if (typeof rule.repair.afterMonths === 'number') paths.push('time');
  if (typeof rule.repair.positivePoints === 'number') paths.push('positive');
  return paths;
}

/**
 * The message for a refused request: what happened and what to do, for the codes a user can act on
 * (docs/credit-api.md as built: 403 forbidden = the role; 404 not_found = not there or outside the scope).
 */
export function refusalKey(code: string | undefined, status?: number): MessageKey {
  switch (code) {
    case 'same_person':
      return 'credit.err.same_person';
    case 'illegal_transition':
      return 'credit.err.illegal_transition';
    case 'cap_exceeded':
      return 'credit.err.cap_exceeded';
    case 'repair_not_met':
      return 'credit.err.repair_not_met';
    case 'role':
    case 'forbidden':
      return 'credit.why.role';
    case 'not_found':
    case 'out_of_scope':
      return 'credit.err.out_of_scope';
    case 'validation':
    case 'bad_request':
    case 'invalid_request':
      return 'credit.err.validation';
    default:
      return status === 404 ? 'credit.err.out_of_scope' : status === 403 ? 'credit.why.role' : 'credit.err.other';
  }
}

/** The chip's tone for a state: counting, waiting, or out of the balance. */
export function stateTone(state: string): 'good' | 'wait' | 'off' | 'bad' {
  if (state === 'effective' || state === 'published') return 'good';
  if (state === 'proposed' || state === 'confirmed' || state === 'appealed') return 'wait';
  if (state === 'revoked' || state === 'rejected') return 'bad';
  return 'off';
}

/** The records to publish first, then those in their window by the fewest days left. */
export function publishingOrder<T extends RecordFacts>(records: readonly T[]): T[] {
  const rank = (r: T) => (r.state === 'confirmed' ? 0 : 1);
  const until = (r: T) => (r.publicUntil ? Date.parse(r.publicUntil) : 0);
  return [...records].sort((a, b) => rank(a) - rank(b) || until(a) - until(b));
}

/** Keeps the first record of each id (two queues may both hold one). */
export function uniqueById<T extends { id: string }>(records: readonly T[]): T[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

export interface MonthPoints {
  month: string;
  positive: number;
  negative: number;
}

/** The aggregate's 12-month bars (ECharts): positive up, negative down, small enough for a card. */
export function monthBarsOption(months: readonly MonthPoints[], labels: { positive: string; negative: string }) {
  return {
    animation: false,
    grid: { left: 4, right: 4, top: 6, bottom: 18, containLabel: false },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: months.map((m) => m.month.slice(2)),
      axisLabel: { color: '#8aa3c2', fontSize: 10, interval: 2 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#2a3b55' } },
    },
    yAxis: { type: 'value', show: false },
    series: [
      {
        name: labels.positive,
        type: 'bar',
        stack: 'points',
        data: months.map((m) => m.positive),
        itemStyle: { color: '#4fd1a5' },
        barWidth: '60%',
      },
      {
        name: labels.negative,
        type: 'bar',
        stack: 'points',
        // drawn below the axis: a negative record takes points away
        data: months.map((m) => -Math.abs(m.negative) || 0),
        itemStyle: { color: '#ff8a6b' },
      },
    ],
  };
}

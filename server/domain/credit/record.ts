// A credit record's life (信用记录): proposed by a grid worker, a community or the system (a closed case
// the resident reported), confirmed by a second person, published to the community (公示) and only then
// counting; open to appeal (申诉) decided by yet another person, and, when negative, to repair (信用修复).
// Pure: the store reads and writes, the routes check scope; this decides what may happen and what follows.
//
// `effective` and `faded` are not stored: a published record counts from `publicUntil` on, and a negative
// one stops counting `fadeMonths` after that, both read off the clock (as a case's overdue is). The record
// freezes what its rule said when it was proposed (version, name, points, fading, repair path), so a
// change to the catalogue never changes what a past record is worth.
import type { Role } from '../access';
import type { CreditItem, CreditRules, LocalName } from './rules';

export const STORED_STATES = [
  'proposed',
  'confirmed',
  'published',
  'appealed',
  'revoked',
  'rejected',
  'withdrawn',
  'repaired',
] as const;
export type StoredState = (typeof STORED_STATES)[number];
export const VIEW_STATES = [...STORED_STATES, 'effective', 'faded'] as const;
export type ViewState = (typeof VIEW_STATES)[number];

export const CREDIT_ACTIONS = ['confirm', 'reject', 'publish', 'appeal', 'decide', 'repair', 'withdraw'] as const;
export type CreditAction = (typeof CREDIT_ACTIONS)[number];
export type StepAction = 'propose' | CreditAction;

/** Who acts: a user's id and role, or the system proposing from a closed case. */
export interface CreditActor {
  id: string;
  role: Role | 'system';
}
export const SYSTEM_ACTOR: CreditActor = { id: 'system', role: 'system' };

export interface CreditStep {
  seq: number;
  action: StepAction;
  actorId: string;
  role: CreditActor['role'];
  at: string;
  reason: string | null;
  /** An appeal's statement, a decision's outcome, a repair's path. */
  detail: { statement?: string; outcome?: 'upheld' | 'dismissed'; path?: 'time' | 'positive' } | null;
}

export interface CreditRecordState {
  id: string;
  residentId: string;
  gridId: string;
  ruleCode: string;
  ruleVersion: number;
  ruleName: LocalName;
  kind: 'positive' | 'negative';
  /** Signed: a negative record's points are below zero. Frozen at proposal. */
  points: number;
  fadeMonths: number | null;
  repair: { afterMonths: number | null; positivePoints: number | null } | null;
  occurredOn: string;
  evidence: string;
  note: string | null;
  caseId: string | null;
  state: StoredState;
  proposedBy: string;
  proposedRole: CreditActor['role'];
  proposedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  publishedAt: string | null;
  publicUntil: string | null;
  appealOutcome: 'upheld' | 'dismissed' | null;
  steps: CreditStep[];
}

export type CreditRefusalCode =
  | 'illegal_transition'
  | 'same_person'
  | 'role'
  | 'cap_exceeded'
  | 'invalid'
  | 'repair_not_met';
export interface CreditRefusal {
  ok: false;
  code: CreditRefusalCode;
  message: string;
}
export interface CreditDecision {
  ok: true;
  record: CreditRecordState;
  step: CreditStep;
}

const refuse = (code: CreditRefusalCode, message: string): CreditRefusal => ({ ok: false, code, message });

/** Roles that may take each action (the proposer may also withdraw their own proposal). */
export const ACTION_ROLES: Record<StepAction, readonly Role[]> = {
  propose: ['gridworker', 'community'],
  confirm: ['community', 'subdistrict'],
  reject: ['community', 'subdistrict'],
  publish: ['community', 'subdistrict'],
  appeal: ['community', 'subdistrict'],
  decide: ['community', 'subdistrict'],
  repair: ['community', 'subdistrict'],
  withdraw: ['community', 'subdistrict'],
};

/** `iso` plus whole months (UTC), the day kept or clamped to the month's last. */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

export const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
const atOrAfter = (now: string, t: string) => Date.parse(now) >= Date.parse(t);

/** When a negative record stops counting (null: it never fades, or is not in effect yet). */
export const fadesAt = (r: Pick<CreditRecordState, 'kind' | 'fadeMonths' | 'publicUntil'>): string | null =>
  r.kind === 'negative' && r.fadeMonths !== null && r.publicUntil !== null
    ? addMonths(r.publicUntil, r.fadeMonths)
    : null;

/** The record's state at `now`, and whether it counts in the balance. */
export function viewOf(r: CreditRecordState, now: string): { state: ViewState; counts: boolean } {
  if (r.state !== 'published') return { state: r.state, counts: false };
  if (r.publicUntil === null || !atOrAfter(now, r.publicUntil)) return { state: 'published', counts: false };
  const fade = fadesAt(r);
  if (fade !== null && atOrAfter(now, fade)) return { state: 'faded', counts: false };
  return { state: 'effective', counts: true };
}

/** Records that hold points against a cap: every one not turned away, withdrawn or revoked. */
export const holdsCap = (r: Pick<CreditRecordState, 'state'>) =>
  r.state !== 'rejected' && r.state !== 'withdrawn' && r.state !== 'revoked';

/** Points (as magnitudes) a resident's records of one item already hold in the month and year of `occurredOn`. */
export function capUse(
  records: readonly Pick<CreditRecordState, 'ruleCode' | 'occurredOn' | 'points' | 'state'>[],
  ruleCode: string,
  occurredOn: string,
): { month: number; year: number } {
  let month = 0;
  let year = 0;
  for (const r of records) {
    if (r.ruleCode !== ruleCode || !holdsCap(r) || r.occurredOn.slice(0, 4) !== occurredOn.slice(0, 4)) continue;
    year += Math.abs(r.points);
    if (r.occurredOn.slice(0, 7) === occurredOn.slice(0, 7)) month += Math.abs(r.points);
  }
  return { month, year };
}

/** A resident's balance at `now`: the base and every counting record. */
export function balanceOf(base: number, records: readonly CreditRecordState[], now: string): number {
  return records.reduce((sum, r) => sum + (viewOf(r, now).counts ? r.points : 0), base);
}

/** Positive points counting at `now` that took effect at or after `since` (a repair by positive actions). */
export function positiveEarnedSince(records: readonly CreditRecordState[], since: string, now: string): number {
  return records.reduce(
    (sum, r) =>
      sum +
      (r.kind === 'positive' && viewOf(r, now).counts && r.publicUntil && atOrAfter(r.publicUntil, since)
        ? r.points
        : 0),
    0,
  );
}

export interface Proposal {
  id: string;
  residentId: string;
  gridId: string;
  ruleCode: string;
  occurredOn: string;
  evidence: string;
  note?: string | null;
  caseId?: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** How far back a deed may be proposed (a record is for recent conduct, not a dossier dug up). */
export const MAX_AGE_DAYS = 366;

/**
 * A new record, under the catalogue as it is now: the item's points and fading frozen into it. Refused
 * for an unknown item, a role that may not propose, a day in the future or too long ago, no evidence, or
 * a month's or year's cap the record would pass (`existing`: the resident's records, any item).
 */
export function propose(
  rules: CreditRules,
  p: Proposal,
  actor: CreditActor,
  at: string,
  existing: readonly CreditRecordState[],
): CreditDecision | CreditRefusal {
  const item: CreditItem | undefined = rules.items.find((i) => i.code === p.ruleCode);
  if (!item)
    return refuse('invalid', `ruleCode: no item '${p.ruleCode}' in the credit rules (version ${rules.version}).`);
  if (actor.role === 'system' ? !item.fromClosedCase : !ACTION_ROLES.propose.includes(actor.role as Role))
    return refuse('role', `A ${actor.role} may not propose a record of '${item.code}'.`);
  if (!DAY.test(p.occurredOn) || Number.isNaN(Date.parse(p.occurredOn)))
    return refuse('invalid', `occurredOn: expected a day YYYY-MM-DD, not '${p.occurredOn}'.`);
  const today = at.slice(0, 10);
  if (p.occurredOn > today) return refuse('invalid', `occurredOn ${p.occurredOn} is after today (${today}).`);
  if (Date.parse(today) - Date.parse(p.occurredOn) > MAX_AGE_DAYS * 86_400_000)
    return refuse('invalid', `occurredOn ${p.occurredOn} is more than ${MAX_AGE_DAYS} days ago.`);
  if (!p.evidence.trim()) return refuse('invalid', `evidence: ${item.evidence.en} (${item.evidence.zh}).`);
  const used = capUse(existing, item.code, p.occurredOn);
  if (used.month + item.points > item.capMonth)
    return refuse(
      'cap_exceeded',
      `'${item.code}' is capped at ${item.capMonth} points a month; resident ${p.residentId} holds ${used.month} in ${p.occurredOn.slice(0, 7)}.`,
    );
  if (used.year + item.points > item.capYear)
    return refuse(
      'cap_exceeded',
      `'${item.code}' is capped at ${item.capYear} points a year; resident ${p.residentId} holds ${used.year} in ${p.occurredOn.slice(0, 4)}.`,
    );
  const step: CreditStep = {
    seq: 1,
    action: 'propose',
    actorId: actor.id,
    role: actor.role,
    at,
    reason: null,
    detail: null,
  };
  const record: CreditRecordState = {
    id: p.id,
    residentId: p.residentId,
    gridId: p.gridId,
    ruleCode: item.code,
    ruleVersion: rules.version,
    ruleName: item.name,
    kind: item.kind,
    points: item.kind === 'negative' ? -item.points : item.points,
    fadeMonths: item.fadeMonths ?? null,
    repair: item.repair
      ? { afterMonths: item.repair.afterMonths ?? null, positivePoints: item.repair.positivePoints ?? null }
      : null,
    occurredOn: p.occurredOn,
    evidence: p.evidence.trim(),
    note: p.note?.trim() || null,
    caseId: p.caseId ?? null,
    state: 'proposed',
    proposedBy: actor.id,
    proposedRole: actor.role,
    proposedAt: at,
    confirmedBy: null,
    confirmedAt: null,
    publishedAt: null,
    publicUntil: null,
    appealOutcome: null,
    steps: [step],
  };
  return { ok: true, record, step };
}

export type CreditCommand =
  | { action: 'confirm'; reason?: string }
  | { action: 'reject'; reason: string }
  | { action: 'publish'; reason?: string }
  | { action: 'withdraw'; reason: string }
  | { action: 'appeal'; reason: string; statement: string }
  | { action: 'decide'; outcome: 'upheld' | 'dismissed'; reason: string }
  | { action: 'repair'; path: 'time' | 'positive'; reason: string };

export interface ActContext {
  /** The catalogue's publication days, at the time of publishing. */
  publicationDays: number;
  /** Positive points the resident earned (counting) since this record took effect: a repair by positive actions. */
  positiveSince: number;
}

const text = (s: string | undefined) => (s ?? '').trim();

/** Decides one action on a record at `at`; the record after it and the step, or why not. */
export function act(
  r: CreditRecordState,
  cmd: CreditCommand,
  actor: CreditActor,
  at: string,
  ctx: ActContext,
): CreditDecision | CreditRefusal {
  const view = viewOf(r, at).state;
  const illegal = () =>
    refuse(
      'illegal_transition',
      `Cannot ${cmd.action} record ${r.id}: it is ${view}${r.appealOutcome && cmd.action === 'appeal' ? ` (its appeal was ${r.appealOutcome})` : ''}.`,
    );
  const mayWithdraw = cmd.action === 'withdraw' && actor.id === r.proposedBy;
  if (actor.role === 'system' || (!ACTION_ROLES[cmd.action].includes(actor.role) && !mayWithdraw))
    return refuse(
      'role',
      `A ${actor.role} may not ${cmd.action} a credit record (${ACTION_ROLES[cmd.action].join(', ')} may).`,
    );

  const reason = text('reason' in cmd ? cmd.reason : undefined);
  const next: CreditRecordState = { ...r };
  let detail: CreditStep['detail'] = null;
  switch (cmd.action) {
    case 'confirm':
    case 'reject':
      if (r.state !== 'proposed') return illegal();
      if (actor.id === r.proposedBy)
        return refuse('same_person', `The proposer of record ${r.id} may not ${cmd.action} it: a second person must.`);
      if (cmd.action === 'reject') {
        if (!reason) return refuse('invalid', 'reason: a rejection states why.');
        next.state = 'rejected';
      } else {
        next.state = 'confirmed';
        next.confirmedBy = actor.id;
        next.confirmedAt = at;
      }
      break;
    case 'withdraw':
      if (r.state !== 'proposed' && r.state !== 'confirmed') return illegal();
      if (!reason) return refuse('invalid', 'reason: a withdrawal states why.');
      next.state = 'withdrawn';
      break;
    case 'publish':
      if (r.state !== 'confirmed') return illegal();
      next.state = 'published';
      next.publishedAt = at;
      next.publicUntil = addDays(at, ctx.publicationDays);
      break;
    case 'appeal': {
      if ((view !== 'published' && view !== 'effective') || r.appealOutcome !== null) return illegal();
      const statement = text(cmd.statement);
      if (!reason || !statement)
        return refuse('invalid', "reason and statement: an appeal states why, in the resident's words.");
      next.state = 'appealed';
      detail = { statement };
      break;
    }
    case 'decide':
      if (r.state !== 'appealed') return illegal();
      if (actor.id === r.proposedBy || actor.id === r.confirmedBy)
        return refuse(
          'same_person',
          `An appeal on record ${r.id} is decided by someone who neither proposed nor confirmed it.`,
        );
      if (cmd.outcome !== 'upheld' && cmd.outcome !== 'dismissed')
        return refuse('invalid', "outcome: 'upheld' or 'dismissed'.");
      if (!reason) return refuse('invalid', 'reason: a decision on an appeal states why.');
      next.state = cmd.outcome === 'upheld' ? 'revoked' : 'published';
      next.appealOutcome = cmd.outcome;
      detail = { outcome: cmd.outcome };
      break;
    case 'repair': {
      if (r.kind !== 'negative' || view !== 'effective') return illegal();
      if (cmd.path !== 'time' && cmd.path !== 'positive') return refuse('invalid', "path: 'time' or 'positive'.");
      if (!reason) return refuse('invalid', 'reason: a repair states why.');
      const needs = cmd.path === 'time' ? r.repair?.afterMonths : r.repair?.positivePoints;
      if (needs === null || needs === undefined)
        return refuse('repair_not_met', `Record ${r.id}'s rule '${r.ruleCode}' has no repair by ${cmd.path}.`);
      if (cmd.path === 'time' && !atOrAfter(at, addMonths(r.publicUntil!, needs)))
        return refuse(
          'repair_not_met',
          `Record ${r.id} may be repaired by time from ${addMonths(r.publicUntil!, needs).slice(0, 10)} on (${needs} months in effect).`,
        );
      if (cmd.path === 'positive' && ctx.positiveSince < needs)
        return refuse(
          'repair_not_met',
          `Record ${r.id} is repaired by ${needs} positive points earned since it took effect; the resident has ${ctx.positiveSince}.`,
        );
      next.state = 'repaired';
      detail = { path: cmd.path };
      break;
    }
  }
  const step: CreditStep = {
    seq: r.steps.length + 1,
    action: cmd.action,
    actorId: actor.id,
    role: actor.role,
    at,
    reason: reason || null,
    detail,
  };
  next.steps = [...r.steps, step];
  return { ok: true, record: next, step };
}

// The desk's inboxes (收件箱): which tabs a role sees and the GET /api/events query each one stands
// for. The centre seat sees the city by state (待立案 … 待评价) and may narrow any tab to one holder;
// a department, community, subdistrict or grid worker sees what waits for them (holder=me). Pure.
import type { Role } from '@domain/access';
import type { EventStatus } from '@domain/model';
import type { CaseQuery } from '../../api/casesApi';
import type { MessageKey } from '../../i18n';

export type InboxKey =
  | 'centre'
  | 'mine'
  | 'reported'
  | 'filed'
  | 'dispatched'
  | 'handling'
  | 'feedback'
  | 'verified'
  | 'warning'
  | 'overdue'
  | 'supervised'
  | 'open';

/** The filters of GET /api/events an inbox uses (the URL's text form is made by `queryOf`). */
export interface InboxFilter {
  /** A state a case waits in (not one that has ended). */
  status?: Exclude<EventStatus, 'closed' | 'rejected' | 'merged'>;
  open?: boolean;
  warning?: boolean;
  overdue?: boolean;
  supervised?: boolean;
  /** 'me' (the reader's own unit, department or the centre), 'centre', a department or unit id. */
  holder?: string;
}

export interface Inbox {
  key: InboxKey;
  label: MessageKey;
  filter: InboxFilter;
}

const tab = (key: InboxKey, filter: InboxFilter): Inbox => ({ key, label: `desk.tab.${key}`, filter });

/** The centre's tabs: its own work first, then every state of the loop, then the lists to watch. */
const CENTRE_INBOXES: readonly Inbox[] = [
  tab('centre', { holder: 'centre', open: true }),
  tab('reported', { status: 'reported' }),
  tab('filed', { status: 'filed' }),
  tab('dispatched', { status: 'dispatched' }),
  tab('handling', { status: 'handling' }),
  tab('feedback', { status: 'feedback' }),
  tab('verified', { status: 'verified' }),
  tab('warning', { warning: true }),
  tab('overdue', { overdue: true }),
  tab('supervised', { supervised: true, open: true }),
];

/**
 * A local or departmental reader's tabs: what waits for them, by state, then the warnings and the
 * overdue among their own, then what is supervised and everything open in their scope.
 */
function ownInboxes(mayVerify: boolean): Inbox[] {
  return [
    tab('mine', { holder: 'me', open: true }),
    tab('dispatched', { status: 'dispatched', holder: 'me' }),
    tab('handling', { status: 'handling', holder: 'me' }),
    // 核查 is the place's (the grid or the village above it), not a holder's: the scope already narrows it.
    ...(mayVerify ? [tab('feedback', { status: 'feedback' })] : []),
    tab('warning', { warning: true, holder: 'me' }),
    tab('overdue', { overdue: true, holder: 'me' }),
    tab('supervised', { supervised: true, open: true }),
    tab('open', { open: true }),
  ];
}

export function inboxesFor(role: Role, permissions: readonly string[]): Inbox[] {
  if (role === 'centre') return [...CENTRE_INBOXES];
  return ownInboxes(permissions.includes('verify'));
}

/** Whether the reader may narrow the inboxes to one holder (the centre, who sees every holder). */
export const mayPickHolder = (role: Role) => role === 'centre';

/**
 * The query of one inbox: its filter, the picked holder (when the inbox has none of its own), and a
 * page. Booleans and numbers as the URL carries them.
 */
export function queryOf(inbox: Inbox, page: { limit: number; offset?: number }, holder = ''): CaseQuery {
  const f = inbox.filter;
  const q: CaseQuery = { limit: String(page.limit) };
  if (page.offset) q.offset = String(page.offset);
  if (f.status) q.status = f.status;
  if (f.open !== undefined) q.open = f.open ? 'true' : 'false';
  if (f.warning !== undefined) q.warning = f.warning ? 'true' : 'false';
  if (f.overdue !== undefined) q.overdue = f.overdue ? 'true' : 'false';
  if (f.supervised !== undefined) q.supervised = f.supervised ? 'true' : 'false';
  const who = f.holder ?? holder;
  if (who) q.holder = who;
  return q;
}

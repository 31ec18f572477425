// The bulletin's leader-day section (六、领导调度日) from the leader-day store: the month's instructions
// (批示), each case's lead department and deadline, and where the case stands at the bulletin's moment.
// A month without instructions gives null: the section then says no leader day was held.

import type { LeaderDayInput } from '../domain/bulletin';
import { DEPARTMENTS } from '../domain/departments';
import { findItem } from '../domain/taxonomy';
import { isOpen } from '../domain/workflow/states';
import type { Db } from '../store/db';
import { getEvents } from '../store/events';
import { readLeaderDay } from '../store/leaderDays';
import { statusZh } from './content';

const CST_MS = 8 * 3_600_000;

export async function bulletinLeaderDay(db: Db, month: string, now: string): Promise<LeaderDayInput | null> {
  const { day, decisions } = await readLeaderDay(db, month);
  if (!day || decisions.length === 0) return null;
  const cases = await getEvents(
    db,
    { kind: 'city' },
    decisions.map((d) => d.eventId),
    now,
  );
  const at = Date.parse(now);
  const rows = decisions.map((d) => {
    const c = cases.get(d.eventId);
    const open = c ? isOpen(c.status) : false;
    return {
      eventId: d.eventId,
      code: c?.code ?? d.eventId,
      title: c ? (findItem(c.itemCode)?.name ?? c.itemCode) : d.eventId,
      leadDepartment: DEPARTMENTS.find((x) => x.id === d.leadDepartment)?.name ?? d.leadDepartment,
      deadline: d.leadDeadlineAt,
      status: c ? statusZh(c.status) : '—',
      closed: !!c && !open,
      overdue: open && Date.parse(d.leadDeadlineAt) < at,
    };
  });
  return {
    date: day.heldAt ? new Date(Date.parse(day.heldAt) + CST_MS).toISOString().slice(0, 10) : null,
    leader: day.leaderName,
    cases: rows.map(({ closed: _closed, ...r }) => r),
    counts: {
      cases: rows.length,
      closed: rows.filter((r) => r.closed).length,
      open: rows.filter((r) => !r.closed).length,
      overdue: rows.filter((r) => r.overdue).length,
    },
  };
}

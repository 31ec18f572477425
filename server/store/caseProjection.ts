// Fills the workflow's projection (holders, deadlines, tasks) of cases that have none: the generated
// history after loading, and a store migrated from before the workflow (migration 9) at start. Closed
// and turned-away cases need only who supervised them (督办); each open one is replayed from its timeline. Idempotent: a case
// with a projection is left alone. Nothing is deducted here: every running deadline, past or not, is
// left for the deadline checker (check_at = the earliest running deadline).
import { getItem } from '../domain/taxonomy';
import { normaliseStep, replay } from '../domain/workflow/replay';
import { factsOf, storedStep, writeProjections } from './cases';

const EPOCH = new Date(0).toISOString();

import { type Db, readOn } from './db';

export async function projectCases(db: Db): Promise<number> {
  const written = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      // A finished case keeps only who supervised it (督办), so `supervised=true` finds the history's too.
      await conn.run(
        `UPDATE events SET supervised_by = s.actor
         FROM (SELECT event_id, arg_max(actor, seq) AS actor FROM event_steps WHERE action = 'supervise' GROUP BY event_id) s
         WHERE events.id = s.event_id AND events.holders IS NULL AND events.status IN ('closed', 'rejected', 'merged')`,
      );
      await conn.run(
        "UPDATE events SET holders = [] WHERE holders IS NULL AND status IN ('closed', 'rejected', 'merged')",
      );
      const facts = await readOn<Parameters<typeof factsOf>[0]>(
        conn,
        `SELECT e.id, e.item_code, e.source, e.grid_id, e.reported_at, u.path, u.area
         FROM events e JOIN admin_units u ON u.id = e.grid_id WHERE e.holders IS NULL ORDER BY e.id`,
      );
      const steps = await readOn<Parameters<typeof storedStep>[0] & { event_id: string }>(
        conn,
        `SELECT event_id, seq, stage, "at", actor, note, action, role, detail FROM event_steps
         WHERE event_id IN (SELECT id FROM events WHERE holders IS NULL) ORDER BY event_id, seq`,
      );
      const byCase = new Map<string, typeof steps>();
      for (const s of steps) byCase.set(s.event_id, [...(byCase.get(s.event_id) ?? []), s]);
      const states = facts.flatMap((row) => {
        const f = factsOf(row);
        const department = getItem(f.itemCode).departmentId;
        const timeline = (byCase.get(f.id) ?? []).map((r) => normaliseStep(storedStep(r), f, department));
        return timeline.length ? [replay(f, timeline, department)] : [];
      });
      // `now` = long before any deadline: nothing is taken as deducted, so the checker looks at every running one.
      await writeProjections(conn, states, EPOCH);
      await conn.run('COMMIT');
      return facts.length;
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
  // Cached answers that read these tables are rebuilt (server/store/versions.ts).
  db.versions.bump('events', 'event_tasks');
  return written;
}

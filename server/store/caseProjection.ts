// Fills the workflow's projection (holders, deadlines, tasks) of cases that have none: the generated
// history after loading, and a store migrated from before the workflow (migration 9) at start. Closed
// and turned-away cases need nothing; each open one is replayed from its timeline. Idempotent: a case
// with a projection is left alone. Nothing is deducted here: every running deadline, past or not, is
// left for the deadline checker (check_at = the earliest running deadline). Every case, closed or not,
// also gets its share of the assessment where it has none (assessCases below).
import { DOUBLE, INTEGER, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { getItem } from '../domain/taxonomy';
import { caseAssessmentOf } from '../domain/workflow/projection';
import { normaliseStep, replay } from '../domain/workflow/replay';
import type { CaseState } from '../domain/workflow/states';
import { factsOf, storedStep, writeProjections } from './cases';
import { type Db, readOn } from './db';

const EPOCH = new Date(0).toISOString();

export async function projectCases(db: Db): Promise<number> {
  const written = await db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
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

/** Cases replayed at a time by the back-fill below (bounds the timelines held in memory). */
const ASSESS_BATCH = 20_000;

/**
 * Fills each case's share of the assessment (migration 11's columns) where it is missing: the whole
 * generated history after loading, every case of a store migrated from before at start. Each case is
 * replayed from its timeline and its share computed as a live action's projection computes it
 * (domain/workflow/projection.ts caseAssessmentOf), so history and new cases are counted alike.
 * Only these columns are written: the rest of a closed case's projection is left as it is. Idempotent.
 */
export async function assessCases(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.write(async (conn) => {
      const facts = await readOn<Parameters<typeof factsOf>[0]>(
        conn,
        `SELECT e.id, e.item_code, e.source, e.grid_id, e.reported_at, u.path, u.area
         FROM events e JOIN admin_units u ON u.id = e.grid_id WHERE e.verifications IS NULL ORDER BY e.id LIMIT ${ASSESS_BATCH}`,
      );
      if (facts.length === 0) return 0;
      const ids = listValue(facts.map((f) => f.id));
      const steps = await readOn<Parameters<typeof storedStep>[0] & { event_id: string }>(
        conn,
        `SELECT event_id, seq, stage, "at", actor, note, action, role, detail FROM event_steps
         WHERE event_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY event_id, seq`,
        [ids],
      );
      const byCase = new Map<string, typeof steps>();
      for (const s of steps) {
        const list = byCase.get(s.event_id);
        if (list) list.push(s);
        else byCase.set(s.event_id, [s]);
      }
      const states: CaseState[] = [];
      for (const row of facts) {
        const f = factsOf(row);
        const department = getItem(f.itemCode).departmentId;
        const timeline = (byCase.get(f.id) ?? []).map((r) => normaliseStep(storedStep(r), f, department));
        if (timeline.length) states.push(replay(f, timeline, department));
      }
      // A case without a timeline (none is written so) counts as nothing, and is not read again.
      const empty = facts.filter((f) => !byCase.has(f.id)).map((f) => f.id);
      const a = states.map((s) => [s.facts.id, caseAssessmentOf(s)] as const);
      const col = <T extends string | number | null>(f: (x: (typeof a)[number]) => T) => listValue(a.map(f));
      await conn.run('BEGIN TRANSACTION');
      try {
        // The same columns as writeProjections (store/cases.ts) writes with a live action.
        await conn.run(
          `UPDATE events SET stages_entered = v.stages_entered, handling_minutes = v.handling_minutes,
             dispatched_to = CASE WHEN v.dispatched_to = '' THEN []::VARCHAR[] ELSE string_split(v.dispatched_to, ',') END,
             returned_by = CASE WHEN v.returned_by = '' THEN []::VARCHAR[] ELSE string_split(v.returned_by, ',') END,
             verifications = v.verifications, reworks = v.reworks, rating = v.rating::satisfaction
           FROM (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::DOUBLE[]) AS handling_minutes,
             unnest($3::VARCHAR[]) AS dispatched_to, unnest($4::VARCHAR[]) AS returned_by,
             unnest($5::INTEGER[]) AS verifications, unnest($6::INTEGER[]) AS reworks, unnest($7::VARCHAR[]) AS rating,
             unnest($8::INTEGER[]) AS stages_entered) v
           WHERE events.id = v.id`,
          [
            col(([id]) => id),
            col(([, x]) => x.handlingMinutes),
            col(([, x]) => x.dispatchedTo.join(',')),
            col(([, x]) => x.returnedBy.join(',')),
            col(([, x]) => x.verifications),
            col(([, x]) => x.reworks),
            col(([, x]) => x.rating),
            col(([, x]) => x.stagesEntered),
          ],
          [VARCHAR, DOUBLE, VARCHAR, VARCHAR, INTEGER, INTEGER, VARCHAR, INTEGER].map((t) => LIST(t)),
        );
        if (empty.length)
          await conn.run(
            'UPDATE events SET stages_entered = 1, dispatched_to = [], returned_by = [], verifications = 0, reworks = 0 WHERE id IN (SELECT unnest($1::VARCHAR[]))',
            [listValue(empty)],
          );
        await conn.run('COMMIT');
      } catch (err) {
        await conn.run('ROLLBACK');
        throw err;
      }
      return facts.length;
    });
    if (n === 0) break;
    done += n;
  }
  // Cached answers that read events are rebuilt (server/store/versions.ts).
  if (done) db.versions.bump('events');
  return done;
}

// Full-time grid workers (专职网格员), one per urban responsibility grid.
import type { GridWorker } from '../domain/model';
import type { Db } from './db';

export async function getGridWorker(db: Db, gridId: string): Promise<GridWorker | undefined> {
  const r = await db.one<{ id: string; grid_id: string; name: string; phone: string }>(
    'SELECT id, grid_id, name, phone FROM grid_workers WHERE grid_id = $1',
    [gridId],
  );
  return r && { id: r.id, gridId: r.grid_id, name: r.name, phone: r.phone };
}

/** Every grid worker, by id. */
export async function listGridWorkers(db: Db): Promise<GridWorker[]> {
  const rows = await db.all<{ id: string; grid_id: string; name: string; phone: string }>(
    'SELECT id, grid_id, name, phone FROM grid_workers ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, gridId: r.grid_id, name: r.name, phone: r.phone }));
}

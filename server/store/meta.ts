// What the dataset in this store was generated with (seed, scale, generator version, today).
import type { Db } from './db';

export async function getDatasetMeta(db: Db): Promise<Record<string, string>> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM dataset_meta ORDER BY key');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

// The departments of the joint-duty system (大联勤) the dataset holds.
import type { Department } from '../domain/model';
import type { Db } from './db';

export async function listDepartments(db: Db): Promise<Department[]> {
  const rows = await db.all<{ id: string; name: string; name_en: string }>(
    'SELECT id, name, name_en FROM departments ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en }));
}

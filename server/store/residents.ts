// Residents (居民) and their households, read within a scope. Records leave here in clear; the
// routes mask them (server/domain/masking.ts) unless one record is unmasked and audited.
import type { Scope } from '../domain/access';
import type { Resident, ResidentTag } from '../domain/model';
import type { Db } from './db';
import { Where } from './sql';

export interface ResidentRecord extends Resident {
  address: string;
  gridName: string;
}

export interface ResidentFilter {
  gridId?: string;
  tag?: ResidentTag;
  /** Name prefix. */
  name?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  household_id: string;
  grid_id: string;
  name: string;
  id_number: string;
  phone: string | null;
  sex: 'M' | 'F';
  birth_date: string;
  tags: string;
  lives_elsewhere: boolean | null;
  address: string;
  grid_name: string;
}

const SELECT = `
  SELECT r.id, r.household_id, r.grid_id, r.name, r.id_number, r.phone, r.sex, strftime(r.birth_date, '%Y-%m-%d') AS birth_date,
         r.tags, r.lives_elsewhere, h.address, g.name AS grid_name
  FROM residents r JOIN households h ON h.id = r.household_id JOIN admin_units g ON g.id = r.grid_id`;

const toRecord = (r: Row): ResidentRecord => ({
  id: r.id,
  householdId: r.household_id,
  gridId: r.grid_id,
  name: r.name,
  idNumber: r.id_number,
  phone: r.phone,
  sex: r.sex,
  birthDate: r.birth_date,
  tags: (r.tags ? r.tags.split(',') : []) as ResidentTag[],
  livesElsewhere: r.lives_elsewhere === true,
  address: r.address,
  gridName: r.grid_name,
});

function where(scope: Scope, f: Partial<ResidentFilter>): Where {
  const w = new Where().inScope(scope, { grid: 'r.grid_id', department: null }).eq('r.grid_id', f.gridId);
  if (f.tag) w.add("list_contains(string_split(r.tags, ','), ?)", f.tag);
  if (f.name) w.add('starts_with(r.name, ?)', f.name);
  return w;
}

export async function listResidents(
  db: Db,
  scope: Scope,
  f: ResidentFilter,
): Promise<{ total: number; residents: ResidentRecord[] }> {
  const w = where(scope, f);
  const n = w.params.length;
  const [count, rows] = await Promise.all([
    db.one<{ n: number }>(`SELECT count(*) AS n FROM residents r ${w}`, w.params),
    db.all<Row>(`${SELECT} ${w} ORDER BY r.id LIMIT $${n + 1} OFFSET $${n + 2}`, [...w.params, f.limit, f.offset]),
  ]);
  return { total: count!.n, residents: rows.map(toRecord) };
}

/** One resident, if the scope reaches them. */
export async function getResident(db: Db, scope: Scope, id: string): Promise<ResidentRecord | undefined> {
  const w = where(scope, {}).eq('r.id', id);
  const r = await db.one<Row>(`${SELECT} ${w}`, w.params);
  return r && toRecord(r);
}

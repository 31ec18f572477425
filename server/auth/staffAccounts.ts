// At start: the staff accounts the dataset implies (domain/staffAccounts.ts), one per grid worker,
// village committee, community, subdistrict, town, department and centre seat, so the workflow's
// history names accounts that exist. Each is created disabled, with no password (NO_PASSWORD: no
// derivation spent, nothing can sign in) and bound to choose its own at first sign-in; an
// administrator brings one into use with a password reset (a one-time password) and enable.
// Idempotent: an account whose id or username exists already is left as it is.
import { STRUCTURE } from '../domain/facts';
import { type StaffAccount, staffAccounts } from '../domain/staffAccounts';
import { listAdminUnits } from '../store/adminUnits';
import type { Db } from '../store/db';
import { listDepartments } from '../store/departments';
import { listGridWorkers } from '../store/gridWorkers';
import { createUsers, listUsers } from '../store/users';
import { NO_PASSWORD } from './passwords';

export interface StaffAccountsResult {
  /** Accounts made now. */
  created: StaffAccount[];
  /** Accounts not made because another account has their username already. */
  usernameTaken: StaffAccount[];
}

/** The staff accounts of the dataset in `db`, as the domain defines them. */
export async function datasetStaffAccounts(db: Db): Promise<StaffAccount[]> {
  const [adminUnits, gridWorkers, departments] = await Promise.all([
    listAdminUnits(db, {}, false),
    listGridWorkers(db),
    listDepartments(db),
  ]);
  return staffAccounts({ adminUnits, gridWorkers, departments, centreSeats: STRUCTURE.centreSeats });
}

/** Creates the missing staff accounts (disabled, no password) in one transaction. */
export async function ensureStaffAccounts(db: Db, now: Date): Promise<StaffAccountsResult> {
  const [wanted, existing] = await Promise.all([datasetStaffAccounts(db), listUsers(db)]);
  const ids = new Set(existing.map((u) => u.userId));
  const usernames = new Set(existing.map((u) => u.username));
  const missing = wanted.filter((a) => !ids.has(a.id));
  const usernameTaken = missing.filter((a) => usernames.has(a.username));
  const created = missing.filter((a) => !usernames.has(a.username));
  if (created.length > 0)
    await createUsers(
      db,
      created.map((a) => ({
        id: a.id,
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        unitId: a.unitId,
        departmentId: a.departmentId,
        passwordHash: NO_PASSWORD,
        createdAt: now.toISOString(),
        mustChangePassword: true,
        disabled: true,
      })),
    );
  return { created, usernameTaken };
}

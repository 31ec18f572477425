// On first start: one demo account per role, with random passwords written to
// data/generated/demo-users.json (readable by its owner only). Nothing is left open without a sign-in.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role } from '../domain/access';
import { isStaffAccountId } from '../domain/staffAccounts';
import { listAdminUnits } from '../store/adminUnits';
import type { Db } from '../store/db';
import { createUsers, listUsers, type NewUser } from '../store/users';
import { hashPassword, randomPassword } from './passwords';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  scope: string;
}

/**
 * Creates the demo accounts when there are no users yet (the dataset's staff accounts, made disabled
 * at start, do not count); returns them (with passwords) or null.
 */
export async function ensureDemoUsers(db: Db, file: string, now: Date): Promise<DemoUser[] | null> {
  if ((await listUsers(db)).some((u) => !isStaffAccountId(u.userId))) return null;
  const grids = await listAdminUnits(db, { level: 'grid', area: 'urban' }, false);
  const grid = grids[0];
  if (!grid) throw new Error('the dataset has no urban grid to bind the demo grid worker to');
  const [, subdistrictId, communityId] = grid.path.split('/');
  const units = new Map((await listAdminUnits(db, {}, false)).map((u) => [u.id, u.name]));

  const specs: Array<Omit<NewUser, 'id' | 'passwordHash' | 'createdAt'> & { scope: string }> = [
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      unitId: null,
      departmentId: null,
      scope: '全市 (city)',
    },
    {
      username: 'centre',
      displayName: '指挥中心坐席',
      role: 'centre',
      unitId: null,
      departmentId: null,
      scope: '全市 (city)',
    },
    {
      username: 'leader',
      displayName: '市领导',
      role: 'leader',
      unitId: null,
      departmentId: null,
      scope: '全市 (city)',
    },
    {
      username: 'analyst',
      displayName: '数据分析员',
      role: 'analyst',
      unitId: null,
      departmentId: null,
      scope: '全市, 汇总/脱敏 (city, aggregated)',
    },
    {
      username: 'screen',
      displayName: '指挥大屏',
      role: 'screen',
      unitId: null,
      departmentId: null,
      scope: '全市, 只读 (city, read-only kiosk)',
    },
    {
      username: 'subdistrict',
      displayName: `${units.get(subdistrictId!)}工作人员`,
      role: 'subdistrict',
      unitId: subdistrictId!,
      departmentId: null,
      scope: `${units.get(subdistrictId!)} (${subdistrictId})`,
    },
    {
      username: 'community',
      displayName: `${units.get(communityId!)}工作人员`,
      role: 'community',
      unitId: communityId!,
      departmentId: null,
      scope: `${units.get(communityId!)} (${communityId})`,
    },
    {
      username: 'gridworker',
      displayName: `${grid.name}网格员`,
      role: 'gridworker',
      unitId: grid.id,
      departmentId: null,
      scope: `${grid.name} (${grid.id})`,
    },
    {
      username: 'department',
      displayName: '市城市管理局',
      role: 'department',
      unitId: null,
      departmentId: 'D02',
      scope: '市城市管理局的案件 (cases of D02)',
    },
  ];
  const demo: DemoUser[] = [];
  const users: NewUser[] = [];
  for (const [i, s] of specs.entries()) {
    const password = randomPassword();
    users.push({
      ...s,
      id: `U${String(i + 1).padStart(3, '0')}`,
      passwordHash: await hashPassword(password),
      createdAt: now.toISOString(),
    });
    demo.push({ username: s.username, password, role: s.role, displayName: s.displayName, scope: s.scope });
  }
  await createUsers(db, users);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  return demo;
}

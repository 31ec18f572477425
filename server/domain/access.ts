// Who may do what, and where (访问控制). Pure rules; the routes and the store apply them.
// A user's geographic scope is a unit of the admin tree: they see that unit and everything below it.

/** The roles of the platform (角色). */
export const ROLES = [
  'gridworker',
  'community',
  'subdistrict',
  'department',
  'centre',
  'analyst',
  'leader',
  'screen',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  gridworker: { zh: '网格员', en: 'Grid worker' },
  community: { zh: '社区工作人员', en: 'Community staff' },
  subdistrict: { zh: '街道/镇工作人员', en: 'Subdistrict/town staff' },
  department: { zh: '职能部门', en: 'Department staff' },
  centre: { zh: '指挥中心坐席', en: 'Centre seat' },
  analyst: { zh: '分析人员', en: 'Analyst' },
  leader: { zh: '市领导', en: 'Leader' },
  screen: { zh: '大屏', en: 'Big screen (kiosk)' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

/**
 * What a route needs. `map` and `overview` are city-wide, non-personal data; `units` are aggregated
 * summaries; `residents` personal data (masked); `unmask` one record in clear; `cases` reads events.
 * The case workflow's: `report` (上报), `dispatch` (立案、派遣、评价、挂账: the centre seat), `handle`
 * (签收、退回、处置、延期、上报上级: whoever holds a task), `verify` (核查), `supervise` (督办);
 * `assessment` reads the assessment (考核) of units: city-wide, or one's own subtree or department.
 * `risk` reads the risk scores of areas (风险评分): city-wide, or within one's own unit.
 * `analysis` is the analyst's workspace (分析研判): city-wide case heat and the exports of its aggregates.
 * `leaderDay` reads the leader scheduling day (市级领导调度日: city-wide cases; the kiosk's masked);
 * `instruct` gives a leader's instruction (批示) on a case of its agenda.
 * `bulletin` reads the monthly supervision bulletin 《e家综合》 (监督通报): city-wide rankings and cases.
 * `credit` works residents' credit records (信用积分: propose, confirm, publish, appeal, decide, repair) and
 * reads their archives, within one's unit (each action checks its own roles, domain/credit/record.ts);
 * `creditStats` reads credit in aggregate (by grid, item, month: no resident).
 */
export type Permission =
  | 'overview'
  | 'map'
  | 'units'
  | 'residents'
  | 'unmask'
  | 'export'
  | 'cases'
  | 'audit'
  | 'users'
  | 'report'
  | 'dispatch'
  | 'handle'
  | 'verify'
  | 'supervise'
  | 'assessment'
  | 'risk'
  | 'analysis'
  | 'leaderDay'
  | 'instruct'
  | 'bulletin'
  | 'credit'
  | 'creditStats';

const EVERYONE: Permission[] = ['overview', 'map'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  gridworker: [
    ...EVERYONE,
    'units',
    'residents',
    'unmask',
    'export',
    'cases',
    'report',
    'handle',
    'verify',
    'risk',
    'credit',
  ],
  community: [
    ...EVERYONE,
    'units',
    'residents',
    'unmask',
    'export',
    'cases',
    'report',
    'handle',
    'verify',
    'assessment',
    'risk',
    'credit',
    'creditStats',
  ],
  subdistrict: [
    ...EVERYONE,
    'units',
    'residents',
    'unmask',
    'export',
    'cases',
    'report',
    'handle',
    'assessment',
    'risk',
    'credit',
    'creditStats',
  ],
  department: [...EVERYONE, 'units', 'cases', 'report', 'handle', 'assessment'],
  centre: [
    ...EVERYONE,
    'units',
    'residents',
    'unmask',
    'export',
    'cases',
    'report',
    'dispatch',
    'verify',
    'supervise',
    'assessment',
    'risk',
    'leaderDay',
    'bulletin',
    'creditStats',
  ],
  analyst: [...EVERYONE, 'units', 'cases', 'assessment', 'risk', 'analysis', 'leaderDay', 'bulletin', 'creditStats'],
  leader: [
    ...EVERYONE,
    'units',
    'residents',
    'cases',
    'report',
    'supervise',
    'assessment',
    'risk',
    'leaderDay',
    'instruct',
    'bulletin',
    'creditStats',
  ],
  screen: [...EVERYONE, 'units', 'cases', 'risk', 'leaderDay'],
  admin: [...EVERYONE, 'units', 'audit', 'users'],
};

/** The signed-in user a request acts for. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The admin unit a geographically scoped role is bound to (grid, community, subdistrict or town). */
  unitId: string | null;
  /** That unit's path in the tree ('340881/340881002/340881002001'), resolved at sign-in. */
  unitPath: string | null;
  /** The department a department user belongs to. */
  departmentId: string | null;
}

/**
 * The rows a principal may read: everything, everything under one unit (by path prefix), or the
 * cases assigned to one department.
 */
export type Scope = { kind: 'city' } | { kind: 'unit'; path: string } | { kind: 'department'; departmentId: string };

export const GEOGRAPHIC_ROLES: readonly Role[] = ['gridworker', 'community', 'subdistrict'];

export function can(p: Principal, permission: Permission): boolean {
  return ROLE_PERMISSIONS[p.role].includes(permission);
}

/** The scope of the principal's reads of residents and cases. */
/** A scope as one string, for keys of answers that depend on it. */
export function scopeKey(s: Scope): string {
  switch (s.kind) {
    case 'city':
      return 'city';
    case 'unit':
      return `unit:${s.path}`;
    case 'department':
      return `department:${s.departmentId}`;
  }
}

export function scopeOf(p: Principal): Scope {
  if (GEOGRAPHIC_ROLES.includes(p.role)) {
    if (!p.unitPath) throw new Error(`user ${p.username} (${p.role}) has no unit`);
    return { kind: 'unit', path: p.unitPath };
  }
  if (p.role === 'department') {
    if (!p.departmentId) throw new Error(`user ${p.username} (department) has no department`);
    return { kind: 'department', departmentId: p.departmentId };
  }
  return { kind: 'city' };
}

/** Whether a unit (by its path) lies within a geographic scope; department scope sees every unit's aggregates. */
export function unitInScope(scope: Scope, unitPath: string): boolean {
  return scope.kind !== 'unit' || unitPath === scope.path || unitPath.startsWith(`${scope.path}/`);
}

/**
 * Whether a case (an event) is readable in a scope: the same rule the events store applies in SQL, for
 * cases that are not read from the store (the live stream's new events). `gridPath` undefined: the
 * grid is unknown, so only a city-wide scope sees it. A department sees the cases it answers for and
 * those where it holds a task, lead or co-handling (`taskDepartments`).
 */
export function caseInScope(
  scope: Scope,
  c: { gridPath: string | undefined; departmentId: string | null; taskDepartments?: readonly string[] },
): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'unit':
      return c.gridPath !== undefined && unitInScope(scope, c.gridPath);
    case 'department':
      return c.departmentId === scope.departmentId || (c.taskDepartments ?? []).includes(scope.departmentId);
  }
}

/** The admin level a geographically scoped role is bound to. */
export const ROLE_UNIT_LEVELS: Partial<Record<Role, readonly string[]>> = {
  gridworker: ['grid'],
  community: ['community', 'village'],
  subdistrict: ['subdistrict', 'town'],
};

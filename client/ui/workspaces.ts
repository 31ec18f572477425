// The role pages (工作台) a signed-in user may open, for the one header that links them. A page needs
// permissions of the access table (server/domain/access.ts), so the header shows what the server
// would serve; the server still refuses anything else. Pages not built yet are not listed.
import type { Permission, Role } from '@domain/access';
import type { MessageKey } from '../i18n';

export type WorkspacePath =
  | '/twin'
  | '/desk'
  | '/field'
  | '/analyst'
  | '/leader'
  | '/credit'
  | '/screen'
  | '/admin'
  | '/account';

export interface Workspace {
  path: WorkspacePath;
  label: MessageKey;
  /** Every one of these is needed to open the page. */
  needs: readonly Permission[];
  /** And, when given, at least one of these (the desk: whoever may act on a case in some way). */
  needsAny?: readonly Permission[];
}

export const WORKSPACES: readonly Workspace[] = [
  { path: '/twin', label: 'nav.twin', needs: ['overview', 'map'] },
  { path: '/desk', label: 'nav.desk', needs: ['cases'], needsAny: ['dispatch', 'handle', 'verify'] },
  // the grid worker's phone page (网格员): report, then their own cases — for those who report, handle and verify
  { path: '/field', label: 'nav.field', needs: ['cases', 'report', 'handle', 'verify'] },
  // the analyst's workspace (分析研判): heat, risk, trends, six elements, exports of aggregates
  { path: '/analyst', label: 'nav.analyst', needs: ['analysis', 'units', 'map'] },
  // the leader scheduling day (领导调度): the leader instructs, the centre prepares the agenda
  { path: '/leader', label: 'nav.leader', needs: ['leaderDay', 'cases'], needsAny: ['instruct', 'dispatch'] },
  // resident credit points (信用积分): propose, confirm, publish, appeals, archives — grid, community, subdistrict staff
  { path: '/credit', label: 'nav.credit', needs: ['credit'] },
  { path: '/screen', label: 'nav.screen', needs: ['overview', 'map', 'units', 'cases'] },
  { path: '/admin', label: 'nav.admin', needs: ['users', 'audit'] },
  { path: '/account', label: 'nav.account', needs: [] },
];

/** The pages a user with these permissions may open, in header order. */
export function workspacesFor(permissions: readonly string[]): Workspace[] {
  const has = (p: Permission) => permissions.includes(p);
  return WORKSPACES.filter((w) => w.needs.every(has) && (!w.needsAny || w.needsAny.some(has)));
}

/** Whether a user with these permissions may open `path` (a path with no workspace is not theirs to open). */
export function mayOpen(path: string, permissions: readonly string[]): boolean {
  return workspacesFor(permissions).some((w) => w.path === path);
}

/** Where each role starts after sign-in, when it opened the platform at its root. */
const HOMES: Record<Role, WorkspacePath> = {
  centre: '/desk',
  department: '/desk',
  community: '/desk',
  subdistrict: '/desk',
  gridworker: '/field',
  screen: '/screen',
  admin: '/admin',
  analyst: '/analyst',
  leader: '/leader',
};

export function homeFor(role: Role): WorkspacePath {
  return HOMES[role];
}

/** A location path without trailing slashes ('' → '/'). */
export const normalPath = (pathname: string) => pathname.replace(/\/+$/, '') || '/';

// Pages by path. Each audience (DESIGN.md) gets a page; one header links the pages a role may open
// (ui/workspaces.ts). A path the role may not open says so; an unknown or unbuilt one shows the
// overview. A role whose home is not the overview starts on its home when it opens the root.
import type { ComponentType } from 'react';
import { api, type TwinApi } from './api/twinApi';
import { I18nProvider } from './i18n';
import { useSession } from './ui/session';
import { homeFor, mayOpen, normalPath, WORKSPACES, type WorkspacePath } from './ui/workspaces';
import { AccountPage } from './views/account/AccountPage';
import { NoAccessPage } from './views/account/NoAccessPage';
import { AdminPage } from './views/admin/AdminPage';
import { FieldPage } from './views/field/FieldPage';
import { OverviewPage } from './views/overview/OverviewPage';
import { ScreenPage } from './views/screen/ScreenPage';
import { SessionGate } from './views/signIn/SessionGate';

type Page = ComponentType<{ api: TwinApi }>;

const pages: Record<WorkspacePath, Page> = {
  '/': OverviewPage,
  '/screen': ScreenPage,
  '/field': FieldPage,
  '/admin': AdminPage,
  '/account': AccountPage,
};

/** The workspace a location path names; unknown or unbuilt paths (/desk, /analyst, …) → the overview. */
export function workspaceFor(pathname: string): WorkspacePath {
  const path = normalPath(pathname);
  return WORKSPACES.some((w) => w.path === path) ? (path as WorkspacePath) : '/';
}

function Workspace() {
  const { user } = useSession();
  let path = workspaceFor(window.location.pathname);
  if (path === '/' && normalPath(window.location.pathname) === '/' && homeFor(user.role) !== '/') {
    path = homeFor(user.role);
    window.history.replaceState(null, '', path + window.location.search);
  }
  if (!mayOpen(path, user.permissions)) return <NoAccessPage />;
  const Page = pages[path];
  return <Page api={api} />;
}

export function App() {
  return (
    <I18nProvider>
      <SessionGate api={api}>
        <Workspace />
      </SessionGate>
    </I18nProvider>
  );
}

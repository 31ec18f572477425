// Pages by path. Each audience (DESIGN.md) gets a page; one header links the pages a role may open
// (ui/workspaces.ts). A path the role may not open says so; an unknown or unbuilt one shows the
// overview. A role whose home is not the overview starts on its home when it opens the root.
// The 3D pages (the twin, the big screen) are loaded when opened: Cesium is a megabyte that the desk,
// the phone page and the administrator's page never use.
import { type ComponentType, lazy, Suspense } from 'react';
import { api, type TwinApi } from './api/twinApi';
import { I18nProvider, useI18n } from './i18n';
import { useSession } from './ui/session';
import { homeFor, mayOpen, normalPath, WORKSPACES, type WorkspacePath } from './ui/workspaces';
import { AccountPage } from './views/account/AccountPage';
import { NoAccessPage } from './views/account/NoAccessPage';
import { AdminPage } from './views/admin/AdminPage';
import { CreditPage } from './views/credit/CreditPage';
import { DeskPage } from './views/desk/DeskPage';
import { FieldPage } from './views/field/FieldPage';
import { LeaderPage } from './views/leader/LeaderPage';
import { SessionGate } from './views/signIn/SessionGate';

type Page = ComponentType<{ api: TwinApi }>;

const OverviewPage = lazy(() => import('./views/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
// deck.gl and its layers: only the analyst's page draws with them
const AnalystPage = lazy(() => import('./views/analyst/AnalystPage').then((m) => ({ default: m.AnalystPage })));
const ScreenPage = lazy(() => import('./views/screen/ScreenPage').then((m) => ({ default: m.ScreenPage })));

const pages: Record<WorkspacePath, Page> = {
  '/twin': OverviewPage,
  '/desk': DeskPage,
  '/field': FieldPage,
  '/analyst': AnalystPage,
  '/leader': LeaderPage,
  '/credit': CreditPage,
  '/screen': ScreenPage,
  '/admin': AdminPage,
  '/account': AccountPage,
};

/** The workspace a location path names; the root and unknown paths: none (the role's home is shown). */
export function workspaceFor(pathname: string): WorkspacePath | null {
  const path = normalPath(pathname);
  return WORKSPACES.some((w) => w.path === path) ? (path as WorkspacePath) : null;
}

function Workspace() {
  const { user } = useSession();
  let path = workspaceFor(window.location.pathname);
  // The root (where one signs in) and unknown paths open the role's own page; the twin has its own
  // path (/twin), so the header's link to it is never turned back to the home.
  if (!path) {
    path = homeFor(user.role);
    window.history.replaceState(null, '', path + window.location.search);
  }
  if (!mayOpen(path, user.permissions)) return <NoAccessPage />;
  const Page = pages[path];
  return (
    <Suspense fallback={<PageLoading />}>
      <Page api={api} />
    </Suspense>
  );
}

/** While a page's code arrives (the 3D pages: a second or two on a first visit). */
function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      {t('page.loading')}
    </div>
  );
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

// Pages by path. The platform's audiences (DESIGN.md) each get a page; until a page is built its path
// shows the overview, like any unknown path, rather than a placeholder.
import type { ComponentType } from 'react';
import { api, type TwinApi } from './api/twinApi';
import { I18nProvider } from './i18n';
import { OverviewPage } from './views/overview/OverviewPage';
import { ScreenPage } from './views/screen/ScreenPage';
import { SessionGate } from './views/signIn/SessionGate';

export type PagePath =
  | '/' // overview: the city and its grids
  | '/screen' // command-centre big screen
  | '/analyst' // analysts' drill-down (later)
  | '/desk' // centre seat and departments (later)
  | '/leader'; // leader scheduling day (later)

type Page = ComponentType<{ api: TwinApi }>;

const pages: Partial<Record<PagePath, Page>> = {
  '/': OverviewPage,
  '/screen': ScreenPage,
};

/** The page for a location path; trailing slashes ignored, unknown or unbuilt paths → the overview. */
export function pageFor(pathname: string): Page {
  const path = (pathname.replace(/\/+$/, '') || '/') as PagePath;
  return pages[path] ?? OverviewPage;
}

export function App() {
  const Page = pageFor(window.location.pathname);
  return (
    <I18nProvider>
      <SessionGate api={api}>
        <Page api={api} />
      </SessionGate>
    </I18nProvider>
  );
}

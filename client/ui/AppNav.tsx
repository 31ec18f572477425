// The links to the pages the signed-in user's role may open: the one header every page shares.
import './appNav.css';
import { useI18n } from '../i18n';
import { useSession } from './session';
import { normalPath, workspacesFor } from './workspaces';

export function AppNav() {
  const { t } = useI18n();
  const { user } = useSession();
  const here = normalPath(window.location.pathname);
  const pages = workspacesFor(user.permissions);
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {pages.map((w) => (
        <a key={w.path} href={w.path} aria-current={w.path === here ? 'page' : undefined}>
          {t(w.label)}
        </a>
      ))}
    </nav>
  );
}

// The header of a work page (administration, one's account): the platform's name, the page's title,
// the role's workspaces, who is signed in, the language.
import './workPage.css';
import { useI18n } from '../i18n';
import { AppNav } from './AppNav';
import { LanguageSwitch } from './LanguageSwitch';
import { UserBadge } from './UserBadge';

export function PageHeader({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <header className="page-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <h1 className="page-title">{title}</h1>
      </div>
      <AppNav />
      <UserBadge />
      <LanguageSwitch />
    </header>
  );
}

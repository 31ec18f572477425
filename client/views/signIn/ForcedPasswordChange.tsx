// The first sign-in with a one-time password: nothing else opens until the user has chosen their own.
import '../../ui/workPage.css';
import type { SignedInUser, TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { ChangePasswordForm } from '../account/ChangePasswordForm';

export interface ForcedPasswordChangeProps {
  api: TwinApi;
  user: SignedInUser;
  onChanged(): void;
  onSignOut(): void;
}

export function ForcedPasswordChange({ api, user, onChanged, onSignOut }: ForcedPasswordChangeProps) {
  const { t } = useI18n();
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="forced-title">
        <div className="login-head">
          <span className="brand-name">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h2 id="forced-title">{t('password.forcedTitle')}</h2>
        <p className="login-subtitle">
          {t('password.forcedText')} ({user.displayName} · {user.username})
        </p>
        <ChangePasswordForm api={api} username={user.username} oneTime onChanged={onChanged} />
        <button type="button" className="link-button" onClick={onSignOut}>
          {t('session.signOut')}
        </button>
      </section>
    </main>
  );
}

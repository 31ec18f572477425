// A role that must use two-step verification (TOTP_REQUIRED_ROLES) and has none yet: nothing else
// opens until it is set up.
import '../../ui/workPage.css';
import type { SignedInUser, TwinApi } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { TotpEnrolment } from '../account/TotpEnrolment';

export interface ForcedTotpEnrolmentProps {
  api: TwinApi;
  user: SignedInUser;
  onEnrolled(): void;
  onSignOut(): void;
}

export function ForcedTotpEnrolment({ api, user, onEnrolled, onSignOut }: ForcedTotpEnrolmentProps) {
  const { t } = useI18n();
  return (
    <main className="login-page">
      <section className="login-card totp-card" aria-labelledby="totp-forced-title">
        <div className="login-head">
          <span className="brand-name">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h2 id="totp-forced-title">{t('totp.forcedTitle')}</h2>
        <p className="login-subtitle">
          {t('totp.forcedText', { role: t(`role.${user.role}` as MessageKey) })} ({user.displayName} · {user.username})
        </p>
        <TotpEnrolment api={api} onDone={onEnrolled} />
        <button type="button" className="link-button" onClick={onSignOut}>
          {t('session.signOut')}
        </button>
      </section>
    </main>
  );
}

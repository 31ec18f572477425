// The signed-in user and the sign-out button, for page headers.
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n';
import { useSession } from './session';

export function UserBadge() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  return (
    <div className="user-badge">
      <span className="user-name">
        {t('session.user', { name: user.displayName, role: t(`role.${user.role}` as MessageKey) })}
      </span>
      <button type="button" className="sign-out" onClick={() => void signOut()}>
        {t('session.signOut')}
      </button>
    </div>
  );
}

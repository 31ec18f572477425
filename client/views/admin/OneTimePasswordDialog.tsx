// A one-time password, shown once: the administrator hands it over and the user changes it at first
// sign-in. Nothing keeps it after the dialog closes.
import { useState } from 'react';
import type { AccountWithPassword } from '../../api/accountsApi';
import { useI18n } from '../../i18n';

export function OneTimePasswordDialog({ result, onClose }: { result: AccountWithPassword; onClose(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard?.writeText(result.oneTimePassword).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="modal-backdrop">
      <div className="modal work-card" role="dialog" aria-modal="true" aria-labelledby="otp-title">
        <h2 id="otp-title">{t('admin.otp.title')}</h2>
        <p>{t('admin.otp.text', { name: result.user.displayName, username: result.user.username })}</p>
        <p className="one-time-password" data-testid="one-time-password">
          {result.oneTimePassword}
        </p>
        <div className="form-buttons">
          <button type="button" onClick={() => void copy()}>
            {copied ? t('admin.otp.copied') : t('admin.otp.copy')}
          </button>
          <button type="button" className="primary" onClick={onClose}>
            {t('admin.otp.done')}
          </button>
        </div>
      </div>
    </div>
  );
}

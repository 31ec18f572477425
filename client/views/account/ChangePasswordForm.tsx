// Changing one's own password (修改密码): the current one, the new one twice, the policy stated up
// front, and each refusal told in the user's language.
import { type FormEvent, useState } from 'react';
import { ApiError, type TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { localProblem, serverProblem } from './passwordProblems';

export interface ChangePasswordFormProps {
  api: TwinApi;
  username: string;
  /** The current password is a one-time one (the first sign-in). */
  oneTime?: boolean;
  onChanged(): void;
}

export function ChangePasswordForm({ api, username, oneTime = false, onChanged }: ChangePasswordFormProps) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = localProblem(username, next, confirm);
    if (local) return setError(t(local));
    setBusy(true);
    setError(null);
    try {
      await api.accounts.changeOwnPassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      onChanged();
    } catch (err) {
      const known = err instanceof ApiError ? serverProblem(err.code, err.fields) : null;
      setError(known ? t(known) : t('password.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="password-form" onSubmit={submit}>
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <label>
        <span>{t(oneTime ? 'password.currentOneTime' : 'password.current')}</span>
        <input
          name="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </label>
      <label>
        <span>{t('password.new')}</span>
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </label>
      <label>
        <span>{t('password.confirm')}</span>
        <input
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          required
        />
      </label>
      <p className="form-hint">{t('password.policy')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !current || !next || !confirm}>
        {busy ? t('password.submitting') : t('password.submit')}
      </button>
    </form>
  );
}

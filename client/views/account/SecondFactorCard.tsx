// One's two-step verification on the account page: its state, setting it up, and turning it off
// (password and a code), unless the role must keep it.
import { type FormEvent, useState } from 'react';
import { ApiError, type TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { useResource } from '../../ui/useResource';
import { TotpEnrolment } from './TotpEnrolment';

export function SecondFactorCard({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const state = useResource((signal) => api.me(signal), [api, version]);
  const enabled = state.data?.totpEnabled === true;
  const required = state.data?.totpRequired === true;
  const reload = (message: string | null) => {
    setDone(message);
    setVersion((v) => v + 1);
  };

  return (
    <section className="work-card">
      <h2>{t('totp.title')}</h2>
      {state.status === 'ready' && (
        <>
          <p className={enabled ? 'form-ok' : 'form-hint'}>{t(enabled ? 'totp.on' : 'totp.off')}</p>
          {done && (
            <p className="form-ok" role="status">
              {done}
            </p>
          )}
          {!enabled && <TotpEnrolment api={api} onDone={() => reload(null)} />}
          {enabled && required && <p className="form-hint">{t('totp.requiredNote')}</p>}
          {enabled && !required && <TurnOff api={api} onOff={() => reload(t('totp.disabled'))} />}
        </>
      )}
    </section>
  );
}

function TurnOff({ api, onOff }: { api: TwinApi; onOff(): void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const factor = /^\d{6}$/.test(code) ? { totp: code } : { recoveryCode: code.trim() };
      await api.accounts.totpDisable(password, factor);
      onOff();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_password') setError(t('password.wrongCurrent'));
      else if (err instanceof ApiError && err.code === 'totp_invalid') setError(t('login.totp_invalid'));
      else setError(t('totp.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="password-form" onSubmit={submit}>
      <p className="form-hint">{t('totp.disableText')}</p>
      <label>
        <span>{t('password.current')}</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <label>
        <span>
          {t('totp.code')} / {t('totp.recoveryCode')}
        </span>
        <input autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !password || !code}>
        {busy ? t('totp.disabling') : t('totp.disable')}
      </button>
    </form>
  );
}

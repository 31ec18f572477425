// The sign-in page (登录). Errors are the server's codes, told in the user's language.
import { type FormEvent, useState } from 'react';
import { ApiError, type SignInAnswer, type TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { CITY_ZONE } from '../../ui/caseFormat';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

export function LoginPage({ api, onSignedIn }: { api: TwinApi; onSignedIn(answer: SignInAnswer): void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The second step, for an account with two-step verification: the app's code, or a recovery code.
  const [factor, setFactor] = useState<'none' | 'totp' | 'recovery'>('none');
  const [code, setCode] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const second =
        factor === 'totp' ? { totp: code } : factor === 'recovery' ? { recoveryCode: code.trim() } : undefined;
      onSignedIn(await api.login(username.trim(), password, second));
    } catch (err) {
      setError(describe(err));
      setCode('');
      if (err instanceof ApiError && err.code === 'totp_required') setFactor('totp');
      else if (!(err instanceof ApiError && err.code.startsWith('totp_'))) {
        setPassword('');
        setFactor('none');
      }
    } finally {
      setBusy(false);
    }
  }

  function describe(err: unknown): string {
    if (!(err instanceof ApiError))
      return t('login.failed', { message: err instanceof Error ? err.message : String(err) });
    if (err.code === 'invalid_credentials') return t('login.invalid_credentials');
    if (err.code === 'rate_limited') return t('login.rate_limited');
    if (err.code === 'totp_required' || err.code === 'totp_invalid' || err.code === 'totp_unavailable')
      return t(`login.${err.code}`);
    if (err.code === 'locked') {
      const until = err.message.match(/\d{4}-\d\d-\d\dT[\d:.]+Z/)?.[0];
      const time = until
        ? new Date(until).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
            hour: '2-digit',
            minute: '2-digit',
            timeZone: CITY_ZONE,
          })
        : '';
      return t('login.locked', { time });
    }
    return t('login.failed', { message: err.message });
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 className="brand-name">{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <h2 id="login-title">{t('login.title')}</h2>
        <p className="login-subtitle">{t('login.subtitle')}</p>
        <label>
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: signing in is the page's only task; the cursor waits in the first field, as on any login form
            autoFocus
          />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {factor !== 'none' && (
          <>
            <label>
              <span>{t(factor === 'totp' ? 'totp.code' : 'totp.recoveryCode')}</span>
              <input
                name={factor === 'totp' ? 'totp' : 'recovery-code'}
                inputMode={factor === 'totp' ? 'numeric' : 'text'}
                autoComplete="one-time-code"
                value={code}
                onChange={(e) =>
                  setCode(factor === 'totp' ? e.target.value.replace(/\D/g, '').slice(0, 6) : e.target.value)
                }
                required
                // biome-ignore lint/a11y/noAutofocus: the code is the one thing the page waits for now
                autoFocus
              />
            </label>
            <button
              type="button"
              className="secondary-link"
              onClick={() => {
                setFactor(factor === 'totp' ? 'recovery' : 'totp');
                setCode('');
              }}
            >
              {t(factor === 'totp' ? 'totp.useRecovery' : 'totp.useCode')}
            </button>
          </>
        )}
        {error && (
          <p className="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !username || !password || (factor !== 'none' && !code)}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
